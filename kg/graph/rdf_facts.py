"""Facts read from the store page by page, so the N-Triples export can stream.

``Store.facts()`` builds every Fact at once (and sorts them for people); an
export of a large graph only needs them one at a time. This reads each
relation's edges in pages ordered by fact id, through the store's public
``query``, and yields Facts as the store would build them. It also reads
what the export derives from more than one fact or from documents: each
document's extraction run, and round totals shared between co-investors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kg.errors import QueryError
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


def incident_facts(store: Any, entity_ids: set[str], entities: dict[str, Any],
                   documents: dict[str, Any]) -> list[Fact]:
    """The facts with one of ``entity_ids`` at either end (what a write to them can change)."""
    facts: list[Fact] = []
    ids = sorted(entity_ids)
    for rel in RELATIONS.values():
        columns = list(edge_columns(rel))
        cypher = (f"MATCH (a)-[r:{rel.name}]->(b) WHERE a.id IN $ids OR b.id IN $ids "
                  "RETURN a.id, b.id, " + ", ".join(f"r.`{c}`" for c in columns))
        _, rows = store.query(cypher, {"ids": ids})
        for row in rows:
            props = dict(zip(columns, row[2:], strict=True))
            facts.append(fact_from_props(rel.name, entities[row[0]], entities[row[1]], props,
                                         documents))
    return facts


@dataclass(frozen=True)
class Run:
    """The extraction run that read one document: when, with what, by which kg."""

    ingested_at: str | None = None
    extractors: tuple[str, ...] = ()
    kg_version: str | None = None


def document_runs(store: Any, doc_ids: list[str] | None = None) -> dict[str, Run]:
    """The run of every document of a store (or of ``doc_ids``), by document id."""
    where, params = ("WHERE d.id IN $ids ", {"ids": doc_ids}) if doc_ids is not None else ("", {})
    try:
        _, rows = store.query(f"MATCH (d:Document) {where}RETURN d.id, d.ingested_at, "
                              "d.extractors, d.kg_version", params)
    except QueryError:  # a store written before runs were recorded, opened read-only
        _, rows = store.query(f"MATCH (d:Document) {where}RETURN d.id, d.ingested_at, NULL, NULL",
                              params)
    return {r[0]: Run(r[1] or None, tuple(sorted(r[2] or ())), r[3] or None) for r in rows}


# Co-investors with one amount, currency and sentence: the amount is the round's.
SHARED_AMOUNT_CYPHER = """
MATCH (a)-[r:INVESTED_IN]->(b:Organization), (c)-[r2:INVESTED_IN]->(b)
WHERE c.id <> a.id AND r.amount IS NOT NULL AND r2.amount = r.amount
  AND r2.currency = r.currency AND any(e IN r.evidence WHERE e IN r2.evidence)
RETURN DISTINCT r.fact_id
"""


def shared_round_totals(store: Any, entity_ids: set[str] | None = None) -> set[str]:
    """Ids of investment facts whose amount is a round total shared with co-investors
    (of those with one of ``entity_ids`` at an end, when given)."""
    if entity_ids is None:
        _, rows = store.query(SHARED_AMOUNT_CYPHER)
        return {row[0] for row in rows}
    # Their co-investors are the investors in the same companies: start from those
    # (a filter on either end of the first edge makes the engine join every pair first).
    ids = sorted(entity_ids)
    _, rows = store.query("MATCH (a)-[r:INVESTED_IN]->(b) WHERE a.id IN $ids RETURN DISTINCT b.id",
                          {"ids": ids})
    targets = sorted({row[0] for row in rows} | entity_ids)
    _, rows = store.query(SHARED_AMOUNT_CYPHER.replace(
        "MATCH (a)-[r:INVESTED_IN]->(b:Organization)",
        "MATCH (b:Organization) WHERE b.id IN $targets MATCH (a)-[r:INVESTED_IN]->(b)"),
        {"targets": targets})
    return {row[0] for row in rows}
