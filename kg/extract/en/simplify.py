"""The simplified reading: a masked sentence without the descriptions inserted into it.

News writing inserts a description between an argument and its predicate:

    ⟨O0⟩ – an AI chip startup founded in 2020 – received $15 million from ⟨O1⟩
    ⟨O0⟩, a startup founded in 2020 by former ⟨O2⟩ engineers, raised ...
    ⟨O0⟩ (a unit of ⟨O1⟩) hired ⟨P2⟩
    ⟨P0⟩, who left ⟨O1⟩ last year, is to serve as ...
    ⟨O0⟩ on Thursday invested $2 billion in ⟨O1⟩ (a time phrase, whose date is still read)

A rule written for "X received ... from Y" does not reach across the description.
:func:`simplified` removes such insertions from the masked sentence (see
kg.extract.en.rules.mask) and drops their characters from the offset map with them,
so a rule that matches the shorter text still reports spans and evidence in the
original sentence. Only what stands right after a mention and is closed again before
a predicate counts as inserted: a comma pair whose description opens like one ("a",
"the", "who", "which", "formerly", ...) and is followed by a verb, a dash pair, a
parenthesis, a time phrase ("on Thursday", "earlier this year", "in 2024", "two weeks
ago") before a verb. A list ("A, B and C"), a clause after a comma that is no insertion
("X, and Y joined") and a sentence's last words stay as they are.

The extractor reads the simplified sentence as well as the original one (the
``simplify`` stage of kg.extract.document); the description itself is read only
by the original reading, as before.
"""

from __future__ import annotations

import re

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
