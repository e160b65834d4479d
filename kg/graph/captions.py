"""Short texts for edges: what a drawn edge says about its fact.

Shared by the HTML pages (:mod:`kg.graph.html`) and the Neo4j Browser
captions (the ``amount_text`` edge property that ``kg push`` writes).
"""

from __future__ import annotations

from kg.graph.model import Fact

_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def money(amount: float, currency: str | None) -> str:
    """``14.3B USD``: short enough to sit on an edge, exact in the facts table."""
    for scale, suffix in _SCALES:
        if abs(amount) >= scale:
            text = f"{amount / scale:.3g}{suffix}"
            break
    else:
        text = f"{amount:g}"
    return f"{text} {currency}" if currency else text


def edge_caption(fact: Fact) -> str:
    """What an edge says: relation, the amount or head count, and the date."""
    date = fact.qualifiers.get("date")
    return " · ".join([fact.relation, *_details(fact), *([date] if date else [])])


def edge_detail(fact: Fact) -> str:
    """The caption's middle: amount, stake, head count, role ... (no relation, no date)."""
    return " · ".join(_details(fact))


def _details(fact: Fact) -> list[str]:
    q = fact.qualifiers
    parts = []
    if "amount" in q:
        parts.append(money(q["amount"], q.get("currency")))
    if "stake_pct" in q:
        parts.append(f"{q['stake_pct']:g}%")
    if "count" in q:
        parts.append(f"{q['count']} people")
    if "pct" in q:
        parts.append(f"{q['pct']:g}%")
    for key in ("round", "role", "title", "service", "kind", "status"):
        if key in q:
            parts.append(str(q[key]))
    return parts
