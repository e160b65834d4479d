"""The English extractor's facts, and their qualifiers that come from the whole document.

A fact read from one sentence may find a qualifier in another: a valuation
stated apart from the deal, the title a person held when the text tells of the
leaving, the year a group left ("The two left X in 2021") or an organization was
founded ("Founded in 2016, X ..."), a hired group's noun
as the title of its members, the ended status of a supplier that was cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kg.extract.en.mentions import Entity, Mention
from kg.extract.en.text import _iso_ok
from kg.loaders import normalize

# "The two", "They", "Both founders": a group already named, as the subject of a leaving.
_GROUP_LEFT = re.compile(
    r"(?:^|[.;:]\s+|,\s+)(?:[Tt]he\s+(?:two|three|four|pair|duo|trio)|[Tt]hey|[Bb]oth)\b"
    r"(?:\s+[\w-]+){0,2}?[^⟨⟩;]{0,80}?\b(?:left|leaving|quit|quitting|departed|departing|exited)\s+"
    r"⟨[Oo](\d+)⟩\s+(?=in\s)")
_STAYING_TITLES = ("founder", "co-founder", "board member")  # held still after a move elsewhere
# a post whose holder hired elsewhere has not left: a board seat. A founder hired away has
# (GUIDE.md: "moved/joined from Y"; 13 of the corpus' 16 founders hired elsewhere left),
# unless the hirer also invests in the founder's company (a stake and its founder)
_KEPT_ON_A_HIRE = ("board member",)
_DEFAULT_DATE = "_default_date"  # a qualifier key: the date is only the publication day
# "X and Y also participated", "Z also joined the round": an investor in the round just told.
_JOINED_ROUND = re.compile(r"\b(?:also|too)\s+(?:participated|took\s+part|joined\s+(?:the|this)\s+round"
                           r"|invested|chipped\s+in)\b")
# "took part in the latest round of funding": a round named by a definite article, the one
# the text told of already (a round the sentence names itself is read in the sentence)
_THE_ROUND = re.compile(r"\b(?:the|this|that)\s+(?:(?:latest|same|new|recent|most\s+recent)\s+)?"
                        r"(?:funding\s+|financing\s+|investment\s+)?round\b"
                        r"|\b(?:that|this|the\s+same)\s+(?:funding|financing)\b")
# "hired three X researchers": the noun of a hired group, its members' title
_GROUP_NOUN = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several)\s+(?:[\w.-]+\s+)?"
                         r"(researcher|engineer|scientist|executive)s\b")


@dataclass
class _Fact:
    """A fact read from the document, before facts are merged into claims."""

    relation: str
    subject: Entity
    object: Entity
    qualifiers: dict[str, Any] = field(default_factory=dict)
    evidence: str = ""
    confidence: float = 0.9
    rule: str = ""  # the name of the rule that read it (kg.extract.rulebook)


@dataclass
class _Context:
    """One sentence being read: its text, mentions and facts so far."""

    sentence: str
    text: str  # with ASCII quotes
    mentions: list[Mention]
    published: str | None
    facts: list[_Fact] = field(default_factory=list)

    @cached_property
    def dates(self) -> list[normalize.Span]:
        """The sentence's dates, found once: every rule match and the sentence's other
        readers (valuations, the year for the next sentence) ask for them."""
        return normalize.find_dates(self.text, self.published)


# "bringing its total funding to $180 million", "$180 million in total": not one deal's amount.
_TOTAL_BEFORE = re.compile(r"(?<!\ba )\b(?:total|overall)\s+(?:[\w-]+\s+){0,2}?(?:to|of)\s+"
                           r"(?:about\s+|around\s+|roughly\s+|nearly\s+|more than\s+)?$")
_TOTAL_AFTER = re.compile(r"^\s+(?:in\s+total|in\s+total\s+funding|total|to\s+date|in\s+all)\b")


def running_total(before: str, after: str) -> bool:
    """Whether the money between `before` and `after` is a running total of funding."""
    return bool(_TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(after))


def role_then_date(between: str) -> bool:
    """Whether the text from a hire to a date is only the hire's role: ", ..., as its CTO "."""
    return bool(re.match(r"^(?:,\s+[^,.;⟨⟩]{0,60}?,)?\s+as\s+(?:a|an|its|the|his|her|their)?\s*"
                         r"[\w-]+(?:\s+[\w-]+){0,4}?\s+$", between)) and len(between) < 130


# The same event told again by the next sentence, with a pronoun for a party: "They cut ties
# with us in August." The verb must be one that tells this relation's event.
_RETOLD = {
    "ENDED_PARTNERSHIP": r"cut ties|ended|terminated|severed|dropped|walked away|pulled out",
    "INVESTED_IN": r"closed|led|invested|joined|participated",
    "ACQUIRED": r"closed|completed|agreed|announced",
    "HIRED": r"joined|started|was hired|was named|came aboard",
    "DEPARTED": r"left|quit|resigned|stepped down|departed",
}


# The same event told again by the next sentence with both parties named: a word of the
# relation's event ("Y was the lead investor in X's round from June 2023").
_RETOLD_NAMED = {
    "INVESTED_IN": r"\b(?:invest(?:ed|s|ing|or|ors|ment)?|funding|round|stake)\b",
    "ACQUIRED": r"\b(?:acquir(?:ed|es|ing)|acquisition|bought|purchase[ds]?)\b",
    "HIRED": r"\b(?:join(?:ed|s)?|hired|appointed|named)\b",
    "DEPARTED": r"\b(?:left|quit|resigned|stepped\s+down|departed|departure)\b",
}


def retold_date(facts: list[_Fact], sentence: str, following: str, published: str | None) -> None:
    """Dates defaulted to the publication day, from the next sentence that retells the event."""
    following = re.sub(r"^\s*[AQ]:\s+", "", following)
    dates: list[normalize.Span] | None = None  # the next sentence's dates, found once if asked
    for f in facts:
        verbs = _RETOLD.get(f.relation)
        if f.evidence != sentence or not f.qualifiers.get(_DEFAULT_DATE) or not verbs:
            continue
        if dates is None:
            dates = [d for d in normalize.find_dates(following, published) if _iso_ok(d.value)]
        m = re.match(rf"(?:They|It|He|She)\s+(?:also\s+|had\s+|have\s+|has\s+)?(?:{verbs})\b[^.;:]*",
                     following)
        spans = [d for d in dates if m and d.end <= m.end()]
        cue = _RETOLD_NAMED.get(f.relation)
        if not spans and cue and f.subject.name in following and f.object.name in following \
                and re.search(cue, following):
            # both parties named again with a word of the event: its one date dates it
            spans = dates if len(dates) == 1 else []
        if spans:
            f.qualifiers["date"] = str(spans[0].value)
            del f.qualifiers[_DEFAULT_DATE]


def round_named(after: str) -> bool:
    """Whether the money is followed by the round it is: "a $90 million Series C"."""
    return bool(re.match(r"(?i)\s+(?:pre-seed|seed|series\s+[a-g])\b", after))


def group_leavings(text: str, masked: str, offsets: list[int], mentions: list,
                   published: str | None) -> dict[str, str]:
    """{organization key: date} for "the two left X in 2021" in one sentence."""
    out: dict[str, str] = {}
    for m in _GROUP_LEFT.finditer(masked):
        org = mentions[int(m.group(1))].entity
        at = offsets[min(m.end(), len(offsets) - 1)]
        for span in normalize.find_dates(text, published):
            if span.start == at and _iso_ok(span.value):
                out[org.key] = str(span.value)
    return out


_FOUNDED_IN = (
    r"(?:^|[,;:]\s+)(?:[Ff]ounded|[Ee]stablished|[Ll]aunched|[Ss]tarted)\s+in\s+((?:19|20)\d\d),\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}?⟨O(\d+)⟩",
    r"⟨O(\d+)⟩(?:,\s+(?:which\s+was\s+|a\s+[\w\s-]{0,40}?)?|\s+was\s+)(?:founded|established|started)"
    r"(?:\s+by\s+[^,;⟨⟩]{0,40}?|\s+by\s+⟨[Pp]\d+⟩(?:\s*(?:,|and)\s*⟨[Pp]\d+⟩)*)?\s+in\s+((?:19|20)\d\d)\b",
)


def founding_years(masked: str, mentions: list) -> dict[str, str]:
    """{organization key: year} for "Founded in 2016, X ..." and "X, founded in 2016"."""
    out: dict[str, str] = {}
    for i, pat in enumerate(_FOUNDED_IN):
        for m in re.finditer(pat, masked):
            year, index = (m.group(1), m.group(2)) if i == 0 else (m.group(2), m.group(1))
            out[mentions[int(index)].entity.key] = year
    return out


def document_qualifiers(facts: list[_Fact], leavings: dict[str, str],
                        founded: dict[str, str] | None = None) -> list[_Fact]:
    """The facts with qualifiers completed from the document; helper facts dropped."""
    # The first valuation told of a company is the news; later ones are its history ("In
    # 2021 ... valued it at about $7.3 billion").
    valued: dict[str, _Fact] = {}
    for g in facts:
        if g.relation == "_VALUED":
            valued.setdefault(g.subject.key, g)
    for f in facts:
        if f.relation == "INVESTED_IN" and "valuation" not in f.qualifiers and f.object.key in valued:
            g = valued[f.object.key]
            f.qualifiers["valuation"] = g.qualifiers["valuation"]
            f.qualifiers.setdefault("currency", g.qualifiers["currency"])
    # "Y led the round, the company said on Wednesday. Z also participated.": the same round,
    # so the same date, in place of the publication-day default.
    for i, f in enumerate(facts):
        if f.relation == "INVESTED_IN" and f.qualifiers.get(_DEFAULT_DATE) and \
                _JOINED_ROUND.search(f.evidence):
            prior = [g for g in facts[:i] if g.relation == "INVESTED_IN" and g.object.key == f.object.key
                     and g.evidence != f.evidence]
            if prior and prior[-1].qualifiers.get("date") and not prior[-1].qualifiers.get(_DEFAULT_DATE):
                f.qualifiers["date"] = prior[-1].qualifiers["date"]
                del f.qualifiers[_DEFAULT_DATE]
    # "Y raised $1 billion in a late-stage round ... Z and W took part in the latest round",
    # "A 2023 funding round valued Y at ... Z participated in that funding": the round told
    # of before in the same company, its name and when it happened.
    for i, f in enumerate(facts):
        if f.relation != "INVESTED_IN" or not _THE_ROUND.search(f.evidence):
            continue
        told = [g for g in facts[:i] if g.relation in ("INVESTED_IN", "_VALUED") and g.evidence != f.evidence
                and g.object.key == f.object.key]
        named = [g for g in told if g.qualifiers.get("round")]
        if named and "round" not in f.qualifiers:
            f.qualifiers["round"] = named[-1].qualifiers["round"]
        dated = [g for g in told if g.qualifiers.get("date") and not g.qualifiers.get(_DEFAULT_DATE)]
        if dated and f.qualifiers.get(_DEFAULT_DATE):
            f.qualifiers["date"] = dated[-1].qualifiers["date"]
            del f.qualifiers[_DEFAULT_DATE]
    # "hired three X researchers" ... "hired A, B and C, who were working at X":
    # the group's noun is the title of those hires at X.
    group = {}
    for f in facts:
        m = _GROUP_NOUN.search(f.evidence) if f.relation == "HIRED_FROM" else None
        if m:
            group[(f.subject.key, f.object.key)] = m.group(1)
    hirers = {(f.object.key, f.subject.key) for f in facts if f.relation == "HIRED"}
    for f in facts:
        if f.relation == "WORKS_AT" and "title" not in f.qualifiers:
            for (hirer, org), noun in group.items():
                if org == f.object.key and (f.subject.key, hirer) in hirers:
                    f.qualifiers["title"] = noun
    ended = {(f.subject.key, f.object.key) for f in facts if f.relation == "ENDED_PARTNERSHIP"}
    titles = {(f.subject.key, f.object.key): f.qualifiers["title"] for f in facts
              if f.relation == "WORKS_AT" and f.qualifiers.get("title")
              and f.qualifiers["title"] not in _STAYING_TITLES}
    for f in facts:
        if f.relation == "VENDOR_TO" and (f.object.key, f.subject.key) in ended:
            f.qualifiers["status"] = "ended"
        if f.relation == "FOUNDED" and "date" not in f.qualifiers and f.object.key in (founded or {}):
            f.qualifiers["date"] = (founded or {})[f.object.key]
        if f.relation == "DEPARTED":
            # "X, OpenAI's CTO, ... decided to leave OpenAI": the role is the title held.
            title = titles.get((f.subject.key, f.object.key))
            if title and "role" not in f.qualifiers:
                f.qualifiers["role"] = title
            if "date" not in f.qualifiers and f.object.key in leavings:
                f.qualifiers["date"] = leavings[f.object.key]
    return [f for f in facts if not f.relation.startswith("_")]
