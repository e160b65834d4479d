"""kg export (RDF), kg validate, kg sparql and kg import, end to end."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.graph.vocab import KG
from tests.graph import sample


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def store(store_dir: Path) -> Path:
    return sample.build(store_dir)


def run(runner: CliRunner, *args: object) -> Result:
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


def export(runner: CliRunner, store: Path, out: Path, fmt: str = "turtle") -> Path:
    result = run(runner, "export", "--format", fmt, "--out", out, "--store", store)
    assert result.exit_code == 0, result.output
    return out


def test_export_then_validate_conforms(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    for fmt, suffix in (("turtle", "ttl"), ("jsonld", "jsonld"), ("nt", "nt")):
        path = export(runner, store, tmp_path / f"g.{suffix}", fmt)
        result = run(runner, "validate", path)
        assert result.exit_code == 0, result.output
        assert result.stdout == "" and "conforms" in result.stderr


def test_validate_reports_broken_data_and_exits_1(runner: CliRunner, store: Path,
                                                  tmp_path: Path) -> None:
    graph = Graph().parse(export(runner, store, tmp_path / "g.ttl"))
    investment = next(s for s in graph.subjects(ns.RDF.type, KG.Investment)
                      if graph.value(s, KG.currency))
    graph.remove((investment, ns.PROV.wasDerivedFrom, None))  # a fact without a source
    graph.remove((investment, KG.currency, None))  # an amount without its currency
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")

    result = run(runner, "validate", broken)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    # One violation per line; valuation needs the currency too, when the statement has one.
    assert len(lines) == 2 + (graph.value(investment, KG.valuation) is not None), lines
    assert any("prov:wasDerivedFrom" in ln and "at least one kg:Source" in ln for ln in lines)
    assert any("kg:currency" in ln and "amount requires currency" in ln for ln in lines)
    assert all(ln.startswith("statement:") for ln in lines)
    assert f"{len(lines)} violation(s)" in result.stderr


def test_validate_rejects_a_bad_wikidata_iri(runner: CliRunner, store: Path,
                                             tmp_path: Path) -> None:
    graph = Graph().parse(export(runner, store, tmp_path / "g.ttl"))
    meta = URIRef("https://w3id.org/kg/id/organization/meta")
    graph.add((meta, ns.OWL.sameAs, URIRef("https://www.wikidata.org/wiki/Q380")))
    graph.serialize(tmp_path / "bad.ttl", format="turtle")
    result = run(runner, "validate", tmp_path / "bad.ttl")
    assert result.exit_code == 1 and "owl:sameAs" in result.stdout


def test_validate_unreadable_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = run(runner, "validate", bad)
    assert result.exit_code == 1 and "Error:" in result.stderr


def test_sparql_named_query_formats(runner: CliRunner, store: Path) -> None:
    result = run(runner, "sparql", "--name", "investments", "--format", "json", "--store", store)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    meta = next(r for r in rows if r["investor"] == "Meta")
    assert meta == {"investor": "Meta", "investee": "Scale AI", "amount": 14300000000,
                    "currency": "USD", "amount_usd": 14300000000, "round_total": None,
                    "stake_pct": 49, "date": "2025-06-12", "sources": 3}

    result = run(runner, "sparql", "--name", "neighbourhood", "--param", "name=Scale AI",
                 "--format", "csv", "--store", store)
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"relation": "INVESTED_IN", "direction": "in", "other": "Meta"}.items() <= next(
        r for r in table if r["relation"] == "INVESTED_IN").items()


def test_sparql_ad_hoc_query_with_a_parameter(runner: CliRunner, store: Path) -> None:
    query = ("PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/kg/ontology#> "
             "SELECT ?investee WHERE { ?a schema:name ?who ; kg:investedIn ?b . "
             "?b schema:name ?investee }")
    result = run(runner, "sparql", query, "--param", "who=Liam Fedus", "--format", "json",
                 "--store", store)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"investee": "Periodic Labs"}]


def test_sparql_usage(runner: CliRunner, store: Path) -> None:
    assert run(runner, "sparql", "--store", store).exit_code == 2
    result = run(runner, "sparql", "--name", "nope", "--store", store)
    assert result.exit_code == 1 and "available" in result.stderr
    listed = run(runner, "sparql", "--list", "--format", "json")
    assert {q["name"] for q in json.loads(listed.stdout)} >= {"investments", "neighbourhood"}


def test_import_round_trip(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    original = export(runner, store, tmp_path / "a.ttl")
    result = run(runner, "import", original, "--store", tmp_path / "restored")
    assert result.exit_code == 0, result.output
    assert "18 facts" in result.stderr
    again = export(runner, tmp_path / "restored", tmp_path / "b.ttl")
    assert isomorphic(Graph().parse(original), Graph().parse(again))

    refused = run(runner, "import", original, "--store", tmp_path / "restored")
    assert refused.exit_code == 1 and "not empty" in refused.stderr


def test_import_from_jsonld(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    original = export(runner, store, tmp_path / "a.jsonld", "jsonld")
    assert run(runner, "import", original, "--store", tmp_path / "r").exit_code == 0
    again = export(runner, tmp_path / "r", tmp_path / "b.jsonld", "jsonld")
    assert original.read_bytes() == again.read_bytes()


def test_export_ontology(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "export", "--ontology")
    assert result.exit_code == 0
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert (KG.Investment, ns.RDFS.subClassOf, KG.Statement) in graph
    assert run(runner, "export").exit_code == 2  # neither --format nor --ontology


@pytest.mark.parametrize("command", ["validate", "sparql", "import"])
def test_help(runner: CliRunner, command: str) -> None:
    result = run(runner, command, "-h")
    assert result.exit_code == 0 and "Example" in result.stdout
