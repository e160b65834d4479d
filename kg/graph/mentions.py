"""Which registry entities a document names, facts or not.

A document MENTIONS every entity it names, so "which articles mention X" is
one query. Extraction finds the entities of facts; this scan adds the ones
named in passing. An alias counts where it stands as a word of its own: a
Latin alias between non-letters ("Meta", not "metadata"), a Korean alias
not glued to other Hangul before it and followed by a particle or nothing
("메타가", "메타의", not "메타버스").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

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
def _patterns(registry: Registry) -> list[tuple[str, str, Entity]]:
    """(alias, pattern source, entity) per scanned alias, longest alias first.

    Sources, not compiled patterns: compiling all of them (the Hangul classes
    make each one slow to compile) cost more than scanning a whole corpus,
    and a document contains only a few of the aliases; see ``_compiled``.
    """
    out = []
    for alias in registry.aliases():  # longest first
        text = alias.text.strip()
        if alias.weak or registry.is_media(alias.entity):
            continue
        if _has_hangul(text):
            if len(text) < MIN_HANGUL_ALIAS:
                continue
            pattern = rf"(?<![가-힣\w]){re.escape(text)}(?=$|[^가-힣\w]|(?:{_PARTICLE})(?![가-힣]))"
        else:
            if len(text) < MIN_LATIN_ALIAS:
                continue
            pattern = rf"(?<![\w]){re.escape(text)}(?![\w])"
        out.append((text, pattern, alias.entity))
    return out


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """An alias pattern, compiled the first time a document contains its alias."""
    return re.compile(pattern)


def mentioned_entities(text: str, registry: Registry) -> list[Entity]:
    """Registry entities named in ``text`` (news outlets aside), in order of first mention.

    Overlapping aliases go to the longest ("Scale AI" is not also "Scale").
    """
    taken: list[tuple[int, int]] = []
    first: dict[str, tuple[int, Entity]] = {}
    for literal, pattern, entity in _patterns(registry):
        if literal not in text:
            continue  # most aliases are absent: a substring test is far cheaper than the pattern
        for m in _compiled(pattern).finditer(text):
            start, end = m.start(), m.start() + len(m.group(0))
            if any(start < e and end > s for s, e in taken):
                continue
            taken.append((start, end))
            if entity.id not in first or start < first[entity.id][0]:
                first[entity.id] = (start, entity)
    return [entity for _, entity in sorted(first.values(), key=lambda v: v[0])]
