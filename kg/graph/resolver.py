"""Entity resolution for one ingest: the registry, the store, merges, transliteration.

A mention resolves, in order, to: the registry entity it names (any alias);
an entity already in the store with that name or alias; the one registry or
store entity of its type whose name it transliterates (``kg.graph.names``:
머코르 → Mercor, 자오성자 → Shengjia Zhao); else a new entity with a stable
id. Whatever it resolves to is then followed through the user's merges
(``kg.graph.merges``). A name that resolved by transliteration becomes an
alias of its entity, so the store can be searched by it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.graph.blocking import NameBlocks
from kg.graph.merges import follow
from kg.graph.model import ORGANIZATION, Entity, EntityRef
from kg.graph.names import NameMatch, best_match, has_hangul, has_latin
from kg.graph.registry import Registry, fold


class EntityResolver:
    """Resolves mentions against a registry, the entities of a store and its merges."""

    def __init__(self, registry: Registry, known: Iterable[Entity] = (),
                 merges: dict[str, str] | None = None) -> None:
        self.registry = registry
        self.merges = dict(merges or {})
        self._entities: dict[str, Entity] = {}
        self._by_key: dict[tuple[str, str], str] = {}
        # (old, new): a store entity known only by a Hangul name that a Latin
        # name now names; the store re-keys it (see resolve).
        self.renames: list[tuple[Entity, Entity]] = []
        self._registry_names: dict[str, dict[str, tuple[str, ...]]] = {}
        # Per entity type: the names of registry and store entities by blocking key
        # (kg.graph.blocking), so a new name is compared only with those it may match.
        self._registry_blocks: dict[str, NameBlocks] = {}
        # registry entity id -> the first syllables of its Korean forms (see _transliteration)
        self._registry_initials: dict[str, frozenset[str]] = {}
        self._blocks: dict[str, NameBlocks] = {}
        for entity in known:
            self._remember(entity)

    def _remember(self, entity: Entity) -> Entity:
        current = self._entities.get(entity.id)
        if current is not None:
            aliases = tuple(dict.fromkeys([*current.aliases, *entity.aliases]))
            entity = replace(current, aliases=aliases) if aliases != current.aliases else current
        self._entities[entity.id] = entity
        for name in (entity.name, *entity.aliases):
            self._by_key.setdefault((entity.type, fold(name)), entity.id)
        if entity is not current:  # a new entity, or new names
            self._blocks_of(entity.type).add(entity.id, (entity.name, *entity.aliases))
        return entity

    def _blocks_of(self, entity_type: str) -> NameBlocks:
        blocks = self._blocks.get(entity_type)
        if blocks is None:
            blocks = self._blocks[entity_type] = NameBlocks(person=entity_type == "Person")
        return blocks

    def is_media(self, entity: Entity | EntityRef | None) -> bool:
        return self.registry.is_media(entity)

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with all the names this resolver has seen for it."""
        return self._entities.get(entity_id) or self.registry.get(entity_id)

    def resolve(self, ref: EntityRef) -> Entity:
        entity = self.registry.resolve(ref)
        if self.registry.get(entity.id) is None:
            known = self._by_key.get((ref.type, fold(ref.name)))
            if known is not None:
                entity = self._entities[known]
            elif entity.id not in self._entities:
                match = self._transliteration(ref)
                if match is not None:
                    found = self.entity(match.key)
                    if found is not None and self.registry.get(found.id) is None \
                            and not has_hangul(ref.name) and not has_latin(found.name):
                        # Discovered from Korean first: the entity takes the Latin
                        # name's id, as it would have had the English article come
                        # first, so ids do not depend on the order of ingest.
                        entity = self._rename(found, entity, ref.name)
                    else:
                        entity = found or entity
        entity = self._follow(entity)
        if fold(ref.name) not in {fold(entity.name), *(fold(a) for a in entity.aliases)}:
            entity = replace(entity, aliases=(*entity.aliases, ref.name))
        return self._remember(entity)

    def _rename(self, old: Entity, new: Entity, name: str) -> Entity:
        renamed = Entity(new.id, old.type, name, tuple(dict.fromkeys([old.name, *old.aliases])),
                         old.wikidata or new.wikidata, old.parent or new.parent,
                         old.description or new.description)
        self.renames.append((old, renamed))
        self._entities.pop(old.id, None)
        for key, value in list(self._by_key.items()):
            if value == old.id:
                self._by_key[key] = renamed.id
        return renamed

    def _follow(self, entity: Entity) -> Entity:
        target = follow(self.merges, entity.id)
        if target == entity.id:
            return entity
        merged = self.entity(target)
        if merged is None:
            return entity
        return replace(merged, aliases=tuple(dict.fromkeys([*merged.aliases, entity.name])))

    def _transliteration(self, ref: EntityRef) -> NameMatch | None:
        """A Hangul name against the Latin names of registry and store entities;
        a Latin name against store entities known only by a Hangul name (the
        registry's Hangul aliases are its own: a Latin name that missed the
        registry's Latin names is not one of its entities)."""
        hangul = has_hangul(ref.name)
        if not hangul and not has_latin(ref.name):
            return None
        # Only the entities with a name that may score above 0 (the blocking index);
        # best_match over them is best_match over all: a name scoring 0 is no candidate.
        candidates: dict[str, tuple[str, ...]] = {}
        if hangul:
            registry_names = self._registry_latin_names(ref.type)
            # A Hangul name that sounds like a registry company's Latin name is another
            # spelling of it only if it begins as the registry's Korean forms of it do (when
            # it gives any): 머코르 is Mercor (머커, 머코어), but 가온로보틱스 is not Zhiyuan
            # Robotics (즈위안로보틱스) nor 다온데이터 Dnotitia (디노티시아); transcription
            # scores are lenient, and a company's own Korean name is the stronger clue.
            # People are left out: their Korean forms come in either name order.
            first = ref.name.strip()[:1] if ref.type == ORGANIZATION else None
            for key in self._registry_blocks[ref.type].candidates(ref.name):
                initials = self._registry_initials[key]
                if first is None or not initials or first in initials:
                    candidates[key] = registry_names[key]
        for key in self._blocks_of(ref.type).candidates(ref.name):
            entity = self._entities.get(key)
            if entity is None or entity.type != ref.type or self.registry.is_media(entity):
                continue
            if not hangul and not has_hangul(entity.name):
                continue
            names = tuple(n for n in (entity.name, *entity.aliases) if has_hangul(n) != hangul)
            candidates[entity.id] = candidates.get(entity.id, ()) + names
        return best_match(ref.name, candidates.items(), person=ref.type == "Person")

    def _registry_latin_names(self, entity_type: str) -> dict[str, tuple[str, ...]]:
        """Registry entity id -> its names without Hangul, for the entities of one type
        (news outlets aside), worked out once, with their blocking index: every new Hangul
        name is compared with those it may match."""
        cached = self._registry_names.get(entity_type)
        if cached is None:
            cached = self._registry_names[entity_type] = {
                entity.id: tuple(n for n in (entity.name, *entity.aliases) if not has_hangul(n))
                for entity in self.registry
                if entity.type == entity_type and not self.registry.is_media(entity)
            }
            blocks = self._registry_blocks[entity_type] = NameBlocks(person=entity_type == "Person")
            for key, names in cached.items():
                blocks.add(key, names)
                entity = self.registry.get(key)
                self._registry_initials[key] = frozenset(
                    n.strip()[:1] for n in (entity.aliases if entity else ()) if has_hangul(n))
        return cached
