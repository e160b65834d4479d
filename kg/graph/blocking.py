"""A blocking index of names: which entities a new name is worth comparing with.

The resolver compares a name in one script with the names in the other
(``kg.graph.names.similarity``). Compared with every stored entity, that is
quadratic in an archive. :class:`NameBlocks` files each name under its
blocking keys (``kg.graph.names.hangul_block_keys`` / ``latin_block_keys``:
necessary conditions of a positive score, so nothing the exhaustive comparison
could score is left out) and answers, for a new name, the entities with a
name under a compatible key. The matcher then runs on those alone, and
``best_match`` returns what it returns over every entity: a name outside
every block scores 0, and a score of 0 is no candidate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kg.graph.names import (
    BlockKey,
    compatible_hangul_keys,
    compatible_latin_keys,
    hangul_block_keys,
    has_hangul,
    latin_block_keys,
)


class NameBlocks:
    """Entity keys (ids) filed by the blocking keys of their names, for one entity type.

    ``person``: the names are people's (the matcher's romanization of Korean
    personal names and any word order apply).
    """

    def __init__(self, person: bool = False) -> None:
        self.person = person
        self._latin: dict[BlockKey, set[str]] = defaultdict(set)
        self._hangul: dict[BlockKey, set[str]] = defaultdict(set)

    def add(self, key: str, names: Iterable[str]) -> None:
        """File ``names`` of the entity ``key`` (again filing a name is harmless)."""
        for name in names:
            if has_hangul(name):
                for block in hangul_block_keys(name, person=self.person):
                    self._hangul[block].add(key)
            else:
                for block in latin_block_keys(name, person=self.person):
                    self._latin[block].add(key)

    def candidates(self, name: str) -> set[str]:
        """The entities with a name in the other script that ``name`` may match."""
        found: set[str] = set()
        if has_hangul(name):
            index, keys, compatible = self._latin, hangul_block_keys(name, person=self.person), \
                compatible_latin_keys
        else:
            index, keys, compatible = self._hangul, latin_block_keys(name, person=self.person), \
                compatible_hangul_keys
        for key in keys:
            for other in compatible(key):
                members = index.get(other)
                if members:
                    found |= members
        return found
