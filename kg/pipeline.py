"""Ingest at archive scale: find files, extract them (in parallel), write in batches.

The pipeline is two halves joined by plain data, so they can run apart:

* **extract** (:func:`extract_file`, :func:`extract_paths`) reads a file and
  returns an :class:`Extracted`: the document's metadata and its resolved
  claims. It never touches a store, so it runs in worker processes, on a Dask
  cluster, or as ``kg extract`` writing JSON Lines (:func:`to_record`);
* **load** (:func:`write_stream`) writes extracted documents into a store in
  batches of many documents per transaction; a batch that fails is retried
  document by document, so every document stays all-or-nothing.

Everything streams: at most a bounded window of documents is in flight, so
memory does not grow with the number of files. A file that cannot be read or
extracted becomes a :class:`Failure` (file and reason) instead of stopping
the run; the caller decides whether that is fatal (``--on-error stop``).
"""

from __future__ import annotations

import gc
import glob
import itertools
import json
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from kg.errors import InputError, KgError, ValidationError
from kg.graph.model import Document, Entity
from kg.graph.registry import Registry
from kg.graph.store import FileStamp, ResolvedClaim, Store, WriteResult, release_memory

# Suffixes a directory walk picks up (files named on the command line are read whatever their suffix).
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml")
DEFAULT_BATCH = 64
# Documents per transaction when a first load writes with COPY FROM: each commit
# after a COPY costs about as much as writing a thousand documents.
BULK_BATCH = 1000
# Documents of a batch whose counts are prepared at a time while the batch fills
# (Store.prepare_counts: a few queries each).
PREPARE_EVERY = 64
# Tasks queued per worker beyond a batch: enough to keep every worker busy, few
# enough that memory does not follow the number of files.
WINDOW_PER_WORKER = 4
# Fewer files than this are extracted in this process: starting workers (each
# loading its own Kiwi model) costs more than it saves on a handful of files.
POOL_MIN_FILES = 8
# Files one process reads (Korean: segments with Kiwi) before it extracts them:
# see extract_read_ahead. On 95 distinct Korean articles, Kiwi's calls cost
# 1.14-1.21x the same calls alone in groups of 8, 1.07-1.11x in groups of 32.
READ_AHEAD = 32
# The same in a worker process: the files of one task. Fewer than READ_AHEAD, so that
# the last tasks of a short run still spread over the workers (400 files: 50 tasks).
WORKER_READ_AHEAD = 8
# Allocations between collections of the youngest generation once the models are
# loaded and frozen (Python's default is 700): see freeze_loaded.
YOUNG_COLLECTION_AFTER_LOAD = 20_000
_frozen = False  # whether freeze_loaded() has run in this process
_GLOB_CHARS = set("*?[")
_T = TypeVar("_T")


@dataclass(frozen=True)
class ExtractOptions:
    """How files are read: the publication date override, the language, a manifest."""

    published: str | None = None
    lang: str = "auto"
    # kg.loaders.published.read_manifest(): publication date, URL and title per file.
    manifest: dict[str, Any] | None = None
    max_bytes: int | None = None  # files larger than this are refused (None: KG_MAX_BYTES, else 20MB)


@dataclass
class Extracted:
    """One document's metadata and its resolved claims, ready for a store.

    ``document.text`` is dropped (empty): a store keeps only the metadata and
    the claims' evidence sentences, and this crosses process boundaries.
    """

    document: Document
    claims: list[ResolvedClaim] = field(default_factory=list)
    # Entities the document names without a fact about them (see kg.ingest.mentions).
    mentions: list[Entity] = field(default_factory=list)
    # Store entities the writer's resolver re-keyed (kg.graph.resolver): (old, new).
    renames: list[tuple[Entity, Entity]] = field(default_factory=list)
    # The file as it was read, recorded with the document (None: not read from a file).
    stamp: FileStamp | None = None


@dataclass(frozen=True)
class Known:
    """A file whose document (same sha256) the store already has: not extracted again.

    ``stamp`` is the file as it is now (None: not a regular file). ``recorded``
    says the store's File table already has that stamp; otherwise the writer
    records it (a file read to hash it, or skipped by a ``--since-manifest``
    entry), so that the next run need not read it.
    """

    document: Document
    stamp: FileStamp | None = None
    recorded: bool = False


@dataclass(frozen=True)
class Failure:
    """A file that could not be read or extracted, and why (one line)."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


Outcome = Extracted | Known | Failure


# -- finding files -----------------------------------------------------------

def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named by ``paths``: files as given, directories walked, globs expanded.

    A directory yields its articles (by suffix, hidden entries skipped) in
    sorted order, recursively; a pattern with ``*``, ``?`` or ``[`` that names
    no existing file is expanded (``**`` recursing). Anything else is yielded
    as given so that reading it reports the problem.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif not path.exists() and _GLOB_CHARS & set(str(raw)):
            matches = sorted(glob.glob(str(raw), recursive=True))
            if not matches:
                yield path  # reported as "no such file"
            for match in matches:
                found = Path(match)
                yield from (_walk(found) if found.is_dir() else [found])
        else:
            yield path


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES):
                yield Path(root) / name


# -- extracting --------------------------------------------------------------

def extract_document(document: Document, registry: Registry | None = None) -> Extracted:
    """Extract and resolve one loaded document (the text is not kept)."""
    from kg.ingest import extract, mentions, resolve

    claims = resolve(extract(document, registry), registry)
    named = mentions(document, claims, registry)
    return Extracted(replace(document, text="", sentences=()), claims, named)


def extract_file(path: str | os.PathLike[str], options: ExtractOptions | None = None, *,
                 registry: Registry | None = None, known: Callable[[str], bool] | None = None,
                 read: Read | None = None) -> Extracted | Known:
    """Read one file and extract it; raise :class:`InputError` when it cannot be read.

    ``known(doc_id)`` says whether a store already has the document; such a
    document is read once (to hash it) and not extracted. ``read``: the file as
    the caller already read it (:func:`read_bytes`), not read again.
    """
    stamp, document = read_file(path, options or ExtractOptions(), read)
    return extract_read(document, stamp, registry=registry, known=known)


def read_file(path: str | os.PathLike[str], options: ExtractOptions,
              read: Read | None = None, *, split: bool = True) -> tuple[FileStamp | None, Document]:
    """The first half of :func:`extract_file`: the file's stamp and its document (Korean
    text segmented by Kiwi, its morphemes kept with it; with ``split=False`` not yet:
    see kg.loaders.read.split_document)."""
    if read is None:
        stamp = FileStamp.of(path)  # before reading: a change while it is read shows next time
        return stamp, read_with(path, options, split=split)
    return read.stamp, read_with(path, options, read.data, split=split)


def extract_read(document: Document, stamp: FileStamp | None, *, registry: Registry | None = None,
                 known: Callable[[str], bool] | None = None) -> Extracted | Known:
    """The second half of :func:`extract_file`: a document read by :func:`read_file`, extracted."""
    if known is not None and known(document.id):
        return Known(replace(document, text="", sentences=()), stamp)
    return replace(extract_document(document, registry), stamp=stamp)


@dataclass(frozen=True)
class Read:
    """A file's bytes, and its stamp taken before they were read."""

    stamp: FileStamp | None
    data: bytes


def read_bytes(path: str | os.PathLike[str], options: ExtractOptions) -> Read:
    """Read one file's bytes (:class:`InputError` when it cannot be read)."""
    from kg.loaders.rawtext import read_file_bytes

    stamp = FileStamp.of(path)  # before reading: a change while it is read shows next time
    return Read(stamp, read_file_bytes(os.fspath(path), options.max_bytes))


def read_with(path: str | os.PathLike[str], options: ExtractOptions,
              data: bytes | None = None, *, split: bool = True) -> Document:
    """Read one file: ``--published`` dates every file, else its manifest entry, else its own.
    ``data``: its bytes, when already read; ``split``: see kg.loaders.read.read_document."""
    from kg.loaders.published import manifest_key
    from kg.loaders.read import read_document

    # the key resolves the path (a system call per directory level): only with a manifest
    entry = options.manifest.get(manifest_key(path)) if options.manifest else None
    if options.published is None and entry is not None:
        return read_document(path, published=entry.published, lang=options.lang, url=entry.url,
                             title=entry.title, published_from="manifest",
                             max_bytes=options.max_bytes, data=data, split=split)
    return read_document(path, published=options.published, lang=options.lang,
                         url=entry.url if entry else None, title=entry.title if entry else None,
                         max_bytes=options.max_bytes, data=data, split=split)


def try_extract_file(path: str | os.PathLike[str], options: ExtractOptions | None = None, *,
                     registry: Registry | None = None,
                     known: Callable[[str], bool] | None = None, read: Read | None = None
                     ) -> Outcome:
    """:func:`extract_file`, with any failure returned as a :class:`Failure`."""
    try:
        return extract_file(path, options, registry=registry, known=known, read=read)
    except Exception as exc:
        return _failure(path, exc)


def _failure(path: str | os.PathLike[str], exc: Exception) -> Failure:
    """The :class:`Failure` an exception reading or extracting ``path`` is reported as."""
    if isinstance(exc, InputError):
        return Failure(exc.path, exc.problem)
    if isinstance(exc, KgError):
        return Failure(os.fspath(path), str(exc))
    # an extractor bug on one article must not end an archive run
    return Failure(os.fspath(path), f"extraction failed: {type(exc).__name__}: {exc}")


def extract_read_ahead(tasks: Iterable[tuple[str | os.PathLike[str], Known | None]],
                       options: ExtractOptions, known: Callable[[str], bool] | None = None,
                       read_ahead: int = READ_AHEAD, *, freeze_models: bool = False) -> Iterator[Outcome]:
    """:func:`try_extract_file` of each task's path (a task with a :class:`Known` is that),
    in order, in this process; ``read_ahead`` files are read before any of them is extracted.

    Reading a Korean file is mostly Kiwi's work, and Kiwi's model does not fit in the
    CPU's caches beside the name recognizer's and the rules' data: read and extracted
    in turn, each article's Kiwi calls started cold (on distinct Korean articles they
    cost 1.2-1.3x the same calls back to back). Read in groups, only a group's first
    file does. Outcomes are the same, in the same order.

    ``freeze_models``: the process is one of kg's own (the CLI): the first group
    loads the models with the collector paused, then :func:`freeze_loaded`. A
    library caller's process is left as it is.
    """
    from kg.loaders.read import split_document

    group: list[tuple[str | os.PathLike[str], Known | None]] = []
    for task in itertools.chain(tasks, [None]):
        if task is not None:
            group.append(task)
            if len(group) < read_ahead:
                continue
        documents: list[Outcome | tuple[FileStamp | None, Document]] = []
        loading = freeze_models and not _frozen
        with collector_paused() if loading else nullcontext():  # Kiwi loads on the first split
            for path, skipped in group:
                try:
                    documents.append(skipped or read_file(path, options, split=False))
                except Exception as exc:
                    documents.append(_failure(path, exc))
            # every file of the group cleaned first, then split: Kiwi's calls one after another
            for i, ((path, _), item) in enumerate(zip(group, documents, strict=True)):
                if isinstance(item, tuple):
                    try:
                        documents[i] = item[0], split_document(item[1])
                    except Exception as exc:
                        documents[i] = _failure(path, exc)
        for (path, _), item in zip(group, documents, strict=True):
            if not isinstance(item, tuple):
                yield item
                continue
            try:
                yield extract_read(item[1], item[0], known=known)
            except Exception as exc:
                yield _failure(path, exc)
        group = []
        if loading:
            freeze_loaded()  # the first group loaded the models it needs


# Per worker process: the options and the ids the store already has, set once
# by the pool's initializer rather than sent with every file.
_worker_options = ExtractOptions()
_worker_known: frozenset[str] = frozenset()


# Made-up articles that take the extractors down their common paths once, so the patterns
# they build from the lexicons on first use (title runs, cue words, unit words) are compiled
# before the first real article. With a warm-up of one sentence each, the first 95 Korean
# articles a process read spent 0.027 s compiling them; with these, 0.010 s.
_WARM_UP = {
    "ko": (
        "제니트릭스, 노바테크에 500억원 투자",
        "제니트릭스는 지난 3월 노바테크에 500억원을 투자했다고 17일 밝혔다.",
        "제니트릭스는 김서연 전 구글 연구원을 최고기술책임자(CTO)로 영입했다.",
        "박지훈 노바테크 대표는 지난해 회사를 떠나 아스트라AI에 합류했다.",
        "노바테크와 아스트라AI는 데이터 라벨링 분야에서 전략적 협력을 맺었다.",
        "아스트라AI는 직원 200명을 해고할 계획이라고 밝혔다.",
        "이 회사는 2021년 이민호 대표가 설립한 스타트업으로, 메타 초지능 연구소와 경쟁한다.",
        "아스트라AI의 공동 창업자인 AI 과학자 최유진은 노바테크 연구소 소장 겸 부사장으로 자리를 옮겼다.",
        "최 소장은 한도윤 노바테크 연구소 수석연구원과 노바테크 AI센터 소장 정하람을 영입했다고 말했다.",
    ),
    "en": (
        "Zentrix invests $50 million in Novalabs",
        "Zentrix invested $50 million in Novalabs in March, the companies said on Tuesday.",
        "Zentrix hired Jane Roe, a former Google researcher, as its chief technology officer.",
        "John Doe, the chief executive of Novalabs, left the company last year to join Astra AI.",
        "Novalabs and Astra AI announced a partnership on data labeling.",
        "Astra AI laid off 200 employees, or about 10% of its staff.",
        "The startup, founded in 2021 by Alex Kim, competes with Meta's superintelligence lab.",
    ),
}


def warm_up() -> None:
    """Load the extractors' models (Kiwi, the name recognizers) and compile their patterns
    now, once per process, not on the first articles."""
    from kg.ingest import extract

    with collector_paused():
        for document in _warm_up_documents():
            extract(document)
    freeze_loaded()


def _warm_up_documents() -> list[Document]:
    """The made-up articles of :data:`_WARM_UP`, one document per language."""
    return [Document(id="warm-up", path="warm-up", text="\n".join(sentences), lang=lang,
                     sentences=sentences, published="2025-06-30")
            for lang, sentences in _WARM_UP.items()]


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection inside the block: for loading models.

    Loading Kiwi, the name recognizer and the rules makes hundreds of thousands
    of objects that live as long as the process; as they pile up, the collector
    walks all of them again in each full collection it starts (seven while the
    fork server loads, a sixth of a second of its 3-4 s). They hold few cycles
    to collect, and :func:`freeze_loaded` takes them out of its sight after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze_loaded() -> None:
    """Move what the process holds now out of the garbage collector's sight.

    Called once the extractors' models, the registry and the lexicons are loaded:
    they live as long as the process, so full collections need not walk them again
    (and a worker forked after this does not write to their pages when it collects)."""
    global _frozen
    _frozen = True
    gc.collect()
    gc.freeze()
    # Extraction makes and drops many small objects per sentence (tokens, feature
    # tuples) and few cycles: at the default 700 allocations the youngest
    # generation was collected thousands of times per hundred articles.
    gc.set_threshold(YOUNG_COLLECTION_AFTER_LOAD, *gc.get_threshold()[1:])


def _init_worker(options: ExtractOptions, known: frozenset[str]) -> None:
    global _worker_options, _worker_known
    _worker_options, _worker_known = options, known
    warm_up()


def _extract_group_in_worker(paths: list[str]) -> list[Outcome]:
    return list(extract_read_ahead(((path, None) for path in paths), _worker_options,
                                   _worker_known.__contains__))


def mp_context() -> multiprocessing.context.BaseContext:
    """forkserver where the platform has it, else spawn: never fork a process with threads.

    The fork server loads the extractors' models before it forks the first
    worker (:mod:`kg.worker_models`), so workers share one copy instead of
    each loading its own. It is started once per process: a pool created
    after a fork server without that preload still works, its workers load
    the models in their initializer.

    Each worker runs the parent's main script again before its first task
    (multiprocessing does, as __mp_main__): the fork server's preload of
    ``__main__`` never happens on Python 3.11 (it is never given the script's
    path: CPython issues 98552, 126631). For kg's own commands that script
    imports kg.cli, the whole command line (0.15 s a worker): so when this
    process runs kg.cli, the fork server imports it once and the script finds
    it loaded in each worker.
    """
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", *(["kg.cli"] if "kg.cli" in sys.modules else []),
                                    "kg.worker_models"])
    return context


def start_fork_server(paths: Iterable[str | os.PathLike[str]], workers: int,
                      pool_min_files: int = POOL_MIN_FILES) -> bool:
    """Start the worker pool's fork server now, not when :func:`extract_paths` makes
    the pool, if ``paths`` hold enough files for one (every file is to be read: a
    first load); whether it was started.

    The fork server loads the extractors' models before it forks a worker
    (:mod:`kg.worker_models`, seconds of one core); started first, it does so
    while this process opens the store and reads what it holds, instead of after.
    """
    context = mp_context()
    if (workers <= 1 or context.get_start_method() != "forkserver"
            or len(list(itertools.islice(iter_paths(paths), pool_min_files))) < pool_min_files):
        return False
    from multiprocessing import forkserver

    forkserver.ensure_running()
    return True


def extract_paths(paths: Iterable[str | os.PathLike[str]], options: ExtractOptions | None = None,
                  *, workers: int = 1, known: Iterable[str] = (),
                  files: Mapping[str, tuple[int, int, str]] | None = None,
                  since: Mapping[str, tuple[int, int, str]] | None = None,
                  pool_min_files: int = POOL_MIN_FILES, batch_size: int = DEFAULT_BATCH,
                  help_while_loading: bool = True, freeze_models: bool = False) -> Iterator[Outcome]:
    """Extract every file, in the order given, in ``workers`` processes.

    With one worker everything runs in this process. With more, a process
    pool (each worker loads Kiwi once, in its initializer) takes files from
    a bounded window, and outcomes come back in input order, so the store
    they are written to is the same whatever the number of workers. The
    window holds a batch (``batch_size``) and a few files per worker more,
    so the workers go on extracting while the writer writes a batch.

    ``files`` (:meth:`kg.graph.store.Store.files`) are the files a store
    recorded: one whose size and modification time are unchanged is
    :class:`Known` without being read; so is one unchanged since a
    ``--since-manifest`` listed it (``since``, :meth:`FileManifest.unchanged_in`).
    ``known`` are the ids of the documents a store has: a file read and found
    to be one of them is not extracted.

    While the fork server loads the models (seconds in which this process
    would only wait and one core would idle), this process extracts the
    English files among the first ones itself (``help_while_loading``,
    :func:`_extract_while_loading`); English needs no Kiwi.

    ``freeze_models``: once this process has loaded the models, take what it
    holds out of the garbage collector's sight (:func:`freeze_loaded`); for
    kg's own commands, not for a library caller's process.
    """
    options = options or ExtractOptions()
    known_ids = frozenset(known)
    tasks = ((path, unchanged(path, files, since)) for path in paths)
    head: list[tuple[str | os.PathLike[str], Known | None]] = []
    to_read = 0
    for task in tasks:
        head.append(task)
        to_read += task[1] is None
        if to_read >= pool_min_files:
            break
    tasks = iter(itertools.chain(head, tasks))
    if workers <= 1 or to_read < pool_min_files:
        yield from extract_read_ahead(tasks, options, known_ids.__contains__,
                                      freeze_models=freeze_models)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp_context(),
                             initializer=_init_worker, initargs=(options, known_ids)) as pool:
        limit = batch_size + workers * WINDOW_PER_WORKER
        window = _Window()
        try:
            if help_while_loading:
                # The files looked at while the workers started, submitted now, in order.
                taken = _extract_while_loading(pool, tasks, limit, options, known_ids, freeze_models)
                for future, part in _handed_on(pool, taken):
                    window.add(future, part, files=1)
            group: list[str] = []

            def submit_group() -> None:
                if group:
                    window.add(pool.submit(_extract_group_in_worker, list(group)), files=len(group))
                    group.clear()

            for path, skipped in tasks:
                if skipped is None:
                    group.append(os.fspath(path))
                    if len(group) < WORKER_READ_AHEAD:
                        continue
                    submit_group()
                else:
                    submit_group()  # a known file's outcome keeps its place in the order
                    window.add(_done([skipped]), files=1)
                while window.files >= limit:
                    yield from window.take()
            submit_group()
            while window:
                yield from window.take()
        finally:
            # A caller that stops early (--on-error stop) does not wait for the window.
            pool.shutdown(cancel_futures=True)


def _handed_on(pool: Any, taken: list[Future[Outcome] | str]
               ) -> list[tuple[Future[list[Outcome]], int | None]]:
    """The tasks :func:`_extract_while_loading` took, as the window's entries, in order:
    (future of a list of outcomes, the index of this task's outcome in it, or None).

    A file extracted here is done. The others (paths) go to the workers in groups
    read ahead like the rest, not one task each (each would start Kiwi cold): a
    group's files need not be next to each other, each entry takes its own outcome.
    """
    left = [task for task in taken if isinstance(task, str)]
    groups = [pool.submit(_extract_group_in_worker, left[i:i + WORKER_READ_AHEAD])
              for i in range(0, len(left), WORKER_READ_AHEAD)]
    parts = ((future, index) for future in groups for index in range(WORKER_READ_AHEAD))
    return [next(parts) if isinstance(task, str) else (_done([task.result()]), None)
            for task in taken]


class _Window:
    """The outcomes on their way, in input order: futures of a group's outcomes, each
    taken whole or (see :func:`_handed_on`) one file's of it."""

    def __init__(self) -> None:
        self._entries: deque[tuple[Future[list[Outcome]], int, int | None]] = deque()
        self.files = 0  # files in the window, by which it is bounded

    def __bool__(self) -> bool:
        return bool(self._entries)

    def add(self, future: Future[list[Outcome]], part: int | None = None, *, files: int) -> None:
        self._entries.append((future, files, part))
        self.files += files

    def take(self) -> list[Outcome]:
        """The first entry's outcomes (waiting for them)."""
        future, files, part = self._entries.popleft()
        self.files -= files
        outcomes = future.result()
        return outcomes if part is None else [outcomes[part]]


def _done(value: _T) -> Future[_T]:
    future: Future[_T] = Future()
    future.set_result(value)
    return future


def _worker_ready() -> None:
    """A task that tells the pool's first worker is up (its models loaded)."""


def _extract_while_loading(pool: ProcessPoolExecutor,
                           tasks: Iterator[tuple[str | os.PathLike[str], Known | None]],
                           limit: int, options: ExtractOptions, known: frozenset[str],
                           freeze_models: bool = False) -> list[Future[Outcome] | str]:
    """Take tasks, in order, until the pool's first worker is up: an English file is
    extracted here (English needs no Kiwi), any other is left to the workers (a path).

    Starting the first worker waits for the fork server to load the models (seconds
    of one core's work); that wait happens in a thread, so this process, which
    would only wait, uses the other core meanwhile. A file whose language is not
    plainly English (Korean, HTML, unreadable) goes to the workers, which report
    its problems. At most ``limit`` tasks are taken (the window's bound).
    """
    from kg.loaders.read import MARKDOWN_SUFFIXES, plain_text_language

    started = threading.Event()

    def start() -> None:
        try:
            pool.submit(_worker_ready).add_done_callback(lambda _: started.set())
        except Exception:  # noqa: BLE001 -- a broken pool is reported when the tasks are submitted
            started.set()

    starter = threading.Thread(target=start, name="kg-pool-start", daemon=True)
    starter.start()
    taken: list[Future[Outcome] | str] = []
    try:
        while not started.is_set() and len(taken) < limit:
            task = next(tasks, None)
            if task is None:
                break
            path, skipped = task
            if skipped is not None:
                taken.append(_done(skipped))
                continue
            # Read once: the bytes that tell the language are the ones extracted.
            read = None
            if options.lang == "auto" and Path(path).suffix.lower() not in MARKDOWN_SUFFIXES:
                try:
                    read = read_bytes(path, options)
                except KgError:
                    pass  # the worker reports it
            # --lang names every file's language: none is read here to tell it
            if options.lang != "auto":
                language = options.lang
            else:
                language = plain_text_language(path, data=read.data) if read is not None else None
            if language == "en":
                # the first loads the English rules and the name recognizer
                first = freeze_models and not _frozen
                with collector_paused() if first else nullcontext():
                    taken.append(_done(try_extract_file(path, options, known=known.__contains__,
                                                        read=read)))
                if first:
                    # They last as long as the run, as do the store, registry and resolver.
                    freeze_loaded()
            else:
                taken.append(os.fspath(path))
    finally:
        starter.join()  # submitting is the pool's to do from one thread at a time
    return taken


def unchanged(path: str | os.PathLike[str], files: Mapping[str, tuple[int, int, str]] | None,
              since: Mapping[str, tuple[int, int, str]] | None = None) -> Known | None:
    """A :class:`Known` for a file listed with its current size and modification
    time, without reading it: in ``files`` (the store's File table) or in
    ``since`` (a manifest, its documents known to be wanted no more).

    Both map an absolute path to (size, modification time in ns, document id).
    """
    if not files and not since:
        return None
    stamp = FileStamp.of(path)
    if stamp is None:
        return None
    for records, recorded in ((files, True), (since, False)):
        record = records.get(stamp.path) if records else None
        if record is not None and (record[0], record[1]) == (stamp.size, stamp.mtime_ns):
            return Known(Document(id=record[2], path=os.fspath(path), text="", lang=""), stamp,
                         recorded=recorded)
    return None


# -- writing -----------------------------------------------------------------

@dataclass
class Summary:
    """What a run did, for the closing line and the exit status."""

    written: int = 0
    known: int = 0
    failed: int = 0
    added: int = 0
    merged: int = 0
    failures: list[Failure] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.written} documents ingested ({self.added} facts added, {self.merged} merged), "
                f"{self.known} already in the store, {self.failed} failed")


def _batches(outcomes: Iterable[Outcome], size: int,
             prepare: Callable[[list[Extracted], bool], None] | None = None
             ) -> Iterator[list[Outcome]]:
    """``outcomes`` in batches of ``size``; ``prepare(documents, first)`` hears of each
    batch's documents in runs of :data:`PREPARE_EVERY` as they come, the last ones
    before the batch is given out (see :meth:`Store.prepare_counts`)."""
    batch: list[Outcome] = []
    pending: list[Extracted] = []
    first = True
    for outcome in outcomes:
        batch.append(outcome)
        if isinstance(outcome, Extracted):
            pending.append(outcome)
        # A failure or a known document closes the batch so that reports keep input order.
        closing = len(batch) >= size or not isinstance(outcome, Extracted)
        if prepare is not None and pending and (closing or len(pending) >= PREPARE_EVERY):
            prepare(pending, first)
            pending, first = [], False
        if closing:
            yield batch
            batch, first = [], True
    if batch:
        if prepare is not None and pending:
            prepare(pending, first)
        yield batch


def through_resolver(extracted: Extracted, resolver: Any) -> Extracted:
    """The claims and mentions resolved again by a store's resolver (kg.ingest.store_resolver).

    Workers resolve against the registry alone; the writer knows the store's
    entities, recorded merges and the names met earlier in the run.
    """
    from kg.graph.model import Claim, EntityRef
    from kg.ingest import resolve

    def ref(entity: Entity) -> EntityRef:
        return EntityRef(entity.name, entity.type, entity.id, entity.description)

    claims = resolve([Claim(c.relation, ref(c.subject), ref(c.object), dict(c.qualifiers), c.evidence,
                            c.confidence, c.extractor) for c in extracted.claims], resolver)
    named = [resolver.resolve(ref(e)) for e in extracted.mentions]
    renames, resolver.renames = resolver.renames, []
    return Extracted(extracted.document, claims, named, renames, extracted.stamp)


def write_batch(store: Store, batch: list[Extracted]) -> list[WriteResult | Failure]:
    """Write documents in one transaction; on failure, again one transaction each."""
    from kg.ingest import undated_claims

    items = [(e.document, e.claims, e.mentions, e.renames) for e in batch]
    undated = {e.document.id: undated_claims(e.document, e.claims) for e in batch}
    results = _write_items(store, items, [e.stamp for e in batch])
    return [replace(r, undated=undated.get(r.document.id, 0)) if isinstance(r, WriteResult) else r
            for r in results]


def _write_items(store: Store, items: list[Any], stamps: list[FileStamp | None]
                 ) -> list[WriteResult | Failure]:
    try:
        return list(store.write_many(items, [(stamp, item[0].id) for item, stamp
                                             in zip(items, stamps, strict=True) if stamp]))
    except (KgError, RuntimeError):
        if store.io_failed:
            raise  # a full disk is no document's fault: the run stops with its one-line error
        # rolled back: find the document at fault by writing them one by one
    results: list[WriteResult | Failure] = []
    for (document, claims, named, renames), stamp in zip(items, stamps, strict=True):
        try:
            results.append(store.write(document, claims, named, renames=renames, file=stamp))
        except (KgError, RuntimeError) as exc:  # RuntimeError: the engine's own, e.g. on ROLLBACK
            if store.io_failed:
                raise
            results.append(Failure(document.path, f"writing failed, document not stored: {exc}"))
    return results


def batch_for(store: Store, batch_size: int) -> int:
    """Documents per transaction: at least :data:`BULK_BATCH` when the store writes with COPY."""
    return max(batch_size, BULK_BATCH) if store.bulk else batch_size


def write_stream(store: Store, outcomes: Iterable[Outcome], *, batch_size: int = DEFAULT_BATCH,
                 on_result: Callable[[WriteResult], None] | None = None,
                 on_failure: Callable[[Failure], None] | None = None,
                 on_stored: Callable[[FileStamp, str], None] | None = None,
                 stop_on_error: bool = False, resolver: Any = None) -> Summary:
    """Write extracted documents in batches; report each result and failure in input order.

    With ``stop_on_error`` the first failure raises :class:`InputError`
    (documents before it are written); otherwise it is reported and counted.
    ``resolver`` (kg.ingest.store_resolver) resolves entities against the store.
    A store that writes with COPY (a first load) takes larger batches
    (:func:`batch_for`). ``on_stored(stamp, document id)`` hears of every file
    whose document the store has once its batch is committed (for
    :class:`kg.ingest_manifest.FileManifest`).
    """
    summary = Summary()
    batch_size = batch_for(store, batch_size)

    def failed(failure: Failure) -> None:
        if stop_on_error:
            raise InputError(failure.path, failure.problem)
        summary.failed += 1
        summary.failures.append(failure)
        if on_failure:
            on_failure(failure)

    if resolver is not None:
        # Each document as it comes (in input order, as before): with workers, this is
        # done while they extract the next ones rather than after the batch's last.
        outcomes = (through_resolver(o, resolver) if isinstance(o, Extracted) else o
                    for o in outcomes)
    def prepare(documents: list[Extracted], first: bool) -> None:
        store.prepare_counts([(e.document, e.claims, e.renames) for e in documents], first)

    # A batch's counts are worked out as its documents come in (while the workers extract
    # the next ones), not all after its last document.
    for batch in _batches(outcomes, batch_size, prepare if batch_size > PREPARE_EVERY else None):
        extracted = [o for o in batch if isinstance(o, Extracted)]
        results = iter(write_batch(store, extracted) if extracted else [])
        if extracted:
            release_memory()  # what the engine freed after the commit: RSS stays flat
        for outcome in batch:
            if isinstance(outcome, Failure):
                failed(outcome)
                continue
            if isinstance(outcome, Known):
                if outcome.stamp is not None and not outcome.recorded:  # unread next time
                    store.record_files([(outcome.stamp, outcome.document.id)])
                if outcome.stamp is not None and on_stored:
                    on_stored(outcome.stamp, outcome.document.id)
                summary.known += 1
                if on_result:
                    on_result(WriteResult(outcome.document, skipped=True))
                continue
            result = next(results)
            if isinstance(result, Failure):
                failed(result)
                continue
            if outcome.stamp is not None and on_stored:
                on_stored(outcome.stamp, outcome.document.id)
            if result.skipped:
                summary.known += 1
            else:
                summary.written += 1
                summary.added += result.added
                summary.merged += result.merged
            if on_result:
                on_result(result)
    return summary


def all_or_nothing(outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
    """Every outcome, but only once all are in: the first :class:`Failure` raises
    :class:`InputError` before any is given out (``--on-error stop``).

    Each file is read and extracted once: the outcomes wait in an unnamed
    temporary file (JSON Lines, as ``kg extract`` writes), not in memory, so
    checking a whole archive before writing any of it keeps memory flat.
    """
    import tempfile

    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for outcome in outcomes:
            if isinstance(outcome, Failure):
                raise InputError(outcome.path, outcome.problem)
            spool.write(json.dumps(outcome_record(outcome), ensure_ascii=False) + "\n")
        spool.seek(0)
        for line in spool:
            yield outcome_from_record(json.loads(line))


# -- JSON Lines: the format between ``kg extract`` and ``kg load`` -------------

def _entity_json(entity: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"id": entity.id, "type": entity.type, "name": entity.name}
    if entity.aliases:
        out["aliases"] = list(entity.aliases)
    for key in ("wikidata", "parent", "description"):
        if getattr(entity, key):
            out[key] = getattr(entity, key)
    return out


def to_record(extracted: Extracted) -> dict[str, Any]:
    """One document and its resolved claims as a JSON object (one line of ``kg extract``)."""
    doc = extracted.document
    return {
        "document": {"id": doc.id, "path": doc.path, "lang": doc.lang, "published": doc.published,
                     "published_source": doc.published_source, "title": doc.title,
                     "url": doc.url},
        "claims": [
            {"relation": c.relation, "subject": _entity_json(c.subject),
             "object": _entity_json(c.object), "qualifiers": c.qualifiers,
             "evidence": c.evidence, "confidence": c.confidence, "extractor": c.extractor}
            for c in extracted.claims
        ],
        "mentions": [_entity_json(e) for e in extracted.mentions],
    }


def to_json_line(extracted: Extracted) -> str:
    return json.dumps(to_record(extracted), ensure_ascii=False, sort_keys=True)


def outcome_record(outcome: Outcome) -> dict[str, Any]:
    """Any outcome as a JSON object, with the file's stamp (what crosses a process
    or machine boundary, see kg.distributed; :func:`outcome_from_record` reverses it)."""
    if isinstance(outcome, Failure):
        return {"failure": {"path": outcome.path, "problem": outcome.problem}}
    if isinstance(outcome, Known):
        record = {"known": to_record(Extracted(outcome.document)), "recorded": outcome.recorded}
    else:
        record = to_record(outcome)
    if outcome.stamp is not None:
        record["stamp"] = [outcome.stamp.path, outcome.stamp.size, outcome.stamp.mtime_ns]
    return record


def outcome_from_record(record: dict[str, Any]) -> Outcome:
    """The inverse of :func:`outcome_record`."""
    if "failure" in record:
        return Failure(record["failure"]["path"], record["failure"]["problem"])
    stamp = FileStamp(*record["stamp"]) if record.get("stamp") else None
    if "known" in record:
        return Known(from_record(record["known"]).document, stamp, bool(record.get("recorded")))
    return replace(from_record(record), stamp=stamp)


def _entity(data: dict[str, Any]) -> Entity:
    return Entity(id=data["id"], type=data["type"], name=data["name"],
                  aliases=tuple(data.get("aliases", ())), wikidata=data.get("wikidata"),
                  parent=data.get("parent"), description=data.get("description"))


def from_record(record: dict[str, Any]) -> Extracted:
    """The inverse of :func:`to_record`; raises ValidationError on a malformed record."""
    from kg.graph.model import RELATIONS, Claim, EntityRef

    try:
        meta = record["document"]
        document = Document(id=meta["id"], path=meta["path"], text="", lang=meta["lang"],
                            published=meta.get("published"),
                            published_source=meta.get("published_source") or "none",
                            title=meta.get("title"), url=meta.get("url"))
        claims = []
        for c in record["claims"]:
            subject, obj = _entity(c["subject"]), _entity(c["object"])
            # The model checks the claim: relation, entity types and qualifier kinds.
            Claim(c["relation"], EntityRef(subject.name, subject.type, subject.id),
                  EntityRef(obj.name, obj.type, obj.id), dict(c.get("qualifiers") or {})).validate()
            claims.append(ResolvedClaim(RELATIONS[c["relation"]].name, subject, obj,
                                        dict(c.get("qualifiers") or {}), c.get("evidence", ""),
                                        float(c.get("confidence", 0.8)),
                                        c.get("extractor", "kg.rules")))
        named = [_entity(e) for e in record.get("mentions", [])]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValidationError(f"not a kg extract record (missing or wrong {exc})") from None
    return Extracted(document, claims, named)


def read_records(lines: Iterable[str], name: str) -> Iterator[Extracted | Failure]:
    """Parse ``kg extract`` output line by line; a bad line is a Failure naming ``name:LINE``."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield from_record(json.loads(line))
        except ValueError as exc:  # json.JSONDecodeError and ValidationError's message
            yield Failure(f"{name}:{number}", f"not valid JSON ({exc})")
        except ValidationError as exc:
            yield Failure(f"{name}:{number}", str(exc))
