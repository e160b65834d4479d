"""Facts read from the store page by page, so the N-Triples export can stream.

``Store.facts()`` builds every Fact at once (and sorts them for people); an
export of a large graph only needs them one at a time. This reads each
relation's edges in pages ordered by fact id, through the store's public
``query``, and yields Facts as the store would build them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kg.graph.edges import fact_from_props
from kg.graph.model import RELATIONS, Fact
from kg.graph.schema import edge_columns

PAGE_SIZE = 10_000


def iter_facts(store: Any, page_size: int = PAGE_SIZE) -> Iterator[Fact]:
    """Every fact of the store, relation by relation, in fact-id order."""
    entities = {e.id: e for e in store.entities()}
    docs = store.documents()
    for rel in RELATIONS.values():
        columns = list(edge_columns(rel))
        cypher = (f"MATCH (a)-[r:{rel.name}]->(b) RETURN a.id, b.id, "
                  + ", ".join(f"r.`{c}`" for c in columns)
                  + " ORDER BY r.fact_id SKIP $skip LIMIT $limit")
        skip = 0
        while True:
            _, rows = store.query(cypher, {"skip": skip, "limit": page_size})
            for row in rows:
                props = dict(zip(columns, row[2:], strict=True))
                yield fact_from_props(rel.name, entities[row[0]], entities[row[1]], props, docs)
            if len(rows) < page_size:
                break
            skip += page_size
