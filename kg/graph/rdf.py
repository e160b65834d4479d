"""The graph as RDF: generate triples, then write them (networkx-style layers).

The data model follows Wikidata's "direct triple + statement node" pattern:

* entities are ``schema:Organization`` / ``schema:Person`` with ``schema:name``,
  ``schema:alternateName`` tagged ``@ko`` (Hangul) or ``@en``, and ``owl:sameAs``
  their Wikidata IRI when the registry knows it;
* each fact is a direct triple (``<meta> kg:investedIn <scale-ai>``) for simple
  queries -- written in both directions for a symmetric relation, so plain
  SPARQL finds it from either side without a reasoner -- and a statement node
  of its relation's class (``kg:Investment``) with ``kg:subject``, ``kg:object``,
  typed qualifiers and ``kg:confidence``;
* a date keeps the text's precision (``xsd:gYear``, ``xsd:gYearMonth`` or
  ``xsd:date``) and gets the comparable interval it covers, ``kg:dateStart`` and
  ``kg:dateEnd`` (``xsd:date``); an amount gets ``kg:amountUSD`` (see
  :mod:`kg.graph.money`), and a round total shared by co-investors is written as
  ``kg:roundTotal`` instead of each investor's ``kg:amount``;
* provenance is PROV-O: a statement ``prov:wasDerivedFrom`` one ``kg:Source`` per
  (document, sentence), which carries ``kg:evidence``, ``prov:wasQuotedFrom``
  the ``kg:Document`` (sha256, path relative to the ingest root, URL when known,
  publication date) and ``prov:wasGeneratedBy`` the extraction run that read
  that document (a ``prov:Activity`` with its extractors, kg's version and the
  ingestion time). Statements carry ``kg:firstSeen``/``kg:lastSeen``.

Layers: :func:`generate` yields triples from a store; the ``write_*`` functions
are the exporters registered in :mod:`kg.graph.exporters`. N-Triples is written
fact by fact as triples are generated, so it never holds the graph; Turtle and
JSON-LD are sorted so that two exports of the same graph are byte-identical;
every output depends only on what the store holds. Reading an export back is
:mod:`kg.graph.rdf_import`.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import posixpath
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from importlib import resources
from typing import IO, Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.errors import ExportError
from kg.graph.identity import Report
from kg.graph.model import QUALIFIERS, RELATIONS, Document, Entity, Fact
from kg.graph.money import usd_equivalent
from kg.graph.rdf_facts import Run, document_runs, iter_facts, shared_round_totals
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
    "skos": str(SKOS),
    "wd": str(WIKIDATA),
    "wdt": "http://www.wikidata.org/prop/direct/",
    "xsd": str(XSD),
}
# Data IRIs are <base><collection>/<local>; each collection gets a prefix.
COLLECTIONS = {"org": "organization", "person": "person", "doc": "document",
               "fact": "statement", "source": "source", "extraction": "extraction"}
ENTITY_CLASS = {"Organization": SDO.Organization, "Person": SDO.Person}
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


# An absolute IRI (RFC 3987): a scheme, a colon, and no character IRIs forbid.
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+")
_IRI_FORBIDDEN = re.compile(r"[\s<>\"{}|\\^`]")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")


def check_base(base: str) -> str:
    """``base`` when it is an absolute IRI; ExportError otherwise (exports would not parse)."""
    if not _ABSOLUTE_IRI.fullmatch(base):
        raise ExportError(f"--base {base!r} is not an absolute IRI "
                          "(give one like https://example.org/kg/)")
    return base


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
        self.base = check_base(base) if base else DEFAULT_BASE
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

    def extraction(self, doc_id: str) -> URIRef:
        # One extraction run per document: the ingest that read it.
        return self._mint("extraction", doc_id)

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


def date_interval(value: str) -> tuple[str, str] | None:
    """The first and last day a date at its precision covers, or None if it is no date.

    >>> date_interval("2025"), date_interval("2024-02"), date_interval("2025-06-12")
    (('2025-01-01', '2025-12-31'), ('2024-02-01', '2024-02-29'), ('2025-06-12', '2025-06-12'))
    """
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return (value, value) if 1 <= day <= last else None


def interval_triples(node: URIRef, value: str | None) -> Iterator[Triple]:
    """``kg:dateStart``/``kg:dateEnd`` of a date, comparable whatever its precision."""
    interval = date_interval(value) if value else None
    if interval:
        yield node, KG.dateStart, Literal(interval[0], datatype=XSD.date)
        yield node, KG.dateEnd, Literal(interval[1], datatype=XSD.date)


def time_literal(value: str) -> Literal:
    """A timestamp of the store (``2025-06-12T08:00:00Z``) as ``xsd:dateTime``."""
    return Literal(value, datatype=XSD.dateTime, normalize=False)  # as the store wrote it


def iri_of_url(url: str) -> URIRef:
    """A URL as an IRI, %-encoding the few characters IRIs forbid (spaces, quotes)."""
    return URIRef(_IRI_FORBIDDEN.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), url.strip()))


def is_url(path: str) -> bool:
    return bool(_URL.match(path))


def portable_paths(paths: dict[str, str], roots: dict[bool, str] | None = None) -> dict[str, str]:
    """Document paths as the export writes them: relative to the ingest root.

    The ingest root is the deepest directory holding every document read from
    a file (absolute paths and relative ones each have their own), so no
    machine's directory layout leaks into the export and the result depends
    only on the set of documents. URLs are kept as they are.

    ``roots`` are the :func:`path_roots` of every document, when ``paths`` are some of them.

    >>> portable_paths({"a": "/home/me/news/ko/1.txt", "b": "/home/me/news/en/2.txt",
    ...                 "c": "https://example.com/x"})
    {'a': 'ko/1.txt', 'b': 'en/2.txt', 'c': 'https://example.com/x'}
    """
    roots = path_roots(paths.values()) if roots is None else roots
    out: dict[str, str] = {}
    for key, path in paths.items():
        if is_url(path) or not path:
            out[key] = path
            continue
        norm = posixpath.normpath(path.replace("\\", "/"))
        out[key] = posixpath.relpath(norm, roots[posixpath.isabs(norm)] or ".")
    return out


def path_roots(paths: Iterable[str]) -> dict[bool, str]:
    """The ingest roots of document paths, by whether they are absolute (URLs have none).

    >>> path_roots(["/home/me/news/ko/1.txt", "/home/me/news/en/2.txt", "a/b.txt"])
    {True: '/home/me/news', False: 'a'}
    """
    dirs: dict[bool, set[str]] = {True: set(), False: set()}
    for path in paths:
        if is_url(path) or not path:
            continue
        norm = posixpath.normpath(path.replace("\\", "/"))
        dirs[posixpath.isabs(norm)].add(posixpath.dirname(norm) or ".")
    return {absolute: posixpath.commonpath(sorted(group)) for absolute, group in dirs.items() if group}


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


def document_triples(document: Document, iris: Iris, path: str | None = None) -> Iterator[Triple]:
    """A document; ``path`` is the one to write (see :func:`portable_paths`)."""
    node = iris.document(document.id)
    path = document.path if path is None else path
    yield node, RDF.type, KG.Document
    yield node, KG.sha256, Literal(document.id)
    yield node, KG.path, Literal(path)
    url = document.url or (document.path if is_url(document.path) else None)
    if url:
        yield node, SDO.url, iri_of_url(url)
    if document.published:
        yield node, SDO.datePublished, date_literal(document.published)
        yield from interval_triples(node, document.published)
    if document.lang:
        yield node, DCTERMS.language, Literal(document.lang)
    if document.title:
        yield node, DCTERMS.title, Literal(document.title)


def extraction_triples(doc_id: str, run: Run, iris: Iris) -> Iterator[Triple]:
    """The extraction run that read a document: what ran, which kg, when."""
    node = iris.extraction(doc_id)
    yield node, RDF.type, PROV.Activity
    yield node, RDF.type, KG.Extraction
    yield node, PROV.used, iris.document(doc_id)
    for extractor in run.extractors:
        yield node, KG.extractor, Literal(extractor)
    if run.kg_version:
        yield node, SDO.softwareVersion, Literal(run.kg_version)
    if run.ingested_at:
        yield node, PROV.startedAtTime, time_literal(run.ingested_at)


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
    yield node, PROV.wasGeneratedBy, iris.extraction(doc_id)


def direct_triples(fact: Fact, iris: Iris) -> Iterator[Triple]:
    """The direct triple(s) of a fact: both directions for a symmetric relation."""
    subject, obj = iris.entity(fact.subject.id), iris.entity(fact.object.id)
    prop = relation_property(fact.relation)
    yield subject, prop, obj
    if RELATIONS[fact.relation].symmetric and subject != obj:
        yield obj, prop, subject
    if fact.relation == "PART_OF":
        yield subject, ORG.subOrganizationOf, obj


def statement_triples(fact: Fact, iris: Iris, round_total: bool = False) -> Iterator[Triple]:
    """The statement node of one fact (its sources' own nodes not included).

    ``round_total``: the fact's amount is the total of a round it shares with
    co-investors, written as ``kg:roundTotal`` rather than as its ``kg:amount``.
    """
    node = iris.fact(fact.id)
    yield node, RDF.type, relation_class(fact.relation)
    yield node, DCTERMS.identifier, Literal(fact.id)
    yield node, KG.subject, iris.entity(fact.subject.id)
    yield node, KG.object, iris.entity(fact.object.id)
    quals = fact.qualifiers
    for name in sorted(quals):
        prop = KG.roundTotal if (name == "amount" and round_total) else qualifier_property(name)
        yield node, prop, qualifier_literal(name, quals[name])
    yield from interval_triples(node, quals.get("date"))
    if not round_total:
        usd = usd_equivalent(quals.get("amount"), quals.get("currency"), quals.get("date"))
        if usd is not None:
            yield node, KG.amountUSD, Literal(decimal_lexical(usd), datatype=XSD.decimal)
    yield node, KG.confidence, Literal(decimal_lexical(fact.confidence), datatype=XSD.decimal)
    for name in fact.conflicts:
        yield node, KG.conflict, Literal(name)
    for report in sorted(Report.from_json(text).public_json() for text in fact.reports):
        yield node, KG.report, Literal(report, datatype=RDF.JSON)
    if fact.first_seen:
        yield node, KG.firstSeen, time_literal(fact.first_seen)
    if fact.last_seen:
        yield node, KG.lastSeen, time_literal(fact.last_seen)
    sources = {iris.source(s.doc, sentence) for s in fact.sources
               for sentence in split_evidence(s.evidence)}
    for source in sorted(sources):
        yield node, PROV.wasDerivedFrom, source
    for doc in sorted({s.doc for s in fact.sources}):
        yield node, PROV.wasGeneratedBy, iris.extraction(doc)


def fact_triples(fact: Fact, iris: Iris, round_total: bool = False) -> Iterator[Triple]:
    """The direct triple(s) and the statement node of one fact (sources not included)."""
    yield from direct_triples(fact, iris)
    yield from statement_triples(fact, iris, round_total)


def generate(store: Any, base: str | None = None) -> Iterator[Triple]:
    """Every triple of the store's graph, entity by entity and fact by fact.

    Each source and extraction node is yielded once; the rest of the output
    is yielded as it is built, so a writer can stream it.
    """
    from kg.graph.store import Store

    iris = Iris(base)
    # A real store is read page by page; anything else that quacks like one
    # (a test double, an in-memory graph) gives its facts() as they are.
    if isinstance(store, Store):
        facts: Iterable[Fact] = iter_facts(store)
        runs, shared = document_runs(store), shared_round_totals(store)
    else:
        facts, runs, shared = store.facts(), {}, set()
    yield from _generate(store.entities(), store.documents(), facts, iris, runs, shared)


def _generate(entities: Iterable[Entity], documents: dict[str, Document],
              facts: Iterable[Fact], iris: Iris, runs: dict[str, Run] | None = None,
              round_totals: set[str] | None = None) -> Iterator[Triple]:
    runs, round_totals = runs or {}, round_totals or set()
    for entity in entities:
        yield from entity_triples(entity, iris)
    paths = portable_paths({doc_id: doc.path for doc_id, doc in documents.items()})
    for doc_id in sorted(documents):
        yield from document_triples(documents[doc_id], iris, paths[doc_id])
        yield from extraction_triples(doc_id, runs.get(doc_id, Run()), iris)
    seen_sources: set[URIRef] = set()
    # Two facts of one pair (two rounds, or a symmetric pair) share their
    # direct triple: it is written once. Only direct triples can repeat.
    seen_direct: set[Triple] = set()
    for fact in facts:
        for triple in direct_triples(fact, iris):
            if triple not in seen_direct:
                seen_direct.add(triple)
                yield triple
        yield from statement_triples(fact, iris, fact.id in round_totals)
        for source in fact.sources:
            lang = documents[source.doc].lang if source.doc in documents else None
            for sentence in split_evidence(source.evidence):
                node = iris.source(source.doc, sentence)
                if node not in seen_sources:
                    seen_sources.add(node)
                    yield from source_triples(source.doc, sentence, lang, iris)


# Properties whose values record when, and by which kg version, a store was
# built: two ingests of the same documents differ only in these.
STAMP_PROPERTIES = (PROV.startedAtTime, KG.firstSeen, KG.lastSeen, SDO.softwareVersion)


def without_stamps(graph: Graph) -> Graph:
    """``graph`` minus :data:`STAMP_PROPERTIES`, to compare builds made at different times."""
    out = Graph()
    for triple in graph:
        if triple[1] not in STAMP_PROPERTIES:
            out.add(triple)
    return out


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
