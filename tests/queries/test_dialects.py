"""One query library, two engines: every named query gives the same rows on both."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import neo4j
import pytest

from kg import queries
from kg.graph import neo4j as sync
from kg.graph.store import open_store
from tests.graph.sample_graph import ingest_seed, write_sample

pytestmark = pytest.mark.neo4j

NAMED = queries.named()


def _norm(value: Any) -> Any:
    """Numbers compared as numbers (LadybugDB and Neo4j differ on int vs float)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return round(float(value), 6) if math.isfinite(value) else value
    if isinstance(value, list | tuple):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items() if not k.startswith("_")}
    return str(value)


def _sorted(rows: list[list[Any]]) -> list[list[Any]]:
    return sorted((_norm(list(r)) for r in rows), key=repr)


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory, neo4j_server: Any) -> Any:
    """The seed article plus a graph of every relation, in the store and pushed to Neo4j."""
    store_dir: Path = tmp_path_factory.mktemp("dialects") / "store"
    settings = sync.Settings(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    with neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as d:
        d.execute_query("MATCH (n) DETACH DELETE n")
        with open_store(store_dir) as store:
            ingest_seed(store)
            write_sample(store)
            sync.push(store, settings)
            yield store, d


def test_the_library_has_queries() -> None:
    assert {"investments", "hires", "neighbourhood"} <= set(NAMED)
    assert "browser" not in NAMED  # the Browser's paste-in collection is not a named query


@pytest.mark.parametrize("name", sorted(NAMED))
def test_named_query_gives_the_same_rows_on_both_engines(both: Any, name: str) -> None:
    store, driver = both
    named = NAMED[name]
    params = named.params()
    embedded_cols, embedded = store.query(queries.for_engine(named.text, "ladybug"), params)
    neo4j_cols, on_neo4j = sync.run_query(driver, queries.for_engine(named.text, "neo4j"),
                                          params)
    assert neo4j_cols == embedded_cols
    assert _sorted(on_neo4j) == _sorted(embedded)


@pytest.mark.parametrize("name, params", [
    ("neighbourhood", {"name": "Scale AI"}),
    ("neighbourhood", {"name": "Bolt Research"}),
    ("investments", {"min_amount": 1e9}),
])
def test_with_other_parameters_too(both: Any, name: str, params: dict[str, Any]) -> None:
    store, driver = both
    named = NAMED[name]
    given = named.params(params)
    _, embedded = store.query(queries.for_engine(named.text, "ladybug"), given)
    _, on_neo4j = sync.run_query(driver, queries.for_engine(named.text, "neo4j"), given)
    assert embedded, "the test graph should give rows here"
    assert _sorted(on_neo4j) == _sorted(embedded)


def test_every_query_has_rows_on_this_graph(both: Any) -> None:
    # Equal empty results would prove nothing.
    store, _ = both
    for name, named in NAMED.items():
        _, rows = store.query(queries.for_engine(named.text, "ladybug"), named.params())
        assert rows, f"{name} gives no rows on the test graph"


def test_for_engine_rewrites_label_of_relationships_only_for_neo4j() -> None:
    text = "MATCH (a)-[r]->(b) WHERE label(r) <> 'MENTIONS' RETURN label(r) AS t"
    assert queries.for_engine(text, "ladybug") == text
    assert queries.for_engine(text, "neo4j") == (
        "MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONS' RETURN type(r) AS t")
