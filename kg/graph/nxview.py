"""The graph as a networkx MultiDiGraph, for analysis, and GraphML export.

A MultiDiGraph because two organizations can share several typed edges
(an investment and a vendor relationship, or two investment rounds).
"""

from __future__ import annotations

import json
from typing import IO, Any

import networkx as nx

from kg.graph.store import Store


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """Entities as nodes (keyed by id), facts as edges keyed by fact id."""
    graph = nx.MultiDiGraph()
    for entity in store.entities():
        graph.add_node(entity.id, label=entity.type, name=entity.name,
                       aliases=list(entity.aliases), wikidata=entity.wikidata)
    for fact in store.facts():
        graph.add_edge(fact.subject.id, fact.object.id, key=fact.id, relation=fact.relation,
                       confidence=fact.confidence, sources=[s.doc for s in fact.sources],
                       **fact.qualifiers)
    return graph


def _graphml_safe(attrs: dict[str, Any]) -> dict[str, Any]:
    # GraphML has no list or null values: lists become JSON text, nulls are dropped.
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
            for k, v in attrs.items() if v is not None}


def write_graphml(store: Store, out: IO[bytes], **_options: Any) -> None:
    """Write the graph as GraphML (Gephi, yEd, Cytoscape read it)."""
    graph = to_networkx(store)
    safe = nx.MultiDiGraph()
    safe.add_nodes_from((n, _graphml_safe(a)) for n, a in graph.nodes(data=True))
    edges = graph.edges(keys=True, data=True)
    safe.add_edges_from((u, v, k, _graphml_safe(a)) for u, v, k, a in edges)
    nx.write_graphml(safe, out, encoding="utf-8")
