"""The simplified reading: a masked sentence without the descriptions inserted into it.

News writing inserts a description between an argument and its predicate:

    ⟨O0⟩ – an AI chip startup founded in 2020 – received $15 million from ⟨O1⟩
    ⟨O0⟩, a startup founded in 2020 by former ⟨O2⟩ engineers, raised ...
    ⟨O0⟩ (a unit of ⟨O1⟩) hired ⟨P2⟩
    ⟨P0⟩, who left ⟨O1⟩ last year, is to serve as ...
    ⟨O0⟩ on Thursday invested $2 billion in ⟨O1⟩ (a time phrase, whose date is still read)
    ⟨P0⟩, CEO of AI computing startup ⟨O1⟩, said (a description of kind before a name)

A rule written for "X received ... from Y" does not reach across the description.
:func:`simplified` removes such insertions from the masked sentence (see
kg.extract.en.rules.mask) and drops their characters from the offset map with them,
so a rule that matches the shorter text still reports spans and evidence in the
original sentence. Only what stands right after a mention and is closed again before
a predicate counts as inserted: a comma pair whose description opens like one ("a",
"the", "who", "which", "formerly", ...) and is followed by a verb, a dash pair, a
parenthesis, a time phrase ("on Thursday", "earlier this year", "in 2024", "two weeks
ago") before a verb. A list ("A, B and C"), a clause after a comma that is no insertion
("X, and Y joined") and a sentence's last words stay as they are. Before a name, a
description of what it is ("the Paris-based AI startup") goes, unless a possessor owns
it or it holds a noun of relation ("⟨O0⟩'s chip unit", "rival"), which says what is told.

The extractor reads the simplified sentence as well as the original one (the
``simplify`` stage of kg.extract.document); the description itself is read only
by the original reading, as before.
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract.en.lexicon import load_lexicon

# What a description opens with: an article, a possessive ("South Korea's largest carrier",
# "⟨O1⟩'s rival"), a relative pronoun, a participle of origin or place, a former name.
_OPENS = (r"(?:a|an|the|one\s+of|(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*'s|⟨[OoM]\d+⟩'s|who|which|whose|"
          r"formerly|now|once|founded|based|headquartered|backed|owned|led|known|also\s+known|itself|"
          r"then|previously|until\s+recently)\b")
# a description may name others ("a unit of ⟨O1⟩"); it holds no clause break of its own
_BODY = r"(?:[^,;:()⟨⟩—–]|⟨[OoPpM]\d+⟩)"
# After the closing comma the predicate follows: an auxiliary or adverb, then a verb (lower
# case, not a conjunction or a preposition, which would make the comma part of a list or
# of a clause after the description).
_NOT_PREDICATE = (r"(?:and|or|but|as|in|on|at|of|for|to|with|from|by|the|a|an|its|their|his|her|"
                  r"which|who|that|while|whose|where|according|including|such|people|sources)\b")
_PREDICATE = rf"(?=\s+(?!{_NOT_PREDICATE})[a-z])"

_COMMA_PAIR = re.compile(rf"(?<=⟩),\s+{_OPENS}{_BODY}{{2,160}}?,{_PREDICATE}")
# "X – an AI chip startup founded in 2020 – received": the dashes of an aside, around any text
_DASH_PAIR = re.compile(r"(?<=⟩)\s*[—–]\s+(?:[^—–;()⟨⟩]|⟨[OoPpM]\d+⟩){2,160}?\s+[—–](?=\s+[a-z])")
# "X (a unit of Z) hired", "X (XYZ), a startup, said": a parenthesis right after a mention,
# before a verb or before a description of its own
_PARENTHESIS = re.compile(r"(?<=⟩)\s*\((?:[^()⟨⟩]|⟨[OoPpM]\d+⟩){1,120}\)(?=\s+[a-z]|,)")

# "X on Thursday invested", "X last month hired", "X earlier this year partnered with": a time
# phrase between a mention and its predicate (the date is still read from the whole sentence)
_DAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|July|Aug(?:ust|\.)?"
          r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_PERIOD = rf"(?:week|month|year|quarter|spring|summer|fall|autumn|winter|weekend|{_DAY})"
_TIME = (rf"(?:on\s+(?:{_DAY}|{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)"
         rf"|(?:(?:earlier|later|early|late)\s+)?(?:last|this|next)\s+{_PERIOD}"
         rf"|earlier\s+in\s+the\s+{_PERIOD}"
         rf"|in\s+(?:(?:early|late|mid-?)\s*)?(?:{_MONTH}(?:\s+\d{{4}})?|\d{{4}})"
         rf"|in\s+the\s+(?:first|second|third|fourth|last)\s+quarter(?:\s+of\s+\d{{4}})?"
         r"|(?:\d+|two|three|four|five|six|several|a\s+few)\s+(?:days|weeks|months|years)\s+ago"
         r"|yesterday|today|earlier\s+today)")
_TIME_PHRASE = re.compile(rf"(?<=⟩)\s+{_TIME}(?:\s*,)?{_PREDICATE}")

# "CEO of AI computing startup ⟨O1⟩", "invested in the French startup ⟨O1⟩": a description
# of what an organization is, written before its name, read back from the noun of kind
# over up to five words that may describe it: a nationality or place, a field ("AI
# computing", "data-labeling"), a size ("$2 billion"). It ends at an article, a function
# word, a verb of the clause. A noun of relation in it ("rival AI company", "parent
# company") says what the sentence tells, and a possessor before it ("⟨O0⟩'s chip unit")
# names the owner: such a description stays. The word lists are the lexicon's
# (``kind_description_doc``).
_WORD_BEFORE = re.compile(r"(?:^|(?<=\s))(\S+)\s+$")
# a word, a sum, or a name made a modifier ("⟨P2⟩-backed venture capital firm")
_MODIFIER = re.compile(r"(?:[A-Za-z][\w.&/]*(?:-[\w.&/]+)*|\$[\d.,]+|⟨\w\d+⟩(?:-[a-z]+)+)")
_ENDS_DESCRIPTION = frozenset("""of and or in at on for to with from by as into than about via
    is was are were be been has have had will would said says that which who whose while
    also including include includes such like rather""".split())
_POSSESSOR_WORDS = frozenset("its their his her our my your whose".split())
_VERB_ENDING = re.compile(r"[a-z]+(?:ed|es|ing)$")


@cache
def _description_words() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    """The noun of kind before a mention (singular or plural), the nouns of relation, and
    the field words, from the lexicon."""
    lex = load_lexicon()
    relations = frozenset(lex.relation_nouns)
    kinds = set(lex.anaphora_org_nouns) | set(lex.list_descriptor_nouns) | set(lex.extra_kind_nouns)
    kinds -= relations
    forms = sorted((rf"{re.escape(k[:-1])}(?:y|ies)" if k.endswith("y") else rf"{re.escape(k)}s?"
                    for k in kinds), key=len, reverse=True)
    # "AI firms such as ⟨O3⟩ and ⟨O4⟩" in a list: the kind, then the examples of it
    kind_before_org = re.compile(
        rf"(?<![\w-])(?:{'|'.join(forms)})\s+(?:(?:such\s+as|like)\s+)?(?=⟨[Oo]\d+⟩)", re.IGNORECASE)
    relation_forms = relations | {f"{r}s" for r in relations}
    return kind_before_org, frozenset(relation_forms), frozenset(lex.field_words)


def _possessor(word: str) -> bool:
    return word.lower() in _POSSESSOR_WORDS or word.endswith(("'s", "’s"))


def _owner(word: str) -> bool:
    """A possessor that may own what the description names: a pronoun ("its AI startup
    X") or a name the text tells ("⟨O1⟩'s cloud unit X"); "the world's largest
    chipmaker X", "South Korea's largest telecom company X" only describe."""
    return word.lower() in _POSSESSOR_WORDS or (_possessor(word) and word.startswith("⟨"))


def _descriptors(masked: str) -> list[tuple[int, int]]:
    """Spans of descriptions of kind right before an organization's mention, which no
    possessor owns: "CEO of AI computing startup ⟨O1⟩" loses "AI computing startup "."""
    kind_before_org, relations, fields = _description_words()
    spans = []
    for m in kind_before_org.finditer(masked):
        start, related = m.start(), False
        for _ in range(5):
            w = _WORD_BEFORE.search(masked, 0, start)
            if w is None:
                break
            word, low = w.group(1), w.group(1).lower()
            if low in ("the", "a", "an"):
                start = w.start()
                break
            # "venture capital firm": a kind of firm, not a (joint) venture
            related = low in relations and not (low == "venture" and masked.startswith("capital", w.end()))
            verb = word.islower() and "-" not in word and low not in fields and _VERB_ENDING.fullmatch(word)
            if related or verb or low in _ENDS_DESCRIPTION or _possessor(word) \
                    or not _MODIFIER.fullmatch(word):
                break
            start = w.start()
        before = masked[:start].split()
        if before and _possessor(before[-1]) and not _owner(before[-1]):
            # "the world's", "South Korea's": the description's own words
            start = _WORD_BEFORE.search(masked, 0, start).start()  # type: ignore[union-attr]
            for _ in range(2):
                w = _WORD_BEFORE.search(masked, 0, start)
                if w is None or not (w.group(1)[:1].isupper() or w.group(1) == "the") \
                        or w.group(1).startswith("⟨"):
                    break
                start = w.start()
                if w.group(1) in ("the", "The"):
                    break
            before = masked[:start].split()
        if not related and not (before and _owner(before[-1])):
            spans.append((start, m.end()))
    return spans


# removed one kind after the other, so "X (XYZ), a startup, raised" loses both
_INSERTIONS = (_PARENTHESIS, _DASH_PAIR, _COMMA_PAIR, _TIME_PHRASE)


def simplified(masked: str, offsets: list[int]) -> tuple[str, list[int]] | None:
    """``masked`` and its offset map without inserted descriptions; None when it has none.

    ``offsets[i]`` is the original offset of ``masked[i]`` (one more entry for the end),
    and so it stays for every character kept: a match over the simplified text maps
    back to the original sentence, spanning the description it skipped.
    """
    changed = False
    for pattern in _INSERTIONS:
        spans = [m.span() for m in pattern.finditer(masked)]
        if spans:
            masked, offsets = _without(masked, offsets, spans)
            changed = True
    spans = _descriptors(masked)
    if spans:
        masked, offsets = _without(masked, offsets, spans)
        changed = True
    return (masked, offsets) if changed else None


def _without(masked: str, offsets: list[int], spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """``masked`` and ``offsets`` without the characters of ``spans`` (in order, disjoint)."""
    parts: list[str] = []
    kept: list[int] = []
    pos = 0
    for start, end in spans:
        parts.append(masked[pos:start])
        kept.extend(offsets[pos:start])
        pos = end
    parts.append(masked[pos:])
    kept.extend(offsets[pos:])
    return "".join(parts), kept
