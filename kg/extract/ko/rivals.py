"""Korean competition told by a verb, not by a noun before a name.

- "Y와 경쟁하는 X", "X는 Y와 경쟁하고 있다": X COMPETES_WITH Y.

General grammar; nothing here names an entity.
"""

from __future__ import annotations

import re

from kg.extract.ko.base import Sentence, Trigger
from kg.graph.model import ORGANIZATION

_VERB = re.compile(
    r"\s*(?:[^\s,.]+(?:\s[^\s,.]+){0,4}?(?:을|를)\s(?:놓고|두고)\s*)?"  # "Y와 시장을 놓고 경쟁"
    r"(?:치열하게\s*|정면으로\s*|직접\s*)?경쟁(?:하|해|한|중|을 벌|관계)"
)
_ETC = re.compile(r"\s*등(?:과|와)")


class RivalRules:
    """COMPETES_WITH from '와 경쟁하다'; a mixin of the rules."""

    def _rivals(self, sent: Sentence) -> None:
        text = sent.text
        orgs = [m for m in sent.mentions if m.type == ORGANIZATION]
        subjects = [x for x in orgs if x.particle in ("은", "는", "이", "가")]
        for y in orgs:
            etc = _ETC.match(text, y.end)
            if y.particle in ("와", "과") or etc:
                v = _VERB.match(text, etc.end() if etc else (y.pend or y.end))
                if v is None:
                    continue
                t = Trigger(v.start(), v.end(), v.group(0), "cw")
                if self._modal(sent, t):
                    continue
                head = [x for x in orgs if v.end() < x.start <= v.end() + 4]
                subj = [x for x in subjects if x.end <= y.start]
                others = head[:1] or subj[-1:]
                if not others and self.carried_topic is not None and not subjects:
                    others = [self.carried_topic]
                listed = [z for z in orgs if z.group == y.group] if etc else [y]
                for x in others:
                    for z in listed:
                        if x.key != z.key:
                            self._claim("COMPETES_WITH", x, z, sent, {}, x is self.carried_topic,
                                        rule="ko.competes_with.verb")
