"""Which of many fixed strings occur in a text, without testing every one of them.

Extractors ask, sentence after sentence, which of the registry's thousands of
aliases a text contains; testing ``alias in text`` for each one costs more
than everything else done with the few that do occur. An Aho-Corasick
automaton (pyahocorasick) finds every occurrence of every string in one pass
over the text. It replaced strings filed by their first two characters and
tested one by one, which cost 2.4 times as much per Korean sentence (many
lower-cased Latin aliases share a first pair: "sa", "ch", "in"): about 3 % of
the Korean pipeline's time, now half that.

    >>> index = SubstringIndex(["Meta", "메타", "AI", "X"])
    >>> index.found_in("메타는 Scale AI에 투자했다")
    [1, 2]
"""

from __future__ import annotations

from collections.abc import Sequence

import ahocorasick


class SubstringIndex:
    """Fixed strings in an Aho-Corasick automaton, each text with its positions in ``needles``."""

    def __init__(self, needles: Sequence[str]) -> None:
        self.needles = tuple(needles)
        positions: dict[str, list[int]] = {}  # a string given twice is found at both positions
        for i, needle in enumerate(self.needles):
            positions.setdefault(needle, []).append(i)
        self._empty = tuple(positions.pop("", ()))  # occurs in every text; no automaton holds it
        self._automaton: ahocorasick.Automaton | None = None
        if positions:
            automaton = ahocorasick.Automaton()
            for needle, found in positions.items():
                automaton.add_word(needle, tuple(found))
            automaton.make_automaton()
            self._automaton = automaton

    def found_in(self, text: str) -> list[int]:
        """Indices (ascending) of the strings that occur in ``text``."""
        hits = list(self._empty)
        if self._automaton is not None:
            # one tuple of positions per string found, however often it occurs
            for found in {found for _end, found in self._automaton.iter(text)}:
                hits.extend(found)
        hits.sort()
        return hits

    def __reduce__(self) -> tuple[type[SubstringIndex], tuple[tuple[str, ...]]]:
        # rebuilt from the strings where it is unpickled (a worker process)
        return SubstringIndex, (self.needles,)
