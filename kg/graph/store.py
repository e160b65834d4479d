"""The embedded graph store (LadybugDB): one transaction per document.

Writers hold LadybugDB's file lock for as long as the store is open, so a
second ``kg ingest`` fails fast with StoreLocked; readers open read-only.

What can go wrong on disk, and what kg does about it:

* A reader that opens the store while a writer appends to its log (WAL) may
  read half a record ("Checksum verification failed"): it retries for a
  moment, then says the store is being written (StoreBusy).
* A full disk fails a write (the document is not stored, the error says so)
  or the checkpoint when a writer closes (StoreError, exit 1). Committed
  documents stay in the log; ``kg check --recover`` replays it once there is
  space. After such a failure the engine aborts the whole process if the
  database is closed, so kg leaves it open and lets the process end.
* Damaged files (an empty store file, garbled pages) raise StoreDamaged with
  one line instead of a traceback, and a writer refuses to write into a
  store whose rows cannot all be read (:meth:`Store.problems`).
"""

from __future__ import annotations

import ctypes
import os
import stat
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import ladybug as lb
from platformdirs import user_data_path

from kg.errors import KgError, QueryError, StoreBusy, StoreDamaged, StoreError, StoreLocked, first_line
from kg.graph.batch import BatchWrites, Merge
from kg.graph.edges import FactEdges, fact_from_props
from kg.graph.model import ENTITY_TYPES, RELATIONS, Document, Entity, Fact
from kg.graph.schema import ddl, edge_columns

DB_FILE = "graph.lbug"
# How long a reader waits for a writer to finish its commit or checkpoint.
READER_RETRY_SECONDS = 2.0
# What the engine says when a reader meets a log that is being appended to, or a
# checkpoint that has not finished: passing states while a writer works.
_WAL_IN_FLUX = ("Checksum verification failed", "Corrupted WAL record")
_CHECKPOINT_PENDING = "checkpoint recovery is pending"
# What it says about damaged files.
_DAMAGE_SIGNS = ("corrupt", "not a valid", "assertion failed", "out of bounds", "invalid hash",
                 "storage exception", "unreachable")
_ABANDONED: list[Any] = []
# Files are recorded by path: the known ones found by primary key and updated, the
# others created (the engine plans ``UNWIND ... MERGE`` as a scan of the whole File table).
_KNOWN_FILES = "UNWIND $paths AS p MATCH (f:File {path: p}) RETURN f.path"
_UPDATE_FILES = ("UNWIND $rows AS row MATCH (f:File {path: row.path}) "
                 "SET f.size = row.size, f.mtime_ns = row.mtime, f.doc = row.doc")
_CREATE_FILES = ("UNWIND $rows AS row CREATE (f:File {path: row.path, size: row.size, "
                 "mtime_ns: row.mtime, doc: row.doc})")


# A writer's page cache in the engine: ``KG_BUFFER_POOL`` (a size such as
# 512MB) caps it; unset, the engine takes its default (a share of the
# machine's memory, used as the store grows). Below about 128 MB the engine
# has failed its checkpoint on small stores, so smaller values are raised. A cap
# is not the default: the checkpoint needs memory that grows with the store's
# largest tables, and when the pool cannot hold it the engine fails -- with 64 MB
# a first load of synthetic articles crashed the process (a segmentation fault in
# the engine) at about 11,000 documents.
BUFFER_POOL_VARIABLE = "KG_BUFFER_POOL"
MIN_BUFFER_POOL = 128 * 2**20


# Engine threads of a writer. Its statements are small or bulk COPYs of a batch, and
# the cores are the extraction workers' (kg ingest --workers): more engine threads
# only raised the memory a COPY takes (per column and thread). Measured, 6,000
# synthetic documents loaded in batches of 1,000: peak RSS 447 MiB with the
# engine's default (one per core, 2 here), 407 MiB with one, and no slower.
WRITER_THREADS = 1


@cache
def _glibc() -> Any:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def release_memory() -> None:
    """Give the C heap's free pages back to the system (glibc ``malloc_trim``).

    The engine allocates and frees large buffers for every transaction;
    glibc keeps the freed pages, so a writer's resident memory would keep
    the high-water mark of every batch. A no-op where there is no glibc.
    """
    trim = getattr(_glibc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


# glibc's M_MMAP_THRESHOLD (malloc.h), and the value it starts from.
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 2**10


def return_large_buffers() -> None:
    """Make glibc give every large buffer (128 KiB or more) back to the system when
    it is freed, for the rest of the process.

    glibc starts so, but raises the threshold (up to 32 MiB) to the size of each
    large buffer freed, after which such buffers come from the heap and stay
    resident when freed. The engine's checkpoint after a COPY's commit allocates
    buffers the size of whole relationship tables, growing with the store, and
    frees them: a first load of 20,000 documents kept up to 50 MiB more at its
    peak than the buffers in use (measured, writer alone: peak 469 MiB, 416 MiB
    with the threshold fixed; 2,000 documents 324 and 318 MiB). Fixing the
    threshold (mallopt) stops the raising. It is done when a first load copies a
    batch, not for every writer: Kiwi's analysis frees and allocates large
    buffers too, and with the threshold fixed each is mapped and zeroed afresh
    (2-3 % more page faults on a small ingest, where memory does not grow). A
    no-op where there is no glibc.
    """
    mallopt = getattr(_glibc(), "mallopt", None)
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def buffer_pool_size() -> int:
    """Bytes of engine page cache for a writer (0: the engine's default)."""
    from kg.loaders.rawtext import parse_size

    value = os.environ.get(BUFFER_POOL_VARIABLE)
    if not value:
        return 0
    try:
        return max(parse_size(value), MIN_BUFFER_POOL)
    except ValueError as exc:
        raise StoreError(f"{BUFFER_POOL_VARIABLE}: {exc}") from None


def default_store_path() -> Path:
    """``$KG_STORE``, else the per-user data directory (``~/.local/share/kg/store``)."""
    env = os.environ.get("KG_STORE")
    return Path(env) if env else user_data_path("kg") / "store"


@dataclass(frozen=True)
class WriteResult:
    """What writing one document did: facts new to the store, and facts it confirmed."""

    document: Document
    added: int = 0
    merged: int = 0
    skipped: bool = False
    undated: int = 0  # facts whose relative date had no publication date to resolve against


@dataclass(frozen=True)
class FileStamp:
    """A file as it was when a document was read from it: while its size and
    modification time stay the same, a rerun need not read it again."""

    path: str  # absolute
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> FileStamp | None:
        """The file's stamp now; None for what is not a regular file (or not there)."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        return cls(os.path.abspath(path), st.st_size, st.st_mtime_ns)


@dataclass
class ResolvedClaim:
    """A claim whose subject and object are resolved entities (see kg.ingest)."""

    relation: str
    subject: Entity
    object: Entity
    qualifiers: dict[str, Any]
    evidence: str
    confidence: float
    extractor: str


def kg_version() -> str:
    """The installed version of kg (recorded with each extraction run)."""
    try:
        return metadata.version("kg")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "0+unknown"


def _is_io_error(exc: BaseException) -> bool:
    # A commit after COPY FROM checkpoints at once: "Transaction committed successfully,
    # but the post-commit checkpoint failed ... IO exception: ..." (a full disk) has lost
    # the batch when the store is next opened, so it is a failed write too.
    text = str(exc)
    return text.startswith("IO exception") or "No space left" in text or (
        "checkpoint failed" in text and "IO exception" in text)


def writer_pid(db_file: Path) -> int | None:
    """The id of another process holding the engine's write lock on ``db_file``, if any.

    LadybugDB writers take a POSIX lock on the store file. It is read from
    /proc/locks rather than probed with fcntl, because closing a probe's file
    descriptor would drop this process's own lock. None where /proc is absent.
    """
    try:
        st = os.stat(db_file)
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if len(fields) < 6 or fields[1] != "POSIX" or fields[3] != "WRITE":
            continue
        major, minor, inode = fields[5].split(":")
        if (int(inode) == st.st_ino and int(major, 16) == os.major(st.st_dev)
                and int(minor, 16) == os.minor(st.st_dev) and int(fields[4]) != os.getpid()):
            return int(fields[4])
    return None


def _abandon(*objects: Any) -> None:
    """Keep engine objects alive until the process ends, so they are never closed.

    After the engine failed to write its log, closing the database throws in
    C++ and aborts the process. Left open, the lock goes with the process and
    the next open replays the committed part of the log.
    """
    for obj in objects:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))
        _ABANDONED.append(obj)


def _sparql_index() -> Any:
    # Imported when a store has an index to keep in step: pyoxigraph and rdflib
    # would add most of a second to every command's start-up.
    from kg.graph import sparql_index

    return sparql_index


def _current_index_base(path: Path) -> str | None:
    """The base IRI of the store's SPARQL index if it is current (see kg.graph.sparql_index)."""
    if not (path / "sparql-index").is_dir():
        return None
    return _sparql_index().current_base(path)


class Store(BatchWrites, FactEdges):
    """A LadybugDB database in a directory. Use :func:`open_store`."""

    def __init__(self, path: str | Path, *, read_only: bool = False, verify: bool = True,
                 recover: bool = False, bulk: bool | None = False) -> None:
        """Open the store; a writer (``read_only=False``) creates it if needed.

        ``bulk``: create nodes and edges with the engine's ``COPY FROM``
        (:mod:`kg.graph.batch`); None does so for a first load, into a store
        without documents (what ``kg ingest`` and ``kg load`` ask for).

        ``verify``: a writer first reads every row of an existing store and
        refuses to write into a damaged one. ``recover``: replay the log up
        to the last complete record when its end was torn by a crash or a
        full disk (``kg check --recover``).
        """
        self.path = Path(path)
        self.read_only = read_only
        self._closed = False
        self._io_failed = False
        db_file = self.path / DB_FILE
        if read_only and not db_file.exists():
            raise StoreError(f"{self.path}: no kg store here yet (run `kg ingest` first)")
        existed = db_file.exists()
        if existed and db_file.stat().st_size == 0:
            raise StoreDamaged(f"{self.path}: the store is damaged: {DB_FILE} is empty (0 bytes); "
                               "restore it from a backup or an export (`kg import`)")
        if not read_only:
            if existed and writer_pid(db_file) is not None:
                raise StoreLocked(
                    f"{self.path}: the store is locked by another kg process; try again when it ends")
            if existed and verify:
                self._refuse_if_damaged()
            self.path.mkdir(parents=True, exist_ok=True)
        # The SPARQL index is kept in step by a writer that finds it current
        # (before opening: opening can replay the log and change the files).
        self._index_base = None if read_only or not existed else _current_index_base(self.path)
        self._index_inode = 0
        self._touched: tuple[set[str], set[str]] = (set(), set())
        self._pending: tuple[set[str], set[str]] = (set(), set())
        self._open(db_file, recover)
        try:
            tables = self.table_names()
        except StoreDamaged:
            self._close_engine()
            raise
        if existed and "Document" not in tables:
            self._close_engine()
            raise StoreDamaged(f"{self.path}: the store is damaged or not a kg store: it has no "
                               "kg tables")
        if not read_only:
            try:
                for statement in ddl():
                    self._conn.execute(statement)
            except RuntimeError as exc:
                self._fail_open(exc)
            self.bulk = self._first_load() if bulk is None else bulk
            if self._index_base is not None:
                # From here until close() stamps it again, a query rebuilds the index.
                self._index_inode = _sparql_index().unstamp(self.path)

    def _first_load(self) -> bool:
        """Whether the store has no document yet and its tables the columns (in the order)
        a bulk COPY writes, and pyarrow is there to hold the rows."""
        from importlib.util import find_spec

        from kg.graph.schema import DOCUMENT_COLUMNS

        if find_spec("pyarrow") is None or self._rows("MATCH (d:Document) RETURN d.id LIMIT 1"):
            return False
        columns = [r[1] for r in self._rows("CALL table_info('Document') RETURN *")]
        return columns == list(DOCUMENT_COLUMNS)

    def _refuse_if_damaged(self) -> None:
        """Read every row through a read-only connection, which changes no byte of the store."""
        checker = Store(self.path, read_only=True)
        try:
            problems = checker.problems()
        finally:
            checker.close()
        if problems:
            more = f" (and {len(problems) - 1} more; run `kg check`)" if len(problems) > 1 else ""
            raise StoreDamaged(f"{self.path}: the store is damaged, nothing written: "
                               f"{problems[0]}{more}")

    def _open(self, db_file: Path, recover: bool) -> None:
        deadline = time.monotonic() + (READER_RETRY_SECONDS if self.read_only else 0.0)
        delay = 0.05
        while True:
            try:
                self._db = lb.Database(str(db_file), read_only=self.read_only,
                                       throw_on_wal_replay_failure=not recover,
                                       buffer_pool_size=0 if self.read_only else buffer_pool_size(),
                                       max_num_threads=0 if self.read_only else WRITER_THREADS)
                self._conn = lb.Connection(self._db)
                return
            except RuntimeError as exc:
                message = first_line(exc)
                passing = any(m in message for m in _WAL_IN_FLUX) or _CHECKPOINT_PENDING in message
                if passing and time.monotonic() < deadline:
                    time.sleep(delay)
                    delay = min(delay * 2, 0.4)
                    continue
                self._fail_open(exc, db_file)

    def _fail_open(self, exc: BaseException, db_file: Path | None = None) -> None:
        message = first_line(exc)
        where = self.path
        writer = writer_pid(db_file) if db_file is not None else None
        if any(m in message for m in _WAL_IN_FLUX) or _CHECKPOINT_PENDING in message:
            if writer is not None:
                raise StoreBusy(f"{where}: the store is being written by another kg process "
                                f"(pid {writer}); try again when it ends") from None
            if _CHECKPOINT_PENDING in message:
                raise StoreDamaged(f"{where}: the store's last save did not finish (a full disk or "
                                   f"a crash); run `kg check --recover --store {where}`") from None
            raise StoreDamaged(f"{where}: the store's log ends in an unfinished write (a full "
                               f"disk or a crash); run `kg check --recover --store {where}` to "
                               "keep every committed document") from None
        if "lock" in message.lower():
            raise StoreLocked(
                f"{where}: the store is locked by another kg process; try again when it ends"
            ) from None
        if any(sign in message.lower() for sign in _DAMAGE_SIGNS):
            raise StoreDamaged(f"{where}: the store is damaged: {message}") from None
        if _is_io_error(exc):
            raise StoreError(f"{where}: cannot open the store (is the disk full?): {message}") from None
        raise StoreError(f"{where}: cannot open the store: {message}") from None

    def _close_engine(self) -> None:
        if self._io_failed:
            _abandon(self._conn, self._db)
        else:
            self._conn.close()
            self._db.close()

    def close(self) -> None:
        """Close the store; a writer checkpoints first and says when that fails."""
        if self._closed:
            return
        self._closed = True
        failure = None
        if not self.read_only and not self._io_failed:
            try:
                self._conn.execute("CHECKPOINT")
            except RuntimeError as exc:
                self._io_failed = _is_io_error(exc)
                failure = StoreError(
                    f"{self.path}: could not save the store to disk (checkpoint failed: "
                    f"{first_line(exc)}); the disk may be full. Committed documents are kept "
                    f"in its log: free some space, then run `kg check --recover --store {self.path}`"
                )
        synced = failure is None and self._sync_index()
        self._close_engine()
        if failure is not None:
            raise failure
        if synced:
            _sparql_index().stamp(self.path, self._index_base or "", self._index_inode)

    def _touch(self, entity_ids: Iterable[str], doc_ids: Iterable[str] = ()) -> None:
        if self._index_base is None:
            # No SPARQL index to keep in step: keeping every id written would make a
            # writer's memory grow with the documents it writes.
            return
        self._pending[0].update(entity_ids)
        self._pending[1].update(doc_ids)

    def _committed(self, committed: bool) -> None:
        """The open transaction ended: what it touched now needs the index updated (or not)."""
        if committed:
            self._touched[0].update(self._pending[0])
            self._touched[1].update(self._pending[1])
        self._pending[0].clear()
        self._pending[1].clear()

    def _sync_index(self) -> bool:
        """Bring the SPARQL index in step with what this writer committed; whether it is.

        Any failure here only leaves the index unstamped: the next query rebuilds it.
        """
        if self._index_base is None or self.read_only or self._io_failed:
            return False
        entity_ids, doc_ids = self._touched
        if not entity_ids and not doc_ids:
            return True
        try:
            return _sparql_index().apply_changes(self, self._index_base, entity_ids, doc_ids) >= 0
        except Exception:  # noqa: BLE001 -- the rebuild is the answer to any failure
            return False

    # -- checking ------------------------------------------------------------

    def table_names(self) -> set[str]:
        with self.reading():
            return {row[0] for row in self._rows("CALL show_tables() RETURN name")}

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Turn a read that fails on damaged files into one StoreDamaged line.

        Engine and decoding errors while reading kg's own tables come from
        damaged files -- unless :meth:`problems` finds nothing wrong, in which
        case the error is a bug and keeps its traceback.
        """
        try:
            yield
        except (RuntimeError, UnicodeDecodeError, ValueError, KeyError) as exc:
            try:
                problems = self.problems()
            except Exception:  # the check itself could not read the store
                problems = [f"{type(exc).__name__}: {first_line(exc)}"]
            if not problems:
                raise
            more = f" (and {len(problems) - 1} more; run `kg check`)" if len(problems) > 1 else ""
            raise StoreDamaged(f"{self.path}: the store is damaged, cannot read it: "
                               f"{problems[0]}{more}") from None

    def problems(self) -> list[str]:
        """What is wrong with the store, one line each; empty when every check passed.

        Every kg table exists; every row of every table decodes and their
        number is the table's count; every fact has as many evidence sentences
        as sources, each source is a stored document that mentions both ends
        of the fact, and fact ids are unique.
        """
        from kg.graph.checks import store_problems

        return store_problems(self)

    # -- low level ---------------------------------------------------------

    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        result = self._conn.execute(cypher, params or {})
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return rows

    def _execute(self, cypher: str, params: dict[str, Any]) -> None:
        self._conn.execute(cypher, params)

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list]:
        """Run a Cypher query; returns column names and rows."""
        try:
            result = self._conn.execute(cypher, params or {})
        except RuntimeError as exc:
            raise QueryError(first_line(exc)) from None
        columns = result.get_column_names()
        rows = []
        with self.reading():
            while result.has_next():
                rows.append(result.get_next())
        return columns, rows

    # -- writing -----------------------------------------------------------

    def document_ids(self) -> set[str]:
        """The sha256 of every document in the store (to skip them before extracting)."""
        return {row[0] for row in self._rows("MATCH (d:Document) RETURN d.id")}

    def files(self) -> dict[str, tuple[int, int, str]]:
        """Every recorded file: absolute path -> (size, modification time in ns, document id)."""
        return {r[0]: (r[1], r[2], r[3]) for r in self._rows(
            "MATCH (f:File) RETURN f.path, f.size, f.mtime_ns, f.doc")}

    def record_files(self, stamps: Iterable[tuple[FileStamp, str]]) -> None:
        """Record files whose document the store has (one transaction)."""
        rows = self._file_rows(stamps)
        if not rows:
            return
        self._conn.execute("BEGIN TRANSACTION")
        try:
            self._record_files(rows)
            self._conn.execute("COMMIT")
        except RuntimeError as exc:
            self._rollback_open_transaction(exc)
            if _is_io_error(exc):
                self._io_failed = True
            raise StoreError(f"{self.path}: recording the files read failed: {first_line(exc)}"
                             ) from exc

    def _record_files(self, rows: list[dict[str, Any]]) -> None:
        """Create or update the File rows (inside the caller's transaction)."""
        latest = {row["path"]: row for row in rows}  # a path given twice: the last wins
        known = {r[0] for r in self._rows(_KNOWN_FILES, {"paths": list(latest)})}
        updates = [row for path, row in latest.items() if path in known]
        if updates:
            self._execute(_UPDATE_FILES, {"rows": updates})
        created = [row for path, row in latest.items() if path not in known]
        if created:
            self._execute(_CREATE_FILES, {"rows": created})

    @staticmethod
    def _file_rows(stamps: Iterable[tuple[FileStamp, str]]) -> list[dict[str, Any]]:
        return [{"path": s.path, "size": s.size, "mtime": s.mtime_ns, "doc": doc}
                for s, doc in stamps]

    def has_document(self, doc_id: str) -> bool:
        return bool(self._rows("MATCH (d:Document {id: $id}) RETURN d.id", {"id": doc_id}))

    def write(self, document: Document, claims: list[ResolvedClaim],
              mentions: Iterable[Entity] = (),
              renames: Iterable[tuple[Entity, Entity]] = (),
              file: FileStamp | None = None) -> WriteResult:
        """Write one document and its claims atomically.

        The document MENTIONS every entity of its claims and every entity in
        ``mentions`` (those it names without a fact about them). A document
        already in the store (same sha256) is skipped, so ingesting twice
        changes nothing. ``renames`` (old, new) re-key store entities first,
        moving their facts and mentions. ``file`` records where the document
        was read from (see :meth:`files`). On any error the transaction is
        rolled back and the store is as it was.
        """
        if self.has_document(document.id) and not self._io_failed:
            if file is not None:
                self.record_files([(file, document.id)])
            return WriteResult(document, skipped=True)
        return self._write_in_one_transaction([(document, claims, mentions, renames)],
                                              f"{document.path}: ", "the document",
                                              [(file, document.id)] if file else [])[0]

    @property
    def io_failed(self) -> bool:
        """Whether a write failed on disk (full disk): nothing more can be written this run."""
        return self._io_failed

    def write_many(self, items: list[tuple[Document, list[ResolvedClaim], Iterable[Entity],
                                           Iterable[tuple[Entity, Entity]]]],
                   files: Iterable[tuple[FileStamp, str]] = ()) -> list[WriteResult]:
        """Write many documents in one transaction: all of them, or (on error) none.

        Committing once per batch rather than once per document is what makes
        archive-sized ingests fast; a caller that must keep the good documents
        of a failed batch retries them one by one with :meth:`write`. A
        document already in the store, or earlier in the batch, is skipped.
        ``files`` (stamp, document id) are recorded in the same transaction.
        """
        if not items:
            return []
        return self._write_in_one_transaction(items, "", f"a batch of {len(items)} documents",
                                              files)

    def _write_in_one_transaction(self, items: list[tuple[Document, list[ResolvedClaim], Iterable[Entity],
                                                           Iterable[tuple[Entity, Entity]]]],
                                  where: str, what: str,
                                  files: Iterable[tuple[FileStamp, str]] = ()) -> list[WriteResult]:
        """The documents of ``items`` in one transaction, rolled back whole on any error.

        Runs of documents are written together (:mod:`kg.graph.batch`: a few
        statements per table for the whole run). ``renames`` (old, new) re-key
        store entities first, moving their facts and mentions, so a document
        with renames starts a new run. ``where`` (a path prefix) and ``what``
        word the error for one document or a batch.
        """
        if self._io_failed:
            raise StoreError(f"{self.path}: an earlier write failed on disk; nothing more is written")
        items = [(d, c, m, list(r)) for d, c, m, r in items]
        had_renames = any(r for *_, r in items)
        merges = self._absorbable_renames(items)
        if merges:
            # renames of entities only this batch names: applied in its plan, one run
            items = [(d, c, m, []) for d, c, m, _ in items]
        # A batch that had renames is not copied even when its plan made them: after a
        # copied batch, the checkpoint of the next batches' Cypher writes cost 1.7 s against
        # 0.3 s (2,000 synthetic articles in two batches, the second with a store merge).
        # COPY FROM is for batches of a first load: the engine's primary-key index broke
        # when a transaction copied into a table whose nodes it also merged (renames),
        # and each commit after a COPY costs a checkpoint (not worth it for a few
        # documents, such as a batch retried one by one: see min_copy_batch).
        copy = (self.bulk and len(items) >= max(self.min_copy_batch, 2)
                and not had_renames)
        if copy:
            return_large_buffers()
        self._conn.execute("BEGIN TRANSACTION")
        try:
            results: list[WriteResult] = []
            run: list[tuple[Document, list[ResolvedClaim], Iterable[Entity]]] = []
            for document, claims, mentions, renames in items:
                if renames:
                    results.extend(self._write_run(run, copy))
                    run = []
                    for old, new in renames:
                        # A store entity re-keyed by the resolver (kg.graph.resolver).
                        if self._rows(f"MATCH (e:{old.type} {{id: $id}}) RETURN e.id", {"id": old.id}):
                            self._merge_entities(old, new)
                run.append((document, claims, mentions))
            results.extend(self._write_run(run, copy, merges))
            rows = self._file_rows(files)
            if rows:
                self._record_files(rows)
            self._conn.execute("COMMIT")
            self._committed(True)
        except BaseException as exc:
            self._committed(False)
            self._rollback_open_transaction(exc)
            if isinstance(exc, KgError | KeyboardInterrupt):
                raise
            if _is_io_error(exc):
                self._io_failed = True
                raise StoreError(f"{where}writing failed, the disk may be full; {what} was not stored: "
                                 f"{first_line(exc)}") from exc
            raise StoreError(f"{where}writing failed, store unchanged: {exc}") from exc
        return results

    def _write_run(self, run: list[tuple[Document, list[ResolvedClaim], Iterable[Entity]]],
                   copy: bool, merges: Sequence[Merge] = ()) -> list[WriteResult]:
        counts = self._write_documents(run, copy, merges) if run else []
        return [WriteResult(document, skipped=True) if count is None
                else WriteResult(document, added=count[0], merged=count[1])
                for (document, _, _), count in zip(run, counts, strict=True)]

    def _absorbable_renames(self, items: list[tuple[Document, list[ResolvedClaim], Iterable[Entity],
                                                    list[tuple[Entity, Entity]]]]) -> list[Merge]:
        """The batch's renames as merges for its plan (kg.graph.batch.Merge), or none.

        A rename re-keys an entity the resolver met earlier in the run. When the batch's
        own documents are the only ones that named it, the merge needs nothing of the
        store and the plan makes it (BatchWrites._plan_entities); when the store has the
        old entity (an earlier batch wrote it), the store merges it between the runs of
        the batch, and so every rename of that batch is left to that path.
        """
        merges = [(position, old, new) for position, (*_, renames) in enumerate(items)
                  for old, new in renames]
        if not merges or any(old.id == new.id or old.type != new.type for _, old, new in merges):
            return []
        by_type: dict[str, set[str]] = {}
        for _, old, _ in merges:
            by_type.setdefault(old.type, set()).add(old.id)
        for kind, ids in by_type.items():
            if self._rows(f"UNWIND $ids AS id MATCH (e:{kind} {{id: id}}) RETURN e.id", {"ids": sorted(ids)}):
                return []
        return merges

    def _kg_version(self) -> str:
        return kg_version()

    def _rollback_open_transaction(self, exc: BaseException) -> None:
        """Roll back the document's transaction if the engine has not already done so.

        The engine aborts the transaction itself when one of its statements
        fails; a ROLLBACK then fails with "No active transaction", and that
        must not replace the error that caused it.
        """
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError as rollback_error:
            if "no active transaction" not in str(rollback_error).lower():
                exc.add_note(f"rolling back also failed: {first_line(rollback_error)}")

    def _upsert_entity(self, entity: Entity) -> None:
        self._touch([entity.id])
        rows = self._rows(f"MATCH (e:{entity.type} {{id: $id}}) RETURN e.aliases", {"id": entity.id})
        if rows:
            known = rows[0][0] or []
            aliases = list(dict.fromkeys([*known, *entity.aliases]))
            if aliases != known:
                self._conn.execute(
                    f"MATCH (e:{entity.type} {{id: $id}}) SET e.aliases = $aliases",
                    {"id": entity.id, "aliases": aliases},
                )
            return
        self._conn.execute(
            f"CREATE (e:{entity.type} {{id: $id, name: $name, aliases: $aliases, "
            "wikidata: $wikidata, parent: $parent, description: $description})",
            {"id": entity.id, "name": entity.name, "aliases": list(entity.aliases),
             "wikidata": entity.wikidata, "parent": entity.parent,
             "description": entity.description},
        )

    # -- merging entities -------------------------------------------------

    def merge_entities(self, source: Entity, target: Entity) -> int:
        """Fold ``source`` into ``target`` atomically: its edges (with their
        sources and evidence), the documents that mention it and its names
        move to ``target``, and ``source`` is deleted. Returns the number of
        edges moved. An edge that becomes a duplicate of one of ``target``'s
        joins it, as a second report of a fact would.
        """
        if source.type != target.type:
            raise KgError(f"cannot merge {source.name} ({source.type}) into {target.name} ({target.type})")
        if source.id == target.id:
            raise KgError(f"{source.name} and {target.name} are the same entity")
        self._conn.execute("BEGIN TRANSACTION")
        try:
            moved = self._merge_entities(source, target)
            self._conn.execute("COMMIT")
            self._committed(True)
        except BaseException as exc:
            self._committed(False)
            self._conn.execute("ROLLBACK")
            if isinstance(exc, KgError | KeyboardInterrupt):
                raise
            raise StoreError(f"merging {source.name} into {target.name} failed, store unchanged: "
                             f"{exc}") from exc
        return moved

    def _merge_entities(self, source: Entity, target: Entity) -> int:
        self._touch([source.id, target.id])
        entities = {e.id: e for e in self.entities()}
        target = entities.get(target.id, target)
        mentioned_by = [r[0] for r in self._rows(
            f"MATCH (d:Document)-[:MENTIONS]->(s:{source.type} {{id: $id}}) RETURN d.id",
            {"id": source.id})]
        merged = Entity(target.id, target.type, target.name,
                        tuple(dict.fromkeys([*target.aliases, source.name, *source.aliases])),
                        target.wikidata or source.wikidata, target.parent or source.parent,
                        target.description or source.description)
        self._upsert_entity(merged)
        # Each edge's reports are rewritten onto the target's pair, where they
        # join the target's edges by the usual rule (kg.graph.identity).
        moved = self._rehome_edges(source, merged)
        self._conn.execute(f"MATCH (s:{source.type} {{id: $id}}) DETACH DELETE s", {"id": source.id})
        for doc in mentioned_by:
            if not self._rows(f"MATCH (d:Document {{id: $doc}})-[:MENTIONS]->(e:{target.type} {{id: $id}}) "
                              "RETURN d.id", {"doc": doc, "id": target.id}):
                self._conn.execute(f"MATCH (d:Document {{id: $doc}}), (e:{target.type} {{id: $id}}) "
                                   "CREATE (d)-[:MENTIONS]->(e)", {"doc": doc, "id": target.id})
        return moved

    # -- reading -----------------------------------------------------------

    def documents(self) -> dict[str, Document]:
        with self.reading():
            try:
                rows = self._rows("MATCH (d:Document) RETURN d.id, d.path, d.published, d.lang, "
                                  "d.title, d.url")
            except RuntimeError:  # a store written before documents had a url, opened read-only
                rows = [[*r, None] for r in self._rows(
                    "MATCH (d:Document) RETURN d.id, d.path, d.published, d.lang, d.title")]
        return {
            r[0]: Document(id=r[0], path=r[1], text="", lang=r[3], published=r[2], title=r[4],
                           url=r[5])
            for r in rows
        }

    def entities(self) -> list[Entity]:
        with self.reading():
            return self._entities()

    def _entities(self) -> list[Entity]:
        out = []
        for label in ENTITY_TYPES:
            for r in self._rows(
                f"MATCH (e:{label}) RETURN e.id, e.name, e.aliases, e.wikidata, e.parent, "
                "e.description ORDER BY e.id"
            ):
                out.append(Entity(id=r[0], type=label, name=r[1], aliases=tuple(r[2] or ()),
                                  wikidata=r[3], parent=r[4], description=r[5]))
        return out

    def facts(self, relation: str | None = None) -> list[Fact]:
        """Every fact edge (of one relation type), ordered by relation, subject, object."""
        with self.reading():
            return self._facts(relation)

    def _facts(self, relation: str | None) -> list[Fact]:
        entities = {e.id: e for e in self.entities()}
        docs = self.documents()
        out: list[Fact] = []
        for rel in RELATIONS.values():
            if relation and rel.name != relation:
                continue
            columns = list(edge_columns(rel))
            for row in self._rows(
                f"MATCH (a)-[r:{rel.name}]->(b) RETURN a.id, b.id, "
                + ", ".join(f"r.`{c}`" for c in columns)
            ):
                props = dict(zip(columns, row[2:], strict=True))
                out.append(fact_from_props(rel.name, entities[row[0]], entities[row[1]],
                                           props, docs))
        out.sort(key=lambda f: (f.relation, f.subject.name, f.object.name, f.qualifiers.get("date") or ""))
        return out

    def counts(self) -> dict[str, int]:
        """Number of nodes per label and of edges per relation type."""
        with self.reading():
            return self._counts()

    def _counts(self) -> dict[str, int]:
        out = {}
        for label in (*ENTITY_TYPES, "Document"):
            out[label] = self._rows(f"MATCH (n:{label}) RETURN count(n)")[0][0]
        for name in (*RELATIONS, "MENTIONS"):
            out[name] = self._rows(f"MATCH ()-[r:{name}]->() RETURN count(r)")[0][0]
        return out


@contextmanager
def open_store(path: str | Path | None = None, *, read_only: bool = False,
               bulk: bool | None = False) -> Iterator[Store]:
    """Open the store at ``path`` (default: :func:`default_store_path`) and close it after.

    ``bulk``: see :class:`Store` (None: COPY FROM for a first load).
    """
    store = Store(path or default_store_path(), read_only=read_only, bulk=bulk)
    try:
        yield store
    except BaseException:
        try:
            store.close()
        except KgError:
            pass  # the error that got here first is the one to report
        raise
    store.close()
