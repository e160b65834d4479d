"""Which of many fixed strings occur in a text, without testing every one of them.

Extractors ask, sentence after sentence, which of the registry's thousand and
more aliases a text contains; testing ``alias in text`` for each one costs more
than everything else done with the few that do occur. A string can only occur
where its first two characters do, so the strings are filed under their first
two characters and a text is asked only about those filed under a pair it
contains (one set intersection). The answer is exactly the strings that occur.

    >>> index = SubstringIndex(["Meta", "메타", "AI", "X"])
    >>> index.found_in("메타는 Scale AI에 투자했다")
    [1, 2]
"""

from __future__ import annotations

from collections.abc import Sequence


class SubstringIndex:
    """Fixed strings filed by their first two characters."""

    def __init__(self, needles: Sequence[str]) -> None:
        self.needles = tuple(needles)
        by_pair: dict[tuple[str, str], list[int]] = {}
        short: list[int] = []  # the empty string and single characters: tested one by one
        for i, needle in enumerate(self.needles):
            if len(needle) < 2:
                short.append(i)
            else:
                by_pair.setdefault((needle[0], needle[1]), []).append(i)
        self._by_pair = by_pair
        self._pairs = frozenset(by_pair)
        self._short = short

    def found_in(self, text: str) -> list[int]:
        """Indices (ascending) of the strings that occur in ``text``."""
        needles = self.needles
        hits = [i for i in self._short if needles[i] in text]
        for pair in self._pairs.intersection(zip(text, text[1:], strict=False)):
            hits.extend(i for i in self._by_pair[pair] if needles[i] in text)
        hits.sort()
        return hits
