"""Pushing the embedded graph into a real Neo4j: counts, idempotence, increments, failures."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import neo4j
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import Neo4jAuthError, Neo4jUnavailable, SyncError
from kg.graph import neo4j as sync
from kg.graph.model import RELATIONS
from kg.graph.store import open_store
from tests.graph.sample_graph import (
    ACME,
    BOLT,
    KIM,
    SEED,
    SEED_PUBLISHED,
    claim,
    doc,
    every_relation,
    ingest_seed,
    neo4j_counts,
    total_nodes_and_rels,
    write_sample,
)

pytestmark = pytest.mark.neo4j


@pytest.fixture
def settings(neo4j_server: Any) -> sync.Settings:
    return sync.Settings(uri=neo4j_server.uri, user=neo4j_server.user,
                         password=neo4j_server.password)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _edges(driver: neo4j.Driver, rel: str) -> dict[str, dict[str, Any]]:
    records, _, _ = driver.execute_query(f"MATCH ()-[r:{rel}]->() RETURN r")
    return {r["r"]["fact_id"]: dict(r["r"]) for r in records}


def test_seed_push_has_the_stores_counts_and_a_second_push_changes_nothing(
        store_dir: Path, neo4j_clean: neo4j.Driver, settings: sync.Settings) -> None:
    with open_store(store_dir) as store:
        ingest_seed(store)
        expected = store.counts()
        first = sync.push(store, settings)
        assert neo4j_counts(neo4j_clean) == expected
        assert first.relationships_created == sum(expected[r] for r in (*RELATIONS, "MENTIONS"))
        second = sync.push(store, settings)
    assert neo4j_counts(neo4j_clean) == expected
    assert (second.nodes_created, second.relationships_created) == (0, 0)
    assert (second.nodes, second.relationships) == (first.nodes, first.relationships)
    assert expected["INVESTED_IN"] >= 1 and expected["Organization"] >= 2


def test_edge_properties_arrive_intact(store_dir: Path, neo4j_clean: neo4j.Driver,
                                       settings: sync.Settings) -> None:
    with open_store(store_dir) as store:
        write_sample(store)
        facts = store.facts()
        sync.push(store, settings, batch_size=3)
    for fact in facts:
        edge = _edges(neo4j_clean, fact.relation)[fact.id]
        assert {q: edge[q] for q in fact.qualifiers} == fact.qualifiers
        display = {"amount_text"} if "amount" in fact.qualifiers else set()
        assert set(edge) - set(fact.qualifiers) == {
            "fact_id", "sources", "evidence", "confidence", "extractor", "first_seen",
            "last_seen", "reports", "conflicts"} | display
        assert (edge["reports"], edge["conflicts"]) == (fact.reports, fact.conflicts)
        assert edge["sources"] == [s.doc for s in fact.sources]
        assert edge["evidence"] == [s.evidence for s in fact.sources]
        assert edge["confidence"] == pytest.approx(fact.confidence)
        assert (edge["first_seen"], edge["last_seen"]) == (fact.first_seen, fact.last_seen)
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (o:Organization {id: $id}) RETURN o.name AS name, o.description AS d",
        id=BOLT.id)
    assert (records[0]["name"], records[0]["d"]) == (BOLT.name, BOLT.description)


def test_constraints_exist_for_every_node_label(store_dir: Path, neo4j_clean: neo4j.Driver,
                                                 settings: sync.Settings) -> None:
    with open_store(store_dir) as store:
        write_sample(store)
        sync.push(store, settings)
    records, _, _ = neo4j_clean.execute_query(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties")
    assert {(r["label"], tuple(r["properties"])) for r in records} >= {
        ("Organization", ("id",)), ("Person", ("id",)), ("Document", ("id",))}


def test_push_after_one_more_document_adds_only_whats_new(
        store_dir: Path, neo4j_clean: neo4j.Driver, settings: sync.Settings) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), every_relation())
        sync.push(store, settings)
        nodes, rels = total_nodes_and_rels(neo4j_clean)
        # One confirmed fact (a new source) and one new fact with a known pair of entities.
        store.write(doc(2), [claim("INVESTED_IN", ACME, BOLT, "Confirmed.", date="2025-06"),
                             claim("HIRED", ACME, KIM, "Acme hired Kim.", date="2025-06")])
        result = sync.push(store, settings)
        expected = store.counts()
    assert neo4j_counts(neo4j_clean) == expected
    # New: the document, its three MENTIONS and the HIRED edge; nothing else.
    assert (result.nodes_created, result.relationships_created) == (1, 4)
    assert total_nodes_and_rels(neo4j_clean) == (nodes + 1, rels + 4)
    invest = [e for e in _edges(neo4j_clean, "INVESTED_IN").values()
              if e.get("date") == "2025-06"][0]
    assert invest["sources"] == ["sample-doc-1", "sample-doc-2"]
    assert invest["evidence"][1] == "Confirmed."


def test_an_interrupted_push_completes_on_rerun_without_duplicates(
        store_dir: Path, neo4j_clean: neo4j.Driver, settings: sync.Settings) -> None:
    with open_store(store_dir) as store:
        write_sample(store)
        batches = 0

        def interrupt(kind: str, rows: int) -> None:
            nonlocal batches
            batches += 1
            if kind == "INVESTED_IN" or batches == 8:
                raise KeyboardInterrupt  # as if the user pressed Ctrl-C mid-push

        with pytest.raises(KeyboardInterrupt):
            sync.push(store, settings, batch_size=2, progress=interrupt)
        partial = total_nodes_and_rels(neo4j_clean)
        sync.push(store, settings, batch_size=2)
        expected = store.counts()
    assert 0 < partial[0] + partial[1] < sum(expected.values())
    assert neo4j_counts(neo4j_clean) == expected
    records, _, _ = neo4j_clean.execute_query(
        "MATCH ()-[r]->() WHERE r.fact_id IS NOT NULL "
        "WITH r.fact_id AS f, count(*) AS n WHERE n > 1 RETURN f")
    assert records == []


def test_push_only_one_documents_part(store_dir: Path, neo4j_clean: neo4j.Driver,
                                      settings: sync.Settings) -> None:
    with open_store(store_dir) as store:
        write_sample(store)
        result = sync.push(store, settings, doc_ids={"sample-doc-2"})
    counts = neo4j_counts(neo4j_clean)
    assert (counts["Document"], counts["INVESTED_IN"], counts["HIRED"]) == (1, 1, 1)
    assert result.relationships == counts["MENTIONS"] + 2


@pytest.mark.parametrize("scheme", ["neo4j", "bolt"])
def test_routing_and_direct_uris_both_work(store_dir: Path, neo4j_clean: neo4j.Driver,
                                           settings: sync.Settings, scheme: str) -> None:
    uri = f"{scheme}://{settings.uri.split('://', 1)[1]}"
    with open_store(store_dir) as store:
        write_sample(store)
        sync.push(store, sync.Settings(uri, settings.user, settings.password))
        assert neo4j_counts(neo4j_clean) == store.counts()


def test_server_down_is_neo4j_unavailable(store_dir: Path, settings: sync.Settings) -> None:
    down = sync.Settings(f"neo4j://127.0.0.1:{_free_port()}", "neo4j", "whatever")
    with open_store(store_dir) as store, pytest.raises(Neo4jUnavailable, match="cannot reach"):
        sync.push(store, down)


def test_wrong_password_is_neo4j_auth_error(store_dir: Path, settings: sync.Settings) -> None:
    wrong = sync.Settings(settings.uri, settings.user, settings.password + "-wrong")
    with open_store(store_dir) as store, pytest.raises(Neo4jAuthError, match="refused"):
        sync.push(store, wrong)


def test_unknown_database_is_sync_error(store_dir: Path, settings: sync.Settings) -> None:
    with open_store(store_dir) as store, pytest.raises(SyncError, match="no database 'nope'"):
        sync.push(store, settings, database="nope")


# -- the command line ------------------------------------------------------------------


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, settings: sync.Settings) -> sync.Settings:
    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_USERNAME", settings.user)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password or "")
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    return settings


def run(*args: object) -> Any:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_cli_push_prints_a_summary_and_query_runs_on_neo4j(
        store_dir: Path, neo4j_clean: neo4j.Driver, env: sync.Settings) -> None:
    with open_store(store_dir) as store:
        write_sample(store)
        expected = store.counts()
    result = run("push", "--store", store_dir, "--batch-size", 4)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    nodes = sum(expected[k] for k in ("Organization", "Person", "Document"))
    assert f"pushed {nodes} nodes and" in result.stderr
    assert neo4j_counts(neo4j_clean) == expected
    out = run("query", "--neo4j", "--name", "investments", "--format", "json")
    assert out.exit_code == 0, out.output
    assert '"investor": "Acme \'Robotics\'"' in out.stdout


def test_cli_ingest_neo4j_writes_both_stores(store_dir: Path, neo4j_clean: neo4j.Driver,
                                             env: sync.Settings) -> None:
    result = run("ingest", "--neo4j", "--store", store_dir, "--published", SEED_PUBLISHED, SEED)
    assert result.exit_code == 0, result.output
    with open_store(store_dir, read_only=True) as store:
        assert neo4j_counts(neo4j_clean) == store.counts()


@pytest.mark.parametrize("problem, message", [
    ("down", "cannot reach Neo4j"), ("password", "refused user"), ("database", "no database"),
])
def test_cli_failures_are_one_line_and_leave_the_store_alone(
        store_dir: Path, neo4j_clean: neo4j.Driver, env: sync.Settings,
        monkeypatch: pytest.MonkeyPatch, problem: str, message: str) -> None:
    if problem == "down":
        monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{_free_port()}")
    elif problem == "password":
        monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    else:
        monkeypatch.setenv("NEO4J_DATABASE", "nope")
    result = run("ingest", "--neo4j", "--store", store_dir, "--published", SEED_PUBLISHED, SEED)
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (store_dir / "graph.lbug").exists()  # nothing written locally either
    assert total_nodes_and_rels(neo4j_clean) == (0, 0)
    with open_store(store_dir) as store:
        write_sample(store)
    pushed = run("push", "--store", store_dir)
    assert pushed.exit_code == 1 and message in pushed.stderr
    assert total_nodes_and_rels(neo4j_clean) == (0, 0)


def test_cli_second_push_says_nothing_changed(store_dir: Path, neo4j_clean: neo4j.Driver,
                                              env: sync.Settings) -> None:
    with open_store(store_dir) as store:
        write_sample(store)
    first = run("push", "--store", store_dir)
    assert first.exit_code == 0 and "pushed" in first.stderr
    again = run("push", "--store", store_dir)
    assert again.exit_code == 0, again.output
    assert again.stderr.startswith("nothing changed:"), again.stderr
    with open_store(store_dir) as store:  # a confirmed fact is a change again
        store.write(doc(3), [claim("HIRED", ACME, KIM, "Acme hired Kim again.", date="2025-06")])
        assert sync.push(store, env).properties_set > 0
        assert not sync.push(store, env).changed


def test_repeat_push_sets_no_property(store_dir: Path, neo4j_clean: neo4j.Driver,
                                      settings: sync.Settings) -> None:
    with open_store(store_dir) as store:
        write_sample(store)
        first = sync.push(store, settings)
        second = sync.push(store, settings)
    assert first.changed and first.properties_set > 0
    assert (second.nodes_created, second.relationships_created, second.properties_set) == (0, 0, 0)
    assert not second.changed


def test_cli_query_on_neo4j_silences_notifications_unless_verbose(
        store_dir: Path, neo4j_clean: neo4j.Driver, env: sync.Settings) -> None:
    with open_store(store_dir) as store:
        write_sample(store)
    assert run("push", "--store", store_dir, "--quiet").exit_code == 0
    # An unknown property makes the server send a warning notification.
    cypher = "MATCH (o:Organization) RETURN o.no_such_property AS x LIMIT 1"
    quiet = run("query", "--neo4j", "--format", "json", cypher)
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == ""
    verbose = run("query", "--neo4j", "--verbose", "--format", "json", cypher)
    assert verbose.exit_code == 0, verbose.output
    assert "no_such_property" in verbose.stderr and "Neo4j notification" in verbose.stderr
    assert verbose.stdout == quiet.stdout
