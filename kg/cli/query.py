"""``kg query``, ``kg facts`` and ``kg show``: reading the store."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from kg.cli.neo4j import neo4j_options, settings_from, verbose_option
from kg.cli.options import format_option, param_option, store_option
from kg.cli.output import render_fact_csv, render_objects, render_rows, resolve_format
from kg.errors import KgError, QueryError
from kg.graph.lifecycle import state_on
from kg.graph.model import RELATIONS, Fact
from kg.graph.registry import fold
from kg.graph.store import Store, open_store


@click.command()
@click.argument("cypher", required=False)
@click.option("--name", "-n", "query_name", help="Run a named query (see --list).")
@click.option("--list", "list_names", is_flag=True, help="List the named queries.")
@param_option
@format_option
@store_option
@click.option("--write", "allow_writes", is_flag=True,
              help="Allow CREATE, MERGE, SET, DELETE and REMOVE on the store (one transaction).")
@click.option("--neo4j", "on_neo4j", is_flag=True, help="Run on Neo4j instead of the store.")
@neo4j_options
@verbose_option
def query(cypher: str | None, query_name: str | None, list_names: bool,
          params: tuple[tuple[str, Any], ...], fmt: str | None, store_path: str | None,
          allow_writes: bool, on_neo4j: bool, neo4j_uri: str | None, neo4j_user: str | None,
          neo4j_database: str | None, neo4j_verbose: bool) -> None:
    """Run a Cypher query on the store (read-only unless --write).

    Values go in as parameters, never pasted into the query text.

    Only read clauses run (MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND, RETURN,
    ORDER BY, SKIP, LIMIT, UNION, CALL of schema procedures such as
    show_tables). --write also allows CREATE, MERGE, SET, DELETE and REMOVE.
    Clauses that touch files, extensions or the schema (COPY, LOAD, INSTALL,
    ATTACH, EXPORT, IMPORT, DROP, ALTER) are always refused: use
    `kg export` and `kg import` for files.

    \b
    Examples:
      kg query "MATCH (a:Organization)-[r:INVESTED_IN]->(b) RETURN a.name, r.amount, b.name"
      kg query "MATCH (o:Organization {name: \\$name}) RETURN o" --param name=Meta
      kg query --name investments --format csv
      kg query --list
      kg query --neo4j --name investments      # same query on Neo4j (NEO4J_* variables)
      kg query --write "MATCH (o {id: \\$id}) SET o.description = \\$d" -p id=org:x -p d=...
    """
    from kg import queries
    from kg.queries.cypher_guard import check_cypher

    if list_names:
        rows = [[q.name, q.description, ", ".join(q.defaults)] for q in queries.named().values()]
        render_rows(["name", "description", "params"], rows, fmt)
        return
    if bool(cypher) == bool(query_name):
        raise click.UsageError("give either a CYPHER query or --name NAME")
    from kg.queries import checks

    given = dict(params)
    if query_name:
        named = queries.get(query_name)
        cypher, given = named.text, named.params(given)
    if allow_writes and on_neo4j:
        raise click.UsageError("--write works on the local store only; `kg push` writes to Neo4j")
    check_cypher(cypher or "", allow_writes=allow_writes)
    checks.check_parameters(cypher, given)
    if on_neo4j:
        from kg.graph.neo4j import run_query

        settings = settings_from(neo4j_uri, neo4j_user, neo4j_database, neo4j_verbose)
        columns, rows = run_query(settings, queries.for_engine(cypher, "neo4j"), given)
        render_rows(columns, rows, fmt)
        return
    with open_store(store_path, read_only=not allow_writes) as store:
        try:
            columns, rows = store.query(queries.for_engine(cypher, "ladybug"), given)
        except QueryError as exc:
            raise checks.with_hint(exc, cypher) from None
    render_rows(columns, rows, fmt)


def _known_entity(store: Store, name: str) -> bool:
    key = fold(name)
    return any(key in {fold(e.name), fold(e.id), *(fold(a) for a in e.aliases)}
               for e in store.entities())


def _matches_entity(fact: Fact, key: str) -> bool:
    for entity in (fact.subject, fact.object):
        if key in {fold(entity.name), fold(entity.id), *(fold(a) for a in entity.aliases)}:
            return True
    return False


def _as_of_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-07-01") from None


as_of_option = click.option(
    "--as-of", "as_of", callback=_as_of_date, metavar="DATE",
    help="Only the states that hold on DATE (YYYY-MM-DD): who works where, who supplies "
         "whom. Hires count as employment from their date; departures and ended "
         "partnerships end them.")


def _conflict_text(fact: Fact) -> str:
    """Each disputed qualifier with every source's value: ``amount: 1.1e+10 (ko-005.txt)``."""
    parts = []
    for name in fact.conflicts:
        said = [(s.qualifiers.get(name), s.path) for s in fact.sources
                if s.qualifiers.get(name) is not None]
        parts.append(f"{name}: " + ", ".join(f"{_value_text(v)} ({p})" for v, p in said))
    return "; ".join(parts)


def _value_text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:g}"
    return str(value)


def _qualifier_text(fact: Fact) -> str:
    return ", ".join(f"{k}={_value_text(v)}" for k, v in fact.qualifiers.items())


@click.command()
@click.option("--relation", "-r", type=click.Choice(list(RELATIONS), case_sensitive=False),
              help="Only facts of this relation type.")
@click.option("--entity", "-e", help="Only facts with this entity (any alias) on either side.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0,
              help="Only facts at least this confident.")
@click.option("--conflicts", "only_conflicts", is_flag=True,
              help="Only facts whose sources disagree on a figure or date, with each "
                   "source's value.")
@as_of_option
@format_option
@store_option
def facts(relation: str | None, entity: str | None, min_confidence: float,
          only_conflicts: bool, as_of: str | None, fmt: str | None,
          store_path: str | None) -> None:
    """List facts with their qualifiers and sources.

    `--format jsonl` prints one object per fact, the form scorers read
    (subject, relation, object, qualifiers, sources, confidence); a fact
    whose sources disagree also has `conflicts`, and each source its own
    `qualifiers`.

    \b
    Examples:
      kg facts --relation INVESTED_IN
      kg facts --entity 스케일AI --format jsonl
      kg facts --conflicts                    # where the sources disagree
      kg facts --as-of 2025-07-01 -r WORKS_AT # who worked where that day
    """
    wanted = relation.upper() if relation else None
    with open_store(store_path, read_only=True) as store:
        if entity and not _known_entity(store, entity):
            raise KgError(f"no entity named {entity!r} in the store")
        found = store.facts()
    if as_of:
        found = state_on(found, as_of)
    selected = [
        f for f in found
        if (not wanted or f.relation == wanted) and f.confidence >= min_confidence
        and (not entity or _matches_entity(f, fold(entity)))
        and (not only_conflicts or f.conflicts)
    ]
    if resolve_format(fmt) in ("json", "jsonl"):
        render_objects([f.to_json() for f in selected], fmt, [])
        return
    if resolve_format(fmt) == "csv":
        tail = ["confidence", "sources"] + (["disagreement"] if only_conflicts else [])
        render_fact_csv(selected, ["subject", "relation", "object"],
                        lambda f: [f.subject.name, f.relation, f.object.name], tail,
                        lambda f: [round(f.confidence, 3), len(f.sources)]
                        + ([_conflict_text(f)] if only_conflicts else []))
        return
    columns = ["subject", "relation", "object", "qualifiers", "confidence", "sources"]
    rows = [[f.subject.name, f.relation, f.object.name, _qualifier_text(f),
             round(f.confidence, 3), len(f.sources)] for f in selected]
    if only_conflicts:
        columns.append("disagreement")
        for row, fact in zip(rows, selected, strict=True):
            row.append(_conflict_text(fact))
    render_rows(columns, rows, fmt)


@click.command()
@click.argument("name")
@as_of_option
@format_option
@store_option
def show(name: str, as_of: str | None, fmt: str | None, store_path: str | None) -> None:
    """One entity: its id, aliases and its facts as a dated table with sources.

    NAME may be any alias, in English or Korean, or the entity id. With
    --as-of, only what held on that date (where the person worked, who
    supplied whom).

    \b
    Examples:
      kg show "Scale AI"
      kg show "Alexandr Wang" --as-of 2025-07-01
    """
    key = fold(name)
    with open_store(store_path, read_only=True) as store:
        found = [e for e in store.entities()
                 if key in {fold(e.name), fold(e.id), *(fold(a) for a in e.aliases)}]
        if not found:
            raise KgError(f"no entity named {name!r} in the store")
        entity = found[0]
        every = store.facts()
    if as_of:
        every = state_on(every, as_of)
    related = [f for f in every if entity.id in (f.subject.id, f.object.id)]
    click.echo(f"{entity.name} ({entity.type}, {entity.id})", err=True)
    if entity.aliases:
        click.echo(f"aliases: {', '.join(entity.aliases)}", err=True)
    if entity.wikidata:
        click.echo(f"wikidata: http://www.wikidata.org/entity/{entity.wikidata}", err=True)
    if as_of:
        click.echo(f"as of {as_of}: {len(related)} states hold", err=True)
    related.sort(key=lambda f: (_when(f), f.relation))
    if resolve_format(fmt) == "csv":
        render_fact_csv(related, ["date", "subject", "relation", "object"],
                        lambda f: [_when(f), f.subject.name, f.relation, f.object.name],
                        ["sources"], lambda f: ["; ".join(s.path for s in f.sources)])
        return
    rows = [[_when(f), f.subject.name, f.relation, f.object.name,
             _qualifier_text(f), "; ".join(s.path for s in f.sources)] for f in related]
    render_rows(["date", "subject", "relation", "object", "qualifiers", "sources"], rows, fmt)


def _when(fact: Fact) -> str:
    return fact.qualifiers.get("date") or fact.qualifiers.get("valid_from") or ""


COMMANDS = [query, facts, show]
