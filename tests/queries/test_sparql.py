"""Named SPARQL queries give the same rows as the named Cypher queries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kg import queries
from kg.errors import QueryError
from kg.graph.ontology import load
from kg.graph.rdf import store_graph
from kg.graph.store import open_store
from kg.queries.sparql import run
from tests.graph import sample

MIRRORED = ["hires", "hiring-flows", "investments", "layoffs", "neighbourhood", "vendors"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample.build(tmp_path_factory.mktemp("sparql") / "store")


@pytest.fixture(scope="module")
def graph(store_path: Path) -> Graph:
    with open_store(store_path, read_only=True) as store:
        g = store_graph(store)
    g += load("ontology")
    return g


def cypher_rows(store_path: Path, name: str, params: dict[str, Any]) -> tuple[list, list]:
    named = queries.get(name)
    with open_store(store_path, read_only=True) as store:
        return store.query(queries.for_engine(named.text, "ladybug"), named.params(params))


def sparql_rows(graph: Graph, name: str, params: dict[str, Any]) -> tuple[list, list]:
    named = queries.get(name, "sparql")
    return run(graph, named.text, named.params(params))


def canonical(rows: list[list[Any]]) -> list[tuple]:
    """Rows as comparable tuples: numbers as floats, order ignored."""
    out = [tuple(float(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
                 for v in row) for row in rows]
    return sorted(out, key=repr)


def test_every_mirrored_query_exists_in_both_languages() -> None:
    assert set(MIRRORED) <= set(queries.named("cypher"))
    assert set(queries.named("sparql")) == set(MIRRORED)
    for name in MIRRORED:
        assert queries.get(name, "sparql").defaults == queries.get(name).defaults


@pytest.mark.parametrize("name, params", [
    *[(n, {}) for n in MIRRORED],
    ("investments", {"min_amount": 1e10}),
    ("neighbourhood", {"name": "Scale AI"}),
    ("neighbourhood", {"name": "Alexandr Wang"}),
    ("neighbourhood", {"name": "Nobody"}),
])
def test_sparql_returns_the_same_rows_as_cypher(store_path: Path, graph: Graph, name: str,
                                                params: dict[str, Any]) -> None:
    c_columns, c_rows = cypher_rows(store_path, name, params)
    s_columns, s_rows = sparql_rows(graph, name, params)
    assert s_columns == c_columns
    assert canonical(s_rows) == canonical(c_rows)
    if name != "neighbourhood":
        assert s_rows, f"the sample graph should give {name} rows"


def test_investments_are_ordered_as_in_cypher(store_path: Path, graph: Graph) -> None:
    assert sparql_rows(graph, "investments", {})[1] == [
        list(r) for r in cypher_rows(store_path, "investments", {})[1]]


def test_parameters_are_bound_not_pasted(graph: Graph) -> None:
    # A value that would break out of a string literal if it were pasted in.
    hostile = 'Meta") } SELECT * WHERE { ?s ?p ?o } #'
    _, rows = sparql_rows(graph, "neighbourhood", {"name": hostile})
    assert rows == []


def test_bad_query_is_a_query_error(graph: Graph) -> None:
    with pytest.raises(QueryError, match="SPARQL"):
        run(graph, "SELECT WHERE {")


def test_ask(graph: Graph) -> None:
    columns, rows = run(graph, "PREFIX kg: <https://w3id.org/kg/ontology#> "
                               "ASK { ?a kg:investedIn ?b }")
    assert (columns, rows) == (["ask"], [[True]])
