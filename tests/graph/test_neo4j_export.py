"""The Cypher script and the neo4j-admin CSV files, loaded into a real Neo4j."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

import neo4j
import pytest

from kg.graph import neo4j as sync
from kg.graph.neo4j_export import (
    cypher_literal,
    cypher_statements,
    import_arguments,
    write_admin_csv,
    write_cypher,
)
from kg.graph.store import Store, open_store
from tests.graph.sample_graph import ingest_seed, neo4j_counts, write_sample
from tests.neo4j_fixture import _server_module, clear_database

pytestmark = pytest.mark.neo4j


@pytest.fixture
def store(store_dir: Path) -> Any:
    with open_store(store_dir) as st:
        ingest_seed(st)
        write_sample(st)
        yield st


def _statements(script: str) -> list[str]:
    # Literals escape their line breaks, so a statement ends exactly at ';' + newline.
    body = "\n".join(ln for ln in script.splitlines() if not ln.startswith("//"))
    return [s.strip() for s in re.split(r";\n", body + "\n") if s.strip()]


def _snapshot(driver: neo4j.Driver) -> tuple[dict[str, Any], dict[tuple[str, str], Any]]:
    """Every node's properties by id, every fact edge's by (type, fact_id)."""
    nodes, _, _ = driver.execute_query("MATCH (n) RETURN n.id AS id, labels(n) AS l, "
                                       "properties(n) AS p")
    rels, _, _ = driver.execute_query("MATCH (a)-[r]->(b) WHERE r.fact_id IS NOT NULL "
                                      "RETURN type(r) AS t, a.id AS a, b.id AS b, "
                                      "properties(r) AS p")
    return ({r["id"]: (r["l"], r["p"]) for r in nodes},
            {(r["t"], r["p"]["fact_id"]): (r["a"], r["b"], r["p"]) for r in rels})


def test_literals_are_escaped() -> None:
    assert cypher_literal("it's \\ \"q\"\nnext") == "'it\\'s \\\\ \"q\"\\nnext'"
    assert cypher_literal("\u2028\x01") == "'\\u2028\\u0001'"
    assert cypher_literal([1, 2.5, None, True]) == "[1, 2.5, null, true]"
    assert cypher_literal({"count": 3}) == "{`count`: 3}"


def test_cypher_script_loads_with_the_stores_counts_twice(
        store: Store, neo4j_clean: neo4j.Driver, neo4j_server: Any) -> None:
    out = io.BytesIO()
    write_cypher(store, out)
    statements = _statements(out.getvalue().decode("utf-8"))
    assert statements[0].startswith("CREATE CONSTRAINT organization_id IF NOT EXISTS")
    assert len(statements) == len(list(cypher_statements(store)))
    for _ in range(2):  # idempotent: the second run changes nothing
        for statement in statements:
            neo4j_clean.execute_query(statement)
        assert neo4j_counts(neo4j_clean) == store.counts()
    loaded = _snapshot(neo4j_clean)
    # The same graph a live push writes, property for property (quotes, \, line breaks).
    clear_database(neo4j_clean)
    sync.push(store, sync.Settings(neo4j_server.uri, neo4j_server.user, neo4j_server.password))
    assert _snapshot(neo4j_clean) == loaded


def test_admin_csv_headers(store: Store, tmp_path: Path) -> None:
    written = write_admin_csv(store, tmp_path)
    header = (tmp_path / "rels-INVESTED_IN.csv").read_text().splitlines()[0].split(",")
    assert header[:3] == [":START_ID(Entity)", ":END_ID(Entity)", "fact_id"]
    assert {"amount:double", "stake_pct:double", "sources:string[]", "evidence:string[]",
            "confidence:double", ":TYPE"} <= set(header)
    assert "count:long" in (tmp_path / "rels-LAID_OFF.csv").read_text().splitlines()[0]
    # the caption property kg push writes travels with the offline import too
    invested = (tmp_path / "rels-INVESTED_IN.csv").read_text()
    assert "amount_text" in header and "14.3B USD" in invested
    organizations = (tmp_path / "nodes-Organization.csv").read_text().splitlines()[0]
    assert organizations.startswith("id:ID(Entity),name,aliases:string[]")
    assert organizations.endswith(":LABEL")
    assert written["rels-MENTIONS.csv"] == store.counts()["MENTIONS"]
    # The sample graph has ';' inside aliases and evidence, so another delimiter is chosen.
    assert "--array-delimiter='|'" in (tmp_path / "import.sh").read_text()


def test_admin_csv_imports_with_neo4j_admin(store: Store, tmp_path: Path,
                                            neo4j_server: Any) -> None:
    """``neo4j-admin database import full`` into a second, stopped instance, then start it.

    Community Edition has one user database and imports only into a stopped
    DBMS, so the files go into a fresh run directory's ``neo4j`` database
    with the same jars, which is then started and counted.
    """
    server = _server_module()
    csv_dir = tmp_path / "csv"
    write_admin_csv(store, csv_dir)
    run = (tmp_path / "imported").resolve()
    conf = server._write_conf(run, *server._free_ports(2))
    lib = server.build()
    done = subprocess.run(
        ["java", "-cp", f"{lib}/*", server.ADMIN_MAIN, *import_arguments(csv_dir)],
        env={"PATH": "/usr/bin:/bin", "NEO4J_HOME": str(run), "NEO4J_CONF": str(conf)},
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "IMPORT DONE" in done.stdout + done.stderr
    info = server.start(run, password=neo4j_server.password)
    try:
        with neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password)) as driver:
            assert neo4j_counts(driver) == store.counts()
            _, imported = _snapshot(driver)
    finally:
        server.stop(info)
    expected = {(f.relation, f.id): f for f in store.facts()}
    assert set(imported) == set(expected)
    for key, (a, b, props) in imported.items():
        fact = expected[key]
        assert (a, b) == (fact.subject.id, fact.object.id)
        assert props["sources"] == [s.doc for s in fact.sources]
        assert props["evidence"] == [s.evidence for s in fact.sources]
        assert {q: props[q] for q in fact.qualifiers} == fact.qualifiers
