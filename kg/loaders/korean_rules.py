"""Relation rules for Korean sentences: triggers, particle roles, qualifiers, modality.

Every rule is general grammar over the lexicon in ``data/ko_lexicon.json``:
a trigger word is found, its clause is delimited, and the mentions around it
take roles by their particles. Nothing here names an entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.graph.model import ORGANIZATION, PERSON, Claim, EntityRef
from kg.graph.registry import Registry
from kg.loaders import normalize
from kg.loaders.korean_deals import DealBook, deal_terms
from kg.loaders.korean_mentions import DocState, Mention, Token, lexicon

EXTRACTOR = "kg.rules.ko.v1"


@dataclass
class Sentence:
    """One sentence with its mentions, clauses and normalized spans."""

    text: str
    mentions: list[Mention]
    tokens: list[Token]
    clauses: list[tuple[int, int]]
    dates: list[normalize.Span]
    money: list[normalize.Span]
    counts: list[normalize.Span]
    percents: list[normalize.Span]

    def clause(self, pos: int) -> tuple[int, int]:
        for start, end in self.clauses:
            if start <= pos < end:
                return start, end
        return 0, len(self.text)


@dataclass
class Trigger:
    start: int
    end: int
    word: str
    key: str


_TYPES = {
    "INVESTED_IN": ((ORGANIZATION, PERSON), (ORGANIZATION,)),
    "HIRED": ((ORGANIZATION,), (PERSON,)),
    "DEPARTED": ((PERSON,), (ORGANIZATION,)),
    "WORKS_AT": ((PERSON,), (ORGANIZATION,)),
    "FOUNDED": ((PERSON,), (ORGANIZATION,)),
}


def _ref(m: Mention) -> EntityRef:
    return EntityRef(m.name, m.type, m.id)


def _find_all(text: str, words: Iterable[str], key: str) -> list[Trigger]:
    """Longest non-overlapping occurrences of ``words`` in ``text``."""
    hits: list[Trigger] = []
    for w in sorted(set(words), key=len, reverse=True):
        for m in re.finditer(re.escape(w), text):
            if not any(h.start < m.end() and m.start() < h.end for h in hits):
                hits.append(Trigger(m.start(), m.end(), w, key))
    return sorted(hits, key=lambda h: h.start)


class SentenceRules:
    """Applies the relation rules to one sentence at a time."""

    def __init__(self, registry: Registry, published: str | None) -> None:
        self.registry = registry
        self.published = published
        self.lex = lexicon()
        self.rel = self.lex["relations"]
        self.claims: list[Claim] = []  # every claim of the document so far
        self.deals = DealBook()
        self._titles = sorted(self.lex["titles"], key=lambda t: -len(t[0]))

    # -- helpers ---------------------------------------------------------
    def _claim(
        self,
        relation: str,
        subj: Mention,
        obj: Mention,
        sent: Sentence,
        qualifiers: dict | None = None,
        inferred: bool = False,
    ) -> None:
        if subj.key == obj.key and relation != "LAID_OFF":
            return
        types = _TYPES.get(relation, ((ORGANIZATION,), (ORGANIZATION,)))
        if subj.type not in types[0] or obj.type not in types[1]:
            return
        conf = 0.9
        if subj.discovered or obj.discovered:
            conf = 0.75
        if inferred or subj.anaphoric or obj.anaphoric:
            conf = 0.7
        q = {k: v for k, v in (qualifiers or {}).items() if v is not None}
        c = Claim(relation, _ref(subj), _ref(obj), q, sent.text, conf, EXTRACTOR)
        self.out.append(c)
        self.claims.append(c)

    def _in(
        self,
        sent: Sentence,
        lo: int,
        hi: int,
        types: tuple[str, ...] = (ORGANIZATION,),
        particles: Iterable[str] | None = None,
    ) -> list[Mention]:
        ps = set(particles) if particles is not None else None
        return [
            m
            for m in sent.mentions
            if lo <= m.start < hi and m.type in types and (ps is None or m.particle in ps)
        ]

    def _group(self, sent: Sentence, m: Mention) -> list[Mention]:
        return [x for x in sent.mentions if x.group == m.group]

    def _nearest_group(self, cands: list[Mention], sent: Sentence) -> list[Mention]:
        if not cands:
            return []
        return [x for x in self._group(sent, cands[-1]) if x.type == cands[-1].type]

    def _agents(
        self, sent: Sentence, clause: tuple[int, int], pos: int, types: tuple[str, ...] = (ORGANIZATION,)
    ) -> tuple[list[Mention], bool]:
        """Who does the act at ``pos``: the agent in its clause, the sentence topic, or
        the topic carried over from the previous sentence (then ``inferred``)."""
        cands = self._in(sent, clause[0], pos, types, self.lex["agent_particles"])
        if cands:
            return self._nearest_group(cands, sent), False
        if any(re.search(rf"(?:^|\s){p}\s", sent.text[clause[0] : pos]) for p in self.lex["pronouns"]):
            return [], False  # "그는 ...": a person acts; an organization topic would be wrong
        topic = self._in(sent, 0, pos, types, self.lex["topic_particles"])
        if topic:
            return self._nearest_group(topic[:1], sent), False
        # a clause joined by a connective ending shares the subject of the clause before it
        earlier = self._in(sent, 0, clause[0], types, ("이", "가"))
        if earlier and not any(
            m.particle in self.lex["agent_particles"] and clause[0] <= m.start < pos for m in sent.mentions
        ):
            return self._nearest_group(earlier, sent), False
        if not any(m.particle in ("이", "가") and m.start < pos for m in sent.mentions):
            if self.state.topic is not None and self.state.topic.type in types:
                return [self.state.topic], True
        return [], False

    def _modal(self, sent: Sentence, trig: Trigger) -> bool:
        """Whether the act is reported as plan, talk, rumour, denial, condition or negated."""
        mod = self.lex["modality"]
        clause = sent.clause(trig.start)
        after = sent.text[trig.start : min(max(clause[1], trig.end + 6), trig.end + 24)]
        if any(w in after for w in mod["after"] + mod["negation"]):
            return True
        before = sent.text[clause[0] : trig.start]
        if any(w in before for w in mod["before"]):
            return True
        for t in sent.tokens:
            if trig.end <= t.start < clause[1] + 1 and t.tag == "EC" and t.form in mod["conditional_endings"]:
                return True
        return False

    def _date(self, sent: Sentence, trig: Trigger) -> str | None:
        """The date of the act: the date expression nearest before the trigger in its
        clause, else in the sentence, else the date of an event the clause refers to."""
        clause = sent.clause(trig.start)
        spans = [d for d in sent.dates if d.end <= trig.start or clause[0] <= d.start < clause[1]]
        in_clause = [d for d in spans if clause[0] <= d.start < clause[1]]
        pool = in_clause or [d for d in spans if d.end <= trig.start] or sent.dates
        if pool:
            before = [d for d in pool if d.end <= trig.start]
            return str((before[-1] if before else pool[0]).value)
        return self._event_ref_date(sent, trig)

    def _event_ref_date(self, sent: Sentence, trig: Trigger) -> str | None:
        # "X의 투자 발표 직후": the act is dated by an event this document already dated
        m = re.search(r"(투자|인수|영입)[^,.]{0,8}?(직후|이후|후|당시)", sent.text[: trig.start])
        if not m:
            return None
        rel = {"투자": "INVESTED_IN", "인수": "ACQUIRED", "영입": "HIRED"}[m.group(1)]
        owners = [x for x in sent.mentions if x.end <= m.start() and x.particle == "의"]
        for c in reversed(self.claims):
            if (
                c.relation == rel
                and c.qualifiers.get("date")
                and (not owners or c.subject.name == owners[-1].name)
            ):
                return c.qualifiers["date"]
        return None

    def _money(self, sent: Sentence, lo: int, hi: int) -> normalize.Span | None:
        vcues = self.rel["INVESTED_IN"]["valuation"]
        best = None
        for s in sent.money:
            if not (lo <= s.start < hi):
                continue
            around = sent.text[max(0, s.start - 8) : s.end + 10]
            if any(v in around for v in vcues) or re.search(r"매출|주가|시가총액", around):
                continue
            best = s
        return best

    def _money_q(self, span: normalize.Span | None) -> dict:
        if span is None:
            return {}
        v = span.value
        q = {"amount": float(v.amount), "currency": v.currency}
        if v.alt:
            q["amount_alt"], q["currency_alt"] = float(v.alt[0]), v.alt[1]
        return q

    def _count(self, sent: Sentence, lo: int, hi: int) -> int | None:
        c = [s for s in sent.counts if lo <= s.start < hi]
        return int(c[-1].value) if c else None

    def _title_en(self, text: str) -> str | None:
        """English title for a run of Korean titles ("공동창업자이자 CEO")."""
        found: list[str] = []
        rest = text.strip()
        while rest:
            for ko, en in self._titles:
                if rest.startswith(ko):
                    if en not in found:
                        found.append(en)
                    rest = rest[len(ko) :]
                    rest = re.sub(r"^\([A-Za-z]+\)", "", rest)
                    rest = re.sub(r"^\s*(?:겸|이자|이며|및|,)?\s*", "", rest)
                    break
            else:
                break
        return " and ".join(found) if found else None

    # -- entry -----------------------------------------------------------
    def apply(self, sent: Sentence, state: DocState) -> list[Claim]:
        self.out: list[Claim] = []
        self.state = state
        used: list[tuple[int, int]] = []
        self._titles_and_units(sent)
        self._competition(sent)
        self._customers(sent)
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
        return self.out

    # -- relations ---------------------------------------------------------
    def _titles_and_units(self, sent: Sentence) -> None:
        """WORKS_AT and FOUNDED from titles next to people; PART_OF from unit names."""
        text = sent.text
        title_re = "|".join(re.escape(t[0]) for t in self._titles)
        run = rf"(?:{title_re})(?:\([A-Za-z]+\))?(?:\s*(?:겸|이자|및|,)\s*(?:{title_re})(?:\([A-Za-z]+\))?)*"
        for p in sent.mentions:
            if p.type != PERSON:
                continue
            org, title, inferred, former, right_side = None, None, False, False, False
            # right side: "NAME [ORG] TITLE"
            after = text[p.end :]
            orgs_after = [m for m in sent.mentions if m.type == ORGANIZATION and m.start >= p.end]
            nxt = orgs_after[0] if orgs_after else None
            m = re.match(rf"\s*(전\s+|前\s*)?({run})", after)
            if m:
                title, former, right_side = m.group(2), bool(m.group(1)), True
            elif nxt is not None and re.fullmatch(r"\s*(?:전\s+|前\s*)?", text[p.end : nxt.start]):
                m2 = re.match(rf"\s*({run})", text[nxt.end :])
                if m2:
                    org, title = nxt, m2.group(1)
                    former = "전" in text[p.end : nxt.start] or "前" in text[p.end : nxt.start]
            # "NAME이 CEO로 있는 ORG"
            if title is None and p.particle in ("이", "가"):
                m3 = re.match(rf"({run})로 있는 ", text[p.pend :].lstrip())
                if m3 and nxt is not None:
                    org, title = nxt, m3.group(1)
            # left side: "[ORG(의)] [전] TITLE(인|...) NAME"
            if title is None:
                before = text[: p.start]
                m4 = re.search(rf"(전\s+|前\s*)?({run})(?:\s*중 한 명)?(?:인|이었던|였던)?\s*$", before)
                if m4:
                    title, former = m4.group(2), bool(m4.group(1))
                    orgs_before = [x for x in sent.mentions if x.type == ORGANIZATION and x.end <= m4.start()]
                    if orgs_before:
                        gap = text[orgs_before[-1].end : m4.start()]
                        if (
                            re.fullmatch(r"\s*(?:의)?\s*(?:전\s+|前\s*)?(?:[^\s,]+\s+){0,2}", gap)
                            and "," not in gap
                        ):
                            org = orgs_before[-1]
                            former = former or bool(re.search(r"(?:^|\s)(?:전|前)\s", gap))
                        else:
                            org, inferred = orgs_before[-1], True
            if title is None:
                continue
            en = self._title_en(title)
            if en is None:
                continue
            if org is None and right_side:
                continue  # "NAME TITLE" with no organization next to it: too loose to guess
            if org is None:
                prev = [x for x in sent.mentions if x.type == ORGANIZATION and x.end <= p.start]
                if not prev:
                    continue
                org, inferred = prev[-1], True
            p.title, p.title_org = en, org
            if former:
                continue
            founder = [t for t in en.split(" and ") if t in self.lex["founder_titles"]]
            if founder:
                self._claim("FOUNDED", p, org, sent, inferred=inferred)
            if len(founder) < len(en.split(" and ")) or not founder and en:
                self._claim("WORKS_AT", p, org, sent, {"title": en}, inferred=inferred)
            elif founder and len(en.split(" and ")) > 1:
                self._claim("WORKS_AT", p, org, sent, {"title": en}, inferred=inferred)
        # PART_OF: units whose registry parent is named in the unit's name or sentence
        for u in sent.mentions:
            if u.type != ORGANIZATION or u.id is None:
                continue
            ent = self.registry.get(u.id)
            if ent is None or not ent.parent or self.registry.kinds.get(u.id) != "unit":
                continue
            parent = self.registry.get(ent.parent)
            if parent is None:
                continue
            pm = next((m for m in sent.mentions if m.id == parent.id), None)
            named = any(u.surface.startswith(a) for a in (parent.name, *parent.aliases))
            if named or pm is not None:
                pmention = pm or Mention(0, 0, parent.name, ORGANIZATION, parent.id)
                self._claim("PART_OF", u, pmention, sent)
        # "X(의) 자회사(인) Y"
        for m in re.finditer(r"(자회사|계열사|산하)(?:인)?\s*", sent.text):
            owners = [
                x
                for x in sent.mentions
                if x.type == ORGANIZATION
                and x.end <= m.start()
                and re.fullmatch(r"\s*(?:의|은|는|이|가)?\s*", sent.text[x.end : m.start()])
            ]
            subs = [x for x in sent.mentions if x.type == ORGANIZATION and x.start == m.end()]
            if owners and subs:
                # only the name right after the cue: "자회사 A와 B의 합병" says nothing of B
                self._claim("PART_OF", subs[0], owners[-1], sent)

    def _competition(self, sent: Sentence) -> None:
        nouns = self.rel["COMPETES_WITH"]["nouns"]
        text = sent.text
        done: set[int] = set()
        # a group whose head noun says they are competitors: "A, B 등 경쟁사", "경쟁 ... 업체"
        for m in sent.mentions:
            if m.type != ORGANIZATION or m.group in done:
                continue
            head = m.head
            if not (any(n in head for n in nouns) or re.search(r"(?:^|\s|등\s*)경쟁\s", head + " ")):
                continue
            done.add(m.group)
            group = self._group(sent, m)
            rival = self._rival_of(sent, group)
            for g in group:
                if rival is not None:
                    self._claim("COMPETES_WITH", g, rival, sent)
        # "X의 경쟁사(인) Y", "경쟁사인 Y"
        for t in _find_all(text, nouns, "cw"):
            m = re.match(r"(?:인|이자|로|으로)?\s*", text[t.end :])
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
                and re.fullmatch(r"\s*의\s*", text[x.end : t.start])
            ]
            rival = owner[-1] if owner else self._rival_of(sent, group)
            for g in group:
                if rival is not None:
                    self._claim("COMPETES_WITH", g, rival, sent)

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
        if self.state.topic is not None and self.state.topic.key not in keys:
            return self.state.topic
        return None

    def _customers(self, sent: Sentence) -> None:
        """ "X의 (주요) 고객(사)은 A, B ..." and "고객사였던 Y" (status from the sentence)."""
        text = sent.text
        ended = any(
            w in text for w in self.rel["ENDED_PARTNERSHIP"]["active"] + self.rel["ENDED_PARTNERSHIP"]["lost"]
        )
        for m in re.finditer(r"(?:주요\s*)?고객(?:사)?(?:들)?(?:은|는|로는|으로는)\s", text):
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
                self._claim("VENDOR_TO", owners[-1], c, sent, {"status": "ended" if ended else "active"})
        for m in re.finditer(r"고객(?:사)?(?:였던|이었던|인)\s", text):
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
            ]
            if vendor:
                status = "ended" if ended or "였던" in m.group(0) else "active"
                for y in self._group(sent, ys[0]):
                    self._claim("VENDOR_TO", vendor[0], y, sent, {"status": status})

    def _ended(self, sent: Sentence, used: list) -> None:
        lex = self.rel["ENDED_PARTNERSHIP"]
        for t in _find_all(sent.text, lex["active"] + lex["lost"], "end"):
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
                        self._claim("ENDED_PARTNERSHIP", p, a, sent, q, inferred)
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
                elif self.state.topic is not None and self.state.topic.key not in keys:
                    others, inferred = [self.state.topic], True
            for s in subjects:
                for o in others:
                    self._claim("ENDED_PARTNERSHIP", s, o, sent, q, inferred)

    def _laid_off(self, sent: Sentence, used: list) -> None:
        for t in _find_all(sent.text, self.rel["LAID_OFF"]["active"], "lay"):
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
            q = {"count": count, "pct": float(pct[-1].value) if pct else None, "date": self._date(sent, t)}
            for s in subjects[:1]:
                self._claim("LAID_OFF", s, units[-1] if units else s, sent, q, inferred)
            used.append((t.start, t.end))

    def _acquired(self, sent: Sentence, used: list) -> None:
        lex = self.rel["ACQUIRED"]
        for t in _find_all(sent.text, lex["active"] + lex["passive"], "acq"):
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
                for b in self._nearest_group(buyers, sent):
                    for x in targets:
                        self._claim("ACQUIRED", b, x, sent, q, inferred)
                continue
            buyers, inferred = self._agents(sent, clause, t.start)
            parts = self.lex["object_particles"] + ["의"]
            if t.word == "인수합병":
                parts = self.lex["comitative_particles"]
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
                for x in self._nearest_group(targets, sent) or adjacent:
                    self._claim("ACQUIRED", b, x, sent, q, inferred)

    def _invested(self, sent: Sentence, used: list) -> None:
        lex = self.rel["INVESTED_IN"]
        text = sent.text
        base = deal_terms(text, sent.money, lex)
        before = len(self.out)
        triggers = _find_all(text, lex["active"] + lex["passive"] + lex["round_join"], "inv")
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
                for i in self._nearest_group(investors, sent):
                    for x in targets:
                        self._claim("INVESTED_IN", i, x, sent, q, inferred)
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
                if not investors and self.state.topic is not None:
                    investors, inferred = [self.state.topic], True
                if not raisers and self.state.topic is not None:
                    raisers, inferred = [self.state.topic], True
                for i in self._nearest_group(investors, sent) if investors and not inferred else investors:
                    for x in raisers[:1]:
                        self._claim("INVESTED_IN", i, x, sent, q, inferred)
                continue
            investors, inferred = self._agents(sent, clause, t.start, (ORGANIZATION, PERSON))
            targets = self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["dative_particles"])
            targets = [x for x in targets if x.key not in {i.key for i in investors}]
            objs = self._nearest_group(targets, sent)
            if not objs:
                # "X의 Y 투자": Y right before the trigger, X its genitive owner
                adj = [
                    x
                    for x in sent.mentions
                    if x.type == ORGANIZATION
                    and x.end <= t.start
                    and re.fullmatch(r"\s*", text[x.end : t.start])
                    and not x.particle
                ]
                if adj:
                    own = [
                        x
                        for x in sent.mentions
                        if x.end <= adj[-1].start
                        and x.particle == "의"
                        and re.fullmatch(r"의\s*", text[x.end : adj[-1].start])
                    ]
                    if own:
                        # only with an explicit owner: a bare "메타 투자" may be Meta's own investment
                        objs, investors, inferred = adj[-1:], own[-1:], False
            if t.word.endswith("한") or re.match(r"한\s", text[t.end : t.end + 2]):
                # "X에 투자한 Y": the investor is the head of the relative clause
                head = [x for x in sent.mentions if t.end < x.start <= t.end + 3]
                if head:
                    investors, inferred = head[:1], False
            for i in investors:
                for x in objs:
                    self._claim("INVESTED_IN", i, x, sent, q, inferred)
        self._stake_holding(sent, base)
        if len(self.out) == before and base:
            if "valuation" in base:
                # "X는 N의 기업가치를 인정받았다": the round of the sentence's topic
                for x in self._agents(sent, (0, len(text)), len(text))[0][:1]:
                    self.deals.note(x.key, base)
            self.deals.follow_up(self.claims, sent.mentions, base, False)

    def _stake_holding(self, sent: Sentence, base: dict) -> None:
        """ "X는 Y의 지분 N%를 보유/확보/취득했다", "Y의 지분을 X가 보유": X INVESTED_IN Y."""
        text = sent.text
        for m in re.finditer(r"지분(?:율)?", text):
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
                and x.particle == "의"
                and re.fullmatch(r"의\s*", text[x.end : m.start()])
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
            for h in self._nearest_group(holders, sent) if holders else []:
                if h.start >= clause[0] or not self._in(sent, clause[0], v, (ORGANIZATION, PERSON),
                                                        self.lex["agent_particles"]):
                    self._claim("INVESTED_IN", h, owners[-1], sent, q)

    def _hire_from(self, sent: Sentence, hirer: Mention, person: Mention, q: dict, inferred: bool) -> None:
        org = person.title_org
        if org is None:
            prev = [
                x
                for x in sent.mentions
                if x.type == ORGANIZATION
                and x.end <= person.start
                and re.fullmatch(
                    r"\s*(?:의)?\s*(?:출신\s*)?(?:[^\s]+\s+){0,1}", sent.text[x.end : person.start]
                )
            ]
            org = prev[-1] if prev else None
        if org is not None and org.key != hirer.key:
            self._claim("HIRED_FROM", hirer, org, sent, {"date": q.get("date")}, inferred)

    def _parent(self, m: Mention) -> Mention:
        """Hiring by a unit is hiring by its top organization when the registry knows it."""
        cur, seen = m, 0
        while cur.id and seen < 3:
            ent = self.registry.get(cur.id)
            if ent is None or not ent.parent or self.registry.kinds.get(cur.id) != "unit":
                break
            p = self.registry.get(ent.parent)
            if p is None:
                break
            cur = Mention(m.start, m.end, p.name, p.type, p.id, self.registry.kinds.get(p.id, ""))
            seen += 1
        return cur

    def _hired(self, sent: Sentence, used: list) -> None:
        lex = self.rel["HIRED"]
        text = sent.text
        for t in _find_all(text, lex["active"] + lex["passive"], "hire"):
            if any(a <= t.start < b for a, b in used) or self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            q = {"date": self._date(sent, t)}
            m = re.search(r"(\S+)(?:로|으로)\s*$", text[clause[0] : t.start])
            role = self._title_en(m.group(1)) if m else None
            relative = bool(
                re.match(r"(?:하|되|해)?(?:ㄴ|한|된|온|간)\s", text[t.end - 1 : t.end + 3])
            ) or text[t.end : t.end + 2].startswith(("한 ", "된 "))
            passive = t.word in lex["passive"]
            hirers, inferred = self._agents(sent, clause, t.start)
            sources = self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["source_particles"])
            if passive:
                hirers = self._nearest_group(
                    self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["dative_particles"]), sent
                )
                inferred = False
            if relative and not self._in(
                sent, clause[0], t.start, (ORGANIZATION,), self.lex["agent_particles"]
            ):
                # "X에서 영입한 연구원들이 Y를 떠났다": Y is who had hired them
                after = [
                    x
                    for x in sent.mentions
                    if x.start > t.end
                    and x.type == ORGANIZATION
                    and x.particle in ("을", "를")
                    and re.match(r"\s*(?:이미\s*)?떠", text[x.pend : x.pend + 6])
                ]
                if after:
                    hirers, inferred = after[:1], False
            hirers = [self._parent(h) for h in hirers]
            people = (
                [
                    x
                    for x in sent.mentions
                    if x.type == PERSON
                    and clause[0] <= x.start < t.start
                    and x.particle not in ("이", "가", "은", "는", "의")
                ]
                if not passive
                else self._agents(sent, clause, t.start, (PERSON,))[0]
            )
            if relative and not people:
                people = [x for x in sent.mentions if x.type == PERSON and t.end <= x.start <= t.end + 4]
            count = self._count(sent, clause[0], t.start)
            for h in hirers:
                for p in people:
                    self._claim("HIRED", h, p, sent, {**q, "role": role}, inferred)
                    self._hire_from(sent, h, p, q, inferred)
                    if role and m:
                        owner = [
                            x
                            for x in sent.mentions
                            if x.type == ORGANIZATION
                            and x.end <= clause[0] + m.start()
                            and x.particle == "의"
                            and x.start > p.end
                        ]
                        self._claim("WORKS_AT", p, owner[-1] if owner else h, sent, {"title": role})
                for s in self._nearest_group(sources, sent):
                    self._claim("HIRED_FROM", h, s, sent, {**q, "count": count}, inferred)
                for s in self._in(sent, clause[0], t.start):
                    if s.head.startswith("출신") and s.key != h.key:
                        self._claim("HIRED_FROM", h, s, sent, q, inferred)

    def _join(self, sent: Sentence, used: list) -> None:
        lex = self.rel["HIRED"]
        text = sent.text
        for t in _find_all(text, lex["join"], "join"):
            used.append((t.start, t.end))
            if self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            q = {"date": self._date(sent, t)}
            move = t.word in lex["move"]
            people = [
                x
                for x in self._in(sent, clause[0], t.start, (PERSON,))
                if x.particle in self.lex["agent_particles"]
                or re.match(r"\s*비롯", text[x.pend : x.pend + 4])
            ]
            inferred = False
            if not people:
                topic = self._in(sent, 0, t.start, (PERSON,), self.lex["agent_particles"])
                people = topic[:1]
            goal_p = (
                self.lex["goal_particles"] + self.lex["dative_particles"]
                if move
                else self.lex["dative_particles"]
            )
            targets = [x for x in self._in(sent, clause[0], t.start, (ORGANIZATION,), goal_p)]
            if not targets and re.match(r"(?:하|했|한)?\S*\s", text[t.end : t.end + 3]):
                nxt = [x for x in sent.mentions if x.type == ORGANIZATION and t.end < x.start <= t.end + 16]
                if nxt and re.match(r"한\s", text[t.end : t.end + 2]):
                    targets = nxt[:1]
            if not targets:
                topic = self._in(sent, 0, t.start, (ORGANIZATION,), self.lex["topic_particles"])
                targets, inferred = topic[:1], True
            targets = [self._parent(x) for x in targets[-1:]]
            sources = [
                x
                for x in self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["source_particles"])
                if x.key not in {g.key for g in targets}
            ]
            for g in targets:
                for p in people:
                    self._claim("HIRED", g, p, sent, q, inferred)
                    src = sources[-1:] if sources else []
                    if not src and move:
                        before = [
                            x
                            for x in sent.mentions
                            if x.type == ORGANIZATION and x.end <= p.start and x.particle == "의"
                        ]
                        src = before[-1:]
                    for s in src:
                        self._claim("DEPARTED", p, s, sent, q, inferred or not sources)
                        self._claim("HIRED_FROM", g, s, sent, q, inferred or not sources)
                for s in self._in(sent, clause[0], t.start):
                    if s.head.startswith("출신") and s.key != g.key:
                        self._claim("HIRED_FROM", g, s, sent, {}, inferred)

    def _departed(self, sent: Sentence, used: list) -> None:
        text = sent.text
        for t in _find_all(text, self.rel["DEPARTED"]["active"], "dep"):
            if any(a <= t.start < b for a, b in used) or self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            people, inferred = self._agents(sent, clause, t.start, (PERSON,))
            orgs = self._in(
                sent,
                clause[0],
                t.start,
                (ORGANIZATION,),
                self.lex["object_particles"] + self.lex["source_particles"],
            )
            adjacent = [
                x
                for x in sent.mentions
                if x.type == ORGANIZATION and x.end <= t.start and re.fullmatch(r"\s*", text[x.end : t.start])
            ]
            if not people and adjacent:
                # "오픈AI 떠난 수츠케버": the person follows the relative clause
                people = [x for x in sent.mentions if x.type == PERSON and t.end < x.start <= t.end + 3]
            objs = self._nearest_group(orgs, sent) or adjacent
            if not objs and re.search(r"회사(?:를|에서)\s*$", text[clause[0] : t.start]):
                objs = [p.title_org for p in people if p.title_org is not None][:1]
                inferred = True
            for p in people:
                role = p.title or None
                for o in objs:
                    self._claim("DEPARTED", p, o, sent, {"role": role, "date": self._date(sent, t)}, inferred)

    def _founded(self, sent: Sentence, used: list) -> None:
        text = sent.text
        for t in _find_all(text, self.rel["FOUNDED"]["active"], "found"):
            if self._modal(sent, t) or text[t.end : t.end + 1] in ("자", "된", "되", "돼", "됐"):
                continue
            if text[t.start - 2 : t.start] == "공동" and text[t.end : t.end + 1] == "자":
                continue
            clause = sent.clause(t.start)
            founders = [x for x in self._in(sent, clause[0], t.start, (PERSON,), self.lex["agent_particles"])]
            if not founders:
                founders = self._in(sent, 0, t.start, (PERSON,), self.lex["topic_particles"])[:1]
            orgs = self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["object_particles"])
            inferred = False
            if not orgs and re.match(r"한\s", text[t.end : t.end + 2]):
                nxt = [x for x in sent.mentions if x.type == ORGANIZATION and t.end < x.start <= t.end + 12]
                orgs = nxt[:1]
                if not orgs:
                    topic = self._in(sent, 0, t.start, (ORGANIZATION,), self.lex["topic_particles"])
                    orgs, inferred = topic[:1], True
            q = {"date": self._date(sent, t)}
            objs = self._nearest_group(orgs, sent) if orgs and orgs[-1] in sent.mentions else orgs
            for f in founders:
                for o in objs:
                    self._claim("FOUNDED", f, o, sent, q, inferred)
            if not founders and orgs and re.fullmatch(r"[을를]\s*", text[orgs[-1].end : t.start]):
                # an organization setting up an organization: "X가 법인 Y를 설립" makes Y part of X
                parents = self._in(
                    sent, clause[0], orgs[-1].start, (ORGANIZATION,), self.lex["agent_particles"]
                )
                for p in parents[-1:]:
                    self._claim("PART_OF", orgs[-1], p, sent, {}, True)

    def _vendor(self, sent: Sentence, used: list) -> None:
        lex = self.rel["VENDOR_TO"]
        text = sent.text
        for t in _find_all(text, lex["supply"], "sup"):
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
                    self._claim("VENDOR_TO", v, c, sent, {"service": service, "status": "active"}, inferred)
        for t in _find_all(text, lex["collab"], "col"):
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
            described = any(c in group[0].head for c in lex["vendor_cues"])
            vendor_kind = all(
                self.registry.kinds.get(g.id or "", "") in self.lex["vendor_kinds"] for g in group
            )
            if not (described or vendor_kind):
                continue
            used.append((t.start, t.end))
            besides = [
                x
                for x in sent.mentions
                if x.end <= group[0].start
                and x.type == ORGANIZATION
                and text[x.end : x.end + 4].lstrip().startswith(("외에", "외"))
            ]
            for c in clients:
                for v in group + besides[-1:]:
                    self._claim("VENDOR_TO", v, c, sent, {"status": "active"}, inferred)
        for t in _find_all(text, lex["use"], "use"):
            if self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            clients, inferred = self._agents(sent, clause, t.start)
            vendors = [
                x
                for x in self._in(sent, clause[0], t.start)
                if x.particle == "의"
                or re.match(r"\s*\S*(?:데이터|모델|칩|클라우드)", text[x.end : x.end + 8])
            ]
            for c in clients:
                for v in vendors[-1:]:
                    self._claim("VENDOR_TO", v, c, sent, {"status": "active"}, inferred)

    def _partnered(self, sent: Sentence, used: list) -> None:
        text = sent.text
        for t in _find_all(text, self.rel["PARTNERED_WITH"]["active"], "par"):
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
            if not group and re.match(r"\S*을 체결한\s|\S*를 맺은\s", text[t.end : t.end + 8]):
                nxt = [x for x in sent.mentions if x.type == ORGANIZATION and t.end < x.start <= t.end + 10]
                group = nxt[:1]
            q = {"date": self._date(sent, t)}
            pair = [w for w in self.lex["pair_words"] if w in text[max(0, t.start - 16) : t.start]]
            if not group and pair:
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
                group = objs[-1:]
            if group:
                for s in subjects:
                    for g in group:
                        self._claim("PARTNERED_WITH", s, g, sent, q, inferred)
            elif len(subjects) > 1 and not inferred:
                for i, a in enumerate(subjects):
                    for b in subjects[i + 1 :]:
                        self._claim("PARTNERED_WITH", a, b, sent, q)
