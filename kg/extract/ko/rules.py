"""Relation rules for Korean sentences: triggers, particle roles, qualifiers, modality.

Every rule is general grammar over the lexicon in ``data/ko_lexicon.json``:
a trigger word is found, its clause is delimited, and the mentions around it
take roles by their particles. Nothing here names an entity. This module holds
the deal rules (investments, acquisitions, layoffs) and ``SentenceRules``,
which runs every rule of ``korean_people`` and ``korean_orgs`` too.
"""

from __future__ import annotations

import re

from kg.extract.document import enabled
from kg.extract.ko.base import EXTRACTOR, Sentence, Trigger, find_all
from kg.extract.ko.deals import deal_terms
from kg.extract.ko.founder_titles import FounderTitleRules
from kg.extract.ko.founders import FounderRules
from kg.extract.ko.lists import ListRules
from kg.extract.ko.mentions import DocState, Mention
from kg.extract.ko.moves import MoveRules
from kg.extract.ko.orgs import OrgRules
from kg.extract.ko.people import PeopleRules
from kg.extract.ko.rivals import RivalRules
from kg.extract.ko.units import UnitRules
from kg.graph.model import ORGANIZATION, PERSON, Claim
from kg.graph.registry import ref_key
from kg.loaders import normalize

__all__ = ["EXTRACTOR", "Sentence", "SentenceRules"]

# a sentence about the round itself: "투자는 ...", "이번 라운드에는 ..."
_ROUND_TOPIC = re.compile(r"(?:이번\s)?(?:투자|라운드|펀딩|투자 라운드)(?:는|에는|에서는)\s")
# "KT가 투자를 주도했고 B와 C가 참여했다": the round told of is named as what the lead led
_LED_THE_ROUND = re.compile(r"(?:투자|라운드)를\s(?:주도|이끌)")
# a round named by its lead ("A가 주도한 시리즈B 라운드에서", "A 주도로", "A가 이끈 투자"):
# the lead word, then (within a few words) the round or investment it led
_LED_ROUND = re.compile(
    r"(?:주도(?:한|하는|했던|로|\s?하에|\s?아래)|리드(?:한|하는)|이끈|이끄는)\s"
    r"(?:[^\s.]+\s){0,3}?[^\s.]*(?:투자|라운드|펀딩|시리즈\s?[A-Z])")
# the raise the led round belongs to, later in the sentence
_RAISE = re.compile(r"유치|조달|투자받|투자를 받|확보")
# a sum paid by its holder, right after the sum: "1조원을 투입해", "5000억원에 (사들였다)"
_PAID = re.compile(r"(?:을|를)\s(?:투입|투자|들여|출자|지불|주고)|에\s")
# a passive act's modifier ending and the head noun's start: "인수된 X", "인수됐던 X"
_PASSIVE_RELATIVE = re.compile(r"(?:된|되었던|됐던|되던)\s+")
_PASSIVE_ENDING = re.compile(r"(?:되|돼|된|됐|될)$")


def _passive_stem(word: str) -> str:
    """A passive trigger word without its passive ending: "인수된" -> "인수"."""
    return _PASSIVE_ENDING.sub("", word)


class SentenceRules(
    FounderRules, FounderTitleRules, MoveRules, UnitRules, RivalRules, PeopleRules, OrgRules,
    ListRules,
):
    """Applies the relation rules to one sentence at a time."""

    def apply(self, sent: Sentence, state: DocState) -> list[Claim]:
        self.out: list[Claim] = []
        self.state = state
        self._note_sentence(sent)
        used: list[tuple[int, int]] = []
        self._titles_and_units(sent)
        self._units_of(sent)
        self._competition(sent)
        self._rivals(sent)
        self._customers(sent)
        self._lists(sent)
        for fn in (
            self._ended,
            self._laid_off,
            self._acquired,
            self._invested,
            self._join,
            self._hired,
            self._departed,
            self._founded,
            self._vendor,
            self._partnered,
        ):
            fn(sent, used)
        self._founders(sent)
        self._moves(sent)
        self._pronoun_left(sent)
        self._founder_titles(sent)
        self._hired_from_prior(sent, 0)
        self.remember_people(sent)
        return self.out

    # -- relations ---------------------------------------------------------
    def _laid_off(self, sent: Sentence, used: list) -> None:
        for t in find_all(sent.text, self.rel["LAID_OFF"]["active"], "lay"):
            clause = sent.clause(t.start)
            count = self._count(sent, clause[0], clause[1])
            pct = [s for s in sent.percents if clause[0] <= s.start < clause[1]]
            if count is None and not pct:
                continue
            if self._modal(sent, t):
                continue
            subjects, inferred = self._agents(sent, clause, t.start)
            units = [
                x
                for x in self._in(sent, clause[0], t.start, (ORGANIZATION,), ("에서",))
                if x.key not in {s.key for s in subjects}
            ]
            units += [  # "Y의 인력 40명을 내보냈다"
                x
                for x in self._in(sent, clause[0], t.start, (ORGANIZATION,), ("의",))
                if x.key not in {s.key for s in subjects}
                and re.match(r"['’\"”]?의\s*(?:인력|직원|인원)", sent.text[x.end :])
            ]
            units += [  # "Y 인력 가운데 30명을 감축했다"
                x for x in sent.mentions
                if x.type == ORGANIZATION and clause[0] <= x.start and x.end <= t.start
                and x.key not in {s.key for s in subjects}
                and re.match(r"\s+(?:인력|직원|인원)\s", sent.text[x.end :])
            ]
            q = {"count": count, "pct": float(pct[-1].value) if pct else None, "date": self._date(sent, t)}
            for s in subjects[:1]:
                self._claim("LAID_OFF", s, units[-1] if units else s, sent, q, inferred,
                            rule="ko.laid_off.agent_count")
            used.append((t.start, t.end))

    def _acquired(self, sent: Sentence, used: list) -> None:
        lex = self.rel["ACQUIRED"]
        for t in find_all(sent.text, lex["active"] + lex["passive"], "acq"):
            if self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            tail = sent.text[t.end : t.end + 2]
            passive = t.word in lex["passive"] or tail.startswith(("되", "됐", "된", "될", "돼"))
            q = {**self._money_q(self._money(sent, clause[0], clause[1])), "date": self._date(sent, t)}
            if passive:
                buyers = self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["dative_particles"])
                if not buyers:
                    buyers = [x for x in sent.mentions if x.end <= t.start and x.head.startswith("품")]
                targets, inferred = self._agents(sent, clause, t.start)
                relative = _PASSIVE_RELATIVE.match(sent.text, t.start + len(_passive_stem(t.word)))
                head = [x for x in sent.mentions if x.type == ORGANIZATION and relative is not None
                        and x.start == relative.end()]
                if head:
                    # "카카오에 인수된 업스테이지와": the relative clause's head was acquired,
                    # not the sentence's subject
                    targets, inferred = head[:1], False
                for b in self._nearest_group(buyers, sent):
                    for x in targets:
                        self._claim("ACQUIRED", b, x, sent, q, inferred, rule="ko.acquired.passive")
                continue
            if t.word != "인수합병":
                # "X가 Y를 인수했다" is read by the frames stage (class acquire); its rule
                # found nothing the frames missed and carried wrong buyers over (removed)
                continue
            buyers, inferred = self._agents(sent, clause, t.start)
            parts, rule = self.lex["comitative_particles"], "ko.acquired.merger_partner"
            targets = [
                x
                for x in self._in(sent, clause[0], t.start, (ORGANIZATION,), parts)
                if x.key not in {b.key for b in buyers}
            ]
            adjacent = [
                x
                for x in sent.mentions
                if re.fullmatch(r"\s*", sent.text[x.end : t.start]) and not x.particle
            ]
            for b in buyers:
                for x in self._nearest_group(targets, sent) or adjacent:  # "X가 Y 인수를 마무리했다"
                    self._claim("ACQUIRED", b, x, sent, q, inferred, rule=rule)

    def _invested(self, sent: Sentence, used: list) -> None:
        lex = self.rel["INVESTED_IN"]
        text = sent.text
        base = deal_terms(text, sent.money, lex)
        before = len(self.out)
        triggers = find_all(text, lex["active"] + lex["passive"] + lex["round_join"], "inv")
        for t in triggers:
            if any(a <= t.start < b for a, b in used) or self._modal(sent, t):
                continue
            if text[t.end : t.end + 1] in ("자", "사") and t.word in ("투자", "출자"):
                continue  # 투자자, 투자사: nouns for the investor
            clause = sent.clause(t.start)
            q = {
                **base,
                **self._money_q(self._money(sent, clause[0], t.start + 1)),
                "date": self._date(sent, t),
            }
            if t.word in lex["passive"]:
                targets, inferred = self._agents(sent, clause, t.start)
                investors = self._in(
                    sent, clause[0], t.start, (ORGANIZATION, PERSON), self.lex["source_particles"]
                )
                for x in targets:
                    self.deals.note(x.key, q)
                for i in self._nearest_group(investors, sent, (ORGANIZATION, PERSON)):
                    for x in targets:
                        self._claim("INVESTED_IN", i, x, sent, q, inferred,
                                    rule="ko.invested_in.raise_source")
                continue
            if t.word in lex["round_join"]:
                raisers = [
                    x
                    for x in self._in(sent, clause[0], t.start)
                    if re.match(r"(?:가|이)\s*진행한|의\s", text[x.end : x.end + 6])
                ]
                investors = [
                    x
                    for x in self._in(
                        sent, clause[0], t.start, (ORGANIZATION, PERSON), self.lex["agent_particles"]
                    )
                    if x not in raisers
                ]
                inferred = False
                if raisers:
                    investors = [x for x in investors if x.key != raisers[0].key]
                if not investors and self.carried_topic is not None:
                    investors, inferred = [self.carried_topic], True
                if not raisers and self.carried_topic is not None:
                    raisers, inferred = [self._round_joined(self.carried_topic, investors)], True
                for i in (self._nearest_group(investors, sent, (ORGANIZATION, PERSON))
                          if investors and not inferred else investors):
                    for x in raisers[:1]:
                        self._claim("INVESTED_IN", i, x, sent, q, inferred, rule="ko.invested_in.round_join")
                continue
            rule = "ko.invested_in.agent_goal"
            investors, inferred = self._agents(sent, clause, t.start, (ORGANIZATION, PERSON),
                                               mixed_lists=True)
            owner = self._nominal_owner(sent, t)
            if owner is not None:
                # "카카오의 업스테이지 투자 소식에": the investment is the owner's, whoever the
                # sentence is about
                investors, inferred = [owner], False
            targets = self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["dative_particles"])
            targets = [x for x in targets if x.key not in {i.key for i in investors}]
            objs = self._nearest_group(targets, sent)
            if inferred:
                # "A에 투자했다. A는 ... . B에는 100억원을 투자": the investor told of before,
                # not the company the last sentence was about
                backer = next(
                    (c for c in reversed(self.claims)
                     if c.relation == "INVESTED_IN" and investors and c.object.name == investors[0].name),
                    None,
                )
                if backer is not None:
                    found = [m for m in self.state.last_orgs if m.name == backer.subject.name]
                    investors = found[-1:] or investors
            recent = self.state.recent_topic if enabled("carry_over") else None
            if (
                not objs
                and investors
                and not inferred
                and investors[0].start >= clause[0]
                and not any(x.type == ORGANIZATION and x.key not in {i.key for i in investors}
                            for x in sent.mentions)
                and recent is not None
                and recent.key not in {i.key for i in investors}
                and self._money(sent, clause[0], t.start + 1) is not None
                and re.search(r"했|한다|하였", text[t.start : t.end + 3])
            ):
                # "A는 ... 스타트업이다. X는 1000억원을 투자했다": the object dropped is A
                objs, inferred = [self._round_joined(recent, investors)], True
                rule = "ko.invested_in.dropped_object"
            if t.word.endswith("한") or re.match(r"한\s", text[t.end : t.end + 2]):
                # "X에 투자한 Y": the investor is the head of the relative clause
                head = [x for x in sent.mentions if t.end < x.start <= t.end + 3]
                if head:
                    investors, inferred = head[:1], False
                    rule = "ko.invested_in.relative_head"
            investors = [self._led_org(i) for i in investors]
            for i in investors:
                for x in objs:
                    self._claim("INVESTED_IN", i, x, sent, q, inferred, rule=rule)
        self._stake_holding(sent, base)
        self._round_members(sent, base)
        self._led_round(sent, base)
        if len(self.out) == before and base:
            if "round" in base and _ROUND_TOPIC.match(text) and self.carried_topic is not None:
                # "이번 라운드는 시리즈B다": the round the topic is raising, named on its own
                self.deals.note(self.carried_topic.key, {"round": base["round"]})
            if "valuation" in base:
                # "X는 N의 기업가치를 인정받았다": the round of the sentence's topic
                for x in self._agents(sent, (0, len(text)), len(text))[0][:1]:
                    self.deals.note(x.key, base)
            self.deals.follow_up(self.claims, sent.mentions, base, False)

    def _nominal_owner(self, sent: Sentence, t: Trigger) -> Mention | None:
        """The organization that owns an act told as a noun inside another name's phrase:
        "카카오의 업스테이지 투자" (the trigger among the nouns after 업스테이지, the owner
        marked 의 right before it) is Kakao's investment in Upstage."""
        for x in sent.mentions:
            if x.type == ORGANIZATION and x.end <= t.start < max(x.pend, x.end) and x.head:
                owners = [o for o in sent.mentions
                          if o.type in (ORGANIZATION, PERSON) and o.particle == "의" and o.end <= x.start
                          and not sent.text[o.pend or o.end : x.start].strip()]
                return owners[-1] if owners else None
        return None

    def _round_joined(self, carried: Mention, investors: list[Mention]) -> Mention:
        """The company whose round investors marked with 도 ("also") join: the round the
        document told of last, when the organization carried over raised none ("KT와 B가
        300억원씩 투자했다. C와 D도 투자했다": C and D joined the round KT was in, they did not
        invest in KT); else ``carried``."""
        if not self.deals.rounds or carried.key in self.deals.rounds:
            return carried
        if not any(m.particle == "도" for m in investors):
            return carried
        last = list(self.deals.rounds)[-1]
        found = [m for m in self.state.last_orgs if m.key == last]
        return found[-1] if found else carried

    def _round_of_investor(self, carried: Mention) -> Mention:
        """The company whose round "이번 투자" is, when the organization carried over is an
        investor in it ("KT와 B가 각각 300억원씩 투자했다. 이번 투자에는 C도 참여했다": C
        joined the round KT was in, not one of KT's): the company of the last investment
        the carried organization made in a round the document told of; else ``carried``."""
        if carried.key in self.deals.rounds:
            return carried
        for c in reversed(self.claims):
            if (c.relation == "INVESTED_IN" and ref_key(c.subject) == carried.key
                    and ref_key(c.object) in self.deals.rounds):
                found = [m for m in self.state.last_orgs if m.key == ref_key(c.object)]
                return found[-1] if found else carried
        return carried

    def _round_members(self, sent: Sentence, base: dict) -> None:
        """ "투자는 A가 주도했고 B와 C가 참여했다": the round told of is the topic's; the
        agents of its lead and join verbs are its investors."""
        text = sent.text
        if not (_ROUND_TOPIC.match(text) or _LED_THE_ROUND.search(text)) or self.carried_topic is None:
            return
        raiser = self._round_of_investor(self.carried_topic)
        for v in re.finditer(r"(?:주도|참여|참가)(?:했|하였|한다)", text):
            t = Trigger(v.start(), v.end(), v.group(0), "round")
            if self._modal(sent, t):
                continue
            clause = sent.clause(v.start())
            # "삼성전자도 참여했다": a member added to those told (도) is one too
            agents = self._in(sent, clause[0], v.start(), (ORGANIZATION, PERSON), ("이", "가", "도"))
            q = {**base, "date": self._date(sent, t)}
            for i in self._nearest_group(agents, sent, (ORGANIZATION, PERSON)):
                if i.key != raiser.key:
                    self._claim("INVESTED_IN", i, raiser, sent, q, True, rule="ko.invested_in.round_members")

    def _led_round(self, sent: Sentence, base: dict) -> None:
        """ "X는 A가 주도한 시리즈B 라운드에서 500억원을 유치했다", "X는 A 주도로 투자를
        유치했다": the lead of the round a company raised invested in it. The raiser is the
        subject before the lead (은/는/이/가), else the topic carried over."""
        text = sent.text
        for m in _LED_ROUND.finditer(text):
            raise_m = _RAISE.search(text, m.end())
            if raise_m is None:
                continue
            t = Trigger(raise_m.start(), raise_m.end(), raise_m.group(0), "round")
            if self._modal(sent, t):
                continue
            before = [x for x in sent.mentions if x.end <= m.start() and x.type in (ORGANIZATION, PERSON)]
            if not before:
                continue
            lead = before[-1]
            next_to = not text[lead.end : m.start()].strip()  # "A 주도로": no particle between
            marked = lead.particle in ("이", "가") and not text[lead.pend : m.start()].strip()
            bare = m.group(0).startswith("주도") and not m.group(0).startswith(("주도한", "주도하", "주도했"))
            if not (marked or (bare and next_to)):
                continue  # the lead stands right before its verb: "A가 주도한", "A 주도로"
            raisers = [x for x in before[:-1]
                       if x.type == ORGANIZATION and x.particle in ("은", "는", "이", "가")]
            raiser = raisers[0] if raisers else (self.carried_topic if not self._in(
                sent, 0, lead.start, (ORGANIZATION,)) else None)
            if raiser is None or raiser.key == lead.key:
                continue
            # the sentence's sum is the round's, not the lead's own (GUIDE)
            q = {k: v for k, v in base.items() if k not in ("amount", "amount_alt", "currency_alt")}
            if "valuation" not in q:
                q.pop("currency", None)
            q["date"] = self._date(sent, t)
            for i in self._nearest_group([lead], sent):
                self._claim("INVESTED_IN", i, raiser, sent, q, not raisers, rule="ko.invested_in.led_round")

    def _led_org(self, m: Mention) -> Mention:
        """A chief executive said to invest acts for the company they run ("저커버그는 X에
        투자해"): the organization of the person's CEO, chairman or founder title."""
        if m.type != PERSON:
            return m
        for c in reversed(self.claims):
            if c.relation == "WORKS_AT" and c.subject.name == m.name:
                # "CEO (Chief Executive Officer)": the gloss the text gave is no other title
                bare = re.sub(r"\s*\([^)]*\)", "", str(c.qualifiers.get("title", "")))
                title = set(bare.split(" and "))
                if title & {"CEO", "chairman", "founder", "co-founder", "co-CEO"}:
                    found = [x for x in self.state.last_orgs if x.name == c.object.name]
                    if found:
                        return found[-1]
        return m

    def _stake_price(self, sent: Sentence, holder: Mention, stake: int) -> normalize.Span | None:
        """The sum one holder paid for its stake, told between the holder and the stake
        ("X가 1조원을 투입해 Y의 지분 11%를 확보", "X는 5000억원에 Y의 지분을 사들였다"):
        the holder's own amount (GUIDE.md), not the round's total a sentence gives all."""
        span = self._money(sent, holder.end, stake)
        if span is None or not _PAID.match(sent.text[span.end : stake]):
            return None
        return span

    def _stake_holding(self, sent: Sentence, base: dict) -> None:
        """ "X는 Y의 지분 N%를 보유/확보/취득했다", "Y의 지분을 X가 보유": X INVESTED_IN Y."""
        text = sent.text
        for m in re.finditer(r"지분(?:율)?", text) if "지분" in text else ():
            verb = re.match(r"[^.]{0,24}?(보유|확보|취득|사들|매입|가지고|갖고)", text[m.end() :])
            if not verb or "stake_pct" not in base:
                continue
            v = m.end() + verb.start(1)
            t = Trigger(v, v + len(verb.group(1)), verb.group(1), "stake")
            if self._modal(sent, t):
                continue
            owners = [
                x
                for x in sent.mentions
                if x.type == ORGANIZATION
                and x.end <= m.start()
                and re.fullmatch(r"(?:의)?\s*", text[x.end : m.start()])
            ]
            if not owners:
                continue
            holders = [
                x
                for x in sent.mentions
                if x.type in (ORGANIZATION, PERSON)
                and x.particle in self.lex["agent_particles"]
                and x.start < v
                and x.key != owners[-1].key
            ]
            clause = sent.clause(v)
            q = {"stake_pct": base["stake_pct"], "date": self._date(sent, t)}
            group = self._nearest_group(holders, sent) if holders else []
            if len(group) == 1:
                q.update(self._money_q(self._stake_price(sent, group[0], m.start())))
            for h in group:
                if h.start >= clause[0] or not self._in(sent, clause[0], v, (ORGANIZATION, PERSON),
                                                        self.lex["agent_particles"]):
                    if base["stake_pct"] < 100:  # all of it would be a purchase, not a stake
                        self._claim("INVESTED_IN", h, owners[-1], sent, q,
                                    rule="ko.invested_in.stake_holding")

