"""The read-only allowlist of `kg query`: clauses parsed from the statement, not words grepped."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.queries import named
from kg.queries.cypher_guard import check_cypher, tokenize

READS = [
    "MATCH (n) RETURN n",
    "match (a)-[r:HIRED]->(p) where a.name starts with 'COPY' return a.name order by a.name "
    "skip 1 limit 3",
    "OPTIONAL MATCH (n:Organization) RETURN count(n)",
    "UNWIND [1, 2] AS x WITH x WHERE x > 1 RETURN x",
    "MATCH (n) RETURN n.name UNION ALL MATCH (m) RETURN m.name",
    "MATCH (n) WHERE EXISTS { MATCH (n)-->(m) } RETURN n",
    "CALL show_tables() RETURN *",
    "CALL table_info('Organization') RETURN *",
    "CALL db.labels() YIELD label RETURN label",
    # Keywords inside strings, comments, backticks, properties, labels and map keys are data.
    "MATCH (n) WHERE n.name = 'x; CREATE (m)' RETURN n // DELETE n",
    "MATCH (n) /* COPY x TO 'f' */ RETURN n.`delete`, {set: 1} AS m, n.create",
    "MATCH (n:`Load`) RETURN n AS `install`",
    'MATCH (n) WHERE n.name ENDS WITH "LOAD FROM" RETURN n',
    "EXPLAIN MATCH (n) RETURN n",
    "MATCH (n) RETURN n;",
]

REFUSED = [
    ("COPY (MATCH (n) RETURN n.name) TO 'x.csv'", "COPY"),
    ("LOAD FROM '/etc/passwd' (header=false) RETURN *", "LOAD FROM"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV"),
    ("INSTALL httpfs", "INSTALL"),
    ("LOAD EXTENSION httpfs", "LOAD EXTENSION"),
    ("ATTACH 'other.lbug' AS other (dbtype lbug)", "ATTACH"),
    ("EXPORT DATABASE '/tmp/out'", "EXPORT"),
    ("IMPORT DATABASE '/tmp/out'", "IMPORT"),
    ("CREATE (n:Organization {id: 'x'})", "CREATE"),
    ("MATCH (n) SET n.name = 'x'", "SET"),
    ("MATCH (n) DETACH DELETE n", "DETACH DELETE"),
    ("MERGE (n:Organization {id: 'x'})", "MERGE"),
    ("MATCH (n) REMOVE n.name", "REMOVE"),
    ("DROP TABLE Organization", "DROP TABLE"),
    ("ALTER TABLE Organization ADD x STRING", "ALTER"),
    ("BEGIN TRANSACTION", "BEGIN"),
    ("CHECKPOINT", "CHECKPOINT"),
    ("USE other MATCH (n) RETURN n", "USE"),
    # Hidden behind a read clause, a statement separator or a subquery.
    ("MATCH (n) RETURN n; DROP TABLE Organization", "DROP TABLE"),
    ("match (n) return n union copy Organization from 'x.csv'", "COPY"),
    ("MATCH (n) CALL { CREATE (m:Organization {id: 'y'}) } RETURN n", "CREATE"),
    ("MATCH (n) WHERE EXISTS { MERGE (x:Person {id: 'z'}) } RETURN n", "MERGE"),
    ("MATCH (n) FOREACH (x IN [1] | CREATE (m))", "FOREACH"),
    ("CALL threads=4", "CALL threads"),
    ("CALL some_write_procedure() RETURN *", "some_write_procedure"),
    ("MATCH (n) RETURN count(n); MATCH (m) RETURN count(m)", "one statement at a time"),
]


@pytest.mark.parametrize("cypher", READS)
def test_read_queries_pass(cypher: str) -> None:
    check_cypher(cypher)


@pytest.mark.parametrize("language", ["cypher"])
def test_every_named_query_passes(language: str) -> None:
    for query in named(language).values():
        check_cypher(query.text)


@pytest.mark.parametrize(("cypher", "clause"), REFUSED)
def test_other_clauses_are_refused_in_one_line(cypher: str, clause: str) -> None:
    with pytest.raises(QueryError) as info:
        check_cypher(cypher)
    message = str(info.value)
    assert clause in message and "\n" not in message


def test_write_allows_data_changes_only() -> None:
    for cypher in ("CREATE (n:Organization {id: 'x'})", "MATCH (n) SET n.name = 'x'",
                   "MERGE (n:Organization {id: 'x'}) ON CREATE SET n.name = 'x' "
                   "ON MATCH SET n.name = 'y'", "MATCH (n) DETACH DELETE n"):
        check_cypher(cypher, allow_writes=True)
    for cypher in ("COPY (MATCH (n) RETURN n) TO 'x.csv'", "COPY Organization FROM 'x.csv'",
                   "LOAD FROM 'x.csv' RETURN *", "INSTALL httpfs", "LOAD EXTENSION httpfs",
                   "DROP TABLE Organization", "CREATE NODE TABLE X(id STRING, PRIMARY KEY(id))"):
        with pytest.raises(QueryError, match="even with --write"):
            check_cypher(cypher, allow_writes=True)


def test_tokens_keep_strings_comments_and_backticks_whole() -> None:
    tokens = tokenize("MATCH (n) WHERE n.x = 'it''s; \\' CREATE' RETURN `a``b` // MERGE")
    assert [t.text for t in tokens if t.kind in ("string", "quoted")] == [
        "'it'", "'s; \\' CREATE'", "`a``b`"]
    assert "MERGE" not in [t.text for t in tokens]


@pytest.mark.parametrize("cypher", ["MATCH (n RETURN n", "MATCH (n) RETURN 'open", "",
                                    "MATCH (n)] RETURN n"])
def test_malformed_statements_are_refused(cypher: str) -> None:
    with pytest.raises(QueryError):
        check_cypher(cypher)
