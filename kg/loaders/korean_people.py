"""Korean rules about people: titles next to names, hires, departures, founders.

General grammar over the lexicon; nothing here names an entity.
"""

from __future__ import annotations

import re

from kg.graph.model import ORGANIZATION, PERSON
from kg.loaders.korean_base import RuleBase, Sentence, find_all
from kg.loaders.korean_mentions import Mention, particle_at
from kg.loaders.korean_text import HANGUL

# a word ending a clause or carrying a case particle is no unit name before a title
# the rest of a headline list after its last known name: "박지훈 전무, 정하늘 등 "
_LIST_TAIL = re.compile(
    r"(?:\s+[^\s,]+)?(?:\s*,\s*[^\s,]+(?:\s[^\s,]+)?){0,4}\s*(?:등\s*)?(?:잇단\s*|연이은\s*|줄\s*)?"
)
_STAFF = re.compile(r"(?:연구원|엔지니어|개발자|인력|인재|직원)(?:들)?$")
_NAMED_AS = re.compile(r"['’\"”]?\s*(?:이)?라는\s+\S+?(?:을|를)\s")
_ALUMNI = re.compile(r"\s*출신(?:인)?\s+")
_STAFF_HEAD = re.compile(r"\s*(?:임원|직원|연구원|엔지니어|개발자|인력|인재)")
_OCCUPATIONS = ("scientist", "researcher", "engineer", "principal researcher")
_UNNAMED_SUBJECT = re.compile(
    r"(?:명|임원|인력|직원|연구원|엔지니어|인재|사람|멤버)(?:들)?(?:\s*중\s*\S+)?(?:이|가)\s"
)
_CLAUSE_WORD = re.compile(r"(?:[은는을를에의로와과도가]|있는|하는|이끄는|맡은|된|한|던|며|고)$")


class PeopleRules(RuleBase):
    """WORKS_AT, FOUNDED, PART_OF (units), HIRED, HIRED_FROM and DEPARTED."""

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
            caption = r"(?:\((?:왼쪽|오른쪽|가운데|사진)[^)]*\))?"
            m = re.match(rf"{caption}\s*(전\s+|前\s*)?({run})", after)
            if m:
                title, former, right_side = m.group(2), bool(m.group(1)), True
            elif nxt is not None and re.fullmatch(
                rf"{caption}\s*(?:전\s+|前\s*)?", text[p.end : nxt.start]
            ):
                m2 = re.match(rf"\s*({run})", text[nxt.end :])
                if m2:
                    org, title = nxt, m2.group(1)
                    former = "전" in text[p.end : nxt.start] or "前" in text[p.end : nxt.start]
            if title is None and not m:
                # "NAME 시스템LSI사업부 센서사업팀 부사장": unit words between the name and the title
                title = self._unit_title(sent, p, run)
                right_side = title is not None
            # "NAME이 CEO로 있는 ORG"
            if title is None and p.particle in ("이", "가"):
                m3 = re.match(rf"({run})로 있는 ", text[p.pend :].lstrip())
                if m3 and nxt is not None:
                    org, title = nxt, m3.group(1)
            # "NAME (TITLE)이 이끄는 ORG"
            lead = re.match(rf"\s*(?:({run})\s*)?(?:이|가|은|는)?\s*이끄는\s", text[p.end :])
            if org is None and lead and p.particle in ("이", "가", "") or (
                org is None and lead and title is not None
            ):
                led = [x for x in orgs_after if x.start <= p.end + lead.end() + 1]
                if led:
                    org, title = led[0], lead.group(1) or title or "총괄"
            # left side: "[ORG(의)] [전] TITLE(인|...) NAME"
            left = self._left_title(sent, p, run)
            if title is None and left is not None:
                title, org, inferred, former = left
            elif (
                right_side
                and org is None
                and left is not None
                and not left[2]
                and not set((self._title_en(title) or "").split(" and ")) & set(self.lex["founder_titles"])
            ):
                # "ORG의 공동창업자인 NAME CTO": the organization of the left title holds both
                org = left[1]
                self._emit_title(sent, p, left[0], left[1], left[2], left[3])
            if title is not None:
                self._emit_title(sent, p, title, org, inferred, former, right_side)
            if left is not None and left[1] is not None and not left[2]:
                self._chained_titles(sent, p, left[1], run)
        self._list_members(sent)
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
        # "A 출신(도) NAME B사 부사장": B hired from A
        for p in sent.mentions:
            if p.type != PERSON or p.title_org is None:
                continue
            for x in sent.mentions:
                if (
                    x.type == ORGANIZATION
                    and x.end <= p.start
                    and x.head.startswith("출신")
                    and re.fullmatch(r"\s*출신(?:인|으로|도)?\s*", sent.text[x.end : p.start])
                    and x.key != p.title_org.key
                ):
                    self._claim("HIRED_FROM", p.title_org, x, sent, {}, True)
        # "A 출신 B 임원": B hired people who came from A
        for m in _ALUMNI.finditer(sent.text):
            src = [x for x in sent.mentions if x.type == ORGANIZATION and x.end == m.start()]
            dst = [x for x in sent.mentions if x.type == ORGANIZATION and x.start == m.end()]
            if src and dst and src[0].key != dst[0].key and _STAFF_HEAD.match(sent.text, dst[0].end):
                self._claim("HIRED_FROM", dst[0], src[0], sent)
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

    def _list_members(self, sent: Sentence) -> None:
        """ "연구원인 A 등 총 8명(B·C·D)": the people in the parenthesis share A's title."""
        text = sent.text
        for p in sent.mentions:
            if p.type != PERSON or not p.title or p.title_org is None:
                continue
            m = re.match(r"\s*등\s*(?:총\s*)?\d+\s*명\s*\(([^()]*)\)", text[p.end :])
            if not m:
                continue
            lo, hi = p.end + m.start(1), p.end + m.end(1)
            for x in sent.mentions:
                if x.type == PERSON and lo <= x.start < hi and x.key != p.key:
                    self._claim("WORKS_AT", x, p.title_org, sent, {"title": p.title}, True)

    def _left_title(self, sent: Sentence, p: Mention, run: str) -> tuple | None:
        """ "[ORG(의)] [전] TITLE(인|...) NAME": (title, org, inferred, former) or None."""
        text = sent.text
        m4 = re.search(rf"(전\s+|前\s*)?({run})(?:\s*중 한 명)?(?:인|이었던|였던)?\s*$", text[: p.start])
        if not m4:
            return None
        title, former, org, inferred = m4.group(2), bool(m4.group(1)), None, False
        # "공동 창업자인 AI 과학자 NAME": the occupation describes the founder
        m5 = re.search(
            rf"({run})(?:인|이자|이며)\s+(?:[A-Za-z]+\s+)?{re.escape(title)}\s*$",
            text[: m4.start(2) + len(title)],
        )
        if m5 and self._title_en(title) in _OCCUPATIONS:
            en = (self._title_en(m5.group(1)) or "").split(" and ")
            if set(en) & set(self.lex["founder_titles"]):
                title = m5.group(1)
                m4 = re.search(rf"{re.escape(title)}", text[: m5.end(1)] + " ") or m4
        orgs_before = [x for x in sent.mentions if x.type == ORGANIZATION and x.end <= m4.start()]
        if orgs_before:
            gap = text[orgs_before[-1].end : m4.start()]
            if re.fullmatch(r"\s*(?:의)?\s*(?:전\s+|前\s*)?(?:[^\s,]+\s+){0,2}", gap) and "," not in gap:
                org = orgs_before[-1]
                former = former or bool(re.search(r"(?:^|\s)(?:전|前)\s", gap))
            else:
                org, inferred = orgs_before[-1], True
        return title, org, inferred, former

    def _emit_title(
        self,
        sent: Sentence,
        p: Mention,
        title: str,
        org: Mention | None,
        inferred: bool,
        former: bool,
        right_side: bool = False,
    ) -> None:
        """WORKS_AT (and FOUNDED for founder titles) for a title next to a person."""
        en = self._title_en(title)
        if en is None:
            return
        if org is None and right_side:
            # "X의 ... NAME 부사장": the organization the sentence is about; none, the document's
            org = self._line_up_org(sent, p)
            if org is None:
                return
            inferred = True
        if org is None:
            prev = [x for x in sent.mentions if x.type == ORGANIZATION and x.end <= p.start]
            if not prev:
                return
            org, inferred = prev[-1], True
        if not p.title or p.title_org is None or p.title_org.key != org.key or right_side:
            p.title, p.title_org = en, org
        if former:
            return
        titles = en.split(" and ")
        founder = [t for t in titles if t in self.lex["founder_titles"]]
        if founder:
            self._claim("FOUNDED", p, org, sent, inferred=inferred)
        if len(founder) < len(titles) or len(titles) > 1:
            self._claim("WORKS_AT", p, org, sent, {"title": en}, inferred=inferred)

    def _chained_titles(self, sent: Sentence, p: Mention, org: Mention, run: str) -> None:
        """ "ORG1 공동창업자이자 (AI 스타트업) ORG2 CEO인 NAME": the titles chained before the
        organization of the nearest title, each with the organization named before it."""
        text = sent.text
        cur = org
        for _ in range(3):
            mc = re.search(rf"({run})(?:이자|이며|,)\s+(?:[^\s]+\s+){{0,2}}$", text[: cur.start])
            if not mc:
                return
            prev = [
                x
                for x in sent.mentions
                if x.type == ORGANIZATION
                and x.end <= mc.start()
                and re.fullmatch(r"\s*(?:의)?\s*", text[x.end : mc.start()])
            ]
            if not prev:
                return
            keep = (p.title, p.title_org)
            self._emit_title(sent, p, mc.group(1), prev[-1], False, False)
            p.title, p.title_org = keep  # the nearest title stays the person's own
            cur = prev[-1]

    def _unit_title(self, sent: Sentence, p: Mention, run: str) -> str | None:
        """The title a few unit words after a name, when no mention stands between."""
        text = sent.text
        stops = [
            x.start for x in sent.mentions if x.start >= p.end and (x.type == PERSON or not x.discovered)
        ]
        limit = min([*stops, len(text), p.end + 60])
        mt = re.match(rf"(?:\s+[^\s,]+){{0,4}}?\s+[^\s,]*?({run})", text[p.end : limit])
        if not mt:
            return None
        words = text[p.end : p.end + mt.start(1)].split()
        if not words or any(_CLAUSE_WORD.search(w) for w in words):
            return None
        e = p.end + mt.end()
        if e < len(text) and HANGUL.match(text[e]) and not particle_at(text, e):
            return None
        return mt.group(1)

    def _titled_goals(self, sent: Sentence, lo: int, hi: int) -> list[Mention]:
        """Organizations named with a title and 로/으로 ("삼성전자 SAIT 부사장으로")."""
        out = []
        for x in self._in(sent, lo, hi, (ORGANIZATION,), ("로", "으로")):
            words = re.sub(r"\([^)]*\)", "", x.head).split()
            if words and len(words) <= 3 and self._title_en(words[-1]):
                out.append(x)
        return out

    def _line_up_org(self, sent: Sentence, p: Mention) -> Mention | None:
        """The organization of an executive named with a bare title: the nearest genitive
        or topic organization before the name (not the topic of a hire: "X는 ... NAME CEO를
        영입" names another company's CEO), else (no organization in the sentence at all)
        the organization the previous sentences are about."""
        before = [
            x
            for x in sent.mentions
            if x.type == ORGANIZATION and x.end <= p.start and not x.head.startswith("출신")
        ]
        hiring = any(w in sent.text for w in self.rel["HIRED"]["active"] + self.rel["HIRED"]["join"])
        own = [x for x in before if x.particle == "의" or (x.particle in ("은", "는") and not hiring)]
        if own:
            return own[-1]
        others = [
            x for x in sent.mentions
            if x.type == ORGANIZATION and not x.head.startswith("출신") and not x.discovered
        ]
        if not own and not others:
            return self.state.topic
        return None

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
            if person.title_org is None and re.fullmatch(r"의\s*", sent.text[org.end : person.start]):
                self._claim("WORKS_AT", person, org, sent, {}, inferred)  # "X의 NAME"

    def _listed_before(self, sent: Sentence, start: int) -> list[Mention]:
        """People of the comma-separated items before the clause at ``start`` that have no
        predicate of their own: "A(영문), B 전 CEO, C의 D를 영입했다" hires A, B and D."""
        out: list[Mention] = []
        for lo, hi in reversed([c for c in sent.clauses if c[1] <= start]):
            if not sent.text[lo:hi].rstrip().endswith(","):
                break
            if any(lo <= t.start < hi and t.tag[0] in "VE" and t.tag != "ETN" for t in sent.tokens):
                break
            items = [x for x in sent.mentions if lo <= x.start < hi and x.type == PERSON and not x.particle]
            if not items:
                break
            out = items + out
        return out

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
        for t in find_all(text, lex["active"] + lex["passive"], "hire"):
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
            if hirers:
                self.state.last_hirer, self.state.last_hire_date = hirers[0], q.get("date")
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
            if people and not passive:
                people = self._listed_before(sent, clause[0]) + people
            count = self._count(sent, clause[0], t.start)
            for h in hirers:
                for p in people:
                    # without "...로 영입", the title written next to the person is the role
                    own_title = (p.title or None) if p.title_org is None or p.title_org.key != h.key else None
                    self._claim("HIRED", h, p, sent, {**q, "role": role or own_title}, inferred)
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
                group = self._nearest_group(sources, sent)
                for s in group:
                    # "A·B·C에서 11명": the count is of all the sources together
                    self._claim("HIRED_FROM", h, s, sent, {**q, "count": count if len(group) == 1 else None},
                                inferred)
                for s in self._in(sent, clause[0], t.start):
                    # "X 연구원들에게 ... N명을 영입": the staff of X were hired
                    if (s.key != h.key and s not in group and s.particle in ("에게", "을", "를", "")
                            and _STAFF.match(s.head)):
                        self._claim("HIRED_FROM", h, s, sent, {**q, "count": count}, inferred)
                for s in self._in(sent, clause[0], t.start):
                    if s.head.startswith("출신") and s.key != h.key:
                        self._claim("HIRED_FROM", h, s, sent, q, inferred)

    def _join(self, sent: Sentence, used: list) -> None:
        lex = self.rel["HIRED"]
        text = sent.text
        for t in find_all(text, lex["join"], "join"):
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
            titled = self._titled_goals(sent, clause[0], t.start)
            role = None
            if titled and (not targets or titled[-1] is targets[-1]):
                # "ORG 부사장으로 출근하고 있다": the title is the role of the hire
                targets, role = titled[-1:], self._title_en(titled[-1].head.split()[-1])
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
                    self._claim("HIRED", g, p, sent, {**q, "role": role}, inferred)
                    if role:
                        self._claim("WORKS_AT", p, g, sent, {"title": role}, inferred)
                    src = sources[-1:] if sources else []
                    if not src and move:
                        before = [
                            x
                            for x in sent.mentions
                            if x.type == ORGANIZATION and x.end <= p.start and x.particle == "의"
                        ]
                        src = before[-1:]
                    if not src:
                        # "NAME 전 ORG 디렉터가 ... 합류": the former employer is where they came from
                        src = [
                            x
                            for x in sent.mentions
                            if x.type == ORGANIZATION
                            and x.start > p.end
                            and x.key != g.key
                            and re.fullmatch(r"\s*(?:전\s+|前\s*)", text[p.end : x.start])
                        ][:1]
                    for s in src:
                        self._claim("DEPARTED", p, s, sent, q, inferred or not sources)
                        self._claim("HIRED_FROM", g, s, sent, q, inferred or not sources)
                for s in self._in(sent, clause[0], t.start):
                    if s.head.startswith("출신") and s.key != g.key:
                        self._claim("HIRED_FROM", g, s, sent, {}, inferred)

    def _departed(self, sent: Sentence, used: list) -> None:
        text = sent.text
        for t in find_all(text, self.rel["DEPARTED"]["active"], "dep"):
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
            if not people and not objs:
                # headline "A, B, C 등 이탈": the people listed right before the noun left the
                # organization the document is about
                listed = [
                    x
                    for x in sent.mentions
                    if x.type == PERSON
                    and x.end <= t.start
                    and _LIST_TAIL.fullmatch(text[x.end : t.start])
                ]
                if listed and not any(x.type == ORGANIZATION for x in sent.mentions):
                    people = self._group(sent, listed[-1])
                    org = self.state.topic or (self.state.last_orgs[-1] if self.state.last_orgs else None)
                    objs, inferred = ([org] if org is not None else []), True
            if not objs and re.search(r"회사(?:를|에서)\s*$", text[clause[0] : t.start]):
                objs = [p.title_org for p in people if p.title_org is not None][:1]
                inferred = True
            # "왕 CEO가 데려온 임원 중 한 명이 ... 떠났다": an unnamed subject nearer the verb
            people = [
                p for p in people if not _UNNAMED_SUBJECT.search(text[p.pend : t.start])
            ]
            for p in people:
                for o in objs:
                    # "ORG CEO를 사임": the title named with the organization is the role left
                    own = self._title_en(o.head) if o.head else None
                    role = own or p.title or None
                    self._claim("DEPARTED", p, o, sent, {"role": role, "date": self._date(sent, t)}, inferred)
                    if own:
                        self._claim("WORKS_AT", p, o, sent, {"title": own}, inferred)

    def _founded(self, sent: Sentence, used: list) -> None:
        text = sent.text
        for t in find_all(text, self.rel["FOUNDED"]["active"], "found"):
            if self._modal(sent, t) or text[t.end : t.end + 1] in ("자", "된", "되", "돼", "됐"):
                continue
            if text[t.start - 2 : t.start] == "공동" and text[t.end : t.end + 1] == "자":
                continue
            clause = sent.clause(t.start)
            founders = [x for x in self._in(sent, clause[0], t.start, (PERSON,), self.lex["agent_particles"])]
            if not founders:
                founders = self._in(sent, 0, t.start, (PERSON,), self.lex["topic_particles"])[:1]
            orgs = self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["object_particles"])
            orgs += [
                x
                for x in self._in(sent, clause[0], t.start)
                if x not in orgs and _NAMED_AS.match(text, x.end)
            ]  # "'io'라는 스타트업을 창립했다": the particle sits on the noun the name describes
            if founders:
                # "애플을 떠난 아이브는 X를 설립했다": what is founded follows its founder
                orgs = [o for o in orgs if o.start > founders[0].start]
            inferred = False
            relative = re.match(r"\s", text[t.end : t.end + 1]) if t.word.endswith("한") else re.match(
                r"한\s", text[t.end : t.end + 2]
            )
            if not orgs and relative:
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

