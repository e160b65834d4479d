"""An edge stores its reports without what its other columns hold; kg shows them whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.graph import batch as batch_module
from kg.graph.identity import Report, merge_pair, read_reports
from kg.graph.model import RELATIONS
from kg.graph.store import Store, open_store
from tests.graph.test_identity import WRITES

DOC_A = "a" * 64
DOC_B = "b" * 64


def _report(doc: str, evidence: str, index: int, extractor: str = "rules#x",
            seen: str = "2025-09-01T00:00:00Z", **qualifiers: object) -> Report:
    return Report(doc=doc, evidence=evidence, qualifiers=dict(qualifiers), confidence=0.7,
                  extractor=extractor, published="2025-06-20", index=index, seen=seen)


REPORTS = [
    _report(DOC_A, "Acme invested in Bolt.", 0, amount=2e9, currency="USD"),
    _report(DOC_A, "Bolt took Acme's money.", 3, amount=2e9, currency="USD"),
    _report(DOC_A, "Acme invested in Bolt.", 5),  # a second claim of one sentence
    _report(DOC_B, "A sentence\nover two lines.", 1, extractor="rules#y"),
    _report(DOC_B, "", 2, seen="2025-09-02T00:00:00Z"),  # no sentence; written later
]


def test_stored_reports_read_back_as_the_reports() -> None:
    (edge,) = merge_pair("INVESTED_IN", "org:acme", "org:bolt", REPORTS)
    props = edge.props()
    stored = props["reports"]
    read = read_reports(stored, props["sources"], props["evidence"], props["extractor"],
                        props["last_seen"])
    assert sorted(r.to_json() for r in read) == sorted(r.to_json() for r in REPORTS)
    # Document ids, the sentences the edge's evidence holds, its extractor and last
    # write are not repeated in every report.
    text = "\n".join(stored)
    for repeated in (DOC_A, DOC_B, "Acme invested in Bolt.", props["extractor"],
                     props["last_seen"]):
        assert repeated not in text
    assert len(text) < len("\n".join(r.to_json() for r in REPORTS)) / 2


def test_reports_of_stores_written_before_are_read_as_they_were() -> None:
    (edge,) = merge_pair("INVESTED_IN", "org:acme", "org:bolt", REPORTS)
    props = edge.props()
    whole = sorted(r.to_json() for r in REPORTS)
    read = read_reports(whole, props["sources"], props["evidence"], props["extractor"],
                        props["last_seen"])
    assert sorted(r.to_json() for r in read) == whole


def _facts(store: Store) -> list[str]:
    return sorted(json.dumps({**f.to_json(), "reports": f.reports, "first_seen": f.first_seen},
                             sort_keys=True) for f in store.facts())


def _write(store_dir: Path, indexes: list[int]) -> None:
    with open_store(store_dir) as store:
        store.write_many([(*WRITES[i], (), ()) for i in indexes])


def _to_whole_reports(store_dir: Path) -> int:
    """Rewrite every stored report as stores written before held them (Report.to_json)."""
    changed = 0
    with open_store(store_dir) as store:
        for relation in RELATIONS:
            rows = store._rows(f"MATCH ()-[r:{relation}]->() RETURN r.fact_id, r.reports, "
                               "r.sources, r.evidence, r.extractor, r.last_seen")
            for fact_id, *stored in rows:
                whole = sorted(r.to_json() for r in read_reports(*stored))
                store._execute(f"MATCH ()-[r:{relation}]->() WHERE r.fact_id = $id "
                               "SET r.reports = $reports", {"id": fact_id, "reports": whole})
                changed += 1
    return changed


def test_the_store_keeps_reports_short_and_shows_them_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_module, "now", lambda: "2025-09-01T00:00:00Z")
    _write(tmp_path / "store", list(range(len(WRITES))))
    with open_store(tmp_path / "store") as store:
        stored = [text for (reports,) in store._rows("MATCH ()-[r:INVESTED_IN]->() RETURN r.reports")
                  for text in reports]
        facts = store.facts()
    assert stored and not any('"doc"' in text for text in stored)
    shown = [Report.from_json(text) for f in facts for text in f.reports]
    assert len(shown) == len(stored) + sum(
        len(f.reports) for f in facts if f.relation != "INVESTED_IN")
    for f in facts:
        assert f.reports == sorted(f.reports)
        assert {Report.from_json(text).doc for text in f.reports} == {s.doc for s in f.sources}
        assert all(r.seen == "2025-09-01T00:00:00Z" and r.published for r in
                   map(Report.from_json, f.reports))


def test_a_store_with_whole_reports_reads_and_grows_as_one_with_short_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A store written before reports were kept short: read as it was, and the documents
    # written into it later merge with its reports as with short ones.
    monkeypatch.setattr(batch_module, "now", lambda: "2025-09-01T00:00:00Z")
    old, new = tmp_path / "old", tmp_path / "new"
    for store_dir in (old, new):
        _write(store_dir, [0, 1, 2])
    with open_store(new) as store:
        before = _facts(store)
    assert _to_whole_reports(old) > 0
    with open_store(old) as store:
        assert _facts(store) == before
        assert any('"doc"' in text for (reports,) in
                   store._rows("MATCH ()-[r:INVESTED_IN]->() RETURN r.reports") for text in reports)
    for store_dir in (old, new):
        _write(store_dir, [3, 4])
    with open_store(old) as a, open_store(new) as b:
        assert _facts(a) == _facts(b)
