"""Korean competition told by a verb or a predicate noun, not by a noun before a name.

- "Y와 경쟁하는 X", "X는 Y와 경쟁하고 있다": X COMPETES_WITH Y;
- "X는 Y의 라이벌로 꼽힌다", "X는 Y의 경쟁사다": X COMPETES_WITH Y.

General grammar; nothing here names an entity.
"""

from __future__ import annotations

import re

from kg.graph.model import ORGANIZATION
from kg.loaders.korean_base import Sentence, Trigger

_VERB = re.compile(r"\s*(?:치열하게\s*|정면으로\s*|직접\s*)?경쟁(?:하|해|한|중|을 벌|관계)")


class RivalRules:
    """COMPETES_WITH from '와 경쟁하다' and 'X는 Y의 라이벌'; a mixin of the rules."""

    def _rivals(self, sent: Sentence) -> None:
        text = sent.text
        orgs = [m for m in sent.mentions if m.type == ORGANIZATION]
        subjects = [x for x in orgs if x.particle in ("은", "는", "이", "가")]
        for y in orgs:
            if y.particle in ("와", "과"):
                v = _VERB.match(text, y.pend or y.end)
                if v is None:
                    continue
                t = Trigger(v.start(), v.end(), v.group(0), "cw")
                if self._modal(sent, t):
                    continue
                head = [x for x in orgs if v.end() < x.start <= v.end() + 4]
                subj = [x for x in subjects if x.end <= y.start]
                others = head[:1] or subj[-1:]
                if not others and self.state.topic is not None and not subjects:
                    others = [self.state.topic]
                for x in others:
                    if x.key != y.key:
                        self._claim("COMPETES_WITH", x, y, sent, {}, x is self.state.topic)
            elif y.particle == "의":
                nouns = "|".join(map(re.escape, self.rel["COMPETES_WITH"]["nouns"]))
                if not re.match(rf"의\s*(?:{nouns})(?:로|으로|이다|다|였다|이었다|라는|인)?(?:\s|$)",
                                text[y.end : y.end + 14]):
                    continue
                after = re.match(rf"의\s*(?:{nouns})(?:인|이자|로|으로)?\s*", text[y.end :])
                if after and any(x.start == y.end + after.end() for x in orgs):
                    continue  # "Y의 경쟁사 X": the noun rule's case
                for x in [x for x in subjects if x.end <= y.start][-1:]:
                    if x.key != y.key:
                        self._claim("COMPETES_WITH", x, y, sent)
