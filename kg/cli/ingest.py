"""``kg ingest`` and ``kg info``."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from kg.cli.neo4j import document_pusher, neo4j_options
from kg.cli.options import store_option
from kg.graph.store import WriteResult, default_store_path, open_store


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-06-13") from None


def _summary(result: WriteResult) -> str:
    doc = result.document
    if result.skipped:
        return f"{doc.path}: already in the store, nothing changed"
    where = {"flag": "from --published", "document": "found in the document",
             "today": "not found, assumed today"}.get(doc.published_source, doc.published_source)
    return (f"{doc.path}: {result.added + result.merged} facts "
            f"({result.added} added, {result.merged} merged), lang {doc.lang}, "
            f"published {doc.published} ({where})")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", callback=_iso_date, metavar="DATE",
              help="Publication date (YYYY-MM-DD) that relative dates resolve against. "
                   "Default: the date found in the document, else today.")
@click.option("--lang", type=click.Choice(["auto", "ko", "en"]), default="auto", show_default=True,
              help="Language of the documents.")
@click.option("--quiet", "-q", is_flag=True, help="No progress or per-document summary.")
@store_option
@click.option("--neo4j", "to_neo4j", is_flag=True,
              help="Also write each document's facts into Neo4j (see `kg push`).")
@neo4j_options
def ingest(paths: tuple[Path, ...], published: str | None, lang: str, quiet: bool,
           store_path: str | None, to_neo4j: bool, neo4j_uri: str | None,
           neo4j_user: str | None, neo4j_database: str | None) -> None:
    """Read articles (.txt, .md, .html) and add their facts to the store.

    Every file is checked before anything is written; each document is then
    written in one transaction, and a document already in the store (same
    text) changes nothing.

    \b
    Examples:
      kg ingest article.txt
      kg ingest --published 2025-08-31 news/*.html
      kg ingest --neo4j article.txt      # and into Neo4j (NEO4J_* variables)
    """
    from kg.ingest import ingest_documents, read_all

    documents = read_all(paths, published=published, lang=lang)
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

            ingest_documents(store, documents, on_result=report)


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
