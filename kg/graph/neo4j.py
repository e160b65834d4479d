"""Copy the embedded graph into Neo4j: idempotent, batched, resumable.

Every write is ``UNWIND $rows AS row MERGE (key) SET ...`` inside a managed
write transaction (``session.execute_write``), so the driver retries
transient failures and a retried or repeated batch changes nothing: nodes are
keyed on their ``id`` (uniqueness constraints created first, derived from the
model), fact edges on their ``fact_id``, MENTIONS on the pair it joins. An
interrupted push is completed by pushing again.

Connection settings follow cypher-shell: flags, else ``NEO4J_URI``,
``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import neo4j
from neo4j import exceptions as nx

from kg.errors import Neo4jAuthError, Neo4jUnavailable, QueryError, SyncError, first_line
from kg.graph.captions import money
from kg.graph.model import ENTITY_TYPES, RELATIONS, Fact
from kg.graph.schema import DOCUMENT_COLUMNS, ENTITY_COLUMNS, edge_columns
from kg.graph.store import Store

DEFAULT_URI = "neo4j://localhost:7687"
DEFAULT_BATCH = 2000
DOCUMENT = "Document"
# Every node label kg writes carries a unique ``id``; MERGE looks nodes up by it.
NODE_LABELS = (*ENTITY_TYPES, DOCUMENT)

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class Settings:
    """Where and as whom to connect. ``database=None`` means the user's home database.

    ``notifications``: let the server's notifications (warnings about unknown
    labels or properties, deprecations, ...) through to the ``neo4j.notifications``
    logger; off by default, because they are long and say nothing a user can act on.
    """

    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str | None = None
    database: str | None = None
    notifications: bool = False

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None,
                 password: str | None = None, database: str | None = None,
                 notifications: bool = False) -> Settings:
        """Given values, else the variables cypher-shell reads, else the defaults."""
        env = os.environ
        return cls(
            uri=uri or env.get("NEO4J_URI") or env.get("NEO4J_ADDRESS") or DEFAULT_URI,
            # NEO4J_USER is a common misspelling in third-party docs; accept it too.
            user=user or env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or "neo4j",
            password=password if password is not None else env.get("NEO4J_PASSWORD"),
            database=database or env.get("NEO4J_DATABASE") or None,
            notifications=notifications,
        )


@dataclass
class PushResult:
    """Rows sent and what the server reports it changed (zero on a repeat push)."""

    nodes: int = 0
    relationships: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    batches: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether the push changed anything in Neo4j (a repeat push changes nothing)."""
        return bool(self.nodes_created or self.relationships_created or self.properties_set)

    def add(self, kind: str, rows: int, counters: Any) -> None:
        if kind in NODE_LABELS:
            self.nodes += rows
        else:
            self.relationships += rows
        self.by_kind[kind] = self.by_kind.get(kind, 0) + rows
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.properties_set += counters.properties_set
        self.batches += 1


# -- errors ------------------------------------------------------------------


def _translate(exc: Exception, settings: Settings) -> SyncError:
    """One line a user can act on, for the failures people actually meet."""
    where = settings.uri
    first = first_line(exc, getattr(exc, "message", None))
    if isinstance(exc, nx.AuthError):
        return Neo4jAuthError(f"Neo4j at {where} refused user {settings.user!r}: {first}")
    if isinstance(exc, nx.ServiceUnavailable | nx.SessionExpired | OSError):
        return Neo4jUnavailable(f"cannot reach Neo4j at {where}: {first}")
    code = getattr(exc, "code", None) or ""
    if code.endswith("DatabaseNotFound"):
        return SyncError(f"Neo4j at {where} has no database {settings.database!r}")
    if isinstance(exc, nx.ConfigurationError | ValueError):
        return SyncError(f"bad Neo4j connection settings ({where}): {first}")
    return SyncError(f"Neo4j at {where}: {first}")


@contextmanager
def connect(settings: Settings) -> Iterator[neo4j.Driver]:
    """A verified driver; connection and credential problems become SyncError."""
    if settings.password is None:
        raise Neo4jAuthError("no Neo4j password: set NEO4J_PASSWORD (never pass it as a flag)")
    try:
        severity = None if settings.notifications else neo4j.NotificationMinimumSeverity.OFF
        driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                            notifications_min_severity=severity)
    except (nx.ConfigurationError, ValueError) as exc:
        raise _translate(exc, settings) from None
    try:
        try:
            driver.verify_connectivity()
            # Asking the database itself catches an unknown --database up front.
            driver.execute_query("RETURN 1", database_=settings.database)
        except (nx.Neo4jError, nx.DriverError, OSError) as exc:
            raise _translate(exc, settings) from None
        yield driver
    finally:
        driver.close()


@contextmanager
def _driver_for(target: neo4j.Driver | Settings) -> Iterator[neo4j.Driver]:
    if isinstance(target, Settings):
        with connect(target) as driver:
            yield driver
    else:
        yield target


# -- rows from the embedded store ----------------------------------------------


def constraint_statements() -> list[str]:
    """Uniqueness constraints on ``id`` for every node label (Community Edition has these)."""
    return [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in NODE_LABELS
    ]


def node_rows(store: Store, label: str, ids: set[str] | None = None) -> list[dict[str, Any]]:
    """Every node of a label as ``{"id": ..., "props": {...}}``, columns from the schema."""
    columns = list(DOCUMENT_COLUMNS if label == DOCUMENT else ENTITY_COLUMNS)
    _, rows = store.query(
        f"MATCH (n:{label}) RETURN " + ", ".join(f"n.`{c}`" for c in columns) + " ORDER BY n.id"
    )
    out = []
    for row in rows:
        props = dict(zip(columns, row, strict=True))
        if ids is None or props["id"] in ids:
            out.append({"id": props["id"], "props": props})
    return out


def mention_rows(store: Store, label: str, doc_ids: set[str] | None = None) -> list[dict[str, Any]]:
    """MENTIONS edges from documents to entities of one label."""
    _, rows = store.query(f"MATCH (d:Document)-[:MENTIONS]->(e:{label}) RETURN d.id, e.id")
    return [{"s": d, "o": e} for d, e in rows if doc_ids is None or d in doc_ids]


# Neo4j-only edge properties, for people looking at the graph: the Browser
# cuts captions to the edge's length, so ``14300000000.0 USD`` shows as
# ``14300000000.0 US…``; kg.grass captions money edges with this instead.
DISPLAY_PROPERTIES = ("amount_text",)


def fact_props(fact: Fact) -> dict[str, Any]:
    """Every edge column of the fact's relation: unset qualifiers are null (so absent).

    Plus ``amount_text`` (``14.3B USD``) on relations with an amount.
    """
    rel = RELATIONS[fact.relation]
    props: dict[str, Any] = dict.fromkeys(edge_columns(rel))
    props.update(fact.qualifiers)
    if "amount" in rel.qualifiers:
        amount = fact.qualifiers.get("amount")
        props["amount_text"] = (money(amount, fact.qualifiers.get("currency"))
                                if amount is not None else None)
    props.update(
        fact_id=fact.id, sources=[s.doc for s in fact.sources],
        evidence=[s.evidence for s in fact.sources], confidence=fact.confidence,
        extractor=fact.extractor, first_seen=fact.first_seen, last_seen=fact.last_seen,
        reports=list(fact.reports), conflicts=list(fact.conflicts),
    )
    return props


def fact_groups(facts: Iterable[Fact]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Fact rows grouped by (relation, subject label, object label): labels go in the text."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for fact in facts:
        key = (fact.relation, fact.subject.type, fact.object.type)
        groups.setdefault(key, []).append(
            {"s": fact.subject.id, "o": fact.object.id, "fact_id": fact.id,
             "props": fact_props(fact)}
        )
    return groups


# -- Cypher --------------------------------------------------------------------


def _differs(var: str) -> str:
    """A WHERE clause true when ``var`` lacks one of ``row.props`` or holds another value.

    Rows carry every column (null for unset), so this also notices a property
    the store no longer has. Skipping rows that match keeps a repeat push from
    setting any property, which is how `kg push` knows nothing changed.
    """
    return (f"WHERE any(k IN keys(row.props) WHERE NOT coalesce({var}[k] = row.props[k], "
            f"{var}[k] IS NULL AND row.props[k] IS NULL))")


def node_query(label: str) -> str:
    # SET += with nulls removes properties the store no longer has.
    return (f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) "
            f"WITH n, row {_differs('n')} SET n += row.props")


def mention_query(label: str) -> str:
    return (
        "UNWIND $rows AS row "
        f"MATCH (d:Document {{id: row.s}}) MATCH (e:{label} {{id: row.o}}) "
        "MERGE (d)-[:MENTIONS]->(e)"
    )


def fact_query(relation: str, subject_label: str, object_label: str) -> str:
    # Keyed on fact_id, so a fact confirmed by a new article is updated in
    # place (new sources, evidence, confidence) instead of duplicated.
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{subject_label} {{id: row.s}}) MATCH (b:{object_label} {{id: row.o}}) "
        f"MERGE (a)-[r:{relation} {{fact_id: row.fact_id}}]->(b) "
        f"WITH r, row {_differs('r')} SET r += row.props"
    )


def _write_batch(tx: neo4j.ManagedTransaction, query: str, rows: list[dict[str, Any]]) -> Any:
    # A transaction function may run more than once: it only MERGEs, and it
    # consumes its result inside the transaction as the driver requires.
    return tx.run(query, rows=rows).consume().counters


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


class Writer:
    """Writes row batches through one session; counts what it sent and changed."""

    def __init__(self, driver: neo4j.Driver, settings: Settings, batch_size: int,
                 progress: Progress | None) -> None:
        if batch_size < 1:
            raise SyncError(f"batch size must be positive, not {batch_size}")
        self.driver, self.settings, self.batch_size = driver, settings, batch_size
        self.progress = progress
        self.result = PushResult()

    def constraints(self) -> None:
        for statement in constraint_statements():
            self.driver.execute_query(statement, database_=self.settings.database)

    def write(self, kind: str, query: str, rows: list[dict[str, Any]]) -> None:
        with self.driver.session(database=self.settings.database) as session:
            for batch in _chunks(rows, self.batch_size):
                counters = session.execute_write(_write_batch, query, batch)
                self.result.add(kind, len(batch), counters)
                if self.progress:
                    self.progress(kind, len(batch))


def _run(target: neo4j.Driver | Settings, settings: Settings, batch_size: int,
         progress: Progress | None, body: Callable[[Writer], None]) -> PushResult:
    try:
        with _driver_for(target) as driver:
            writer = Writer(driver, settings, batch_size, progress)
            writer.constraints()
            body(writer)
            return writer.result
    except SyncError:
        raise
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        raise _translate(exc, settings) from None


def plan(store: Store, doc_ids: set[str] | None = None) -> list[tuple[str, str, list[dict]]]:
    """What a push writes, in order: (kind, query, rows), nodes before edges.

    With ``doc_ids`` only those documents, the entities they mention and the
    facts they are a source of; without, the whole graph.
    """
    steps: list[tuple[str, str, list[dict]]] = []
    entity_ids: set[str] | None = None
    if doc_ids is not None:
        entity_ids = {r["o"] for label in ENTITY_TYPES for r in mention_rows(store, label, doc_ids)}
    facts = [f for f in store.facts()
             if doc_ids is None or any(s.doc in doc_ids for s in f.sources)]
    if entity_ids is not None:
        # A fact's ends are always mentioned by its sources, but be safe.
        entity_ids |= {e.id for f in facts for e in (f.subject, f.object)}
    for label in ENTITY_TYPES:
        steps.append((label, node_query(label), node_rows(store, label, entity_ids)))
    steps.append((DOCUMENT, node_query(DOCUMENT), node_rows(store, DOCUMENT, doc_ids)))
    for label in ENTITY_TYPES:
        steps.append(("MENTIONS", mention_query(label), mention_rows(store, label, doc_ids)))
    for (rel, s_label, o_label), rows in fact_groups(facts).items():
        steps.append((rel, fact_query(rel, s_label, o_label), rows))
    return [step for step in steps if step[2]]


def push(store: Store, target: neo4j.Driver | Settings, *, database: str | None = None,
         batch_size: int = DEFAULT_BATCH, progress: Progress | None = None,
         doc_ids: set[str] | None = None) -> PushResult:
    """Copy the store (or the part ``doc_ids`` touched) into Neo4j; safe to repeat.

    ``target`` is a driver you own or :class:`Settings` to connect with;
    ``database`` overrides the settings' database. ``progress(kind, rows)``
    is called after each batch.
    """
    settings = target if isinstance(target, Settings) else Settings()
    if database is not None:
        settings = replace(settings, database=database)
        if isinstance(target, Settings):
            target = settings
    steps = plan(store, doc_ids)

    def body(writer: Writer) -> None:
        for kind, query, rows in steps:
            writer.write(kind, query, rows)

    return _run(target, settings, batch_size, progress, body)


def total_rows(store: Store, doc_ids: set[str] | None = None) -> int:
    """How many rows a push would send (for a progress bar)."""
    return sum(len(rows) for _, _, rows in plan(store, doc_ids))


# -- reading -------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Driver values as the embedded store returns them: nodes and edges as dicts."""
    if isinstance(value, neo4j.graph.Node):
        return {"_label": next(iter(sorted(value.labels)), None), **dict(value)}
    if isinstance(value, neo4j.graph.Relationship):
        return {"_label": value.type, **dict(value)}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_plain(n) for n in value.nodes],
                "rels": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def run_query(target: neo4j.Driver | Settings, cypher: str,
              params: dict[str, Any] | None = None, *,
              database: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """Run a read query on Neo4j; returns column names and rows like ``Store.query``."""
    settings = target if isinstance(target, Settings) else Settings(database=database)
    db = database or settings.database
    try:
        with _driver_for(target) as driver:
            records, _, keys = driver.execute_query(
                cypher, params or {}, database_=db, routing_=neo4j.RoutingControl.READ
            )
    except SyncError:
        raise
    except nx.ClientError as exc:
        code = exc.code or ""
        if code.endswith("DatabaseNotFound"):
            raise _translate(exc, settings) from None
        raise QueryError(first_line(exc, exc.message)) from None
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        raise _translate(exc, settings) from None
    return list(keys), [[_plain(v) for v in record.values()] for record in records]
