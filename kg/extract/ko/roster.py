"""Korean rules about rosters of people: executive line-ups, lists, alumni.

"NAME 부사장(부서)" line-ups under a company, "NAME 시스템LSI사업부 부사장" with
unit words before the title, chained titles of several organizations, people
in a parenthesis or comma list sharing a title or a hire, "ORG 부사장으로"
goals of a hire, and alumni ("A 출신 B 임원"). A mixin of ``PeopleRules``;
general grammar only, nothing names an entity.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from kg.extract.ko.base import RuleBase, Sentence, field_start, quote_of
from kg.extract.ko.mentions import Mention, particle_at
from kg.extract.ko.text import CLAUSE_WORD, HANGUL, staff_noun
from kg.graph.model import ORGANIZATION, PERSON

_ALUMNI = re.compile(r"\s*출신(?:인)?\s+")
_STAFF_HEAD = re.compile(r"\s*(?:임원|직원|연구원|엔지니어|개발자|인력|인재)")


@cache
def _gathered_staff() -> re.Pattern[str]:
    """ "A·B 출신(의) [핵심] 연구자들이 모인 X", "A와 B 출신의 개발자를 한데 모았다": staff from A
    and B brought together (read on the words after 출신: the sources are its mention's list)."""
    return re.compile(rf"\s*출신(?:의)?\s+(?:[^\s,.]+\s+){{0,3}}?(?:{staff_noun()})(?:들)?"
                      r"(?:을|를|이|가)?\s+(?:[^\s,.]+\s+){0,2}?(?:모인|모은|모았|모아|모으|꾸린|꾸렸)")


# a word of Latin capitals and Hangul ("SK스퀘어", "MX사업부"): a company's name unless it
# ends as a unit does (the lexicon's unit_suffixes and unit_word_endings)
_LATIN_LED = re.compile(r"[A-Z][A-Za-z0-9&]*[가-힣]+")
# a list item with a verb or a clause ending is a clause of its own ("인" of 이다 is not)
_PREDICATE_TAGS = ("EC", "EF", "VV", "VA", "VX", "XSV", "XSA")


@cache
def _units_then_title(run: str, most: int, word: str) -> re.Pattern[str]:
    """Up to ``most`` unit words (runs of ``word``) and then a title of ``run``, compiled
    once per title run: built at each person, the pattern cost its string building and
    re's cache lookup, which hashes the whole title alternation."""
    # "제품 및 제휴 담당 부사장": 및 joins two unit words into one field, it is no unit itself
    return re.compile(rf"(?:\s+(?:및\s+)?{word}+){{0,{most}}}?\s+{word}*?({run})")


def _with_field(title: str, words: list[str]) -> str:
    """The title with the words right before it that name its field ("AI 엔지니어", "AI
    총괄"); other unit words are left out, as the title's English cannot carry them."""
    field = words[field_start(words):]
    return " ".join([*field, title]) if field else title


# "NAME (단독|각자|공동) 대표(이사) 체제": the company led by that head ("체제였던 X": X)
_CEO_SYSTEM = re.compile(r"\s*(?:단독|각자|공동)?\s*(?:대표이사|대표|CEO|최고경영자)\s*체제"
                         r"(?:였던|인|의)?\s*")


class RosterRules(RuleBase):
    """Line-ups, lists of people and alumni (mixin of ``PeopleRules``)."""

    def _emit_title(
        self,
        sent: Sentence,
        p: Mention,
        title: str,
        org: Mention | None,
        inferred: bool,
        former: bool,
        right_side: bool = False,
        *,
        rule: str,
    ) -> None:
        """WORKS_AT/FOUNDED for a title next to a person (``PeopleRules`` defines it)."""
        raise NotImplementedError

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
                    self._claim("WORKS_AT", x, p.title_org, sent, {"title": p.title}, True,
                                rule="ko.works_at.list_members")

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
            self._emit_title(sent, p, mc.group(1), prev[-1], False, False, rule="ko.works_at.chained_titles")
            p.title, p.title_org = keep  # the nearest title stays the person's own
            cur = prev[-1]

    def _unit_title(self, sent: Sentence, p: Mention, run: str) -> str | None:
        """The title a few unit words after a name, when no mention stands between."""
        text = sent.text
        stops = [
            x.start for x in sent.mentions if x.start >= p.end and (x.type == PERSON or not x.discovered)
        ]
        limit = min([*stops, len(text), p.end + 60])
        found = self._title_after_units(text, p.end, limit, _units_then_title(run, 4, r"[^\s,]"))
        if found is None:
            return None
        title, words = found
        unit_ends = (*self.lex["unit_suffixes"], *self.lex["unit_word_endings"])
        if any(_LATIN_LED.fullmatch(w) and not w.endswith(unit_ends) for w in words):
            return None  # "NAME SK스퀘어 사장": a company the registry lacks, not a unit of one
        return _with_field(title, words)

    def _org_unit_title(self, sent: Sentence, org: Mention, run: str) -> str | None:
        """ "NAME [전] ORG 제너레이티브 챗봇팀 리더": the title up to three unit words after the
        organization, when no other name stands between and no word ends a clause."""
        text = sent.text
        stops = [x.start for x in sent.mentions if x.start >= org.end]
        limit = min([*stops, len(text), org.end + 40])
        found = self._title_after_units(text, org.end, limit, _units_then_title(run, 3, r"[^\s,()]"))
        return None if found is None else _with_field(*found)

    @staticmethod
    def _title_after_units(text: str, start: int, limit: int,
                           pattern: re.Pattern[str]) -> tuple[str, list[str]] | None:
        """The title ``pattern`` finds after unit words from ``start`` (up to ``limit``), and
        those words: none when there are none, when one ends a clause, or when the title
        runs on into a longer word (no particle after it)."""
        mt = pattern.match(text[start:limit])
        if not mt:
            return None
        words = text[start : start + mt.start(1)].split()
        if not words or any(CLAUSE_WORD.search(w) for w in words):
            return None
        e = start + mt.end()
        if e < len(text) and HANGUL.match(text[e]) and not particle_at(text, e):
            return None
        return mt.group(1), words

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
        led = [x for x in before
               if re.fullmatch(r"\s*[을를]?\s*이(?:끄는|끌던)\s*", sent.text[x.end : p.start])]
        if led:
            return led[-1]  # "X를 이끄는 NAME 대표"
        system = _CEO_SYSTEM.match(sent.text, p.end)
        if system:
            # "X가 NAME 단독 대표이사 체제로 전환됐다", "NAME 대표 체제였던 X에": the
            # organization run under that head, the subject before or the one the phrase modifies
            after = [x for x in sent.mentions if x.type == ORGANIZATION and x.start == system.end()]
            subject = [x for x in before if x.particle in ("은", "는", "이", "가")]
            if after:
                return after[0]
            if subject:
                return subject[-1]
        hiring = any(w in sent.text for w in self.rel["HIRED"]["active"] + self.rel["HIRED"]["join"])
        own = [x for x in before if x.particle == "의" or (x.particle in ("은", "는") and not hiring)]
        if own:
            return own[-1]
        party = {c.subject.name for c in self.claims} | {c.object.name for c in self.claims}
        others = [
            x for x in sent.mentions
            if x.type == ORGANIZATION and not x.head.startswith("출신")
            and (not x.discovered or x.name in party)  # a found name earlier facts are about
            and quote_of(sent, x) is None  # a company named in the speaker's words is not theirs
        ]
        told = any(p.name in (c.subject.name, c.object.name) for c in self.claims)
        if not own and not others and not (p.anaphoric and told):
            # "최 부사장은": a person told of before is not put at whatever company came last
            return self._main_topic()
        return None

    def _main_topic(self) -> Mention | None:
        """The topic carried over, when it is an organization the document has made its subject
        (은/는/이/가) at least as often as any other: a bare title ("샘 올트먼 CEO는") is
        placed at the company the story is about, not at whichever one was the subject last."""
        topic = self.carried_topic
        if topic is None:
            return None
        counts = Counter(m.key for m in self.state.last_orgs if m.particle in ("은", "는", "이", "가"))
        return topic if counts.get(topic.key, 0) == max(counts.values(), default=0) else None

    def _listed_before(self, sent: Sentence, start: int) -> list[Mention]:
        """People of the comma-separated items before the clause at ``start`` that end no
        clause of their own: "A(영문), B 전 CEO, C의 D를 영입했다" hires A, B and D;
        "X CEO와 공동창업자인 Y, 기타 인력을 고용했다" hires X and Y."""
        out: list[Mention] = []
        for lo, hi in reversed([c for c in sent.clauses if c[1] <= start]):
            if not sent.text[lo:hi].rstrip().endswith(","):
                break
            if any(lo <= t.start < hi and t.tag in _PREDICATE_TAGS for t in sent.tokens):
                break
            items = [x for x in sent.mentions if lo <= x.start < hi and x.type == PERSON and not x.particle]
            if not items:
                break
            out = items + out
        return out

    def _alumni(self, sent: Sentence) -> None:
        """HIRED_FROM from alumni: "A 출신 B 임원", "A 출신(도) NAME B 부사장"."""
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
                    self._claim("HIRED_FROM", p.title_org, x, sent, {}, True, derived=True,
                                rule="ko.hired_from.alumni_title")
        # "A 출신 B 임원": B hired people who came from A
        for m in _ALUMNI.finditer(sent.text):
            src = [x for x in sent.mentions if x.type == ORGANIZATION and x.end == m.start()]
            dst = [x for x in sent.mentions if x.type == ORGANIZATION and x.start == m.end()]
            if src and dst and src[0].key != dst[0].key and _STAFF_HEAD.match(sent.text, dst[0].end):
                self._claim("HIRED_FROM", dst[0], src[0], sent, rule="ko.hired_from.alumni_staff")
        # "A·B 출신 연구자들이 모인 X", "X는 A와 B 출신의 개발자를 한데 모았다"
        for x in sent.mentions:
            if x.type != ORGANIZATION or not x.head.startswith("출신"):
                continue
            gathered = _gathered_staff().match(sent.text, x.end)
            if gathered is None:
                continue
            agents, inferred = self._agents(sent, sent.clause(gathered.end()), gathered.end())
            sources = [m for m in self._group(sent, x) if m.type == ORGANIZATION]
            for g in agents:
                for src in sources:
                    if g.type == ORGANIZATION and src.key != g.key:
                        self._claim("HIRED_FROM", g, src, sent, {}, inferred,
                                    rule="ko.hired_from.alumni_gathered")
