"""Korean departures told with the person alone, and where a leaver went.

- "NAME COO는 지난 5월 사임했다" with no organization in the sentence: the person left
  the organization the document already said the person works at;
- "NAME은 ... 회사를 떠나 현재 Z에서 전략총괄을 맡고 있다": Z hired the person, from the
  organization the person left.

General grammar; nothing here names an entity. ``LeaverRules`` is a mixin of the rules.
"""

from __future__ import annotations

import re

from kg.extract.ko.base import Sentence, Trigger
from kg.extract.ko.text import PRONOUN_SUBJECT, Mention
from kg.graph.model import ORGANIZATION, PERSON

_LEFT = re.compile(r"(?:사임|퇴사|사직|퇴임)(?:했다|했으며|했고|한 것으로)|(?:회사를\s)?떠났다")
_NOW_AT = re.compile(
    r"(?:떠나|떠난\s뒤|떠난\s후|퇴사한\s뒤|퇴사\s후|그만두고|그만둔\s뒤)\s*(?:현재\s|지금은\s|현재는\s)"
)
_LETTER = re.compile(r"에\s?(?:사표|사직서)를\s?(?:냈|낸|제출|던졌|던진)")
# "한 CSO는": a surname and a title standing for a person the document named
_SURNAME_TITLE = re.compile(
    r"([가-힣])\s(?:[A-Z]{2,5}|대표|사장|부사장|전무|상무|이사|박사|교수|리더)(?:은|는|이|가)\s"
)
# "Y에서 연구원으로 일하던 NAME을 영입했다": the hire left Y
_WAS_AT = re.compile(
    r"에서\s(?:[^\s,.]+\s){0,5}?[^\s,.]*(?:하던|일하던|이끌던|맡던|근무하던|몸담던|몸담았던|재직하던)\s"
)
# "그는 X를 떠나", "X는 그를 영입했다": the pronoun is the person last named
_HIM = re.compile(r"(?:^|\s)(?:그|그녀)(?:를|을)\s(?:[^\s,.]+\s){0,3}?(?:영입|채용|스카우트)(?:했|한|해)")
_ROLE_NOW = re.compile(
    r"에서\s(?:[^\s,.]+\s){0,4}?[^\s,.]*(?:을|를)?\s?(?:맡고|이끌고|일하고|근무하고|활동하고)\s있"
)


class LeaverRules:
    """DEPARTED and HIRED from '사임했다' alone and '떠나 현재 Z에서'; a mixin of the rules."""

    def _employer(self, name: str):
        works = [c.object.name for c in self.claims if c.relation == "WORKS_AT" and c.subject.name == name]
        found = [o for o in self.state.last_orgs if works and o.name == works[-1]]
        return found[-1] if found else None

    def _leavers(self, sent: Sentence) -> None:
        text = sent.text
        self._hired_away(sent)
        self._pronoun_moves(sent)
        if any(c.relation == "DEPARTED" and c.evidence == text for c in self.out):
            self._now_at(sent)
            return
        self._resigned_to(sent)
        if any(m.type == ORGANIZATION for m in sent.mentions):
            return
        for v in _LEFT.finditer(text):
            t = Trigger(v.start(), v.end(), v.group(0), "dep")
            if self._modal(sent, t):
                continue
            people = [m for m in sent.mentions if m.type == PERSON and m.end <= v.start()
                      and m.particle in ("은", "는", "이", "가")]
            if len(people) != 1:
                continue
            org = self._employer(people[0].name)
            if org is not None:
                q = {"role": people[0].title or None, "date": self._date(sent, t)}
                self._claim("DEPARTED", people[0], org, sent, q, rule="ko.departed.known_employer")

    def _now_at(self, sent: Sentence) -> None:
        text = sent.text
        m = _NOW_AT.search(text)
        if m is None:
            return
        orgs = [x for x in sent.mentions if x.type == ORGANIZATION and x.start >= m.end()
                and _ROLE_NOW.match(text, x.end)]
        if not orgs:
            return
        t = Trigger(m.start(), m.end(), m.group(0), "hire")
        if self._modal(sent, t):
            return
        z = orgs[0]
        for c in [c for c in self.out if c.relation == "DEPARTED" and c.evidence == text]:
            person = next((p for p in sent.mentions if p.type == PERSON and p.name == c.subject.name), None)
            named = [o for o in sent.mentions if o.type == ORGANIZATION and o.name == c.object.name]
            earlier = [o for o in self.state.last_orgs if o.name == c.object.name]
            left = (named or earlier[-1:] or [None])[0]
            if person is None:
                continue
            self._claim("HIRED", z, person, sent, {}, rule="ko.hired.now_at")
            if left is not None and left.key != z.key:
                self._claim("HIRED_FROM", z, left, sent, {}, derived=True, rule="ko.hired_from.now_at")

    def _resigned_to(self, sent: Sentence) -> None:
        """ "NAME은 지난달 ORG에 사표를 냈다": the person left ORG."""
        for o in [x for x in sent.mentions if x.type == ORGANIZATION]:
            v = _LETTER.match(sent.text, o.end)
            if v is None or self._modal(sent, Trigger(v.start(), v.end(), v.group(0), "dep")):
                continue
            people = [m for m in sent.mentions if m.type == PERSON and m.end <= o.start
                      and m.particle in ("은", "는", "이", "가")]
            people = people or self._surname_subject(sent)
            if people:
                t = Trigger(v.start(), v.end(), v.group(0), "dep")
                q = {"role": people[-1].title or None, "date": self._date(sent, t)}
                self._claim("DEPARTED", people[-1], o, sent, q, rule="ko.departed.resignation_letter")

    def _surname_subject(self, sent: Sentence) -> list:
        m = _SURNAME_TITLE.match(sent.text)
        if m is None:
            return []
        names = {c.object.name for c in self.claims if c.relation == "HIRED" and c.object.type == PERSON}
        names |= {c.subject.name for c in self.claims if c.subject.type == PERSON}
        hits = sorted(n for n in names if n.startswith(m.group(1)) and 2 <= len(n) <= 4)
        if len(hits) != 1:
            return []
        p = Mention(m.start(), m.start(1) + 1, hits[0], PERSON, None, "", particle=m.group(0)[-2])
        p.anaphoric = True
        return [p]

    def _hired_away(self, sent: Sentence) -> None:
        text = sent.text
        hires = [c for c in self.out if c.relation == "HIRED" and c.evidence == text]
        for c in hires:
            p = next((m for m in sent.mentions if m.type == PERSON and m.name == c.object.name
                      and m.particle in ("을", "를")), None)
            if p is None:
                continue
            before = [o for o in sent.mentions
                      if o.type == ORGANIZATION and o.particle == "에서" and o.end < p.start]
            if not before:
                continue
            y = before[-1]
            w = _WAS_AT.match(text, y.end)
            if w is None or w.end() != p.start or y.name == c.subject.name:
                continue
            if any(m.start > y.end and m.end <= p.start for m in sent.mentions):
                continue
            self._claim("DEPARTED", p, y, sent, {"role": p.title or None}, rule="ko.departed.hired_away")

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
        him = _HIM.search(text)
        if him and not self._modal(sent, Trigger(him.start(), him.end(), him.group(0), "hire")):
            hirer = [o for o in orgs if o.end <= him.start() and o.particle in ("은", "는", "이", "가")]
            if hirer:
                t = Trigger(him.start(), him.end(), him.group(0), "hire")
                self._claim("HIRED", hirer[-1], p, sent, {"date": self._date(sent, t)}, True,
                              rule="ko.hired.pronoun_object")
