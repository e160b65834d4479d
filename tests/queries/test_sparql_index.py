"""The persistent SPARQL index answers the named queries as the rdflib graph does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from kg import queries
from kg.errors import QueryError
from kg.graph.model import Document
from kg.graph.sparql_index import INDEX_DIR, VERSION_FILE, open_index
from kg.graph.store import open_store
from kg.queries.sparql import answer, project_parameters, run_index
from tests.graph import sample

NAMED = ["hires", "hiring-flows", "investments", "layoffs", "neighbourhood", "vendors"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample.build(tmp_path_factory.mktemp("sparql-index") / "store")


def order_keys(query: str, columns: list[str], rows: list[list[Any]]) -> list[tuple]:
    """The values of the ORDER BY variables that are columns: the order both engines must keep."""
    clause = query.rsplit("ORDER BY", 1)[1] if "ORDER BY" in query else ""
    keys = [c for c in columns if f"?{c}" in clause]
    return [tuple(row[columns.index(k)] for k in keys) for row in rows]


@pytest.mark.parametrize("name, params", [
    *[(n, {}) for n in NAMED],
    ("investments", {"min_amount": 1e10}),
    ("investments", {"min_amount": 5}),
    ("neighbourhood", {"name": "Scale AI"}),
    ("neighbourhood", {"name": "알렉산드르 왕"}),
    ("neighbourhood", {"name": "Nobody"}),
])
def test_index_returns_the_rows_of_the_rdflib_graph(store_path: Path, name: str,
                                                    params: dict[str, Any]) -> None:
    named = queries.get(name, "sparql")
    given = named.params(params)
    r_columns, r_rows = answer(store_path, named.text, given, engine="rdflib")
    i_columns, i_rows = answer(store_path, named.text, given, engine="index")
    assert i_columns == r_columns
    assert sorted(i_rows, key=repr) == sorted(r_rows, key=repr)
    assert order_keys(named.text, i_columns, i_rows) == order_keys(named.text, r_columns, r_rows)
    if name != "neighbourhood" and not params:
        assert i_rows


def test_parameters_stay_out_of_the_query_text(store_path: Path) -> None:
    text = queries.get("investments", "sparql").text
    rewritten, added = project_parameters(text, ["min_amount"])
    assert added == ["min_amount"]
    assert "SELECT ?min_amount ?investor" in rewritten and "GROUP BY ?min_amount ?s" in rewritten
    # A value that would break out of a pasted literal is just a value.
    columns, rows = answer(store_path, text,
                           {"min_amount": '0 } } SELECT * WHERE { ?s ?p ?o'})
    assert columns[0] == "investor" and rows == []


def test_index_is_reused_until_the_store_changes(tmp_path: Path, store_path: Path) -> None:
    path = tmp_path / "store"
    shutil.copytree(store_path, path, ignore=shutil.ignore_patterns(INDEX_DIR))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?d a <https://w3id.org/kg/ontology#Document> }"
    assert answer(path, count) == (["n"], [[4]])
    built = (path / INDEX_DIR / VERSION_FILE).stat().st_mtime_ns
    assert answer(path, count) == (["n"], [[4]])
    assert (path / INDEX_DIR / VERSION_FILE).stat().st_mtime_ns == built  # not rebuilt

    with open_store(path) as store:
        store.write(Document(id=sample.sha("new"), path="new.txt", text="", lang="en"), [])
    assert answer(path, count) == (["n"], [[5]])
    assert json.loads((path / INDEX_DIR / VERSION_FILE).read_text())["triples"] > 0


def test_bad_queries_are_one_line_query_errors(store_path: Path) -> None:
    index = open_index(store_path)
    with pytest.raises(QueryError, match="^SPARQL: "):
        run_index(index, "SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="only SELECT and ASK"):
        run_index(index, "CONSTRUCT WHERE { ?s ?p ?o }")
    assert run_index(index, "ASK { ?s ?p ?o }") == (["ask"], [[True]])
