"""Neo4j's cypher-shell, from Maven Central, loads `kg export --format cypher` as docs/neo4j.md shows."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import neo4j
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph.store import open_store
from tests.graph.sample_graph import neo4j_counts, write_sample
from tests.neo4j_fixture import _server_module

pytestmark = pytest.mark.neo4j


def test_cypher_shell_loads_the_export_twice_without_duplicates(
        store_dir: Path, tmp_path: Path, neo4j_server: Any, neo4j_clean: neo4j.Driver) -> None:
    with open_store(store_dir) as store:
        write_sample(store)
        expected = store.counts()
    script = tmp_path / "graph.cypher"
    result = CliRunner().invoke(cli, ["export", "--format", "cypher", "--out", str(script),
                                      "--store", str(store_dir)], catch_exceptions=False)
    assert result.exit_code == 0, result.output

    server = _server_module()
    launcher = server.build_cypher_shell()
    assert launcher.is_file() and launcher.name == "cypher-shell"
    command = server.cypher_shell_command(neo4j_server, ["-f", str(script)])
    assert command[:3] == [str(launcher), "-a", neo4j_server.uri]
    for _ in range(2):  # the script is idempotent
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert neo4j_counts(neo4j_clean) == expected

    query = subprocess.run(
        command[:-2] + ["--format", "plain",
                        "MATCH (a)-[r:INVESTED_IN]->(b) WHERE r.amount > 1e9 "
                        "RETURN a.name AS investor, r.amount_text AS amount"],
        capture_output=True, text=True, timeout=300)
    assert query.returncode == 0, query.stderr
    assert query.stdout.splitlines() == ["investor, amount", '"Acme \'Robotics\'", "1.5B USD"']
