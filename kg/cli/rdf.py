"""``kg validate``, ``kg sparql`` and ``kg import``: the RDF side of the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kg.cli.options import format_option, param_option, store_option
from kg.cli.output import render_rows


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rdf-format", metavar="FORMAT",
              help="rdflib parser name (turtle, nt, json-ld, xml). Default: from the suffix.")
def validate(file: Path, rdf_format: str | None) -> None:
    """Check an RDF file against kg's SHACL shapes (pySHACL).

    Prints one violation per line (node, property: message) and exits 0 when
    the file conforms, 1 when it does not (or cannot be read), like pyshacl.

    \b
    Examples:
      kg export --format turtle --out graph.ttl && kg validate graph.ttl
      kg validate graph.jsonld
    """
    from kg.graph.rdf_import import read_graph
    from kg.graph.shacl import validate as shacl_validate

    violations = shacl_validate(read_graph(file, rdf_format))
    for violation in violations:
        click.echo(str(violation))
    if violations:
        click.echo(f"{file}: {len(violations)} violation(s) of the kg shapes", err=True)
        raise SystemExit(1)
    click.echo(f"{file}: conforms to the kg shapes", err=True)


@click.command()
@click.argument("query", required=False)
@click.option("--name", "-n", "query_name", help="Run a named SPARQL query (see --list).")
@click.option("--list", "list_names", is_flag=True, help="List the named SPARQL queries.")
@click.option("--base", metavar="IRI", help="Base IRI of the data (as for kg export).")
@click.option("--engine", type=click.Choice(["index", "rdflib"]), default="index", show_default=True,
              help="index: the store's persistent pyoxigraph index (rebuilt when the store "
                   "changed; answers saved). rdflib: build the graph in memory for this query.")
@param_option
@format_option
@store_option
def sparql(query: str | None, query_name: str | None, list_names: bool, base: str | None,
           engine: str, params: tuple[tuple[str, Any], ...], fmt: str | None,
           store_path: str | None) -> None:
    """Run a SPARQL query over the store's graph (as exported) plus the kg ontology.

    Queries are answered from a persistent index of the graph kept in the
    store directory (pyoxigraph), built on the first query after the store
    changed, so later queries are fast whatever the store's size. The index
    also saves each answer: the same query with the same parameters over an
    unchanged store is answered from the saved rows, without evaluating it
    again. Parameters are bound as variables (?NAME), never pasted into the
    query text.

    \b
    Examples:
      kg sparql --name investments --format csv
      kg sparql --name neighbourhood --param name="Scale AI"
      kg sparql 'PREFIX kg: <https://w3id.org/kg/ontology#>
                 SELECT ?s WHERE { ?s kg:investedIn ?o }'
      kg sparql --list
    """
    from kg import queries
    from kg.graph.store import default_store_path
    from kg.queries.sparql import answer

    if list_names:
        rows = [[q.name, q.description, ", ".join(q.defaults)]
                for q in queries.named("sparql").values()]
        render_rows(["name", "description", "params"], rows, fmt)
        return
    if bool(query) == bool(query_name):
        raise click.UsageError("give either a SPARQL QUERY or --name NAME")
    given = dict(params)
    if query_name:
        named = queries.get(query_name, "sparql")
        query, given = named.text, named.params(given)
    columns, rows = answer(store_path or default_store_path(), query or "", given, base=base,
                           engine=engine)
    render_rows(columns, rows, fmt)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rdf-format", metavar="FORMAT",
              help="rdflib parser name (turtle, nt, json-ld, xml). Default: from the suffix.")
@store_option
def import_(file: Path, rdf_format: str | None, store_path: str | None) -> None:
    """Read a kg RDF export back into an empty store.

    Documents, entities and facts (with qualifiers, sources and confidence)
    are rebuilt from the statement nodes; a store that holds anything is
    refused rather than merged into.

    The file is first checked against kg's SHACL shapes (as `kg validate`
    does): any violation refuses the whole file. The store is built in a new
    directory that replaces the target only when the import succeeded, so an
    interrupted import leaves nothing behind and can simply be run again.

    \b
    Example:
      kg import graph.ttl --store ./restored
    """
    from kg.graph.restore import import_store
    from kg.graph.store import default_store_path

    target = Path(store_path) if store_path else default_store_path()
    counts = import_store(file, target, rdf_format)
    click.echo(f"imported {counts['documents']} documents, {counts['entities']} entities, "
               f"{counts['facts']} facts from {file}", err=True)


COMMANDS = [validate, sparql, import_]
