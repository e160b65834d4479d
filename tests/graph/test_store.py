"""The embedded store: idempotence, merging, atomicity, locking."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import StoreError, StoreLocked
from kg.graph.model import Document, Entity
from kg.graph.store import ResolvedClaim, Store, open_store

META = Entity("org:meta", "Organization", "Meta", ("메타",))
SCALE = Entity("org:scale-ai", "Organization", "Scale AI", ("스케일AI",))
OPENAI = Entity("org:openai", "Organization", "OpenAI")
WANG = Entity("person:alexandr-wang", "Person", "Alexandr Wang")


def doc(n: int) -> Document:
    return Document(id=f"doc{n}", path=f"article-{n}.txt", text="", lang="en",
                    published="2025-06-13")


def claim(relation: str, s: Entity, o: Entity, evidence: str = "e", conf: float = 0.8,
          **qualifiers: object) -> ResolvedClaim:
    return ResolvedClaim(relation, s, o, dict(qualifiers), evidence, conf, "test")


INVEST = claim("INVESTED_IN", META, SCALE, "Meta invested in Scale AI.",
               amount=14.3e9, currency="USD", date="2025-06")


def test_write_then_read_back(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        result = store.write(doc(1), [INVEST, claim("HIRED", META, WANG, date="2025-06")])
        assert (result.added, result.merged, result.skipped) == (2, 0, False)
        facts = store.facts()
    invest = next(f for f in facts if f.relation == "INVESTED_IN")
    assert invest.subject.name == "Meta" and invest.object.name == "Scale AI"
    assert invest.qualifiers == {"amount": 14.3e9, "currency": "USD", "date": "2025-06"}
    assert [(s.doc, s.path, s.evidence) for s in invest.sources] == [
        ("doc1", "article-1.txt", "Meta invested in Scale AI.")]


def test_same_document_twice_changes_nothing(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        before = store.counts()
        again = store.write(doc(1), [INVEST, claim("HIRED", META, WANG)])
        assert again.skipped
        assert store.counts() == before


def test_same_fact_from_two_documents_is_one_edge_with_two_sources(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        result = store.write(doc(2), [claim("INVESTED_IN", META, SCALE, "Again.", date="2025-06")])
        assert (result.added, result.merged) == (0, 1)
        (fact,) = store.facts("INVESTED_IN")
    assert [s.doc for s in fact.sources] == ["doc1", "doc2"]
    assert fact.confidence == pytest.approx(1 - 0.2 * 0.2)
    assert fact.qualifiers["amount"] == 14.3e9  # kept from the first source


def test_undated_report_joins_the_dated_event(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        store.write(doc(2), [claim("INVESTED_IN", META, SCALE)])
        assert store.counts()["INVESTED_IN"] == 1


def test_another_round_is_another_edge(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        store.write(doc(2), [claim("INVESTED_IN", META, SCALE, amount=1e9, currency="USD",
                                   date="2024-05")])
        assert store.counts()["INVESTED_IN"] == 2


def test_symmetric_relation_is_one_edge_whichever_way(store_dir: Path) -> None:
    from kg.graph.model import Claim, EntityRef
    from kg.graph.registry import Registry
    from kg.ingest import resolve

    reg = Registry([])
    a, b = EntityRef("Mercor", "Organization"), EntityRef("Surge AI", "Organization")
    with open_store(store_dir) as store:
        store.write(doc(1), resolve([Claim("COMPETES_WITH", a, b)], reg))
        store.write(doc(2), resolve([Claim("COMPETES_WITH", b, a)], reg))
        assert store.counts()["COMPETES_WITH"] == 1


def test_failure_mid_document_leaves_no_partial_facts(store_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        before = store.counts()
        real = Store._create_rels
        written = []

        def failing(self: Store, relation: str, *args: object, **kwargs: object) -> object:
            # Edge tables are written in name order: FOUNDED and HIRED are in when this fails.
            if relation == "INVESTED_IN":
                raise RuntimeError("disk on fire")
            written.append(relation)
            return real(self, relation, *args, **kwargs)

        monkeypatch.setattr(Store, "_create_rels", failing)
        with pytest.raises(StoreError, match="article-2.txt: writing failed"):
            store.write(doc(2), [claim("HIRED", META, WANG), claim("FOUNDED", WANG, SCALE),
                                 claim("INVESTED_IN", META, OPENAI)])
        assert {"MENTIONS", "FOUNDED", "HIRED"} <= set(written)
        assert store.counts() == before
        assert not store.has_document("doc2")


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no kg store here"):
        Store(tmp_path / "nothing", read_only=True)


def test_second_writer_is_refused(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        code = (
            "import sys\nfrom kg.graph.store import Store\nfrom kg.errors import StoreLocked\n"
            f"try:\n    Store({str(store_dir)!r})\nexcept StoreLocked as e:\n"
            "    print(e); sys.exit(3)\n"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 3, proc.stderr
    assert "locked" in proc.stdout
    assert StoreLocked  # the error class the CLI turns into exit 1


# -- failures keep their cause; the disk and other processes ------------------------------


def test_failed_statement_keeps_the_engine_error_and_the_store_stays_usable(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        before = store.counts()
        # WORKS_AT goes from a Person: the engine rejects an Organization and aborts the
        # transaction itself, so an unconditional ROLLBACK would hide its message.
        with pytest.raises(StoreError) as info:
            store.write(doc(2), [claim("HIRED", META, WANG),
                                 claim("WORKS_AT", SCALE, META)])
        assert "article-2.txt: writing failed, store unchanged" in str(info.value)
        assert "violates schema" in str(info.value)
        assert "No active transaction" not in str(info.value)
        assert store.counts() == before
        assert store.write(doc(3), [claim("HIRED", META, WANG)]).added == 1


def snapshot_with_log(store_dir: Path, copy: Path) -> bytes:
    """A copy of a store taken while its writer is open: the last document is only in the log."""
    import shutil

    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        store._conn.execute("CHECKPOINT")
        store.write(doc(2), [claim("HIRED", META, WANG, date="2025-06")])
        shutil.copytree(store_dir, copy)
    return (copy / "graph.lbug.wal").read_bytes()


def torn(copy: Path, wal: bytes) -> None:
    """Cut the log in the middle of its last record, as a reader sees it mid-commit."""
    (copy / "graph.lbug.wal").write_bytes(wal[: len(wal) - 40])


def test_reader_retries_while_a_commit_is_in_flight(store_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import ladybug

    copy = tmp_path / "copy"
    wal = snapshot_with_log(store_dir, copy)
    torn(copy, wal)
    opens = []
    real = ladybug.Database

    def counting(*args: object, **kwargs: object) -> object:
        opens.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ladybug, "Database", counting)
    # The "writer" finishes its commit a moment after the reader first tried.
    finish = threading.Timer(0.3, lambda: (copy / "graph.lbug.wal").write_bytes(wal))
    finish.start()
    try:
        with open_store(copy, read_only=True) as store:
            assert store.has_document("doc2")
    finally:
        finish.join()
    assert len(opens) > 1


def test_reader_says_the_store_is_being_written(store_dir: Path, tmp_path: Path) -> None:
    from kg.errors import StoreBusy

    copy = tmp_path / "copy"
    torn(copy, snapshot_with_log(store_dir, copy))
    # Another process holds the write lock the engine's writers take (a POSIX lock).
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys, time\n"
         f"f = open({str(copy / 'graph.lbug')!r}, 'r+b')\n"
         "fcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreBusy, match="being written by another kg process"):
            Store(copy, read_only=True)
    finally:
        holder.kill()
        holder.wait()


def test_torn_log_without_a_writer_is_reported_and_recoverable(store_dir: Path,
                                                               tmp_path: Path) -> None:
    from kg.errors import StoreDamaged

    copy = tmp_path / "copy"
    torn(copy, snapshot_with_log(store_dir, copy))
    with pytest.raises(StoreDamaged, match="unfinished write.*--recover"):
        Store(copy, read_only=True)
    with pytest.raises(StoreDamaged, match="unfinished write"):
        Store(copy)  # a writer does not silently drop part of the log either
    Store(copy, verify=False, recover=True).close()
    with open_store(copy, read_only=True) as store:
        assert store.has_document("doc1") and not store.has_document("doc2")
        assert store.problems() == []


def test_problems_of_a_whole_store_are_none(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST, claim("HIRED", META, WANG)])
        store.write(doc(2), [INVEST])
        assert store.problems() == []


def test_problems_name_a_fact_whose_source_is_missing(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        store._conn.execute("MATCH ()-[r:INVESTED_IN]->() SET r.sources = ['nowhere']")
        (problem,) = store.problems()
    assert "INVESTED_IN" in problem and "source document nowhere is not in the store" in problem


_FREED = r"""
import ctypes, sys
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
if sys.argv[1] == "copy":
    from kg.graph.store import Store, open_store
    from tests.graph.test_identity import WRITES
    Store.min_copy_batch = 2
    with open_store(sys.argv[2], bulk=True) as store:  # a first load copies its batch
        store.write_many([(document, claims, (), ()) for document, claims in WRITES[:2]])

def resident() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096

size = 16 * 2**20
returned = []
for _ in range(2):  # glibc raises its threshold to the size of the first buffer freed
    buffer = libc.malloc(size)
    ctypes.memset(buffer, 1, size)
    before = resident()
    libc.free(buffer)
    returned.append((before - resident()) / size)
print(" ".join(f"{r:.2f}" for r in returned))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc and /proc")
def test_a_first_load_gives_the_engines_large_freed_buffers_back_to_the_system(
        tmp_path: Path) -> None:
    # The engine's checkpoint after a COPY allocates and frees buffers as large as whole
    # tables: the writer's resident memory must not keep them (return_large_buffers).
    def freed(mode: str) -> list[float]:
        out = subprocess.run([sys.executable, "-c", _FREED, mode, str(tmp_path / mode)],
                             capture_output=True, text=True, check=True,
                             cwd=Path(__file__).parents[2]).stdout
        return [float(x) for x in out.split()]

    assert freed("copy") == [1.0, 1.0]
    # Otherwise glibc keeps the second buffer once the first was freed.
    assert freed("plain")[1] < 0.5
