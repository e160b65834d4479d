"""The ``kg`` command line: thin commands over the library.

Each command opens the store, calls one library function and prints the
result; a KgError becomes a one-line ``Error: ...`` on stderr and exit 1,
usage errors exit 2 (click's convention), anything else is a bug.
"""

from __future__ import annotations

from typing import Any

import click

from kg.errors import KgError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class KgGroup(click.Group):
    """A click group that turns KgError (and unreadable files) into clean messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=KgGroup, context_settings=CONTEXT_SETTINGS, no_args_is_help=True)
@click.version_option(package_name="kg")
def cli() -> None:
    """Turn AI-industry news (Korean or English) into a knowledge graph.

    \b
    Typical session:
      kg ingest article.txt                 # read facts into the local store
      kg facts --relation INVESTED_IN       # list them with their sources
      kg show "Scale AI"                    # one entity and its dated facts
      kg query --name investments           # a named Cypher query
      kg query "MATCH (a)-[r:HIRED]->(p) RETURN a.name, p.name"

    The store is an embedded LadybugDB directory (--store or KG_STORE).
    """


def _register() -> None:
    # Imported here so that `kg --help` does not load every dependency.
    from kg.cli import (
        analysis,
        check,
        entities,
        evaluate,
        export,
        extract,
        ingest,
        load,
        neo4j,
        query,
        rdf,
        view,
    )

    for module in (ingest, extract, load, query, evaluate, export, neo4j, rdf, entities, view, analysis,
                   check):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()
