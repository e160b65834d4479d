"""Named SPARQL queries give the same rows as the named Cypher queries; a researcher's
questions get the right rows in plain SPARQL 1.1 (pyoxigraph, no reasoner)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from rdflib import Graph

from kg import queries
from kg.errors import QueryError
from kg.graph import rdf
from kg.graph.model import Document, Entity
from kg.graph.ontology import load
from kg.graph.rdf import store_graph
from kg.graph.store import ResolvedClaim, open_store
from kg.queries.sparql import run
from tests.graph import sample

MIRRORED = ["hires", "hiring-flows", "investments", "layoffs", "neighbourhood", "vendors"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample.build(tmp_path_factory.mktemp("sparql") / "store")


@pytest.fixture(scope="module")
def graph(store_path: Path) -> Graph:
    with open_store(store_path, read_only=True) as store:
        g = store_graph(store)
    g += load("ontology")
    return g


def cypher_rows(store_path: Path, name: str, params: dict[str, Any]) -> tuple[list, list]:
    named = queries.get(name)
    with open_store(store_path, read_only=True) as store:
        return store.query(queries.for_engine(named.text, "ladybug"), named.params(params))


def sparql_rows(graph: Graph, name: str, params: dict[str, Any]) -> tuple[list, list]:
    named = queries.get(name, "sparql")
    return run(graph, named.text, named.params(params))


def canonical(rows: list[list[Any]]) -> list[tuple]:
    """Rows as comparable tuples: numbers as floats, order ignored."""
    out = [tuple(float(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
                 for v in row) for row in rows]
    return sorted(out, key=repr)


def test_every_mirrored_query_exists_in_both_languages() -> None:
    assert set(MIRRORED) <= set(queries.named("cypher"))
    assert set(queries.named("sparql")) == set(MIRRORED)
    for name in MIRRORED:
        assert queries.get(name, "sparql").defaults == queries.get(name).defaults


@pytest.mark.parametrize("name, params", [
    *[(n, {}) for n in MIRRORED],
    ("investments", {"min_amount": 1e10}),
    ("neighbourhood", {"name": "Scale AI"}),
    ("neighbourhood", {"name": "Alexandr Wang"}),
    ("neighbourhood", {"name": "Nobody"}),
    ("neighbourhood", {"name": "스케일AI"}),
    ("neighbourhood", {"name": "org:meta"}),
    ("neighbourhood", {"name": "scale ai"}),
])
def test_sparql_returns_the_same_rows_as_cypher(store_path: Path, graph: Graph, name: str,
                                                params: dict[str, Any]) -> None:
    c_columns, c_rows = cypher_rows(store_path, name, params)
    s_columns, s_rows = sparql_rows(graph, name, params)
    assert s_columns == c_columns
    assert canonical(s_rows) == canonical(c_rows)
    if name != "neighbourhood":
        assert s_rows, f"the sample graph should give {name} rows"


def test_investments_are_ordered_as_in_cypher(store_path: Path, graph: Graph) -> None:
    assert sparql_rows(graph, "investments", {})[1] == [
        list(r) for r in cypher_rows(store_path, "investments", {})[1]]


def test_parameters_are_bound_not_pasted(graph: Graph) -> None:
    # A value that would break out of a string literal if it were pasted in.
    hostile = 'Meta") } SELECT * WHERE { ?s ?p ?o } #'
    _, rows = sparql_rows(graph, "neighbourhood", {"name": hostile})
    assert rows == []


def test_bad_query_is_a_query_error(graph: Graph) -> None:
    with pytest.raises(QueryError, match="SPARQL"):
        run(graph, "SELECT WHERE {")


def test_ask(graph: Graph) -> None:
    columns, rows = run(graph, "PREFIX kg: <https://w3id.org/kg/ontology#> "
                               "ASK { ?a kg:investedIn ?b }")
    assert (columns, rows) == (["ask"], [[True]])


# -- a researcher's questions, as plain SPARQL 1.1 in pyoxigraph (no reasoner) ----------

PREFIXES = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX org: <https://w3id.org/kg/id/organization/>
"""


def _org(slug: str, name: str) -> Entity:
    return Entity(f"org:{slug}", "Organization", name)


OPENAI, ANTHROPIC, GOOGLE, XAI = (_org("openai", "OpenAI"), _org("anthropic", "Anthropic"),
                                  _org("google", "Google"), _org("xai", "xAI"))
NAVER, KAKAO, REBELLIONS, UPSTAGE = (_org("naver", "Naver"), _org("kakao", "Kakao"),
                                     _org("rebellions", "Rebellions"), _org("upstage", "Upstage"))
SEQUOIA, A16Z = _org("sequoia", "Sequoia"), _org("a16z", "Andreessen Horowitz")
KIM = Entity("person:kim", "Person", "Kim Ji-hoon")
ARTICLE = Document(id="a" * 64, path="/srv/news/2025/ai-moves.html", text="", lang="en",
                   published="2025-07-01", url="https://news.example.com/ai-moves")
KO_ARTICLE = Document(id="b" * 64, path="/srv/news/2025/ko/투자.txt", text="", lang="ko",
                      published="2025-05")
ROUND = "Upstage raised $100 million from Sequoia and Andreessen Horowitz."


def _claim(relation: str, s: Entity, o: Entity, evidence: str, extractor: str = "kg.rules.en.v1",
           **qualifiers: Any) -> ResolvedClaim:
    return ResolvedClaim(relation, s, o, dict(qualifiers), evidence, 0.8, extractor)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> pyoxigraph.Store:
    """The researcher's graph: exported by kg as N-Triples, loaded into pyoxigraph."""
    path = tmp_path_factory.mktemp("researcher") / "store"
    with open_store(path) as store:
        store.write(ARTICLE, [
            _claim("COMPETES_WITH", ANTHROPIC, OPENAI, "Anthropic competes with OpenAI."),
            _claim("COMPETES_WITH", GOOGLE, OPENAI, "Google competes with OpenAI."),
            _claim("COMPETES_WITH", OPENAI, XAI, "OpenAI competes with xAI."),
            _claim("INVESTED_IN", GOOGLE, ANTHROPIC, "Google put $40 billion into Anthropic.",
                   amount=40e9, currency="USD", date="2025"),
            _claim("INVESTED_IN", SEQUOIA, UPSTAGE, ROUND, amount=1e8, currency="USD",
                   round="Series B", date="2025-06-12"),
            _claim("INVESTED_IN", A16Z, UPSTAGE, ROUND, amount=1e8, currency="USD",
                   round="Series B", date="2025-06-12"),
            _claim("DEPARTED", KIM, NAVER, "Kim left Naver in March.", date="2025-03"),
            _claim("HIRED", KAKAO, KIM, "Kakao hired Kim as CTO.", role="CTO", date="2025-04-02"),
            _claim("ACQUIRED", GOOGLE, XAI, "Google bought a stake in late 2024.", date="2024-12"),
            _claim("PARTNERED_WITH", NAVER, KAKAO, "Naver and Kakao will work together in 2026.",
                   date="2026-01"),
        ])
        store.write(KO_ARTICLE, [
            _claim("INVESTED_IN", NAVER, REBELLIONS, "네이버는 리벨리온에 1321억 원을 투자했다.",
                   extractor="kg.rules.ko.v1", amount=132.1e9, currency="KRW", date="2025-05"),
        ])
        out = io.BytesIO()
        rdf.write_ntriples(store, out)
    graph = pyoxigraph.Store()
    graph.load(out.getvalue(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return graph


def ask(graph: pyoxigraph.Store, query: str) -> list[tuple]:
    solutions = graph.query(PREFIXES + query)
    names = [v.value for v in solutions.variables]
    return [tuple(None if sol[n] is None else sol[n].value for n in names) for sol in solutions]


def test_competitors_of_openai_in_either_direction(oxigraph: pyoxigraph.Store) -> None:
    forward = ask(oxigraph, "SELECT ?name WHERE { org:openai kg:competesWith ?x . "
                            "?x schema:name ?name } ORDER BY ?name")
    backward = ask(oxigraph, "SELECT ?name WHERE { ?x kg:competesWith org:openai . "
                             "?x schema:name ?name } ORDER BY ?name")
    assert forward == backward == [("Anthropic",), ("Google",), ("xAI",)]
    # Still one statement node per fact.
    assert len(ask(oxigraph, "SELECT ?s WHERE { ?s a kg:Competition }")) == 3


def test_facts_in_2025_by_date_interval(oxigraph: pyoxigraph.Store) -> None:
    rows = ask(oxigraph, """
        SELECT ?date WHERE {
          ?s kg:date ?date ; kg:dateStart ?start ; kg:dateEnd ?end .
          FILTER (?start >= "2025-01-01"^^xsd:date && ?end <= "2025-12-31"^^xsd:date)
        } ORDER BY ?start ?date""")
    # Year, month and day precision all count; 2024-12 and 2026-01 do not.
    assert sorted(r[0] for r in rows) == sorted(
        ["2025", "2025-03", "2025-04-02", "2025-05", "2025-06-12", "2025-06-12"])
    # The trap the interval avoids: comparing kg:date itself loses the coarser dates.
    naive = ask(oxigraph, 'SELECT ?d WHERE { ?s kg:date ?d FILTER (?d >= "2025-01-01"^^xsd:date) }')
    assert len(naive) < len(rows)


def test_documents_have_date_intervals_too(oxigraph: pyoxigraph.Store) -> None:
    rows = ask(oxigraph, "SELECT ?start ?end WHERE { ?d a kg:Document ; kg:sha256 ?sha ; "
                         f'kg:dateStart ?start ; kg:dateEnd ?end FILTER (?sha = "{"b" * 64}") }}')
    assert rows == [("2025-05-01", "2025-05-31")]


def test_investments_ordered_by_usd_equivalent(oxigraph: pyoxigraph.Store) -> None:
    rows = ask(oxigraph, """
        SELECT ?investor ?investee ?usd WHERE {
          ?s a kg:Investment ; kg:subject/schema:name ?investor ;
             kg:object/schema:name ?investee ; kg:amountUSD ?usd .
        } ORDER BY DESC(?usd)""")
    assert [(a, b) for a, b, _ in rows] == [("Google", "Anthropic"), ("Naver", "Rebellions")]
    # 132.1 billion won at the table's rate is about 97 million dollars, not 132.1e9.
    assert 9e7 < float(rows[1][2]) < 1.1e8


def test_round_total_is_not_each_investors_amount(oxigraph: pyoxigraph.Store) -> None:
    rows = ask(oxigraph, """
        SELECT ?investor ?amount ?total WHERE {
          ?s a kg:Investment ; kg:subject/schema:name ?investor ; kg:object org:upstage .
          OPTIONAL { ?s kg:amount ?amount } OPTIONAL { ?s kg:roundTotal ?total }
        } ORDER BY ?investor""")
    assert rows == [("Andreessen Horowitz", None, "100000000"), ("Sequoia", None, "100000000")]


def test_people_who_moved_from_one_organization_to_another(oxigraph: pyoxigraph.Store) -> None:
    rows = ask(oxigraph, """
        SELECT ?person ?from ?to WHERE {
          ?p a schema:Person ; schema:name ?person ; kg:departed ?a .
          ?b kg:hired ?p .
          ?a schema:name ?from . ?b schema:name ?to .
          ?left a kg:Departure ; kg:subject ?p ; kg:object ?a ; kg:dateStart ?l .
          ?joined a kg:Hiring ; kg:subject ?b ; kg:object ?p ; kg:dateEnd ?j .
          FILTER (?l <= ?j)
        }""")
    assert rows == [("Kim Ji-hoon", "Naver", "Kakao")]


def test_evidence_sentence_and_source_url_of_a_fact(oxigraph: pyoxigraph.Store) -> None:
    rows = ask(oxigraph, """
        SELECT ?evidence ?url ?path WHERE {
          ?s a kg:Hiring ; kg:subject org:kakao ; prov:wasDerivedFrom ?source .
          ?source kg:evidence ?evidence ; prov:wasQuotedFrom ?doc .
          ?doc schema:url ?url ; kg:path ?path .
        }""")
    # The path is relative to the ingest root (/srv/news/2025), never absolute.
    assert rows == [("Kakao hired Kim as CTO.", "https://news.example.com/ai-moves",
                     "ai-moves.html")]


def test_each_sources_evidence_names_the_extractor_that_produced_it(
        oxigraph: pyoxigraph.Store) -> None:
    rows = ask(oxigraph, """
        SELECT DISTINCT ?lang ?extractor WHERE {
          ?source a kg:Source ; kg:evidence ?e ; prov:wasGeneratedBy ?run .
          ?run a prov:Activity ; kg:extractor ?extractor ; prov:startedAtTime ?t .
          BIND (LANG(?e) AS ?lang)
        } ORDER BY ?lang""")
    assert rows == [("en", "kg.rules.en.v1"), ("ko", "kg.rules.ko.v1")]
