"""Who a Korean sentence's main clause is about: its subject, and the subject chain.

Korean leaves the subject unsaid when it is the one the sentences before were
about: "그는 60건 이상의 인수합병을 주도했다. 특히 구글 재직 당시 루커를
인수하기도 했다" is the man's career, not a deal of the company the article
named before him. The extractor carries the last organization topic over to such
clauses (the ``carry_over`` stage); this module says when the chain has moved to a
person, so that an organization is not carried into what a person did.

The main clause's subject is the first word marked as topic (은/는/도, not "에는",
"에서는") outside quotes and brackets, else the first marked as subject (이/가) that is
not a relative clause's ("진 전 장관이 설립한 X").
Datelines, bylines ("홍길동 기자 =") and leading adverbials ("업계에 따르면") carry
no such particle, so they are passed over by construction. The subject is

- an organization: a mention of one (the chain follows it, as before);
- a person who stands for no organization here: a pronoun ("그는", "그녀는"), a
  person named with a former title ("진 전 장관은"): the chain is on that person,
  and no organization is carried into the clauses that leave the agent unsaid
  until a sentence makes an organization its subject again;
- a person with a current title ("리 부사장은", "김 대표는"): the person speaks
  for the organization the chain is on, which stays;
- anything else ("이번 투자는", a name no mention covers, a person's name alone,
  which may be the organization's best-known face: "저커버그는 ... 영입했다"): a
  new subject ends a person's chain, and the organization topic is carried again.

Only a sentence that marks no subject at all continues a person's chain: that is
the clause whose subject Korean leaves unsaid because it is still the person. Such
a sentence's acts that a person does take that person as their agent, titled or
not ("강 부사장은 ... 전문가다. 2019년 삼성전자에 합류한 뒤에는 ..."; ``chain_person``),
unless the sentence names a person of its own before the act; acts only an
organization does still fall to the organization the chain carries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from kg.extract.ko.mentions import Mention, Token, lexicon
from kg.graph.model import ORGANIZATION, PERSON

ORGANIZATION_SUBJECT = "organization"
PERSON_SUBJECT = "person"  # a person acting for no organization the text names here
SPOKESPERSON_SUBJECT = "spokesperson"  # a titled person: the organization stays the subject
OTHER_SUBJECT = "other"
UNSAID_SUBJECT = "unsaid"  # no word is marked as the main clause's subject

_PRONOUNS = frozenset({"그", "그녀"})
_OPEN = frozenset({"(", "[", "{", "<", "「", "『", "〈", "《"})
_CLOSE = frozenset({")", "]", "}", ">", "」", "』", "〉", "》"})
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})


@dataclass(frozen=True)
class Subject:
    kind: str  # one of the *_SUBJECT names above
    mention: Mention | None = None
    pronoun: bool = False  # "그는", "그녀가"
    short_name: str = ""  # "김 신임 대표는": the name before a title no mention covers


@cache
def _title_words() -> frozenset[str]:
    """The Korean title words of the lexicon as Kiwi cuts them ("부사장", "대표", "CEO")."""
    return frozenset(ko for ko, _en in lexicon()["titles"] if " " not in ko)


def _marked(tokens: list[Token]) -> int | None:
    """Index of the particle marking the main clause's subject: the first top-level topic
    particle (은/는 right after a noun), else the first top-level subject particle (이/가)."""
    depth, quoted = 0, False
    first_subject = None
    for i, t in enumerate(tokens):
        if t.form in _QUOTES:
            quoted = not quoted
            continue
        if t.tag == "SSO" or t.form in _OPEN:
            depth += 1
            continue
        if t.tag == "SSC" or t.form in _CLOSE:
            depth = max(0, depth - 1)
            continue
        if depth or quoted or i == 0:
            continue
        before = tokens[i - 1]
        if before.tag.startswith("J") or before.tag.startswith("E"):
            continue  # "투자에는", "설립한 것은": not a noun's topic
        if t.tag == "JX" and t.form in ("은", "는", "도"):
            return i  # "카카오도 ...": the subject too, as "also"
        if t.tag == "MAG" and t.form == "역시" and before.tag in ("NNP", "NNG"):
            return i  # "프리드먼 역시 ...": "also" without a particle
        if t.tag == "JKS" and first_subject is None and not _relative(tokens, i):
            first_subject = i
    return first_subject


def _relative(tokens: list[Token], i: int) -> bool:
    """Whether the subject marked at ``i`` is a relative clause's: its predicate ends in a
    modifier ending ("진 전 장관이 설립한 스카이레이크")."""
    ending = next((t for t in tokens[i + 1:] if t.tag.startswith("E")), None)
    return ending is not None and ending.tag == "ETM"


def main_subject(tokens: list[Token], mentions: list[Mention]) -> Subject:
    """What the sentence's main clause is about (see the module docstring)."""
    i = _marked(tokens)
    if i is None:
        return Subject(UNSAID_SUBJECT)
    head = tokens[i - 1]
    if head.tag == "NP" and head.form in _PRONOUNS:
        return Subject(PERSON_SUBJECT, pronoun=True)
    at = tokens[i].start
    for m in mentions:
        if m.start <= head.start and at <= max(m.pend, m.end) and m.type in (ORGANIZATION, PERSON):
            if m.type == ORGANIZATION:
                return Subject(ORGANIZATION_SUBJECT, m)
            return _person(tokens, i, m)
    if head.form in _title_words() and i >= 2 and tokens[i - 2].tag in ("NNP", "MM", "NNG"):
        # "리 부사장은", "김 신임 대표는": a name the finder left out
        found = _person(tokens, i, None)
        name = next((t.form for t in reversed(tokens[max(0, i - 4):i - 1]) if t.tag == "NNP"), "")
        return Subject(found.kind, None, short_name=name)
    if head.tag == "NNG" and i >= 3 and _former(tokens[i - 2]) and tokens[i - 3].tag == "NNP":
        # "진 전 장관은": any post, the lexicon's or not, held before
        return Subject(PERSON_SUBJECT, short_name=tokens[i - 3].form)
    return Subject(OTHER_SUBJECT)


def _person(tokens: list[Token], i: int, mention: Mention | None) -> Subject:
    """A person subject: a spokesperson when a current title stands before the particle."""
    head = tokens[i - 1]
    if head.form not in _title_words():
        # "저커버그는 ... 영입했다": a name alone may be the organization's best-known face
        return Subject(OTHER_SUBJECT, mention)
    if i >= 2 and _former(tokens[i - 2]):
        return Subject(PERSON_SUBJECT, mention)  # "진 전 대표는": a former post speaks for no one
    return Subject(SPOKESPERSON_SUBJECT, mention)


def _former(token: Token) -> bool:
    return token.form == "전" and token.tag in ("MM", "NNG")


def on_person(subject: Subject, before: bool) -> bool:
    """Whether the chain is on a person after a sentence with this subject (``before``: it
    was before the sentence)."""
    if subject.kind == UNSAID_SUBJECT:
        return before
    return subject.kind == PERSON_SUBJECT


def chain_person(subject: Subject, before: Mention | None,
                 pronoun_person: Callable[[], Mention | None],
                 people: dict[str, tuple[str, str | None]]) -> Mention | None:
    """The person the chain is on after a sentence with this subject: a subject-marked person,
    titled or not, the one a pronoun stands for (``pronoun_person``, the coreference
    stage), or the person told of before whose short name stands before a title
    (``people``: short form -> (name, id)); a sentence that marks no subject keeps
    ``before``, any other subject ends it."""
    if subject.kind == UNSAID_SUBJECT:
        return before
    if subject.kind not in (PERSON_SUBJECT, SPOKESPERSON_SUBJECT):
        return None
    if subject.pronoun:
        return pronoun_person()
    if subject.mention is None and subject.short_name in people:
        name, id_ = people[subject.short_name]
        return Mention(0, 0, name, PERSON, id_, "person", discovered=id_ is None, anaphoric=True)
    return subject.mention if subject.mention is not None and subject.mention.type == PERSON else None
