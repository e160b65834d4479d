"""Export formats looked up by name, imported only when used (rdflib-style plugins).

An exporter is ``write(store, out, **options)`` where ``out`` is a binary
stream (a file, or stdout) or, for formats that write several files, a
directory path. Other packages add formats under the entry-point group
``kg.exporters``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

from kg.errors import ExportError


@dataclass(frozen=True)
class ExportFormat:
    name: str
    target: str  # "module:function"
    description: str
    writes_directory: bool = False
    suffix: str = ""


_BUILTIN = {
    f.name: f
    for f in (
        ExportFormat("turtle", "kg.graph.rdf:write_turtle", "RDF Turtle, sorted", suffix=".ttl"),
        ExportFormat("nt", "kg.graph.rdf:write_ntriples", "RDF N-Triples, streamed", suffix=".nt"),
        ExportFormat("jsonld", "kg.graph.rdf:write_jsonld", "RDF JSON-LD with kg's context",
                     suffix=".jsonld"),
        ExportFormat("xml", "kg.graph.rdf:write_rdfxml", "RDF/XML", suffix=".rdf"),
        ExportFormat("cypher", "kg.graph.neo4j_export:write_cypher",
                     "idempotent MERGE script for cypher-shell or the Neo4j Browser",
                     suffix=".cypher"),
        ExportFormat("neo4j-admin", "kg.graph.neo4j_export:write_admin_csv",
                     "CSV files for `neo4j-admin database import full`", writes_directory=True),
        ExportFormat("graphml", "kg.graph.nxview:write_graphml", "GraphML via networkx",
                     suffix=".graphml"),
    )
}


def available() -> dict[str, ExportFormat]:
    out = dict(_BUILTIN)
    for ep in entry_points(group="kg.exporters"):
        out.setdefault(ep.name, ExportFormat(ep.name, ep.value, f"plugin {ep.value}"))
    return out


def get(name: str) -> tuple[ExportFormat, Callable[..., Any]]:
    """The format and its write function; an unknown name lists the known ones."""
    formats = available()
    if name not in formats:
        raise ExportError(f"no export format {name!r}; available: {', '.join(formats)}")
    fmt = formats[name]
    module, _, func = fmt.target.partition(":")
    try:
        return fmt, getattr(import_module(module), func)
    except (ImportError, AttributeError) as exc:
        raise ExportError(f"export format {name!r} is not available: {exc}") from None
