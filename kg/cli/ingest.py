"""``kg ingest`` and ``kg info``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kg.cli.neo4j import document_pusher, neo4j_options
from kg.cli.options import store_option
from kg.errors import KgError
from kg.graph.store import WriteResult, default_store_path, open_store


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


def _run_summary(results: list[WriteResult]) -> str:
    written = [r for r in results if not r.skipped]
    facts = sum(r.added + r.merged for r in written)
    dated = {"flag": 0, "manifest": 0, "document": 0}
    for r in written:
        if r.document.published:
            dated[r.document.published_source] = dated.get(r.document.published_source, 0) + 1
    undated_docs = sum(1 for r in written if not r.document.published)
    undated = sum(r.undated for r in written)
    found = ", ".join(f"{n} {_WHERE.get(k, k)}" for k, n in dated.items() if n)
    return (f"{len(written)} documents ({len(results) - len(written)} already in the store), "
            f"{facts} facts; publication dates: {found or 'none'}"
            f"{f', {undated_docs} without' if undated_docs else ''}; "
            f"{undated} facts left undated (relative date, no publication date)")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--published", callback=_publication_date, metavar="DATE",
              help="Publication date of every file, that relative dates resolve against: "
                   "YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known (then "
                   "'yesterday' or 'Thursday' get no date). Default: the manifest's, else the date "
                   "found in the document (HTML meta tags, Markdown front matter, a byline); a "
                   "document with none is undated and its relative dates ('last month', '지난달') "
                   "stay unresolved.")
@click.option("--manifest", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="CSV (with a header row) or JSON lines naming files with their publication "
                   "date and URL: columns/keys path, published, url (and title). Paths are "
                   "relative to the manifest's folder.")
@click.option("--lang", type=click.Choice(["auto", "ko", "en"]), default="auto", show_default=True,
              help="Language of the documents.")
@click.option("--max-bytes", type=SizeType(), default=None,
              help="Refuse files larger than SIZE (e.g. 50MB). Default: KG_MAX_BYTES, else 20MB.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress or per-document summary (warnings are still shown).")
@store_option
@click.option("--neo4j", "to_neo4j", is_flag=True,
              help="Also write each document's facts into Neo4j (see `kg push`).")
@neo4j_options
def ingest(paths: tuple[Path, ...], published: str | None, manifest: Path | None, lang: str,
           max_bytes: int | None,
           quiet: bool,
           store_path: str | None, to_neo4j: bool, neo4j_uri: str | None,
           neo4j_user: str | None, neo4j_database: str | None) -> None:
    """Read articles (.txt, .md, .html) and add their facts to the store.

    Every file is checked before anything is written; each document is then
    written in one transaction, and a document already in the store (same
    text) changes nothing. Only regular files are read (no directories,
    pipes or devices), each up to --max-bytes; the charset is detected
    (UTF-8, UTF-16/32 with a byte order mark, EUC-KR/CP949, Latin-1).
    A warning says when cleaning discarded more than half of a text.

    \b
    Examples:
      kg ingest article.txt
      kg ingest --published 2025-08-31 news/*.html
      kg ingest --manifest dates.csv news/*.txt   # path,published,url per file
      kg ingest --manifest dates.csv              # every file the manifest lists
      kg ingest --neo4j article.txt      # and into Neo4j (NEO4J_* variables)
    """
    from kg.ingest import ingest_documents, read_all
    from kg.loaders.published import read_manifest

    if not paths and not manifest:
        raise click.UsageError("give the files to read (PATHS), or a --manifest that lists them")
    entries = read_manifest(manifest) if manifest else None
    if not paths and entries is not None:
        paths = tuple(Path(key) for key in entries)  # every file the manifest lists
    documents = read_all(paths, published=published, lang=lang, manifest=entries,
                         max_bytes=max_bytes)
    with document_pusher(to_neo4j, neo4j_uri, neo4j_user, neo4j_database) as push_document, \
            open_store(store_path) as store:
        show_bar = len(documents) > 1 and not quiet and sys.stderr.isatty()
        with click.progressbar(length=len(documents), label="Ingesting", file=sys.stderr,
                               hidden=not show_bar) as bar:
            def report(result: WriteResult) -> None:
                bar.update(1)
                if push_document:
                    push_document(store, result.document.id)
                if not quiet:
                    click.echo(_summary(result), err=True)
                for warning in result.document.warnings:
                    click.echo(f"Warning: {result.document.path}: {warning}", err=True)

            results = ingest_documents(store, documents, on_result=report)
    if not quiet:
        click.echo(_run_summary(results), err=True)


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
