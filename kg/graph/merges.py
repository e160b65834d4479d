"""Entity merges a user made (``kg merge A B``), remembered for later ingests.

The store directory holds ``merges.jsonl``, one merge per line
(``{"from": id, "into": id, "from_name": ..., "into_name": ..., "at": ...}``).
The resolver follows it, so a name that once made ``from`` resolves to
``into`` in every later ingest.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError, StoreError
from kg.graph.batch import now
from kg.graph.model import Entity
from kg.graph.registry import fold
from kg.graph.store import Store

MERGES_FILE = "merges.jsonl"


@dataclass(frozen=True)
class MergeResult:
    source: Entity
    target: Entity
    edges: int


def merges_path(store_dir: str | os.PathLike[str]) -> Path:
    return Path(store_dir) / MERGES_FILE


def load_merges(store_dir: str | os.PathLike[str]) -> dict[str, str]:
    """``from`` id -> ``into`` id for every recorded merge (later lines win)."""
    path = merges_path(store_dir)
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            out[rec["from"]] = rec["into"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise StoreError(f"{path}: line {i} is not a merge record") from None
    return out


def follow(merges: dict[str, str], entity_id: str) -> str:
    """Where an id ends up after every recorded merge (cycles stop where they close)."""
    seen = {entity_id}
    while entity_id in merges and merges[entity_id] not in seen:
        entity_id = merges[entity_id]
        seen.add(entity_id)
    return entity_id


def find_entity(store: Store, name: str) -> Entity:
    """The store entity a name, alias or id refers to; an error when none or several do."""
    key = fold(name)
    entities = store.entities()
    exact = [e for e in entities if e.id == name]
    found = exact or [e for e in entities
                      if key in {fold(e.name), fold(e.id), *(fold(a) for a in e.aliases)}]
    if not found:
        raise KgError(f"no entity named {name!r} in the store")
    if len(found) > 1:
        ids = ", ".join(e.id for e in found)
        raise KgError(f"{name!r} names more than one entity ({ids}); give an id")
    return found[0]


def merge(store: Store, source_name: str, target_name: str) -> MergeResult:
    """Merge the entity ``source_name`` names into ``target_name``'s, and remember it."""
    source, target = find_entity(store, source_name), find_entity(store, target_name)
    edges = store.merge_entities(source, target)
    record = {"from": source.id, "into": target.id, "from_name": source.name,
              "into_name": target.name, "at": now()}
    with merges_path(store.path).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return MergeResult(source, target, edges)
