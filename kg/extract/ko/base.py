"""Shared machinery of the Korean relation rules: sentences, triggers, roles, qualifiers.

``RuleBase`` holds what every rule needs: the claim sink, the mentions of a
span with given particles, the agent of an act (its clause, the sentence topic,
an earlier clause, the previous sentence's topic), modality, and the date,
money, count and title of an act. The rules themselves live in
``korean_rules`` (deals and layoffs), ``korean_people`` (titles and careers)
and ``korean_orgs`` (competition, customers, vendors, partnerships).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from kg.extract.document import enabled
from kg.extract.ko.deals import DealBook
from kg.extract.ko.mentions import Mention, Token, _title_tables, _title_words, lexicon
from kg.extract.ko.text import TITLE_GLOSS, place_before_org
from kg.extract.rulebook import rule_enabled, tag
from kg.graph.model import ORGANIZATION, PERSON, Claim, EntityRef
from kg.graph.registry import Registry, fold
from kg.loaders import normalize

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


_WORD_AT = re.compile(r"[가-힣]+")  # the rest of a Hangul word, from a position in it
_NOT_THE_ONE = re.compile(r"[가-힣]{0,3}[이가]?\s*아니")  # "(회사)가 아니다", "(곳)이 아닌"
# patterns the rules match at every trigger or title word, compiled at import, not looked
# up in re's cache (hashing the pattern) at each call
_QUOTE_MARK = re.compile(r"[\"“”‘’]")
_LATIN_FIELD = re.compile(r"[A-Z][A-Z&]{1,3}")  # a title's field in Latin capitals: "AI", "R&D"
# compiled once, not looked up in re's cache at each trigger and title read
_EVENT_REF = re.compile(r"(투자|인수|영입)[^,.]{0,8}?(직후|이후|후|당시)")  # "X의 투자 발표 직후"
_NOT_A_VALUATION = re.compile(r"매출|주가|시가총액")
_LATIN_GLOSS_AT_START = re.compile(r"^\([A-Za-z]+\)")
_TITLE_JOINER_AT_START = re.compile(r"^\s*(?:겸|이자|이며|및|,)?\s*")  # "CEO 겸 ", "이자 "
_ACRONYM = re.compile(r"[A-Z][A-Za-z]?[A-Z]{1,4}")


@dataclass
class Trigger:
    start: int
    end: int
    word: str
    key: str


# an organization set up by the clause that names it: "X를 설립하고", "'X'를 새로 출범시켰다",
# "X를 세운 뒤" (its head is X's, a unit named so is new)
SET_UP = re.compile(r"\s*['’\"”]?(?:을|를)\s*(?:새로\s*)?"
                    r"(?:설립|세우|세운|세웠|신설|출범|발족|꾸렸|꾸린|만들었)")
# between an organization and the word of a post of its own: "의 신임 ", "의 초대 ", " "
_POST_GAP = re.compile(r"(?:의)?\s*(?:(?:신임|초대|첫|새|차기|공동|각자|단독)\s*)*")
# verbs whose modifier form is a postposition, not a clause: "구축을 위한", "AI를 통한"
_POSTPOSITION_VERBS = frozenset({"위하", "통하", "대하", "관하", "따르", "의하", "비롯하", "관련하"})
_SPEECH = re.compile(r"[\"“]([^\"“”]+)[\"”]|['‘]([^'‘’]+)['’]")


@cache
def _former_gap() -> re.Pattern[str]:
    """What stands between a person and the organization of their title: "전", a place."""
    return re.compile(rf"\s*(?:전\s*)?{place_before_org()}?")


# A school told as where a person studied: "서울대 출신", "MIT 박사 출신", "카이스트 전산학과
# 출신인"; a post between ("스탠퍼드대 교수 출신") tells where the person worked, and is kept
_ALUMNUS = re.compile(
    r"(?:\([^()]{1,20}\))?\s*(?:의\s*)?"
    r"(?:(?:학부|석사|박사|학사|대학원|졸업생|동문|박사과정|석박사|[가-힣]{1,6}(?:학과|학부|과))\s*){0,2}출신"
)
_SCHOOL_NAME = re.compile(r"(?:대|대학|대학교|대학원|과학기술원)$|University|Institute of Technology|College")
_CAREER_RELATIONS = frozenset({"HIRED_FROM", "WORKS_AT", "DEPARTED"})


def _alma_mater(sent: Sentence, m: Mention) -> bool:
    """Whether ``m`` is a school named as the place a person studied ("서울대 출신 NAME"):
    a school of the registry (kind ``university``) or one named as a school, followed by
    the word for alumnus with at most a degree or a department between. A person's school
    is no employer: a hire of its alumnus is no hire from it (GUIDE.md: HIRED_FROM is the
    organization the people came from)."""
    school = m.kind == "university" or _SCHOOL_NAME.search(m.name) or _SCHOOL_NAME.search(m.surface)
    return bool(school) and _ALUMNUS.match(sent.text, m.end) is not None


def quote_of(sent: Sentence, m: Mention) -> int | None:
    """The start of the quoted speech holding mention ``m`` of this sentence, else None. A
    quoted name alone ("조직 '누리 랩스'") is a name, not speech."""
    if not any(m is x for x in sent.mentions):
        return None
    for q in _SPEECH.finditer(sent.text):
        a, b = q.span()
        if a < m.start and m.end < b:
            inner = (q.group(1) or q.group(2)).strip()
            if " " not in inner or any(x.surface == inner for x in sent.mentions):
                return None
            return a
    return None


_TYPES = {
    "INVESTED_IN": ((ORGANIZATION, PERSON), (ORGANIZATION,)),
    "HIRED": ((ORGANIZATION,), (PERSON,)),
    "DEPARTED": ((PERSON,), (ORGANIZATION,)),
    "WORKS_AT": ((PERSON,), (ORGANIZATION,)),
    "FOUNDED": ((PERSON,), (ORGANIZATION,)),
}


def ref(m: Mention) -> EntityRef:
    return EntityRef(m.name, m.type, m.id)


@lru_cache(maxsize=256)
def _longest_first(words: tuple[str, ...]) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """``words`` longest first, and one pattern matching where any of them is written."""
    ordered = tuple(sorted(set(words), key=len, reverse=True))
    return ordered, re.compile("|".join(map(re.escape, ordered)))


@lru_cache(maxsize=16)
def _pronoun_pattern(pronouns: tuple[str, ...]) -> re.Pattern[str]:
    """A pronoun as a word of its own ("그는 ..."): one pattern for them all, compiled once."""
    return re.compile(rf"(?:^|\s)(?:{'|'.join(pronouns)})\s")


def find_all(text: str, words: Iterable[str], key: str) -> list[Trigger]:
    """Longest non-overlapping occurrences of ``words`` in ``text``."""
    ordered, any_word = _longest_first(tuple(words))
    # most sentences hold none of the words (95 % of the calls on the dev and train
    # articles): one search of their alternation tells, where testing each word costs
    # a scan of the text per word
    if any_word.search(text) is None:
        return []
    hits: list[Trigger] = []
    # the words present picked out first, in C (filter keeps their order)
    for w in filter(text.__contains__, ordered):
        i = text.find(w)
        while i >= 0:
            e = i + len(w)
            if not any(h.start < e and i < h.end for h in hits):
                hits.append(Trigger(i, e, w, key))
            i = text.find(w, i + 1)
    return sorted(hits, key=lambda h: h.start)


PRONOUN_WINDOW = 3  # a pronoun refers back at most this many sentences


# a bare "당시" opening the sentence, or after its topic ("X는 당시"): at the time the sentence
# before told of ("조직개편 당시" points to an event instead: the dating stage reads it;
# "당시 CEO" is a title then held)
_THEN = re.compile(r"(?:^\s*|[은는]\s+)(?:그\s*)?당시(?:에)?\s(?!(?:CEO|CTO|대표|사장|회장|부사장))")


def own_sum(investor: Mention) -> dict:
    """The sum a gapped list tells right after this investor ("A가 300억원, B가 200억원을
    투자했다"), in place of the one the clause gives the last of them (no other currency)."""
    return {"amount_alt": None, "currency_alt": None, **RuleBase._money_q(investor.own_amount)}


class RuleBase:
    """State and helpers shared by the rule mixins (one instance per document)."""

    def __init__(self, registry: Registry, published: str | None) -> None:
        self.registry = registry
        self.published = published
        self.lex = lexicon()
        self.rel = self.lex["relations"]
        self.claims: list[Claim] = []  # every claim of the document so far
        self.deals = DealBook()
        # per sentence: (person, English title) of titles no organization of the sentence holds
        self.bare_titles: list[tuple[Mention, str]] = []
        # per sentence: units a cue names with no owner in the sentence ("조직인 'X'")
        self.bare_units: list[Mention] = []
        self.sentences_read = 0
        # the dates of the sentence being read and of the one before it ("당시": at that time)
        self._dates_now: list[normalize.Span] = []
        self._dates_before: list[normalize.Span] = []
        # the registry organizations the document's text names (set by the extractor): a
        # person's known employer named in the story is where an unplaced title belongs
        self.named_orgs: frozenset[str] = frozenset()
        self._people_told: tuple[int, list[Mention]] = (-PRONOUN_WINDOW - 1, [])  # (sentence, people)
        # the titles longest first and as one alternation (rules build patterns from it per
        # mention), made once per process rather than per document
        self._titles, self._title_alt, _ = _title_tables()

    # -- helpers ---------------------------------------------------------
    def _claim(
        self,
        relation: str,
        subj: Mention,
        obj: Mention,
        sent: Sentence,
        qualifiers: dict | None = None,
        inferred: bool = False,
        derived: bool = False,
        *,
        rule: str,
    ) -> None:
        """Emit a claim of the named rule (``data/rules.json``) unless that rule is switched off;
        ``derived`` marks one implied by another fact (the derived stage)."""
        if not rule_enabled(rule):
            return
        if subj.key == obj.key and relation != "LAID_OFF":
            return
        if derived and not enabled("derived"):
            return
        if quote_of(sent, subj) != quote_of(sent, obj):
            return  # a name in quoted speech is no argument of a fact told outside it
        types = _TYPES.get(relation, ((ORGANIZATION,), (ORGANIZATION,)))
        if subj.type not in types[0] or obj.type not in types[1]:
            return
        if relation in _CAREER_RELATIONS and _alma_mater(sent, obj):
            return  # "서울대 출신", "MIT 박사 출신": where a person studied, not worked
        conf = 0.9
        if subj.discovered or obj.discovered:
            conf = 0.75
        if inferred or subj.anaphoric or obj.anaphoric:
            conf = 0.7
        q = {k: v for k, v in (qualifiers or {}).items() if v is not None and v != ""}
        if relation == "INVESTED_IN" and subj.own_amount is not None:
            q = {k: v for k, v in {**q, **own_sum(subj)}.items() if v is not None}
        c = Claim(relation, ref(subj), ref(obj), q, sent.text, conf, tag(EXTRACTOR, rule))
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

    def remember_people(self, sent: Sentence) -> None:
        """Note the people a sentence names, for the pronouns of the sentences after it."""
        self.sentences_read += 1
        people = [m for m in sent.mentions if m.type == PERSON]
        if people:
            self._people_told = (self.sentences_read, people)

    def pronoun_person(self) -> Mention | None:
        """The person "그"/"그녀" stands for (the coreference stage): of the last sentence
        that named people, within ``PRONOUN_WINDOW`` sentences, its one subject-marked
        person (은/는, else 이/가), else the one person it named; ambiguity names no one."""
        at, people = self._people_told
        if not enabled("coreference") or self.sentences_read - at >= PRONOUN_WINDOW:
            return None
        for particles in (("은", "는"), ("이", "가")):
            marked = {m.key: m for m in people if m.particle in particles}
            if marked:
                return next(iter(marked.values())) if len(marked) == 1 else None
        distinct = {m.key: m for m in people}
        return next(iter(distinct.values())) if len(distinct) == 1 else None

    @property
    def carried_topic(self) -> Mention | None:
        """The organization the sentences before were about, when the carry_over stage is on."""
        return self.state.topic if enabled("carry_over") else None

    @property
    def carried_agent(self) -> Mention | None:
        """The carried topic as the doer of an act whose agent the clause leaves unsaid,
        unless the subject chain has moved to a person since (the subjects stage,
        kg.extract.ko.subjects): then the unsaid agent is that person. The topic as the
        organization a story is about (a bare title's employer, a unit's parent) stays."""
        if self.state.on_person and enabled("subjects"):
            return None
        return self.carried_topic

    def _group(self, sent: Sentence, m: Mention) -> list[Mention]:
        return [x for x in sent.mentions if x.group == m.group]

    def _nearest_group(self, cands: list[Mention], sent: Sentence,
                       types: tuple[str, ...] | None = None) -> list[Mention]:
        """The list the last candidate is part of, its members of ``types`` (by default of
        the candidate's own type: "A, B와 C가" is a list of one kind unless the role takes two,
        as an investor list does: "MS, 엔비디아, 제프 베조스 등으로부터")."""
        if not cands:
            return []
        kinds = types or (cands[-1].type,)
        return [x for x in self._group(sent, cands[-1]) if x.type in kinds]

    def _agents(
        self, sent: Sentence, clause: tuple[int, int], pos: int, types: tuple[str, ...] = (ORGANIZATION,),
        mixed_lists: bool = False, pronoun: bool = False,
    ) -> tuple[list[Mention], bool]:
        """Who does the act at ``pos``: the agent in its clause, the sentence topic, or
        the topic carried over from the previous sentence (then ``inferred``).
        ``mixed_lists``: a list of agents holds members of every one of ``types``;
        ``pronoun``: a pronoun subject ("그는") is the person it stands for (an act only a
        person does: a post, a departure, a founding), else no one."""
        kinds = types if mixed_lists else None
        cands = self._in(sent, clause[0], pos, types, self.lex["agent_particles"])
        cands = [c for c in cands
                 if not self._titles_a_person(sent, c) and not self._relative_subject(sent, c, pos)]
        if cands:
            return self._nearest_group(cands, sent, kinds), False
        if _pronoun_pattern(tuple(self.lex["pronouns"])).search(sent.text[clause[0] : pos]):
            # "그는 ...": a person acts, the one the pronoun stands for (the coreference
            # stage); an organization topic would be wrong
            he = self.pronoun_person() if pronoun else None
            return ([he], True) if he is not None else ([], False)
        topic = self._in(sent, 0, pos, types, self.lex["topic_particles"])
        if topic:
            return self._nearest_group(topic[:1], sent, kinds), False
        # a clause joined by a connective ending shares the subject of the clause before it
        earlier = self._in(sent, 0, clause[0], types, ("이", "가"))
        if earlier and not any(
            m.particle in self.lex["agent_particles"] and clause[0] <= m.start < pos for m in sent.mentions
        ):
            return self._nearest_group(earlier, sent, kinds), False
        if not any(m.particle in ("이", "가") and m.start < pos for m in sent.mentions):
            # a sentence that marks no subject is still about the person the one before was
            # about: "(강 부사장은 ...) 2019년 삼성전자에 합류한 뒤에는 ..."; an act only an
            # organization does falls to the organization that person speaks for
            person = self.carried_person
            if person is not None and person.type in types and not any(
                    m.type == PERSON and m.start < pos for m in sent.mentions):
                return [person], True
            if self.carried_agent is not None and self.carried_agent.type in types:
                return [self.carried_agent], True
        return [], False

    def _post_org_before(self, sent: Sentence, pos: int) -> Mention | None:
        """The organization a post taken belongs to, named right before the post's word at
        ``pos`` in its 로 phrase: "카카오브레인의 신임 대표로", "네이버클라우드 대표로". The
        hirer may be its parent ("카카오는 NAME을 카카오브레인 대표로 선임했다"): the person
        works at the one whose post it is (GUIDE.md: the new role at the organization joined)."""
        before = [x for x in sent.mentions if x.type == ORGANIZATION and x.end <= pos
                  and _POST_GAP.fullmatch(sent.text[x.end : pos])]
        # a name only found here must say it owns the post ("X의 대표로"): a word the finder
        # took for a name may be the post's field ("데이터 아키텍트 총괄로")
        if before and (before[-1].id is not None or before[-1].particle == "의"):
            return before[-1]
        return None

    def _relative_subject(self, sent: Sentence, m: Mention, pos: int) -> bool:
        """Whether ``m`` is the subject of a modifier clause that ends before ``pos``: in "메타는
        구글이 키운 NAME을 영입했다", "메타는 오픈AI가 영입하려던 NAME을 데려왔다" the 이/가
        names who raised or wanted the person, not who hired them; the topic is the agent. A modifier
        clause headed by a noun of time or manner ("인수한 뒤", "투자한 가운데"; frames.json
        ``not_heads``) is adverbial and shares the subject."""
        if m.particle not in ("이", "가"):
            return False
        # with no topic before it, the subject may be the main clause's, the modifier
        # clause leaving its own unsaid: "카카오가 업스테이지에 약속했던 추가 투자를 집행했다"
        if not any(x.particle in ("은", "는") and x.end <= m.start for x in sent.mentions):
            return False
        tokens = sent.tokens
        for i, t in enumerate(tokens):
            if t.start < max(m.pend, m.end) or t.tag != "ETM":
                continue
            if t.end > pos:
                return False
            # the predicate the ending closes: an action verb's clause has a subject of its
            # own ("구글이 키운 NAME"); an adjective's or a copula's ("많은 금액", "엔지니어였던
            # NAME", "전문가인 NAME") describes a noun inside the same clause, and "위한",
            # "통한", "대한" are postpositions
            verb = next((v for v in reversed(tokens[:i]) if v.tag in ("VV", "XSV", "VX", "VA", "VCP")), None)
            if verb is None or verb.tag in ("VA", "VCP") or verb.form in _POSTPOSITION_VERBS:
                continue
            head = tokens[i + 1] if i + 1 < len(tokens) else None
            return head is not None and head.form not in _adverbial_heads()
        return False

    def _titles_a_person(self, sent: Sentence, m: Mention) -> bool:
        """ "류중희 퓨처플레이 대표가": an organization that only names a person's title; the
        subject particle after the title marks the person, not the organization."""
        return any(p.end <= m.start and self._titles_of(sent, p, m) for p in sent.mentions)

    def _not_their_employer(self, sent: Sentence, p: Mention, org: Mention) -> bool:
        """Whether the registry knows person ``p`` at an organization other than ``org``
        (neither a unit of the other) that the story names, in a sentence that tells no
        move. A title the text leaves without its organization ("NAME 대표는") is then not
        put at whichever company the sentence or story is about: a guest or a rival's chief
        is named so as often as the story's own. A story that never names the known
        employer may predate the registry (a post the person has since left), and a
        sentence telling a hire or a departure ("X는 Y에 투자하면서 CEO NAME을 영입") may
        name the title held before the move the registry already knows."""
        known = self.registry.employers.get(p.id or "")
        if known is None or (org.id is not None and self._same_group(org.id, known)):
            return False
        if not any(self._same_group(o, known) for o in self.named_orgs):
            return False
        moves = (*self.rel["HIRED"]["active"], *self.rel["HIRED"]["join"], *self.rel["DEPARTED"]["active"])
        return not any(map(sent.text.__contains__, moves))

    def name_orgs(self, text: str) -> None:
        """Note the registry organizations ``text`` (the whole document) names."""
        self.named_orgs = frozenset(a.entity.id for a in self.registry.aliases_in(text)
                                    if a.entity.type == ORGANIZATION and not a.weak)

    def _same_group(self, a: str, b: str) -> bool:
        """Whether organizations ``a`` and ``b`` are one, or one a unit of the other (the
        registry's parents, three levels up)."""
        return a in self.registry.lineage(b) or b in self.registry.lineage(a)

    def _titles_of(self, sent: Sentence, p: Mention, o: Mention) -> bool:
        """Whether organization ``o`` only qualifies the title of person ``p`` right before it:
        "김민수 감마 CEO가", "NAME 전 ORG 디렉터는" (the rules' agents and the frames' particles
        ask this; the mention finder moves the particle itself only after "전")."""
        if p.type != PERSON or o.type != ORGANIZATION or not o.head \
                or _former_gap().fullmatch(sent.text, p.end, o.start) is None:
            return False
        words = o.head.split()
        return bool(words) and self._title_en(words[-1]) is not None

    @property
    def carried_person(self) -> Mention | None:
        """The person the subject chain is on, as the subject of a sentence that marks none of
        its own (the carry_over and subjects stages)."""
        if not (self.state.subject_unsaid and enabled("carry_over") and enabled("subjects")):
            return None
        return self.state.chain_person

    def _modal(self, sent: Sentence, trig: Trigger) -> bool:
        """Whether the act is reported as plan, talk, rumour, denial, condition or negated."""
        mod = self.lex["modality"]
        clause = sent.clause(trig.start)
        # a trigger that itself holds a plan word ("공동 추진") is judged by what follows it:
        # "공동 추진하는 프로젝트" is a fact, "공동 추진할 계획" a plan
        # (any(map(text.__contains__, words)) below: the words tested in C, not a generator)
        start = trig.end if any(map(trig.word.__contains__, mod["after"])) else trig.start
        end = min(max(clause[1], trig.end + 6), trig.end + 24)
        # "SK텔레콤으로 이적한 NAME의 후임을 뽑지 않았다": what follows the noun a past act
        # describes is said of that noun, not of the act
        settled = self._settled_relative(sent, trig, mod)
        if settled is not None:
            end = min(end, settled)
        after = sent.text[start : max(start, end)]
        after = _QUOTE_MARK.split(after, maxsplit=1)[0]  # a quote after the act is speech
        if any(map(after.__contains__, mod["after"])) or any(map(after.__contains__, mod["negation"])):
            return True
        before = sent.text[clause[0] : trig.start]
        if any(map(before.__contains__, mod["before"])):
            return True
        # a rumour noun glued to the act's noun: "합류설에 대해", "인수설을 부인했다"
        glued = _WORD_AT.match(sent.text, trig.end)
        if glued is not None and glued.group(0) in mod["rumour_suffix"]:
            return True
        if self._unsettled_ending(sent, trig, clause[1], mod):
            return True
        return self._reported_claim(sent.text[trig.end :], mod["reported_claim"])

    @staticmethod
    def _settled_relative(sent: Sentence, trig: Trigger, mod: dict) -> int | None:
        """Where the act's own predicate ends when it is a past relative clause on a noun that
        is a thing or a person ("이적한 NAME", "인수한 뒤"), not a fact about the act itself
        ("투자한 적이 없다", "인수한 사실이 없다", "인수한 것은 아니다") nor an option
        ("인수하는 방안"): the text offset after its modifier ending, else None."""
        for i, t in enumerate(sent.tokens):
            if t.start < trig.start or t.tag not in ("EC", "EF", "ETM", "ETN"):
                continue
            if t.tag != "ETM" or t.form not in mod["past_modifiers"]:
                return None
            nxt = sent.tokens[i + 1] if i + 1 < len(sent.tokens) else None
            if nxt is None or nxt.form in mod["act_heads"] or nxt.form in mod["unreal_heads"]:
                return None
            # "X는 NAME이 세운 회사가 아니다": the copula's negation denies the noun the act
            # describes, and with it the act
            if _NOT_THE_ONE.match(sent.text, nxt.end):
                return None
            return t.end
        return None

    @staticmethod
    def _unsettled_ending(sent: Sentence, trig: Trigger, clause_end: int, mod: dict) -> bool:
        """Whether a verb ending in the act's clause leaves the act unsettled, read from Kiwi's
        morphemes however the verb is spelled: a conditional connective anywhere after the
        trigger ("투자하면"), or the act's own predicate (the first verb ending at or after the
        trigger) ending as a question, an aim or a future: "나설지 관심이 쏠린다", "맺으려
        한다", "투자할 것으로 전해졌다", or modifying a noun that makes it no deed ("인수하는
        방안"). One pass over the clause's endings does both."""
        tokens = sent.tokens
        own = True  # the next verb ending is the act's own predicate's
        for i, t in enumerate(tokens):
            if t.start < trig.start or t.tag not in ("EC", "EF", "ETM", "ETN"):
                continue
            if t.start > clause_end:
                return False
            # t.end, not t.start: Kiwi starts a contracted ending inside the verb's last
            # syllable ("인수한다면": "ᆫ다면" starts at "한", before a frame predicate's end)
            if t.tag == "EC" and t.end > trig.end and t.form in mod["conditional_endings"]:
                return True
            if own:
                own = False
                if t.tag == "EC" and t.form in mod["unsettled_endings"]:
                    return True
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if (t.tag == "ETM" and t.form in mod["future_modifiers"] and nxt is not None
                        and nxt.form == "것" and nxt.tag == "NNB"):
                    return True
                # the act only modifies a noun that makes it no deed: "인수하는 방안이 거론된다"
                if t.tag == "ETM" and nxt is not None and nxt.form in mod["unreal_heads"]:
                    return True
        return False

    @staticmethod
    def _reported_claim(rest: str, cues: dict) -> bool:
        """Whether the act is the content of hearsay that is a guess or that the sentence
        denies, however far the denial: "인수했다는 소식은 사실이 아닌 것으로 확인됐다",
        "투자할 것이라는 관측이 나온다"; "인수했다는 소식이 전해졌다" stays a fact."""
        m = _hearsay_pattern(tuple(cues["nouns"])).match(rest)
        if m is None:
            return False
        return m.group(1) in cues["guesses"] or any(w in rest[m.end() :] for w in cues["denials"])

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
        then = self._then_date(sent, trig)
        return then if then is not None else self._event_ref_date(sent, trig)

    def _note_sentence(self, sent: Sentence) -> None:
        """Keep the dates of the sentence before as a new one is read (each reader reads each
        sentence once, in order)."""
        self._dates_before, self._dates_now = self._dates_now, sent.dates

    def _then_date(self, sent: Sentence, trig: Trigger) -> str | None:
        """ "당시 투자에 참여한 기업은 ...": an act told as happening "then", with no date of
        its own, is dated by the last date of the sentence before (kg.extract.ko.extractor's
        dating stage reads "<event> 당시" and the claims of the rules it leaves undated)."""
        if not enabled("dating") or not _THEN.search(sent.text[: trig.start]) or not self._dates_before:
            return None
        return str(self._dates_before[-1].value)

    def _event_ref_date(self, sent: Sentence, trig: Trigger) -> str | None:
        # "X의 투자 발표 직후": the act is dated by an event this document already dated
        if not enabled("dating"):
            return None
        m = _EVENT_REF.search(sent.text[: trig.start])
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
            if any(v in around for v in vcues) or _NOT_A_VALUATION.search(around):
                continue
            best = s
        return best

    @staticmethod
    def _money_q(span: normalize.Span | None) -> dict:
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

    def _field_title(self, before: str, title: str) -> str | None:
        """English for ``title`` with the words before it that name its field ("... 사업재무
        책임자로": "head of business finance"); the title alone when none do."""
        words = before.split()[-3:]
        # fields, then maybe another title ("로봇 프로덕트 총괄 부사장으로")
        last_ok = bool(words) and (title_field(words[-1]) is not None or words[-1] in _title_set())
        k = field_start(words[:-1]) if last_ok else len(words)
        return self._title_en(" ".join([*words[k:], title]))

    def _title_en(self, text: str) -> str | None:
        """English title for a run of Korean titles ("공동창업자이자 CEO"); an English gloss
        the text gives in parentheses is kept beside it ("사장(CEO)" -> "president (CEO)",
        "부사장(Vice President of Corporate Development)")."""
        found: list[str] = []
        rest = text.strip()
        unit_head = _unit_head(rest) if " " not in rest else None
        if unit_head is not None:
            return unit_head
        # "사업재무 책임자" -> "head of business finance", "AI 엔지니어" -> "AI engineer"
        words = rest.split()
        fields: list[str] = []
        while len(fields) < len(words) - 1:
            word = words[len(fields)]
            # (str.startswith of the titles' tuple tests them all in C)
            field = None if word.startswith(_title_words().all) else title_field(word)
            if field is None:
                break
            fields.append(field)
        if fields:
            en = self._title_en(" ".join(words[len(fields) :]))
            return None if en is None else _scoped(en, " ".join(fields))
        while rest:
            for ko, en in self._titles:
                if rest.startswith(ko):
                    rest = rest[len(ko) :]
                    gloss = _TITLE_GLOSS.match(rest)
                    if gloss:
                        rest = rest[gloss.end() :]
                        en = _with_gloss(en, gloss.group(1), self.lex)
                    if en not in found:
                        found.append(en)
                    rest = _LATIN_GLOSS_AT_START.sub("", rest)
                    rest = _TITLE_JOINER_AT_START.sub("", rest)
                    break
            else:
                break
        return " and ".join(found) if found else None


@cache
def _field_placement() -> dict[str, frozenset[str]]:
    """The lexicon's ``title_field_placement``: titles a field follows with "of" ("head of
    AI"), titles a field goes before ("AI engineer"), and ranks."""
    return {where: frozenset(titles) for where, titles in lexicon()["title_field_placement"].items()}


def _scoped(en: str, field: str) -> str:
    """The English title with its field, where the title takes one: the first of joined
    titles; a rank after the post it heads goes first ("로봇 프로덕트 총괄 부사장" -> "VP,
    head of robot product")."""
    placement = _field_placement()
    first, sep, others = en.partition(" and ")
    if first in ("head", "lead") and others in placement["ranks"]:
        # "글로벌 사업개발 총괄 부사장": a rank and the post it heads, "VP, head of ..."
        return f"{others}, {first} of {field}"
    if first in placement["of"]:
        return f"{first} of {field}{sep}{others}"
    if first in placement["before"]:
        return f"{field} {first}{sep}{others}"
    return en


@cache
def _title_set() -> frozenset[str]:
    return frozenset(ko for ko, _ in _title_tables()[0])


@cache
def _adverbial_heads() -> frozenset[str]:
    """Nouns that make a modifier clause adverbial (frames.json ``not_heads``: "인수한 뒤")."""
    from kg.extract.ko.frames import frame_book

    return frame_book().not_heads


@cache
def _field_words() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((ko, en) for ko, en in lexicon()["title_fields"]), key=lambda t: -len(t[0])))


def _unit_head(word: str) -> str | None:
    """ "법무실장" -> "head of legal office": a unit's head named with the unit's field in
    one word; None for any other word."""
    for ending, unit in lexicon()["title_unit_heads"]:
        if word.endswith(ending) and len(word) > len(ending):
            field = title_field(word[: -len(ending)])
            return f"head of {field} {unit}" if field else None
    return None


@lru_cache(maxsize=4096)
def title_field(word: str) -> str | None:
    """The English of a word that names a title's field, made of the lexicon's
    ``title_fields`` from end to end ("사업재무" -> "business finance") or Latin capitals
    ("AI", "R&D"); None for any other word.

    Answered once per word (a pure function of the word and the fixed lexicon): the
    discovery of people asks it of each word before every title, and each answer walks
    the field words at every position of the word."""
    if _LATIN_FIELD.fullmatch(word):
        return word
    out, rest = [], word
    while rest:
        for ko, en in _field_words():
            if rest.startswith(ko):
                out.append(en)
                rest = rest[len(ko) :]
                break
        else:
            return None
    return " ".join(out)


def field_start(words: Sequence[str]) -> int:
    """Where the run of words at the end of ``words`` that name a title's field
    (:func:`title_field`) begins: ``len(words)`` when the last word names none."""
    k = len(words)
    while k and title_field(words[k - 1]) is not None:
        k -= 1
    return k


# an English gloss in parentheses right after a Korean title
_TITLE_GLOSS = re.compile(rf"\(({TITLE_GLOSS})\)")
_KOREAN_AGAIN = re.compile(r",\s*[가-힣][가-힣 ]*$")


def _with_gloss(en: str, gloss: str, lex: dict[str, Any]) -> str:
    """The lexicon's title with the text's own English gloss when that says more: an
    abbreviation ("CISO") or a title ("Vice President of Corporate Development"); a name or
    the same title again is left out."""
    gloss = _KOREAN_AGAIN.sub("", gloss)  # "Chief Information Officer, 최고정보관리책임자"
    if fold(gloss) == fold(en) or fold(gloss) in fold(en):
        return en
    words = gloss.replace(",", " ").split()
    acronym = _ACRONYM.fullmatch(gloss) is not None
    heads, title_words = lex["english_title_heads"], lex["gloss_title_words"]
    titled = any(w.lower().rstrip("s") in heads or w.lower() in title_words for w in words)
    if not (acronym or (titled and len(words) <= 8)):
        return en
    # "최고정보보안책임자(CISO)": the lexicon knows only the "책임자" (head) the word ends in
    return gloss if acronym and en == "head" else f"{en} ({gloss})"


@lru_cache(maxsize=4)
def _hearsay_pattern(nouns: tuple[str, ...]) -> re.Pattern[str]:
    """An act told as the content of a hearsay noun right after it ("인수했다는 소식")."""
    alternation = "|".join(map(re.escape, nouns))
    return re.compile(rf"[^.?!\"“”]{{0,12}}?(?:다|라)는\s?({alternation})(?![가-힣]{{2}})")
