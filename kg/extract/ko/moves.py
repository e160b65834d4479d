"""Korean moves of a person to a new organization the hire rules miss.

- "그는 ... Y에 (ROLE으로) 합류했다": the pronoun is the person last named;
- "NAME은 ... Y의 TITLE로 자리를 옮긴다", "NAME 대표는 Y TITLE을 맡아": a person the
  document placed at another organization moves to Y.

Y HIRED the person; the organization the document placed them at before (a
departure, a title, a founding) is where Y HIRED_FROM. Departures the leave rules
miss are read here too: "Y를 이끌던 NAME 부사장도 사임했다", and "그는 X를 떠나" (the
pronoun is the person last named). General grammar; nothing here names an entity.
"""

from __future__ import annotations

import re

from kg.extract.ko.base import Sentence, Trigger
from kg.extract.ko.mentions import Mention
from kg.extract.ko.text import PRONOUN_SUBJECT, PRONOUN_SUBJECT_TOO
from kg.extract.rulebook import rule_of
from kg.graph.model import ORGANIZATION, PERSON

_JOIN = re.compile(r"합류(?:했|하였|한다|해)")
_LED = re.compile(r"(?:을|를)\s+(?:이끌던|이끌어\s?온|이끌었던|맡던|맡았던|총괄하던|책임지던)\s+$")
_LEFT = re.compile(r"사임(?:했|하였)|퇴사(?:했|하였)|떠났|물러났|그만뒀")
_LEFT_IT = re.compile(r"(?:을|를)\s(?:떠나|떠났|퇴사)")  # right after the organization left
_MOVE = re.compile(r"자리를 옮(?:긴|겼|기|겨)|(?:을|를) 맡(?:아|는다|았|게 됐|기로 했)")


class MoveRules:
    """HIRED, HIRED_FROM and DEPARTED for moves told with a pronoun or a new title; a mixin."""

    def _prior_org(self, person: Mention, hirer: Mention) -> Mention | None:
        """The organization the document placed ``person`` at, other than ``hirer``."""
        for c in reversed(self.claims):
            if (
                c.subject.name == person.name
                and c.relation in ("DEPARTED", "WORKS_AT", "FOUNDED")
                and c.object.name != hirer.name
                and rule_of(c.extractor) != "ko.works_at.hired_as"  # the post hired into
            ):
                found = [m for m in self.state.last_orgs if m.name == c.object.name]
                if found:
                    return found[-1]
        return None

    def _left_led(self, sent: Sentence) -> None:
        """ "Y를 이끌던 NAME 부사장도 책임을 지고 사임했다": NAME left Y."""
        text = sent.text
        for p in sent.mentions:
            m = _LED.search(text[: p.start]) if p.type == PERSON else None
            led = [x for x in sent.mentions if m and x.type == ORGANIZATION and x.end == m.start()]
            v = _LEFT.search(text, p.end) if led else None
            if v is None:
                continue
            t = Trigger(v.start(), v.end(), v.group(0), "left")
            if not self._modal(sent, t):
                q = {"role": p.title or None, "date": self._date(sent, t)}
                self._claim("DEPARTED", p, led[-1], sent, q, rule="ko.departed.led_resigned")

    def _pronoun_left(self, sent: Sentence) -> None:
        """ "그는 X를 떠나": the person last named left X."""
        text = sent.text
        p = self.pronoun_person()
        if p is None or any(m.type == PERSON for m in sent.mentions) or not PRONOUN_SUBJECT.match(text):
            return
        for o in (m for m in sent.mentions if m.type == ORGANIZATION):
            v = _LEFT_IT.match(text, o.end)
            if v and not self._modal(sent, Trigger(o.end, v.end(), v.group(0), "dep")):
                self._claim("DEPARTED", p, o, sent, {}, True, rule="ko.departed.pronoun_left")

    def _hired_from_prior(self, sent: Sentence, start: int) -> None:
        """A hire told in this sentence without where from: the organization the document
        placed the person at before ("김도윤 감마 CTO ... . 김도윤은 메타에 합류했다")."""
        new = self.out[start:]
        told = {c.subject.name for c in new if c.relation == "HIRED_FROM"}
        for c in new:
            if c.relation != "HIRED" or c.subject.name in told:
                continue
            person = next((m for m in sent.mentions if m.name == c.object.name), None)
            hirer = next((m for m in self.state.last_orgs[::-1] if m.name == c.subject.name), None)
            if person is None or hirer is None:
                continue
            prior = self._prior_org(person, hirer)
            linked = {(x.subject.name, x.object.name) for x in self.claims if x.relation == "PART_OF"}
            if prior is not None and (prior.name, hirer.name) not in linked | {(b, a) for a, b in linked}:
                self._claim("HIRED_FROM", hirer, prior, sent, {"date": c.qualifiers.get("date")}, True,
                            derived=True, rule="ko.hired_from.prior_employer")
                told.add(hirer.name)

    def _moves(self, sent: Sentence) -> None:
        text = sent.text
        self._left_led(sent)
        titles = self._title_alt
        for v in list(_JOIN.finditer(text)) + list(_MOVE.finditer(text)):
            t = Trigger(v.start(), v.end(), v.group(0), "move")
            if self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            people = [x for x in sent.mentions if x.type == PERSON and x.end <= t.start
                      and (x.particle in ("은", "는", "이", "가", "도") or x.title)]
            inferred = False
            he = self.pronoun_person() if not people and PRONOUN_SUBJECT_TOO.search(text[: t.start]) else None
            if he is not None:
                people, inferred = [he], True
            if not people:
                continue
            p = people[-1]
            role = None
            if v.re is _JOIN:
                if not PRONOUN_SUBJECT_TOO.search(text[: t.start]) or not inferred:
                    continue  # a named joiner is the hire rules' case
                hirers = [x for x in sent.mentions if x.type == ORGANIZATION and clause[0] <= x.start
                          and x.end <= t.start and x.particle in ("에", "에게")]
                r = re.search(rf"({titles}|[\uac00-\ud7a3]+연구원)(?:으로|로)\s*$", text[: t.start])
                role = r.group(1) if r else None
            else:
                # "Y의 TITLE로 자리를 옮긴다", "Y TITLE을 맡아"
                gap = re.compile(rf"(?:의)?\s*(\S*?(?:{titles}))(?:\(([A-Za-z]+)\))?(?:으로|로)?\s*")
                hirers = [
                    x for x in sent.mentions
                    if x.type == ORGANIZATION and p.end <= x.start and x.end <= t.start
                    and gap.fullmatch(text[x.end : t.start])
                ]
                if hirers:
                    r = gap.fullmatch(text[hirers[-1].end : t.start])
                    role = (r.group(2) or r.group(1)) if r else None
            if not hirers:
                continue
            y = hirers[-1]
            prior = self._prior_org(p, y)
            if v.re is _MOVE and prior is None:
                continue  # a title at the person's own organization is no move
            q = {"role": role, "date": self._date(sent, t)}
            rule = "ko.hired.pronoun_join" if v.re is _JOIN else "ko.hired.moves_to_title"
            self._claim("HIRED", y, p, sent, q, inferred, rule=rule)
            if prior is not None:
                self._claim("HIRED_FROM", y, prior, sent, {"date": q["date"]}, inferred, derived=True,
                            rule="ko.hired_from.prior_employer")
