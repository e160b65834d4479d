"""Korean founders told by a title alone.

"창업자인 NAME 대표는", "공동창업자 NAME 부사장은": the person founded the organization
the document says the person works at (or, in the sentence, left).

General grammar; nothing here names an entity. ``FounderTitleRules`` is a mixin of the rules.
"""

from __future__ import annotations

import re

from kg.extract.ko.base import Sentence
from kg.graph.model import ORGANIZATION, PERSON

_TITLE_BEFORE = re.compile(r"(?:^|\s)(?:공동\s?)?(?:창업자|설립자|창립자)(?:인|이자)?\s$")


class FounderTitleRules:
    """FOUNDED from '창업자인 NAME'; a mixin of the rules."""

    def _founder_titles(self, sent: Sentence) -> None:
        text = sent.text
        for p in [m for m in sent.mentions if m.type == PERSON]:
            if not _TITLE_BEFORE.search(text[max(0, p.start - 12) : p.start]):
                continue
            if any(c.relation == "FOUNDED" and c.subject.name == p.name for c in self.out):
                continue  # the title rules already found what the founder title is of
            ties = [c for c in self.claims if c.subject.name == p.name
                    and c.relation in ("WORKS_AT", "DEPARTED")]
            if not ties:
                continue
            name = ties[-1].object.name
            org = [o for o in sent.mentions if o.type == ORGANIZATION and o.name == name]
            org = org or [o for o in self.state.last_orgs if o.name == name][-1:]
            if org:
                self._claim("FOUNDED", p, org[0], sent, {}, rule="ko.founded.title_known_employer")
