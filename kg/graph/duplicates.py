"""Likely duplicate entities in a store, with the evidence for each pair.

Two entities of one type are likely the same when one's name transliterates
the other's (``kg.graph.names``: 머코르 and Mercor); entities that share
neighbours in the graph are more likely still, and the shared neighbours are
listed so a person can judge before ``kg merge``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kg.graph.model import Entity
from kg.graph.names import CANDIDATE_SCORE, similarity
from kg.graph.registry import Registry, default_registry
from kg.graph.store import Store


@dataclass(frozen=True)
class Duplicate:
    a: Entity
    b: Entity
    names: tuple[str, str]  # the two names that matched
    score: float
    shared: tuple[str, ...]  # names of neighbours both are linked to

    def to_json(self) -> dict:
        return {"a": self.a.id, "a_name": self.a.name, "b": self.b.id, "b_name": self.b.name,
                "matched": list(self.names), "score": round(self.score, 3),
                "shared_neighbours": list(self.shared)}


def neighbours(store: Store) -> dict[str, set[str]]:
    """Entity id -> ids of the entities it shares a fact with."""
    out: dict[str, set[str]] = defaultdict(set)
    for fact in store.facts():
        out[fact.subject.id].add(fact.object.id)
        out[fact.object.id].add(fact.subject.id)
    return out


def _best_names(a: Entity, b: Entity) -> tuple[float, tuple[str, str]]:
    best = (0.0, ("", ""))
    for x in dict.fromkeys((a.name, *a.aliases)):
        for y in dict.fromkeys((b.name, *b.aliases)):
            score = similarity(x, y, person=a.type == "Person")
            if score > best[0]:
                best = (score, (x, y))
    return best


def find_duplicates(store: Store, registry: Registry | None = None,
                    threshold: float = CANDIDATE_SCORE) -> list[Duplicate]:
    """Pairs of entities of one type whose names look like one name in two scripts,
    best first. Two registry entities are never a pair: the registry tells them apart."""
    registry = registry or default_registry()
    entities = store.entities()
    links = neighbours(store)
    names = {e.id: e.name for e in entities}
    out = []
    for i, a in enumerate(entities):
        for b in entities[i + 1:]:
            if b.type != a.type or (registry.get(a.id) and registry.get(b.id)):
                continue
            score, pair = _best_names(a, b)
            if score < threshold:
                continue
            shared = sorted(names.get(n, n) for n in (links[a.id] & links[b.id]))
            out.append(Duplicate(a, b, pair, score, tuple(shared)))
    out.sort(key=lambda d: (-d.score, -len(d.shared), d.a.name, d.b.name))
    return out
