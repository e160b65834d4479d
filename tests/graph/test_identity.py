"""Event identity across documents: one event stays one edge, two events stay two.

Sentences and figures are written for these tests; each test writes through
the store, so the rule is checked where it is applied.
"""

from __future__ import annotations

import itertools
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from kg.graph import batch as batch_module
from kg.graph import identity
from kg.graph.identity import Report, gap_days, merge_pair, representative
from kg.graph.model import RELATIONS, Document, Entity, Fact
from kg.graph.store import ResolvedClaim, open_store

ACME = Entity("org:acme", "Organization", "Acme")
BOLT = Entity("org:bolt", "Organization", "Bolt Robotics")
KIM = Entity("person:kim-dana", "Person", "Dana Kim")


def doc(n: int, published: str = "2025-06-20") -> Document:
    return Document(id=f"doc{n:02d}", path=f"article-{n}.txt", text="", lang="en",
                    published=published)


def claim(relation: str, s: Entity, o: Entity, evidence: str = "e", conf: float = 0.8,
          **qualifiers: object) -> ResolvedClaim:
    return ResolvedClaim(relation, s, o, dict(qualifiers), evidence, conf, "test")


def invest(evidence: str, conf: float = 0.8, **qualifiers: object) -> ResolvedClaim:
    return claim("INVESTED_IN", ACME, BOLT, evidence, conf, **qualifiers)


def facts_after(store_dir: Path, writes: list[tuple[Document, list[ResolvedClaim]]]) -> list[Fact]:
    with open_store(store_dir) as store:
        for document, claims in writes:
            store.write(document, claims)
        return store.facts()


# -- one event -----------------------------------------------------------------

def test_reports_at_different_precisions_and_a_month_later_are_one_edge(store_dir: Path) -> None:
    facts = facts_after(store_dir, [
        (doc(1, "2025-06-13"), [invest("Acme put $2 billion into Bolt on June 12.",
                                       amount=2e9, currency="USD", date="2025-06-12")]),
        (doc(2, "2025-06-30"), [invest("In June Acme invested $2 billion in Bolt.",
                                       amount=2e9, currency="USD", date="2025-06")]),
        (doc(3, "2025-07-02"), [invest("Acme, an investor in Bolt, said nothing.")]),
        # Retold a month later and dated by the retelling.
        (doc(4, "2025-07-17"), [invest("Acme's $2.0 billion bet on Bolt.", amount=2.0e9,
                                       currency="USD", date="2025-07-17")]),
    ])
    (fact,) = [f for f in facts if f.relation == "INVESTED_IN"]
    assert [s.doc for s in fact.sources] == ["doc01", "doc02", "doc03", "doc04"]
    assert fact.qualifiers["date"] == "2025-06-12"  # the most precise date most agree with
    # The retelling's date is not contained in June: the sources disagree on it.
    assert fact.conflicts == ["date"]


def test_two_rounds_in_one_month_stay_two_edges(store_dir: Path) -> None:
    facts = facts_after(store_dir, [
        (doc(1), [invest("Acme led Bolt's Series A.", round="Series A", date="2025-06-02")]),
        (doc(2), [invest("Acme joined Bolt's Series B.", round="series b", date="2025-06-20")]),
        (doc(3), [invest("Acme backed Bolt in its Series A.", round="Series A")]),
    ])
    rounds = sorted((f.qualifiers["round"], len(f.sources)) for f in facts)
    assert rounds == [("Series A", 2), ("series b", 1)]


def test_a_second_layoff_stays_a_second_edge(store_dir: Path) -> None:
    def layoff(evidence: str, **q: object) -> ResolvedClaim:
        return claim("LAID_OFF", BOLT, BOLT, evidence, **q)

    facts = facts_after(store_dir, [
        (doc(1), [layoff("Bolt cut 200 jobs.", count=200, date="2025-06-10")]),
        (doc(2), [layoff("Bolt laid off 200 staff last week.", count=200, date="2025-06")]),
        # Five weeks later, another number: another round of cuts.
        (doc(3), [layoff("Bolt cut another 350 jobs.", count=350, date="2025-07-20")]),
    ])
    assert sorted((f.qualifiers["count"], len(f.sources)) for f in facts) == [(200, 2), (350, 1)]


def test_events_far_apart_stay_apart_and_undated_joins_the_one_that_had_happened(
        store_dir: Path) -> None:
    facts = facts_after(store_dir, [
        (doc(1, "2024-05-22"), [invest("Acme invested in Bolt.", date="2024-05-21")]),
        (doc(2, "2025-06-13"), [invest("Acme invested again.", date="2025-06-12")]),
        # Published between the two: it can only speak of the first.
        (doc(3, "2024-09-01"), [invest("Acme is an investor in Bolt.")]),
        (doc(4, "2025-08-01"), [invest("Acme, Bolt's investor.")]),
    ])
    by_date = {f.qualifiers["date"]: [s.doc for s in f.sources] for f in facts}
    assert by_date == {"2024-05-21": ["doc01", "doc03"], "2025-06-12": ["doc02", "doc04"]}


def test_a_hire_retold_months_later_is_one_hire(store_dir: Path) -> None:
    facts = facts_after(store_dir, [
        (doc(1), [claim("HIRED", ACME, KIM, "Acme hired Dana Kim.", date="2025-03")]),
        (doc(2), [claim("HIRED", ACME, KIM, "Kim, who joined Acme this summer.",
                        date="2025-07-01")]),
    ])
    assert len(facts) == 1 and len(facts[0].sources) == 2


# -- conflicting figures ---------------------------------------------------------

def test_conflicting_amount_keeps_both_values_and_is_flagged(store_dir: Path) -> None:
    facts = facts_after(store_dir, [
        (doc(1, "2025-06-13"), [invest("Acme invested $2 billion in Bolt.", 0.9, amount=2e9,
                                       currency="USD", date="2025-06-12")]),
        (doc(2, "2025-06-15"), [invest("Acme invested $1.5 billion in Bolt.", 0.7,
                                       amount=1.5e9, currency="USD", date="2025-06")]),
    ])
    (fact,) = facts
    assert fact.conflicts == ["amount"]
    assert {s.doc: s.qualifiers["amount"] for s in fact.sources} == {"doc01": 2e9,
                                                                      "doc02": 1.5e9}
    assert fact.qualifiers["amount"] == 2e9  # one each: the more confident source
    as_json = fact.to_json()
    assert as_json["conflicts"] == ["amount"]
    assert [s["qualifiers"]["amount"] for s in as_json["sources"]] == [2e9, 1.5e9]


def test_amounts_within_tolerance_or_in_other_currencies_do_not_conflict(store_dir: Path) -> None:
    facts = facts_after(store_dir, [
        (doc(1), [invest("$14.3 billion", amount=14.3e9, currency="USD", date="2025-06")]),
        (doc(2), [invest("nearly $15 billion", amount=15e9, currency="USD", date="2025-06")]),
        (doc(3), [invest("20조원", amount=2e13, currency="KRW", date="2025-06")]),
    ])
    (fact,) = facts
    assert fact.conflicts == []


# -- order ---------------------------------------------------------------------

WRITES = [
    (doc(1, "2025-06-13"), [invest("a", amount=2e9, currency="USD", date="2025-06-12"),
                            claim("HIRED", ACME, KIM, "h", role="CTO", date="2025-06-12"),
                            claim("WORKS_AT", KIM, BOLT, "w", title="CEO")]),
    (doc(2, "2025-06-30"), [invest("b", 0.6, amount=1.5e9, currency="USD", date="2025-06"),
                            claim("DEPARTED", KIM, BOLT, "d", date="2025-06")]),
    (doc(3, "2025-07-17"), [invest("c"), invest("c2", round="Series C", date="2024-01"),
                            claim("HIRED", ACME, KIM, "h2", role="chief technology officer")]),
    (doc(4, "2024-01-20"), [invest("d", round="Series C", amount=3e8, currency="USD",
                                   date="2024-01-18")]),
    (doc(5, "2025-08-01"), [claim("WORKS_AT", KIM, ACME, "w2", title="CTO"),
                            claim("LAID_OFF", BOLT, BOLT, "l", count=40, date="2025-07")]),
]


def _snapshot(store_dir: Path, order: list[int], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(batch_module, "now", lambda: "2025-09-01T00:00:00Z")
    facts = facts_after(store_dir, [WRITES[i] for i in order])
    return sorted(json.dumps({**f.to_json(), "reports": sorted(f.reports),
                              "first_seen": f.first_seen}, sort_keys=True) for f in facts)


def test_any_ingest_order_gives_the_same_facts(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    orders = [list(range(5)), list(reversed(range(5)))]
    shuffler = random.Random(13)
    for _ in range(3):
        order = list(range(5))
        shuffler.shuffle(order)
        orders.append(order)
    snapshots = [_snapshot(tmp_path / f"s{i}", order, monkeypatch)
                 for i, order in enumerate(orders)]
    assert all(s == snapshots[0] for s in snapshots[1:])
    ids = [json.loads(s)["id"] for s in snapshots[0]]
    assert len(ids) == len(set(ids))


# -- the pure rule -------------------------------------------------------------

def report(doc_id: str, **qualifiers: object) -> Report:
    return Report(doc=doc_id, evidence="", qualifiers=dict(qualifiers), confidence=0.8,
                  extractor="test")


def test_gap_between_dates_at_their_precision() -> None:
    assert gap_days("2025-06", "2025-06-12") == 0
    assert gap_days("2025-06-12", "2025-07-17") == 35
    assert gap_days("2025", "2024-12-20") == 12
    assert gap_days("2025-06", None) is None


def test_merge_pair_is_a_function_of_the_set_of_reports() -> None:
    reports = [report("a", date="2025-06"), report("b", date="2025-06-12", amount=1e9,
                                                   currency="USD"),
               report("c"), report("d", date="2023-02", round="Seed")]
    results = {
        tuple((e.fact_id, json.dumps(e.qualifiers, sort_keys=True), tuple(e.sources))
              for e in merge_pair("INVESTED_IN", "org:acme", "org:bolt", perm))
        for perm in itertools.permutations(reports)
    }
    assert len(results) == 1
    assert representative(reports[:3]) == {"date": "2025-06-12", "amount": 1e9,
                                           "currency": "USD"}


def test_moving_an_entitys_edges_merges_reports_of_one_event(store_dir: Path) -> None:
    acme_inc = Entity("org:acme-inc", "Organization", "Acme Inc")
    with open_store(store_dir) as store:
        store.write(doc(1), [invest("Acme invested $2 billion.", amount=2e9, currency="USD",
                                    date="2025-06-12")])
        store.write(doc(2), [claim("INVESTED_IN", acme_inc, BOLT, "Acme Inc put in $2bn.",
                                   amount=2e9, currency="USD", date="2025-06"),
                             claim("HIRED", acme_inc, KIM, "Acme Inc hired Kim.")])
        assert store._rehome_edges(acme_inc, ACME) == 2
        facts = store.facts()
    invested = [f for f in facts if f.relation == "INVESTED_IN"]
    assert [(f.subject.id, len(f.sources)) for f in invested] == [("org:acme", 2)]
    assert [f.subject.id for f in facts if f.relation == "HIRED"] == ["org:acme"]


# -- the clustering as it was: every report compared with every cluster's reports,
# representative values worked out afresh each time, every two sources compared --------

def _best_date_pairwise(dates: list[str]) -> str:
    support = {d: sum(identity.dates_compatible(d, other) for other in dates) for d in dates}
    best = min(support, key=lambda d: (-support[d], -len(d), d))
    finer = [d for d in dates if len(d) > len(best) and d.startswith(best)]
    return _best_date_pairwise(finer) if finer else best


def _conflicts_pairwise(reports: list[Report]) -> list[str]:
    sources = list(identity.per_source(reports).values())
    out: set[str] = set()
    for i, a in enumerate(sources):
        for b in sources[i + 1:]:
            out |= identity.disagreements(a, b)
            if a.get("date") and b.get("date") and not identity.dates_compatible(a["date"], b["date"]):
                out.add("date")
    return sorted(out)


def _cluster_afresh(relation: str, reports: list[Report]) -> list[list[Report]]:
    if not reports:
        return []
    if not RELATIONS[relation].event:
        return [sorted(reports, key=Report.order)]

    def joins(members: list[Report], report: Report) -> bool:
        if any(identity.rounds_differ(m.qualifiers, report.qualifiers) for m in members):
            return False
        event = Report("", "", identity.representative(members), 0.0, "")
        return identity._same_event(relation, event, report)

    dated = sorted((r for r in reports if identity.interval(r.qualifiers.get("date"))),
                   key=lambda r: (-len(r.qualifiers["date"]), r.qualifiers["date"], r.order()))
    undated = sorted((r for r in reports if not identity.interval(r.qualifiers.get("date"))),
                     key=Report.order)
    clusters: list[list[Report]] = []
    for report in dated:
        options = [(identity.gap_days(identity.representative(m).get("date"),
                                      report.qualifiers["date"]) or 0, i)
                   for i, m in enumerate(clusters) if joins(m, report)]
        if options:
            clusters[min(options)[1]].append(report)
        else:
            clusters.append([report])
    for report in undated:
        options = []
        for i, members in enumerate(clusters):
            if any(identity.rounds_differ(m.qualifiers, report.qualifiers) for m in members):
                continue
            if all(identity.disagreements(m.qualifiers, report.qualifiers) for m in members):
                continue
            when = identity.interval(identity.representative(members).get("date"))
            published = identity.interval(report.published)
            happened = when is not None and (published is None or when[0] <= published[1])
            options.append((not happened, when is None, -(when[0].toordinal() if when else 0), i))
        if options:
            clusters[min(options)[3]].append(report)
        else:
            clusters.append([report])
    return [sorted(members, key=Report.order) for members in clusters]


def _edges(edges: list[identity.Edge]) -> list[tuple[str, str, list[str], list[str]]]:
    return [(e.fact_id, json.dumps(e.qualifiers, sort_keys=True), e.props()["reports"], e.conflicts)
            for e in edges]


def merged_afresh(monkeypatch: pytest.MonkeyPatch, relation: str, reports: list[Report]
                  ) -> list[tuple[str, str, list[str], list[str]]]:
    with monkeypatch.context() as patch:
        patch.setattr(identity, "cluster", _cluster_afresh)
        patch.setattr(identity, "_best_date_counts",
                      lambda counts: _best_date_pairwise(list(Counter(counts).elements())))
        patch.setattr(identity, "conflicts", _conflicts_pairwise)
        return _edges(identity.merge_pair(relation, "s", "o", reports))


def random_reports(rng: random.Random, count: int) -> list[Report]:
    """Reports of one pair with few distinct values, so that many sources agree, some
    conflict, and clusters grow large (as copies of one story do)."""
    days = ["2025-06-12", "2025-06-14", "2025-06-30", "2025-08-02", "2024-11-05"]
    out = []
    for n in range(count):
        q: dict[str, object] = {}
        when = rng.random()
        if when < 0.5:
            q["date"] = rng.choice(days)
        elif when < 0.7:
            q["date"] = rng.choice(days)[:7]
        elif when < 0.8:
            q["date"] = rng.choice(days)[:4]
        if rng.random() < 0.5:
            q["amount"], q["currency"] = rng.choice([(1e9, "USD"), (1.05e9, "USD"), (2e9, "USD"),
                                                     (1.4e12, "KRW")])
        if rng.random() < 0.2:
            q["round"] = rng.choice(["Series A", "Series B", "series a"])
        if rng.random() < 0.2:
            q["valuation"] = rng.choice([1e10, 3e10])
        if rng.random() < 0.2:
            q["count"] = rng.choice([10, 12])
        if rng.random() < 0.1:
            q["status"] = rng.choice(["active", "ended"])
        out.append(Report(doc=f"doc{rng.randrange(count):04d}", evidence=f"sentence {n}",
                          qualifiers=q, confidence=rng.choice([0.6, 0.8, 0.9]),
                          extractor=rng.choice(["rules", "frames"]),
                          published=rng.choice([None, "2025-06-20", "2025-09-01"]), index=n))
    return out


@pytest.mark.parametrize("relation", ["INVESTED_IN", "HIRED", "PARTNERED_WITH", "WORKS_AT",
                                      "VENDOR_TO", "LAID_OFF"])
def test_merge_pair_gives_what_clustering_afresh_gives(monkeypatch: pytest.MonkeyPatch,
                                                       relation: str) -> None:
    """Clusters that keep their representative values as reports join them (and sources
    with equal figures compared once) give the edges that working everything out again
    for every report gave."""
    rng = random.Random(relation)
    for count in [1, 2, 3, 5, 8, 13, 40, 120]:
        for _ in range(6):
            reports = random_reports(rng, count)
            assert _edges(merge_pair(relation, "s", "o", reports)) == \
                merged_afresh(monkeypatch, relation, reports), (relation, count)


def test_merge_pair_on_the_gold_facts_as_reports(monkeypatch: pytest.MonkeyPatch,
                                                 dev_dir: Path) -> None:
    """The dev and train gold facts, each pair's facts as reports (several copies of each
    document, as an archive that carries one story many times has)."""
    pairs: dict[tuple[str, str, str], list[Report]] = {}
    for split in (dev_dir, dev_dir.parent / "train"):
        for line in (split / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for index, fact in enumerate(record["facts"]):
                subject, obj = (fact[end][0] if isinstance(fact[end], list) else fact[end]
                                for end in ("subject", "object"))
                qualifiers = {k: v for k, v in fact.items()
                              if k in RELATIONS[fact["relation"]].qualifiers and v is not None
                              and not isinstance(v, list)}
                for copy in range(3):
                    pairs.setdefault((fact["relation"], subject, obj), []).append(Report(
                        f"{record['doc']}#{copy}", fact.get("evidence", ""), qualifiers, 0.8,
                        "gold", record.get("published"), index))
    assert len(pairs) > 300
    for (relation, _, _), reports in pairs.items():
        assert _edges(merge_pair(relation, "s", "o", reports)) == \
            merged_afresh(monkeypatch, relation, reports)


@pytest.mark.parametrize("relation", ["INVESTED_IN", "HIRED", "LAID_OFF"])
def test_clustering_reports_added_document_by_document_gives_the_clusters_afresh(
        relation: str) -> None:
    """The batch planner adds each document's reports of a pair to its Clustering:
    after every document the clusters are those worked out afresh from all of them."""
    rng = random.Random(f"incremental-{relation}")
    for count in [1, 3, 8, 40, 120]:
        reports = random_reports(rng, count)
        clustering = identity.Clustering(relation)
        added: list[Report] = []
        while len(added) < count:
            document = reports[len(added):len(added) + rng.choice([1, 1, 2, 3])]
            added += document
            clusters = clustering.add(document)
            assert [sorted(c, key=Report.order) for c in clusters] == \
                _cluster_afresh(relation, added), (relation, count, len(added))
            # Also after choices were taken back: each cluster's values are its members'.
            for members, event in zip(clusters, clustering._clusters, strict=True):
                assert event.representative.values() == identity.representative(members)
        assert identity.cluster(relation, reports) == _cluster_afresh(relation, reports)


def test_representative_values_kept_as_reports_join_are_those_worked_out_afresh() -> None:
    rng = random.Random("representative")
    for count in [1, 2, 5, 20, 80]:
        for _ in range(5):
            reports = random_reports(rng, count)
            kept = identity._Representative()
            for end, report in enumerate(reports, 1):
                kept.add(report)
                assert kept.values() == identity.representative(reports[:end]), (count, end)
