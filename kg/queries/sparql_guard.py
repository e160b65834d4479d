"""Which SPARQL queries ``kg sparql`` runs: local reads only, checked on the parsed algebra.

rdflib evaluates ``SERVICE <iri>`` by sending the pattern over HTTP, loads
``FROM``/``FROM NAMED`` graphs from the web, and runs ``LOAD`` updates. A
read path must not reach out, so the query is parsed with rdflib's own
parser, translated to algebra, and refused when any part of it -- however
deeply nested (subqueries, ``FILTER EXISTS``, ``OPTIONAL``) -- is a SERVICE,
or its dataset names a graph that is not one of the local ones. Updates are
refused as a whole. The check takes only the query text, so it guards any
engine that runs the query afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from kg.errors import QueryError, first_line


def _nodes(value: Any) -> Iterator[Any]:
    """Every algebra node (CompValue) under ``value``, depth first."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [value]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | set | frozenset | ParseResults):
            stack.extend(node)


def check_sparql(query: str, local_graphs: Iterable[str] = ()) -> None:
    """Raise QueryError unless ``query`` is a SPARQL query that reads only local data.

    Refused: any update (INSERT, DELETE, LOAD, CLEAR, ...), ``SERVICE``
    anywhere, and ``FROM``/``FROM NAMED`` graphs not in ``local_graphs``.
    A query that does not parse is refused with the parser's message.
    """
    from rdflib.plugins.sparql import algebra, parser

    try:
        parsed = parser.parseQuery(query)
    except Exception as exc:  # pyparsing raises ParseException; rdflib a few others
        try:
            parser.parseUpdate(query)
        except Exception:
            raise QueryError(f"SPARQL syntax: {first_line(exc)}") from None
        raise QueryError("SPARQL updates (INSERT, DELETE, LOAD, CLEAR, ...) are not allowed: "
                         "kg sparql only reads") from None
    try:
        translated = algebra.translateQuery(parsed)
    except Exception as exc:
        raise QueryError(f"SPARQL: {first_line(exc)}") from None
    local = {str(g) for g in local_graphs}
    for node in _nodes([parsed, translated.algebra]):
        if node.name == "ServiceGraphPattern":
            raise QueryError(f"SERVICE <{node.get('term')}> is not allowed: kg sparql never "
                             "sends queries to other endpoints")
        if node.name == "DatasetClause":
            kind = "FROM NAMED" if "named" in node else "FROM"
            iri = node["named"] if "named" in node else node.get("default")
            if iri is None or str(iri) not in local:
                raise QueryError(f"{kind} <{iri}> is not allowed: kg sparql reads only the "
                                 "store's graph, never a remote or file dataset")
