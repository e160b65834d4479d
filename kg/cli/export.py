"""``kg export``: the graph in other formats."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.atomic import atomic_directory, atomic_write
from kg.cli.options import store_option
from kg.graph import exporters
from kg.graph.store import open_store


@click.command()
@click.option("--format", "fmt", required=False,
              type=click.Choice(list(exporters.available()), case_sensitive=False),
              help="Export format.")
@click.option("--out", "-o", type=click.Path(path_type=Path),
              help="Output file (directory for neo4j-admin). Default: stdout.")
@click.option("--base", metavar="IRI", help="Base IRI for entity and fact IRIs (RDF formats).")
@click.option("--ontology", is_flag=True,
              help="Write kg's ontology (Turtle) instead of the data; needs no store.")
@store_option
def export(fmt: str | None, out: Path | None, base: str | None, ontology: bool,
           store_path: str | None) -> None:
    """Write the graph as RDF, a Cypher script, neo4j-admin CSV files or GraphML.

    \b
    Examples:
      kg export --format turtle --out graph.ttl
      kg export --format nt | gzip > graph.nt.gz
      kg export --format cypher --out graph.cypher      # then: cypher-shell -f graph.cypher
      kg export --format neo4j-admin --out import/      # then: neo4j-admin database import full
      kg export --ontology --out kg-ontology.ttl
    """
    if ontology:
        from kg.graph.ontology import FILES

        data = FILES["ontology"].read_bytes()
        if out is None:
            sys.stdout.buffer.write(data)
        else:
            with atomic_write(out) as fh:
                fh.write(data)
            click.echo(f"wrote the kg ontology to {out}", err=True)
        return
    if fmt is None:
        raise click.UsageError("give --format FORMAT (or --ontology)")
    spec, write = exporters.get(fmt.lower())
    if base:
        from kg.graph.rdf import check_base

        check_base(base)  # before --out is touched: a bad IRI writes nothing
    options = {"base": base} if base else {}
    if spec.writes_directory and out is None:
        raise click.UsageError(f"--format {spec.name} writes several files: give --out DIR")
    with open_store(store_path, read_only=True) as store, store.reading():
        if spec.writes_directory:
            with atomic_directory(out) as tmp:
                write(store, tmp, **options)
        elif out is None:
            write(store, sys.stdout.buffer, **options)
        else:
            with atomic_write(out) as fh:
                write(store, fh, **options)
    if out is not None:
        click.echo(f"wrote {spec.name} to {out}", err=True)


COMMANDS = [export]
