"""The embedded store's DDL, generated from the fact model."""

from __future__ import annotations

from kg.graph.model import EDGE_PROPERTIES, ENTITY_TYPES, RELATIONS, Relation

ENTITY_COLUMNS = {
    "id": "STRING",
    "name": "STRING",
    "aliases": "STRING[]",
    "wikidata": "STRING",
    "parent": "STRING",
    "description": "STRING",
}
DOCUMENT_COLUMNS = {
    "id": "STRING",
    "path": "STRING",
    "published": "STRING",
    "lang": "STRING",
    "title": "STRING",
    "ingested_at": "STRING",
    "url": "STRING",
    # The extraction run that read the document: its extractors and kg's version.
    "extractors": "STRING[]",
    "kg_version": "STRING",
}
# Every file a writer read a stored document from, as it was then (its size and
# modification time): a rerun of `kg ingest` skips the files that still match
# without reading them.
FILE_COLUMNS = {
    "path": "STRING",  # absolute
    "size": "INT64",
    "mtime_ns": "INT64",
    "doc": "STRING",  # the Document's id
}
# Columns added after stores were first written: added to older stores on open.
ADDED_DOCUMENT_COLUMNS = ("url", "extractors", "kg_version")


def _columns(columns: dict[str, str]) -> str:
    # Backticks because some qualifier names (count, date, round) are Cypher words.
    return ", ".join(f"`{name}` {kind}" for name, kind in columns.items())


def edge_columns(rel: Relation) -> dict[str, str]:
    """Store columns of a relation's edge table: identity, qualifiers, provenance."""
    cols = {"fact_id": EDGE_PROPERTIES["fact_id"]}
    cols.update({q.name: q.lbug_type for q in rel.qualifier_specs()})
    cols.update({k: v for k, v in EDGE_PROPERTIES.items() if k != "fact_id"})
    return cols


def ddl() -> list[str]:
    """CREATE statements for every node and rel table, in dependency order."""
    statements = [
        f"CREATE NODE TABLE IF NOT EXISTS {label}({_columns(ENTITY_COLUMNS)}, PRIMARY KEY(id))"
        for label in ENTITY_TYPES
    ]
    statements.append(
        f"CREATE NODE TABLE IF NOT EXISTS Document({_columns(DOCUMENT_COLUMNS)}, PRIMARY KEY(id))"
    )
    statements.extend(
        f"ALTER TABLE Document ADD IF NOT EXISTS `{name}` {DOCUMENT_COLUMNS[name]}"
        for name in ADDED_DOCUMENT_COLUMNS
    )
    for rel in RELATIONS.values():
        pairs = ", ".join(
            f"FROM {s} TO {o}" for s in rel.subject_types for o in rel.object_types
        )
        statements.append(
            f"CREATE REL TABLE IF NOT EXISTS {rel.name}({pairs}, {_columns(edge_columns(rel))})"
        )
    pairs = ", ".join(f"FROM Document TO {label}" for label in ENTITY_TYPES)
    statements.append(f"CREATE REL TABLE IF NOT EXISTS MENTIONS({pairs})")
    statements.append(f"CREATE NODE TABLE IF NOT EXISTS File({_columns(FILE_COLUMNS)}, PRIMARY KEY(path))")
    return statements
