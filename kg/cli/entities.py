"""``kg entities`` and ``kg merge``: the entities of the store and their identity."""

from __future__ import annotations

from collections import Counter

import click

from kg.cli.options import format_option, store_option
from kg.cli.output import render_objects, render_rows, resolve_format
from kg.graph.store import open_store


@click.command()
@click.option("--duplicates", is_flag=True,
              help="List likely duplicates: entities whose names are one name in two scripts "
                   "(머코르 / Mercor), with the names that matched, a score and the neighbours "
                   "they share.")
@click.option("--type", "entity_type", type=click.Choice(["Organization", "Person"]),
              help="Only entities of this type.")
@format_option
@store_option
def entities(duplicates: bool, entity_type: str | None, fmt: str | None,
             store_path: str | None) -> None:
    """List the entities in the store, or likely duplicates among them.

    \b
    Examples:
      kg entities --type Person
      kg entities --duplicates
      kg merge 머코르 Mercor        # then fold one into the other
    """
    with open_store(store_path, read_only=True) as store:
        if duplicates:
            from kg.graph.duplicates import find_duplicates

            found = [d for d in find_duplicates(store) if not entity_type or d.a.type == entity_type]
            if resolve_format(fmt) in ("json", "jsonl"):
                render_objects([d.to_json() for d in found], fmt, [])
                return
            rows = [[d.a.name, d.b.name, " ~ ".join(d.names), round(d.score, 2), ", ".join(d.shared),
                     d.a.id, d.b.id] for d in found]
            render_rows(["entity", "duplicate", "matched", "score", "shared neighbours", "id", "id"],
                        rows, fmt)
            return
        degree: Counter[str] = Counter()
        for fact in store.facts():
            degree[fact.subject.id] += 1
            degree[fact.object.id] += 1
        selected = [e for e in store.entities() if not entity_type or e.type == entity_type]
    rows = [[e.name, e.type, e.id, ", ".join(e.aliases), degree[e.id]] for e in selected]
    render_rows(["name", "type", "id", "aliases", "facts"], rows, fmt)


@click.command()
@click.argument("source")
@click.argument("target")
@store_option
def merge(source: str, target: str, store_path: str | None) -> None:
    """Merge entity SOURCE into TARGET: one entity from now on.

    SOURCE's facts (with their sources and evidence), the documents that
    mention it and its names move to TARGET, and SOURCE is deleted, in one
    transaction. The merge is remembered in the store directory
    (merges.jsonl), so later ingests resolve SOURCE's names to TARGET.
    Each may be a name, an alias or an id.

    \b
    Example:
      kg merge 머코르 Mercor
    """
    from kg.graph.merges import merge as merge_entities

    with open_store(store_path) as store:
        result = merge_entities(store, source, target)
    click.echo(f"merged {result.source.name} ({result.source.id}) into {result.target.name} "
               f"({result.target.id}): {result.edges} facts moved", err=True)


COMMANDS = [entities, merge]
