"""Writing many documents in one batch builds the graph one-by-one writing builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.graph import batch as batch_module
from kg.graph.model import Entity
from kg.graph.store import open_store
from tests.graph.test_identity import ACME, KIM, WRITES, claim, doc


def _written(store_dir: Path, batches: list[list[int]], prepare: bool = False
             ) -> tuple[list[str], list[tuple[int, int]]]:
    """The facts (without the clock) and each document's (added, merged) counts.
    ``prepare``: each batch's counts prepared, one document at a time, before it is written."""
    counts = []
    with open_store(store_dir) as store:
        for batch in batches:
            if prepare:
                for n, i in enumerate(batch):
                    store.prepare_counts([(*WRITES[i], ())], n == 0)
            results = store.write_many([(*WRITES[i], (), ()) for i in batch])
            counts.extend((r.added, r.merged) for r in results)
        facts = store.facts()
        mentions = store.counts()["MENTIONS"]
    snapshot = sorted(json.dumps({**f.to_json(), "reports": sorted(f.reports),
                                  "first_seen": f.first_seen}, sort_keys=True) for f in facts)
    return [*snapshot, f"mentions: {mentions}"], counts


@pytest.mark.parametrize("batches", [[[0, 1, 2, 3, 4]], [[0, 1], [2, 3, 4]], [[0], [1, 2], [3], [4]]])
def test_a_batch_gives_the_facts_and_counts_of_one_document_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batches: list[list[int]]) -> None:
    # Events and the states they date (HIRED, DEPARTED -> WORKS_AT) across documents of a batch.
    monkeypatch.setattr(batch_module, "now", lambda: "2025-09-01T00:00:00Z")
    one_by_one = _written(tmp_path / "single", [[i] for i in range(len(WRITES))])
    assert _written(tmp_path / "batched", batches) == one_by_one
    facts, counts = one_by_one
    assert any('"valid_to"' in f for f in facts)  # a state the batch's events ended
    assert sum(a + m for a, m in counts) == sum(len(claims) for _, claims in WRITES)


@pytest.mark.parametrize("batches", [[[0, 1, 2, 3, 4]], [[0, 1], [2, 3, 4]], [[0, 1, 0], [1, 2, 3, 4]]])
def test_counts_prepared_while_a_batch_fills_are_those_of_writing_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batches: list[list[int]]) -> None:
    # Documents already in the store, or twice in a batch, are not counted.
    monkeypatch.setattr(batch_module, "now", lambda: "2025-09-01T00:00:00Z")
    expected = _written(tmp_path / "counted", batches)
    counted = []
    count = batch_module._Counting.count
    monkeypatch.setattr(batch_module._Counting, "count",
                        lambda self, *args: counted.append(1) or count(self, *args))
    assert _written(tmp_path / "prepared", batches, prepare=True) == expected
    # Each document counted once: when prepared, not again when its batch was written.
    assert len(counted) == len({i for batch in batches for i in batch})


def test_prepared_counts_are_not_used_for_other_documents_or_after_renames(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_module, "now", lambda: "2025-09-01T00:00:00Z")
    expected = _written(tmp_path / "counted", [[0, 1, 2, 3, 4]])
    with open_store(tmp_path / "prepared") as store:
        # Prepared for other documents than those written.
        store.prepare_counts([(*WRITES[i], ()) for i in (1, 0)], True)
        results = store.write_many([(*WRITES[i], (), ()) for i in (0, 1)])
        # Prepared with a rename (re-keying store entities changes what is counted against).
        store.prepare_counts([(*WRITES[2], [(KIM, KIM)]), (*WRITES[3], ())], True)
        results += store.write_many([(*WRITES[i], (), ()) for i in (2, 3)])
        results += store.write_many([(*WRITES[4], (), ())])
    assert [(r.added, r.merged) for r in results] == expected[1]


def test_a_document_twice_in_a_batch_is_written_once(store_dir: Path) -> None:
    document, claims = WRITES[0]
    with open_store(store_dir) as store:
        first, again = store.write_many([(document, claims, (), ()), (document, claims, (), ())])
        assert not first.skipped and again.skipped
        assert store.counts()["Document"] == 1
        assert store.write_many([(document, claims, (), ())])[0].skipped


def test_a_first_load_by_copy_takes_renames_and_gives_the_normal_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A person first known by a Hangul name, re-keyed when a Latin name names them
    # (kg.graph.resolver), in the middle of a batch written by COPY FROM.
    monkeypatch.setattr(batch_module, "now", lambda: "2025-09-01T00:00:00Z")
    hangul = Entity("person:ko-kim", "Person", "김다나")
    latin = Entity(KIM.id, "Person", "Dana Kim", ("김다나",))
    first = [(*WRITES[0], (), ()), (*WRITES[1], (), ()),
             (doc(7), [claim("HIRED", ACME, hangul, "k", date="2025-05")], (), ())]
    second = [(*WRITES[2], (), ()), (*WRITES[3], (), [(hangul, latin)]), (*WRITES[4], (), ())]
    stores = {}
    for bulk in (True, False):
        with open_store(tmp_path / str(bulk), bulk=bulk) as store:
            store.write_many(first)
            store.write_many(second)
            stores[bulk] = ([f.to_json() for f in store.facts()], store.entities(), store.counts())
    assert stores[True] == stores[False]
    assert hangul.id not in {e.id for e in stores[True][1]}
