"""Korean competition told by a verb or a predicate noun, not by a noun before a name.

- "Y와 경쟁하는 X", "X는 Y와 경쟁하고 있다": X COMPETES_WITH Y;
- "X는 Y의 라이벌로 꼽힌다", "X는 Y의 경쟁사다": X COMPETES_WITH Y.

General grammar; nothing here names an entity.
"""

from __future__ import annotations

import re

from kg.extract.document import enabled
from kg.extract.ko.base import Sentence, Trigger
from kg.extract.ko.text import alternation, words_pattern
from kg.graph.model import ORGANIZATION

_VERB = re.compile(
    r"\s*(?:[^\s,.]+(?:\s[^\s,.]+){0,4}?(?:을|를)\s(?:놓고|두고)\s*)?"  # "Y와 시장을 놓고 경쟁"
    r"(?:치열하게\s*|정면으로\s*|직접\s*)?경쟁(?:하|해|한|중|을 벌|관계)"
)
_ETC = re.compile(r"\s*등(?:과|와)")
# "A, B, C의 3파전": every two of the named companies compete
_RACE = re.compile(r"의\s*(?:[2-9]|[양삼사])\s*(?:파전|강\s*구도|강\s*체제|각축)")
# "두 회사는 ... 경쟁하고 있다": the two companies the previous sentence named
_PAIR = re.compile(r"(?:이\s)?(?:두|양)\s?(?:회사|기업|업체|스타트업|사)(?:는|은|가|이)\s")
_PAIR_VERB = re.compile(r"경쟁(?:하|해|한|중|을 벌|관계)")
# "Y를 (가장 강력한) 경쟁사로 꼽는다": who names a rival
_NAMED_AS = r"(?:을|를)\s(?:[^\s,.]+\s){0,3}?(?:{nouns})(?:로|으로)\s(?:꼽|지목|여기|규정|본다|보고)"
# "X는 Y의 라이벌로 꼽힌다", "X는 Y의 경쟁사다": a rival noun after Y's 의 ends the predicate
_RIVAL_PREDICATE = r"의\s*(?:{nouns})(?:로|으로|이다|다|였다|이었다|라는|인)?(?:\s|$)"
# "Y의 경쟁사 X": the rival noun before a name
_RIVAL_NOUN = r"의\s*(?:{nouns})(?:인|이자|로|으로)?\s*"


class RivalRules:
    """COMPETES_WITH from '와 경쟁하다' and 'X는 Y의 라이벌'; a mixin of the rules."""

    def _rivals(self, sent: Sentence) -> None:
        text = sent.text
        orgs = [m for m in sent.mentions if m.type == ORGANIZATION]
        subjects = [x for x in orgs if x.particle in ("은", "는", "이", "가")]
        self._races(sent, orgs)
        self._pair(sent, orgs)
        self._named_as(sent, orgs)
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
            elif y.particle == "의":
                nouns = alternation(tuple(self.rel["COMPETES_WITH"]["nouns"]))
                if not words_pattern(_RIVAL_PREDICATE, nouns=nouns).match(text[y.end : y.end + 14]):
                    continue
                after = words_pattern(_RIVAL_NOUN, nouns=nouns).match(text[y.end :])
                if after and any(x.start == y.end + after.end() for x in orgs):
                    continue  # "Y의 경쟁사 X": the noun rule's case
                for x in [x for x in subjects if x.end <= y.start][-1:]:
                    if x.key != y.key:
                        self._claim("COMPETES_WITH", x, y, sent, rule="ko.competes_with.predicate_noun")

    def _races(self, sent: Sentence, orgs: list) -> None:
        for m in _RACE.finditer(sent.text):
            last = [x for x in orgs if x.end == m.start()]
            if not last:
                continue
            members = [x for x in orgs if x.group == last[0].group]
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if a.key != b.key:
                        self._claim("COMPETES_WITH", a, b, sent, rule="ko.competes_with.race")

    def _pair(self, sent: Sentence, orgs: list) -> None:
        prev, prev_text = getattr(self, "_prev_orgs", ([], ""))
        self._prev_orgs = (orgs, sent.text)
        m = _PAIR.match(sent.text.lstrip())
        if m is None or orgs or not enabled("coreference"):
            return
        v = _PAIR_VERB.search(sent.text)
        if v is None or self._modal(sent, Trigger(v.start(), v.end(), v.group(0), "cw")):
            return
        two = list({x.key: x for x in prev}.values())
        if len(two) != 2:
            return
        a, b = sorted(two, key=lambda x: x.start)
        # told together: "A는 B와 함께 ...", "A와 B는 ..."
        subj = ("은", "는", "이", "가")
        along = re.match(r"(?:와|과)\s함께", prev_text[b.end : b.end + 4]) and a.particle in subj
        paired = a.group == b.group and b.particle in subj
        if along or paired:
            self._claim("COMPETES_WITH", two[0], two[1], sent, {}, True, rule="ko.competes_with.pair_anaphor")

    def _named_as(self, sent: Sentence, orgs: list) -> None:
        rx = words_pattern(_NAMED_AS, nouns=alternation(tuple(self.rel["COMPETES_WITH"]["nouns"])))
        for y in orgs:
            if y.particle not in ("을", "를"):
                continue
            m = rx.match(sent.text, y.end)
            if m is None or self._modal(sent, Trigger(m.start(), m.end(), m.group(0), "cw")):
                continue
            before = [x for x in sent.mentions if x.end <= y.start and x.particle in ("은", "는", "이", "가")]
            if not before:
                continue
            x = before[-1]
            if x.type != ORGANIZATION:
                # "강 대표는 Y를 경쟁사로 꼽는다": the company the person is said to work at
                works = [c.object.name for c in self.claims
                         if c.relation == "WORKS_AT" and c.subject.name == x.name]
                found = [o for o in self.state.last_orgs if works and o.name == works[-1]]
                if not found:
                    continue
                x = found[-1]
            if x.key != y.key:
                self._claim("COMPETES_WITH", x, y, sent, rule="ko.competes_with.named_as")
