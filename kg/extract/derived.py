"""Facts the claims of a whole document imply, in either language (the ``derived`` stage).

A sentence rule reads what one sentence tells; that a hire was a hire *from*
somewhere is often told in another sentence: "Jane Roe left OpenAI in May. She
joined Google as chief scientist." The person's DEPARTED from OpenAI and HIRED
by Google make Google's HIRED_FROM OpenAI. The language extractors derive what
one sentence implies (a hire of "OpenAI researcher Jane Roe"); this module joins
claims of different sentences, only when the join is unambiguous, and applies the
guide's conventions that hold for a claim of either language whatever its sentence
(a move told with its role is a post: ``works_at_from_moves``).
"""

from __future__ import annotations

import re

from kg.graph.model import Claim, EntityRef
from kg.graph.registry import Registry, ref_key

EXTRACTOR = "kg.derived.v1"
DERIVED_CONFIDENCE = 0.7  # as a rule's derived fact: two readings joined, not one construction
_LEADS_UNIT = re.compile(r"(?:lead|head|run)s? of (.+)")


def hired_from_departures(claims: list[Claim]) -> list[Claim]:
    """HIRED_FROM for a hire of a person whose leaving the document tells.

    The leaving may be told in another sentence or in the hire's own, read by another
    rule or stage ("애플을 이끌던 NAME은 메타에 합류했다": the Korean frames' hire and
    a rule's leaving of one sentence). The person must have left exactly one
    organization other than the hirer (two leavings leave the source unsaid) and
    founded none but these two (a company of their own between is a stop the text
    may not tell: "left Apple in 2019, founded io, joins OpenAI"), the leaving must
    not be dated after the hire, the hirer must not already be said to hire from
    somewhere in the hire's sentence, and neither organization may be a unit of the
    other.
    """
    departed: dict[str, list[Claim]] = {}
    founded: dict[str, set[str]] = {}
    for c in claims:
        if c.relation == "DEPARTED":
            departed.setdefault(ref_key(c.subject), []).append(c)
        elif c.relation == "FOUNDED":
            founded.setdefault(ref_key(c.subject), set()).add(ref_key(c.object))
    linked = {frozenset((ref_key(c.subject), ref_key(c.object))) for c in claims if c.relation == "PART_OF"}
    told = {(ref_key(c.subject), c.evidence) for c in claims if c.relation == "HIRED_FROM"}
    have = {(ref_key(c.subject), ref_key(c.object)) for c in claims if c.relation == "HIRED_FROM"}
    out: list[Claim] = []
    for hire in claims:
        if hire.relation != "HIRED" or (ref_key(hire.subject), hire.evidence) in told:
            continue
        hirer = ref_key(hire.subject)
        left = [d for d in departed.get(ref_key(hire.object), []) if ref_key(d.object) != hirer]
        if len({ref_key(d.object) for d in left}) != 1:
            continue
        leaving = left[0]
        source = ref_key(leaving.object)
        if founded.get(ref_key(hire.object), set()) - {hirer, source}:
            continue  # founded a company of their own between: that may be where they came from
        if (hirer, source) in have or frozenset((hirer, source)) in linked:
            continue
        hired_on, left_on = hire.qualifiers.get("date"), leaving.qualifiers.get("date")
        if hired_on and left_on and str(left_on)[:len(str(hired_on))] > str(hired_on):
            continue  # left after joining: not where the hire came from
        q = {"date": hired_on} if hired_on else {}
        out.append(Claim("HIRED_FROM", hire.subject, leaving.object, q, hire.evidence,
                         DERIVED_CONFIDENCE, EXTRACTOR))
        have.add((hirer, source))
    return out


def works_at_from_moves(claims: list[Claim], registry: Registry) -> list[Claim]:
    """WORKS_AT for a hire or a leaving told with its role, where no claim places the
    person at that organization yet.

    The guide makes that WORKS_AT required wherever a move names the role: the new post
    at the organization joined, the old one at the organization left ("카카오를 떠난 이영희
    전 부사장", "X joined Y as CTO"). A founding role is a FOUNDED of its own, not a job
    title, and a post the text places at a unit or the parent of the organization
    ("카카오는 자회사 카카오브레인의 신임 대표로 ...") is that post. Runs after the Korean
    frames, whose moves carry roles the sentence rules did not read. (The English extractor
    reads the same convention within a sentence, ``en.works_at.move_role``, where its
    title also informs that extractor's later steps; this adds what no sentence rule did.)"""
    have = {(ref_key(c.subject), ref_key(c.object)) for c in claims if c.relation == "WORKS_AT"}
    posts: dict[str, list[EntityRef]] = {}
    for c in claims:
        if c.relation == "WORKS_AT":
            posts.setdefault(ref_key(c.subject), []).append(c.object)
    units = {frozenset((ref_key(c.subject), ref_key(c.object))) for c in claims if c.relation == "PART_OF"}

    def related(a: EntityRef, b: EntityRef) -> bool:
        """One is the other or a unit of it: by the registry's parents, a PART_OF the text
        tells, or the name ("Kakao Brain" of Kakao)."""
        if a.id and b.id and (a.id in registry.lineage(b.id) or b.id in registry.lineage(a.id)):
            return True
        return (frozenset((ref_key(a), ref_key(b))) in units or a.name.startswith(b.name + " ")
                or b.name.startswith(a.name + " "))

    # "hired X to lead its new division, Y": a role that names a unit the text names is the
    # unit's lead, not a title at the hirer
    named = {ref.name for c in claims for ref in (c.subject, c.object)}
    out: list[Claim] = []
    for move in claims:
        if move.relation not in ("HIRED", "DEPARTED"):
            continue
        role = str(move.qualifiers.get("role") or "")
        led = _LEADS_UNIT.match(role)
        if not role or "founder" in role.lower() or (led and led.group(1) in named):
            continue
        person, org = (move.object, move.subject) if move.relation == "HIRED" else (move.subject, move.object)
        key = (ref_key(person), ref_key(org))
        if key in have or any(related(org, post) for post in posts.get(key[0], ())):
            continue  # placed there already, or at a unit or the parent of the organization
        have.add(key)
        out.append(Claim("WORKS_AT", person, org, {"title": role}, move.evidence,
                         min(move.confidence, DERIVED_CONFIDENCE), EXTRACTOR))
    return out
