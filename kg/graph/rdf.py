"""The graph as RDF: generate triples, then write them (networkx-style layers).

The data model follows Wikidata's "direct triple + statement node" pattern:

* entities are ``schema:Organization`` / ``schema:Person`` with ``schema:name``,
  ``schema:alternateName`` tagged ``@ko`` (Hangul) or ``@en``, and ``owl:sameAs``
  their Wikidata IRI when the registry knows it;
* each fact is a direct triple (``<meta> kg:investedIn <scale-ai>``) for simple
  queries, and a statement node of its relation's class (``kg:Investment``) with
  ``kg:subject``, ``kg:object``, typed qualifiers and ``kg:confidence``;
* provenance is PROV-O: a statement ``prov:wasDerivedFrom`` one ``kg:Source`` per
  (document, sentence), which carries ``kg:evidence`` and ``prov:wasQuotedFrom``
  the ``kg:Document`` (sha256, path, publication date); ``prov:wasGeneratedBy``
  an extraction activity named after the extractor.

Layers: :func:`generate` yields triples from a store; the ``write_*`` functions
are the exporters registered in :mod:`kg.graph.exporters`. N-Triples is written
fact by fact as triples are generated, so it never holds the graph; Turtle and
JSON-LD are sorted so that two exports of the same graph are byte-identical.
Reading an export back is :mod:`kg.graph.rdf_import`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from importlib import metadata, resources
from typing import IO, Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, XSD

from kg.graph.identity import Report
from kg.graph.model import QUALIFIERS, Document, Entity, Fact
from kg.graph.rdf_facts import iter_facts
from kg.graph.rdf_syntax import TurtleTerms, nt_term
from kg.graph.vocab import (
    DEFAULT_BASE,
    KG,
    NAMESPACE,
    WIKIDATA,
    qualifier_property,
    relation_class,
    relation_property,
)

Triple = tuple[URIRef, URIRef, URIRef | Literal]

# Prefixes of the vocabularies; data prefixes are added per base in prefixes().
VOCAB_PREFIXES: dict[str, str] = {
    "dcterms": str(DCTERMS),
    "kg": NAMESPACE,
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SDO),
    "wd": str(WIKIDATA),
    "xsd": str(XSD),
}
# Data IRIs are <base><collection>/<local>; each collection gets a prefix.
COLLECTIONS = {"org": "organization", "person": "person", "doc": "document",
               "fact": "statement", "source": "source", "extraction": "extraction"}
ENTITY_CLASS = {"Organization": SDO.Organization, "Person": SDO.Person}
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


def kg_version() -> str:
    try:
        return metadata.version("kg")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "0+unknown"


# -- IRIs and literals -------------------------------------------------------

def iri_safe(text: str) -> str:
    """``text`` as an IRI path segment: letters (any script) kept, the rest %-encoded.

    IRIs (RFC 3987) allow Hangul, so Korean slugs stay readable.

    >>> iri_safe("scale-ai"), iri_safe("a b/c")
    ('scale-ai', 'a%20b%2Fc')
    """
    return "".join(
        ch if ch.isalnum() or ch in "-._~"
        else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
        for ch in text
    )


class Iris:
    """Mints the stable data IRIs of one export under ``base``."""

    def __init__(self, base: str | None = None) -> None:
        self.base = base or DEFAULT_BASE
        if not self.base.endswith(("/", "#")):
            self.base += "/"

    def _mint(self, collection: str, local: str) -> URIRef:
        return URIRef(f"{self.base}{COLLECTIONS[collection]}/{iri_safe(local)}")

    def entity(self, entity_id: str) -> URIRef:
        # "org:scale-ai" -> <base>organization/scale-ai
        kind, _, local = entity_id.partition(":")
        if kind in ("org", "person") and local:
            return self._mint(kind, local)
        return self._mint("org", entity_id)

    def document(self, doc_id: str) -> URIRef:
        return self._mint("doc", doc_id)

    def fact(self, fact_id: str) -> URIRef:
        return self._mint("fact", fact_id)

    def source(self, doc_id: str, evidence: str) -> URIRef:
        # One node per (document, sentence): facts read from one sentence share it.
        key = hashlib.sha1(f"{doc_id}\n{evidence}".encode()).hexdigest()[:20]
        return self._mint("source", key)

    def extraction(self, extractor: str) -> URIRef:
        return self._mint("extraction", extractor or "unknown")

    def prefixes(self) -> dict[str, str]:
        """Vocabulary prefixes plus one per data collection, sorted by prefix."""
        data = {name: f"{self.base}{name}/" for name in sorted(set(COLLECTIONS.values()))}
        return dict(sorted({**VOCAB_PREFIXES, **data}.items()))


def lang_of(text: str) -> str:
    """The language tag of a name: ``ko`` when it contains Hangul, else ``en``."""
    return "ko" if _HANGUL.search(text) else "en"


def decimal_lexical(value: float | int | Decimal) -> str:
    """A float as an exact ``xsd:decimal`` lexical form, the same every time.

    ``repr`` is the shortest string that reads back as the same float, so the
    round trip through RDF returns the stored double unchanged.

    >>> decimal_lexical(14.3e9), decimal_lexical(0.96), decimal_lexical(1e-05)
    ('14300000000', '0.96', '0.00001')
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = format(Decimal(repr(float(value))) if not isinstance(value, Decimal) else value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def date_literal(value: str) -> Literal:
    """An ISO date at its precision: ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``."""
    datatype = _DATE_TYPES.get(len(value))
    return Literal(value, datatype=datatype) if datatype else Literal(value)


def qualifier_literal(name: str, value: Any) -> Literal:
    """A qualifier value typed by its kind in the model."""
    kind = QUALIFIERS[name].kind
    if kind == "number":
        return Literal(decimal_lexical(value), datatype=XSD.decimal)
    if kind == "integer":
        return Literal(str(int(value)), datatype=XSD.integer)
    if kind == "date":
        return date_literal(str(value))
    return Literal(str(value))  # string, currency (ISO 4217 code), status


# -- generate ----------------------------------------------------------------

def entity_triples(entity: Entity, iris: Iris) -> Iterator[Triple]:
    node = iris.entity(entity.id)
    yield node, RDF.type, ENTITY_CLASS[entity.type]
    yield node, DCTERMS.identifier, Literal(entity.id)
    yield node, SDO.name, Literal(entity.name)
    for alias in entity.aliases:
        yield node, SDO.alternateName, Literal(alias, lang=lang_of(alias))
    if entity.wikidata:
        yield node, OWL.sameAs, WIKIDATA[entity.wikidata]
    if entity.parent:
        # The registry's parent, kept apart from PART_OF facts (org:subOrganizationOf).
        yield node, SDO.parentOrganization, iris.entity(entity.parent)
    if entity.description:
        yield node, SDO.description, Literal(entity.description)


def document_triples(document: Document, iris: Iris) -> Iterator[Triple]:
    node = iris.document(document.id)
    yield node, RDF.type, KG.Document
    yield node, KG.sha256, Literal(document.id)
    yield node, KG.path, Literal(document.path)
    if document.published:
        yield node, SDO.datePublished, date_literal(document.published)
    if document.lang:
        yield node, DCTERMS.language, Literal(document.lang)
    if document.title:
        yield node, DCTERMS.title, Literal(document.title)


def extraction_triples(extractor: str, iris: Iris) -> Iterator[Triple]:
    node = iris.extraction(extractor)
    yield node, RDF.type, PROV.Activity
    yield node, RDF.type, KG.Extraction
    yield node, KG.extractor, Literal(extractor)
    # The version of kg that wrote the export; the store does not record the
    # version of the run that extracted, and this one read it back out.
    yield node, SDO.softwareVersion, Literal(kg_version())


def split_evidence(evidence: str) -> list[str]:
    """The store joins the sentences one document gives for a fact with newlines."""
    parts = [part for part in evidence.split("\n") if part]
    return parts or [evidence]


def source_triples(doc_id: str, evidence: str, lang: str | None, iris: Iris) -> Iterator[Triple]:
    node = iris.source(doc_id, evidence)
    yield node, RDF.type, KG.Source
    yield node, RDF.type, PROV.Entity
    yield node, KG.evidence, Literal(evidence, lang=lang or None)
    yield node, PROV.wasQuotedFrom, iris.document(doc_id)


def fact_triples(fact: Fact, iris: Iris) -> Iterator[Triple]:
    """The direct triple and the statement node of one fact (sources not included)."""
    subject, obj = iris.entity(fact.subject.id), iris.entity(fact.object.id)
    yield subject, relation_property(fact.relation), obj
    if fact.relation == "PART_OF":
        yield subject, ORG.subOrganizationOf, obj
    node = iris.fact(fact.id)
    yield node, RDF.type, relation_class(fact.relation)
    yield node, DCTERMS.identifier, Literal(fact.id)
    yield node, KG.subject, subject
    yield node, KG.object, obj
    for name in sorted(fact.qualifiers):
        yield node, qualifier_property(name), qualifier_literal(name, fact.qualifiers[name])
    yield node, KG.confidence, Literal(decimal_lexical(fact.confidence), datatype=XSD.decimal)
    for name in fact.conflicts:
        yield node, KG.conflict, Literal(name)
    for report in sorted(Report.from_json(text).public_json() for text in fact.reports):
        yield node, KG.report, Literal(report, datatype=RDF.JSON)
    for source in fact.sources:
        for sentence in split_evidence(source.evidence):
            yield node, PROV.wasDerivedFrom, iris.source(source.doc, sentence)
    yield node, PROV.wasGeneratedBy, iris.extraction(fact.extractor)


def generate(store: Any, base: str | None = None) -> Iterator[Triple]:
    """Every triple of the store's graph, entity by entity and fact by fact.

    Each source and extraction node is yielded once; the rest of the output
    is yielded as it is built, so a writer can stream it.
    """
    from kg.graph.store import Store

    iris = Iris(base)
    # A real store is read page by page; anything else that quacks like one
    # (a test double, an in-memory graph) gives its facts() as they are.
    facts = iter_facts(store) if isinstance(store, Store) else store.facts()
    yield from _generate(store.entities(), store.documents(), facts, iris)


def _generate(entities: Iterable[Entity], documents: dict[str, Document],
              facts: Iterable[Fact], iris: Iris) -> Iterator[Triple]:
    for entity in entities:
        yield from entity_triples(entity, iris)
    for doc_id in sorted(documents):
        yield from document_triples(documents[doc_id], iris)
    seen_sources: set[URIRef] = set()
    seen_extractors: set[str] = set()
    for fact in facts:
        yield from fact_triples(fact, iris)
        if fact.extractor not in seen_extractors:
            seen_extractors.add(fact.extractor)
            yield from extraction_triples(fact.extractor, iris)
        for source in fact.sources:
            lang = documents[source.doc].lang if source.doc in documents else None
            for sentence in split_evidence(source.evidence):
                node = iris.source(source.doc, sentence)
                if node not in seen_sources:
                    seen_sources.add(node)
                    yield from source_triples(source.doc, sentence, lang, iris)


def to_graph(triples: Iterable[Triple], prefixes: dict[str, str] | None = None) -> Graph:
    """An rdflib Graph of ``triples`` with kg's prefixes bound."""
    # "core" binds xml:, without which rdflib's RDF/XML writer emits xml:lang unbound.
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in (prefixes or Iris().prefixes()).items():
        graph.bind(prefix, namespace, override=True)
    for triple in triples:
        graph.add(triple)
    return graph


def store_graph(store: Any, base: str | None = None) -> Graph:
    """The store's graph in memory (for SPARQL and JSON-LD)."""
    return to_graph(generate(store, base), Iris(base).prefixes())


# -- write -------------------------------------------------------------------

def write_ntriples(store: Any, out: IO[bytes], base: str | None = None) -> None:
    """N-Triples, written as each fact's triples are generated (memory stays flat)."""
    buffer: list[str] = []
    for s, p, o in generate(store, base):
        buffer.append(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n")
        if len(buffer) >= 4096:
            out.write("".join(buffer).encode("utf-8"))
            buffer.clear()
    out.write("".join(buffer).encode("utf-8"))


def turtle_lines(triples: Iterable[Triple], prefixes: dict[str, str]) -> Iterator[str]:
    """Sorted Turtle: prefixes, then one block per subject, predicates and objects sorted.

    Sorting plain strings (not an rdflib Graph) keeps memory to the text of the
    output and makes the bytes depend only on the set of triples.
    """
    terms = TurtleTerms(prefixes)
    blocks: dict[str, set[tuple[str, str]]] = {}
    for s, p, o in triples:
        verb = "a" if p == RDF.type else terms.term(p)
        blocks.setdefault(terms.term(s), set()).add((verb, terms.term(o)))
    for prefix, namespace in prefixes.items():
        yield f"@prefix {prefix}: <{namespace}> .\n"
    for subject in sorted(blocks):
        pairs = sorted(blocks[subject], key=lambda pair: (pair[0] != "a", pair))
        yield f"\n{subject}\n"
        for i, (verb, obj) in enumerate(pairs):
            yield f"    {verb} {obj} {'.' if i == len(pairs) - 1 else ';'}\n"


def write_turtle(store: Any, out: IO[bytes], base: str | None = None) -> None:
    """Turtle, sorted and deterministic: the same graph gives the same bytes."""
    iris = Iris(base)
    for line in turtle_lines(generate(store, base), iris.prefixes()):
        out.write(line.encode("utf-8"))


def context() -> dict[str, Any]:
    """The shipped JSON-LD context (``kg/graph/context.jsonld``)."""
    text = resources.files("kg.graph").joinpath("context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)["@context"]


def _sort_json(value: Any) -> Any:
    """Arrays sorted by their JSON text, so the document's order is the graph's, not rdflib's."""
    if isinstance(value, dict):
        return {k: _sort_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def jsonld_document(graph: Graph, base: str | None = None) -> dict[str, Any]:
    """The graph compacted with kg's context (plus the data prefixes of ``base``)."""
    ctx = dict(context())
    ctx.update({p: ns for p, ns in Iris(base).prefixes().items() if p not in ctx})
    compact = json.loads(graph.serialize(format="json-ld", context=ctx, auto_compact=True))
    nodes = compact.get("@graph", [compact] if "@id" in compact else [])
    nodes = [{k: v for k, v in node.items() if k != "@context"} for node in nodes]
    return {"@context": ctx, "@graph": _sort_json(nodes)}


def write_jsonld(store: Any, out: IO[bytes], base: str | None = None) -> None:
    """JSON-LD compacted with the shipped context, keys and arrays sorted."""
    document = jsonld_document(store_graph(store, base), base)
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    out.write((text + "\n").encode("utf-8"))


def write_rdfxml(store: Any, out: IO[bytes], base: str | None = None) -> None:
    """RDF/XML (rdflib's pretty-xml)."""
    out.write(store_graph(store, base).serialize(format="pretty-xml", encoding="utf-8"))
