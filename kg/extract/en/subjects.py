"""The organization each English sentence is about: its subject, and the subject chain.

News names its people by a bare title far more often than by "X, CEO of Y":
"Chief Operating Officer Brad Lightcap took over more responsibilities", "the board
appointed chief technology officer X as interim co-CEO". The post is at the
organization the clause is about. A document topic (the most named organization)
is the wrong one whenever the story is an acquirer's or an investor's, so the
organization comes from the sentence itself:

1. the subject of the sentence's main clause (a name, or a description such as
   "the company" or a pronoun, as coreference resolved it), or the possessor of
   that subject ("X's chatbot ..."), when no other organization or a report verb
   ("said") comes between it and the title;
2. when the clause names no organization before the title ("Her other reports
   include ..."), the subject of the sentence before: the subject chain, which a
   sentence opening with a name no mention covers breaks.
"""

from __future__ import annotations

import re

from kg.extract.en.anaphora import Entity, Mention
from kg.graph.model import ORGANIZATION

# What opens a sentence before its subject: a dateline, a news agency tag, a numbered
# heading, an adverbial phrase up to its comma.
_LEAD = re.compile(
    r"^(?:\s*\d+\.\s+|\s*[A-Z][A-Z .,]{2,40}\s+[-–—]+\s+"
    r"|\s*(?:[A-Z][a-z]{2}\s+\d+\s+)?\([A-Z][\w ]{1,20}\)\s*[-–—]+\s*"
    # a kicker label before the sentence proper: "The big picture: ...", "Why it matters: ..."
    r"|\s*[A-Z][a-z]+(?:\s+[a-z]+){0,3}:\s+"
    r"|\s*(?:On|In|Last|Earlier|Later|Meanwhile|Separately|However|Also|Since|After|Before|According to|"
    r"At|By|For|Today|Yesterday|Now|Then|Still|Instead|Overall|Founded|Based|Through)\b[^,;⟨⟩]{0,80},\s+"
    # a participle phrase naming its agent, and the agent's apposition: "Founded in 2020 by
    # ⟨P0⟩, a former lead at ⟨O1⟩, ⟨O2⟩ and ⟨O3⟩, ⟨O4⟩ runs ..."
    r"|\s*(?:Founded|Co-founded|Backed|Started|Launched|Created|Led)\s+(?:[^,;⟨⟩]|⟨\w\d+⟩){0,80}?\bby\s+⟨\w\d+⟩,\s+"
    r"(?:(?:a|an|the)\s+(?:[^,;⟨⟩]|⟨\w\d+⟩){0,80}?(?:(?:,\s+(?:and\s+)?|\s+and\s+)⟨\w\d+⟩)*,\s+)?)*")
# Words allowed before a subject name: descriptors, not verbs or prepositions ("AI chip startup X").
_BEFORE_SUBJECT = re.compile(r"^(?:(?:[Tt]he|[Aa]n?|[A-Z][\w.&'-]*|[a-z][\w-]*)(?:\s+|\s*[—–]\s*)){0,5}$")
# A subordinate clause opening the sentence ("After X hired ..., Y is ..."): the main clause,
# and its subject, come after its comma.
_SUBORDINATE = re.compile(r"(?:After|Before|While|When|Whereas|Although|Though|Because|Since|If|As|Once|"
                          r"Unless|Until|Despite|Following|Amid)\s[^;]*?,\s+(?=[^,;]*?⟨)")
_NOT_DESCRIPTOR = re.compile(
    r"\b(?:of|for|with|to|from|by|at|in|on|and|or|but|as|said|says|is|was|are|were|has|have|had|will|"
    r"would|that|which|who|while|when|after|before|than|like|unlike|between|into|about|over|include|includes|"
    r"included|including|such|customers|clients|rivals|competitors|competition|counts|serves|uses|sells)\b")

# Two capitalized words and a lowercase one: a name the mention finder did not know.
_UNKNOWN_NAME = re.compile(r"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)+\s+[a-z]")
# A report between the subject and a title: the title belongs to what was reported.
_REPORTED = re.compile(
    r"\b(?:said|says|say|told|tells|according|reported|noted|added|argued|believes?)\b")


def clause_subject(masked: str, mentions: list[Mention]) -> tuple[Entity | None, bool]:
    """The organization the sentence's main clause is about (see ``_subject``), and whether
    the clause opens with a subject at all: a name no mention covers ("Nuance
    Communications provides ...") is a subject the chain cannot follow."""
    found = _subject(masked, mentions)
    if found:
        return found[0], True
    lead = _LEAD.match(masked)
    return None, bool(_UNKNOWN_NAME.match(masked, lead.end() if lead else 0))


# Masked mentions (Mention.code): "⟨O3⟩" is mention 3, an organization; "o" one found by
# coreference, "M" a news medium, "P"/"p" a person.
_SLOT = re.compile(r"⟨(\w)(\d+)⟩")
_ORG_SLOT = re.compile(r"⟨[Oo]\d+⟩")
_ORG_OR_MEDIA_SLOT = re.compile(r"⟨[OoM](\d+)⟩")


def _subject(masked: str, mentions: list[Mention]) -> tuple[Entity, int] | None:
    """The organization the sentence's main clause is about: its subject, or the subject's possessor.

    None when the clause opens with a person, with something that is not an
    organization, or with no name at all ("Customers include ...").
    """
    lead = _LEAD.match(masked)
    start = lead.end() if lead else 0
    sub = _SUBORDINATE.match(masked, start)
    if sub:
        lead = _LEAD.match(masked, sub.end())
        start = lead.end() if lead and lead.end() > sub.end() else sub.end()
    m = _SLOT.search(masked, start)
    if m is None:
        return None
    before = masked[start:m.start()]
    if not _BEFORE_SUBJECT.match(before) or _NOT_DESCRIPTOR.search(before):
        return None
    mention = mentions[int(m.group(2))]
    entity = mention.entity
    if entity.type != ORGANIZATION or entity.media:
        return None
    return entity, m.end()


def _own(found: tuple[Entity, int] | None, masked: str, head: int, mentions: list[Mention]) -> Entity | None:
    """The clause subject as the organization of a title at ``head``, unless another organization
    or a report comes between: in "Apple said its supplier hired chief executive X" X is not Apple's."""
    if found is None:
        return None
    subject, end = found
    between = masked[end:head]
    if _REPORTED.search(between):
        return None
    if any(mentions[int(i)].entity.key != subject.key for i in _ORG_OR_MEDIA_SLOT.findall(between)):
        return None
    return subject


def org_at(masked: str, mentions: list[Mention], at: int, chain: Entity | None,
           found: tuple[Entity, int] | None = None) -> Entity | None:
    """The organization the clause is about at ``at``: its subject, else the chain's when the
    clause names no organization before ``at``."""
    found = found if found is not None else _subject(masked, mentions)
    return _own(found, masked, at, mentions) or (
        chain if not _ORG_SLOT.search(masked, 0, at) else None)


# Titles that name a post in one organization: an "analyst" or "partner" may be anyone's.
_EXEC_TITLE = (r"(?:[Cc]hief\s+(?:[\w-]+\s+){0,2}?[Oo]fficer|[Cc]hief\s+(?:[Ee]xecutive|[Ss]cientist)"
               r"|CEO|CTO|COO|CFO|CPO|CRO|CSO|[Pp]resident|[Cc]hair(?:man|woman)"
               r"|(?:[Ee]xecutive|[Ss]enior|[Cc]orporate)\s+[Vv]ice\s+[Pp]resident|EVP|SVP)")
_EXEC = (rf"(?P<title>{_EXEC_TITLE}(?:\s+(?:and|&)\s+(?:[Cc]o-?[Ff]ounder|[Ff]ounder|{_EXEC_TITLE}))?)")
# Before the title: the start of a clause or a lowercase word, never a name ("Instacart CEO X"
# names the person's own organization, which another rule reads) or "former".
_TITLE_BEFORE = re.compile(
    r"(?:^|[,;:(—–\"]\s*|\b(?!(?:former|formerly|ex|then|previous|previously|onetime|one-time|late)\b)"
    r"[a-z][\w-]*\s+)(?:(?:the|its|their|new|interim|acting)\s+)*$")


_FOUNDER_LEAD = re.compile(r"(?i)\b(?:co-?founder|founder)\s+(?:and|&)\s+\Z")
_TITLED_PERSON = re.compile(rf"(?<![\w-]){_EXEC}\s+⟨P(?P<p>\d+)⟩")
# After the name: "of"/"at"/"for" an organization, or a possessive; another rule reads those.
_ORG_AFTER_NAME = re.compile(
    r"\s*(?:,\s*|\()?\s*(?:(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:of|at|for)\s+⟨|[\w-]+'s\b)")


def titled_people(masked: str, mentions: list[Mention],
                  subject: Entity | None) -> list[tuple[Entity, Entity, str]]:
    """(person, organization, title) for "chief operating officer X" with no organization beside it.

    The organization is the one the clause is about (its subject), else the subject
    of the sentence before (``subject``, the chain). A name before the title
    ("Instacart CEO X"), "former", or "of"/"at" an organization after the name are
    left to the rules that read those.
    """
    found = _subject(masked, mentions)
    out = []
    for m in _TITLED_PERSON.finditer(masked):
        if not _TITLE_BEFORE.search(masked[:m.start()]):
            continue
        if _ORG_AFTER_NAME.match(masked, m.end()):
            continue
        person = mentions[int(m.group("p"))].entity
        org = org_at(masked, mentions, m.start(), subject, found)
        if org is None or org.media:
            continue
        # "Luminous co-founder and CEO X": a founder title before the executive one is part of it
        lead = _FOUNDER_LEAD.search(masked, max(0, m.start() - 30), m.start())
        out.append((person, org, (lead.group(0) if lead else "") + m.group("title")))
    return out
