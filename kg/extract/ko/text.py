"""Text-level pieces of Korean mention finding: lexicon, Kiwi tokens, mentions, particles.

Shared by ``korean_mentions`` (the finder) and ``korean_discovery`` (names not
in the registry); nothing here depends on either.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import starmap
from typing import TYPE_CHECKING, Any

from kg.graph.registry import fold
from kg.loaders.morph import Morphemes, analysis, kiwi

if TYPE_CHECKING:
    from kg.loaders.normalize import Span

HANGUL = re.compile(r"[\uac00-\ud7a3]")
_WORDCH = re.compile(r"[\w\uac00-\ud7a3]")
# "머코르(Mercor)", "루오밍 팡(Ruoming Pang)": Hangul words followed by a Latin gloss.
# (a name's last word may be Latin after a Hangul one: "텍울달 AI(Tekuldal AI)")
PAREN_PAIR = re.compile(
    r"((?:[\uac00-\ud7a3A-Za-z0-9]+ ){0,3}"
    r"(?:[\uac00-\ud7a3A-Za-z0-9]*[\uac00-\ud7a3][\uac00-\ud7a3A-Za-z0-9]*"
    r"|(?<=[\uac00-\ud7a3] )[A-Za-z0-9]+))"
    r"\(([A-Za-z][A-Za-z0-9 .&'\-]*?)(?:[,·][^)]*)?\)"
)
# every match of PAREN_PAIR holds this: most sentences with a "(" have none
PAREN_LATIN = re.compile(r"\([A-Za-z]")
# the mark of a corporation written against its name: "㈜LG", "(주)카카오", "SK㈜"
CORPORATION_MARK = r"(?:㈜|\(주\))"
# the English a title's gloss in parentheses holds: "부사장(Vice President of Corporate Development)"
# an English gloss, and the Korean word again after a comma: "CIO(Chief Information Officer,
# 최고정보관리책임자)"
TITLE_GLOSS = r"[A-Za-z][A-Za-z &/.,'-]{0,60}[A-Za-z](?:,\s*[가-힣][가-힣 ]{0,20})?"
QUOTED = re.compile(r"['‘’\"“”]([^'‘’\"“”]{1,30}?)['‘’\"“”]")
# a word ending a clause or carrying a case particle: no part of a name, a unit or a title run
CLAUSE_WORD = re.compile(r"(?:[은는을를에의로와과도가]|있는|하는|이끄는|맡은|된|한|던|며|고)$")
ONE_WORD_NAME = re.compile(r"[\uac00-\ud7a3]{2,5}")  # a Korean name written as one word
# "그는", "그녀가": a person told of before, as the subject of the clause (PRONOUN_SUBJECT_TOO: or "그도")
PRONOUN_SUBJECT = re.compile(r"(?:^|\s)(?:그|그녀)(?:는|가)\s")
PRONOUN_SUBJECT_TOO = re.compile(r"(?:^|\s)(?:그|그녀)(?:는|가|도)\s")


@cache
def lexicon() -> dict[str, Any]:
    """The Korean lexicon (``data/lexicon.json``), loaded once."""
    text = resources.files("kg.extract.ko").joinpath("data/lexicon.json").read_text("utf-8")
    return _with_stacked_particles(json.loads(text))


# Particles that add to a case particle without changing the role it marks: "네이버에게도
# 투자했다" (also to Naver), "SK텔레콤으로부터도" (from SK Telecom too), "오픈AI로만".
_ADDED_PARTICLES = ("도", "만", "까지", "조차", "마저")
# the role classes a stacked form keeps (the agent's and the object's 도 stand alone:
# "네이버도" may be either, and is listed as an agent particle already)
_CASE_CLASSES = ("dative_particles", "source_particles", "goal_particles", "comitative_particles")


def _with_stacked_particles(lex: dict[str, Any]) -> dict[str, Any]:
    """The lexicon with each case particle of the role classes also followed by an added
    particle (lexicon ``particles`` too, so the particle after a name is read whole)."""
    for key in _CASE_CLASSES:
        forms = list(lex[key])
        forms += [f"{p}{a}" for p in lex[key] if not p.endswith(_ADDED_PARTICLES)
                  for a in _ADDED_PARTICLES if f"{p}{a}" not in forms]
        lex[key] = forms
        lex["particles"] += [p for p in forms if p not in lex["particles"]]
    return lex


def staff_noun() -> str:
    """The lexicon's nouns for unnamed staff (``staff_nouns``) as one regex alternation."""
    return alternation(tuple(lexicon()["staff_nouns"]), longest_first=True)


def place_before_org() -> str:
    """A place name and its space as a regex, between a person and the organization of
    their title: "NAME 미국 미시간대 교수", "NAME 미국 엔비디아 부사장"."""
    return rf"(?:(?:{alternation(tuple(lexicon()['place_names']), longest_first=True)})\s+)"


@cache
def alternation(words: tuple[str, ...], longest_first: bool = False) -> str:
    """``words`` as one regex alternation, each escaped (longest first if asked).

    Made once per word list: rules match every sentence against the same
    lexicon lists, and escaping and joining them at each sentence cost more
    than the matching."""
    escaped = map(re.escape, words)
    return "|".join(sorted(escaped, key=len, reverse=True) if longest_first else escaped)


@cache
def words_pattern(template: str, **alternations: str) -> re.Pattern[str]:
    """``template`` with each ``{name}`` replaced by the alternation given for it, compiled
    once. The alternations come from :func:`alternation`'s cache, so looking the pattern
    up again hashes no long string (``re``'s own cache would, at every sentence)."""
    for name, alt in alternations.items():
        template = template.replace(f"{{{name}}}", alt)
    return re.compile(template)


@dataclass(slots=True, unsafe_hash=True)
class Token:
    """A Kiwi morpheme: ``form``, ``tag`` and its offsets into the sentence.

    Treated as immutable (compared and hashed by value, like a frozen dataclass), but
    not declared frozen: a frozen dataclass sets each field through
    ``object.__setattr__``, which made a sentence's tokens cost four times as much
    to make, and every Korean sentence makes a few dozen."""

    form: str
    tag: str
    start: int
    end: int


def is_verb(t: Token) -> bool:
    """A verb morpheme: a verb stem, or the suffix that makes a noun one ("투자" "하")."""
    return t.tag.startswith("VV") or t.tag == "XSV"


def tokenize(sentence: str) -> list[Token]:
    """Kiwi morphemes with character offsets into ``sentence``: those the segmenter
    found for it in its paragraph when the document being extracted was read, else its own."""
    known = analysis(sentence)
    if known is not None:
        return list(_tokens(known))
    return list(_tokenize(sentence))


@lru_cache(maxsize=2048)
def _tokens(morphemes: Morphemes) -> tuple[Token, ...]:
    """The segmenter's morphemes of a sentence as tokens, made once: the mention finder,
    the rules, the frames and the name recognizer each ask for them."""
    return tuple(starmap(Token, morphemes))


@lru_cache(maxsize=512)
def _tokenize(sentence: str) -> tuple[Token, ...]:
    return tuple(Token(t.form, t.tag, t.start, t.start + t.len) for t in kiwi().tokenize(sentence))


@dataclass
class Mention:
    """One entity named in a sentence, with the particle that follows it."""

    start: int
    end: int
    name: str
    type: str
    id: str | None = None
    kind: str = ""
    discovered: bool = False
    particle: str = ""
    head: str = ""  # nouns between the name and its particle ("경쟁 데이터 라벨링 업체")
    pend: int = 0  # end of name + head + particle
    group: int = -1  # coordination group index
    title: str = ""  # English title when a title word stands next to a person
    title_org: Mention | None = None  # organization named with the title
    anaphoric: bool = False
    surface: str = ""
    # the sum told right after this member of a gapped list: "A가 300억원, B가 200억원을
    # 투자했다" gives A its 300억원 and B its 200억원 (a normalize.Span of a Money)
    own_amount: Span | None = None
    # one of a larger group the sentence names ("A를 비롯한 30여 개 기업이"): it takes the
    # group's role, but the sentence is not about it
    included: bool = False

    @property
    def key(self) -> str:
        return self.id or fold(self.name)


@dataclass
class DocState:
    """What earlier sentences of the document established."""

    local_aliases: dict[str, tuple[str, str, str | None, str]] = field(default_factory=dict)
    people: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # last word -> person
    titled_only: set[str] = field(default_factory=set)  # short forms that need a title ("왕 CEO")
    last_orgs: list[Mention] = field(default_factory=list)
    # the organizations of last_orgs named as members of a list ("A와 B 등"), by id(): a
    # singular description ("이 회사") does not point back to one of them
    listed_orgs: set[int] = field(default_factory=set)
    last_units: list[Mention] = field(default_factory=list)
    units: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # unit name -> parent
    topic: Mention | None = None
    recent_topic: Mention | None = None  # the topic of the previous sentence only
    # the subject chain is on a person who acts for no organization (kg.extract.ko.subjects):
    # the topic is not carried into the clauses that leave their agent unsaid
    on_person: bool = False
    # the person the chain is on (a subject-marked person or the one "그는" stands for), and
    # whether the sentence being read marks no subject of its own: then it is that person's
    chain_person: Mention | None = None
    subject_unsaid: bool = False
    short_names: dict[str, tuple[str, str, str | None, str]] = field(default_factory=dict)  # "벼리"
    last_hirer: Mention | None = None  # who hired in the latest sentence telling of a hire
    last_hire_date: str | None = None  # and when


# a word that makes an English name a firm's: "ARK Invest", "Parkway Venture Capital"
FIRM_WORD = re.compile(r"\b(?:Invest(?:ment)?s?|Ventures?|Capital|Partners|Funds?|Holdings|Group|Inc|Corp"
                       r"|Co|Ltd|LLC|Labs?|Technologies|Systems|Studios?|Research|Robotics|Bank|Securities"
                       r"|Management|AI)\b\.?", re.IGNORECASE)


# An aside right after a name that says nothing of the relation: the age ("홍길동(48)",
# "(43·사진)"), the birth year ("(1986년생)"), where the person stands in the photo
# ("(오른쪽)", "(사진 왼쪽)"). It sits between the name and its title or particle, where
# every reading of "NAME TITLE" and "NAME + particle" expects them side by side.
_ASIDE = re.compile(r"(?<=[\uac00-\ud7a3])\((?:\d{2}(?:세)?(?:\s*[·,]\s*[^()]{1,10})?|\d{4}년생"
                    r"|(?:사진\s*)?(?:맨\s*)?(?:오른쪽|왼쪽|가운데)(?:\s*[^()]{0,8})?|사진)\)")


def without_asides(text: str) -> str:
    """``text`` without the asides after names (:data:`_ASIDE`): "홍길동(48) 전무" -> "홍길동 전무"."""
    return _ASIDE.sub("", text) if "(" in text else text


def is_word(ch: str) -> bool:
    return bool(_WORDCH.match(ch))


@cache
def _particles_by_length() -> tuple[tuple[int, frozenset[str]], ...]:
    """The lexicon's particles grouped by length, longest first: rules ask at every name,
    and one set lookup per length costs less than testing every particle."""
    particles = lexicon()["particles"]
    return tuple((n, frozenset(p for p in particles if len(p) == n))
                 for n in sorted({len(p) for p in particles}, reverse=True))


def particle_at(sentence: str, pos: int) -> str:
    """The particle written right after position ``pos`` (longest that ends a word)."""
    rest = sentence[pos : pos + 6]
    for n, particles in _particles_by_length():
        p = rest[:n]
        if p in particles and (len(rest) == n or not HANGUL.match(rest[n])):
            return p
    return ""


def boundary_ok(sentence: str, start: int, end: int, tokens: list[Token]) -> bool:
    """Whether an alias occurrence is a whole name, not part of a longer word."""
    alias = sentence[start:end]
    if start > 0 and is_word(sentence[start - 1]):
        prev = sentence[start - 1]
        if alias[0].isascii() and prev.isascii():
            return False
        if HANGUL.match(prev) and HANGUL.match(alias[0]):
            return False
    if end < len(sentence) and is_word(sentence[end]):
        nxt = sentence[end]
        if alias[-1].isascii() and nxt.isascii():
            return False
        if HANGUL.match(nxt):
            if particle_at(sentence, end):
                return True
            # a Hangul continuation is fine only when Kiwi cuts a token there
            starts = {t.start for t in tokens}
            ends = {t.end for t in tokens}
            if end not in starts or end not in ends:
                return False
            nxt_tok = next((t for t in tokens if t.start == end), None)
            if nxt_tok is None or nxt_tok.tag not in (
                "NNG",
                "NNB",
                "XSN",
                "JKS",
                "JKO",
                "JKB",
                "JKG",
                "JX",
                "JC",
                "VCP",
            ):
                return False
            if HANGUL.match(alias[-1]) and nxt_tok.tag in ("NNG", "XSN"):
                return False
    return True



def occurrences(text: str, needle: str, fold_case: bool = False) -> list[int]:
    if not needle:
        return []
    hay, pat = (text.lower(), needle.lower()) if fold_case else (text, needle)
    out, i = [], hay.find(pat)
    while i >= 0:
        out.append(i)
        i = hay.find(pat, i + 1)
    return out
