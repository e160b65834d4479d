"""``kg push`` and the Neo4j connection options shared with ``kg query`` and ``kg ingest``.

The password is never a flag value (argv shows in ``ps`` and shell history):
it comes from ``NEO4J_PASSWORD``, or a hidden prompt when stdin is a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from kg.cli.options import store_option

if TYPE_CHECKING:
    from kg.graph.neo4j import Settings
    from kg.graph.store import Store

F = Callable[..., Any]


def neo4j_options(fn: F) -> F:
    """``--uri``, ``--user`` and ``--database``, each falling back to cypher-shell's variable."""
    fn = click.option("--database", "neo4j_database", metavar="DB", envvar="NEO4J_DATABASE",
                      show_envvar=True, help="Neo4j database. Default: the user's home database.")(fn)
    fn = click.option("--user", "neo4j_user", metavar="USER", envvar="NEO4J_USERNAME",
                      show_envvar=True, help="Neo4j user. Default: neo4j.")(fn)
    fn = click.option("--uri", "neo4j_uri", metavar="URI", envvar="NEO4J_URI", show_envvar=True,
                      help="Neo4j URI (neo4j:// routes, so clusters and Aura work; bolt:// "
                           "talks to one server). Default: neo4j://localhost:7687.")(fn)
    return fn


def verbose_option(fn: F) -> F:
    return click.option("--verbose", "-v", "neo4j_verbose", is_flag=True,
                         help="Show the Neo4j server's notifications (unknown labels and "
                              "properties, deprecations), which are silenced otherwise.")(fn)


def show_notifications() -> None:
    """Print the driver's notification log (one record per notification) on stderr."""
    import logging

    logger = logging.getLogger("neo4j.notifications")
    if not any(getattr(h, "kg_notifications", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("Neo4j notification: %(message)s"))
        handler.kg_notifications = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def settings_from(uri: str | None, user: str | None, database: str | None,
                  verbose: bool = False) -> Settings:
    """Connection settings from the options, the environment, or a hidden prompt.

    Server notifications reach stderr only with ``verbose``.
    """
    from kg.graph.neo4j import Settings

    password = os.environ.get("NEO4J_PASSWORD")
    if password is None and sys.stdin.isatty():
        password = click.prompt("Neo4j password", hide_input=True, err=True)
    if verbose:
        show_notifications()
    return Settings.from_env(uri=uri, user=user, password=password, database=database,
                             notifications=verbose)


@click.command()
@neo4j_options
@click.option("--batch-size", type=click.IntRange(min=1), default=2000, show_default=True,
              help="Rows per write transaction.")
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary.")
@verbose_option
@store_option
def push(neo4j_uri: str | None, neo4j_user: str | None, neo4j_database: str | None,
         batch_size: int, quiet: bool, neo4j_verbose: bool, store_path: str | None) -> None:
    """Copy the store's graph into Neo4j (idempotent: push again any time).

    Creates uniqueness constraints on the node ids first, then MERGEs nodes,
    MENTIONS and fact edges in batches. Pushing twice changes nothing (and
    says "nothing changed"); after another `kg ingest` only the new facts and
    sources are added. An interrupted push is completed by running it again.

    \b
    Examples:
      export NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=...
      kg push
      kg push --uri neo4j+s://xxxx.databases.neo4j.io --database neo4j
    """
    from kg.graph import neo4j as sync
    from kg.graph.store import open_store

    settings = settings_from(neo4j_uri, neo4j_user, neo4j_database, neo4j_verbose)
    with open_store(store_path, read_only=True) as store:
        total = sync.total_rows(store)
        show_bar = not quiet and sys.stderr.isatty()
        with click.progressbar(length=total, label="Pushing", file=sys.stderr,
                               hidden=not show_bar) as bar:
            result = sync.push(store, settings, batch_size=batch_size,
                               progress=lambda kind, rows: bar.update(rows))
    if quiet:
        return
    if not result.changed:
        click.echo(
            f"nothing changed: {settings.uri} (database {settings.database or 'default'}) "
            f"already has the store's {result.nodes} nodes and {result.relationships} "
            "relationships", err=True)
    else:
        click.echo(
            f"pushed {result.nodes} nodes and {result.relationships} relationships to "
            f"{settings.uri} (database {settings.database or 'default'}) in {result.batches} "
            f"batches: {result.nodes_created} nodes and {result.relationships_created} "
            f"relationships created, {result.properties_set} properties set",
            err=True,
        )


COMMANDS = [push]


@contextmanager
def document_pusher(enabled: bool, uri: str | None, user: str | None,
                    database: str | None) -> Iterator[Callable[[Store, str], None] | None]:
    """For ``kg ingest --neo4j``: a function that pushes what one document touched.

    It connects (and checks the credentials and database) before the caller
    writes anything, so an unreachable server leaves both stores unchanged.
    A document the store already had is pushed again too, which is how
    re-running an interrupted ``kg ingest --neo4j`` catches Neo4j up.
    """
    if not enabled:
        yield None
        return
    from kg.errors import SyncError
    from kg.graph import neo4j as sync

    settings = settings_from(uri, user, database)
    with sync.connect(settings) as driver:
        def push_document(store: Store, doc_id: str) -> None:
            try:
                sync.push(store, driver, database=settings.database, doc_ids={doc_id})
            except SyncError as exc:
                path = store.documents().get(doc_id)
                raise SyncError(f"{exc} ({path.path if path else doc_id} and the documents "
                                "after it are only in the local store; `kg push` or re-running "
                                "this ingest completes Neo4j)") from None

        yield push_document
