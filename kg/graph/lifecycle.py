"""When state facts hold: ``valid_from``/``valid_to`` from the events of the same pair.

The store derives the interval of a state edge from the stored facts, never
from the text directly (the extractors only report what each sentence says):

* ``WORKS_AT`` person -> org starts at the earliest ``HIRED`` (org -> person)
  or ``FOUNDED`` (person -> org) date, and ends at the first ``DEPARTED``
  (person -> org) after that start;
* ``VENDOR_TO`` vendor -> client ends (``status: ended``) at an
  ``ENDED_PARTNERSHIP`` between the two, in either direction;
* ``PARTNERED_WITH`` starts at its own date and ends at an ``ENDED_PARTNERSHIP``;
* ``PART_OF`` unit -> parent starts when the parent ``ACQUIRED`` the unit.

An end event without a date still tells that the state had ended by the time
its article was published: its publication date is the end then. Values the
text gives for the state itself (a ``valid_from`` qualifier) win over derived
ones.

A state holds on a day when ``valid_from <= day < valid_to`` comparing ISO
dates at their precision as strings (``2025-06`` sorts before every day of
June, so a start in June counts from June 1st); :func:`state_on` also counts
a hire with no ``WORKS_AT`` edge as employment from the hire date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from kg.graph.model import RELATIONS, Fact, fact_id

EMPLOYMENT = "WORKS_AT"


@dataclass(frozen=True)
class Event:
    """An event edge as the lifecycle needs it: its date, else when it was first reported."""

    relation: str
    date: str | None
    published: str | None


@dataclass(frozen=True)
class Rule:
    """Which events start and end a state relation: (relation, same direction?)."""

    starts: tuple[tuple[str, bool], ...]
    ends: tuple[tuple[str, bool], ...]
    own_date_starts: bool = False
    ended_status: bool = False


# (relation, True) reads the event in the state's direction (subject -> object),
# (relation, False) reversed (object -> subject).
RULES: dict[str, Rule] = {
    "WORKS_AT": Rule(starts=(("HIRED", False), ("FOUNDED", True)),
                     ends=(("DEPARTED", True),)),
    "VENDOR_TO": Rule(starts=(), ends=(("ENDED_PARTNERSHIP", True),
                                       ("ENDED_PARTNERSHIP", False)), ended_status=True),
    "PARTNERED_WITH": Rule(starts=(), ends=(("ENDED_PARTNERSHIP", True),
                                            ("ENDED_PARTNERSHIP", False)),
                           own_date_starts=True),
    "PART_OF": Rule(starts=(("ACQUIRED", False),), ends=()),
}


def related_relations(state: str) -> set[tuple[str, bool]]:
    """The event relations (and directions) whose facts decide ``state``'s interval."""
    rule = RULES.get(state)
    return set(rule.starts + rule.ends) if rule else set()


def affected_states(relation: str) -> list[tuple[str, bool]]:
    """The state relations an event of ``relation`` can start or end, with direction."""
    return [(state, same) for state, rule in RULES.items()
            for rel, same in rule.starts + rule.ends if rel == relation]


def derive(state: str, qualifiers: dict[str, Any],
           events: Iterable[tuple[Event, bool]]) -> dict[str, Any]:
    """``qualifiers`` with ``valid_from``/``valid_to`` (and status) the events imply.

    ``events`` are the pair's event edges with, for each, whether it runs in
    the state's direction.
    """
    rule = RULES.get(state)
    if rule is None:
        return dict(qualifiers)
    out = dict(qualifiers)
    events = list(events)
    starts = [e.date for e, same in events if (e.relation, same) in rule.starts and e.date]
    if rule.own_date_starts and qualifiers.get("date"):
        starts.append(qualifiers["date"])
    if not out.get("valid_from") and starts:
        out["valid_from"] = min(starts)
    begin = out.get("valid_from")
    ends = [e.date or e.published for e, same in events
            if (e.relation, same) in rule.ends and (e.date or e.published)]
    # The first end after the start; without a start, the last end known.
    after = [d for d in ends if not begin or d > begin]
    if not out.get("valid_to") and after:
        out["valid_to"] = min(after) if begin else max(after)
    if rule.ended_status and (out.get("valid_to") or any(
            (e.relation, same) in rule.ends for e, same in events)):
        out["status"] = "ended"
    return out


def holds_on(fact: Fact, day: str) -> bool:
    """Whether a state fact holds on ``day`` (YYYY-MM-DD)."""
    start, end = fact.qualifiers.get("valid_from"), fact.qualifiers.get("valid_to")
    # A state without a lifecycle (FOUNDED) holds from its date on.
    start = start or fact.qualifiers.get("date")
    if start and start > day:
        return False
    if end and end <= day:
        return False
    # Ended at a time nobody told: not counted as holding.
    return not (fact.qualifiers.get("status") == "ended" and not end)


def implied_employment(facts: Iterable[Fact]) -> list[Fact]:
    """A ``WORKS_AT`` for every hire whose pair has no ``WORKS_AT`` edge.

    Starts at the hire date (the role as title) and ends at the person's first
    departure from that organization after it.
    """
    facts = list(facts)
    employed = {(f.subject.id, f.object.id) for f in facts if f.relation == EMPLOYMENT}
    events: dict[tuple[str, str], list[tuple[Event, bool]]] = {}
    hires: dict[tuple[str, str], list[Fact]] = {}
    for f in facts:
        if f.relation == "DEPARTED":
            pair = (f.subject.id, f.object.id)
            events.setdefault(pair, []).append(
                (Event("DEPARTED", f.qualifiers.get("date"), _first_published(f)), True))
        elif f.relation == "HIRED" and f.qualifiers.get("date"):
            pair = (f.object.id, f.subject.id)
            hires.setdefault(pair, []).append(f)
            events.setdefault(pair, []).append(
                (Event("HIRED", f.qualifiers["date"], _first_published(f)), False))
    out: list[Fact] = []
    for pair, found in sorted(hires.items()):
        if pair in employed:
            continue
        first = min(found, key=lambda f: (f.qualifiers["date"], f.id))
        base = {"title": first.qualifiers["role"]} if first.qualifiers.get("role") else {}
        out.append(replace(first, id=fact_id(pair[0], EMPLOYMENT, pair[1], None),
                           relation=EMPLOYMENT, subject=first.object, object=first.subject,
                           qualifiers=derive(EMPLOYMENT, base, events[pair]), conflicts=[]))
    return out


def _first_published(fact: Fact) -> str | None:
    dates = [s.published for s in fact.sources if s.published]
    return min(dates) if dates else None


def state_on(facts: Iterable[Fact], day: str) -> list[Fact]:
    """The state facts that hold on ``day``, with employment implied by hires.

    Event facts are left out: they happened, they do not hold.
    """
    facts = list(facts)
    states = [f for f in facts if not RELATIONS[f.relation].event]
    states += implied_employment(facts)
    return [f for f in states if holds_on(f, day)]
