"""Rules of the English extractor that look at a whole sentence, not at one pattern hit.

Units named after their parent ("Microsoft AI"), titles in parentheses, hires
of a bare title ("hired founder Y"), amounts of a deal referred to later ("The
deal is worth ..."), and valuations kept aside for a company's investments.
Mixed into ``EnglishExtractor`` (kg.extract.en.extractor), whose state they use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from kg.extract.en.document import _Context, _Fact
from kg.extract.en.mentions import Entity
from kg.extract.en.subjects import org_at
from kg.extract.en.text import money_qualifiers, normalize_title
from kg.extract.rulebook import rule_enabled
from kg.graph.model import ORGANIZATION
from kg.loaders import normalize

# A founder title alone before one or more people: after a clause break or a lowercase word
# ("including", "and", "remaining"), never after a name ("Groq founder X") or "former".
_BARE_FOUNDERS = re.compile(
    r"(?:^|[,;:(—–\"]\s*|\b(?!(?:former|formerly|ex|then|previous|previously|onetime|one-time|late)\b)"
    r"[a-z][\w-]*\s+)(?:(?:the|its|their|fellow|remaining|other)\s+)*"
    r"(?P<title>(?i:co-?founders?|founders?))\s+"
    r"(?P<people>⟨P\d+⟩(?:(?:,\s*|,?\s+and\s+)⟨P\d+⟩)*)")
# After the people: their organization told by "of"/"at", or an apposition naming another post.
_ORG_AFTER_FOUNDER = re.compile(
    r"\s*(?:,\s*|\()?\s*(?:(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:of|at|for)\s+⟨|⟨[Oo]\d+⟩'s\b)")

# "The round values X at $1.2 billion".
# "valuing the AI data startup at nearly $14 billion": the verb may stand a few words back
_VALUES_AT = re.compile(
    r"\bvalu(?:es|ed|ing)\s+(?:\S+\s+){1,4}?at\s+(?:about\s+|around\s+|roughly\s+|nearly\s+)?$", re.I)


class MoneyWindow(NamedTuple):
    """A sum and the text around it that tells what the sum is."""

    span: normalize.Span
    before: str  # the 30 characters before it, lower-cased
    after: str  # the 15 characters after it, lower-cased
    lead: str  # the 60 characters before it, as written (for _VALUES_AT)

    def valuation(self, cues: Iterable[str]) -> bool:
        """Whether one of ``cues`` next to the sum, or "valuing X at" before it, makes it a valuation."""
        return any(c in self.before or c in self.after for c in cues) or \
            _VALUES_AT.search(self.lead) is not None


def money_windows(text: str) -> Iterator[MoneyWindow]:
    """Each sum of ``text`` with its :class:`MoneyWindow`. What stands before a sum stops at
    the sum before it: in "valued at $4.5 billion in a $235-million round" the cue is the first sum's."""
    prev_end = 0
    for span in normalize.find_money(text):
        yield MoneyWindow(span, text[max(0, span.start - 30, prev_end):span.start].lower(),
                          text[span.end:span.end + 15].lower(),
                          text[max(0, span.start - 60, prev_end):span.start])
        prev_end = span.end


# "Lila Tretikov at NEA": a person and the organization they are at, in a list of such
_PERSON_AT = r"⟨P(\d+)⟩\s+(?:at|of)\s+⟨O(\d+)⟩(?!['’]s)"
_PERSON_AT_ORG = re.compile(_PERSON_AT)
_PEOPLE_AT_ORGS = re.compile(rf"{_PERSON_AT}(?:(?:,\s*(?:and\s+)?|\s+and\s+){_PERSON_AT})+")


class SentenceRules:
    """Sentence-wide rules; expects ``lex``, ``rules``, ``finder``, ``facts`` and ``_add``."""

    lex: Any
    rules: Any
    finder: Any
    facts: list[_Fact]
    _add: Any
    chain: Entity | None
    chain_age: int

    # -- rules that look at the whole sentence --------------------------------
    def _units(self, ctx: _Context) -> None:
        """PART_OF from names as written: "Microsoft AI", "Google DeepMind" name their parent.

        The mention itself must carry the parent's name; a registry parent or an
        alias without it ("AWS", "Azure") is world knowledge, not text.
        """
        if not rule_enabled("en.part_of.unit_named_after_parent"):
            return
        for unit in ctx.mentions:
            if unit.entity.type != ORGANIZATION or unit.entity.media or unit.source == "anaphora":
                continue
            words = unit.text.split()
            for i in range(1, len(words)):
                prefix = " ".join(words[:i])
                parent = self._org_named(prefix, ctx)
                rest = words[i:]
                if parent is not None and parent.key != unit.entity.key and \
                        unit.entity.name.endswith(" ".join(rest)) and \
                        words[-1] in self.lex.name_unit_words and \
                        (rest[-1] not in self.lex.own_name_unit_words or parent.id is not None):
                    self._add(ctx, "PART_OF", unit.entity, parent, None, 0.75,
                              rule="en.part_of.unit_named_after_parent")
                    break

    def _org_named(self, name: str, ctx: _Context) -> Entity | None:
        """The organization named ``name`` on its own in this sentence or earlier in the document."""
        for m in ctx.mentions:
            if m.entity.type == ORGANIZATION and m.source != "anaphora" and m.text == name:
                return m.entity
        known = self.finder.memory.names.get(name)
        if known is not None and known.type == ORGANIZATION and not known.media:
            return known
        return None

    def _parenthetical_titles(self, ctx: _Context, masked: str) -> None:
        """"Jane Roe (CEO, co-founder)" after an organization in the sentence: the title held there."""
        titles = self.rules.title_re
        for m in re.finditer(rf"⟨P(\d+)⟩\s*\(\s*({titles})(?:\s*,\s*({titles}))?\s*\)", masked):
            person = ctx.mentions[int(m.group(1))]
            orgs = [x for x in ctx.mentions[:int(m.group(1))]
                    if x.entity.type == ORGANIZATION and not x.entity.media]
            if not orgs:
                continue
            org = orgs[-1].entity
            found = [normalize_title(t, self.lex) for t in (m.group(2), m.group(3)) if t]
            others = [t for t in found if t not in ("founder", "co-founder")]
            if others and rule_enabled("en.works_at.parenthetical_title"):
                ctx.facts.append(_Fact("WORKS_AT", person.entity, org, {"title": others[0]},
                                       ctx.sentence, 0.75, "en.works_at.parenthetical_title"))

    def _people_at_orgs(self, ctx: _Context, masked: str) -> None:
        """"A at X, B at Y and C of Z": a list of people, each named with the organization
        they are at (a short list, a panel, a roster); two such items at least, as a single
        "A at X" is as often where A was ("spoke to A at X's event")."""
        rule = "en.works_at.people_at_orgs_list"
        if not rule_enabled(rule):
            return
        for m in _PEOPLE_AT_ORGS.finditer(masked):
            for item in _PERSON_AT_ORG.finditer(m.group(0)):
                person, org = ctx.mentions[int(item.group(1))], ctx.mentions[int(item.group(2))]
                if org.entity.media:
                    continue
                ctx.facts.append(_Fact("WORKS_AT", person.entity, org.entity, {}, ctx.sentence, 0.7, rule))

    def _bare_title_hires(self, ctx: _Context, masked: str) -> None:
        """"invested in X and hired founder Y": Y founded X, the last organization before."""
        verbs = self.lex.raw["verbs"]["hire"]
        pat = rf"\b(?:{verbs})\s+(?:its\s+|the\s+)?({self.rules.title_re})\s+⟨P(\d+)⟩"
        for m in re.finditer(pat, masked):
            person = ctx.mentions[int(m.group(2))].entity
            hirers = {f.subject.key for f in ctx.facts
                      if f.relation == "HIRED" and f.object.key == person.key}
            before = [x.entity for i, x in enumerate(ctx.mentions)
                      if x.entity.type == ORGANIZATION and not x.entity.media
                      and f"⟨{x.code}{i}⟩" in masked[:m.start()]]
            if not hirers or not before or before[-1].key in hirers:
                continue
            org, title = before[-1], normalize_title(m.group(1), self.lex)
            rule = "en.founded.bare_title_hire"
            if title not in ("founder", "co-founder") or not rule_enabled(rule):
                continue
            ctx.facts.append(_Fact("FOUNDED", person, org, {}, ctx.sentence, 0.7, rule))
            ctx.facts.append(_Fact("_FROM", person, org, {"title": title}, ctx.sentence, 0.7, rule))

    def _bare_founders(self, ctx: _Context, masked: str) -> None:
        """"including co-founders A and B", "alongside remaining co-founder C": a founder title
        with no organization of its own before it (``X co-founder A`` and ``co-founder of X`` are
        other rules') is held at the organization named last before the title that has not
        hired the person (a hire story names the founders of the company hired from), else at
        the organization the clause, or the sentence before, is about (``org_at``)."""
        rule = "en.founded.bare_founder_title"
        if not rule_enabled(rule):
            return
        for m in _BARE_FOUNDERS.finditer(masked):
            people = [ctx.mentions[int(i)].entity for i in re.findall(r"⟨P(\d+)⟩", m.group("people"))]
            if _ORG_AFTER_FOUNDER.match(masked, m.end()):
                continue  # "founder A of X", "co-founder A, X's CEO": read by the rules of those
            hirers = {f.subject.key for f in ctx.facts if f.relation == "HIRED"
                      and f.object.key in {p.key for p in people}}
            before = [x.entity for i, x in enumerate(ctx.mentions)
                      if x.entity.type == ORGANIZATION and not x.entity.media
                      and f"⟨{x.code}{i}⟩" in masked[:m.start("title")] and x.entity.key not in hirers]
            chain = self.chain if self.chain_age <= 1 else None
            org = before[-1] if before else (
                None if hirers else org_at(masked, ctx.mentions, m.start(), chain))
            if org is None or org.media:
                continue
            founded = {f.subject.key for f in ctx.facts if f.relation == "FOUNDED"}
            for person in people:
                if person.key not in founded:
                    ctx.facts.append(_Fact("FOUNDED", person, org, {}, ctx.sentence, 0.7, rule))

    def _deal_references(self, ctx: _Context) -> None:
        """"The deal is worth $665 million": the amount of the last deal without one."""
        low = ctx.text.lower()
        if ctx.facts or not any(ref in low for ref in self.lex.raw["deal_reference"]):
            return
        money = [s for s in normalize.find_money(ctx.text)
                 if not any(c in ctx.text[max(0, s.start - 30):s.start].lower()
                            for c in self.lex.raw["valuation_cues"] + self.lex.raw["non_deal_money_cues"]
                            if c not in ("worth about", "worth around"))]
        if len(money) != 1:
            return
        for fact in reversed(self.facts[-12:]):
            if fact.relation in ("ACQUIRED", "INVESTED_IN"):
                if "amount" not in fact.qualifiers:
                    fact.qualifiers.update(money_qualifiers(money[0].value))
                return

    def _valuations(self, ctx: _Context) -> None:
        """"Scale, now valued at $29 billion": kept aside for that company's investments."""
        for window in money_windows(ctx.text):
            if not window.valuation(("valued at", "valuation")):
                continue
            span = window.span
            orgs = [m for m in ctx.mentions if m.end <= span.start
                    and m.entity.type == ORGANIZATION and not m.entity.media]
            if orgs:
                org = orgs[-1].entity if len(orgs) == 1 else orgs[0].entity
                q = {"valuation": float(span.value.amount), "currency": span.value.currency}
                dates = ctx.dates
                if len(dates) == 1:
                    # "A 2023 funding round valued X at ...": when the valued round happened,
                    # for investors a later sentence puts in "that funding"
                    q["date"] = str(dates[0].value)
                ctx.facts.append(_Fact("_VALUED", org, org, q, ctx.sentence))

