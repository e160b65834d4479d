"""One argument frame for every Korean relation: roles by particle, relations by table.

A predicate is a trigger lemma (``data/frames.json``) read off Kiwi's morphemes:
a predicative noun with 하다/되다/받다 ("투자했다", "인수됐다", "투자받았다"), a
noun with a light verb ("투자를 유치했다", "인수를 완료했다", "투자에 참여했다"),
a verb stem ("떠났다", "사들였다") or a bare noun ("X의 Y 인수"). Its *voice*
(active, passive, receive, causative "합류시켰다", participate "투자에 참여했다",
nominal) comes from the morphemes that follow it.

The entity mentions of the predicate's clause take roles by the particle that
marks them: 이/가/은/는 agent, 을/를 patient, 에/에게/로 goal, 에서/로부터
source, 와/과 partner, 의 owner, a name compounded with the trigger noun
("Y 인수") bare, the company of a person's title ("X CEO가") employer; a
relative clause's head ("Y에 투자한 X") takes the role the
clause leaves empty; a clause without an agent takes the subject of an earlier
clause or the sentence topic (``RuleBase._agents``). One table per trigger class
and voice then maps roles to a relation's subject and object, for every relation
the lexicon has triggers of; the relation's argument types
(``kg.graph.model.RELATIONS``) choose among candidates.

A side a clause leaves unsaid while naming the other may be the organization the
whole document is about (the ``topic`` stage, kg.extract.ko.topic), where the
frame says so (``unsaid_topic``: "존 슐먼은 앤트로픽으로 이직했다" in a story of
the company he left); such a claim is read as a named rule of the rule file.

A predicate under a plan, a talk, a denial or a negation ("투자를 검토",
"인수를 추진 중", "투자하지 않았다") yields nothing: the model has no status
for an unrealised event.

This runs as the ``frames`` stage of the document layer, after the rules: it
reads the sentences the Korean extractor already analysed (mentions, clauses,
dates, money) and adds only claims whose (subject, relation, object) no rule
gave.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from kg.extract.document import enabled
from kg.extract.ko.base import _SPEECH, RuleBase, Sentence, Trigger, own_sum, quote_of, ref
from kg.extract.ko.base import EXTRACTOR as RULES_EXTRACTOR
from kg.extract.ko.deals import DealBook, deal_terms
from kg.extract.ko.text import DocState, Mention, Token, is_verb
from kg.extract.ko.topic import document_topic
from kg.extract.rulebook import rule_enabled, rule_names, tag
from kg.graph.model import ORGANIZATION, PERSON, RELATIONS, Claim, Document, EntityRef
from kg.graph.registry import Registry, ref_key

EXTRACTOR = "kg.rules.ko.frames.v1"
CONFIDENCE = 0.75  # a role read by particle alone, below a construction rule's 0.9
INFERRED_CONFIDENCE = 0.6  # an agent carried over from an earlier sentence
# a clause dated more years than this before the story tells a career's history (the topic stage)
HISTORY_YEARS = 2

VOICES = ("active", "passive", "receive", "causative", "participate", "nominal")
ROLES = ("agent", "patient", "goal", "source", "partner", "owner", "bare", "self", "employer")


@dataclass(frozen=True)
class Frame:
    """Which roles give a relation's subject and object (first role present wins)."""

    relation: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    subject_types: tuple[str, ...] = ()  # narrower than the relation's ("an investor by role
    # alone is a company": a person in the clause is mostly its spokesman)
    as_title: bool = False  # only when the clause names the post: "X를 CTO로 영입했다"
    unsaid_topic: UnsaidTopic | None = None  # the side the document's topic may fill
    # a relative clause of this frame that describes a person names their employer: "[X에서
    # 개발을 총괄하던] NAME이 Y로 옮긴다", "[X를 이끌던] A, B 대표는" -- the employer role
    # (the company a move leaves) of the person's other predicates in the sentence
    names_employer: bool = False


@dataclass(frozen=True)
class UnsaidTopic:
    """A side of a frame the clause may leave unsaid, which is then the organization the
    document is about (the ``topic`` stage, kg.extract.ko.topic), read as ``rule`` of the
    rule file; ``needs``: roles the clause must name for it ("오픈AI로 이직했다" left the
    topic; "최근 합류했다", naming no goal, joined it)."""

    side: str
    rule: str
    needs: tuple[str, ...] = ()
    # frames ("class.voice", e.g. "invest.receive") that name that side of the same
    # relation: the entity they last named there fills it before the document's topic
    # ("X는 투자를 유치했다. 이번 투자에 A가 참여했다": A invested in the company told
    # as raising the round, which need not be the organization the story names most)
    told_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class TriggerClass:
    name: str
    nouns: frozenset[str]
    verbs: frozenset[str]
    frames: dict[str, tuple[Frame, ...]]
    needs: tuple[str, ...] = ()  # a word the clause must hold ("감축" of 직원, not of costs)
    symmetric_group: bool = False  # "A와 B가 손잡았다": the members of the agent group pair up


@dataclass(frozen=True)
class FrameBook:
    """``data/frames.json``, checked on load."""

    particle_roles: dict[str, str]
    light: dict[str, frozenset[str]]
    modality_after: tuple[str, ...]
    facts_not_modal: tuple[str, ...]  # words of the lexicon's modality list that tell a fact here
    transparent_heads: tuple[str, ...]  # a head noun that leaves the name its particle ("X 지분을")
    company_nouns: tuple[str, ...]  # "회사를 떠났다": the company just named
    not_heads: frozenset[str]  # "퇴사할 때 X에": nouns that make a modifier clause adverbial
    classes: tuple[TriggerClass, ...]
    chaining: frozenset[str] = frozenset()  # "투입해 ... 인수했다": endings that share the subject
    # a product noun after a name makes the name its owner: "엔비디아 칩을" as "엔비디아의 칩을"
    product_heads: frozenset[str] = frozenset()
    # "새 회사를 세웠다": a company noun after these is a company not named before
    new_company_modifiers: tuple[str, ...] = ()
    by_noun: dict[str, TriggerClass] = field(default_factory=dict)
    by_verb: dict[str, TriggerClass] = field(default_factory=dict)


class FrameBookError(ValueError):
    """frames.json does not say what the frame reader needs."""


def parse_book(data: dict[str, Any], name: str = "frames.json") -> FrameBook:
    """A frame book from its JSON form; an unknown role, voice or relation is an error."""
    particle_roles: dict[str, str] = {}
    for role, particles in data["roles"].items():
        if role not in ROLES:
            raise FrameBookError(f"{name}: unknown role {role!r}; known: {', '.join(ROLES)}")
        for p in particles:
            particle_roles[p] = role
    classes = []
    for cname, spec in data["classes"].items():
        frames: dict[str, tuple[Frame, ...]] = {}
        for voice, entries in spec["frames"].items():
            if voice not in VOICES:
                raise FrameBookError(f"{name}: class {cname}: unknown voice {voice!r}")
            out = []
            for e in entries:
                if e["relation"] not in RELATIONS:
                    raise FrameBookError(f"{name}: class {cname}: unknown relation {e['relation']!r}")
                for role in (*e["subject"], *e["object"]):
                    if role not in ROLES:
                        raise FrameBookError(f"{name}: class {cname}: unknown role {role!r}")
                out.append(Frame(e["relation"], tuple(e["subject"]), tuple(e["object"]),
                                 tuple(e.get("subject_types", ())), bool(e.get("as_title")),
                                 _unsaid(e.get("unsaid_topic"), f"{name}: class {cname}"),
                                 bool(e.get("names_employer"))))
            frames[voice] = tuple(out)
        classes.append(TriggerClass(cname, frozenset(spec["nouns"]), frozenset(spec["verbs"]), frames,
                                    tuple(spec.get("needs", ())), bool(spec.get("symmetric_group"))))
    book = FrameBook(particle_roles, {k: frozenset(v) for k, v in data["light_verbs"].items()},
                     tuple(data.get("modality_after", ())), tuple(data.get("facts_not_modal", ())),
                     tuple(data.get("transparent_heads", ())), tuple(data.get("company_nouns", ())),
                     frozenset(data.get("not_heads", ())), tuple(classes),
                     frozenset(data.get("chaining_endings", ())), frozenset(data.get("product_heads", ())),
                     tuple(data.get("new_company_modifiers", ())))
    for c in classes:
        for n in c.nouns:
            book.by_noun.setdefault(n, c)
        for v in c.verbs:
            book.by_verb.setdefault(v, c)
    return book


def _told(c: Claim) -> tuple[tuple[str, str, str, str], tuple[str, str, str, str]]:
    """What ``c`` tells of each of its sides: (sentence, relation, side, entity)."""
    return ((c.evidence, c.relation, "subject", ref_key(c.subject)),
            (c.evidence, c.relation, "object", ref_key(c.object)))


def _unsaid(spec: dict[str, Any] | None, where: str) -> UnsaidTopic | None:
    if spec is None:
        return None
    if spec.get("side") not in ("subject", "object"):
        raise FrameBookError(f"{where}: unsaid_topic side {spec.get('side')!r} is neither subject nor object")
    for role in spec.get("needs", ()):
        if role not in ROLES:
            raise FrameBookError(f"{where}: unsaid_topic needs unknown role {role!r}")
    if spec.get("rule") not in rule_names():
        raise FrameBookError(f"{where}: unsaid_topic rule {spec.get('rule')!r} is not in the rule file")
    for told in spec.get("told_in", ()):
        if told.partition(".")[2] not in VOICES:
            raise FrameBookError(f"{where}: unsaid_topic told_in {told!r} is no class.voice")
    return UnsaidTopic(spec["side"], spec["rule"], tuple(spec.get("needs", ())),
                       tuple(spec.get("told_in", ())))


@cache
def frame_book() -> FrameBook:
    text = resources.files("kg.extract.ko").joinpath("data/frames.json").read_text("utf-8")
    return parse_book(json.loads(text))


# -- the sentences the extractor read ---------------------------------------------

@dataclass
class Reading:
    """One sentence as the Korean extractor read it, with the topic carried into it."""

    sentence: Sentence
    topic: Mention | None
    on_person: bool = False  # the subject chain is on a person (kg.extract.ko.subjects)
    chain_person: Mention | None = None  # the person the chain is on
    subject_unsaid: bool = False  # the sentence marks no subject of its own
    # (person, English title): titles no organization of the sentence holds (the topic stage)
    bare_titles: list[tuple[Mention, str]] = field(default_factory=list)
    # units a cue names with no owner in the sentence (the topic stage)
    bare_units: list[Mention] = field(default_factory=list)


_READ: ContextVar[tuple[Document, list[Reading], DealBook] | None] = ContextVar("kg_ko_reading",
                                                                               default=None)


def remember(document: Document, readings: list[Reading], deals: DealBook | None = None) -> None:
    """Called by the extractor: the frames stage reads the same analysis, not a second one,
    and the deals the rules noted (a round's terms told in other sentences than its investors)."""
    _READ.set((document, readings, deals if deals is not None else DealBook()))


def _held(document: Document, registry: Registry,
          names: Sequence[tuple[str, str]] = ()) -> tuple[list[Reading], DealBook]:
    held = _READ.get()
    if held is None or held[0] is not document:
        from kg.extract.ko.extractor import extract

        extract(document, registry, names)
        held = _READ.get()
    return (held[1], held[2]) if held is not None and held[0] is document else ([], DealBook())


def readings_of(document: Document, registry: Registry,
                names: Sequence[tuple[str, str]] = ()) -> list[Reading]:
    """The extractor's reading of ``document`` (reading it now if the rules stage did not)."""
    return _held(document, registry, names)[0]


# -- predicates -------------------------------------------------------------------

@dataclass(frozen=True)
class Predicate:
    cls: TriggerClass
    voice: str
    start: int  # of the trigger lemma
    end: int  # of the last morpheme of the predicate (light verb included)
    word: str  # the trigger lemma
    relative: bool  # ends in a modifier ending: "투자한 X"
    modal: bool  # under a plan/talk word as its light verb: "투자를 검토"


# the suffix after a predicative noun sets the voice: 투자하다, 인수되다, 투자받다, 합류시키다
_XSV_VOICE = {"되": "passive", "받": "receive", "당하": "passive", "시키": "causative"}


def _light(tokens: list[Token], j: int) -> tuple[str, int] | None:
    """The light verb at token ``j``: its lemma and the index of its last morpheme."""
    if j >= len(tokens):
        return None
    t = tokens[j]
    if t.tag == "NNG" and j + 1 < len(tokens) and tokens[j + 1].tag == "XSV":
        return t.form, j + 1
    if t.tag.startswith("VV"):
        return t.form, j
    if t.tag == "NNG" and j + 1 < len(tokens) and tokens[j + 1].tag == "XSV":
        return t.form, j + 1
    return None


def _ongoing(tokens: list[Token], i: int) -> bool:
    """Whether the noun at ``i`` is followed by 중 and the copula: "근무 중이다", "재직 중인"."""
    return (i + 2 < len(tokens) and tokens[i + 1].tag == "NNB" and tokens[i + 1].form == "중"
            and tokens[i + 2].tag == "VCP")


def _states_only(cls: TriggerClass) -> bool:
    """Whether every relation the class's active frames read is a state, not an event."""
    rels = [f.relation for f in cls.frames.get("active", ())]
    return bool(rels) and not any(RELATIONS[r].event for r in rels)


def predicates(tokens: list[Token], book: FrameBook) -> list[Predicate]:
    """Trigger predicates of a sentence in text order."""
    out: list[Predicate] = []
    for i, t in enumerate(tokens):
        if t.tag.startswith("VV") and t.form in book.by_verb:
            cls = book.by_verb[t.form]
            out.append(_predicate(cls, "active", t, i, i, tokens, False))
            continue
        if t.tag not in ("NNG", "SL") or t.form not in book.by_noun:
            continue
        cls = book.by_noun[t.form]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.start == t.end and nxt.tag in ("XSN", "NNG") and nxt.form not in (
            *book.light["active"], *book.light["receive"], *book.light["modal"]):
            continue  # "투자자", "인수전": another noun
        if nxt is not None and nxt.tag == "XSV":
            voice = _XSV_VOICE.get(nxt.form, "active")
            out.append(_predicate(cls, voice, t, i, i + 1, tokens, False))
            continue
        if _ongoing(tokens, i) and _states_only(cls):
            # "구글에서 근무 중이다": a state going on is held; an event going on ("인수 중")
            # is not done, so only the classes whose relations are states read so
            out.append(_predicate(cls, "active", t, i, i + 2, tokens, False))
            continue
        j = i + 1
        if nxt is not None and nxt.tag in ("JKO", "JKB", "JX"):
            j = i + 2
            # "투자에는 참여했다", "투자에도 참여": a particle stacked on the first one
            while j < len(tokens) and tokens[j].tag == "JX" and tokens[j].start == tokens[j - 1].end:
                j += 1
        light = _light(tokens, j)
        if (light is None and j < len(tokens) and tokens[j].tag == "NNG"
                and tokens[j].form in book.light["receive"]):
            light = tokens[j].form, j  # "투자 유치": a compound without 하다
        if light is None and j > i + 1 and tokens[i + 1].tag in ("JKB", "JKO"):
            light = _participation_after(tokens, j, book)
        elif light is None and nxt is not None and nxt.tag == "JX" and "participate" in cls.frames:
            # "이번 투자는 A가 주도했다": the deal as the topic, its takers named after it
            taken = _participation_after(tokens, j, book)
            if taken is not None and taken[0] in book.light.get("participate", ()):
                out.append(_predicate(cls, "participate", t, i, taken[1], tokens, False))
                continue
        if light is not None and (nxt is None or nxt.tag != "JX"):
            lemma, last = light
            if lemma in book.light.get("participate", ()) and "participate" in cls.frames:
                out.append(_predicate(cls, "participate", t, i, last, tokens, False))
                continue
            if lemma in book.light["receive"]:
                out.append(_predicate(cls, "receive", t, i, last, tokens, False))
                continue
            if lemma in book.light["modal"]:
                out.append(_predicate(cls, "active", t, i, last, tokens, True))
                continue
            if lemma in book.light["active"]:
                out.append(_predicate(cls, "active", t, i, last, tokens, False))
                continue
        out.append(Predicate(cls, "nominal", t.start, t.end, t.form, False, False))
    return out


# what may stand between "투자에(는)"/"투자를" and its light verb: names, dates, particles
_BETWEEN = ("NNP", "NNG", "NNB", "SL", "SN", "SH", "SP", "SSO", "SSC", "SW", "XSN", "XPN", "MM", "NR", "J")


def _participation_after(tokens: list[Token], j: int, book: FrameBook) -> tuple[str, int] | None:
    """The light verb of a trigger noun when names, dates and particles stand between
    ("투자에는 A, B 등이 참여했다", "투자를 A로부터 유치했다", "인수를 지난달 완료했다"),
    no other verb (a bare 하다 is too common to be the trigger's)."""
    for k in range(j, min(j + 30, len(tokens))):
        light = _light(tokens, k)
        if light is not None:
            known = (*book.light["active"], *book.light["receive"], *book.light["modal"],
                     *book.light.get("participate", ()))
            return light if light[0] in known and light[0] != "하" else None
        if not tokens[k].tag.startswith(_BETWEEN):
            return None
    return None


def _chained(tokens: list[Token], k: int, endings: frozenset[str]) -> bool:
    """Whether the verb at ``k`` ends in a connective that chains it to the next predicate
    with the same subject ("X가 500억원을 투입해 Y를 인수했다")."""
    for t in tokens[k + 1 : k + 4]:
        if t.tag in ("EP", "XSV"):
            continue
        return t.tag == "EC" and t.form in endings
    return False


# "맡고 있는", "이끌어 온", "이끌어 왔던", "맡게 된": an auxiliary verb of aspect after the connective
# keeps the predicate's clause (and its modifier ending) the predicate's own
_ASPECT = {"고": ("있",), "어": ("오", "가"), "아": ("오", "가"), "게": ("되",)}


def _past_auxiliary(tokens: list[Token], k: int) -> int:
    """The index of the first token after the predicate's tense and aspect morphemes."""
    while k < len(tokens) and tokens[k].tag in ("EP", "XSV"):
        k += 1
    if (k + 1 < len(tokens) and tokens[k].tag == "EC" and tokens[k + 1].tag in ("VX", "VV")
            and tokens[k + 1].form in _ASPECT.get(tokens[k].form, ())):
        k += 2
        while k < len(tokens) and tokens[k].tag == "EP":
            k += 1
    return k


def _predicate(cls: TriggerClass, voice: str, t: Token, i: int, last: int, tokens: list[Token],
               modal: bool) -> Predicate:
    k = _past_auxiliary(tokens, last + 1)
    relative = k < len(tokens) and tokens[k].tag == "ETM"
    return Predicate(cls, voice, t.start, tokens[last].end, t.form, relative, modal)


# -- roles --------------------------------------------------------------------------

# a post named before the act: "CTO로", "연구소장으로", "최고기술책임자(CTO)로"
_POST = re.compile(r"((?:[가-힣A-Za-z]+\s)?(?:[A-Z]{2,5}|[가-힣]*(?:장|책임자|대표|이사|사장|부사장|"
                   r"전무|상무|고문|의장|위원|디렉터|리더|총괄|펠로우|펠로|CEO)))\s*(\([^)]*\))?\s*(?:으?로|에)\s")


def _speech_at(sent: Sentence, pos: int) -> int | None:
    """The start of the quoted speech around ``pos``, else None. A quoted name of up to
    three words ("'퍼플렉시티 AI'") is a name, not speech."""
    for q in _SPEECH.finditer(sent.text):
        a, b = q.span()
        if a < pos < b and len((q.group(1) or q.group(2)).split()) > 3:
            return a
    return None


_QUOTES = "'\"‘’“”「」『』"


def _anaphoric(m: Mention) -> bool:
    """ "이 팀", "그 회사": a back-reference; the particle alone is too weak to relate it."""
    return m.anaphoric or m.surface.startswith(("이 ", "그 ", "해당 ", "동 "))


def _junk(m: Mention, book: FrameBook) -> bool:
    """A "name" that is a trigger word ("인수합병(M&A)") is no argument."""
    return m.surface.split("(")[0].strip() in book.by_noun or m.name in book.by_noun


@dataclass(frozen=True)
class _Fill:
    """A topic fill waiting for every predicate of its sentence to be read, with what its
    frame read of the clause: the post named ("CTO로"), as a title and as a hire's role."""

    relation: str
    subj: Mention
    obj: Mention
    pred: Predicate
    clause: tuple[int, int]
    rule: str
    post: str | None
    role: str | None


# "X 본사에서 ", "X 본사를 직접 방문해 ": between a company and the person met at its seat
_AT_HEADQUARTERS = re.compile(r"\s*본사(?:에서|를|을)?(?:\s+[가-힣]+){0,2}?\s+")


class FrameReader(RuleBase):
    """Reads the frames of one document's sentences (one instance per document)."""

    def __init__(self, registry: Registry, published: str | None, book: FrameBook) -> None:
        super().__init__(registry, published)
        self.book = book
        modality = dict(self.lex["modality"])
        modality["after"] = [w for w in modality["after"] if w not in book.facts_not_modal]
        self.lex = {**self.lex, "modality": modality}
        self.out: list[Claim] = []
        self.state = DocState()
        self._title_words = {t[0] for t in self.lex["titles"]} | set(self.lex["org_cues"])
        self._post_titles = frozenset(t[0] for t in self.lex["titles"])  # posts, not kinds of company
        self._particle: dict[int, str] = {}  # per sentence: mention id -> the particle marking it
        # per sentence: person mention id -> the organization a relative clause about them
        # says they work or worked at (Frame.names_employer)
        self._clause_employer: dict[int, Mention] = {}
        # per sentence, made when first needed: where each verb ends that does not share its
        # subject with the next predicate (see _roles)
        self._unchained_verb_ends: list[int] | None = None
        self._post: str | None = None  # per frame: the post the clause names ("CTO로")
        # per sentence: the list a copula names for a relative clause's head, by predicate
        # (read by the roles and again by the topic stage's check)
        self._copular_lists: dict[tuple[int, int], list[Mention] | None] = {}
        self._role: str | None = None  # per hiring frame: the post taken, in English
        self._embedded = False  # per frame: the clause's subjects all belong to embedded predicates
        # the topic stage: the organization the document is about, the (sentence, relation,
        # side, entity) every claim tells, units and parents, and per sentence the fills
        # waiting for every predicate to be read
        self.topic_org: Mention | None = None
        self.told: set[tuple[str, str, str, str]] = set()
        self.units: set[frozenset[str]] = set()
        self._unsaid: list[_Fill] = []
        # ("class.voice", relation, side) -> the entity a frame last named on that side
        # (with a count of the frames read, which orders them)
        self.last_named: dict[tuple[str, str, str], tuple[int, Mention]] = {}
        self._named_count = 0

    def read(self, reading: Reading) -> list[Claim]:
        sent = reading.sentence
        self._note_sentence(sent)
        self.state.topic = reading.topic
        self.state.on_person = reading.on_person
        self.state.chain_person = reading.chain_person
        self.state.subject_unsaid = reading.subject_unsaid
        self.out = []
        if not sent.mentions:
            self.remember_people(sent)
            return []
        self._particle = self._particles(sent)
        self._clause_employer = {}
        self._unchained_verb_ends = None
        self._copular_lists = {}
        self._unsaid = []
        for pred in predicates(sent.tokens, self.book):
            if pred.modal or self._modal(sent, Trigger(pred.start, pred.end, pred.word, pred.cls.name)):
                continue
            if self._modal_after(sent, pred):
                continue
            clause = sent.clause(pred.start)
            if pred.cls.needs and not any(w in sent.text[clause[0]:clause[1]] for w in pred.cls.needs):
                continue
            if self._ended_after(sent, pred, clause):
                continue
            for frame in pred.cls.frames.get(pred.voice, ()):
                self._apply(sent, pred, clause, frame)
        self._fill_unsaid(sent)
        self.remember_people(sent)  # for the pronouns of the sentences after it
        return self.out

    def _ended_after(self, sent: Sentence, pred: Predicate, clause: tuple[int, int]) -> bool:
        """Whether a partnership the clause names is said to end after it: "A와 B의 파트너십이
        끝났다", "A와 B의 제휴가 파기됐다" tell an ending (ENDED_PARTNERSHIP's ending verbs),
        not a partnership."""
        if not any(f.relation == "PARTNERED_WITH" for fs in pred.cls.frames.values() for f in fs):
            return False
        after = sent.text[pred.end : clause[1]]
        return any(map(after.__contains__, self.rel["ENDED_PARTNERSHIP"]["ending_verbs"]))

    def tell(self, claims: Sequence[Claim]) -> None:
        """Note what ``claims`` tell, so that a topic fill adds nothing a sentence said otherwise."""
        for c in claims:
            self.told.update(_told(c))
            if c.relation == "PART_OF":
                self.units.add(frozenset((ref_key(c.subject),
                                          ref_key(c.object))))

    def place_at_known_employers(self, readings: Sequence[Reading], claims: Sequence[Claim]) -> list[Claim]:
        """A registry person named with a current title no organization of the sentence
        holds ("젠슨 황 CEO와 만난", "샘 올트먼 CEO는") holds it at the employer the registry
        knows, when the document names that employer: who the person is, the registry
        says; that the story is about that company, the name written in it does. Not for a
        person placed at an organization anywhere in the document, nor one a sentence tells
        another organization hired."""
        placed = {ref_key(c.subject) for c in claims if c.relation in ("WORKS_AT", "FOUNDED")}
        moved = {ref_key(c.object) for c in claims if c.relation in ("HIRED", "DEPARTED")}
        moved |= {ref_key(c.subject) for c in claims if c.relation == "DEPARTED"}
        rule = "ko.works_at.bare_title_known_employer"
        out: list[Claim] = []
        for reading in readings:
            sent = reading.sentence
            for p, en in reading.bare_titles:
                employer = self.registry.employers.get(p.id or "")
                if employer is None or employer not in self.named_orgs or p.key in placed \
                        or p.key in moved or p.anaphoric or quote_of(sent, p) is not None:
                    continue
                if set(en.split(" and ")) <= set(self.lex["founder_titles"]) or not rule_enabled(rule):
                    continue
                org = self.registry.get(employer)
                if org is None:
                    continue
                placed.add(p.key)
                out.append(Claim("WORKS_AT", ref(p), EntityRef(org.name, org.type, org.id), {"title": en},
                                 sent.text, INFERRED_CONFIDENCE, tag(RULES_EXTRACTOR, rule)))
        return out

    def place_at_visited_headquarters(self, readings: Sequence[Reading],
                                      claims: Sequence[Claim]) -> list[Claim]:
        """A person named with a current title no organization of the sentence holds, met at
        an organization's headquarters the sentence names just before ("엔비디아 본사에서 젠슨
        황 CEO와 만났다", "X 본사를 직접 방문해 NAME CEO로부터 ... 들었다"), holds the title
        there: who receives visitors at a company's seat with the company's top title is its
        officer. Not for a person placed at an organization anywhere in the document."""
        rule = "ko.works_at.title_at_headquarters"
        if not rule_enabled(rule):
            return []
        placed = {ref_key(c.subject) for c in claims if c.relation in ("WORKS_AT", "FOUNDED")}
        founders = set(self.lex["founder_titles"])
        out: list[Claim] = []
        for reading in readings:
            sent = reading.sentence
            for p, en in reading.bare_titles:
                if p.key in placed or p.anaphoric or quote_of(sent, p) is not None:
                    continue
                if all(t in founders for t in en.split(" and ")):
                    continue
                before = [m for m in sent.mentions if m.end <= p.start]
                seat = before[-1] if before else None
                if seat is None or seat.type != ORGANIZATION or \
                        not _AT_HEADQUARTERS.fullmatch(sent.text, seat.end, p.start):
                    continue
                placed.add(p.key)
                out.append(Claim("WORKS_AT", ref(p), ref(seat), {"title": en}, sent.text,
                                 INFERRED_CONFIDENCE, tag(RULES_EXTRACTOR, rule)))
        return out

    def place_bare_titles(self, readings: Sequence[Reading], claims: Sequence[Claim]) -> list[Claim]:
        """The ``topic`` stage for titles: a person named with a current title that no
        organization of the sentence holds ("데이터 책임자 NAME이", "NAME 대표는"),
        and placed at no organization anywhere in the document, holds it at the organization
        the document is about, unless the person's clause names another organization (not
        a unit of the topic): the title may be that one's."""
        topic = self.topic_org
        if topic is None:
            return []
        placed = {ref_key(c.subject) for c in claims
                  if c.relation in ("WORKS_AT", "FOUNDED")}
        # a person the sentence tells another organization hired ("X는 NAME CEO를 영입했다"):
        # the title is the one held before the move, not at the story's company
        moved = [(ref_key(c.object), c.evidence) for c in claims
                 if c.relation == "HIRED" and ref_key(c.subject) != topic.key]
        founders = set(self.lex["founder_titles"])
        out: list[Claim] = []
        for reading in readings:
            sent = reading.sentence
            for p, en in reading.bare_titles:
                if p.key in placed or p.anaphoric or any(
                        k == p.key and sent.text in evidence for k, evidence in moved):
                    continue
                if self._other_org_in_clause(sent, p, topic):
                    continue
                titles = en.split(" and ")
                relation, rule, q = "WORKS_AT", "ko.works_at.bare_title_topic", {"title": en}
                if all(t in founders for t in titles):
                    relation, rule, q = "FOUNDED", "ko.founded.bare_title_topic", {}
                elif self._not_their_employer(sent, p, topic):
                    continue  # a founding is history; a present post is not against the registry
                if not rule_enabled(rule) or quote_of(sent, p) is not None:
                    continue
                placed.add(p.key)
                out.append(Claim(relation, ref(p), ref(topic), q, sent.text, INFERRED_CONFIDENCE,
                                 tag(RULES_EXTRACTOR, rule)))
        return out

    def place_bare_units(self, readings: Sequence[Reading], claims: Sequence[Claim]) -> list[Claim]:
        """The ``topic`` stage for units: a unit a cue names with no owner in its sentence
        ("제작 조직인 '스튜디오C'", "개발 자회사 A는") and placed under no organization
        anywhere in the document is a unit of the organization the document is about."""
        topic = self.topic_org
        if topic is None or not rule_enabled("ko.part_of.unit_cue_topic"):
            return []
        placed = {ref_key(c.subject) for c in claims if c.relation == "PART_OF"}
        out: list[Claim] = []
        for reading in readings:
            for u in reading.bare_units:
                if u.key in placed or u.key == topic.key:
                    continue
                placed.add(u.key)
                out.append(Claim("PART_OF", ref(u), ref(topic), {}, reading.sentence.text,
                                 INFERRED_CONFIDENCE, tag(RULES_EXTRACTOR, "ko.part_of.unit_cue_topic")))
        return out

    def _other_org_in_clause(self, sent: Sentence, p: Mention, topic: Mention) -> bool:
        """Whether the clause of person ``p`` names an organization other than a unit of
        the topic (the topic itself included: "X 회장과 만난 NAME CEO" is X's guest)."""
        clause = sent.clause(p.start)
        # the organization of another person's title is that person's ("NAME 창업자와 NAME2 X
        # 대표를 중심으로": X is NAME2's employer, not the one NAME is said to meet)
        held = {id(q.title_org) for q in sent.mentions if q is not p and q.title_org is not None}
        return any(m.type == ORGANIZATION and clause[0] <= m.start < clause[1] and id(m) not in held
                   and frozenset((m.key, topic.key)) not in self.units for m in sent.mentions)

    def _unsaid_topic(self, sent: Sentence, pred: Predicate, clause: tuple[int, int], frame: Frame,
                      roles: dict[str, list[Mention]], subjects: list[Mention],
                      objects: list[Mention]) -> None:
        """The ``topic`` stage: a side of the frame the clause leaves unsaid, while it names
        the other, is the organization the document is about (kg.extract.ko.topic), when
        the frame allows it (``unsaid_topic``), the relation's types take it, and the clause
        offers no other candidate: no unplaced name marked as an argument (이/가, 을/를,
        에, 에서), no common noun in the side's role ("여러 기업에 투자했다"), and not the
        topic itself in any role."""
        topic, unsaid = self.topic_org, frame.unsaid_topic
        if unsaid is None or bool(subjects) == bool(objects):
            return
        side = "object" if subjects else "subject"
        told = [self.last_named[k] for v in unsaid.told_in
                if (k := (v, frame.relation, side)) in self.last_named]
        if told:
            topic = max(told, key=lambda seen: seen[0])[1]  # the latest told
        if topic is None:
            return
        spec = RELATIONS[frame.relation]
        types = spec.object_types if side == "object" else (frame.subject_types or spec.subject_types)
        named = subjects or objects
        if (side != unsaid.side or topic.type not in types or any(m.key == topic.key for m in named)
                or not all(roles.get(r) for r in unsaid.needs)):
            return
        # a name in a role some frame of the predicate reads ("OpenAI로 이직했다": the goal
        # of the move) is placed; one in a role none reads ("구글의 연구를") may be the argument
        read = {r for f in pred.cls.frames.get(pred.voice, ()) for r in (*f.subject, *f.object)}
        placed = {id(m) for m in named} | {id(m) for r, ms in roles.items() if r in read for m in ms}
        in_clause = [m for m in sent.mentions if clause[0] <= m.start < clause[1]]
        if any(m.key == topic.key for m in in_clause):
            return  # the clause names the company: a role the frame did not read, not an unsaid one
        if any(m.type in types and id(m) not in placed and self._candidate(sent, m, named)
               for m in in_clause):
            return
        if self._role_said(sent, clause, pred, frame.object if side == "object" else frame.subject):
            return
        if self._history(sent, clause):
            return
        if any(frozenset((m.key, topic.key)) in self.units for ms in roles.values() for m in ms):
            return  # "네이버에 입사해" in a story of its unit: the parent is named, not unsaid
        for m in named:
            subj, obj = (m, topic) if side == "object" else (topic, m)
            self._unsaid.append(_Fill(frame.relation, subj, obj, pred, clause, unsaid.rule,
                                      self._post, self._role))

    def _candidate(self, sent: Sentence, m: Mention, named: list[Mention]) -> bool:
        """Whether a name the frame left unplaced may be the unsaid argument: one marked as
        an argument (이/가, 을/를, 에, 에서), a back-reference so marked ("양사에"), or an
        owner (의) of anything but the named argument ("구글의 연구를 이끈다"; not
        "카카오의 자회사 카카오벤처스가", which only describes the investor)."""
        role = self.book.particle_roles.get(self._particle.get(id(m), m.particle))
        if role in ("agent", "patient", "goal", "source"):
            return True
        if role != "owner":
            return False
        after = [x for x in sent.mentions if x.start >= max(m.pend, m.end)]
        return not (after and any(after[0] is n for n in named) and after[0].start - m.pend <= 12)

    def _history(self, sent: Sentence, clause: tuple[int, int]) -> bool:
        """Whether the clause is dated years before the story ("2015년 구글에 입사해"): a
        career told from its start, before the document's company had any part in it."""
        if not self.published:
            return False
        year = int(self.published[:4])
        return any(clause[0] <= d.start < clause[1] and str(d.value)[:4].isdigit()
                   and int(str(d.value)[:4]) < year - HISTORY_YEARS for d in sent.dates)

    def _role_said(self, sent: Sentence, clause: tuple[int, int], pred: Predicate,
                   wanted: tuple[str, ...]) -> bool:
        """Whether a common noun for an organization ("기업", "스타트업", lexicon
        ``org_cues``) takes one of the ``wanted`` roles in the clause before the predicate:
        "여러 기업에 투자했다", "스타트업을 떠났다" say who, only not by name."""
        lo = clause[0]
        for t in sent.tokens:
            if clause[0] <= t.start and t.end <= pred.start and is_verb(t):
                lo = max(lo, t.end)
        spans = [(m.start, max(m.pend, m.end)) for m in sent.mentions]
        cues = tuple(self.lex["org_cues"])
        pairs = tuple(self.lex["pair_words"])
        tokens = sent.tokens
        if pred.relative:
            # "그가 세운 기업들": the relative clause's head is the argument
            head = next((t for t in tokens if t.start >= pred.end and t.tag.startswith("N")), None)
            if head is not None and head.form.endswith(cues) and head.start - pred.end <= 3 \
                    and not self._copular_list(sent, pred):  # (a list names it: the names are)
                return True
        for i, t in enumerate(tokens[1:], 1):
            if not (lo <= t.start and t.end <= pred.start) or not t.tag.startswith("J"):
                continue
            if self.book.particle_roles.get(t.form) not in wanted:
                continue
            noun = tokens[i - 1]
            if (noun.tag in ("NNG", "NNP") and noun.form.endswith(cues)
                    and not any(a <= noun.start < b for a, b in spans)):
                return True
            if sent.text[lo:t.start].rstrip().endswith(pairs):
                return True  # "양사에 투자했다": the two companies told of before
        return False

    def _fill_unsaid(self, sent: Sentence) -> None:
        """The topic fills of a sentence, once all its predicates are read: none for a named
        argument that a claim of the sentence already relates by the same relation."""
        if not self._unsaid:
            return
        told = set(self.told)
        for c in self.out:
            told.update(_told(c))
        topic = self.topic_org
        for f in self._unsaid:
            named, side = (f.obj, "object") if f.subj is topic else (f.subj, "subject")
            if (sent.text, f.relation, side, named.key) in told or not rule_enabled(f.rule):
                continue
            # the post the fill's own frame read, not the last frame's of the sentence
            self._post, self._role = f.post, f.role
            self._claim_frame(f.relation, f.subj, f.obj, sent, f.pred, f.clause, True,
                              tag(RULES_EXTRACTOR, f.rule))

    def _particles(self, sent: Sentence) -> dict[int, str]:
        """The particle that marks each mention's role. A person's particle may stand
        after their title ("김민수 각자 대표는"), or after the title of their company
        ("김민수 감마 CEO가": the person acts, the company only qualifies the title)."""
        out = {id(m): m.particle for m in sent.mentions}
        for i, m in enumerate(sent.mentions):
            if m.type != PERSON or m.particle:
                continue
            nxt = sent.mentions[i + 1] if i + 1 < len(sent.mentions) else None
            if nxt is not None and nxt.particle and self._titles_of(sent, m, nxt):
                out[id(m)], out[id(nxt)] = nxt.particle, ""
                continue
            particle = self._particle_after_title(sent, m, nxt.start if nxt is not None else len(sent.text))
            if particle:
                out[id(m)] = particle
        return out

    def _particle_after_title(self, sent: Sentence, m: Mention, limit: int) -> str:
        words: list[str] = []
        for t in sent.tokens:
            if t.start < m.end:
                continue
            if t.start >= limit:
                return ""
            if t.tag.startswith("J"):
                between = sent.text[m.end:t.start].split()
                if between and any(between[-1].endswith(w) for w in self._title_words):
                    return t.form
                return ""
            if t.tag not in ("NNG", "NNP", "NNB", "SL", "SN", "XSN", "MM"):
                return ""
            words.append(t.form)
            if len(words) > 4:
                return ""
        return ""

    def _modal_after(self, sent: Sentence, pred: Predicate) -> bool:
        end = pred.end + 16
        # as in RuleBase._modal: after a past relative clause's noun, words are that noun's
        settled = self._settled_relative(sent, Trigger(pred.start, pred.end, pred.word, pred.cls.name),
                                         self.lex["modality"])
        if settled is not None:
            end = min(end, settled)
        after = sent.text[pred.start: end]
        return any(w in after for w in self.book.modality_after)

    def _role_of(self, m: Mention, pred: Predicate, text: str = "") -> str | None:
        """The role of mention ``m`` for a predicate: by its particle, or bare/none when
        its particle belongs to a noun after it."""
        head = m.head.strip(_QUOTES)  # "'io'를": the closing quote is no head noun
        if head:
            if m.end <= pred.start < max(m.pend, m.end + len(m.head) + 1) and head.startswith(pred.word):
                return "bare"
            words = head.split()
            if words[-1] in self.book.product_heads and len(words) == 1:
                return "owner"  # "엔비디아 칩을 채택": the chips are Nvidia's
            if not (words[-1] in self._title_words or words[0] in self.book.transparent_heads):
                return None  # "FF 출신 연구원을": the particle marks the researcher
        particle = self._particle.get(id(m), m.particle)
        if particle == "의" and text:
            # "Y의 지분 30%를 인수했다": the stake is Y's, so Y takes the stake's role as
            # "Y 지분 30%를" does (a transparent head)
            after = _transparent_after(self.book.transparent_heads).match(text, m.pend)
            if after is not None:
                return self.book.particle_roles.get(after.group(1))
            post = _WORD_AND_PARTICLE.match(text, m.pend)
            if post is not None and post.group(1) in self._post_titles:
                # "네이버의 대표를 맡는다": the post is Naver's, read as "네이버 대표를"
                return self.book.particle_roles.get(post.group(2))
        return self.book.particle_roles.get(particle)

    def _roles(self, sent: Sentence, pred: Predicate, clause: tuple[int, int]) -> dict[str, list[Mention]]:
        """Mentions of the clause by role (each role: the group nearest the predicate)."""
        # an object role belongs to the predicate only after the previous predicate
        lo = clause[0]
        for t in sent.tokens:
            if clause[0] <= t.start and t.end <= pred.start and is_verb(t):
                lo = max(lo, t.end)
        found: dict[str, list[Mention]] = {}
        for m in sent.mentions:
            # (names between a trigger and its light verb are the clause's too: "투자에는 A가 참여")
            if (not (clause[0] <= m.start < pred.start or pred.start < m.start < pred.end)
                    or _junk(m, self.book) or _anaphoric(m)):
                continue
            role = self._role_of(m, pred, sent.text)
            if role is None or (role not in ("agent", "bare") and m.start < lo):
                continue
            if role == "owner" and pred.voice == "nominal" and pred.start - m.pend > 12:
                continue  # "X의 Y 인수": the owner stands right before the noun phrase
            found.setdefault(role, []).append(m)
        agents = found.get("agent", [])
        if agents:
            # a subject (이/가) followed by another predicate is that predicate's: "X가
            # 인수하기 직전까지 Y가 맡았다"; a topic (은/는) stands over the whole sentence
            # a verb chained by a connective ending ("투입해", "인수하고") shares its subject
            if self._unchained_verb_ends is None:
                chaining = self.book.chaining
                # the verb of a date ("지난 3월") is no predicate of its own
                dated = [(d.start, d.end) for d in sent.dates]
                self._unchained_verb_ends = [t.end for k, t in enumerate(sent.tokens)
                                             if is_verb(t) and not _chained(sent.tokens, k, chaining)
                                             and not any(a <= t.start < b for a, b in dated)]
            verbs = [v for v in self._unchained_verb_ends if v <= pred.start]
            own = [m for m in agents if self._particle.get(id(m), m.particle) in ("은", "는")
                   or not any(v > m.end for v in verbs)]
            if own:
                found["agent"] = own
            else:
                del found["agent"]
                self._embedded = True
        out = {role: self._nearest_group(ms, sent) for role, ms in found.items()}
        if pred.relative:
            head = self._relative_head(sent, pred)
            if head is not None and not _junk(head, self.book):
                # "[카카오브레인을 이끌던] A, B 각자 대표는": the clause heads the list of people
                # a title closes (a list of companies after it may go on past the one it
                # describes: "[NAME 회장이 이끄는] X, Y, Z 등이 참여했다")
                out.setdefault("head", [m for m in sent.mentions if m is head or (
                    head.type == PERSON and head.group >= 0 and m.group == head.group
                    and m.type == PERSON and m.start > head.start)])
            elif head is None and ("agent" in out or pred.voice == "participate"):
                # "SK스퀘어가 투자한 기업은 A, B 등이다", "투자에 참여한 기업은 △A △B 등이며":
                # the company noun heading the clause is the list the copula names (with no
                # agent in an active clause the noun may be either side, so it names no one)
                listed = self._copular_list(sent, pred)
                if listed:
                    out.setdefault("head", listed)
        return out

    def _copular_list(self, sent: Sentence, pred: Predicate) -> list[Mention] | None:
        """The names a copula gives the company noun a relative clause modifies:
        "[투자한] 기업은 ▲A ▲B 다" -> [A, B]; None when the clause heads no company noun
        marked topic, or no list closed by a copula follows it."""
        key = (pred.start, pred.end)
        if key not in self._copular_lists:
            self._copular_lists[key] = self._read_copular_list(sent, pred)
        return self._copular_lists[key]

    def _read_copular_list(self, sent: Sentence, pred: Predicate) -> list[Mention] | None:
        after = [t for t in sent.tokens if t.start >= pred.end]
        k = next((i for i, t in enumerate(after[:3]) if t.tag == "ETM"), -1) + 1
        if k >= len(after) - 1:
            return None
        noun, topic = after[k], after[k + 1]
        if not (noun.tag == "NNG" and noun.form.endswith(tuple(self.lex["org_cues"]))
                and topic.form in ("은", "는") and noun.start - pred.end <= 3):
            return None
        first = next((m for m in sent.mentions if m.start >= topic.end), None)
        if first is None or sent.text[topic.end : first.start].strip(" ▲△") or first.type != ORGANIZATION:
            return None
        # the members: each next name after a bullet or a comma (an item the finder did not
        # take for a name may stand between: "△GS네오텍 △E1 △위벤처스")
        members = [first]
        for m in (x for x in sent.mentions if x.start > first.start):
            if m.type != ORGANIZATION or not _NEXT_ITEM.fullmatch(sent.text, members[-1].end, m.start):
                break
            members.append(m)
        if not _COPULA_AFTER_LIST.match(sent.text, members[-1].end):
            return None
        return members

    def _relative_head(self, sent: Sentence, pred: Predicate) -> Mention | None:
        """ "Y에 투자한 X": the name the relative clause modifies (nouns only in between);
        "X는 Y가 투자한 스타트업이다": the topic a company noun heading the clause describes."""
        for m in sent.mentions:
            if m.start < pred.end:
                continue
            gap = [t for t in sent.tokens if pred.end <= t.start and t.end <= m.start]
            ending = next((i for i, t in enumerate(gap) if t.tag == "ETM"), -1)
            gap = gap[ending + 1 :]  # the aspect ("맡고 있는") before the modifier ending
            if m.start - pred.end > 24 or any(t.tag.startswith(("J", "V", "E", "M")) and t.tag != "ETM"
                                                or t.form in self.book.not_heads for t in gap):
                break
            return m
        return self._described_topic(sent, pred)

    def _described_topic(self, sent: Sentence, pred: Predicate) -> Mention | None:
        """The organization a copula says the clause's head noun is: in "X는 Y가 2016년 인수한
        반도체 회사다" (or "... 회사로, ...") the company noun (``org_cues``) after the relative
        clause is X, the topic (은/는) of the sentence before the clause; a head with no
        company noun ("Y가 투자한 금액이다") or no copula after it names nothing."""
        after = [t for t in sent.tokens if t.start >= pred.end]
        k = next((i for i, t in enumerate(after[:3]) if t.tag == "ETM"), -1) + 1
        nouns = 0
        while k < len(after) and nouns < 5 and after[k].tag.startswith(("NN", "SL", "SN", "SH", "XSN")):
            nouns += 1
            k += 1
        if not nouns or k >= len(after) or after[k - 1].form not in self.lex["org_cues"]:
            return None
        copula = after[k]
        if not (copula.tag == "VCP" or (copula.tag == "JKB" and copula.form in ("로", "으로")
                                         and k + 1 < len(after) and after[k + 1].form == ",")):
            return None
        topics = [m for m in sent.mentions if m.end <= pred.start and m.type == ORGANIZATION
                  and self._particle.get(id(m), m.particle) in ("은", "는")]
        return topics[0] if topics else None

    def _apply(self, sent: Sentence, pred: Predicate, clause: tuple[int, int], frame: Frame) -> None:
        spec = RELATIONS[frame.relation]
        subject_types = frame.subject_types or spec.subject_types
        self._post = self._post_named(sent, clause, pred) if frame.as_title else None
        self._role = self._post_role(sent, clause, pred) if frame.relation == "HIRED" else None
        if frame.as_title and self._post is None:
            return
        self._embedded = False
        roles = self._roles(sent, pred, clause)
        head = roles.pop("head", None)
        inferred = False

        def pick(wanted: tuple[str, ...], types: tuple[str, ...]) -> list[Mention]:
            for role in wanted:
                ms = [m for m in roles.get(role, []) if m.type in types]
                if ms:
                    return ms
            return []

        if head is not None:
            # the head takes the agent when the clause has none, else the frame's missing object;
            # a topic (은/는) is the main clause's, so a head of the agent's type replaces it:
            # "네이버는 [SK텔레콤으로 이적한] 정석근의 후임을 ..." is 정석근's move
            agent_types = subject_types if "agent" in frame.subject else spec.object_types
            topic = roles.get("agent", [])
            if (topic and all(self._particle.get(id(m), m.particle) in ("은", "는") for m in topic)
                    and head[0].type in agent_types
                    and (not any(m.type in agent_types for m in topic) or pred.voice == "passive")):
                # a passive relative clause's subject is its head: "네이버는 [카카오에 인수된]
                # 업스테이지와 협력한다" tells of Upstage acquired, not Naver
                del roles["agent"]
            if "agent" not in roles:
                roles["agent"] = head
            else:
                for role in (*frame.object, *frame.subject):
                    if role not in roles and role not in ("self", "agent", "owner", "bare"):
                        roles[role] = head
                        break
        other = "agent" in roles and self._other_subject(sent, roles["agent"], pred)
        if other:
            del roles["agent"]
        if ("agent" in (*frame.subject, *frame.object) and "agent" not in roles and not other
                and not self._embedded and pred.voice != "nominal"):
            types = subject_types if "agent" in frame.subject else spec.object_types
            # the subject is whoever it is: a person subject leaves no room for a company one
            agents, inferred = self._agents(sent, clause, pred.start, (ORGANIZATION, PERSON),
                                            pronoun=tuple(types) == (PERSON,))
            agents = [a for a in agents if not _junk(a, self.book) and a.type in types]
            if agents and not self._other_subject(sent, agents, pred):
                roles["agent"] = agents
        # the company in a joining person's title is the one they came from
        employers = [a.title_org for a in roles.get("agent", []) if a.type == PERSON
                     and any(a.title_org is m for m in sent.mentions)
                     and a.title not in self.lex["titles_kept_on_a_move"]]
        if not employers:
            # "[X를 이끌던] NAME은 ...": the employer a relative clause of work gave the person
            employers = [self._clause_employer[id(a)] for a in roles.get("agent", [])
                         if id(a) in self._clause_employer]
        if employers:
            roles["employer"] = employers[:1]
        # a predicate in quoted speech takes its arguments from the same speech
        speech = _speech_at(sent, pred.start)
        here = {id(m) for m in sent.mentions}  # a topic carried over stands outside any speech
        roles = {r: kept for r, ms in roles.items()
                 if (kept := [m for m in ms if id(m) not in here or _speech_at(sent, m.start) == speech])}
        subjects = pick(frame.subject, subject_types)
        if pred.cls.symmetric_group and len(subjects) > 1 and not roles.get("partner"):
            for a in subjects:
                for b in subjects:
                    if a.key < b.key:
                        self._claim_frame(frame.relation, a, b, sent, pred, clause, inferred)
            return
        objects = subjects if frame.object == ("self",) else pick(frame.object, spec.object_types)
        if frame.names_employer and head is not None and objects:
            for person in head:
                if person.type == PERSON:
                    self._clause_employer.setdefault(id(person), objects[0])
        if not objects and self.book.company_nouns and "patient" in frame.object and enabled("coreference"):
            objects = self._company_just_named(sent, pred, clause, spec.object_types)
        selves = frame.object == ("self",) or (not objects and "self" in frame.object)
        if selves:
            objects = [s for s in subjects if s.type in spec.object_types]
        for s in subjects:
            for o in objects:
                if selves and o is not s:
                    continue  # "A와 B가 감원했다": each cuts its own staff, not the other's
                self._claim_frame(frame.relation, s, o, sent, pred, clause, inferred)
        for side, named in (("subject", subjects), ("object", objects)):
            if len(named) == 1 and named[0].type == ORGANIZATION:
                self._named_count += 1
                self.last_named[(f"{pred.cls.name}.{pred.voice}", frame.relation, side)] = (
                    self._named_count, named[0])
        if enabled("topic"):
            self._unsaid_topic(sent, pred, clause, frame, roles, subjects, objects)

    def _post_parts(self, sent: Sentence, clause: tuple[int, int],
                    pred: Predicate) -> tuple[re.Match[str], str, str] | None:
        """The post a clause names with 로 before the predicate ("CTO로", "연구소장으로"), or
        with 에 ("신임 CTO에 NAME을 선임했다"): its match in the clause (offsets from
        ``clause[0]``), the field words before its last word, and that word with the
        English gloss the text gives it."""
        before = sent.text[clause[0]:pred.start]
        post = _POST.search(before)
        if post is None:
            return None
        words = post.group(1).split()
        field_words = f"{before[: post.start()]} {' '.join(words[:-1])}"
        return post, field_words, words[-1] + (post.group(2) or "")

    def _post_org(self, sent: Sentence, clause: tuple[int, int], pred: Predicate) -> Mention | None:
        """The organization the post named with 로 belongs to, named right before it in its
        phrase ("카카오브레인의 신임 대표로", "네이버클라우드 CTO로"), as the rules read it."""
        parts = self._post_parts(sent, clause, pred)
        if parts is None:
            return None
        post = parts[0]
        return self._post_org_before(sent, clause[0] + post.end(1) - len(post.group(1).split()[-1]))

    def _post_named(self, sent: Sentence, clause: tuple[int, int], pred: Predicate) -> str | None:
        """The post a clause names with 로 before the predicate: its English title, or its
        Korean words when the lexicon has no title for them."""
        parts = self._post_parts(sent, clause, pred)
        if parts is None:
            return None
        post, field_words, word = parts
        return self._field_title(field_words, word) or post.group(1).split()[-1]

    def _post_role(self, sent: Sentence, clause: tuple[int, int], pred: Predicate) -> str | None:
        """The post a hire's clause names with 로 ("NAME을 CTO로 영입했다", "NAME이 최고기술
        책임자로 선임됐다", "CTO로 합류했다"): the role taken, as the rules read "...로 영입",
        whoever the clause says hired (the topic stage fills an unsaid hirer). Only a post
        the lexicon translates, and not a name: "오픈AI로 이직했다" says where, not as what."""
        parts = self._post_parts(sent, clause, pred)
        if parts is None:
            return None
        post, field_words, word = parts
        hi = clause[0] + post.end(1)
        lo = hi - len(post.group(1).split()[-1])
        if any(m.start < hi and lo < m.end for m in sent.mentions):
            return None  # the post word is (part of) a name; "카카오 CTO로": the owner may be one
        return self._field_title(field_words, word)

    def _other_subject(self, sent: Sentence, agents: list[Mention], pred: Predicate) -> bool:
        """Whether a noun that is no name is marked subject (이/가) between the agent found
        and the predicate: "왕 CEO가 데려온 임원 중 한 명이 ... 떠났다" is the one's act."""
        after = max(max(a.pend, a.end) for a in agents)
        named = {(m.end, m.pend) for m in sent.mentions}
        for t in sent.tokens:
            if after <= t.start and t.end <= pred.start and t.tag == "JKS":
                if not any(end <= t.start < pend for end, pend in named):
                    return True
        return False

    def _company_just_named(self, sent: Sentence, pred: Predicate, clause: tuple[int, int],
                            types: tuple[str, ...]) -> list[Mention]:
        """ "오픈AI를 공동 창립했지만 ... 회사를 떠났다": the bare company noun as patient
        is the organization named last before it in the sentence, else the topic (part of
        the coreference stage)."""
        before = sent.text[clause[0]:pred.start]
        nouns = _company_noun_re(self.book.company_nouns)
        new = self.book.new_company_modifiers
        # "새 회사를 세웠다": a new company is none named before
        if not any(not before[:m.start()].rstrip().endswith(new) for m in nouns.finditer(before)):
            return []
        orgs = [m for m in sent.mentions if m.end <= pred.start and m.type in types]
        if orgs:
            return [orgs[-1]]
        topic = self.carried_topic
        return [topic] if topic is not None and topic.type in types else []

    def _claim_frame(self, relation: str, subj: Mention, obj: Mention, sent: Sentence, pred: Predicate,
                     clause: tuple[int, int], inferred: bool, extractor: str = EXTRACTOR) -> None:
        if subj.key == obj.key and relation != "LAID_OFF":
            return
        if quote_of(sent, subj) != quote_of(sent, obj):
            return
        if relation == "ACQUIRED" and _part_stake(sent.text[clause[0]:pred.start]):
            relation = "INVESTED_IN"  # "X가 Y 지분 49%를 인수했다" buys a holding, not Y (GUIDE.md)
        if relation == "WORKS_AT" and self._post and (held := self._post_org(sent, clause, pred)):
            obj = held  # "카카오는 NAME을 카카오브레인 대표로 선임했다": the post is the unit's
        spec = RELATIONS[relation]
        if subj.type not in spec.subject_types or obj.type not in spec.object_types:
            return
        trig = Trigger(pred.start, pred.end, pred.word, pred.cls.name)
        q: dict[str, Any] = {}
        # a person carried over from a sentence before ("그는 ...") holds the title that
        # sentence gave them there, not in this clause
        told_here = any(m is subj for m in sent.mentions)
        if relation == "INVESTED_IN":
            q.update(deal_terms(sent.text, sent.money, self.rel["INVESTED_IN"]))
            q.pop("valuation_currency", None)
            q.update(self._money_q(self._money(sent, clause[0], pred.start + 1)))
            if subj.own_amount is not None:
                q.update(own_sum(subj))
        elif relation == "ACQUIRED":
            q.update(self._money_q(self._money(sent, clause[0], clause[1])))
        elif relation == "LAID_OFF":
            count = self._count(sent, clause[0], clause[1])
            pct = [s for s in sent.percents if clause[0] <= s.start < clause[1]]
            q.update({"count": count, "pct": float(pct[-1].value) if pct else None})
        elif relation == "HIRED" and self._role:
            q["role"] = self._role  # "NAME을 CTO로 영입했다", "CTO로 합류했다"
        elif relation == "HIRED" and obj.title and obj.title_org is not None \
                and obj.title_org.key == subj.key:
            # a title at another organization, or at none named, is the post the person
            # held before ("감마의 NAME 상무를 영입"), not the one taken
            q["role"] = obj.title
        elif relation == "DEPARTED" and subj.title and told_here:
            q["role"] = subj.title
        elif relation == "WORKS_AT" and (self._post or (subj.title if told_here else "")):
            q["title"] = self._post or subj.title
        elif relation == "WORKS_AT" and obj.head and (held := self._title_en(obj.head.strip(_QUOTES))):
            q["title"] = held  # "X 회장을 맡은 NAME", "X CTO를 지낸": the post the clause names
        elif relation == "WORKS_AT" and obj.particle == "의" and (
                post := _WORD_AND_PARTICLE.match(sent.text, obj.pend)) and (
                held := self._title_en(post.group(1))):
            q["title"] = held  # "X의 CTO를 맡았다": as "X CTO를"
        elif relation == "VENDOR_TO":
            q["status"] = "active"
        if "date" in spec.qualifiers:
            # a founding or partnership is dated by its sentence as an event is ("지난해 X를
            # 공동 창업했다"); the rules date theirs so
            q["date"] = self._date(sent, trig)
        q = {k: v for k, v in q.items() if v is not None and v != ""}
        conf = INFERRED_CONFIDENCE if inferred or subj.anaphoric or obj.anaphoric else CONFIDENCE
        self.out.append(Claim(relation, ref(subj), ref(obj), q, sent.text, conf, extractor))


# between two items of a list: a gloss, a bullet or a comma, and at most one item that is no name
_NEXT_ITEM = re.compile(r"(?:\([^()]*\))?\s*[,·▲△]\s*(?:[^\s,·▲△()]{1,15}(?:\([^()]*\))?\s*[,·▲△]\s*)?")
# what closes a list a copula names: "... C 등이다", "... C(Kyulux, 일본) 다.", "... 등이며"
_COPULA_AFTER_LIST = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:등\s*)?(?:이)?(?:다\b|다\.|며\b|고\s|었다|였다)")


# "지분 49%를", "지분 일부를", "지분을": the stake bought; "지분 100%", "지분 전량" is the whole company
_STAKE_BOUGHT = re.compile(r"지분(?:\s*(?:\d+(?:\.\d+)?\s*%|\S+))?\s*(?:을|를)")
_WHOLE = re.compile(r"지분\s*(?:100\s*%|전량|전부|모두)")


# (로/으로 too: "와이컴비네이터의 파트너로 활동했다", the post held there)
_WORD_AND_PARTICLE = re.compile(r"\s*([^\s\d]+?)(을|를|이|가|은|는|으로도|로도|으로|로)(?=[\s,])")


@cache
def _transparent_after(heads: tuple[str, ...]) -> re.Pattern[str]:
    """A transparent head, a figure of it and its particle, after a name's 의 ("의 지분 30%를")."""
    alt = "|".join(map(re.escape, heads))
    return re.compile(rf"\s*(?:{alt})(?:율)?\s*(?:(?:약|총)\s*)?(?:(?:[0-9.]+\s*%|전량|전부|일부)\s*)?"
                      r"(을|를|이|가|은|는)(?=\s)")


def _part_stake(before: str) -> bool:
    """Whether the clause before a buying predicate names a stake short of the whole as
    what is bought."""
    return _STAKE_BOUGHT.search(before) is not None and not _WHOLE.search(before)


# -- the stage ------------------------------------------------------------------------

def _key(c: Claim) -> tuple[str, str, str]:
    s, o = ref_key(c.subject), ref_key(c.object)
    if RELATIONS[c.relation].symmetric and o < s:
        s, o = o, s
    return s, c.relation, o


def frame_claims(document: Document, registry: Registry, claims: Sequence[Claim],
                 names: Sequence[tuple[str, str]] = ()) -> list[Claim]:
    """Claims the frames read in a Korean document that ``claims`` (the rules') lack."""
    if document.lang != "ko":
        return []
    have: dict[tuple[str, str, str], set[str]] = {}  # key -> the qualifiers given for it
    for c in claims:
        have.setdefault(_key(c), set()).update(c.qualifiers)
    reader = FrameReader(registry, document.published, frame_book())
    reader.name_orgs(document.text)
    readings, deals = _held(document, registry, names)
    if enabled("topic"):
        reader.topic_org = document_topic(readings)
        reader.tell(claims)
    out: list[Claim] = []
    for reading in readings:
        for c in reader.read(reading):
            k = _key(c)
            # a fact given already is added again only for a figure it lacks ("65억 달러에
            # 인수" after a headline without the sum); merging joins the two
            if k in have and not set(c.qualifiers) - have[k] - {"date", "status"}:
                continue
            if _unit_laid_off(c, claims, out):
                continue
            have.setdefault(k, set()).update(c.qualifiers)
            out.append(c)
    out += reader.place_at_known_employers(readings, [*claims, *out])
    out += reader.place_at_visited_headquarters(readings, [*claims, *out])
    if enabled("topic"):
        out += reader.place_bare_titles(readings, [*claims, *out])
        out += reader.place_bare_units(readings, [*claims, *out])
    _fill_deals(out, claims, deals)
    if enabled("dating"):
        _date_like_the_rules(out, claims, readings, document.published)
    return out


def _unit_laid_off(c: Claim, *told: Sequence[Claim]) -> bool:
    """Whether ``c`` is an organization's layoff of its own staff told by a sentence that
    names the unit affected ("메타는 리얼리티 랩스 직원 600명을 해고했다"): the layoff is the
    unit's (GUIDE: the organization itself only when no unit is named). ``told``: the
    claims read so far (the rules', the frames'), scanned only for such a layoff."""
    if c.relation != "LAID_OFF" or ref_key(c.subject) != ref_key(c.object):
        return False
    me = ref_key(c.subject)
    return any(o.relation == "LAID_OFF" and o.evidence == c.evidence and ref_key(o.subject) == me
               and ref_key(o.object) != me for claims in told for o in claims)


def _fill_deals(found: list[Claim], ruled: Sequence[Claim], deals: DealBook) -> None:
    """Investments read here take their round's terms as the rules' do ("X는 시리즈B에서
    기업가치 N을 인정받았다. ... Y가 300억원을 투자했다": Y's investment is in that round,
    whether the sentence names X or leaves it to the topic stage); the rules' own claims
    count toward the round's investors (the amount goes to a sole investor) but keep
    what the rules gave them."""
    copies = [replace(c, qualifiers=dict(c.qualifiers)) for c in ruled if c.relation == "INVESTED_IN"]
    deals.fill([*copies, *found])


def _date_like_the_rules(found: list[Claim], ruled: Sequence[Claim], readings: list[Reading],
                         published: str | None) -> None:
    """Undated events get dates as the rules' do (a retelling nearby, the lead paragraph's
    month); the rules' own claims, read for which sentences lead, are left as they are."""
    from kg.extract.ko.extractor import _date_undated_events, _Seen

    seen = [_Seen(r.sentence.text, r.sentence.dates, {m.key for m in r.sentence.mentions}) for r in readings]
    copies = [replace(c, qualifiers=dict(c.qualifiers)) for c in ruled]
    _date_undated_events([*copies, *found], seen, published)


@cache
def _company_noun_re(nouns: tuple[str, ...]) -> re.Pattern[str]:
    """A company noun as a word of its own with its object or source particle ("회사를",
    "회사에서"): in "자회사를", "모회사에서" it is part of a noun naming another company."""
    alternatives = "|".join(map(re.escape, nouns))
    return re.compile(rf"(?<![가-힣])(?:{alternatives})(?:를|에서)")
