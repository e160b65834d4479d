"""RDF export: data model, determinism, provenance, shapes, golden files, round trip."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic, to_isomorphic

from kg.errors import ExportError
from kg.graph import rdf
from kg.graph.model import RELATIONS
from kg.graph.rdf_import import import_graph
from kg.graph.shacl import validate
from kg.graph.store import open_store
from kg.graph.vocab import KG, WIKIDATA
from tests.graph import sample

GOLDEN = Path(__file__).parent / "golden"
BASE = "https://w3id.org/kg/id/"
META = URIRef(BASE + "organization/meta")
SCALE = URIRef(BASE + "organization/scale-ai")
WRITERS: dict[str, tuple[Callable, str]] = {
    "turtle": (rdf.write_turtle, "turtle"),
    "nt": (rdf.write_ntriples, "nt"),
    "jsonld": (rdf.write_jsonld, "json-ld"),
    "xml": (rdf.write_rdfxml, "xml"),
}


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample.build(tmp_path_factory.mktemp("rdf") / "store")


def export(store_path: Path, fmt: str = "turtle", base: str | None = None) -> bytes:
    out = io.BytesIO()
    with open_store(store_path, read_only=True) as store:
        WRITERS[fmt][0](store, out, base=base)
    return out.getvalue()


def parse(data: bytes, fmt: str = "turtle") -> Graph:
    return Graph().parse(data=data, format=WRITERS[fmt][1])


def without_version(graph: Graph) -> Graph:
    """The graph minus the kg version, which changes with every release."""
    out = Graph()
    for triple in graph:
        if triple[1] != ns.SDO.softwareVersion:
            out.add(triple)
    return out


@pytest.fixture(scope="module")
def turtle(sample_store: Path) -> Graph:
    return parse(export(sample_store))


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_every_format_parses_to_the_same_graph(sample_store: Path, turtle: Graph,
                                               fmt: str) -> None:
    assert isomorphic(parse(export(sample_store, fmt), fmt), turtle)


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "nt"])
def test_two_exports_are_byte_identical(sample_store: Path, fmt: str) -> None:
    assert export(sample_store, fmt) == export(sample_store, fmt)


def test_export_conforms_to_the_shapes(turtle: Graph) -> None:
    assert validate(turtle) == []


def test_each_fact_is_a_direct_triple_and_a_statement(turtle: Graph) -> None:
    assert (META, KG.investedIn, SCALE) in turtle
    statements = [s for s in turtle.subjects(KG.subject, META)
                  if (s, ns.RDF.type, KG.Investment) in turtle]
    assert len(statements) == 1
    stmt = statements[0]
    assert turtle.value(stmt, KG.object) == SCALE
    assert turtle.value(stmt, KG.amount) == Literal("14300000000", datatype=ns.XSD.decimal)
    assert turtle.value(stmt, KG.currency) == Literal("USD")
    assert turtle.value(stmt, KG.amountAlt) == Literal("20000000000000", datatype=ns.XSD.decimal)
    # "2025-06" and "2025-06-12" from two sources: the more precise date they share.
    assert turtle.value(stmt, KG.date) == Literal("2025-06-12", datatype=ns.XSD.date)
    # Every fact of the sample has its statement node of its relation's class.
    for rel in RELATIONS.values():
        assert any(turtle.subjects(ns.RDF.type, KG[rel.rdf_class])), rel.name


def test_qualifiers_are_typed_by_kind(turtle: Graph) -> None:
    datatypes = {(p, o.datatype) for _, p, o in turtle if isinstance(o, Literal)}
    assert (KG["count"], ns.XSD.integer) in datatypes
    assert (KG.pct, ns.XSD.decimal) in datatypes
    assert (KG.confidence, ns.XSD.decimal) in datatypes
    dates = {o.datatype for o in turtle.objects(None, KG.date)}
    assert dates == {ns.XSD.gYear, ns.XSD.gYearMonth, ns.XSD.date}


def test_entities(turtle: Graph) -> None:
    assert (META, ns.RDF.type, ns.SDO.Organization) in turtle
    assert (URIRef(BASE + "person/alexandr-wang"), ns.RDF.type, ns.SDO.Person) in turtle
    assert turtle.value(META, ns.SDO.name) == Literal("Meta")
    names = set(turtle.objects(META, ns.SDO.alternateName))
    assert names == {Literal("메타", lang="ko"), Literal("Meta Platforms", lang="en")}
    assert (META, ns.OWL.sameAs, WIKIDATA.Q380) in turtle
    msl = URIRef(BASE + "organization/meta-superintelligence-labs")
    assert (msl, ns.ORG.subOrganizationOf, META) in turtle
    assert (msl, ns.SDO.parentOrganization, META) in turtle


def test_provenance_reaches_the_sentence_and_document(turtle: Graph) -> None:
    (stmt,) = [s for s in turtle.subjects(ns.RDF.type, KG.Investment)
               if turtle.value(s, KG.subject) == META]
    sources = set(turtle.objects(stmt, ns.PROV.wasDerivedFrom))
    evidence = {str(turtle.value(s, KG.evidence)) for s in sources}
    # Two sentences of the Korean article and one of each English one.
    assert sample.KO_INVEST in evidence and len(evidence) == 4
    docs = {turtle.value(s, ns.PROV.wasQuotedFrom) for s in sources}
    assert {str(turtle.value(d, KG.sha256)) for d in docs} == {
        sample.KO_DOC.id, sample.EN_DOC.id, sample.EN_DOC2.id}
    ko_doc = URIRef(BASE + "document/" + sample.KO_DOC.id)
    assert turtle.value(ko_doc, KG.path) == Literal("news/ko-seed.txt")
    assert turtle.value(ko_doc, ns.SDO.datePublished) == Literal("2025-08-31", datatype=ns.XSD.date)
    activity = turtle.value(stmt, ns.PROV.wasGeneratedBy)
    assert (activity, ns.RDF.type, ns.PROV.Activity) in turtle
    assert turtle.value(activity, KG.extractor) == Literal("kg.rules.ko")


def test_base_changes_data_iris_not_vocabulary(sample_store: Path) -> None:
    graph = parse(export(sample_store, base="http://example.org/kg"))
    assert (URIRef("http://example.org/kg/organization/meta"), KG.investedIn,
            URIRef("http://example.org/kg/organization/scale-ai")) in graph


def test_iri_safe_keeps_hangul_and_encodes_the_rest() -> None:
    iris = rdf.Iris()
    assert iris.entity("org:메타-랩") == URIRef(BASE + "organization/메타-랩")
    assert iris.entity("org:a b") == URIRef(BASE + "organization/a%20b")


def test_ntriples_are_written_while_facts_are_generated() -> None:
    """The N-Triples writer consumes facts lazily: it never needs the whole graph."""
    consumed = []

    class LazyStore:
        def documents(self) -> dict:
            return {}

        def entities(self) -> list:
            return [sample.META, sample.SCALE]

        def facts(self):  # a generator, as a streaming store would give
            from kg.graph.model import Fact, Source
            for i in range(5000):
                consumed.append(i)
                yield Fact(f"f{i}", "INVESTED_IN", sample.META, sample.SCALE,
                           {"amount": float(i), "currency": "USD"},
                           [Source("d", "p", f"sentence {i}")])

    class Sink(io.BytesIO):
        writes_at: list[int] = []

        def write(self, data: bytes) -> int:
            self.writes_at.append(len(consumed))
            return super().write(data)

    sink = Sink()
    rdf.write_ntriples(LazyStore(), sink)
    assert sink.writes_at[0] < 5000  # the first bytes went out before the last fact was read
    assert len(parse(sink.getvalue(), "nt")) > 5000 * 8


@pytest.mark.parametrize("fmt, suffix", [("turtle", "ttl"), ("jsonld", "jsonld")])
def test_golden(sample_store: Path, fmt: str, suffix: str) -> None:
    """Compared as graphs, not text (rdflib's own practice); UPDATE_GOLDEN=1 rewrites."""
    golden = GOLDEN / f"sample.{suffix}"
    data = export(sample_store, fmt)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(data)
    expected = without_version(parse(golden.read_bytes(), fmt))
    assert to_isomorphic(without_version(parse(data, fmt))) == to_isomorphic(expected)


def test_round_trip_through_import_is_isomorphic(sample_store: Path, tmp_path: Path) -> None:
    original = export(sample_store)
    with open_store(tmp_path / "restored") as store:
        counts = import_graph(store, parse(original))
    assert counts == {"documents": 4, "entities": 10, "facts": 18}
    again = export(tmp_path / "restored")
    assert isomorphic(parse(again), parse(original))
    assert again == original  # and, since both are sorted, the very same bytes


def test_import_refuses_a_store_that_is_not_empty(sample_store: Path, tmp_path: Path) -> None:
    graph = parse(export(sample_store))
    with open_store(tmp_path / "s") as store:
        sample.write(store)
        with pytest.raises(ExportError, match="not empty"):
            import_graph(store, graph)


def test_empty_store_exports_an_empty_conforming_graph(tmp_path: Path) -> None:
    with open_store(tmp_path / "s"):
        pass
    graph = parse(export(tmp_path / "s"))
    assert len(graph) == 0 and validate(graph) == []


# -- the seed article (needs the Korean extractor) ---------------------------

SEED_DIR = Path(__file__).resolve().parents[3] / "shared/eval/dev"


@pytest.fixture(scope="module")
def seed_turtle(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    from kg.ingest import ingest_file

    path = tmp_path_factory.mktemp("seed") / "store"
    with open_store(path) as store:
        ingest_file(store, SEED_DIR / "ko-seed.txt", published="2025-08-31")
    return parse(export(path))


def _seed_investment(graph: Graph) -> URIRef:
    found = [s for s in graph.subjects(ns.RDF.type, KG.Investment)
             if graph.value(s, KG.subject) == META and graph.value(s, KG.object) == SCALE]
    assert found, "the Korean extractor did not produce Meta INVESTED_IN Scale AI"
    return found[0]


def test_seed_investment_is_a_direct_triple_and_a_statement(seed_turtle: Graph) -> None:
    g = seed_turtle
    assert (META, KG.investedIn, SCALE) in g
    stmt = _seed_investment(g)
    assert g.value(stmt, KG.amount) == Literal("14300000000", datatype=ns.XSD.decimal)
    assert g.value(stmt, KG.currency) == Literal("USD")
    assert g.value(stmt, KG.date) == Literal("2025-06", datatype=ns.XSD.gYearMonth)
    sources = list(g.objects(stmt, ns.PROV.wasDerivedFrom))
    assert sources
    for source in sources:
        doc = g.value(source, ns.PROV.wasQuotedFrom)
        assert str(g.value(doc, KG.path)).endswith("ko-seed.txt")
        assert len(str(g.value(doc, KG.sha256))) == 64
        assert g.value(doc, ns.SDO.datePublished) == Literal("2025-08-31", datatype=ns.XSD.date)
    text = (SEED_DIR / "ko-seed.txt").read_text(encoding="utf-8")
    for evidence in (g.value(s, KG.evidence) for s in sources):
        # The evidence is a sentence of the seed about the investment, tagged Korean.
        assert str(evidence) in text and "투자" in str(evidence) and evidence.language == "ko"


def test_seed_korean_names_carry_ko(seed_turtle: Graph) -> None:
    names = set(seed_turtle.objects(META, ns.SDO.alternateName))
    assert Literal("메타", lang="ko") in names
    for name in seed_turtle.objects(None, ns.SDO.alternateName):
        assert name.language == rdf.lang_of(str(name))


def test_seed_export_conforms_to_the_shapes(seed_turtle: Graph) -> None:
    violations = validate(seed_turtle)
    assert [str(v) for v in violations] == []


def test_paged_facts_equal_the_store_facts(sample_store: Path) -> None:
    from kg.graph.rdf_facts import iter_facts

    with open_store(sample_store, read_only=True) as store:
        paged = list(iter_facts(store, page_size=2))
        whole = store.facts()
    assert sorted(paged, key=lambda f: f.id) == sorted(whole, key=lambda f: f.id)
