"""Korean departures told with a pronoun for the leaver.

- "그는 X를 떠나": the pronoun is the person last named, who left X.

General grammar; nothing here names an entity. ``LeaverRules`` is a mixin of the rules.
"""

from __future__ import annotations

import re

from kg.extract.ko.base import Sentence, Trigger
from kg.extract.ko.text import PRONOUN_SUBJECT
from kg.graph.model import ORGANIZATION, PERSON


class LeaverRules:
    """DEPARTED from '그는 X를 떠나'; a mixin of the rules."""

    def _pronoun_moves(self, sent: Sentence) -> None:
        text = sent.text
        p = self.pronoun_person()
        if p is None or any(m.type == PERSON for m in sent.mentions):
            return
        orgs = [m for m in sent.mentions if m.type == ORGANIZATION]
        he = PRONOUN_SUBJECT.match(text)
        if he:
            for o in orgs:
                v = re.match(r"(?:을|를)\s(?:떠나|떠났|퇴사)", text[o.end : o.end + 6])
                if v and not self._modal(sent, Trigger(o.end, o.end + v.end(), v.group(0), "dep")):
                    self._claim("DEPARTED", p, o, sent, {}, True, rule="ko.departed.pronoun_left")
