"""Pytest plugin: a real Neo4j 5 server per test session, and an emptied driver per test.

Load it with ``pytest_plugins = ["tests.neo4j_fixture"]``. If ``NEO4J_URI`` is set, that
server is used (with ``NEO4J_USERNAME``/``NEO4J_PASSWORD``, and ``NEO4J_HTTP_URL`` for the
Browser test) and nothing is started; otherwise the jars are built (cached) and a server is
started in a temporary directory by ``scripts/neo4j_server.py`` and stopped when the session
ends. A server that cannot start
fails the tests that need it, with the server log's tail: nothing is skipped.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Protocol

import neo4j
import pytest

_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "neo4j_server.py"


class Neo4jServer(Protocol):
    """What the ``neo4j_server`` fixture gives: where the server is and how to log in."""

    uri: str
    user: str
    password: str
    http_url: str | None


def _server_module() -> ModuleType:
    """Import scripts/neo4j_server.py (scripts/ is no package) under a stable name."""
    name = "kg_neo4j_server_script"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, _SCRIPT)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {_SCRIPT}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """Connection settings (``uri``, ``user``, ``password``, ``http_url``) of a Neo4j server."""
    server = _server_module()
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield server.ServerInfo(uri=uri, user=os.environ.get("NEO4J_USERNAME", "neo4j"),
                                password=os.environ.get("NEO4J_PASSWORD", ""),
                                http_url=os.environ.get("NEO4J_HTTP_URL"))
        return
    run_dir = tmp_path_factory.mktemp("neo4j")
    try:
        info, error = server.start(run_dir), None
    except server.ServerError as exc:
        info, error = None, exc
    if info is None:  # failed outside the except block, so the message is shown only once
        pytest.fail(f"could not start the test Neo4j server: {error}", pytrace=False)
    try:
        yield info
    finally:
        server.stop(info)


def _quote(name: str) -> str:
    """A schema name as a backquoted Cypher identifier."""
    return "`" + name.replace("`", "``") + "`"


def clear_database(driver: neo4j.Driver) -> None:
    """Delete every node and relationship, then drop all constraints and indexes."""
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
                    ).consume()
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name")
    for record in records:
        driver.execute_query(f"DROP CONSTRAINT {_quote(record['name'])} IF EXISTS")
    # Token lookup indexes are part of an empty database; keep them.
    records, _, _ = driver.execute_query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'")
    for record in records:
        driver.execute_query(f"DROP INDEX {_quote(record['name'])} IF EXISTS")


@pytest.fixture
def neo4j_clean(neo4j_server: Neo4jServer) -> Iterator[neo4j.Driver]:
    """A driver to the session's server, whose database was emptied for this test."""
    driver = neo4j.GraphDatabase.driver(neo4j_server.uri,
                                        auth=(neo4j_server.user, neo4j_server.password))
    try:
        clear_database(driver)
        yield driver
    finally:
        driver.close()
