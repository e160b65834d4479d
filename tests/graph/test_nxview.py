"""The networkx view and GraphML export."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.graph.nxview import to_networkx, write_graphml
from kg.graph.store import open_store
from tests.graph.test_store import INVEST, META, SCALE, claim, doc


def test_two_typed_edges_between_one_pair(store_dir: Path, tmp_path: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST, claim("PARTNERED_WITH", META, SCALE)])
        graph = to_networkx(store)
        with open(tmp_path / "g.graphml", "wb") as fh:
            write_graphml(store, fh)
    relations = sorted(d["relation"] for _, _, d in graph.edges(data=True))
    assert relations == ["INVESTED_IN", "PARTNERED_WITH"]
    assert graph.nodes["org:meta"]["name"] == "Meta"
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_edges() == 2
    amounts = [d.get("amount") for _, _, d in back.edges(data=True)]
    assert 14.3e9 in amounts
