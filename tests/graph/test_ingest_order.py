"""The dev articles in two orders: the same graph, and one edge per real event."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.graph import batch as batch_module
from kg.graph import rdf
from kg.graph.store import open_store
from tests.conftest import DEV_DIR
from tests.dev_set import ingest_dev


@pytest.fixture(scope="module")
def two_orders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if not (DEV_DIR / "gold.jsonl").is_file():
        pytest.fail(f"the development set is missing: {DEV_DIR}")
    root = tmp_path_factory.mktemp("orders")
    with pytest.MonkeyPatch.context() as patch:
        # Same documents, same clock: anything left that differs comes from the order.
        patch.setattr(batch_module, "now", lambda: "2025-09-01T00:00:00Z")
        oldest = ingest_dev(DEV_DIR, root / "oldest-first")
        newest = ingest_dev(DEV_DIR, root / "newest-first", newest_first=True)
    return oldest, newest


def _turtle(store_dir: Path) -> Graph:
    out = io.BytesIO()
    with open_store(store_dir, read_only=True) as store:
        rdf.write_turtle(store, out)
    return Graph().parse(data=out.getvalue(), format="turtle")


def test_two_ingest_orders_export_isomorphic_graphs(two_orders: tuple[Path, Path]) -> None:
    oldest, newest = (_turtle(path) for path in two_orders)
    assert len(oldest) > 1000
    assert isomorphic(oldest, newest)


def test_two_ingest_orders_give_the_same_facts(two_orders: tuple[Path, Path]) -> None:
    def facts(path: Path) -> list[dict]:
        with open_store(path, read_only=True) as store:
            out = sorted((f.to_json() for f in store.facts()), key=lambda f: f["id"])
        for fact in out:
            for end in (fact["subject"], fact["object"]):
                # An entity's aliases are a set (the export writes them so); their
                # list order is the order the names were met.
                end["aliases"] = sorted(end.get("aliases", []))
        return out

    oldest, newest = (facts(path) for path in two_orders)
    assert oldest == newest


def test_meta_investment_in_scale_is_one_edge_with_all_its_sources(
        two_orders: tuple[Path, Path]) -> None:
    with open_store(two_orders[0], read_only=True) as store:
        edges = [f for f in store.facts("INVESTED_IN")
                 if (f.subject.name, f.object.name) == ("Meta", "Scale AI")]
    deal = [f for f in edges if (f.qualifiers.get("date") or "").startswith("2025")]
    assert len(deal) == 1, [f.qualifiers for f in edges]
    (deal_fact,) = deal
    assert deal_fact.qualifiers["amount"] == 14.3e9 and deal_fact.qualifiers["stake_pct"] == 49
    # Every article that tells of the 2025 deal is one of its sources; the 2024
    # Series F (a real, earlier investment) is the only other edge.
    assert len(deal_fact.sources) >= 8
    others = [f for f in edges if f is not deal_fact]
    assert all(f.qualifiers.get("date", "").startswith("2024") for f in others)


def test_a_name_met_in_hangul_first_takes_the_latin_id_when_the_latin_name_comes(
        tmp_path: Path) -> None:
    from kg.graph.model import Claim, Document, EntityRef
    from kg.graph.registry import default_registry
    from kg.graph.resolver import EntityResolver
    from kg.ingest import resolve

    def founding(name: str) -> Claim:
        return Claim("FOUNDED", EntityRef("Jony Ive", "Person"),
                     EntityRef(name, "Organization"), {"date": "2019"}, "e")

    korean = Document("k" * 64, "ko.txt", "", "ko", "2025-05-01")
    english = Document("e" * 64, "en.txt", "", "en", "2025-06-01")
    ids = []
    for order in ((korean, "러브프롬"), (english, "LoveFrom")), ((english, "LoveFrom"),
                                                               (korean, "러브프롬")):
        with open_store(tmp_path / f"s{len(ids)}") as store:
            for document, name in order:
                resolver = EntityResolver(default_registry(), store.entities())
                claims = resolve([founding(name)], resolver)
                store.write(document, claims, renames=resolver.renames)
            ids.append(sorted((e.id, e.name, tuple(sorted(e.aliases)))
                              for e in store.entities() if e.type == "Organization"))
            (fact,) = store.facts()
            assert len(fact.sources) == 2
    assert ids[0] == ids[1] == [("org:lovefrom", "LoveFrom", ("러브프롬",))]
