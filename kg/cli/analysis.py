"""``kg path``, ``kg flows``, ``kg rank`` and ``kg communities``: network analysis.

Thin commands over :mod:`kg.graph.analysis`: read the facts, narrow them to
``--relation`` and the ``--as-of``/``--since`` window, print rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from kg.cli.options import format_option, store_option
from kg.cli.output import qualifier_text, render_objects, render_rows, resolve_format
from kg.graph import analysis
from kg.graph.model import ENTITY_TYPES, RELATIONS, Entity, Fact

F = Callable[..., Any]
# The relations a talent flow is read from.
FLOW_RELATIONS = ("HIRED_FROM", "HIRED", "DEPARTED")


def window_options(fn: F) -> F:
    fn = click.option("--since", metavar="DATE",
                      help="Only facts dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD); "
                           "undated facts are left out.")(fn)
    fn = click.option("--as-of", "as_of", metavar="DATE",
                      help="The graph as it stood on DATE: facts dated later (or ended by "
                           "then) are left out; undated facts stay.")(fn)
    return fn


def relation_option(default_help: str) -> Callable[[F], F]:
    def wrap(fn: F) -> F:
        return click.option(
            "--relation", "-r", "relations", multiple=True,
            type=click.Choice(list(RELATIONS), case_sensitive=False),
            help=f"Only these relation types (repeat the option). Default: {default_help}.")(fn)
    return wrap


def _facts(store_path: str | None, relations: tuple[str, ...] | list[str], as_of: str | None,
           since: str | None, entities: list[Entity] | None = None) -> list[Fact]:
    """The selected facts; ``entities``, when given, receives every entity of the store."""
    from kg.graph.store import open_store

    with open_store(store_path, read_only=True) as store:
        every = store.facts()
        if entities is not None:
            entities.extend(store.entities())
    return analysis.select(every, [r.upper() for r in relations] or None, as_of, since)


def _sources(fact: Fact) -> str:
    return "; ".join(dict.fromkeys(s.path for s in fact.sources))


@click.command()
@click.argument("source")
@click.argument("target")
@relation_option("all")
@window_options
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="At most this many paths (all have the shortest length).")
@format_option
@store_option
def path(source: str, target: str, relations: tuple[str, ...], as_of: str | None,
         since: str | None, limit: int, fmt: str | None, store_path: str | None) -> None:
    """How SOURCE is connected to TARGET: the shortest paths, with the facts on each hop.

    Edges are followed in either direction (an investment joins investor and
    investee whichever way you ask). Each row is one fact on one hop; a hop
    joined by several facts has several rows. Names may be any alias, Korean
    or English.

    \b
    Examples:
      kg path Mercor OpenAI
      kg path 메타 "Scale AI" --relation INVESTED_IN --relation HIRED_FROM
      kg path Mercor OpenAI --as-of 2025-06 --format json
    """
    entities: list[Entity] = []
    facts = _facts(store_path, relations, as_of, since, entities)
    paths = analysis.shortest_paths(facts, source, target, limit=limit, entities=entities)
    if not paths:
        raise analysis.AnalysisError(f"no path from {source!r} to {target!r} over the selected facts")
    click.echo(f"{len(paths)} shortest path(s) of {len(paths[0].hops)} hop(s): "
               + " | ".join(" → ".join(e.name for e in p.entities) for p in paths), err=True)
    if resolve_format(fmt) in ("json", "jsonl"):
        render_objects([{"path": i, "entities": [e.name for e in p.entities],
                         "hops": [{"from": h.source.name, "to": h.target.name,
                                   "facts": [f.to_json() for f in h.facts]} for h in p.hops]}
                        for i, p in enumerate(paths, 1)], fmt, [])
        return
    rows = [[i, n, h.source.name, f.subject.name, f.relation, f.object.name,
             qualifier_text(f.qualifiers), _sources(f)]
            for i, p in enumerate(paths, 1) for n, h in enumerate(p.hops, 1) for f in h.facts]
    render_rows(["path", "hop", "from", "subject", "relation", "object", "qualifiers", "sources"],
                rows, fmt)


@click.command()
@click.option("--by", type=click.Choice(["year", "month"]), default="year", show_default=True,
              help="Count flows per year or per month.")
@window_options
@format_option
@store_option
def flows(by: str, as_of: str | None, since: str | None, fmt: str | None,
          store_path: str | None) -> None:
    """Talent flows between organizations, counted over time.

    A flow from B to A is `A HIRED_FROM B`, or a person who DEPARTED B and
    was HIRED by A. `moves` counts reported moves, `people` the head count
    where the article gave one (one per named person otherwise).

    \b
    Examples:
      kg flows
      kg flows --by month --since 2025
    """
    facts = _facts(store_path, list(FLOW_RELATIONS), as_of, since)
    rows = analysis.talent_flows(facts, by=by)
    render_objects(
        [{"period": f.period, "from": f.source.name, "to": f.target.name, "moves": f.moves,
          "people": f.people, "names": f.names, "facts": f.facts} for f in rows],
        fmt, ["period", "from", "to", "moves", "people", "names"])


@click.command()
@relation_option("all")
@click.option("--by", type=click.Choice(analysis.RANK_ORDERS), default="pagerank",
              show_default=True, help="Order by PageRank, total degree, in- or out-degree.")
@click.option("--type", "entity_type", type=click.Choice(ENTITY_TYPES),
              help="Only organizations or only people.")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many entities to list.")
@window_options
@format_option
@store_option
def rank(relations: tuple[str, ...], by: str, entity_type: str | None, top: int,
         as_of: str | None, since: str | None, fmt: str | None, store_path: str | None) -> None:
    """Central entities: degree and PageRank over the chosen relations.

    Degrees count facts; PageRank follows the edges' direction (investor →
    investee, hirer → hired), so it ranks who receives.

    \b
    Examples:
      kg rank --relation INVESTED_IN --by out       # the most active investors
      kg rank --relation INVESTED_IN                # where investment concentrates
      kg rank --by degree --type Organization       # hubs over every relation
    """
    facts = _facts(store_path, relations, as_of, since)
    rows = analysis.rank(facts, by=by, top=top, entity_type=entity_type)
    render_objects(
        [{"entity": r.entity.name, "id": r.entity.id, "type": r.entity.type,
          "pagerank": round(r.pagerank, 4), "degree": r.degree, "in": r.in_degree,
          "out": r.out_degree} for r in rows],
        fmt, ["entity", "type", "pagerank", "degree", "in", "out"])


@click.command()
@relation_option("all")
@click.option("--resolution", type=click.FloatRange(min=0, min_open=True), default=1.0,
              show_default=True, help="Above 1 gives more, smaller communities.")
@window_options
@format_option
@store_option
def communities(relations: tuple[str, ...], resolution: float, as_of: str | None,
                since: str | None, fmt: str | None, store_path: str | None) -> None:
    """Groups of entities tied more to each other than to the rest (Louvain).

    \b
    Examples:
      kg communities
      kg communities --relation INVESTED_IN --relation PARTNERED_WITH
    """
    facts = _facts(store_path, relations, as_of, since)
    groups = analysis.communities(facts, resolution=resolution)
    render_objects(
        [{"community": i, "size": len(c.members), "facts": c.facts,
          "members": [e.name for e in c.members], "relations": c.relations}
         for i, c in enumerate(groups, 1)],
        fmt, ["community", "size", "facts", "members"])


COMMANDS = [path, flows, rank, communities]
