"""The embedded graph store (LadybugDB): one transaction per document.

Writers hold LadybugDB's file lock for as long as the store is open, so a
second ``kg ingest`` fails fast with StoreLocked; readers open read-only.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import ladybug as lb
from platformdirs import user_data_path

from kg.errors import KgError, QueryError, StoreError, StoreLocked
from kg.graph.edges import FactEdges, fact_from_props
from kg.graph.model import ENTITY_TYPES, RELATIONS, Document, Entity, Fact
from kg.graph.schema import ddl, edge_columns

DB_FILE = "graph.lbug"


def default_store_path() -> Path:
    """``$KG_STORE``, else the per-user data directory (``~/.local/share/kg/store``)."""
    env = os.environ.get("KG_STORE")
    return Path(env) if env else user_data_path("kg") / "store"


@dataclass(frozen=True)
class WriteResult:
    """What writing one document did: facts new to the store, and facts it confirmed."""

    document: Document
    added: int = 0
    merged: int = 0
    skipped: bool = False
    undated: int = 0  # facts whose relative date had no publication date to resolve against


@dataclass
class ResolvedClaim:
    """A claim whose subject and object are resolved entities (see kg.ingest)."""

    relation: str
    subject: Entity
    object: Entity
    qualifiers: dict[str, Any]
    evidence: str
    confidence: float
    extractor: str


def kg_version() -> str:
    """The installed version of kg (recorded with each extraction run)."""
    try:
        return metadata.version("kg")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "0+unknown"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store(FactEdges):
    """A LadybugDB database in a directory. Use :func:`open_store`."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        db_file = self.path / DB_FILE
        if read_only and not db_file.exists():
            raise StoreError(f"{self.path}: no kg store here yet (run `kg ingest` first)")
        try:
            if not read_only:
                self.path.mkdir(parents=True, exist_ok=True)
            self._db = lb.Database(str(db_file), read_only=read_only)
            self._conn = lb.Connection(self._db)
        except RuntimeError as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(
                    f"{self.path}: the store is locked by another kg process; try again when it ends"
                ) from None
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from None
        if not read_only:
            for statement in ddl():
                self._conn.execute(statement)

    def close(self) -> None:
        self._conn.close()
        self._db.close()

    # -- low level ---------------------------------------------------------

    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        result = self._conn.execute(cypher, params or {})
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return rows

    def _execute(self, cypher: str, params: dict[str, Any]) -> None:
        self._conn.execute(cypher, params)

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list]:
        """Run a Cypher query; returns column names and rows."""
        try:
            result = self._conn.execute(cypher, params or {})
        except RuntimeError as exc:
            raise QueryError(str(exc).splitlines()[0]) from None
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return columns, rows

    # -- writing -----------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return bool(self._rows("MATCH (d:Document {id: $id}) RETURN d.id", {"id": doc_id}))

    def write(self, document: Document, claims: list[ResolvedClaim],
              mentions: Iterable[Entity] = (),
              renames: Iterable[tuple[Entity, Entity]] = ()) -> WriteResult:
        """Write one document and its claims atomically.

        The document MENTIONS every entity of its claims and every entity in
        ``mentions`` (those it names without a fact about them). A document
        already in the store (same sha256) is skipped, so ingesting twice
        changes nothing. ``renames`` (old, new) re-key store entities first,
        moving their facts and mentions. On any error the transaction is rolled back and the
        store is as it was.
        """
        if self.has_document(document.id):
            return WriteResult(document, skipped=True)
        self._conn.execute("BEGIN TRANSACTION")
        try:
            for old, new in renames:
                # A store entity re-keyed by the resolver (kg.graph.resolver).
                if self._rows(f"MATCH (e:{old.type} {{id: $id}}) RETURN e.id", {"id": old.id}):
                    self._merge_entities(old, new)
            added, merged = self._write_document(document, claims, mentions)
            self._conn.execute("COMMIT")
        except BaseException as exc:
            self._conn.execute("ROLLBACK")
            if isinstance(exc, KgError | KeyboardInterrupt):
                raise
            raise StoreError(f"{document.path}: writing failed, store unchanged: {exc}") from exc
        return WriteResult(document, added=added, merged=merged)

    def _write_document(self, document: Document, claims: list[ResolvedClaim],
                        mentions: Iterable[Entity] = ()) -> tuple[int, int]:
        now = _now()
        self._conn.execute(
            "CREATE (d:Document {id: $id, path: $path, published: $published, lang: $lang, "
            "title: $title, ingested_at: $now, url: $url, extractors: $extractors, "
            "kg_version: $kg_version})",
            {"id": document.id, "path": document.path, "published": document.published,
             "lang": document.lang, "title": document.title, "now": now, "url": document.url,
             # The extraction run, so each source's evidence can name what produced it.
             "extractors": sorted({c.extractor for c in claims if c.extractor}),
             "kg_version": kg_version()},
        )
        entities = {c.subject.id: c.subject for c in claims} | {c.object.id: c.object for c in claims}
        for entity in mentions:
            entities.setdefault(entity.id, entity)
        for entity in entities.values():
            self._upsert_entity(entity)
            self._conn.execute(
                f"MATCH (d:Document {{id: $doc}}), (e:{entity.type} {{id: $id}}) "
                "CREATE (d)-[:MENTIONS]->(e)",
                {"doc": document.id, "id": entity.id},
            )
        return self._write_facts(document, claims, now)

    def _upsert_entity(self, entity: Entity) -> None:
        rows = self._rows(f"MATCH (e:{entity.type} {{id: $id}}) RETURN e.aliases", {"id": entity.id})
        if rows:
            known = rows[0][0] or []
            aliases = list(dict.fromkeys([*known, *entity.aliases]))
            if aliases != known:
                self._conn.execute(
                    f"MATCH (e:{entity.type} {{id: $id}}) SET e.aliases = $aliases",
                    {"id": entity.id, "aliases": aliases},
                )
            return
        self._conn.execute(
            f"CREATE (e:{entity.type} {{id: $id, name: $name, aliases: $aliases, "
            "wikidata: $wikidata, parent: $parent, description: $description})",
            {"id": entity.id, "name": entity.name, "aliases": list(entity.aliases),
             "wikidata": entity.wikidata, "parent": entity.parent,
             "description": entity.description},
        )

    # -- merging entities -------------------------------------------------

    def merge_entities(self, source: Entity, target: Entity) -> int:
        """Fold ``source`` into ``target`` atomically: its edges (with their
        sources and evidence), the documents that mention it and its names
        move to ``target``, and ``source`` is deleted. Returns the number of
        edges moved. An edge that becomes a duplicate of one of ``target``'s
        joins it, as a second report of a fact would.
        """
        if source.type != target.type:
            raise KgError(f"cannot merge {source.name} ({source.type}) into {target.name} ({target.type})")
        if source.id == target.id:
            raise KgError(f"{source.name} and {target.name} are the same entity")
        self._conn.execute("BEGIN TRANSACTION")
        try:
            moved = self._merge_entities(source, target)
            self._conn.execute("COMMIT")
        except BaseException as exc:
            self._conn.execute("ROLLBACK")
            if isinstance(exc, KgError | KeyboardInterrupt):
                raise
            raise StoreError(f"merging {source.name} into {target.name} failed, store unchanged: "
                             f"{exc}") from exc
        return moved

    def _merge_entities(self, source: Entity, target: Entity) -> int:
        entities = {e.id: e for e in self.entities()}
        target = entities.get(target.id, target)
        mentioned_by = [r[0] for r in self._rows(
            f"MATCH (d:Document)-[:MENTIONS]->(s:{source.type} {{id: $id}}) RETURN d.id",
            {"id": source.id})]
        merged = Entity(target.id, target.type, target.name,
                        tuple(dict.fromkeys([*target.aliases, source.name, *source.aliases])),
                        target.wikidata or source.wikidata, target.parent or source.parent,
                        target.description or source.description)
        self._upsert_entity(merged)
        # Each edge's reports are rewritten onto the target's pair, where they
        # join the target's edges by the usual rule (kg.graph.identity).
        moved = self._rehome_edges(source, merged)
        self._conn.execute(f"MATCH (s:{source.type} {{id: $id}}) DETACH DELETE s", {"id": source.id})
        for doc in mentioned_by:
            if not self._rows(f"MATCH (d:Document {{id: $doc}})-[:MENTIONS]->(e:{target.type} {{id: $id}}) "
                              "RETURN d.id", {"doc": doc, "id": target.id}):
                self._conn.execute(f"MATCH (d:Document {{id: $doc}}), (e:{target.type} {{id: $id}}) "
                                   "CREATE (d)-[:MENTIONS]->(e)", {"doc": doc, "id": target.id})
        return moved

    # -- reading -----------------------------------------------------------

    def documents(self) -> dict[str, Document]:
        try:
            rows = self._rows("MATCH (d:Document) RETURN d.id, d.path, d.published, d.lang, d.title, "
                              "d.url")
        except RuntimeError:  # a store written before documents had a url, opened read-only
            rows = [[*r, None] for r in self._rows(
                "MATCH (d:Document) RETURN d.id, d.path, d.published, d.lang, d.title")]
        return {
            r[0]: Document(id=r[0], path=r[1], text="", lang=r[3], published=r[2], title=r[4],
                           url=r[5])
            for r in rows
        }

    def entities(self) -> list[Entity]:
        out = []
        for label in ENTITY_TYPES:
            for r in self._rows(
                f"MATCH (e:{label}) RETURN e.id, e.name, e.aliases, e.wikidata, e.parent, "
                "e.description ORDER BY e.id"
            ):
                out.append(Entity(id=r[0], type=label, name=r[1], aliases=tuple(r[2] or ()),
                                  wikidata=r[3], parent=r[4], description=r[5]))
        return out

    def facts(self, relation: str | None = None) -> list[Fact]:
        """Every fact edge (of one relation type), ordered by relation, subject, object."""
        entities = {e.id: e for e in self.entities()}
        docs = self.documents()
        out: list[Fact] = []
        for rel in RELATIONS.values():
            if relation and rel.name != relation:
                continue
            columns = list(edge_columns(rel))
            for row in self._rows(
                f"MATCH (a)-[r:{rel.name}]->(b) RETURN a.id, b.id, "
                + ", ".join(f"r.`{c}`" for c in columns)
            ):
                props = dict(zip(columns, row[2:], strict=True))
                out.append(fact_from_props(rel.name, entities[row[0]], entities[row[1]],
                                           props, docs))
        out.sort(key=lambda f: (f.relation, f.subject.name, f.object.name, f.qualifiers.get("date") or ""))
        return out

    def counts(self) -> dict[str, int]:
        """Number of nodes per label and of edges per relation type."""
        out = {}
        for label in (*ENTITY_TYPES, "Document"):
            out[label] = self._rows(f"MATCH (n:{label}) RETURN count(n)")[0][0]
        for name in (*RELATIONS, "MENTIONS"):
            out[name] = self._rows(f"MATCH ()-[r:{name}]->() RETURN count(r)")[0][0]
        return out


@contextmanager
def open_store(path: str | Path | None = None, *, read_only: bool = False) -> Iterator[Store]:
    """Open the store at ``path`` (default: :func:`default_store_path`) and close it after."""
    store = Store(path or default_store_path(), read_only=read_only)
    try:
        yield store
    finally:
        store.close()
