"""Rewriting fact edges one pair at a time: each pair's edges rebuilt from their reports.

Documents are written in batches (:mod:`kg.graph.batch`); this is the
pair-at-a-time form of the same rules that merging two entities uses
(:meth:`FactEdges._rehome_edges`). A pair's edges are read with their
reports, and replaced by :func:`kg.graph.identity.merge_pair` of them all.
State edges then get the interval their pair's events imply
(:mod:`kg.graph.lifecycle`). Nothing here depends on which document came
first, so two ingest orders build the same graph.
"""

from __future__ import annotations

from typing import Any

from kg.graph.batch import PairKey, ordered
from kg.graph.identity import REPORT_COLUMNS, Edge, Report, first_published, merge_pair, read_reports
from kg.graph.lifecycle import Event, derive, related_relations
from kg.graph.model import RELATIONS, Document, Entity, Fact, Source
from kg.graph.schema import edge_columns


def fact_from_props(relation: str, subject: Entity, obj: Entity, props: dict[str, Any],
                    docs: dict[str, Document]) -> Fact:
    """A Fact from an edge's store columns (``docs`` gives each source's path and date)."""
    rel = RELATIONS[relation]
    reports = read_reports(props.get("reports"), props.get("sources"), props.get("evidence"),
                           props.get("extractor"), props.get("last_seen"))
    said: dict[str, dict[str, Any]] = {}
    for report in sorted(reports, key=Report.order):
        values = said.setdefault(report.doc, {})
        for key, value in report.qualifiers.items():
            if value is not None and key not in values:
                values[key] = value
    sources = [
        Source(doc=d, path=docs[d].path if d in docs else "", evidence=ev,
               published=docs[d].published if d in docs else None,
               qualifiers=said.get(d, {}))
        for d, ev in zip(props["sources"] or [], props["evidence"] or [], strict=True)
    ]
    return Fact(
        id=props["fact_id"], relation=rel.name, subject=subject, object=obj,
        qualifiers={q: props[q] for q in rel.qualifiers if props.get(q) is not None},
        sources=sources, confidence=props["confidence"] or 0.0,
        extractor=props["extractor"] or "", first_seen=props["first_seen"] or "",
        last_seen=props["last_seen"] or "", conflicts=list(props.get("conflicts") or []),
        # As kg has always shown them, whatever form the store keeps them in.
        reports=sorted(report.to_json() for report in reports),
    )


class FactEdges:
    """The fact-writing half of :class:`kg.graph.store.Store` (a mixin)."""

    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        raise NotImplementedError

    def _execute(self, cypher: str, params: dict[str, Any]) -> None:
        raise NotImplementedError

    def _rehome_edges(self, source: Entity, target: Entity) -> int:
        """Move every fact edge of ``source`` to ``target`` (merging two entities).

        Each edge's reports are rewritten onto the target's pair, so an edge that
        becomes a duplicate of one of the target's joins it as another report of
        the same fact would. Returns the number of edges moved. The caller deletes
        ``source`` and runs this inside its transaction.
        """
        moved: dict[PairKey, tuple[Entity, Entity, list[Report]]] = {}
        count = 0
        for rel in RELATIONS.values():
            for other_type in set(rel.object_types) | set(rel.subject_types):
                for outgoing in (True, False):
                    types = rel.subject_types if outgoing else rel.object_types
                    if source.type not in types:
                        continue
                    ends = (rel.object_types if outgoing else rel.subject_types)
                    if other_type not in ends:
                        continue
                    pattern = (f"MATCH (a:{source.type} {{id: $id}})-[r:{rel.name}]->(b:{other_type})"
                               if outgoing else
                               f"MATCH (b:{other_type})-[r:{rel.name}]->(a:{source.type} {{id: $id}})")
                    rows = self._rows(f"{pattern} RETURN b.id, b.name, {REPORT_COLUMNS}",
                                      {"id": source.id})
                    for other_id, other_name, *stored in rows:
                        other = target if other_id == source.id else Entity(
                            other_id, other_type, other_name)
                        subject, obj = (target, other) if outgoing else (other, target)
                        count += 1
                        if subject.id == obj.id and rel.name != "LAID_OFF":
                            continue
                        subject, obj = ordered(rel.name, subject, obj)
                        entry = moved.setdefault((rel.name, subject.id, obj.id),
                                                 (subject, obj, []))
                        entry[2].extend(read_reports(*stored))
                    self._execute(f"{pattern} DELETE r", {"id": source.id})
        for key in sorted(moved):
            subject, obj, reports = moved[key]
            unique = {r.to_json(): r for r in reports}
            self._rewrite_pair(key[0], subject, obj, sorted(unique.values(), key=Report.order))
        return count

    # -- one pair ------------------------------------------------------------

    def _pattern(self, relation: str, subject: Entity, obj: Entity) -> str:
        # Symmetric pairs are always written in id order (see _ordered).
        return (f"MATCH (a:{subject.type} {{id: $s}})-[r:{relation}]->"
                f"(b:{obj.type} {{id: $o}})")

    def _pair_reports(self, relation: str, subject: Entity, obj: Entity) -> list[Report]:
        rows = self._rows(f"{self._pattern(relation, subject, obj)} RETURN {REPORT_COLUMNS}",
                          {"s": subject.id, "o": obj.id})
        return [report for row in rows for report in read_reports(*row)]

    def _pair_events(self, state: str, subject: Entity, obj: Entity) -> list[tuple[Event, bool]]:
        out = []
        for relation, same in sorted(related_relations(state)):
            s, o = (subject, obj) if same else (obj, subject)
            rows = self._rows(
                f"MATCH (a {{id: $s}})-[r:{relation}]->(b {{id: $o}}) RETURN r.date, "
                f"{REPORT_COLUMNS}", {"s": s.id, "o": o.id})
            for date, *stored in rows:
                out.append((Event(relation, date, first_published(read_reports(*stored))), same))
        return out

    def _rewrite_pair(self, relation: str, subject: Entity, obj: Entity,
                      new_reports: list[Report]) -> list[Edge]:
        """Replace the pair's edges by those its old and new reports make."""
        old = self._pair_reports(relation, subject, obj)
        if not old and not new_reports:
            return []
        edges = merge_pair(relation, subject.id, obj.id, old + new_reports)
        if related_relations(relation):
            events = self._pair_events(relation, subject, obj)
            for edge in edges:
                edge.qualifiers = derive(relation, edge.qualifiers, events)
        ids = {"s": subject.id, "o": obj.id}
        if old:
            self._execute(f"{self._pattern(relation, subject, obj)} DELETE r", ids)
        columns = edge_columns(RELATIONS[relation])
        for edge in edges:
            props = {k: v for k, v in edge.props().items() if k in columns}
            assignments = ", ".join(f"`{k}`: $p_{k}" for k in props)
            self._execute(
                f"MATCH (a:{subject.type} {{id: $s}}), (b:{obj.type} {{id: $o}}) "
                f"CREATE (a)-[r:{relation} {{{assignments}}}]->(b)",
                {**ids, **{f"p_{k}": v for k, v in props.items()}},
            )
        return edges
