"""``kg load``: write ``kg extract`` output (JSON Lines) into the store."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from kg.cli.ingest import finish, write_outcomes
from kg.cli.neo4j import document_pusher, neo4j_options
from kg.cli.options import store_option
from kg.graph.store import open_store
from kg.pipeline import DEFAULT_BATCH, Extracted, Failure, all_or_nothing, read_records


@click.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--batch", "batch_size", type=click.IntRange(min=1), default=DEFAULT_BATCH,
              show_default=True, help="Documents written per store transaction.")
@click.option("--on-error", type=click.Choice(["skip", "stop"]), default="skip", show_default=True,
              help="skip: report a bad line, go on, exit 1 at the end. "
                   "stop: check every line first (also from -) and write nothing if one is bad.")
@click.option("--quiet", "-q", is_flag=True, help="No per-document summary.")
@click.option("--copy/--no-copy", "bulk", default=None,
              help="Create nodes and edges with the store's bulk COPY FROM, 1000 or more documents "
                   "per transaction. Default: for a first load, into a store without documents.")
@store_option
@click.option("--neo4j", "to_neo4j", is_flag=True,
              help="Also write each document's facts into Neo4j as it is loaded.")
@neo4j_options
def load(files: tuple[Path, ...], batch_size: int, on_error: str, quiet: bool,
         bulk: bool | None, store_path: str | None, to_neo4j: bool, neo4j_uri: str | None,
         neo4j_user: str | None, neo4j_database: str | None) -> None:
    """Write the claims `kg extract` printed (JSON Lines; - for stdin) into the store.

    Documents are written --batch at a time, each all-or-nothing; a document
    the store already has changes nothing, so loading a file twice is safe.
    With --neo4j the facts also go to Neo4j: they are merged in the store
    (where a repeated fact gains a source) and each document's merged facts
    are pushed as it is loaded. A neo4j:// URI routes the writes to the
    cluster's leader for the database.

    \b
    Examples:
      kg extract archive/ | kg load -
      kg load claims-*.jsonl --store ./graph
      kg load claims.jsonl --neo4j --neo4j-uri neo4j://core1:7687
    """
    from kg.ingest import store_resolver

    records: Iterator[Any] = _records(files)
    if on_error == "stop":
        # Every line is parsed (once, into a temporary file) before the store is opened.
        records = all_or_nothing(records)
        first = next(records, None)
        records = itertools.chain([first] if first is not None else [], records)
    with document_pusher(to_neo4j, neo4j_uri, neo4j_user, neo4j_database) as push_document, \
            open_store(store_path, bulk=bulk) as store:
        summary = write_outcomes(store, records, batch_size=batch_size,
                                 quiet=quiet, stop=on_error == "stop", push_document=push_document,
                                 resolver=store_resolver(store))
    finish(summary, quiet)


def _records(files: tuple[Path, ...]) -> Iterator[Extracted | Failure]:
    for file in files:
        if str(file) == "-":
            # open_file("-") wraps stdin so that closing the reader leaves stdin open.
            with click.open_file("-", encoding="utf-8") as lines:
                yield from read_records(lines, "<stdin>")
            continue
        try:
            with file.open(encoding="utf-8") as lines:
                yield from read_records(lines, str(file))
        except OSError as exc:
            yield Failure(str(file), f"cannot be read ({exc.strerror or exc})")
        except UnicodeDecodeError:
            yield Failure(str(file), "is not UTF-8 text")


COMMANDS = [load]
