"""Writing many documents in one batch builds the graph one-by-one writing builds."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kg.graph import batch as batch_module
from kg.graph.model import Entity
from kg.graph.store import FileStamp, Store, open_store
from tests.graph.test_identity import ACME, BOLT, KIM, WRITES, claim, doc


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


@pytest.mark.parametrize("batches", [[[0, 1, 2, 3, 4]], [[0, 1], [2, 3, 4]]])
def test_a_prepared_batch_takes_its_edges_from_the_prepared_clusters(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batches: list[list[int]]) -> None:
    # What is left after a batch's last document: its pairs are not clustered again, and
    # the edges (with the reports as written, clock included) are those clustering builds.
    monkeypatch.setattr(batch_module, "now", lambda: "2025-09-01T00:00:00Z")
    expected = _written(tmp_path / "counted", batches)
    merged: list[tuple[str, str, str]] = []
    merge_pair = batch_module.merge_pair
    monkeypatch.setattr(batch_module, "merge_pair",
                        lambda *args: merged.append(args[:3]) or merge_pair(*args))
    assert _written(tmp_path / "prepared", batches, prepare=True) == expected
    reported = {(c.relation, *sorted((c.subject.id, c.object.id))) for _, claims in WRITES
                for c in claims}
    # Only pairs no document of the batch reports (states its events date) are merged.
    assert not [key for key in merged if (key[0], *sorted(key[1:])) in reported]


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
    monkeypatch.setattr(Store, "min_copy_batch", 2)  # batches of three documents are copied
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


def test_renames_of_what_only_the_batch_names_are_merged_in_its_plan_as_the_store_would(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A person and a company first known by Hangul names are re-keyed when Latin names
    # name them, in the middle of one batch: the batch, written as one run, must give the
    # store that writing the documents before the renames, merging in the store and
    # writing the rest gives. The Korean company's partnership with Bolt becomes a loop
    # once the two are one: dropped, as the store's merge drops it.
    monkeypatch.setattr(batch_module, "now", lambda: "2025-09-01T00:00:00Z")
    monkeypatch.setattr(Store, "min_copy_batch", 2)
    hangul = Entity("person:ko-kim", "Person", "김다나")
    latin = Entity(KIM.id, "Person", "Dana Kim", ("김다나", "D. Kim"))
    ko_bolt = Entity("org:ko-bolt", "Organization", "볼트로보틱스", ("볼트",))
    bolt = Entity(BOLT.id, "Organization", "Bolt Robotics", ("볼트로보틱스",))
    before = [(*WRITES[0], (), ()), (*WRITES[1], (), ()),
              (doc(7), [claim("HIRED", ACME, hangul, "k", date="2025-05"),
                        claim("PARTNERED_WITH", ko_bolt, BOLT, "p"),
                        claim("WORKS_AT", hangul, ko_bolt, "w3", title="CTO")], [hangul], ())]
    after = [(*WRITES[2], (), [(hangul, latin), (ko_bolt, bolt)]), (*WRITES[3], (), ()),
             (*WRITES[4], (), ())]
    runs: list[int] = []
    real_run = Store._write_documents
    monkeypatch.setattr(Store, "_write_documents", lambda self, items, *rest: runs.append(len(items))
                        or real_run(self, items, *rest))

    def written(name: str, batches: list[list[Any]], bulk: bool) -> tuple[Any, ...]:
        with open_store(tmp_path / name, bulk=bulk) as store:
            for batch in batches:
                store.write_many(batch)
            facts = sorted(json.dumps({**f.to_json(), "reports": sorted(f.reports)}, sort_keys=True)
                           for f in store.facts())
            return facts, store.entities(), store.counts()

    in_store = written("in-store", [before, after], bulk=False)  # merged by the store
    for bulk in (False, True):
        runs.clear()
        assert written(f"one-batch-{bulk}", [before + after], bulk=bulk) == in_store
        assert runs == [6]  # not split at the renames
    facts, entities, _ = in_store
    assert {hangul.id, ko_bolt.id}.isdisjoint(e.id for e in entities)
    assert not [f for f in facts if '"PARTNERED_WITH"' in f]  # the loop is gone
    assert "김다나" in next(e for e in entities if e.id == KIM.id).aliases  # the old name


def _plan_operators(store: Store, cypher: str, params: dict[str, Any]) -> list[str]:
    """The operators of the engine's plan for a statement (EXPLAIN runs nothing)."""
    plan = "\n".join(row[0] for row in store._rows("EXPLAIN " + cypher, params))
    return re.findall(r"│\s*([A-Z_]+)\[\d+\]\s*│", plan)


def test_a_batch_finds_what_the_store_has_by_primary_key_without_scanning_its_tables(
        store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What a batch reads of the store must not grow with the store: every statement
    # it runs finds nodes by primary key (a scan of a node table reads all of it).
    statements: list[tuple[str, dict[str, Any]]] = []
    real_rows, real_execute = Store._rows, Store._execute

    def rows(self: Store, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        statements.append((cypher, dict(params or {})))
        return real_rows(self, cypher, params)

    def execute(self: Store, cypher: str, params: dict[str, Any]) -> None:
        statements.append((cypher, dict(params)))
        real_execute(self, cypher, params)

    def stamp(i: int, size: int) -> tuple[FileStamp, str]:
        return FileStamp(f"/archive/{i}.txt", size, 1), WRITES[i][0].id

    with open_store(store_dir) as store:
        store.write_many([(*WRITES[i], (), ()) for i in (0, 1, 2)], [stamp(0, 10)])
        monkeypatch.setattr(Store, "_rows", rows)
        monkeypatch.setattr(Store, "_execute", execute)
        # Pairs the store has (old reports, deleted and written again), the events that
        # date their states, a file recorded again and a new one.
        store.write_many([(*WRITES[i], (), ()) for i in (3, 4)], [stamp(0, 11), stamp(3, 12)])
        monkeypatch.undo()
        written = [(c, p) for c, p in statements if not c.startswith("EXPLAIN")]
        assert any("RETURN r.reports" in c for c, _ in written)
        assert any(c.rstrip().endswith("DELETE r") for c, _ in written)
        assert any("CREATE (a)-[r:" in c for c, _ in written)
        for cypher, params in written:
            operators = _plan_operators(store, cypher, params)
            assert "SCAN_NODE_TABLE" not in operators, (cypher, operators)
        assert store.files()["/archive/0.txt"] == (11, 1, WRITES[0][0].id)
        assert store.files()["/archive/3.txt"] == (12, 1, WRITES[3][0].id)


def test_recording_files_keeps_one_row_per_path_with_its_last_stamp(store_dir: Path) -> None:
    doc_id = WRITES[0][0].id
    with open_store(store_dir) as store:
        store.record_files([(FileStamp("/a.txt", 1, 1), doc_id), (FileStamp("/b.txt", 2, 2), doc_id)])
        store.record_files([(FileStamp("/a.txt", 5, 6), doc_id), (FileStamp("/a.txt", 7, 8), doc_id)])
        assert store.files() == {"/a.txt": (7, 8, doc_id), "/b.txt": (2, 2, doc_id)}


def test_a_writer_with_no_sparql_index_keeps_no_ids_of_what_it_wrote(store_dir: Path) -> None:
    # Kept only to bring a SPARQL index in step at close: without one they would make
    # the writer's memory grow with every document it writes.
    with open_store(store_dir) as store:
        store.write_many([(*WRITES[i], (), ()) for i in range(len(WRITES))])
        assert store._touched == (set(), set())
