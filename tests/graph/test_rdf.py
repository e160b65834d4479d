"""RDF export: data model, determinism, provenance, shapes, golden files, round trip."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import datetime
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
    # Relative to the ingest root (news/), the directory every file document is in.
    assert turtle.value(ko_doc, KG.path) == Literal("ko-seed.txt")
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
    expected = rdf.without_stamps(parse(golden.read_bytes(), fmt))
    assert to_isomorphic(rdf.without_stamps(parse(data, fmt))) == to_isomorphic(expected)


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
    flat = " ".join(text.split())
    for evidence in (g.value(s, KG.evidence) for s in sources):
        # The evidence is sentences of the seed about the investment (the one that first
        # tells it and the one that gives its figures), tagged Korean.
        from kg.loaders.segment import split_sentences

        assert all(s in flat for s in split_sentences(str(evidence), "ko"))
        assert "투자" in str(evidence) and "143억 달러" in str(evidence) and evidence.language == "ko"


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


# -- issue 13: no traps for researchers ----------------------------------------------


def test_symmetric_facts_are_direct_triples_both_ways_with_one_statement(turtle: Graph) -> None:
    mercor = URIRef(BASE + "organization/mercor")
    assert (mercor, KG.competesWith, SCALE) in turtle
    assert (SCALE, KG.competesWith, mercor) in turtle
    assert len(list(turtle.subjects(ns.RDF.type, KG.Competition))) == 1
    # Not symmetric: one direction only.
    assert (SCALE, KG.investedIn, META) not in turtle


def test_dated_statements_and_documents_have_a_comparable_interval(turtle: Graph) -> None:
    for node, date in turtle.subject_objects(KG.date):
        start, end = turtle.value(node, KG.dateStart), turtle.value(node, KG.dateEnd)
        assert start.datatype == end.datatype == ns.XSD.date
        assert str(start).startswith(str(date)) and str(end).startswith(str(date))
    en_doc = URIRef(BASE + "document/" + sample.EN_DOC.id)  # published "2025-10"
    assert turtle.value(en_doc, KG.dateStart) == Literal("2025-10-01", datatype=ns.XSD.date)
    assert turtle.value(en_doc, KG.dateEnd) == Literal("2025-10-31", datatype=ns.XSD.date)


@pytest.mark.parametrize("date, interval", [
    ("2024", ("2024-01-01", "2024-12-31")), ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2025-02", ("2025-02-01", "2025-02-28")), ("2025-06-12", ("2025-06-12", "2025-06-12")),
    ("2025-13", None), ("2025-02-30", None), ("June 2025", None),
])
def test_date_interval(date: str, interval: tuple[str, str] | None) -> None:
    assert rdf.date_interval(date) == interval


def test_amounts_have_a_usd_equivalent_from_the_rate_table(turtle: Graph) -> None:
    from kg.graph import money

    stmt = [s for s in turtle.subjects(ns.RDF.type, KG.Acquisition)][0]
    assert turtle.value(stmt, KG.amountUSD) == Literal("1000000000", datatype=ns.XSD.decimal)
    # KRW in 2025: the table's last year (2024) is used until the IRS publishes 2025.
    assert money.rate_year("KRW", "2025-06") == "2024"
    assert money.rate_year("KRW", "2019") == "2020"
    assert money.rate_year("KRW", None) == "2024"
    assert money.rate_year("XYZ", "2024") is None
    assert money.usd_equivalent(1364.153e6, "KRW", "2024-03") == pytest.approx(1e6)
    assert money.usd_equivalent(5.0, "USD", None) == 5.0
    assert money.usd_equivalent(5.0, "XYZ", "2024") is None


def test_every_rate_currency_is_an_iso_code_and_the_source_is_named() -> None:
    from kg.graph import money
    from kg.graph.ontology import load

    assert set(money.rates()) <= set(money.iso4217())
    assert "USD" in money.iso4217() and "KRW" in money.iso4217()
    onto = load("ontology")
    assert onto.value(KG.amountUSD, ns.DCTERMS.source) == URIRef(money.RATES_SOURCE)


def _facts_store(path: Path, docs: list[tuple]) -> Path:
    from kg.graph.model import Document
    from kg.graph.store import ResolvedClaim

    with open_store(path) as store:
        for doc_path, claims in docs:
            doc = Document(id=sample.sha(doc_path), path=doc_path, text="", lang="en",
                           published="2025-06-01")
            store.write(doc, [ResolvedClaim(*c) for c in claims])
    return path


def test_ntriples_has_no_repeated_lines(tmp_path: Path) -> None:
    """Two rounds between one pair, a symmetric pair: each direct triple is written once."""
    meta, scale, mercor = sample.META, sample.SCALE, sample.MERCOR
    path = _facts_store(tmp_path / "s", [
        ("/data/a.txt", [
            ("INVESTED_IN", meta, scale, {"amount": 1e9, "currency": "USD", "date": "2025-06"},
             "Meta invested in June.", 0.8, "x"),
            ("INVESTED_IN", meta, scale, {"date": "2024-01"}, "Meta invested in 2024.", 0.8, "x"),
            ("COMPETES_WITH", mercor, scale, {}, "Mercor competes with Scale.", 0.8, "x"),
            ("PART_OF", sample.MSL, meta, {}, "MSL is part of Meta.", 0.8, "x"),
        ]),
    ])
    lines = export(path, "nt").decode("utf-8").splitlines()
    assert len(lines) == len(set(lines))
    assert lines.count(f"<{META}> <{KG.investedIn}> <{SCALE}> .") == 1
    assert len(parse(export(path, "nt"), "nt")) == len(lines)


def test_document_paths_are_relative_to_the_ingest_root(tmp_path: Path) -> None:
    path = _facts_store(tmp_path / "s", [
        ("/home/someone/corpus/ko/one.txt", []),
        ("/home/someone/corpus/en/two.txt", []),
    ])
    graph = parse(export(path))
    assert sorted(str(p) for p in graph.objects(None, KG.path)) == ["en/two.txt", "ko/one.txt"]
    assert "/home/someone" not in export(path).decode("utf-8")
    assert rdf.portable_paths({"a": "../../shared/dev/x.txt"}) == {"a": "x.txt"}
    assert rdf.portable_paths({"a": "https://example.com/x"}) == {"a": "https://example.com/x"}


def test_document_url_is_exported_and_imported(tmp_path: Path) -> None:
    from kg.graph.model import Document

    with open_store(tmp_path / "s") as store:
        store.write(Document(id=sample.sha("u"), path="/x/page.html", text="", lang="en",
                             url="https://news.example.com/a b"), [])
    graph = parse(export(tmp_path / "s"))
    doc = URIRef(BASE + "document/" + sample.sha("u"))
    assert graph.value(doc, ns.SDO.url) == URIRef("https://news.example.com/a%20b")
    with open_store(tmp_path / "back") as store:
        import_graph(store, graph)
        assert store.documents()[sample.sha("u")].url == "https://news.example.com/a%20b"


def test_each_source_is_generated_by_the_run_that_read_its_document(turtle: Graph) -> None:
    """Korean evidence is attributed to the Korean extractor, English to the English one."""
    for source in turtle.subjects(ns.RDF.type, KG.Source):
        run = turtle.value(source, ns.PROV.wasGeneratedBy)
        assert (run, ns.RDF.type, ns.PROV.Activity) in turtle
        assert turtle.value(run, ns.PROV.used) == turtle.value(source, ns.PROV.wasQuotedFrom)
        lang = turtle.value(source, KG.evidence).language
        assert str(turtle.value(run, KG.extractor)) == f"kg.rules.{lang}"
        assert turtle.value(run, ns.PROV.startedAtTime).datatype == ns.XSD.dateTime
    (stmt,) = [s for s in turtle.subjects(ns.RDF.type, KG.Investment)
               if turtle.value(s, KG.subject) == META]
    extractors = {str(turtle.value(run, KG.extractor))
                  for run in turtle.objects(stmt, ns.PROV.wasGeneratedBy)}
    assert extractors == {"kg.rules.ko", "kg.rules.en"}


def test_ingestion_times_and_first_last_seen_survive_the_round_trip(sample_store: Path,
                                                                    tmp_path: Path) -> None:
    from kg.graph.rdf_facts import document_runs

    with open_store(sample_store, read_only=True) as store:
        facts = {f.id: (f.first_seen, f.last_seen, f.extractor) for f in store.facts()}
        runs = document_runs(store)
    graph = parse(export(sample_store))
    seen = {str(graph.value(s, ns.DCTERMS.identifier)): graph.value(s, KG.firstSeen).toPython()
            for s in graph.subjects(KG.firstSeen, None)}
    facts_seen = {fid: datetime.fromisoformat(first) for fid, (first, _, _) in facts.items()}
    assert seen == facts_seen
    with open_store(tmp_path / "restored") as store:
        import_graph(store, graph)
        assert {f.id: (f.first_seen, f.last_seen, f.extractor)
                for f in store.facts()} == facts
        assert document_runs(store) == runs


@pytest.mark.parametrize("base", ["not a url", "example.org/kg", "http://exa mple.org/",
                                  "/relative/path", ""])
def test_base_must_be_an_absolute_iri(sample_store: Path, base: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli, ["export", "--format", "turtle", "--out", str(out),
                                      "--base", base, "--store", str(sample_store)])
    if base == "":  # an empty --base means the default
        assert result.exit_code == 0
        return
    assert result.exit_code == 1 and "absolute IRI" in result.output
    assert not out.exists()


def test_a_good_base_is_accepted(sample_store: Path) -> None:
    for base in ("urn:example:kg:", "https://example.org/kg#", "http://localhost:8080/x/"):
        assert len(parse(export(sample_store, base=base))) > 0


def test_a_store_from_before_urls_and_runs_is_upgraded_when_opened_for_writing(
        tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        sample.write(store)
        for column in ("url", "extractors", "kg_version"):
            store.query(f"ALTER TABLE Document DROP {column}")
    with open_store(tmp_path / "s"):
        pass
    graph = parse(export(tmp_path / "s"))
    assert validate(graph) == []
    # The runs written before the upgrade have no extractors; the facts are all there.
    assert len(list(graph.subjects(ns.RDF.type, KG.Extraction))) == 4
