"""Writing many documents with a few statements per table, not a few per fact.

:class:`BatchWrites` is the document-writing half of
:class:`kg.graph.store.Store` (a mixin). For a batch of documents it reads
what the store already has in one query per table (the documents, the
entities with their aliases, the reports of every (relation, subject,
object) pair the batch speaks of, the events that date its states), works
out in Python what every pair's edges become -- with the same rules as
:mod:`kg.graph.edges`, so the graph is the one document-by-document
writing would build -- and writes the result with one ``UNWIND`` statement
per table, or, for a first load into an empty store (:attr:`BatchWrites.bulk`),
creates its nodes and edges with the engine's bulk ``COPY FROM`` of Arrow
tables; what a batch changes of earlier batches (aliases, the edges of a
pair reported again) is still written with Cypher.

The caller runs it inside one transaction, so a batch is written whole or
not at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from kg.graph.identity import (
    REPORT_COLUMNS,
    Clustering,
    Edge,
    Gathering,
    Report,
    edges_of,
    first_published,
    merge_pair,
    read_reports,
)
from kg.graph.lifecycle import Event, affected_states, derive, related_relations
from kg.graph.model import RELATIONS, Document, Entity
from kg.graph.schema import DOCUMENT_COLUMNS, ENTITY_COLUMNS, edge_columns

PairKey = tuple[str, str, str]  # relation, subject id, object id
EntityKey = tuple[str, str]  # type, id
Item = tuple[Document, Sequence[Any], Iterable[Entity]]
# A resolver's rename (kg.graph.resolver) of an entity only the batch itself has: (position
# in the batch of the document that brought it, old entity, new entity). The plan applies
# it before that document, as the store's merge would between the documents before it and
# the rest (see BatchWrites._plan_entities).
Merge = tuple[int, Entity, Entity]
# a document to write as the plan holds it: (position in the batch, document, claims,
# entities it names, its clock)
_PlannedDoc = tuple[int, Document, Sequence[Any], list[Entity], str]


def now() -> str:
    """The store's clock for ``ingested_at`` and a report's ``seen`` (seconds, UTC)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ordered(relation: str, subject: Entity, obj: Entity) -> tuple[Entity, Entity]:
    """Symmetric relations keep their pair in id order."""
    if RELATIONS[relation].symmetric and obj.id < subject.id:
        return obj, subject
    return subject, obj


def valid_ends(relation: str, subject_type: str, object_type: str) -> bool:
    rel = RELATIONS[relation]
    return subject_type in rel.subject_types and object_type in rel.object_types


def _fields(columns: dict[str, str]) -> str:
    """A property map reading each column from ``row.cN``, cast to the column's type: a
    field that is null in every row would otherwise be typed STRING."""
    return ", ".join(f"`{name}`: " + (f"row.c{i}" if kind == "STRING" else f"CAST(row.c{i} AS {kind})")
                     for i, (name, kind) in enumerate(columns.items()))


def _coerce(kind: str, value: Any) -> Any:
    # One Python type per column, so the engine types an UNWIND list's field alike in every row.
    if value is None:
        return None
    if kind == "DOUBLE":
        return float(value)
    if kind == "INT64":
        return int(value)
    if kind == "STRING[]":
        return [str(v) for v in value]
    return value


@dataclass
class _Pair:
    relation: str
    subject: Entity
    obj: Entity
    new: list[Report] = field(default_factory=list)
    edges: list[Edge] | None = None  # once every document of the batch is merged in


@dataclass
class Plan:
    """What a batch writes: rows per table, and the pairs whose old edges go first."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    new_entities: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    alias_updates: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    mentions: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    # (relation, subject type, object type) -> rows
    deletions: dict[tuple[str, str, str], list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list))
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list))


def _groups(document: Document, claims: Sequence[Any], stamp: str,
            pairs: dict[PairKey, _Pair]) -> dict[PairKey, list[Report]]:
    """A document's claims as reports, grouped by pair (each pair noted in ``pairs``)."""
    groups: dict[PairKey, list[Report]] = {}
    for index, claim in enumerate(claims):
        if claim is None:
            continue  # a claim a merge made a loop (see BatchWrites._plan_entities): its index stays
        subject, obj = ordered(claim.relation, claim.subject, claim.object)
        key = (claim.relation, subject.id, obj.id)
        report = Report(
            doc=document.id, evidence=claim.evidence,
            qualifiers={k: v for k, v in claim.qualifiers.items() if v is not None},
            confidence=claim.confidence, extractor=claim.extractor,
            published=document.published, index=index, seen=stamp)
        groups.setdefault(key, []).append(report)
        pairs.setdefault(key, _Pair(claim.relation, subject, obj))
    return groups


class _Counting:
    """What each document of a batch adds and merges, as if written after the ones before it.

    The counts depend only on which reports the pair's edges group together
    (identity.cluster), not on the edges' values. Each event pair keeps its
    Clustering, to which each document's reports are added, and each state pair
    its Gathering: once the batch's last document is counted they hold every
    pair's clusters and their qualifiers, which the batch's write takes as they
    are (see BatchWrites._plan_facts) rather than clustering all the reports again.
    """

    def __init__(self) -> None:
        self.reported: set[PairKey] = set()  # pairs an earlier document of the batch reported
        self.clusterings: dict[PairKey, Clustering | Gathering] = {}

    def count(self, groups: dict[PairKey, list[Report]], old: dict[PairKey, list[Report]]
              ) -> tuple[int, int]:
        added = merged = 0
        for key, reports in groups.items():
            earlier = key in self.reported or bool(old.get(key))
            self.reported.add(key)
            if not RELATIONS[key[0]].event:
                # A state is one edge of every report: new only with the pair.
                added += 0 if earlier else 1
                merged += len(reports) - (0 if earlier else 1)
                gathering = self.clusterings.get(key)
                if gathering is None:
                    gathering = self.clusterings[key] = Gathering()
                    gathering.add(old.get(key, []))
                assert isinstance(gathering, Gathering)
                gathering.add(reports)
                continue
            doc_id = reports[0].doc
            clustering = self.clusterings.get(key)
            if clustering is None:
                clustering = self.clusterings[key] = Clustering(key[0])
                clustering.add(old.get(key, []))
            assert isinstance(clustering, Clustering)
            for members in clustering.add(reports):
                new = [r for r in members if r.doc == doc_id]
                if len(new) == len(members):
                    added += 1
                    merged += len(new) - 1
                else:
                    merged += len(new)
        return added, merged


@dataclass
class _Prepared:
    """Counts worked out for the documents of the next batch as they came in."""

    ids: list[str] = field(default_factory=list)  # the documents counted, in order
    counts: list[tuple[int, int]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # ids met (counted, or in the store)
    counting: _Counting = field(default_factory=_Counting)
    old: dict[PairKey, list[Report]] = field(default_factory=dict)
    asked: set[PairKey] = field(default_factory=set)  # pairs whose old reports were read
    valid: bool = True


def _edges_from(key: PairKey, clustering: Clustering | Gathering, reports: list[Report],
                new: list[Report]) -> list[Edge] | None:
    """The pair's edges from the clusters its preparation kept (of ``reports``: the
    stored ones and the batch's ``new`` ones), or None if they are not of those reports.

    The preparation's reports of the batch's documents are the written ones but for
    when they are written (``seen``, which neither clustering nor qualifiers read):
    each is swapped for its written twin, found by document and position.
    """
    clustered = clustering.clustered()
    if sum(len(members) for members, _ in clustered) != len(reports):
        return None
    written = {(report.doc, report.index): report for report in new}
    return edges_of(key[0], key[1], key[2],
                    (([written.get((r.doc, r.index), r) for r in members], values)
                     for members, values in clustered))


class BatchWrites:
    """The batch-writing half of :class:`kg.graph.store.Store` (a mixin)."""

    # Create nodes and edges with the engine's bulk COPY FROM (Arrow tables) instead of
    # UNWIND ... CREATE: the store sets it for a first load into an empty store.
    bulk: bool = False
    # ... for batches of at least this many documents. A COPY costs a fixed price that
    # the Cypher statements of a small batch do not: pyarrow's import (0.1-0.2 s and
    # 40 MB of memory) and the checkpoint the engine runs after each COPY's commit.
    # Measured on the evaluation articles (a first load in a fresh process, median of
    # 3): 41 documents 0.46 s CPU by Cypher, 0.61 s by COPY; 185 documents 0.85 s by
    # Cypher, 0.67 s by COPY.
    min_copy_batch: int = 100
    # Whether the batch being written copies (see _write_documents).
    _copying: bool = False

    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        raise NotImplementedError

    def _execute(self, cypher: str, params: dict[str, Any]) -> None:
        raise NotImplementedError

    def _kg_version(self) -> str:
        raise NotImplementedError

    def _touch(self, entity_ids: Iterable[str], doc_ids: Iterable[str] = ()) -> None:
        """Note the entities and documents the open transaction writes."""

    # Counts prepared for the next batch (prepare_counts).
    _prepared: _Prepared | None = None

    def prepare_counts(self, items: Sequence[tuple[Document, Sequence[Any], Sequence[Any]]],
                       start: bool = False) -> None:
        """Count what the next batch's documents ``items`` (document, claims, renames)
        add and merge now, while more of them are still to come, so that writing the
        batch does not. ``start``: the first documents of the batch.

        The counts are used only if the batch written next is these documents, all
        of them and in this order, and none re-keys store entities (renames change
        the store they were counted against); the store must not be written between.
        """
        if start or self._prepared is None:
            self._prepared = _Prepared()
        prepared = self._prepared
        if self.bulk and len(prepared.seen) + len(items) >= self.min_copy_batch:
            # The batch will be copied from Arrow tables: pyarrow's import (0.2 s) is
            # paid now, while more documents are to come, not after the last one.
            import pyarrow  # noqa: F401
        if not prepared.valid:
            return
        if any(renames for _, _, renames in items):
            prepared.valid = False
            return
        stored = {r[0] for r in self._rows("UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id",
                                           {"ids": [document.id for document, _, _ in items]})}
        pairs: dict[PairKey, _Pair] = {}
        per_doc = []
        for document, claims, _ in items:
            if document.id in stored or document.id in prepared.seen:
                prepared.seen.add(document.id)
                continue
            prepared.seen.add(document.id)
            prepared.ids.append(document.id)
            per_doc.append(_groups(document, claims, "", pairs))
        unread = {key: pair for key, pair in pairs.items() if key not in prepared.asked}
        prepared.old.update(self._old_reports(unread))
        prepared.asked.update(unread)
        prepared.counts.extend(prepared.counting.count(groups, prepared.old) for groups in per_doc)

    def _take_prepared(self, doc_ids: list[str]) -> _Prepared | None:
        """The preparation if it is that of ``doc_ids``; the preparation ends."""
        prepared, self._prepared = self._prepared, None
        if prepared is None or not prepared.valid or prepared.ids != doc_ids:
            return None
        return prepared

    # -- the whole batch ------------------------------------------------------

    def _write_documents(self, items: Sequence[Item], copy: bool = False,
                         merges: Sequence[Merge] = ()) -> list[tuple[int, int] | None]:
        """Write ``items`` (inside the caller's transaction): per document (added, merged),
        or None for one the store (or the batch before it) already has. ``copy``
        creates nodes and edges with COPY FROM (when :attr:`bulk`); ``merges`` are renames
        of entities only these items name, applied in the plan."""
        plan, counts = self._plan(items, merges)
        self._copying = copy and self.bulk
        try:
            self._apply(plan)
        finally:
            self._copying = False
        return counts

    def _plan(self, items: Sequence[Item], merges: Sequence[Merge] = ()
              ) -> tuple[Plan, list[tuple[int, int] | None]]:
        plan = Plan()
        ids = [document.id for document, _, _ in items]
        seen = {r[0] for r in self._rows("UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id",
                                         {"ids": ids})}
        docs: list[_PlannedDoc] = []
        for position, (document, claims, mentions) in enumerate(items):
            if document.id in seen:
                continue
            seen.add(document.id)
            docs.append((position, document, claims, list(mentions), now()))

        version = self._kg_version()
        for _, document, claims, _, stamp in docs:
            plan.documents.append({
                "id": document.id, "path": document.path, "published": document.published,
                "lang": document.lang, "title": document.title, "ingested_at": stamp,
                "url": document.url,
                # The extraction run, so each source's evidence can name what produced it.
                "extractors": sorted({c.extractor for c in claims if c.extractor}),
                "kg_version": version})
        docs = self._plan_entities(plan, docs, merges)
        counts = self._plan_facts(plan, docs)
        out: list[tuple[int, int] | None] = [None] * len(items)
        for (position, *_), count in zip(docs, counts, strict=True):
            out[position] = count
        return plan, out

    # -- entities and mentions -----------------------------------------------

    def _plan_entities(self, plan: Plan, docs: list[_PlannedDoc], merges: Sequence[Merge] = ()
                       ) -> list[_PlannedDoc]:
        """The entities and mentions of ``docs``, as one document after another would write
        them (the first occurrence creates an entity, the next add names), and ``docs``
        with their claims re-keyed by ``merges`` (the same list when none applies).

        A merge is made here as the store's would be between the documents before it
        and the rest (Store._merge_entities), so that a batch with renames is written as
        one run: the documents after a merge need not read back, delete and write again
        the edges those before it wrote in the same transaction (a first load of 400
        evaluation articles with one rename: the batch's write 1.17-1.20 s -> 0.76-0.86 s).
        As in the store, the merged entity keeps the target's names and fields, adds the
        old name and the rename's aliases (not those the old entity gathered from the
        documents), and takes the old one's mentions and edges; an edge the merge makes a
        loop is dropped (kg.graph.edges._rehome_edges); a merge whose old entity no
        document before it named is nothing. Only renames of entities the store does not
        have come here (Store._absorbable_renames).
        """
        named_by_doc: list[dict[str, Entity]] = []
        wanted: dict[str, set[str]] = defaultdict(set)
        for _, _, claims, mentions, _ in docs:
            named = {c.subject.id: c.subject for c in claims} | {c.object.id: c.object for c in claims}
            for entity in mentions:
                named.setdefault(entity.id, entity)
            named_by_doc.append(named)
            for entity in named.values():
                wanted[entity.type].add(entity.id)
        for _, _, new in merges:
            wanted[new.type].add(new.id)
        stored: dict[EntityKey, list[str]] = {}
        for kind, entity_ids in wanted.items():
            for entity_id, aliases in self._rows(
                    f"UNWIND $ids AS id MATCH (e:{kind} {{id: id}}) RETURN e.id, e.aliases",
                    {"ids": sorted(entity_ids)}):
                stored[(kind, entity_id)] = list(aliases or [])
        # entity -> [its first occurrence (None: in the store), its aliases]
        state: dict[EntityKey, list[Any]] = {key: [None, list(aliases)] for key, aliases in stored.items()}
        done: list[Merge] = []

        def merge(position: int, old: Entity, new: Entity) -> None:
            source, key = (old.type, old.id), (new.type, new.id)
            if source not in state:
                return  # the store would not have it at this point: nothing to merge
            target = state.get(key)
            if target is not None:
                target[1] = list(dict.fromkeys([*target[1], old.name, *old.aliases]))
            else:
                aliases = list(dict.fromkeys([*new.aliases, old.name, *old.aliases]))
                state[key] = [Entity(new.id, new.type, new.name, tuple(aliases),
                                     new.wikidata or old.wikidata, new.parent or old.parent,
                                     new.description or old.description), aliases]
            del state[source]
            done.append((position, old, new))

        pending = sorted(merges, key=lambda m: m[0])
        next_merge = 0
        for (position, *_), named in zip(docs, named_by_doc, strict=True):
            while next_merge < len(pending) and pending[next_merge][0] <= position:
                merge(*pending[next_merge])
                next_merge += 1
            for entity in named.values():
                found = state.get((entity.type, entity.id))
                if found is None:
                    state[(entity.type, entity.id)] = [entity, list(entity.aliases)]
                else:
                    found[1] = list(dict.fromkeys([*found[1], *entity.aliases]))
        for m in pending[next_merge:]:
            merge(*m)
        for key, (first, aliases) in state.items():
            if first is None:
                if aliases != stored[key]:
                    plan.alias_updates[key[0]].append({"id": key[1], "aliases": aliases})
            else:
                plan.new_entities[key[0]].append({
                    "id": first.id, "name": first.name, "aliases": aliases,
                    "wikidata": first.wikidata, "parent": first.parent,
                    "description": first.description})

        if not done:
            for (_, document, *_), named in zip(docs, named_by_doc, strict=True):
                for entity in named.values():
                    plan.mentions[entity.type].append({"d": document.id, "e": entity.id})
            return docs

        def final(entity: Entity, position: int) -> Entity:
            for at, old, new in done:
                if at > position and entity.id == old.id and entity.type == old.type:
                    entity = new
            return entity

        out = []
        for (position, document, claims, mentions, stamp), named in zip(docs, named_by_doc, strict=True):
            mentioned: dict[str, Entity] = {}
            for entity in named.values():
                merged = final(entity, position)
                mentioned.setdefault(merged.id, merged)
            for entity in mentioned.values():
                plan.mentions[entity.type].append({"d": document.id, "e": entity.id})
            rekeyed: list[Any] = []
            for claim in claims:
                subject, obj = final(claim.subject, position), final(claim.object, position)
                if subject is not claim.subject or obj is not claim.object:
                    if subject.id == obj.id and claim.relation != "LAID_OFF":
                        rekeyed.append(None)
                        continue
                    claim = replace(claim, subject=subject, object=obj)
                rekeyed.append(claim)
            out.append((position, document, rekeyed, mentions, stamp))
        return out

    # -- facts -----------------------------------------------------------------

    def _plan_facts(self, plan: Plan, docs: Sequence[tuple[int, Document, Sequence[Any],
                                                           list[Entity], str]]
                    ) -> list[tuple[int, int]]:
        pairs: dict[PairKey, _Pair] = {}
        per_doc = []
        for _, document, claims, _, stamp in docs:
            groups = _groups(document, claims, stamp, pairs)
            per_doc.append(groups)
            for key in groups:
                for state, same in affected_states(key[0]):
                    subject, obj = pairs[key].subject, pairs[key].obj
                    s, o = (subject, obj) if same else (obj, subject)
                    s, o = ordered(state, s, o)
                    pairs.setdefault((state, s.id, o.id), _Pair(state, s, o))

        # Each document's counts are those of writing it after the ones before it (see
        # _Counting), worked out while the batch's documents came in when the caller
        # prepared them (prepare_counts), else now. The preparation's clusters are
        # those of the pairs' edges: taken as they are, so that what is left to do
        # once the last document has come is little more than writing.
        prepared = self._take_prepared([document.id for _, document, *_ in docs])
        old = self._old_reports(pairs)
        clusterings: dict[PairKey, Clustering | Gathering] = {}
        if prepared is None:
            counting = _Counting()
            counts = [counting.count(groups, old) for groups in per_doc]
        else:
            counts, clusterings = prepared.counts, prepared.counting.clusterings
            del prepared
        for groups in per_doc:
            for key, reports in groups.items():
                pairs[key].new.extend(reports)

        # Events first: the intervals of states are derived from them.
        order = sorted(pairs, key=lambda k: (bool(related_relations(k[0])), k))
        stored_events = self._old_events(pairs)
        for key in order:
            pair = pairs[key]
            reports = old.get(key, []) + pair.new
            if not reports:
                continue
            if pair.edges is None:
                clustering = clusterings.pop(key, None)
                pair.edges = ((clustering and _edges_from(key, clustering, reports, pair.new))
                              or merge_pair(key[0], key[1], key[2], reports))
            if related_relations(key[0]):
                events = self._events(key[0], pair.subject, pair.obj, pairs, stored_events)
                for edge in pair.edges:
                    edge.qualifiers = derive(key[0], edge.qualifiers, events)
            table = (key[0], pair.subject.type, pair.obj.type)
            if old.get(key):
                plan.deletions[table].append({"s": key[1], "o": key[2]})
            columns = edge_columns(RELATIONS[key[0]])
            for edge in pair.edges:
                props = edge.props()
                row = {"s": key[1], "o": key[2]}
                row.update({name: _coerce(kind, props.get(name)) for name, kind in columns.items()})
                plan.edges[table].append(row)
        return counts

    def _old_reports(self, pairs: dict[PairKey, _Pair]) -> dict[PairKey, list[Report]]:
        """The reports of every pair's edges in the store."""
        tables: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
        for key, pair in pairs.items():
            if valid_ends(key[0], pair.subject.type, pair.obj.type):
                tables[(key[0], pair.subject.type, pair.obj.type)].append((key[1], key[2]))
        out: dict[PairKey, list[Report]] = {}
        for relation, s, o, stored in self._stored_edges(tables, REPORT_COLUMNS):
            out.setdefault((relation, s, o), []).extend(read_reports(*stored))
        return out

    def _stored_edges(self, tables: dict[tuple[str, str, str], list[tuple[str, str]]],
                      returns: str) -> Iterator[tuple[str, str, str, list[Any]]]:
        """(relation, subject id, object id, ``returns`` values) of the stored edges of each
        (subject id, object id) pair, for tables keyed (relation, subject type, object type).

        One statement per pair, found by its two primary keys: the engine plans a list
        of pairs (``UNWIND $pairs AS p MATCH (a {id: p.s})-[r]->(b {id: p.o})``) as a
        scan of the whole relationship table, so every batch read (and kept in its page
        cache) every edge of the store, and its memory grew with the store. A pair
        whose ends are not both in the store yet has no edge and is not looked up.
        """
        ends: dict[str, set[str]] = defaultdict(set)
        for (_, s_type, o_type), rows in tables.items():
            for s, o in rows:
                ends[s_type].add(s)
                ends[o_type].add(o)
        stored = self._stored_entities(ends)
        for (relation, s_type, o_type), rows in tables.items():
            query = (f"MATCH (a:{s_type} {{id: $s}})-[r:{relation}]->(b:{o_type} {{id: $o}}) "
                     f"RETURN {returns}")
            for s, o in rows:
                if (s_type, s) in stored and (o_type, o) in stored:
                    for values in self._rows(query, {"s": s, "o": o}):
                        yield relation, s, o, values

    def _stored_entities(self, ids: dict[str, set[str]]) -> set[EntityKey]:
        """Which of these entities (type -> ids) the store has (primary-key lookups)."""
        out: set[EntityKey] = set()
        for kind, entity_ids in ids.items():
            for (entity_id,) in self._rows(f"UNWIND $ids AS id MATCH (e:{kind} {{id: id}}) RETURN e.id",
                                           {"ids": sorted(entity_ids)}):
                out.add((kind, entity_id))
        return out

    def _event_pairs(self, key: PairKey, pair: _Pair) -> Iterable[tuple[str, bool, Entity, Entity]]:
        for relation, same in sorted(related_relations(key[0])):
            a, b = (pair.subject, pair.obj) if same else (pair.obj, pair.subject)
            yield relation, same, a, b

    def _old_events(self, pairs: dict[PairKey, _Pair]
                    ) -> dict[PairKey, list[tuple[str | None, list[Report]]]]:
        """(date, reports) of the stored event edges that date the batch's states, where
        the batch leaves those events as they are."""
        tables: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
        for key, pair in pairs.items():
            for relation, _, a, b in self._event_pairs(key, pair):
                if (relation, a.id, b.id) not in pairs and valid_ends(relation, a.type, b.type):
                    tables[(relation, a.type, b.type)].append((a.id, b.id))
        out: dict[PairKey, list[tuple[str | None, list[Report]]]] = {}
        for relation, s, o, (date, *stored) in self._stored_edges(
                tables, f"r.date, {REPORT_COLUMNS}"):
            out.setdefault((relation, s, o), []).append((date, read_reports(*stored)))
        return out

    def _events(self, state: str, subject: Entity, obj: Entity, pairs: dict[PairKey, _Pair],
                stored: dict[PairKey, list[tuple[str | None, list[Report]]]]
                ) -> list[tuple[Event, bool]]:
        out = []
        for relation, same, a, b in self._event_pairs((state, subject.id, obj.id),
                                                      _Pair(state, subject, obj)):
            key = (relation, a.id, b.id)
            if key in pairs:
                for edge in pairs[key].edges or []:
                    out.append((Event(relation, edge.qualifiers.get("date"), first_published(edge.reports)),
                                same))
                continue
            for date, reports in stored.get(key, []):
                out.append((Event(relation, date, first_published(reports)), same))
        return out

    # -- writing the plan ------------------------------------------------------

    def _apply(self, plan: Plan) -> None:
        """Write a plan with one UNWIND statement per table (and kind of change)."""
        self._touch([row["id"] for rows in (*plan.new_entities.values(),
                                            *plan.alias_updates.values()) for row in rows]
                    + [row[end] for rows in (*plan.deletions.values(), *plan.edges.values())
                       for row in rows for end in ("s", "o")],
                    [row["id"] for row in plan.documents])
        for kind, rows in plan.new_entities.items():
            self._create_nodes(kind, ENTITY_COLUMNS, rows)
        for kind, rows in plan.alias_updates.items():
            self._execute(f"UNWIND $rows AS row MATCH (e:{kind} {{id: row.id}}) "
                          "SET e.aliases = row.aliases", {"rows": rows})
        if plan.documents:
            self._create_nodes("Document", DOCUMENT_COLUMNS, plan.documents)
        for kind, rows in plan.mentions.items():
            self._create_rels("MENTIONS", "Document", kind, {}, rows, source="d", target="e")
        for (relation, s_type, o_type), rows in sorted(plan.deletions.items()):
            # One statement per pair, by its primary keys (see _stored_edges: a list of
            # pairs would scan the whole relationship table).
            query = f"MATCH (a:{s_type} {{id: $s}})-[r:{relation}]->(b:{o_type} {{id: $o}}) DELETE r"
            for row in rows:
                self._execute(query, {"s": row["s"], "o": row["o"]})
        for (relation, s_type, o_type), rows in sorted(plan.edges.items()):
            self._create_rels(relation, s_type, o_type, edge_columns(RELATIONS[relation]), rows)

    def _create_nodes(self, label: str, columns: dict[str, str], rows: list[dict[str, Any]]) -> None:
        if self._copying:
            self._copy(label, columns, rows, "")
            return
        names = list(columns)
        self._execute(f"UNWIND $rows AS row CREATE (n:{label} {{{_fields(columns)}}})",
                      {"rows": [{f"c{i}": _coerce(columns[name], row.get(name))
                                 for i, name in enumerate(names)} for row in rows]})

    def _create_rels(self, relation: str, s_type: str, o_type: str, columns: dict[str, str],
                     rows: list[dict[str, Any]], source: str = "s", target: str = "o") -> None:
        if self._copying:
            # COPY takes an edge's two ends as its first two columns.
            self._copy(relation, {"from": "STRING", "to": "STRING", **columns},
                       [{"from": row[source], "to": row[target], **row} for row in rows],
                       f" (from='{s_type}', to='{o_type}')")
            return
        names = list(columns)
        props = f" {{{_fields(columns)}}}" if columns else ""
        # Two MATCH clauses: the engine finds each end by its primary key; in one
        # (``MATCH (a {id: row.s}), (b {id: row.o})``) it scanned both node tables.
        self._execute(f"UNWIND $rows AS row MATCH (a:{s_type} {{id: row.s}}) "
                      f"MATCH (b:{o_type} {{id: row.o}}) CREATE (a)-[r:{relation}{props}]->(b)",
                      {"rows": [{"s": row[source], "o": row[target],
                                 **{f"c{i}": row.get(name) for i, name in enumerate(names)}}
                                for row in rows]})

    def _copy(self, table: str, columns: dict[str, str], rows: list[dict[str, Any]],
              options: str) -> None:
        """``COPY table FROM`` an Arrow table of ``rows``, in the table's column order."""
        import pyarrow as pa

        kinds = {"STRING": pa.string(), "DOUBLE": pa.float64(), "INT64": pa.int64(),
                 "STRING[]": pa.list_(pa.string())}
        arrays = [pa.array([_coerce(kind, row.get(name)) for row in rows], type=kinds[kind])
                  for name, kind in columns.items()]
        query = f"COPY {table} FROM $rows{options}"
        try:
            self._execute(query, {"rows": pa.Table.from_arrays(arrays, names=list(columns))})
        finally:
            self._forget_prepared(query)

    def _forget_prepared(self, query: str) -> None:
        """Drop the engine binding's cached statements for ``query``.

        ladybug's Python binding caches a prepared statement for every Arrow
        table it is given (the table is part of the cache key) and keeps it,
        with the table, until the connection closes: a first load of 20,000
        documents kept every batch it had copied (measured: +15 MiB per
        5,000-row table, flat once dropped).
        """
        connection = getattr(self, "_conn", None)
        cache = getattr(connection, "_pybind_implicit_prepared_cache", None)
        lock = getattr(connection, "_prepared_cache_lock", None)
        if cache is None or lock is None:
            return
        with lock:
            for key in [k for k in cache if k[0] == query]:
                del cache[key]
