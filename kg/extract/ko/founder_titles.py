"""Korean founders told by a title or by a coordinated subject.

- "창업자인 NAME 대표는", "공동창업자 NAME 부사장은": the person founded the organization
  the document says the person works at (or, in the sentence, left);
- "A 대표와 B CTO가 공동 창업했다": every person of the coordinated subject founded it.

General grammar; nothing here names an entity. ``FounderTitleRules`` is a mixin of the rules.
"""

from __future__ import annotations

import re

from kg.extract.ko.base import Sentence
from kg.graph.model import ORGANIZATION, PERSON

_TITLE_BEFORE = re.compile(r"(?:^|\s)(?:공동\s?)?(?:창업자|설립자|창립자)(?:인|이자)?\s$")

_AND = re.compile(r"(?:\s[^\s,.]{1,12}(?:\([A-Za-z]+\))?)?(?:와|과)\s")


class FounderTitleRules:
    """FOUNDED from '창업자인 NAME' and 'A와 B가 공동 창업했다'; a mixin of the rules."""

    def _founder_titles(self, sent: Sentence) -> None:
        text = sent.text
        for p in [m for m in sent.mentions if m.type == PERSON]:
            if not _TITLE_BEFORE.search(text[max(0, p.start - 12) : p.start]):
                continue
            ties = [c for c in self.claims if c.subject.name == p.name
                    and c.relation in ("WORKS_AT", "DEPARTED")]
            if not ties:
                continue
            name = ties[-1].object.name
            org = [o for o in sent.mentions if o.type == ORGANIZATION and o.name == name]
            org = org or [o for o in self.state.last_orgs if o.name == name][-1:]
            if org:
                self._claim("FOUNDED", p, org[0], sent, {}, rule="ko.founded.title_known_employer")
        for c in [c for c in self.out if c.relation == "FOUNDED" and c.evidence == text]:
            f = [m for m in sent.mentions if m.type == PERSON and m.name == c.subject.name]
            if not f:
                continue
            org = [o for o in sent.mentions if o.type == ORGANIZATION and o.name == c.object.name]
            if not org:
                continue
            for m in sent.mentions:
                # "A 대표와 B CTO가": A is joined to the subject by 와/과
                if m.type == PERSON and m.end < f[0].start and m.name != c.subject.name and _AND.fullmatch(
                        text[m.end : f[0].start]):
                    self._claim("FOUNDED", m, org[0], sent, dict(c.qualifiers), rule="ko.founded.coordinated")
