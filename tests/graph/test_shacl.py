"""The shapes refuse what an export can never contain: one test per gap they used to let through.

Each test takes the sample export (which conforms), breaks it one way, and
expects a violation on the property or node that was broken.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

from kg.graph import rdf
from kg.graph.shacl import Violation, validate
from kg.graph.store import open_store
from kg.graph.vocab import KG
from tests.graph import sample

BASE = "https://w3id.org/kg/id/"
META = URIRef(BASE + "organization/meta")
SCALE = URIRef(BASE + "organization/scale-ai")
MERCOR = URIRef(BASE + "organization/mercor")
WANG = URIRef(BASE + "person/alexandr-wang")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    path = sample.build(tmp_path_factory.mktemp("shacl") / "store")
    out = io.BytesIO()
    with open_store(path, read_only=True) as store:
        rdf.write_turtle(store, out)
    graph = Graph().parse(data=out.getvalue(), format="turtle")
    assert validate(graph) == []
    return graph


def _investment(graph: Graph) -> URIRef:
    (stmt,) = [s for s in graph.subjects(ns.RDF.type, KG.Investment)
               if graph.value(s, KG.subject) == META]
    return stmt


def broken(graph: Graph, change: Callable[[Graph], None]) -> list[Violation]:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    change(copy)
    return validate(copy)


def _replace(prop: URIRef, value: Literal) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        stmt = _investment(g)
        g.set((stmt, prop, value))
    return change


@pytest.mark.parametrize("prop, value", [
    (KG.amount, Literal("-5", datatype=ns.XSD.decimal)),
    (KG.amount, Literal("0", datatype=ns.XSD.decimal)),
    (KG.amountAlt, Literal("-1", datatype=ns.XSD.decimal)),
    (KG.valuation, Literal("0", datatype=ns.XSD.decimal)),
    (KG.amountUSD, Literal("-1", datatype=ns.XSD.decimal)),
])
def test_amounts_must_be_above_zero(exported: Graph, prop: URIRef, value: Literal) -> None:
    violations = broken(exported, _replace(prop, value))
    assert any(v.path == f"kg:{prop.split('#')[1]}" for v in violations), violations


@pytest.mark.parametrize("value", ["150", "-1"])
def test_stake_is_a_percentage(exported: Graph, value: str) -> None:
    violations = broken(exported, _replace(KG.stakePct, Literal(value, datatype=ns.XSD.decimal)))
    assert [v.path for v in violations] == ["kg:stakePct"]


def test_layoff_percentage_is_at_most_100(exported: Graph) -> None:
    def change(g: Graph) -> None:
        (stmt,) = g.subjects(ns.RDF.type, KG.Layoff)
        g.set((stmt, KG.pct, Literal("140", datatype=ns.XSD.decimal)))
    assert [v.path for v in broken(exported, change)] == ["kg:pct"]


@pytest.mark.parametrize("code", ["XYZ", "usd", "US$"])
def test_currency_is_an_iso_4217_code_from_the_list(exported: Graph, code: str) -> None:
    violations = broken(exported, _replace(KG.currency, Literal(code)))
    assert "kg:currency" in {v.path for v in violations}


def test_a_known_currency_passes(exported: Graph) -> None:
    assert broken(exported, _replace(KG.currencyAlt, Literal("JPY"))) == []


@pytest.mark.parametrize("evidence", ["", "   "])
def test_evidence_is_not_empty(exported: Graph, evidence: str) -> None:
    def change(g: Graph) -> None:
        source = next(iter(g.objects(_investment(g), ns.PROV.wasDerivedFrom)))
        g.set((source, KG.evidence, Literal(evidence, lang="en")))
    assert [v.path for v in broken(exported, change)] == ["kg:evidence"]


def test_a_statement_typed_only_kg_statement_is_refused(exported: Graph) -> None:
    def change(g: Graph) -> None:
        stmt = _investment(g)
        g.remove((stmt, ns.RDF.type, KG.Investment))
        g.add((stmt, ns.RDF.type, KG.Statement))
    violations = broken(exported, change)
    assert any("relation's class" in v.message for v in violations), violations


def test_a_statement_with_no_type_is_refused(exported: Graph) -> None:
    def change(g: Graph) -> None:
        g.remove((_investment(g), ns.RDF.type, KG.Investment))
    assert any("relation's class" in v.message for v in broken(exported, change))


def test_person_and_organization_are_disjoint(exported: Graph) -> None:
    def change(g: Graph) -> None:
        g.add((WANG, ns.RDF.type, ns.SDO.Organization))
    violations = broken(exported, change)
    assert any("not both" in v.message and v.focus == "person:alexandr-wang"
               for v in violations), violations


def test_a_direct_triple_needs_its_statement(exported: Graph) -> None:
    def change(g: Graph) -> None:
        g.add((SCALE, KG.investedIn, MERCOR))
    violations = broken(exported, change)
    assert [(v.focus, v.path) for v in violations] == [("organization:scale-ai", "-")]
    assert "statement" in violations[0].message


def test_a_direct_triple_in_the_wrong_direction_is_refused(exported: Graph) -> None:
    def change(g: Graph) -> None:
        g.remove((META, KG.investedIn, SCALE))
        g.add((SCALE, KG.investedIn, META))
    messages = [v.message for v in broken(exported, change)]
    # The reversed triple has no statement, and the statement lost its triple.
    assert any("has a INVESTED_IN statement" in m for m in messages), messages
    assert any("has its direct triple" in m for m in messages), messages


def test_a_statement_needs_its_direct_triple(exported: Graph) -> None:
    def change(g: Graph) -> None:
        g.remove((MERCOR, KG.vendorTo, META))
    violations = broken(exported, change)
    assert len(violations) == 1 and "has its direct triple" in violations[0].message


def test_a_symmetric_statement_needs_both_directions(exported: Graph) -> None:
    def change(g: Graph) -> None:
        g.remove((SCALE, KG.competesWith, MERCOR))
    violations = broken(exported, change)
    assert len(violations) == 1 and "and back" in violations[0].message


def test_a_dated_statement_needs_its_interval(exported: Graph) -> None:
    def change(g: Graph) -> None:
        g.remove((_investment(g), KG.dateStart, None))
    assert "kg:dateStart" in {v.path for v in broken(exported, change)}


def test_an_absolute_document_path_is_refused(exported: Graph) -> None:
    def change(g: Graph) -> None:
        doc = next(iter(g.subjects(KG.path, Literal("ko-seed.txt"))))
        g.set((doc, KG.path, Literal("/home/someone/news/ko-seed.txt")))
    assert [v.path for v in broken(exported, change)] == ["kg:path"]


def test_cli_validate_accepts_the_export_and_names_a_violation(exported: Graph,
                                                                tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    good = tmp_path / "good.ttl"
    good.write_text(exported.serialize(format="turtle"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(good)])
    assert result.exit_code == 0, result.output
    bad_graph = Graph()
    for triple in exported:
        bad_graph.add(triple)
    _replace(KG.stakePct, Literal("150", datatype=ns.XSD.decimal))(bad_graph)
    bad = tmp_path / "bad.ttl"
    bad.write_text(bad_graph.serialize(format="turtle"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1 and "kg:stakePct" in result.output
