"""The test Neo4j server: it answers, it is 5.26.x, and it checks passwords."""

from __future__ import annotations

import neo4j
import pytest
from neo4j.exceptions import AuthError

from tests.neo4j_fixture import Neo4jServer, clear_database

pytestmark = pytest.mark.neo4j


def test_server_answers_and_is_5_26(neo4j_clean: neo4j.Driver) -> None:
    records, _, _ = neo4j_clean.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1
    info = neo4j_clean.get_server_info()
    assert info.agent.startswith("Neo4j/5.26"), info.agent
    records, _, _ = neo4j_clean.execute_query(
        "CALL dbms.components() YIELD versions RETURN versions[0] AS version")
    assert records[0]["version"].startswith("5.26"), records[0]["version"]


def test_clean_database_is_empty(neo4j_clean: neo4j.Driver) -> None:
    neo4j_clean.execute_query("CREATE CONSTRAINT probe_id IF NOT EXISTS "
                              "FOR (p:Probe) REQUIRE p.id IS UNIQUE")
    neo4j_clean.execute_query("CREATE (:Probe {id: 1})-[:R]->(:Probe {id: 2})")
    clear_database(neo4j_clean)
    records, _, _ = neo4j_clean.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] == 0
    records, _, _ = neo4j_clean.execute_query("SHOW CONSTRAINTS YIELD name")
    assert records == []


def test_wrong_password_is_refused(neo4j_server: Neo4jServer) -> None:
    with neo4j.GraphDatabase.driver(neo4j_server.uri,
                                    auth=(neo4j_server.user, "not-the-password")) as driver:
        with pytest.raises(AuthError):
            driver.verify_connectivity()
