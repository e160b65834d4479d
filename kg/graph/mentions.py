"""Which registry entities a document names, facts or not.

A document MENTIONS every entity it names, so "which articles mention X" is
one query. Extraction finds the entities of facts; this scan adds the ones
named in passing. An alias counts where it stands as a word of its own: not glued
to a letter before it, and followed by a non-letter, a Korean particle or
nothing ("Meta", "메타가", "OpenAI는", not "metadata", "메타버스").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.graph.model import Entity
from kg.graph.registry import Registry

# Particles and endings that may follow a name in Korean, longest first.
KOREAN_PARTICLES = tuple(sorted({
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "와", "과", "로", "으로", "도", "만",
    "까지", "부터", "처럼", "보다", "이나", "나", "이며", "이고", "이다", "이라", "라", "과의", "와의",
    "에서는", "에는", "으로부터", "로부터", "측", "사", "社", "이었다", "였다", "께서", "이란", "란",
    "에도", "과도", "와도", "조차", "마저", "뿐", "쪽", "들", "등", "까지도", "한테", "엔",
}, key=len, reverse=True))
_PARTICLE = "|".join(map(re.escape, KOREAN_PARTICLES))
# Aliases this short are ordinary words or initials too often to scan for.
MIN_LATIN_ALIAS = 3
MIN_HANGUL_ALIAS = 2


def _has_hangul(text: str) -> bool:
    return any("가" <= c <= "힣" for c in text)


@lru_cache(maxsize=8)
def _scanned(registry: Registry) -> tuple[list[tuple[str, bool, Entity]], dict[int, int], list[int]]:
    """(alias, whether it is Korean, entity) per scanned alias, longest alias first; the
    position in that list of each scanned registry alias, by the alias's id(); and the
    positions of the aliases scanned without the spaces around them (tested on their own)."""
    out = []
    positions: dict[int, int] = {}
    stripped: list[int] = []
    for alias in registry.aliases():  # longest first
        text = alias.text.strip()
        if alias.weak or registry.is_media(alias.entity):
            continue
        korean = _has_hangul(text)
        if len(text) < (MIN_HANGUL_ALIAS if korean else MIN_LATIN_ALIAS):
            continue
        if text == alias.text:
            positions[id(alias)] = len(out)  # the registry holds the alias: its id() is stable
        else:
            stripped.append(len(out))
        out.append((text, korean, alias.entity))
    return out, positions, stripped


# What may stand right before and after an alias (see the module docstring).
# Literals found with str.find and these boundary tests, rather than one
# pattern per alias: compiling a pattern (the particle alternation) costs far
# more than scanning a document, and every document names new aliases.
_WORD_CHAR = re.compile(r"\w")  # Hangul syllables are word characters too
# Korean copy writes Latin names with Hangul particles ("OpenAI는", "Scale AI의"), so
# a particle ends a Latin alias as it ends a Hangul one; other Hangul glued on does not.
_AFTER_NAME = re.compile(rf"$|\W|(?:{_PARTICLE})(?![가-힣])")


def _occurrences(text: str, alias: str) -> Iterator[int]:
    """Where ``alias`` stands as a word of its own in ``text``: start offsets, left to
    right, not overlapping (as a regular expression's finditer would give them)."""
    start = text.find(alias)
    while start >= 0:
        end = start + len(alias)
        if (start == 0 or not _WORD_CHAR.match(text, start - 1)) and _AFTER_NAME.match(text, end):
            yield start
            start = text.find(alias, end)
        else:
            start = text.find(alias, start + 1)


def mentioned_entities(text: str, registry: Registry) -> list[Entity]:
    """Registry entities named in ``text`` (news outlets aside), in order of first mention.

    Overlapping aliases go to the longest ("Scale AI" is not also "Scale").
    """
    taken: list[tuple[int, int]] = []
    first: dict[str, tuple[int, Entity]] = {}
    scanned, positions, stripped = _scanned(registry)
    # the aliases written in the text are those of the registry's own scan of it, which the
    # extractors asked for the same document text just before (it keeps its last answer):
    # scanning the whole document again cost a seventieth of a Korean document's time
    found = {positions[id(a)] for a in registry.aliases_in(text) if id(a) in positions}
    found.update(i for i in stripped if scanned[i][0] in text)
    for i in sorted(found):
        alias, _, entity = scanned[i]
        for start in _occurrences(text, alias):
            end = start + len(alias)
            if any(start < e and end > s for s, e in taken):
                continue
            taken.append((start, end))
            if entity.id not in first or start < first[entity.id][0]:
                first[entity.id] = (start, entity)
    return [entity for _, entity in sorted(first.values(), key=lambda v: v[0])]
