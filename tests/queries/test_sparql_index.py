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
from kg.graph.model import Document, Entity
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
    # The write brought the index in step: it answers without a rebuild.
    assert "triples" not in json.loads((path / INDEX_DIR / VERSION_FILE).read_text())
    assert answer(path, count) == (["n"], [[5]])


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


# -- kept in step at write time --------------------------------------------------

# One more document: a co-investor into Scale AI with the same amount and sentence
# as Meta (the amount becomes a shared round total), a new entity, another fact.
NEW_ORG = Entity("org:acme-ventures", "Organization", "Acme Ventures", ("애크미",))
ROUND = "Acme Ventures and Meta put $14.3 billion into Scale AI in June."
MORE_DOC = Document(id=sample.sha("more"), path="news/more.txt", text="", lang="en",
                    published="2025-11-02", title="More")
MORE_CLAIMS = [
    sample.claim("INVESTED_IN", NEW_ORG, sample.SCALE, ROUND, extractor="kg.rules.en",
                 amount=14.3e9, currency="USD", date="2025-06"),
    sample.claim("INVESTED_IN", sample.META, sample.SCALE, ROUND, extractor="kg.rules.en",
                 amount=14.3e9, currency="USD", date="2025-06"),
    sample.claim("HIRED", sample.GOOGLE, sample.FEDUS, "Google hired Liam Fedus.",
                 extractor="kg.rules.en", date="2025-10"),
]


def index_quads(index_dir: Path) -> set[Any]:
    """The index's quads; those with a blank node (only the ontology has any, and each
    load of it names them afresh) are left out."""
    import pyoxigraph as ox

    return {quad for quad in sparql_index.read_index(index_dir).quads_for_pattern(None, None, None)
            if not isinstance(quad.subject, ox.BlankNode)
            and not isinstance(quad.object, ox.BlankNode)}


def fresh_quads(store: Path, tmp: Path) -> set[Any]:
    """The quads a rebuild from scratch gives for the store as it is now."""
    tmp.mkdir(parents=True)
    sparql_index.build(store, tmp / "data")
    quads = index_quads(tmp)
    shutil.rmtree(tmp)
    return quads


@pytest.fixture
def indexed_store(own_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample store with a current index; any rebuild after this fails the test."""
    answer(own_store, "ASK { ?s ?p ?o }")
    assert (own_store / INDEX_DIR / VERSION_FILE).exists()

    def no_rebuild(*args: Any) -> None:
        raise AssertionError("the index was rebuilt: the write did not keep it in step")

    monkeypatch.setattr(sparql_index, "_rebuild", no_rebuild)
    return own_store


def assert_in_step(store: Path, tmp: Path) -> None:
    """The index answers without a rebuild, and holds what a rebuild would hold."""
    index_dir, _ = sparql_index.fresh_index(store)
    assert index_quads(index_dir) == fresh_quads(store, tmp / "fresh")
    for name in NAMED:
        named = queries.get(name, "sparql")
        r_columns, r_rows = answer(store, named.text, named.params(), engine="rdflib")
        i_columns, i_rows = answer(store, named.text, named.params(), engine="index")
        assert (i_columns, sorted(i_rows, key=repr)) == (r_columns, sorted(r_rows, key=repr))


def test_a_write_updates_the_index_without_a_rebuild(indexed_store: Path, tmp_path: Path) -> None:
    investments = queries.get("investments", "sparql")
    before = answer(indexed_store, investments.text, investments.params())[1]
    with open_store(indexed_store) as store:
        store.write(MORE_DOC, MORE_CLAIMS)
    after = answer(indexed_store, investments.text, investments.params())[1]
    assert len(after) == len(before) + 1
    assert any("Acme Ventures" in map(str, row) for row in after)
    assert_in_step(indexed_store, tmp_path)
    # The shared round total came from the write's co-investment (rebuild agrees above).
    assert any(quad.predicate.value.endswith("#roundTotal")
               for quad in index_quads(indexed_store / INDEX_DIR))


def test_a_batch_and_a_document_already_there_keep_it_in_step(indexed_store: Path,
                                                               tmp_path: Path) -> None:
    other = Document(id=sample.sha("other"), path="/elsewhere/other.txt", text="", lang="ko")
    with open_store(indexed_store) as store:
        store.write_many([(MORE_DOC, MORE_CLAIMS, [], []), (other, sample.KO_CLAIMS[:2], [], [])])
        store.write(sample.KO_DOC, sample.KO_CLAIMS)  # skipped: already in the store
    assert_in_step(indexed_store, tmp_path)


def test_a_merge_keeps_the_index_in_step(indexed_store: Path, tmp_path: Path) -> None:
    from kg.graph.merges import merge

    with open_store(indexed_store) as store:
        store.write(MORE_DOC, MORE_CLAIMS)
        # Mercor's facts (and Surge AI's) move to other entities; Mercor's node goes.
        merge(store, "Mercor", "Scale AI")
        merge(store, "Surge AI", "Acme Ventures")
    quads = index_quads(indexed_store / INDEX_DIR)
    assert not any("mercor" in getattr(term, "value", "") for quad in quads
                   for term in (quad.subject, quad.object) if hasattr(term, "value")
                   and "/organization/" in term.value)
    assert_in_step(indexed_store, tmp_path)


def test_a_failed_index_update_leaves_it_to_a_rebuild(own_store: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    answer(own_store, "ASK { ?s ?p ?o }")

    def broken(*args: Any) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(sparql_index, "apply_changes", broken)
    with open_store(own_store) as store:
        store.write(MORE_DOC, MORE_CLAIMS)  # the write itself succeeds
    assert not (own_store / INDEX_DIR / VERSION_FILE).exists()
    assert sparql_index.current_base(own_store) is None
    monkeypatch.undo()
    index_dir, _ = sparql_index.fresh_index(own_store)
    assert index_quads(index_dir) == fresh_quads(own_store, tmp_path / "fresh")


CRASH_AFTER_COMMIT = """
import os, sys
sys.path.insert(0, {root!r})
from kg.graph.store import Store
from tests.queries.test_sparql_index import MORE_CLAIMS, MORE_DOC
store = Store({store!r})
store.write(MORE_DOC, MORE_CLAIMS)
os._exit(0)  # killed after the store's commit, before the index update
"""


@pytest.mark.parametrize("stale_stamp", [False, True])
def test_a_crash_between_the_store_write_and_the_index_update_is_repaired(
        own_store: Path, tmp_path: Path, stale_stamp: bool) -> None:
    import subprocess
    import sys

    investments = queries.get("investments", "sparql")
    before = answer(own_store, investments.text, investments.params())
    old_stamp = (own_store / INDEX_DIR / VERSION_FILE).read_text()
    root = str(Path(__file__).resolve().parents[2])
    subprocess.run([sys.executable, "-c", CRASH_AFTER_COMMIT.format(root=root, store=str(own_store))],
                   check=True, cwd=root)
    if stale_stamp:
        # Even an index stamped with the version before the write is caught:
        # the stamp no longer matches the database files.
        (own_store / INDEX_DIR / VERSION_FILE).write_text(old_stamp)
    assert sparql_index.current_base(own_store) is None  # detected
    after = answer(own_store, investments.text, investments.params())
    assert len(after[1]) == len(before[1]) + 1  # repaired by a rebuild: never the stale rows
    with open_store(own_store, read_only=True) as store:
        assert store.has_document(MORE_DOC.id)
    index_dir, _ = sparql_index.fresh_index(own_store)
    assert index_quads(index_dir) == fresh_quads(own_store, tmp_path / "fresh")


def test_kg_ingest_and_kg_merge_keep_the_index_in_step(indexed_store: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    article = tmp_path / "news" / "acme.txt"
    article.parent.mkdir()
    article.write_text("Acme Robotics said on Tuesday it has agreed to acquire Scale AI for "
                       "$20 million.\n\nMeta invested $5 million in Acme Robotics in 2024.\n",
                       encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(article), "--store", str(indexed_store),
                                 "--workers", "1", "--published", "2025-11-04"])
    assert result.exit_code == 0, result.output
    assert sparql_index.current_base(indexed_store) is not None  # stamped by the ingest
    assert_in_step(indexed_store, tmp_path / "after-ingest")
    result = runner.invoke(cli, ["merge", "--store", str(indexed_store), "Acme Robotics", "Mercor"])
    assert result.exit_code == 0, result.output
    assert sparql_index.current_base(indexed_store) is not None  # stamped by the merge
    assert_in_step(indexed_store, tmp_path / "after-merge")
    result = runner.invoke(cli, ["sparql", "--name", "investments", "--store", str(indexed_store),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert any(row["investor"] == "Meta" and row["investee"] == "Mercor"
               for row in json.loads(result.stdout))


def test_an_index_rebuilt_by_a_query_during_a_write_is_not_stamped_by_the_writer(
        own_store: Path, tmp_path: Path) -> None:
    answer(own_store, "ASK { ?s ?p ?o }")
    with open_store(own_store) as store:
        store.write(MORE_DOC, MORE_CLAIMS[:1])
        # A query in the middle of the write rebuilds the (unstamped) index
        # from what the store holds at that moment.
        shutil.rmtree(own_store / INDEX_DIR)
        (own_store / INDEX_DIR).mkdir()
        (own_store / INDEX_DIR / VERSION_FILE).write_text(json.dumps({"version": "mid-write"}))
        store.write(sample.EN_DOC2, [])  # already there: nothing more
        extra = Document(id=sample.sha("extra"), path="news/extra.txt", text="", lang="en")
        store.write(extra, MORE_CLAIMS[1:])
    # The writer did not stamp an index it did not update: the next query rebuilds it.
    assert sparql_index.current_base(own_store) is None
    index_dir, _ = sparql_index.fresh_index(own_store)
    assert index_quads(index_dir) == fresh_quads(own_store, tmp_path / "fresh")
