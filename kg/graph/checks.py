"""Verifying a store: every table opens, every row decodes, the facts agree with the documents.

Used by ``kg check`` and by writers before they write into an existing store
(:meth:`kg.graph.store.Store.problems`). Each check reads through the engine,
so a garbled page shows up as the engine's (or the decoder's) error on the
table it belongs to, not as a traceback later.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kg.graph.model import ENTITY_TYPES, RELATIONS
from kg.graph.schema import edge_columns

if TYPE_CHECKING:
    from kg.graph.store import Store

EDGE_KEYS = ("fact_id", "sources", "evidence")
_READ_ERRORS = (RuntimeError, UnicodeDecodeError, ValueError, KeyError, TypeError)


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}".rstrip(": ")


def _scan(store: Store, table: str, count_query: str, rows_query: str,
          problems: list[str]) -> list[list] | None:
    """All rows of one table, or None (and a problem) when they cannot be read."""
    try:
        (count,) = store._rows(count_query)[0]
        rows = store._rows(rows_query)
    except _READ_ERRORS as exc:
        problems.append(f"table {table}: its rows cannot be read ({_why(exc)})")
        return None
    if len(rows) != count:
        problems.append(f"table {table}: counts {count} rows but {len(rows)} could be read")
    return rows


def _columns(store: Store, table: str) -> list[str]:
    """The table's columns as stored (a store written by an older kg may lack newer ones)."""
    try:
        return [row[0] for row in store._rows(f"CALL table_info('{table}') RETURN name")]
    except _READ_ERRORS:
        return ["id"] if table in ("Document", *ENTITY_TYPES) else list(EDGE_KEYS)


def store_problems(store: Store) -> list[str]:
    """Every problem found, one line each (empty: the store is fine)."""
    problems: list[str] = []
    try:
        tables = store.table_names()
    except _READ_ERRORS as exc:
        return [f"the list of tables cannot be read ({_why(exc)})"]
    expected = [*ENTITY_TYPES, "Document", *RELATIONS, "MENTIONS"]
    problems += [f"table {name} is missing" for name in expected if name not in tables]

    documents: set[str] = set()
    if "Document" in tables:
        rows = _scan(store, "Document", "MATCH (d:Document) RETURN count(d)",
                     "MATCH (d:Document) RETURN d.id, "
                     + ", ".join(f"d.`{c}`" for c in _columns(store, "Document")), problems)
        documents = {r[0] for r in rows or []}
    for label in ENTITY_TYPES:
        if label in tables:
            _scan(store, label, f"MATCH (e:{label}) RETURN count(e)",
                  f"MATCH (e:{label}) RETURN "
                  + ", ".join(f"e.`{c}`" for c in _columns(store, label)), problems)

    mentions: set[tuple[str, str]] = set()
    if "MENTIONS" in tables:
        rows = _scan(store, "MENTIONS", "MATCH ()-[m:MENTIONS]->() RETURN count(m)",
                     "MATCH (d)-[m:MENTIONS]->(e) RETURN d.id, e.id", problems)
        mentions = {(r[0], r[1]) for r in rows or []}
        for doc, _ in mentions - {(d, e) for d, e in mentions if d in documents}:
            problems.append(f"MENTIONS: document {doc} is not in the store")

    for rel in RELATIONS.values():
        if rel.name not in tables:
            continue
        columns = [c for c in _columns(store, rel.name) if c in edge_columns(rel)]
        rows = _scan(store, rel.name, f"MATCH ()-[r:{rel.name}]->() RETURN count(r)",
                     f"MATCH (a)-[r:{rel.name}]->(b) RETURN a.id, b.id, "
                     + ", ".join(f"r.`{c}`" for c in columns), problems)
        ids: Counter[str] = Counter()
        for row in rows or []:
            props = dict(zip(columns, row[2:], strict=True))
            fact = props["fact_id"]
            ids[fact] += 1
            sources, evidence = props["sources"] or [], props["evidence"] or []
            if not sources:
                problems.append(f"{rel.name} {fact}: the fact has no source")
            if len(sources) != len(evidence):
                problems.append(f"{rel.name} {fact}: {len(sources)} sources but "
                                f"{len(evidence)} evidence entries")
            for doc in sources:
                if doc not in documents:
                    problems.append(f"{rel.name} {fact}: source document {doc} is not in the store")
                elif (doc, row[0]) not in mentions or (doc, row[1]) not in mentions:
                    problems.append(f"{rel.name} {fact}: source document {doc} does not "
                                    "mention both ends of the fact")
        problems += [f"{rel.name} {fact}: {n} edges share this fact id"
                     for fact, n in ids.items() if n > 1]
    return problems
