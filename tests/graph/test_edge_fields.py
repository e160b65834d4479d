"""The new edge fields (valid_from/valid_to, conflicts, reports) in every projection."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import neo4j
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from kg.graph import neo4j as sync
from kg.graph import rdf
from kg.graph.neo4j_export import write_cypher
from kg.graph.shacl import validate
from kg.graph.store import open_store
from kg.graph.vocab import KG
from tests.graph import sample


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample.build(tmp_path_factory.mktemp("fields") / "store")


@pytest.fixture(scope="module")
def turtle(sample_store: Path) -> Graph:
    out = io.BytesIO()
    with open_store(sample_store, read_only=True) as store:
        rdf.write_turtle(store, out)
    return Graph().parse(data=out.getvalue(), format="turtle")


def _statement(graph: Graph, cls: Any, subject: str, obj: str) -> Any:
    base = rdf.Iris().base
    (node,) = [s for s in graph.subjects(RDF.type, cls)
               if str(graph.value(s, KG.subject)).endswith("/" + subject.partition(":")[2])
               and str(graph.value(s, KG.object)).endswith("/" + obj.partition(":")[2])
               and str(s).startswith(base)]
    return node


def test_rdf_statement_carries_conflict_and_every_report(turtle: Graph) -> None:
    stmt = _statement(turtle, KG.Investment, sample.META.id, sample.SCALE.id)
    assert set(turtle.objects(stmt, KG.conflict)) == {Literal("amount")}
    reports = [json.loads(str(o)) for o in turtle.objects(stmt, KG.report)]
    assert all(o.datatype == RDF.JSON for o in turtle.objects(stmt, KG.report))
    amounts = {r["doc"]: r["qualifiers"].get("amount") for r in reports if r["qualifiers"]}
    assert amounts[sample.EN_DOC2.id] == 11e9 and amounts[sample.KO_DOC.id] == 14.3e9
    assert len(reports) == 4 and not any("seen" in r for r in reports)


def test_rdf_state_carries_its_interval(turtle: Graph) -> None:
    vendor = _statement(turtle, KG.VendorRelationship, sample.SCALE.id, sample.OPENAI.id)
    # Ended by OpenAI's ENDED_PARTNERSHIP of 2025-06, a fact of its own.
    assert turtle.value(vendor, KG.validTo) == Literal("2025-06", datatype=XSD.gYearMonth)
    job = _statement(turtle, KG.Employment, sample.FEDUS.id, sample.OPENAI.id)
    assert turtle.value(job, KG.validFrom) == Literal("2018", datatype=XSD.gYear)


def test_export_with_the_new_fields_conforms_to_the_shapes(turtle: Graph) -> None:
    assert validate(turtle) == []


def test_a_bad_conflict_name_is_a_violation(turtle: Graph) -> None:
    broken = Graph() + turtle
    stmt = _statement(broken, KG.Investment, sample.META.id, sample.SCALE.id)
    broken.add((stmt, KG.conflict, Literal("title")))  # INVESTED_IN has no title
    assert any("conflict" in v.path for v in validate(broken))


def test_cypher_script_carries_the_new_fields(sample_store: Path) -> None:
    out = io.BytesIO()
    with open_store(sample_store, read_only=True) as store:
        write_cypher(store, out)
    script = out.getvalue().decode("utf-8")
    assert "`conflicts`: ['amount']" in script
    assert "`valid_to`: '2025-06'" in script and "`reports`: [" in script


@pytest.mark.neo4j
def test_push_carries_the_new_fields(sample_store: Path, neo4j_server: Any) -> None:
    settings = sync.Settings(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    with neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as d:
        d.execute_query("MATCH (n) DETACH DELETE n")
        with open_store(sample_store, read_only=True) as store:
            sync.push(store, settings)
        records, _, _ = d.execute_query(
            "MATCH (:Organization {id: $s})-[r:INVESTED_IN]->(:Organization {id: $o}) "
            "RETURN r.conflicts AS conflicts, size(r.reports) AS reports",
            s=sample.META.id, o=sample.SCALE.id)
        assert [(r["conflicts"], r["reports"]) for r in records] == [(["amount"], 4)]
        records, _, _ = d.execute_query(
            "MATCH ()-[r:VENDOR_TO {status: 'ended'}]->() RETURN r.valid_to AS until")
        assert [r["until"] for r in records] == ["2025-06"]
