"""The persistent SPARQL index answers the named queries as the rdflib graph does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from kg import queries
from kg.errors import QueryError
from kg.graph import sparql_index
from kg.graph.model import Document
from kg.graph.sparql_index import INDEX_DIR, RESULTS_DIR, VERSION_FILE, open_index
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
    # Asked again, the index answers from the rows it saved: the same rows in the same order.
    assert answer(store_path, named.text, given, engine="index") == (i_columns, i_rows)


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


@pytest.fixture
def own_store(tmp_path: Path, store_path: Path) -> Path:
    """A copy of the sample store without an index, for tests that write."""
    path = tmp_path / "store"
    shutil.copytree(store_path, path, ignore=shutil.ignore_patterns(INDEX_DIR))
    return path


def saved_answers(store: Path) -> list[Path]:
    return sorted((store / INDEX_DIR / RESULTS_DIR).glob("*.json"))


def test_a_repeated_query_is_answered_from_the_saved_rows(own_store: Path) -> None:
    named = queries.get("investments", "sparql")
    columns, rows = answer(own_store, named.text, named.params())
    [saved] = saved_answers(own_store)
    assert json.loads(saved.read_text()) == {"columns": columns, "rows": rows}
    # Served from the file: what the file says is what the next call returns.
    saved.write_text(json.dumps({"columns": columns, "rows": rows[:1]}))
    assert answer(own_store, named.text, named.params()) == (columns, rows[:1])
    # Other parameter values are another question, evaluated and saved on their own.
    assert answer(own_store, named.text, named.params({"min_amount": 1e11})) == (columns, [])
    assert len(saved_answers(own_store)) == 2


def test_saved_rows_are_never_served_for_a_changed_store(own_store: Path) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?d a <https://w3id.org/kg/ontology#Document> }"
    assert answer(own_store, count) == (["n"], [[4]])
    assert answer(own_store, count) == (["n"], [[4]])
    with open_store(own_store) as store:
        store.write(Document(id=sample.sha("new"), path="new.txt", text="", lang="en"), [])
    assert answer(own_store, count) == (["n"], [[5]])


def test_parameter_types_are_part_of_the_saved_answers_key() -> None:
    key = sparql_index.result_key
    assert key("v1", "Q", {"n": 5}) != key("v1", "Q", {"n": "5"})
    assert key("v1", "Q", {"n": 5}) != key("v2", "Q", {"n": 5})
    assert key("v1", "Q", {"a": 1, "b": 2}) == key("v1", "Q", {"b": 2, "a": 1})


def test_saved_answers_are_bounded_and_optional(own_store: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sparql_index, "MAX_RESULTS", 2)
    asks = [f"ASK {{ ?s ?p <urn:absent:{n}> }}" for n in range(4)]
    for query in asks:
        assert answer(own_store, query) == (["ask"], [[False]])
    assert len(saved_answers(own_store)) == 2
    # An index directory where answers cannot be saved still answers.
    shutil.rmtree(own_store / INDEX_DIR / RESULTS_DIR)
    (own_store / INDEX_DIR / RESULTS_DIR).write_text("not a directory")
    assert answer(own_store, "ASK { ?s ?p ?o }") == (["ask"], [[True]])
    assert answer(own_store, "ASK { ?s ?p ?o }") == (["ask"], [[True]])
