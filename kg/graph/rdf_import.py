"""Reading an RDF export back into a store (the ``read`` layer of :mod:`kg.graph.rdf`).

The statement nodes are the truth: direct triples, date intervals and USD
equivalents are derived from them and ignored here (a round total is read
back as the amount it was stored as). Documents, entities and facts are rebuilt and written with the
ordinary store API (``Store.write``, one transaction per document), so the
store's own rules -- fact ids, merging of sources, noisy-or confidence --
apply as they did when the graph was first built. A few claims per fact are
arranged so that the rebuilt fact equals the exported one exactly (see
:func:`_claims_for`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SDO
from rdflib.util import guess_format

from kg.errors import ExportError
from kg.graph.identity import Report
from kg.graph.model import QUALIFIERS, RELATIONS, Document, Entity, fact_id
from kg.graph.rdf import ENTITY_CLASS, WIKIDATA
from kg.graph.rdf_facts import Run
from kg.graph.store import ResolvedClaim, Store
from kg.graph.vocab import KG, qualifier_property, relation_class


def read_graph(path: str | Path, fmt: str | None = None) -> Graph:
    """Parse an RDF file; the format is guessed from its suffix unless given."""
    path = Path(path)
    fmt = fmt or guess_format(str(path)) or ("json-ld" if path.suffix == ".jsonld" else "turtle")
    try:
        return Graph().parse(path, format=fmt)
    except FileNotFoundError:
        raise ExportError(f"{path}: no such file") from None
    except Exception as exc:  # rdflib raises many parser-specific types
        raise ExportError(f"{path}: cannot read it as {fmt}: {exc}") from None


@dataclass
class ImportedFact:
    """A statement node read from RDF."""

    id: str
    relation: str
    subject: Entity
    object: Entity
    qualifiers: dict[str, Any]
    confidence: float
    extractor: str
    evidence: dict[str, list[str]] = field(default_factory=dict)  # doc id -> sentences
    reports: list[Report] = field(default_factory=list)  # the claims merged into it
    first_seen: str | None = None
    last_seen: str | None = None


def _one(graph: Graph, node: Any, prop: URIRef) -> Any:
    return next(iter(graph.objects(node, prop)), None)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _time(value: Any) -> str | None:
    """An ``xsd:dateTime`` as the store writes times (UTC, ``2025-06-12T08:00:00Z``).

    Parsers normalise ``Z`` to ``+00:00``; the store's form keeps the round trip exact.
    """
    if value is None:
        return None
    moment = value.toPython() if isinstance(value, Literal) else None
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value)


def _entity_id(graph: Graph, node: URIRef) -> str:
    known = _one(graph, node, DCTERMS.identifier)
    if known is not None:
        return str(known)
    # Not written by kg: rebuild "org:x" from <base>organization/x.
    collection, _, local = str(node).rstrip("/").rpartition("/")
    kind = "person" if collection.endswith("/person") else "org"
    return f"{kind}:{local}"


def read_entities(graph: Graph) -> dict[URIRef, Entity]:
    out: dict[URIRef, Entity] = {}
    for entity_type, cls in ENTITY_CLASS.items():
        for node in sorted(graph.subjects(RDF.type, cls)):
            wikidata = [str(o)[len(str(WIKIDATA)):] for o in graph.objects(node, OWL.sameAs)
                        if str(o).startswith(str(WIKIDATA))]
            parent = _one(graph, node, SDO.parentOrganization)
            out[node] = Entity(
                id=_entity_id(graph, node), type=entity_type,
                name=str(_one(graph, node, SDO.name) or _entity_id(graph, node)),
                aliases=tuple(sorted(str(a) for a in graph.objects(node, SDO.alternateName))),
                wikidata=min(wikidata) if wikidata else None,
                parent=_entity_id(graph, parent) if parent is not None else None,
                description=_text(_one(graph, node, SDO.description)),
            )
    return out


def read_documents(graph: Graph) -> dict[URIRef, Document]:
    out = {}
    for node in sorted(graph.subjects(RDF.type, KG.Document)):
        sha = _one(graph, node, KG.sha256)
        if sha is None:
            raise ExportError(f"document {node} has no kg:sha256")
        out[node] = Document(
            id=str(sha), path=str(_one(graph, node, KG.path) or ""), text="",
            lang=str(_one(graph, node, DCTERMS.language) or ""),
            published=_text(_one(graph, node, SDO.datePublished)),
            title=_text(_one(graph, node, DCTERMS.title)),
            url=_text(_one(graph, node, SDO.url)),
        )
    return out


def read_runs(graph: Graph, documents: dict[URIRef, Document]) -> dict[str, Run]:
    """The extraction run of each document (``prov:used`` by a ``kg:Extraction``), by doc id."""
    out = {}
    for node in sorted(graph.subjects(RDF.type, KG.Extraction)):
        doc = _one(graph, node, PROV.used)
        if doc in documents:
            out[documents[doc].id] = Run(
                ingested_at=_time(_one(graph, node, PROV.startedAtTime)),
                extractors=tuple(sorted(str(e) for e in graph.objects(node, KG.extractor))),
                kg_version=_text(_one(graph, node, SDO.softwareVersion)),
            )
    return out


def _qualifier_value(name: str, literal: Literal) -> Any:
    kind = QUALIFIERS[name].kind
    if kind == "number":
        return float(Decimal(str(literal)))
    if kind == "integer":
        return int(str(literal))
    return str(literal)


def _first_extractor(evidence: dict[str, list[str]], runs: dict[str, Run]) -> str:
    """The extractor of the earliest run among a fact's documents (the store keeps the first)."""
    timed = sorted((runs[d].ingested_at or "", d) for d in evidence if d in runs)
    for _, doc in timed:
        if runs[doc].extractors:
            return runs[doc].extractors[0]
    return ""


def read_facts(graph: Graph, entities: dict[URIRef, Entity],
               documents: dict[URIRef, Document],
               runs: dict[str, Run] | None = None) -> list[ImportedFact]:
    runs = runs or {}
    facts = []
    for rel in RELATIONS.values():
        for node in sorted(graph.subjects(RDF.type, relation_class(rel.name))):
            subject, obj = _one(graph, node, KG.subject), _one(graph, node, KG.object)
            if subject not in entities or obj not in entities:
                raise ExportError(f"statement {node} lacks a known subject or object")
            qualifiers = {
                q: _qualifier_value(q, value) for q in rel.qualifiers
                if (value := _one(graph, node, qualifier_property(q))) is not None
            }
            total = _one(graph, node, KG.roundTotal)
            if total is not None and "amount" in rel.qualifiers:
                qualifiers.setdefault("amount", _qualifier_value("amount", total))
            fact = ImportedFact(
                id=str(_one(graph, node, DCTERMS.identifier) or node),
                relation=rel.name, subject=entities[subject], object=entities[obj],
                qualifiers=qualifiers,
                confidence=float(Decimal(str(_one(graph, node, KG.confidence) or "0.8"))),
                extractor="",
                first_seen=_time(_one(graph, node, KG.firstSeen)),
                last_seen=_time(_one(graph, node, KG.lastSeen)),
            )
            for source in graph.objects(node, PROV.wasDerivedFrom):
                doc = _one(graph, source, PROV.wasQuotedFrom)
                if doc not in documents:
                    raise ExportError(f"source {source} of {node} quotes no known document")
                sentences = fact.evidence.setdefault(documents[doc].id, [])
                sentences.append(str(_one(graph, source, KG.evidence) or ""))
            for sentences in fact.evidence.values():
                sentences.sort()
            fact.reports = [Report.from_json(str(text))
                            for text in graph.objects(node, KG.report)]
            fact.extractor = _first_extractor(fact.evidence, runs)
            if not fact.extractor:  # an export without runs: the statement's activity
                activity = _one(graph, node, PROV.wasGeneratedBy)
                fact.extractor = str(_one(graph, activity, KG.extractor) or "") \
                    if activity is not None else ""
            facts.append(fact)
    return facts


def _claims_for(fact: ImportedFact, order: list[str]) -> dict[str, list[ResolvedClaim]]:
    """The claims, per document, that make the store rebuild ``fact`` exactly.

    * The first claim carries every qualifier, so the store mints the same fact
      id -- unless the id was minted before the date was known (an undated
      report merged with a dated one later): then it goes in undated and a
      second claim adds the date.
    * Every claim has confidence 0 but one that comes after the last document
      joined the fact: noisy-or with 0 keeps 0 exactly, and the store takes
      the maximum within a document, so the stored confidence is the exported
      one to the last bit.
    """
    def make(qualifiers: dict[str, Any], evidence: str, confidence: float) -> ResolvedClaim:
        return ResolvedClaim(fact.relation, fact.subject, fact.object, dict(qualifiers),
                             evidence, confidence, fact.extractor)

    date = fact.qualifiers.get("date")
    keyed = {"date": date} if date else {}
    docs = [d for d in order if d in fact.evidence]
    out: dict[str, list[ResolvedClaim]] = defaultdict(list)
    for i, doc in enumerate(docs):
        for j, sentence in enumerate(fact.evidence[doc]):
            if i == 0 and j == 0:
                undated_id = fact_id(fact.subject.id, fact.relation, fact.object.id, None)
                if date and fact.id == undated_id != fact_id(
                        fact.subject.id, fact.relation, fact.object.id, date):
                    out[doc].append(make({k: v for k, v in fact.qualifiers.items()
                                          if k != "date"}, sentence, 0.0))
                out[doc].append(make(fact.qualifiers, sentence, 0.0))
            else:
                out[doc].append(make(keyed, sentence, 0.0))
    if docs:
        last = docs[-1]
        out[last].append(make(fact.qualifiers, fact.evidence[last][-1], fact.confidence))
    return out


def import_graph(store: Store, graph: Graph) -> dict[str, int]:
    """Write the documents, entities and facts of an export into an empty store.

    Returns counts of what was read. Refuses a store that holds anything,
    because merging into existing facts would change them.
    """
    if any(store.counts().values()):
        raise ExportError(f"{store.path}: the store is not empty; import needs an empty store")
    entities = read_entities(graph)
    documents = read_documents(graph)
    runs = read_runs(graph, documents)
    facts = read_facts(graph, entities, documents, runs)
    order = sorted((d.published or "", d.id) for d in documents.values())
    doc_order = [doc_id for _, doc_id in order]
    by_doc: dict[str, list[ResolvedClaim]] = defaultdict(list)
    replayed: dict[str, list[tuple[int, ResolvedClaim]]] = defaultdict(list)
    for fact in facts:
        if fact.reports:
            # The claims themselves, each at its place in its document: the
            # store rebuilds the same edges from them (kg.graph.identity).
            for r in fact.reports:
                replayed[r.doc].append((r.index, ResolvedClaim(
                    fact.relation, fact.subject, fact.object, dict(r.qualifiers),
                    r.evidence, r.confidence, r.extractor)))
            continue
        for doc, claims in _claims_for(fact, doc_order).items():
            by_doc[doc].extend(claims)
    for doc, indexed in replayed.items():
        by_doc[doc][:0] = [c for _, c in sorted(indexed, key=lambda pair: pair[0])]
    by_id = {d.id: d for d in documents.values()}
    for doc_id in doc_order:
        store.write(by_id[doc_id], by_doc.get(doc_id, []))
    restore_times(store, runs, facts)
    return {"documents": len(documents), "entities": len(entities), "facts": len(facts)}


def restore_times(store: Store, runs: dict[str, Run], facts: list[ImportedFact]) -> None:
    """Put back what the store stamps as it writes: each run, and when facts were seen.

    The store records the time, extractors and kg version of the write; an
    import is not the run that read the documents, so the exported ones replace them.
    """
    for doc_id, run in sorted(runs.items()):
        store.query("MATCH (d:Document {id: $id}) SET d.ingested_at = $at, "
                    "d.extractors = $extractors, d.kg_version = $version",
                    {"id": doc_id, "at": run.ingested_at, "extractors": list(run.extractors),
                     "version": run.kg_version})
    for fact in facts:
        if fact.first_seen or fact.last_seen:
            store.query(f"MATCH ()-[r:{fact.relation} {{fact_id: $id}}]->() "
                        "SET r.first_seen = $first, r.last_seen = $last",
                        {"id": fact.id, "first": fact.first_seen or fact.last_seen,
                         "last": fact.last_seen or fact.first_seen})


def import_file(store: Store, path: str | Path, fmt: str | None = None) -> dict[str, int]:
    """Read an export file and import it into an empty store."""
    return import_graph(store, read_graph(path, fmt))
