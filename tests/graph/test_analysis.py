"""Network analysis on small graphs built here, with answers worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from kg.graph import analysis
from kg.graph.model import Entity, Fact, Source, fact_id


def org(name: str, *aliases: str) -> Entity:
    return Entity(f"org:{name.lower().replace(' ', '-')}", "Organization", name, aliases)


def person(name: str) -> Entity:
    return Entity(f"person:{name.lower().replace(' ', '-')}", "Person", name)


def fact(s: Entity, rel: str, o: Entity, **q: Any) -> Fact:
    return Fact(id=fact_id(s.id, rel, o.id, q.get("date")), relation=rel, subject=s, object=o,
                qualifiers=q, sources=[Source("d1", "a.txt", f"{s.name} {rel} {o.name}.")])


MERCOR, OPENAI, META = org("Mercor", "머코어"), org("OpenAI", "오픈AI"), org("Meta", "메타")
SCALE, SURGE, GOOGLE = org("Scale AI", "스케일AI"), org("Surge AI"), org("Google")
WANG, KIM, LEE = person("Alexandr Wang"), person("Kim"), person("Lee")


def test_path_mercor_to_openai_lists_each_hop_with_its_facts() -> None:
    facts = [
        fact(MERCOR, "COMPETES_WITH", SCALE),
        fact(SCALE, "VENDOR_TO", OPENAI, service="data labeling", status="ended"),
        fact(OPENAI, "ENDED_PARTNERSHIP", SCALE, date="2025-06"),
        fact(META, "INVESTED_IN", SCALE, amount=14.3e9, currency="USD", date="2025-06"),
        fact(MERCOR, "VENDOR_TO", META, service="experts"),
        fact(META, "HIRED_FROM", OPENAI, count=4),
        fact(GOOGLE, "PARTNERED_WITH", MERCOR),  # a dead end, not on any shortest path
    ]
    paths = analysis.shortest_paths(facts, "Mercor", "오픈AI")
    assert [[e.name for e in p.entities] for p in paths] == [
        ["Mercor", "Meta", "OpenAI"], ["Mercor", "Scale AI", "OpenAI"]]
    second = paths[1].hops[1]
    # Both facts between Scale AI and OpenAI, whichever way they point.
    assert sorted(f.relation for f in second.facts) == ["ENDED_PARTNERSHIP", "VENDOR_TO"]
    assert [f.relation for f in paths[0].hops[0].facts] == ["VENDOR_TO"]


def test_path_only_over_chosen_relations_and_none_when_cut() -> None:
    facts = [fact(MERCOR, "COMPETES_WITH", SCALE), fact(SCALE, "VENDOR_TO", OPENAI),
             fact(MERCOR, "VENDOR_TO", META), fact(META, "HIRED_FROM", OPENAI),
             fact(META, "INVESTED_IN", SCALE)]
    only_vendor = analysis.select(facts, ["VENDOR_TO", "INVESTED_IN"])
    paths = analysis.shortest_paths(only_vendor, "Mercor", "OpenAI")
    assert [[e.name for e in p.entities] for p in paths] == [["Mercor", "Meta", "Scale AI", "OpenAI"]]
    assert analysis.shortest_paths(analysis.select(facts, ["COMPETES_WITH", "HIRED_FROM"]),
                                   "Mercor", "OpenAI") == []


def test_path_unknown_entity_is_an_error() -> None:
    with pytest.raises(analysis.AnalysisError, match="no entity named 'Nobody'"):
        analysis.shortest_paths([fact(META, "INVESTED_IN", SCALE)], "Nobody", "Meta")


def test_talent_flows_from_hired_from_and_departed_then_hired() -> None:
    facts = [
        fact(META, "HIRED_FROM", SCALE, count=10, date="2025-06"),
        fact(META, "HIRED_FROM", OPENAI, date="2025-07"),
        fact(META, "HIRED_FROM", OPENAI, date="2024-11"),
        # Kim left OpenAI in March and joined Meta in June: one move OpenAI -> Meta.
        fact(KIM, "DEPARTED", OPENAI, date="2025-03"),
        fact(META, "HIRED", KIM, date="2025-06"),
        # Lee joined Google before leaving Scale AI: not a move from Scale AI to Google.
        fact(GOOGLE, "HIRED", LEE, date="2023-01"),
        fact(LEE, "DEPARTED", SCALE, date="2024-05"),
        # Wang, undated both ways: counted, as undated.
        fact(WANG, "DEPARTED", SCALE),
        fact(META, "HIRED", WANG),
    ]
    flows = analysis.talent_flows(facts, by="year")
    got = {(f.period, f.source.name, f.target.name): (f.moves, f.people, f.names) for f in flows}
    assert got == {
        ("2024", "OpenAI", "Meta"): (1, 1, []),
        ("2025", "OpenAI", "Meta"): (2, 2, ["Kim"]),
        ("2025", "Scale AI", "Meta"): (1, 10, []),
        ("undated", "Scale AI", "Meta"): (1, 1, ["Alexandr Wang"]),
    }
    by_month = {(f.period, f.source.name) for f in analysis.talent_flows(facts, by="month")}
    assert ("2025-06", "OpenAI") in by_month and ("2025-07", "OpenAI") in by_month


def test_a_move_reported_both_ways_counts_once() -> None:
    facts = [fact(KIM, "DEPARTED", OPENAI, date="2025-03"), fact(META, "HIRED", KIM, date="2025-06"),
             fact(META, "HIRED_FROM", OPENAI, date="2025-06")]
    flows = analysis.talent_flows(facts)
    assert [(f.source.name, f.target.name, f.moves, f.people) for f in flows] == [
        ("OpenAI", "Meta", 1, 1)]
    assert len(flows[0].facts) == 3


def test_rank_central_investors_and_where_money_goes() -> None:
    a, b, c = org("Fund A"), org("Fund B"), org("Fund C")
    x, y, z = org("X"), org("Y"), org("Z")
    facts = [fact(a, "INVESTED_IN", x, date="2024"), fact(a, "INVESTED_IN", y),
             fact(a, "INVESTED_IN", z), fact(b, "INVESTED_IN", x), fact(c, "INVESTED_IN", x),
             fact(a, "INVESTED_IN", x, date="2025")]  # a second round: degree counts both
    by_out = analysis.rank(facts, by="out")
    assert [r.entity.name for r in by_out[:1]] == ["Fund A"]
    assert by_out[0].out_degree == 4 and by_out[0].in_degree == 0
    by_pagerank = analysis.rank(facts)
    assert by_pagerank[0].entity.name == "X"  # three investors, one of them twice
    assert by_pagerank[0].pagerank > by_pagerank[1].pagerank
    assert abs(sum(r.pagerank for r in by_pagerank) - 1.0) < 1e-6
    # Fund A and X both take part in four facts; PageRank breaks the tie.
    assert [r.entity.name for r in analysis.rank(facts, by="degree", top=2)] == ["X", "Fund A"]


def test_communities_two_clusters_joined_by_one_edge() -> None:
    left = [org(n) for n in ("L1", "L2", "L3", "L4")]
    right = [org(n) for n in ("R1", "R2", "R3", "R4")]
    facts = [fact(a, "PARTNERED_WITH", b) for group in (left, right)
             for i, a in enumerate(group) for b in group[i + 1:]]
    facts.append(fact(left[0], "COMPETES_WITH", right[0]))
    groups = analysis.communities(facts)
    assert sorted(sorted(e.name for e in g.members) for g in groups) == [
        ["L1", "L2", "L3", "L4"], ["R1", "R2", "R3", "R4"]]
    assert all(g.facts == 6 and g.relations == {"PARTNERED_WITH": 6} for g in groups)


def test_window_as_of_and_since_at_the_facts_precision() -> None:
    facts = [fact(META, "INVESTED_IN", SCALE, date="2025-06"),
             fact(META, "HIRED_FROM", SCALE, date="2024-12-01"),
             fact(MERCOR, "COMPETES_WITH", SCALE)]
    rels = lambda fs: sorted(f.relation for f in fs)  # noqa: E731
    assert rels(analysis.select(facts, as_of="2025-06-01")) == [
        "COMPETES_WITH", "HIRED_FROM", "INVESTED_IN"]
    assert rels(analysis.select(facts, as_of="2025-05")) == ["COMPETES_WITH", "HIRED_FROM"]
    assert rels(analysis.select(facts, since="2025-06-30")) == ["INVESTED_IN"]
    assert rels(analysis.select(facts, since="2025", as_of="2025-12")) == ["INVESTED_IN"]
    with pytest.raises(analysis.AnalysisError, match="--as-of '2025-13-x' is not a date"):
        analysis.select(facts, as_of="2025-13-x")
