"""SPARQL over the graph with rdflib; values go in as bindings, never pasted.

rdflib serves ``kg sparql`` because it is already how kg writes RDF: the
query runs over the very triples the exporters produce, with no second RDF
stack to install, and ``initBindings`` gives parameters the same
no-pasting guarantee that Cypher parameters give ``kg query``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD

from kg.errors import QueryError
from kg.queries.sparql_guard import check_sparql


def to_term(value: Any) -> Literal | URIRef:
    """A parameter value as an RDF term (``<...>`` strings become IRIs)."""
    if isinstance(value, Literal | URIRef):
        return value
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value)
    if isinstance(value, float):
        return Literal(Decimal(repr(value)), datatype=XSD.decimal)
    text = str(value)
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    return Literal(text)


def to_python(term: Any) -> Any:
    """A result term as a plain value: numbers as int/float, everything else as text."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        if isinstance(value, Decimal):
            return float(value)
        return str(term)
    return str(term)


def run(graph: Graph, query: str, params: dict[str, Any] | None = None
        ) -> tuple[list[str], list[list[Any]]]:
    """Run a SELECT (or ASK) query; returns column names and rows of plain values.

    The query is checked first (:func:`check_sparql`: no SERVICE, no remote
    dataset, no update); evaluation errors -- a bad REGEX, GRAPH over a graph
    that has none, a type error -- become one-line QueryErrors, whether rdflib
    raises them when the query starts or while its rows are read.
    """
    check_sparql(query)
    bindings = {Variable(k): to_term(v) for k, v in (params or {}).items()}
    try:
        result = graph.query(query, initBindings=bindings)
        if result.type == "ASK":
            return ["ask"], [[bool(result.askAnswer)]]
        if result.type != "SELECT":
            raise QueryError("only SELECT and ASK queries are supported")
        columns = [str(v) for v in result.vars or []]
        rows = [[to_python(term) for term in row] for row in result]
    except QueryError:
        raise
    except Exception as exc:  # pyparsing and evaluation errors have no common base
        text = str(exc).strip()
        reason = text.splitlines()[0] if text else type(exc).__name__
        raise QueryError(f"SPARQL: {type(exc).__name__}: {reason}") from None
    return columns, rows
