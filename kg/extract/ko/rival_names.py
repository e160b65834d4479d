"""Unknown company names told by the place they take in a sentence about rivals.

- "Y를 (가장 강력한) 경쟁사로 꼽는다": Y is a company;
- "X는 Y와 함께 ... 대표 스타트업으로 꼽힌다" (X a known company): Y is a company too.

General grammar; nothing here names an entity. ``RivalNameDiscovery`` is a mixin of
``MentionFinder``.
"""

from __future__ import annotations

import re

from kg.extract.ko.text import Mention, alternation, words_pattern
from kg.graph.model import ORGANIZATION

_WORD = r"([\uac00-\ud7a3A-Za-z0-9]{2,})"
_KINDS = r"(?:스타트업|기업|회사|업체)"
# "Y를 (가장 강력한) 경쟁사로 꼽는다" ({nouns}: the rival nouns)
_NAMED_VERBS = ("꼽", "지목", "여기", "규정")
_NAMED = (rf"(?:^|\s){_WORD}(?:을|를)\s(?:[^\s,.]+\s){{0,3}}?(?:{{nouns}})(?:로|으로)\s"
          rf"(?:{'|'.join(_NAMED_VERBS)})")
_ALONG = re.compile(rf"(?:^|\s){_WORD}(?:와|과)\s함께\s(?:[^\s,.]+\s){{0,5}}?(?:대표\s)?"
                    rf"(?:[^\s,.]+\s)?{_KINDS}(?:으로|로)\s꼽힌")


class RivalNameDiscovery:
    """Finds names in '…를 경쟁사로 꼽는다' and '…와 함께 …로 꼽힌다'."""

    def _discover_rival_names(self, sentence: str, tokens: list, found: list, free, add) -> None:
        hits: list[re.Match[str]] = []
        # each pattern backtracks over the words before every position, and each match
        # holds one of its verbs: most sentences have none
        if any(map(sentence.__contains__, _NAMED_VERBS)):
            nouns = alternation(tuple(self.lex["relations"]["COMPETES_WITH"]["nouns"]))
            hits += words_pattern(_NAMED, nouns=nouns).finditer(sentence)
        if "꼽힌" in sentence and "함께" in sentence:
            subjects = [m for m in found if m.type == ORGANIZATION
                        and re.match(r"(?:은|는|이|가)\s", sentence[m.end : m.end + 2])]
            hits += [m for m in _ALONG.finditer(sentence) if any(x.end < m.start(1) for x in subjects)]
        for m in hits:
            word = m.group(1)
            s = m.start(1)
            e = s + len(word)
            tok = next((t for t in tokens if t.start == s), None)
            if tok is None or tok.end != e or tok.tag not in ("NNP", "NNG", "SL"):
                continue  # one noun, the whole word: "중국 기업을" is no name
            if (not free(s, e) or word in self._non_names or word in self.lex["org_cues"]
                    or len(word) < 3 and tok.tag == "NNG"):
                continue
            ref = self._ref(word) or (word, ORGANIZATION, None, "")
            if ref[1] != ORGANIZATION:
                continue
            add(Mention(s, e, ref[0], ref[1], ref[2], ref[3], discovered=ref[2] is None))
            self.state.local_aliases[word] = ref
