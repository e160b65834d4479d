"""SPARQL over the graph with rdflib; values go in as bindings, never pasted.

rdflib serves ``kg sparql`` because it is already how kg writes RDF: the
query runs over the very triples the exporters produce, with no second RDF
stack to install, and ``initBindings`` gives parameters the same
no-pasting guarantee that Cypher parameters give ``kg query``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD

from kg.errors import QueryError, first_line
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
        raise QueryError(f"SPARQL: {type(exc).__name__}: {first_line(exc)}") from None
    return columns, rows


# -- the persistent index (pyoxigraph) ----------------------------------------

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {f"{_XSD}{t}" for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte")}
_FLOAT_TYPES = {f"{_XSD}{t}" for t in ("decimal", "double", "float")}


def to_ox_term(value: Any) -> Any:
    """A parameter value as a pyoxigraph term, typed exactly as :func:`to_term` types it."""
    from kg.graph.sparql_index import to_ox

    return to_ox(to_term(value))


def ox_to_python(term: Any) -> Any:
    """A pyoxigraph result term as the plain value :func:`to_python` gives for rdflib's."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype else ""
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
        except ValueError:
            return term.value  # an ill-typed literal reads as its text, as in rdflib
        if datatype == f"{_XSD}boolean":
            return term.value in ("true", "1")
        return term.value
    return term.value


_COMMENT_LINE = re.compile(r"(?m)^[ \t]*#.*$")
_SELECT = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?", re.IGNORECASE)
_PROJECTION_END = re.compile(r"\bWHERE\b|\{|\bFROM\b", re.IGNORECASE)
_GROUP_BY = re.compile(r"\bGROUP\s+BY\s+", re.IGNORECASE)


def project_parameters(query: str, names: list[str]) -> tuple[str, list[str]]:
    """The query with parameter variables added to its projection, and the names added.

    pyoxigraph substitutes values (SPARQL-dev SEP-0007) only for projected
    variables, while rdflib's ``initBindings`` binds any variable. Adding the
    parameter's *name* to the SELECT list (and to a top-level GROUP BY, where
    it is a constant once substituted) keeps values out of the query text;
    the extra columns are dropped from the results.
    """
    # Blank comment lines (same length) so that positions stay valid.
    scan = _COMMENT_LINE.sub(lambda m: " " * len(m.group()), query)
    select = _SELECT.search(scan)
    if not select:
        return query, []
    end = _PROJECTION_END.search(scan, select.end())
    projection = scan[select.end(): end.start() if end else len(scan)]
    if projection.strip().startswith("*"):
        return query, []
    added = [n for n in names if not re.search(rf"[?$]{re.escape(n)}\b", projection)]
    if not added:
        return query, []
    variables = "".join(f"?{n} " for n in added)
    group = None
    last_brace = scan.rfind("}")
    for match in _GROUP_BY.finditer(scan):
        if match.start() > last_brace:
            group = match
    if group:
        query = query[:group.end()] + variables + query[group.end():]
    query = query[:select.end()] + variables + query[select.end():]
    return query, added


def run_index(index: Any, query: str, params: dict[str, Any] | None = None
              ) -> tuple[list[str], list[list[Any]]]:
    """Run a SELECT (or ASK) query on a pyoxigraph store; the same rows as :func:`run`."""
    import pyoxigraph as ox

    params = params or {}
    query, added = project_parameters(query, list(params))
    substitutions = {ox.Variable(k): to_ox_term(v) for k, v in params.items()}
    try:
        result = index.query(query, substitutions=substitutions)
        if isinstance(result, ox.QueryBoolean):
            return ["ask"], [[bool(result)]]
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("only SELECT and ASK queries are supported")
        names = [v.value for v in result.variables]
        keep = [i for i, name in enumerate(names) if name not in added]
        columns = [names[i] for i in keep]
        rows = [[ox_to_python(solution[i]) for i in keep] for solution in result]
    except (SyntaxError, OSError, ValueError, TypeError, RuntimeError) as exc:
        raise QueryError(f"SPARQL: {first_line(exc)}") from None
    return columns, rows


def answer(store_path: Any, query: str, params: dict[str, Any] | None = None, *,
           base: str | None = None, engine: str = "index") -> tuple[list[str], list[list[Any]]]:
    """Answer a query over a store: from its persistent index, or (``rdflib``) a fresh graph.

    The index engine answers a query it has answered before over the same
    store version from the rows it saved then (see
    :mod:`kg.graph.sparql_index`). The rdflib engine rebuilds the graph in
    memory for each query; it stays as the reference the index is tested against.
    """
    if engine == "index":
        from kg.graph import sparql_index

        saved = sparql_index.saved_answer(store_path, query, params or {}, base)
        if saved is not None:
            return saved  # saved only after this very query text passed check_sparql
    check_sparql(query)  # no SERVICE, no remote dataset, no update, whichever engine answers
    if engine == "index":
        index_dir, version = sparql_index.fresh_index(store_path, base)
        columns, rows = run_index(sparql_index.read_index(index_dir), query, params)
        sparql_index.save_result(index_dir, sparql_index.result_key(version, query, params or {}),
                                 columns, rows)
        return columns, rows
    from kg.graph.ontology import load
    from kg.graph.rdf import store_graph
    from kg.graph.store import open_store

    with open_store(store_path, read_only=True) as store:
        graph = store_graph(store, base)
    graph += load("ontology")
    return run(graph, query, params)
