"""Korean rules between organizations: competition, customers, vendors, partnerships.

General grammar over the lexicon; nothing here names an entity.
"""

from __future__ import annotations

import re

from kg.extract.document import enabled
from kg.extract.ko.base import RuleBase, Sentence, Trigger, find_all
from kg.extract.ko.mentions import Mention
from kg.extract.ko.text import alternation, words_pattern
from kg.graph.model import ORGANIZATION

# a partnership noun, its particle, then an ending verb (see OrgRules._ending_phrases)
_ENDING = r"(?:{nouns})(?:을|를|도|은|는|이|가)?\s?(?:{verbs})"
# "X의 경쟁사인 A": what stands between a vendor and its rival
_RIVAL_OF = r"의\s*(?:{nouns})(?:인|이자)?\s*"
# "관계사 A·B·C 등 4개사가 참여해 ...": one group's companies acting together are no
# partners of each other (their partner is the one the deal is with)
_AFFILIATES_BEFORE = re.compile(r"(?:관계사|계열사|자회사|그룹사|손자회사)(?:인|들)?\s*$")
# "(주요) 고객(사)(들)은 A, B": the customers of the organization named before
_CUSTOMERS_ARE = re.compile(r"(?:주요\s*)?고객(?:사)?(?:들)?(?:은|는|로는|으로는)\s")
# what stands between client names and a supply verb: "등 AI 기업들에 연산 자원을 "
_CLIENT_NOUN = re.compile(
    r"(?:와|과)?\s*(?:등\s*)?(?:[^\s,.]+\s+){0,2}?[^\s,.]*(?:사|기업|업체|기관|곳)(?:들)?(?:에|에게)\s+"
    r"(?:[^\s,.]+\s+){0,3}?"
)


# compiled once, not looked up in re's cache at each organization and trigger
_RIVAL_KIND = re.compile(r"(?:^|\s|등\s*)경쟁\s")  # "경쟁 데이터 라벨링 업체"
_RIVAL_NOUN_LINK = re.compile(r"(?:인|이자|로|으로)?\s*")  # "경쟁사(인) Y"
_GENITIVE_GAP = re.compile(r"\s*의\s*")
_GENITIVE_BEFORE = re.compile(r"\S의\s*$")


class OrgRules(RuleBase):
    """COMPETES_WITH, VENDOR_TO, ENDED_PARTNERSHIP and PARTNERED_WITH."""

    def _competition(self, sent: Sentence) -> None:
        nouns = self.rel["COMPETES_WITH"]["nouns"]
        text = sent.text
        done: set[int] = set()
        # a group whose head noun says they are competitors: "A, B 등 경쟁사", "경쟁 ... 업체"
        for m in sent.mentions:
            if m.type != ORGANIZATION or m.group in done:
                continue
            head = m.head
            # "경쟁 데이터 라벨링 업체" names rivals; "시장 경쟁 우위" is no kind of company
            rival_kind = _RIVAL_KIND.search(head + " ") and head.split()[-1].endswith(
                tuple(self.lex["org_cues"]))
            if not (any(n in head for n in nouns) or rival_kind):
                continue
            done.add(m.group)
            group = self._group(sent, m)
            rival = self._rival_of(sent, group)
            for g in group:
                if rival is not None:
                    self._claim("COMPETES_WITH", g, rival, sent, rule="ko.competes_with.rival_group")
        # "X의 경쟁사(인) Y", "경쟁사인 Y"
        for t in find_all(text, nouns, "cw"):
            m = _RIVAL_NOUN_LINK.match(text[t.end :])
            after = t.end + (m.end() if m else 0)
            ys = [x for x in sent.mentions if x.type == ORGANIZATION and x.start == after]
            if not ys or ys[0].group in done:
                continue
            done.add(ys[0].group)
            group = self._group(sent, ys[0])
            owner = [
                x
                for x in sent.mentions
                if x.type == ORGANIZATION
                and x.end <= t.start
                and _GENITIVE_GAP.fullmatch(text[x.end : t.start])
            ]
            if not owner and _GENITIVE_BEFORE.search(text[: t.start]):
                continue  # "챗GPT의 경쟁사인 Y": the rival named is no organization; guess none
            rival = owner[-1] if owner else self._rival_of(sent, group)
            for g in group:
                if rival is not None:
                    self._claim("COMPETES_WITH", g, rival, sent, rule="ko.competes_with.rival_noun")

    def _rival_of(self, sent: Sentence, group: list[Mention]) -> Mention | None:
        keys = {g.key for g in group}
        first = min(g.start for g in group)
        besides = [
            x
            for x in sent.mentions
            if x.end <= first
            and x.type == ORGANIZATION
            and sent.text[x.end : x.end + 4].lstrip().startswith(("외에", "외", "뿐"))
        ]
        if besides:
            return besides[-1]
        prev = [x for x in sent.mentions if x.type == ORGANIZATION and x.end <= first and x.key not in keys]
        if prev:
            return prev[-1]
        if self.carried_topic is not None and self.carried_topic.key not in keys:
            return self.carried_topic
        return None

    def _customers(self, sent: Sentence) -> None:
        """ "X의 (주요) 고객(사)은 A, B ..." and "고객사였던 Y" (status from the sentence)."""
        text = sent.text
        ended = any(map(  # the words tested in C, not a generator
            text.__contains__, self.rel["ENDED_PARTNERSHIP"]["active"] + self.rel["ENDED_PARTNERSHIP"]["lost"]
        ))
        customers = "고객" in text  # else neither pattern below can match
        for m in _CUSTOMERS_ARE.finditer(text) if customers else ():
            owners = [
                x
                for x in sent.mentions
                if x.type == ORGANIZATION
                and x.end <= m.start()
                and re.fullmatch(r"\s*의\s*(?:주요\s*)?", text[x.end : m.start()])
            ]
            if not owners:
                continue
            clause = sent.clause(m.end())
            for c in self._in(sent, m.end(), clause[1]):
                self._claim("VENDOR_TO", owners[-1], c, sent, {"status": "ended" if ended else "active"},
                            rule="ko.vendor_to.customer_list")
        for m in re.finditer(r"고객(?:사)?(?:였던|이었던|인)\s", text) if customers else ():
            ys = [x for x in sent.mentions if x.type == ORGANIZATION and x.start == m.end()]
            if not ys:
                continue
            vendor = [
                x
                for x in sent.mentions
                if x.type == ORGANIZATION
                and x.end <= m.start()
                and x.particle in ("이", "가", "은", "는")
                and x.key != ys[0].key
            ] or [  # "X의 고객사인 Y"
                x
                for x in sent.mentions
                if x.type == ORGANIZATION and re.fullmatch(r"의\s*(?:주요\s*)?", text[x.end : m.start()])
            ]
            if vendor:
                status = "ended" if ended or "였던" in m.group(0) else "active"
                for y in self._group(sent, ys[0]):
                    self._claim("VENDOR_TO", vendor[0], y, sent, {"status": status},
                                rule="ko.vendor_to.former_customer")

    def _ended(self, sent: Sentence, used: list) -> None:
        lex = self.rel["ENDED_PARTNERSHIP"]
        for t in find_all(sent.text, lex["active"] + lex["lost"], "end") + self._ending_phrases(sent):
            used.append((t.start, t.end))
            if self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            q = {"date": self._date(sent, t)}
            if t.word in lex["lost"]:
                partners = self._in(
                    sent, clause[0], t.start, (ORGANIZATION,), self.lex["comitative_particles"]
                )
                losers, inferred = self._agents(sent, clause, t.start)
                for p in self._nearest_group(partners, sent):
                    for a in losers:
                        self._claim("ENDED_PARTNERSHIP", p, a, sent, q, inferred,
                                    rule="ko.ended_partnership.lost")
                continue
            subjects, inferred = self._agents(sent, clause, t.start)
            if not subjects:
                continue
            first = min(s.start for s in subjects)
            com = [
                x
                for x in self._in(sent, first, t.start, (ORGANIZATION,), self.lex["comitative_particles"])
                if x.key not in {s.key for s in subjects}
            ]
            others = self._nearest_group(com, sent)
            if not others:
                keys = {s.key for s in subjects}
                topic = [
                    x
                    for x in sent.mentions
                    if x.type == ORGANIZATION and x.key not in keys and x.particle in ("은", "는", "이", "가")
                ]
                if topic:
                    others = [topic[0]]
                elif self.carried_topic is not None and self.carried_topic.key not in keys:
                    others, inferred = [self.carried_topic], True
            for s in subjects:
                for o in others:
                    self._claim("ENDED_PARTNERSHIP", s, o, sent, q, inferred,
                                rule="ko.ended_partnership.agent_partner")

    def _ending_phrases(self, sent: Sentence) -> list[Trigger]:
        """A partnership noun, its particle, then an ending verb: "협력도 중단했다",
        "제휴 관계를 정리하고", "공급 계약을 해지했다"."""
        lex = self.rel["ENDED_PARTNERSHIP"]
        ending = words_pattern(_ENDING, nouns=alternation(tuple(lex["ending_nouns"]), longest_first=True),
                               verbs=alternation(tuple(lex["ending_verbs"])))
        out = []
        for m in ending.finditer(sent.text):
            if not any(w in m.group(0) for w in lex["active"]):
                out.append(Trigger(m.start(), m.end(), m.group(0), "end"))
        return out

    def _vendor(self, sent: Sentence, used: list) -> None:
        lex = self.rel["VENDOR_TO"]
        text = sent.text
        for t in find_all(text, lex["supply"], "sup"):
            if self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            vendors, inferred = self._agents(sent, clause, t.start)
            clients = [
                x
                for x in self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["dative_particles"])
                if x.key not in {v.key for v in vendors}
            ]
            if not clients:
                # "A와 B 등 AI 기업들에", "A와 여러 금융사에": names before a dative common noun
                clients = [
                    x
                    for x in self._in(sent, clause[0], t.start)
                    if x.key not in {v.key for v in vendors}
                    and _CLIENT_NOUN.fullmatch(text, x.pend or x.end, t.start)
                ]
            if not clients:
                # "Y가 쓰는 데이터는 X가 공급한다"
                clients = [
                    x
                    for x in sent.mentions
                    if x.type == ORGANIZATION and x.end <= t.start and x.key not in {v.key for v in vendors}
                    and re.match(r"(?:이|가)?\s*(?:쓰|사용하|이용하|활용하)는\s", text[x.end : x.end + 8])
                ]
            if not clients:
                clients = [
                    x
                    for x in sent.mentions
                    if x.type == ORGANIZATION
                    and t.start - 40 < x.start < t.start
                    and x.particle in ("이", "가")
                    and x.key not in {v.key for v in vendors}
                    and vendors
                    and x.start > vendors[0].start
                ]
            service = next(
                (en for ko, en in lex["services"].items() if ko in text[clause[0] : t.start]), None
            )
            for v in vendors:
                for c in self._nearest_group(clients, sent):
                    self._claim("VENDOR_TO", v, c, sent, {"service": service, "status": "active"}, inferred,
                                rule="ko.vendor_to.supply")
        for t in find_all(text, lex["collab"], "col"):
            if self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            clients, inferred = self._agents(sent, clause, t.start)
            partners = [
                x
                for x in self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["comitative_particles"])
                if x.key not in {c.key for c in clients}
            ]
            group = self._nearest_group(partners, sent)
            if not group:
                continue
            cue_before = rf"(?:{'|'.join(lex['vendor_cues'])})\s*$"
            described = any(c in group[0].head for c in lex["vendor_cues"]) or bool(
                re.search(cue_before, text[max(0, group[0].start - 8) : group[0].start])
            )
            vendor_kind = all(
                self.registry.kinds.get(g.id or "", "") in self.lex["vendor_kinds"] for g in group
            )
            if not (described or vendor_kind or self._rival_of_vendor(sent, group[0])):
                continue
            used.append((t.start, t.end))
            besides = [
                x
                for x in sent.mentions
                if x.end <= group[0].start
                and x.type == ORGANIZATION
                and text[x.end : x.end + 4].lstrip().startswith(("외에", "외"))
            ]
            ended = any(w in text[t.end :] for w in self.rel["ENDED_PARTNERSHIP"]["active"])
            before = text[clause[0] : t.start]
            service = next((en for ko, en in lex["services"].items() if ko in before), None)
            for c in clients:
                for v in group + besides[-1:]:
                    q = {"status": "ended" if ended else "active", "service": service}
                    self._claim("VENDOR_TO", v, c, sent, q, inferred, rule="ko.vendor_to.collab_vendor")

    def _rival_of_vendor(self, sent: Sentence, first: Mention) -> bool:
        """ "X의 경쟁사인 A": a competitor of a vendor the registry knows sells the same."""
        rival_of = words_pattern(_RIVAL_OF, nouns=alternation(tuple(self.rel["COMPETES_WITH"]["nouns"])))
        for x in sent.mentions:
            if x.type == ORGANIZATION and x.particle == "의" and x.end <= first.start:
                gap = sent.text[x.end : first.start]
                if rival_of.fullmatch(gap):
                    return self.registry.kinds.get(x.id or "", "") in self.lex["vendor_kinds"]
        return False

    @staticmethod
    def _unnamed_partner(sent: Sentence, subjects: list[Mention], trigger: int) -> bool:
        """ "A와 B도 빅테크와 협력": the partner's place (a noun marked 와/과 as an adverbial,
        JKB, not the conjunction JC of "A와 B") is taken by a company unnamed, so A and B
        are not told as partners of each other."""
        after = max(x.end for x in subjects)
        return any(tok.tag == "JKB" and tok.form in ("와", "과") and after <= tok.start < trigger
                   for tok in sent.tokens)

    def _partnered(self, sent: Sentence, used: list) -> None:
        text = sent.text
        for t in find_all(text, self.rel["PARTNERED_WITH"]["active"], "par"):
            if any(a <= t.start < b for a, b in used) or self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            subjects, inferred = self._agents(sent, clause, t.start)
            partners = [
                x
                for x in self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["comitative_particles"])
                if x.key not in {s.key for s in subjects}
            ]
            group = self._nearest_group(partners, sent)
            rule = "ko.partnered_with.agent_partner"
            if not group and re.match(r"\S*을 체결한\s|\S*를 맺은\s", text[t.end : t.end + 8]):
                nxt = [x for x in sent.mentions if x.type == ORGANIZATION and t.end < x.start <= t.end + 10]
                group, rule = nxt[:1], "ko.partnered_with.relative_head"
            q = {"date": self._date(sent, t)}
            pair = [w for w in self.lex["pair_words"] if w in text[max(0, t.start - 16) : t.start]]
            if not group and pair and enabled("coreference"):
                # "양사 간 협력", "두 회사 간의 기술적 협력": the two organizations of the sentence
                named: list[Mention] = []
                for x in sent.mentions:
                    if x.type == ORGANIZATION and x.start < t.start and x.key not in {n.key for n in named}:
                        named.append(x)
                known = [x for x in named if x.id is not None]
                if len(known) == 2:
                    named = known
                if len(named) == 2:
                    subjects, group, inferred = named[:1], named[1:], False
                    rule = "ko.partnered_with.pair_word"
            if not group and subjects and not inferred:
                # "A가 B에 투자하며 파트너십을 강화했다": the other party of the sentence's deal
                keys = {s.key for s in subjects}
                objs = [
                    x
                    for x in sent.mentions
                    if x.type == ORGANIZATION
                    and x.end <= t.start
                    and x.key not in keys
                    and x.particle in ("에", "을", "를")
                    and not x.head
                ]
                if objs:
                    group, rule = objs[-1:], "ko.partnered_with.deal_party"
            if len(subjects) > 1 and "각각" in text[clause[0] : t.start]:
                # "A와 B가 각각 C·D와 E와 협력": respectively, the i-th agent with the i-th
                # group of partners; counts that do not line up pair no one
                groups: list[list[Mention]] = [[]]
                for x in sorted(partners, key=lambda m: m.start):
                    groups[-1].append(x)
                    if text[x.end : x.end + 1] in ("와", "과"):
                        groups.append([])  # "C·D와 E와": the particle written after D closes a group
                groups = [g for g in groups if g]
                if len(groups) == len(subjects):
                    for s, partner_group in zip(subjects, groups, strict=True):
                        for g in partner_group:
                            self._claim("PARTNERED_WITH", s, g, sent, q, inferred, rule=rule)
            elif group:
                for s in subjects:
                    for g in group:
                        self._claim("PARTNERED_WITH", s, g, sent, q, inferred, rule=rule)
                if t.word in self.rel["PARTNERED_WITH"]["joint_bodies"]:
                    # "A는 B, C와 얼라이언스를 결성했다": the members of one joint body are
                    # partners of each other too, every pair (GUIDE.md: a joint project)
                    agents = {x.key for x in subjects}
                    members = list({x.key: x for x in group if x.key not in agents}.values())
                    for i, a in enumerate(members):
                        for b in members[i + 1 :]:
                            self._claim("PARTNERED_WITH", a, b, sent, q, rule="ko.partnered_with.joint_body")
            elif (len(subjects) > 1 and not inferred and not self._unnamed_partner(sent, subjects, t.start)
                  and not _AFFILIATES_BEFORE.search(text, 0, min(x.start for x in subjects))):
                for i, a in enumerate(subjects):
                    for b in subjects[i + 1 :]:
                        self._claim("PARTNERED_WITH", a, b, sent, q, rule="ko.partnered_with.coordinated")
