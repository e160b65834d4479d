"""Korean founding sentences the trigger rules of ``korean_people`` miss.

- "X는 2015년 NAME 대표가 설립했다/세운 회사다": the topic is what the agent founded;
- "그는 2012년 ... X를 세웠다": the pronoun is the person last named;
- "X를 (공동) 창업한 NAME 대표": the head of the relative clause founded X and,
  with a title, works there.

General grammar; nothing here names an entity.
"""

from __future__ import annotations

import re

from kg.extract.ko.base import Sentence, Trigger
from kg.extract.ko.mentions import Mention
from kg.extract.ko.text import PRONOUN_SUBJECT
from kg.graph.model import ORGANIZATION, PERSON

_VERB = re.compile(r"(?:설립|창업|창립)(?:했|하였|한(?!다))|세웠|세운")
# "X를 (공동) 창업한 " right before a person
_RELATIVE = re.compile(r"(?:을|를)\s+(?:공동\s*)?(?:설립|창업|창립)한\s*$|(?:을|를)\s+(?:함께\s+)?세운\s*$")


class FounderRules:
    """FOUNDED (and the founder's WORKS_AT) from founding verbs; a mixin of the rules."""

    def _founding_org(self, sent: Sentence, p: Mention) -> Mention | None:
        """The organization of "X를 창업한 NAME": X, else None."""
        m = _RELATIVE.search(sent.text[: p.start])
        if not m:
            # "NAME 대표가 2019년 세운 X": the head of the relative clause the person is agent of
            v = re.match(r"\s*[^\s,]*(?:이|가)\s+(?:[^\s,]+\s+){0,2}?(?:(?:설립|창업|창립)한|세운)\s*",
                         sent.text[p.end :])
            heads = [x for x in sent.mentions
                     if x.type == ORGANIZATION and v is not None and x.start == p.end + v.end()]
            return heads[0] if heads else None
        orgs = [x for x in sent.mentions if x.type == ORGANIZATION and x.end == m.start()]
        return orgs[-1] if orgs else None

    def _founders(self, sent: Sentence) -> None:
        text = sent.text
        for v in _VERB.finditer(text):
            t = Trigger(v.start(), v.end(), v.group(0), "found")
            if text[t.end : t.end + 1] in ("자", "된") or self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            before = [x for x in sent.mentions if x.end <= t.start]
            people = [x for x in before if x.type == PERSON and x.particle in ("이", "가") and
                      x.start >= clause[0]]
            # (the particle may stand after a quote or a noun the name is said to be: "'큐'를",
            # "X라는 스타트업을")
            objs = [x for x in before if x.type == ORGANIZATION and x.particle in ("을", "를")
                    and re.fullmatch(r"\s*(?:함께\s+|공동\s*)?", text[max(x.pend, x.end) : t.start])]
            q = {"date": self._date(sent, t)}
            if v.group(0).endswith(("한", "운")) and objs:
                # "X를 창업한 NAME 대표"
                head = [x for x in sent.mentions if x.type == PERSON and t.end < x.start <= t.end + 2]
                early = [str(d.value) for d in sent.dates if d.end <= t.start]
                for f in head[:1]:
                    self._claim("FOUNDED", f, objs[-1], sent, {"date": early[-1] if early else None},
                                rule="ko.founded.relative_founder")
                if head:
                    continue
            rule = "ko.founded.agent_patient"
            he = (self.pronoun_person() if not people and PRONOUN_SUBJECT.search(text[clause[0] : t.start])
                  else None)
            if he is not None:
                people, rule = [he], "ko.founded.pronoun"
            if not people:
                continue
            if not objs:
                # "X는 YEAR년 NAME 대표가 설립했다/세운 회사다"
                objs = [x for x in before if x.type == ORGANIZATION and x.particle in ("은", "는")
                        and x.end <= people[-1].start]
                objs = objs[:1]
                if rule == "ko.founded.agent_patient":
                    rule = "ko.founded.topic_object"
            # "A, B, C가 공동 창업했다": every name coordinated with the agent founded it
            founders = [people[-1]] if people[-1] is he else self._nearest_group(people[-1:], sent)
            for o in objs[-1:]:
                for f in founders:
                    self._claim("FOUNDED", f, o, sent, q, f is he, rule=rule)
