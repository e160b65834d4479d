"""Relation patterns over masked sentences.

Each mention in a sentence is replaced by a token ``⟨Xn⟩`` (n its index; X
``O``/``P`` for named organizations/people, ``o``/``p`` for anaphora, ``M`` for
media outlets), and the patterns of the rule file (``data/rules.json``, the
rules without ``code``; see kg.extract.rulebook) are regular expressions over
that masked text. Macros in the patterns:

``{S}`` ``{O}``  subject / object: one entity or a coordinated list of the
                 relation's argument type ("A, B and C");
``{S1}`` ``{O1}``  subject / object: exactly one entity, where a hyphen, a title or
                 an apposition binds only the name next to it ("A and B-backed X");
``{S2}``         more subjects ("co-founded X with B and C");
``{F}`` ``{T}``  a from-organization and a title ("Scale CEO Alexandr Wang"); the title a
                 match keeps reaches on to its scope ("head of business finance", see
                 kg.extract.en.text.extend_title);
``{TT}``         one title or a person's titles joined ("president and CEO");
``{E}``          any entity; ``{g}``/``{gl}`` gaps without named entities
                 (short/long); ``{G}`` a gap that may cross entities;
``{d}``          a short descriptor before an entity ("AI startup");
``{dn}``         a description that ends in an organization noun of the lexicon
                 ("AI computing startup"; see descriptor_head);
``{app}``        an apposition or relative clause after a subject;
``{aux}``        auxiliaries and adverbs ("has also recently");
``{noapp}``      not inside an apposition: "A, an OpenAI co-founder, B" titles A, not B;
``{V:name}``     a verb list of the lexicon; ``{LAYOFF}`` the layoff nouns;
``{N}``          a noun of relation ("customer", "rival": the lexicon's relation_noun_classes)
                 in a noun frame (option ``noun_frame``): its class, not the rule, gives the
                 relation and which of {S} and {O} is its subject;
``{nadj}``       up to three words before such a noun, none of the uncommitted modifiers
                 ("potential", "former"); a description masked whole whose last word is
                 such a noun is read by a frame as ``⟨o(?P<noun_at>n)⟩``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kg.errors import KgError
from kg.extract.en.lexicon import Lexicon
from kg.extract.en.mentions import Mention
from kg.extract.en.pattern_cache import PatternError, compile_patterns
from kg.extract.en.prefilter import fold, passes
from kg.extract.en.text import TITLE_JOIN, extend_title, title_pattern
from kg.extract.rulebook import Rule, load_rules, rule_enabled, rules_path
from kg.graph.model import ORGANIZATION, PERSON, RELATIONS

# A person in a list may carry a prefix ("former OpenAI VP Liam Fedus") and a
# parenthesis ("Brendan Foody (CEO, co-founder)").
# A later item may carry a title of its own ("Groq CEO A, President B and CTO C"): TITLE
# stands for the lexicon's titles (see Rules._slot and RuleMatch.item_titles).
_ITEM_PERSON = (r"(?:(?:[Ff]ormer|ex-)\s*)?(?:⟨[Oo]\d+⟩(?:'s)?\s+(?:[\w-]+\s+){{0,4}}?|(?:TITLE)\s+)?"
                r"⟨{c}\d+⟩(?:\s*\([^()⟨⟩]{{0,40}}\))?")
# An organization in a list may be named with its owner, a company or a person, and the unit
# noun it is: "Salesforce, Alphabet's Google and Nvidia", "Lei Jun's Shunwei Capital",
# "Google's venture arm GV" (the owner is not an argument: `ments` in Rules.match leaves it out).
# the unit noun between an owner's "'s" and the unit's name, with up to two words before it
# ("venture arm"); braces-free, as it goes into both a str.format template and f-strings
_OWNED_UNIT = r"(?:(?:[\w-]+\s+)??(?:[\w-]+\s+)??(?:unit|arm|division|subsidiary|fund)\s+)?"
_ITEM_ORG = rf"(?:⟨[OoPp]\d+⟩'s\s+{_OWNED_UNIT})?⟨{{c}}\d+⟩(?:\s*\([^()⟨⟩]{{{{0,40}}}}\))?"
# what may stand between a list separator and the next member: "and other investors such as
# X", "and Paris-based X", "and the X", "and China's X", "and especially X"
_SEP_TAIL = (r"(?:[^⟨⟩,.;]{0,30}?\s(?:like|such as|including)\s+|(?:[A-Z][\w.]*\s)?[\w.-]+-based\s+|the\s+"
             r"|[A-Z][a-z]+'s\s+|(?:especially|notably|particularly|most notably|above all)\s+)?")
_SEP = (r"(?:,\s*(?:and\s+|or\s+|as well as\s+|followed by\s+|plus\s+|including\s+)?"
        r"|\s+(?:and|&|or)\s+|,?\s+as well as\s+|,?\s+(?:followed by|along with|plus|including)\s+)"
        + _SEP_TAIL)

# The same separators by kind: a list goes on after a bare comma ("A, B") or an added member
# ("as well as C", "along with D"), and closes with its conjunction: after "A, B, and C" a
# further ", W" is no member ("a former engineer at A, B, and C, W builds ...": W is the
# clause's subject).
_SEP_ON = (r"(?:,\s*(?:as well as\s+|followed by\s+|plus\s+|including\s+)?(?!(?:and|or)\s)"
           r"|,?\s+as well as\s+|,?\s+(?:followed by|along with|plus|including)\s+)" + _SEP_TAIL)
_SEP_CLOSE = r"(?:,\s*(?:and|or)\s+|\s+(?:and|&|or)\s+)" + _SEP_TAIL
_SEP_ADDED = (r"(?:,?\s+(?:as well as|followed by|along with|plus|including)\s+)") + _SEP_TAIL

# People named in a list may be followed by others left unnamed: "A, B and several other
# senior team members will join X" (the tail is part of the list, and names no one).
_UNNAMED_TAIL = (r"(?:,?\s+(?:and|along with|as well as|plus)\s+"
                 r"(?:several|some|many|other|two|three|four|five|a few|a handful of|dozens of|about \d+|\d+)"
                 r"\s+(?:[\w-]+\s+){0,3}?"
                 r"(?:members|executives|employees|staff|researchers|engineers|people|colleagues|leaders|partners|co-?founders|others))?")

# In a slot taking organizations and people, a person named with an employer and a title
# ("Uber CEO Dara Khosrowshahi"): the person alone is the argument.
_ITEM_PERSON_AT = r"⟨[Oo]\d+⟩(?:'s)?\s+(?:TITLE)\s+⟨[Pp]\d+⟩"

# ", respectively" right after a match pairs its lists in order ("A and B joined C and D,
# respectively": A joined C, B joined D), where the lists otherwise give every pair
_RESPECTIVELY = re.compile(r"[^.;⟨⟩]{0,40}?\brespectively\b")

_NOT_POSSESSOR = r"(?!['’]s\s)"  # a later list item is no possessor ("Y, Z's rival")


# Words that are no part of a description before a name ("AI chip startup X" is a noun
# phrase): they open a clause or a prepositional phrase ("A, which bought startup B").
_CLAUSE_WORDS = ("which|who|whom|whose|that|where|when|while|and|or|but|also|has|have|had|is|was|are|were|"
                 "will|would|be|been|to|said|says|its|their|his|her|from|with|by|for|in|on|at|of|as|than|"
                 "after|before|then|not|only")


def descriptor_head(lex: Lexicon) -> str:
    """A description's words up to its noun, one of the lexicon's organization descriptions
    (org_apposition_nouns, descriptor_nouns, list_descriptor_nouns): "memory chipmaker",
    "venture capital firm". Its words are none of the lexicon's verbs nor _CLAUSE_WORDS, so
    a clause or a phrase ("A, which bought startup B") is never read as one."""
    described = {*lex.org_apposition_nouns, *lex.descriptor_nouns, *lex.list_descriptor_nouns}
    nouns = "|".join(re.escape(w) for w in sorted(described, key=lambda w: (-len(w), w)))
    verbs = {w for alt in lex.raw["verbs"].values() for w in alt.split("|") if re.fullmatch(r"[a-z]+", w)}
    stop = "|".join(sorted({*_CLAUSE_WORDS.split("|"), *verbs}, key=lambda w: (-len(w), w)))
    return rf"(?:(?!(?:{stop})\b)[\w.-]+\s+){{0,3}}?(?:{nouns})s?"


MACROS = {
    "E": r"⟨\w\d+⟩",
    "g": r"(?:[^⟨⟩;]|⟨[op]\d+⟩){0,100}?",
    "gl": r"(?:[^⟨⟩;]|⟨[op]\d+⟩){0,150}?",
    "G": r"(?:[^;⟨⟩]|⟨\w\d+⟩){0,200}?",
    "d": r"\s*(?:[^⟨⟩,;.]{0,60}?\s)?",
    "app": (r"(?:,\s[^;]{0,200}?(?:,\s*(?:who\s+|which\s+)?|\s(?:that|which|who)\s+)"
            r"|\s+(?:who|which|that)\s+|,\s+(?:who|which)\s+|\s+\([^()]{0,80}\)|,(?=\s+[a-z])"
            r"|\s*[—–]\s*(?:[^—–;⟨⟩]|⟨[op]\d+⟩){0,80}?\s*[—–]\s*)?"),
    "aux": (r"\s*(?:(?:has|have|had|is|are|was|were|will|would|also|recently|officially|quietly|just|now|"
            r"already|then|since|finally|formally|'s|'re|be|been|being|publicly|reportedly|agreed to|"
            # a commitment made is a deal announced (GUIDE.md), as "agreed to" is; not a plan
            r"committed to|commits to|pledged to|pledges to|"
            r"announced (?:that|it)?|said (?:it|that)?|went on to|has since|both|all|itself|"
            r"later|eventually|previously|once|initially|each|"
            # "didn't just hire": read, then judged by the negation test (_asserted)
            r"did|didn't|does|doesn't|not|only|merely|simply)\s+)*"),
    "noapp": r"(?<!⟩, a )(?<!⟩, an )(?<!⟩, the )",
}


# the first half of a compound title, right before the title a pattern captured
_COMPOUND_TITLE_LEAD = re.compile(
    r"(?i)\b((?:co-?founder|founder|chair(?:man|woman|person)?|president)\s+(?:and|&)\s+)\Z")


@dataclass
class RuleMatch:
    """One pattern hit: argument mentions, a title, and where it lies."""

    relation: str
    subjects: list[Mention]
    objects: list[Mention]
    start: int  # in the original sentence
    end: int
    trigger_end: int
    title: str | None = None
    from_org: Mention | None = None
    service: str | None = None
    count_text: str | None = None
    spec: dict | None = None
    # the title a list item carries before its name ("..., CTO B"), by the person's entity key
    item_titles: dict[str, str] = field(default_factory=dict)
    # the n-th subject goes with the n-th object only: "A and B invested in C and D,
    # respectively"; "A and B cut jobs" (each lays off its own staff)
    paired: bool = False


class Rules:
    """The rule file's patterns compiled for the masked-sentence matcher."""

    def __init__(self, lex: Lexicon, rules: tuple[Rule, ...] | None = None) -> None:
        self.lex = lex
        self.title_re = title_pattern(lex)
        # a noun of relation, singular or plural -> (relation, whether the noun names the
        # relation's object), for noun frames
        self._noun_classes: dict[str, tuple[str, bool]] = {
            form: (cls["relation"], cls["names"] == "object")
            for cls in lex.raw["relation_noun_classes"].values() for noun in cls["nouns"]
            for form in (noun, _plural(noun))}
        self._frame_nouns = "|".join(sorted(self._noun_classes, key=lambda w: (-len(w), w)))
        # words after a deal in its sentence that undo it (the lexicon's deal_undone): "but the
        # companies abandoned that plan"
        self.deal_undone = re.compile(
            rf"\b(?:{lex.alternation('deal_undone_verbs')})\s+(?:(?:the|that|this|its|their)\s+)?"
            rf"(?:[\w$.-]+\s+){{0,2}}?(?:{lex.alternation('deal_undone_nouns')})\b")
        # a title right before a later person of a list, not after an organization ("Groq
        # CEO A, President B"); the first person's title is the rule's ("Board member V
        # was named interim CEO": V's new post is the rule's title, not the one before V)
        self._item_title_re = re.compile(
            rf"(?:[,;]\s*|\s(?:and|&)\s+)(?P<title>{self.title_re})\s+⟨[Pp](?P<i>\d+)⟩")
        self._slot_mention_re = re.compile(
            rf"⟨\w(\d+)⟩(?!'s\s+{_OWNED_UNIT}⟨)"
            rf"(?!(?:'s)?\s+(?:{self.title_re})\s+⟨[Pp]\d+⟩)")
        # "in OpenAI's rival Anthropic", "a stake in Arm's parent company": an organization
        # followed by "'s" and an organization noun ("rival", "unit", "parent company") says
        # whose that organization is; it is not the argument, a name set beside the noun is
        nouns = "|".join(re.escape(w) for w in sorted(lex.org_apposition_nouns, key=lambda w: (-len(w), w)))
        self._possessed_re = re.compile(
            rf"['’]s\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})s?\b(?:,?\s+⟨O(?P<named>\d+)⟩)?")
        specs: list[dict] = []
        for rule in load_rules("en") if rules is None else rules:
            if rule.code is None and isinstance(rule.pattern, str):
                # the matcher reads a rule as the spec dict it always has: relation, regex, switches
                specs.append({"rel": rule.relation, "re": rule.pattern, **rule.options, "rule": rule.name})
        try:
            # compiled once per rule file, lexicon and Python, then read from the cache
            found = compile_patterns([self._expand(spec) for spec in specs], re.UNICODE)
        except PatternError as e:
            raise KgError(f"{rules_path('en')}: rule {specs[e.index]['rule']!r}: field pattern: "
                          f"{e.error}") from None
        self.compiled: list[tuple[re.Pattern[str], dict]] = [
            (pattern, spec) for (pattern, _), spec in zip(found, specs, strict=True)]
        # per compiled pattern, the strings a match needs (kg.extract.en.prefilter)
        self.gates: list[tuple[tuple[str, ...], ...]] = [gate for _, gate in found]

    def _slot(self, name: str, types: tuple[str, ...], *, single: bool = False) -> str:
        codes = "".join(("Oo" if t == ORGANIZATION else "Pp") for t in types)
        if single:
            return rf"(?P<{name}>⟨[{codes}]\d+⟩)"
        item = (_ITEM_PERSON if PERSON in types and ORGANIZATION not in types else _ITEM_ORG)
        item = item.format(c=f"[{codes}]").replace("TITLE", self.title_re)
        if PERSON in types and ORGANIZATION in types:
            # "investors like Microsoft co-founder Bill Gates": the person is the item, the
            # organization before the title only says where the person works (see `ments`).
            item = rf"(?:{_ITEM_PERSON_AT.replace('TITLE', self.title_re)}|{item})"
        # "Initech AI, Hooli's rival": a name in the possessive after a comma opens an
        # apposition about the item before it, so it is no further item of the list.
        tail = _UNNAMED_TAIL if PERSON in types and ORGANIZATION not in types else ""
        more = rf"{item}{_NOT_POSSESSOR}"
        return rf"(?P<{name}>{item}(?:{_SEP_ON}{more})*(?:{_SEP_CLOSE}{more}(?:{_SEP_ADDED}{more})*)?{tail})"

    def _expand(self, spec: dict) -> str:
        rel = RELATIONS[spec["rel"]]
        pattern: str = spec["re"]
        verbs = self.lex.raw["verbs"]
        pattern = re.sub(r"\{V:(\w+)\}", lambda m: verbs[m.group(1)], pattern)
        # a noun frame's noun of relation, singular or plural, captured: its class gives the
        # relation (``_noun_classes``, read in ``match``)
        pattern = pattern.replace("{N}", rf"(?P<noun>{self._frame_nouns})\b")
        # Possessive pronouns are masked as anaphora tokens: "as its primary
        # provider", "announced her move to" must still read.
        pattern = re.sub(r"(?<=[(|:])(its|their)(?=[|)])", r"\1|⟨o\\d+⟩", pattern)
        pattern = re.sub(r"(?<=[(|:])(his|her)(?=[|)])", r"\1|⟨p\\d+⟩", pattern)
        layoff = "|".join(sorted(map(re.escape, self.lex.raw["layoff_nouns"]), key=len, reverse=True))
        uncommitted = self.lex.alternation("uncommitted_noun_modifiers")
        repl = {
            "S": self._slot("S", rel.subject_types),
            "S1": self._slot("S", rel.subject_types, single=True),
            "O1": self._slot("O", rel.object_types, single=True),
            "S2": self._slot("S2", rel.subject_types),
            "O": self._slot("O", rel.object_types),
            "F": r"(?P<F>⟨[Oo]\d+⟩)",
            # "president and CEO", "co-founder, CEO": a person's titles joined, read as one.
            "T": rf"(?P<T>{self.title_re})",
            "TT": rf"(?P<T>{self.title_re}(?:{TITLE_JOIN}{self.title_re}){{0,2}})",
            "LAYOFF": layoff,
            # up to three words before a noun of relation, none that makes the relation
            # unsure or past: "top Azure cloud customers" (a unit or product named among
            # them), not "potential customers"
            "nadj": rf"(?:(?:(?!(?:{uncommitted})\b)[\w-]+|⟨[Oo]\d+⟩)\s+){{0,3}}?",
            # a description ending in an organization noun: "AI computing startup X"
            "dn": rf"(?:(?:the|a|an)\s+)?{descriptor_head(self.lex)}\s+",
            **MACROS,
        }
        return re.sub(r"\{(\w+)\}", lambda m: repl.get(m.group(1), m.group(0)), pattern)

    def match(self, masked: str, offsets: list[int], mentions: list[Mention]) -> list[RuleMatch]:
        """Every pattern hit in one masked sentence."""
        out: list[RuleMatch] = []

        def ments(text: str | None) -> list[Mention]:
            # "Alphabet's Google" inside a slot: the owner names no argument of its own, nor
            # does the employer of a titled person ("Uber CEO Dara Khosrowshahi").
            return [mentions[int(m.group(1))] for m in self._slot_mention_re.finditer(text or "")
                    if not mentions[int(m.group(1))].entity.media]

        folded = fold(masked)
        for (pat, spec), gate in zip(self.compiled, self.gates, strict=True):
            if not passes(gate, folded) or not rule_enabled(spec["rule"]):
                continue  # a pattern that cannot match here is not searched
            for m in self._hits(pat, spec, masked, mentions):
                groups = m.groupdict()
                subjects = ((_own_list(groups.get("S"), ments) if spec.get("prefix_binds")
                             else ments(groups.get("S"))) + ments(groups.get("S2")))
                after_o = masked[m.end("O"):] if groups.get("O") else ""
                objects = [x for x in ments(groups.get("O")) if not _determiner(x, after_o)]
                relation, names_object = spec["rel"], False
                if spec.get("noun_frame"):
                    # the noun, or the last word of a description read as a mention ("is the
                    # main cloud provider for X": the coreference stage masks "the main ...")
                    described = groups.get("noun_at")
                    noun = groups.get("noun") or (
                        self._ending_noun(mentions[int(described)].text) if described else "")
                    frame = self._noun_classes.get(noun.lower())
                    if frame is None:
                        continue
                    relation, names_object = frame
                # (only where the pattern ends at its object: "X's rival Y" patterns read it; and
                # only between organizations: "working at the Zapster maker's lab" is at its maker)
                possessed = (self._possessed_re.match(after_o) if objects and m.end() == m.end("O")
                             and relation in _DEAL_RELATIONS else None)
                if possessed and objects[-1].entity.type == ORGANIZATION:
                    named = possessed.group("named")
                    objects = objects[:-1] + ([mentions[int(named)]] if named is not None else [])
                if names_object:
                    # a noun frame's {S} is the organization the noun names, {O} the one it is
                    # named after: "S, a customer of O" makes O the vendor, "S, a supplier of O" S
                    subjects, objects = objects, subjects
                rel = RELATIONS[relation]
                # Only the argument types the relation takes (a person list may
                # carry "former OpenAI VP" prefixes whose org is not an argument).
                subjects = [x for x in subjects if x.entity.type in rel.subject_types]
                objects = [x for x in objects if x.entity.type in rel.object_types]
                if groups.get("S") and PERSON in rel.subject_types and ORGANIZATION not in rel.subject_types:
                    subjects = [x for x in subjects if x.entity.type == PERSON]
                if relation == "FOUNDED":
                    # "quit X to start it": "it" is not the organization just named.
                    inside = {x.entity.key for x in ments(masked[m.start():m.end()]) if not x.pronoun}
                    objects = [x for x in objects if not (x.pronoun and x.entity.key in inside)]
                if not spec.get("pronoun_prev"):  # (those rules resolve the pronoun again)
                    # "it services clients including A, B and C" with "it" read as B: that
                    # antecedent is wrong (no one is their own client), the pronoun goes
                    named_objects = {o.entity.key for o in objects if not o.pronoun}
                    subjects = [s for s in subjects if not (s.pronoun and s.entity.key in named_objects)]
                if not subjects and not spec.get("subject_topic"):
                    continue
                if relation == "LAID_OFF" and any(
                        x.pronoun and x.text.lower() in ("its", "their") for x in objects):
                    continue  # "from its AI division": a unit without a name
                self_pairs = False
                if not objects and relation == "LAID_OFF":
                    # No unit named: the organization itself, unless a unit is
                    # referred to without a name ("from its AI division").
                    if re.match(r"\s*(?:from|at|in|across)\s+(?:its|their|the|⟨o\d+⟩)\s+(?:[\w-]+\s+){0,3}?"
                                r"(?:unit|division|lab|team|group|department|arm)\b", masked[m.end():]):
                        continue
                    objects = list(subjects)
                    self_pairs = True  # "A and B cut jobs": each lays off its own staff
                if not objects and not spec.get("object_topic") and not spec.get("from_topic") \
                        and not spec.get("object_decision") and not spec.get("object_round"):
                    continue
                span_start, span_end = m.span()
                # Only a subject that opens the match can be the object of a
                # preposition before it; inside a pattern, the pattern decides.
                trig = max((m.end(k) for k in ("S", "O") if groups.get(k)), default=span_end)
                # the title with its scope ("head of business finance"), which patterns leave out
                title = extend_title(masked, m.start("T"), m.end("T"), self.lex) if groups.get("T") else None
                if title:
                    # "co-founder and CEO", "chair and CEO": a compound title is kept whole
                    lead = _COMPOUND_TITLE_LEAD.search(masked, max(0, m.start("T") - 40), m.start("T"))
                    title = lead.group(1) + title if lead else title
                item_titles = {}
                for slot in ("S", "O"):  # join patterns read the person as the object
                    for t in self._item_title_re.finditer(groups.get(slot) or ""):
                        item_titles[mentions[int(t.group("i"))].entity.key] = t.group("title")
                out.append(RuleMatch(
                    item_titles=item_titles,
                    paired=self_pairs or (len(subjects) == len(objects) > 1 and
                                                bool(_RESPECTIVELY.match(masked, m.end()))),
                    relation=relation, subjects=subjects, objects=objects,
                    start=offsets[span_start], end=offsets[span_end],
                    trigger_end=offsets[min(trig, len(offsets) - 1)],
                    title=title,
                    from_org=(ments(groups.get("F")) or ments(groups.get("F2")) or [None])[0],
                    service=groups.get("svc"), count_text=groups.get("cnt"), spec=spec))
        return out

    def _ending_noun(self, text: str) -> str:
        """The noun of relation a description ends in ("the main cloud provider"), or ''."""
        words = text.lower().split()
        for n in (2, 1):
            if " ".join(words[-n:]) in self._noun_classes:
                return " ".join(words[-n:])
        return ""

    def _hits(self, pat: re.Pattern[str], spec: dict, masked: str,
              mentions: list[Mention]) -> Iterator[re.Match[str]]:
        """Non-overlapping hits of one pattern.

        Only a subject that opens the match can be the object of a preposition
        before it ("staff at X and Y, the company ..."); such a hit is dropped and
        the search goes on from the next position, so a later subject still reads.
        """
        pos = 0
        while pos <= len(masked):
            m = pat.search(masked, pos)
            if m is None:
                return
            if m.group("S") if "S" in pat.groupindex else None:
                first = re.match(r"⟨\w(\d+)⟩", masked[m.start("S"):])
                # "to its acquisition of Y": a possessive pronoun is no object.
                possessive = bool(first) and mentions[int(first.group(1))].text.lower() in ("its", "their")
                # "according to ⟨P1⟩, CEO of ⟨O2⟩": what follows a person's name after a comma
                # describes the person in any role (after an organization's it may be a clause
                # of the sentence's subject: "in ⟨O1⟩, taking a stake in the company")
                apposition = (masked.startswith(",", m.end("S"))
                              and masked.startswith(("⟨P", "⟨p"), m.start("S")))
                if m.start("S") == m.start() and not spec.get("prep_ok") and not possessive and \
                        not apposition and self._object_of_preposition(masked, m.start("S")):
                    pos = m.start() + 1
                    continue
            if spec.get("o_first") and m.group("O") and m.start("O") == m.start() and \
                    self._object_of_preposition(masked, m.start("O")):
                pos = m.start() + 1  # the client named first must be a subject too
                continue
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1
            if spec.get("prefix_binds") and m.group("S"):
                # "investors like A co-founder B, C CEO D and E founder F": the list item that
                # names its own employer is left out of this hit (_own_list), and is read
                # again from where it starts, as a hit of its own
                own = _own_item(m.group("S"))
                if own is not None:
                    pos = m.start("S") + own

    def _object_of_preposition(self, masked: str, pos: int) -> bool:
        """True when the subject slot follows a preposition ("a firm working with Google")."""
        before = masked[:pos].rstrip()
        word = re.search(r"([A-Za-z]+)$", before)
        if bool(word) and word.group(1).lower() in self.lex.preposition_before_subject:
            return True
        # "in AI startup X": a preposition, a short descriptor, a descriptor noun.
        nouns = "|".join(map(re.escape, self.lex.org_apposition_nouns))
        return bool(re.search(rf"\b(?:in|into|with|from|of|at|to|for|by)\s+(?:[\w-]+\s+){{0,2}}(?:{nouns})$",
                              before))


# relations between organizations, where "X's unit" or "X's rival" is not X
_DEAL_RELATIONS = frozenset({"INVESTED_IN", "ACQUIRED", "COMPETES_WITH", "PARTNERED_WITH", "VENDOR_TO",
                             "ENDED_PARTNERSHIP"})


def _plural(noun: str) -> str:
    """ "customers", "subsidiaries", "parent companies" """
    return noun[:-1] + "ies" if re.search(r"[^aeiou]y$", noun) else noun + "s"


def _determiner(mention: Mention, after: str) -> bool:
    """True for a person's possessive standing before a noun ("hired his team")."""
    if mention.entity.type != PERSON or not mention.pronoun:
        return False
    word = mention.text.lower()
    if word in ("his", "their"):
        return True
    if word == "her":
        word_after = re.match(r"\s*([\w\"-]*)", after)
        nxt = word_after.group(1) if word_after else ""
        return bool(nxt) and not nxt[0].isupper() and nxt not in _NOT_NOUN
    return False


_NOT_NOUN = frozenset({"as", "to", "from", "in", "on", "at", "for", "last", "this", "and", "after"})


# a list item introduced by an organization of its own: "DeepMind leader B", "former OpenAI VP A"
_OWN_EMPLOYER = re.compile(r"(?:(?:[Ff]ormer|ex-)\s*)?⟨O\d+⟩(?:'s)?\s+(?:[\w-]+\s+){0,4}?⟨P\d+⟩")


def _own_list(text: str | None, ments: Callable[[str | None], list[Mention]]) -> list[Mention]:
    """The people of a subject list, without later items that name their own employer.

    In "former OpenAI VP A and DeepMind leader B" the pattern's prefix belongs
    to A only; B, introduced by an organization of his own, is not a subject.
    """
    if not text:
        return []
    items = re.split(_SEP, text)
    out = ments(items[0])
    for item in items[1:]:
        found = ments(item)
        if _OWN_EMPLOYER.match(item.strip()):
            continue
        out += found
    return out


def _own_item(text: str) -> int | None:
    """Where the first later item of a subject list that names its own employer starts
    (the items _own_list leaves out), or None."""
    for sep in re.finditer(_SEP, text):
        if _OWN_EMPLOYER.match(text, sep.end()):
            return sep.end()
    return None


# an apostrophe alone after a name, then a word: the possessive of a plural-looking name
_BARE_POSSESSIVE = re.compile(r"['’](?=\s+\w)")


def mask(sentence: str, mentions: list[Mention]) -> tuple[str, list[int]]:
    """The sentence with mentions replaced by tokens, and a map to original offsets."""
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for i, m in enumerate(mentions):
        chunk = sentence[pos:m.start]
        parts.append(chunk)
        offsets.extend(range(pos, m.start))
        token = f"⟨{m.code}{i}⟩"
        parts.append(token)
        offsets.extend([m.start] * (len(token) - 1) + [m.end - 1])
        pos = m.end
        if _BARE_POSSESSIVE.match(sentence, pos) and m.text[-1:] in ("s", "S"):
            # "Helio Systems' co-founders": the possessive of a name ending in s reads as
            # "⟨O1⟩'s", the one form the patterns spell ("'s" both map to the apostrophe)
            parts.append("'s")
            offsets.extend([pos, pos])
            pos += 1
    parts.append(sentence[pos:])
    offsets.extend(range(pos, len(sentence) + 1))
    return "".join(parts), offsets
