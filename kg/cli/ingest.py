"""``kg ingest`` and ``kg info``."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from kg.cli.neo4j import document_pusher, neo4j_options
from kg.cli.options import store_option
from kg.errors import KgError
from kg.graph.store import FileStamp, Store, WriteResult, default_store_path, open_store
from kg.pipeline import DEFAULT_BATCH, ExtractOptions, Summary


def _publication_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The --published value checked: a wrong date stops the run (exit 1) before anything
    is read, a date after today is only worth a warning (back-dated copy exists)."""
    from kg.loaders.read import is_future, publication_date

    if value is None:
        return None
    try:
        iso = publication_date(value)
    except ValueError as exc:
        raise KgError(f"--published {exc}") from None
    if is_future(iso):
        click.echo(f"Warning: --published {iso} is after today; relative dates in the articles "
                   "will resolve against it.", err=True)
    return iso


class SizeType(click.ParamType):
    """A size in bytes: 20000000, 20MB, 500kB, 64MiB."""

    name = "SIZE"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        from kg.loaders.rawtext import parse_size

        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


_WHERE = {"flag": "from --published", "manifest": "from the manifest",
          "document": "found in the document"}


def _summary(result: WriteResult) -> str:
    doc = result.document
    if result.skipped:
        return f"{doc.path}: already in the store, nothing changed"
    if doc.published:
        when = f"published {doc.published} ({_WHERE.get(doc.published_source, doc.published_source)})"
    else:
        when = "no publication date found: relative dates left unresolved"
    undated = f", {result.undated} left undated" if result.undated else ""
    encoding = f", read as {doc.encoding}" if doc.encoding != "utf-8" else ""
    return (f"{doc.path}: {result.added + result.merged} facts "
            f"({result.added} added, {result.merged} merged{undated}), lang {doc.lang}, {when}"
            f"{encoding}")


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def reading_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """What ``kg ingest`` and ``kg extract`` share: how files are read and extracted."""
    for option in reversed([
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
        click.option("--published", callback=_publication_date, metavar="DATE",
                     help="Publication date of every file, that relative dates resolve against: "
                          "YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known "
                          "(then 'yesterday' or 'Thursday' get no date). Default: the manifest's, "
                          "else the date found in the document (HTML meta tags, Markdown front "
                          "matter, a byline); a document with none is undated and its relative "
                          "dates ('last month', '지난달') stay unresolved."),
        click.option("--manifest", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
                     help="CSV (with a header row) or JSON lines naming files with their "
                          "publication date and URL: columns/keys path, published, url (and "
                          "title). Paths are relative to the manifest's folder."),
        click.option("--since-manifest", "since_manifest", metavar="FILE",
                     type=click.Path(dir_okay=False, path_type=Path),
                     help="CSV of the files a run read (path, size, mtime_ns, sha256), created "
                          "if missing and updated at the end: a file listed with its current "
                          "size and modification time is skipped without being read. Not the "
                          "--manifest of publication dates."),
        click.option("--lang", type=click.Choice(["auto", "ko", "en"]), default="auto",
                     show_default=True, help="Language of the documents."),
        click.option("--max-bytes", type=SizeType(), default=None,
                     help="Refuse files larger than SIZE (e.g. 50MB). Default: KG_MAX_BYTES, "
                          "else 20MB."),
        click.option("--workers", "-j", type=click.IntRange(min=1), default=_cores,
                     show_default="number of cores",
                     help="Extract in this many processes (one writer)."),
        click.option("--on-error", type=click.Choice(["skip", "stop"]), default="skip",
                     show_default=True,
                     help="skip: report a bad file, go on, exit 1 at the end. "
                          "stop: extract every file first (each is read once) and write "
                          "nothing if one is bad."),
        click.option("--quiet", "-q", is_flag=True, help="No progress or per-document summary."),
    ]):
        fn = option(fn)
    return fn


@click.command()
@reading_options
@store_option
@click.option("--batch", "batch_size", type=click.IntRange(min=1), default=DEFAULT_BATCH,
              show_default=True, help="Documents written per store transaction.")
@click.option("--copy/--no-copy", "bulk", default=None,
              help="Create nodes and edges with the store's bulk COPY FROM, 1000 or more documents "
                   "per transaction. Default: for a first load, into a store without documents.")
@click.option("--reread", is_flag=True,
              help="Read every file, also those unchanged (same size and modification time) "
                   "since the store or the --since-manifest recorded them.")
@click.option("--dask", "scheduler", metavar="ADDRESS",
              help="Extract on a Dask cluster (tcp://host:8786, or 'local' for a LocalCluster).")
@click.option("--neo4j", "to_neo4j", is_flag=True,
              help="Also write each document's facts into Neo4j (see `kg push`).")
@neo4j_options
def ingest(paths: tuple[Path, ...], published: str | None, manifest: Path | None,
           since_manifest: Path | None, lang: str,
           max_bytes: int | None, workers: int, on_error: str, quiet: bool,
           store_path: str | None, batch_size: int, bulk: bool | None, reread: bool,
           scheduler: str | None, to_neo4j: bool, neo4j_uri: str | None, neo4j_user: str | None,
           neo4j_database: str | None) -> None:
    """Read articles (.txt, .md, .html) and add their facts to the store.

    PATHS are files, directories (walked for .txt/.md/.html) or quoted globs
    ('news/**/*.html'). Documents stream through: read and extracted in
    --workers processes, written --batch documents per transaction, so
    memory stays flat however many files there are. Each document is
    all-or-nothing, and one the store already has (same text) is read once,
    to hash it, and not extracted again.

    Files that have not changed are not even read. The store records each
    file's size and modification time with its document (its File table),
    so a rerun into the same store skips every file unchanged since.
    --since-manifest FILE keeps the same record in a CSV file outside the
    store (path, size, mtime_ns, sha256; `kg extract` writes and reads it
    too): a file unchanged since FILE listed it is skipped when the store
    has its document. Either record is enough; --reread reads every file.

    A file that cannot be read is reported on one line (file: reason) and
    skipped; the run ends with a summary and exit status 1. With --on-error
    stop every file is extracted first (into a temporary file, so each is
    read once) and a bad one stops the run before anything is written.

    This is `kg extract` and `kg load` composed, in one process.

    \b
    Examples:
      kg ingest article.txt
      kg ingest --published 2025-08-31 news/*.html
      kg ingest --workers 4 archive/           # a directory, four extraction processes
      kg ingest --dask tcp://scheduler:8786 archive/
      kg ingest --manifest dates.csv news/*.txt   # path,published,url per file
      kg ingest --manifest dates.csv              # every file the manifest lists
      kg ingest --since-manifest seen.csv archive/   # skip what seen.csv lists unchanged
      kg ingest --neo4j article.txt      # and into Neo4j (NEO4J_* variables)
    """
    from kg.ingest import store_resolver
    from kg.ingest_manifest import FileManifest
    from kg.pipeline import BULK_BATCH, all_or_nothing, batch_for, start_fork_server

    paths, options = reading_setup(paths, published, manifest, lang, max_bytes)
    seen = FileManifest.read(since_manifest) if since_manifest else None
    if scheduler is None and not ((Path(store_path) if store_path else default_store_path())
                                  / "graph.lbug").exists():
        # A first load reads every file: the workers' models load while the store is made.
        start_fork_server(paths, workers)

    def extraction(known: set[str], files: dict[str, Any] | None, window: int) -> Iterator[Any]:
        # A manifest entry counts only if the store has its document (it may be another store's).
        since = seen.unchanged_in(known) if seen is not None and not reread else None
        return extract_outcomes(paths, options, scheduler=scheduler, workers=workers, known=known,
                                files=None if reread else files, since=since, window=window)

    outcomes: Iterator[Any] | None = None
    if on_error == "stop":
        # Everything is extracted (each file read once) before the store is opened for
        # writing, so a bad file leaves it as it was -- not even created.
        known, files = stored_state(store_path)
        outcomes = all_or_nothing(extraction(known, files, max(batch_size, BULK_BATCH)))
        first = next(outcomes, None)
        outcomes = itertools.chain([first] if first is not None else [], outcomes)
    with document_pusher(to_neo4j, neo4j_uri, neo4j_user, neo4j_database) as push_document, \
            open_store(store_path, bulk=bulk) as store:
        if outcomes is None:
            outcomes = extraction(store.document_ids(), store.files(), batch_for(store, batch_size))
        try:
            # One resolver for the run: the store's entities and merges, and names met so far.
            summary = write_outcomes(store, outcomes, batch_size=batch_size, quiet=quiet,
                                     stop=on_error == "stop", push_document=push_document,
                                     resolver=store_resolver(store),
                                     on_stored=seen.record if seen is not None else None)
        finally:
            if seen is not None:
                seen.save()  # what was committed, also when the run stops on an error
    finish(summary, quiet)


def stored_state(store_path: str | None) -> tuple[set[str], dict[str, Any]]:
    """The ids of the documents a store has and the files it recorded, read without
    writing (nothing, when there is no store yet)."""
    path = Path(store_path) if store_path else default_store_path()
    if not (path / "graph.lbug").exists():
        return set(), {}
    with open_store(path, read_only=True) as store:
        return store.document_ids(), store.files()


def extract_outcomes(paths: tuple[Path, ...], options: ExtractOptions, *, scheduler: str | None,
                     workers: int, known: set[str], files: dict[str, Any] | None,
                     since: dict[str, Any] | None, window: int) -> Iterator[Any]:
    """The outcomes of extracting ``paths``: on a Dask cluster, or in ``workers`` processes."""
    from kg.pipeline import extract_paths, iter_paths

    if scheduler:
        from kg.distributed import extract_on_cluster

        return extract_on_cluster(iter_paths(paths), scheduler, options, known=known, files=files,
                                  since=since)
    return extract_paths(iter_paths(paths), options, workers=workers, known=known, files=files,
                         since=since, batch_size=window, freeze_models=True)


def reading_setup(paths: tuple[Path, ...], published: str | None, manifest: Path | None,
                  lang: str, max_bytes: int | None = None) -> tuple[tuple[Path, ...], ExtractOptions]:
    """The files to read (PATHS, else every file the manifest lists) and how to read them."""
    from kg.loaders.published import read_manifest

    if not paths and not manifest:
        raise click.UsageError("give the files to read (PATHS), or a --manifest that lists them")
    entries = read_manifest(manifest) if manifest else None
    if not paths and entries is not None:
        paths = tuple(Path(key) for key in entries)  # every file the manifest lists
    return paths, ExtractOptions(published=published, lang=lang, manifest=entries,
                                 max_bytes=max_bytes)


def write_outcomes(store: Store, outcomes: Iterable[Any], *, batch_size: int, quiet: bool,
                   stop: bool, push_document: Callable[[Store, str], None] | None,
                   resolver: Any = None,
                   on_stored: Callable[[FileStamp, str], None] | None = None) -> Summary:
    """Write a stream of extraction outcomes, reporting each document and failure on stderr."""
    from kg.pipeline import Failure, write_stream

    def report(result: WriteResult) -> None:
        if push_document:
            push_document(store, result.document.id)
        if not quiet:
            click.echo(_summary(result), err=True)
        for warning in getattr(result.document, "warnings", ()):
            click.echo(f"Warning: {result.document.path}: {warning}", err=True)

    def report_failure(failure: Failure) -> None:
        # Failures are printed even with --quiet: they change the exit status.
        click.echo(f"Error: {failure}", err=True)

    return write_stream(store, outcomes, batch_size=batch_size, on_result=report,
                        on_failure=report_failure, on_stored=on_stored, stop_on_error=stop,
                        resolver=resolver)


def finish(summary: Summary, quiet: bool) -> None:
    """The closing summary; exit status 1 when any file failed."""
    if summary.failed:
        if summary.written + summary.known + summary.failed > 1:  # one file: its error says it all
            click.echo(summary.line(), err=True)
        raise SystemExit(1)
    if not quiet and summary.written + summary.known > 1:
        click.echo(summary.line(), err=True)


@click.command()
@store_option
def info(store_path: str | None) -> None:
    """Where the store is and how many nodes and edges of each type it holds."""
    path = Path(store_path) if store_path else default_store_path()
    click.echo(f"store: {path}")
    if not (path / "graph.lbug").exists():
        click.echo("empty: nothing ingested yet")
        return
    with open_store(path, read_only=True) as store:
        for name, count in store.counts().items():
            click.echo(f"{name}: {count}")


COMMANDS = [ingest, info]
