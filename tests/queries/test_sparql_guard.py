"""`kg sparql` reads only local data: SERVICE, remote datasets and updates are refused."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg.errors import QueryError
from kg.queries import named
from kg.queries.sparql import run
from kg.queries.sparql_guard import check_sparql

REFUSED = [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://e.org/q> { ?s ?p ?o } } }",
     "SERVICE"),
    ("SELECT * WHERE { { SELECT ?s WHERE { OPTIONAL { SERVICE <http://e.org/q> { ?s ?p ?o } } } } }",
     "SERVICE"),
    ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM <"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM NAMED"),
    ("LOAD <http://example.org/data.ttl>", "updates"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "updates"),
    ("SELECT * WHERE { ?s ?p", "syntax"),
]


@pytest.mark.parametrize(("query", "what"), REFUSED)
def test_refused(query: str, what: str) -> None:
    with pytest.raises(QueryError, match=what):
        check_sparql(query)


def test_named_queries_pass() -> None:
    for query in named("sparql").values():
        check_sparql(query.text)


def test_local_named_graph_is_allowed() -> None:
    check_sparql("SELECT * FROM <urn:kg:store> WHERE { ?s ?p ?o }", local_graphs=["urn:kg:store"])


@pytest.mark.parametrize("query", [
    'SELECT ?s WHERE { ?s ?p ?o FILTER REGEX(STR(?o), "(") }',
    "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }",
])
def test_evaluation_errors_are_one_line(query: str) -> None:
    graph = Graph().parse(data='<urn:a> <urn:b> "c" .', format="nt")
    with pytest.raises(QueryError) as info:
        run(graph, query)
    assert "\n" not in str(info.value) and str(info.value).startswith("SPARQL")
