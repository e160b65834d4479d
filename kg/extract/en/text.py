"""Small text helpers of the English extractor: titles, money qualifiers, sentences."""

from __future__ import annotations

import re
from typing import Any

from kg.extract.en.lexicon import Lexicon
from kg.graph.model import ORGANIZATION
from kg.loaders import normalize


def _inside_money(text: str, span: Any) -> bool:
    for m in normalize.find_money(text):
        if m.start <= span.start < m.end:
            return True
    for p in normalize.find_percents(text):
        if p.start <= span.start < p.end:
            return True
    return False


def _iso_ok(value: Any) -> bool:
    return isinstance(value, str) and len(value) in (4, 7, 10)


def money_qualifiers(money: Any) -> dict[str, Any]:
    """amount/currency (and amount_alt/currency_alt) from a normalize.Money."""
    out: dict[str, Any] = {"amount": float(money.amount), "currency": money.currency}
    alt = getattr(money, "alt", None)
    if alt:
        amount, currency = (alt if isinstance(alt, tuple | list)
                            else (getattr(alt, "amount", None), getattr(alt, "currency", None)))
        if amount is not None and currency:
            out["amount_alt"], out["currency_alt"] = float(amount), currency
    return out


def normalize_title(title: str | None, lex: Lexicon) -> str | None:
    """"Chief Technology Officer" -> "CTO", "Interim CEO" -> "interim CEO"; "former" dropped."""
    if not title:
        return None
    t = re.sub(r"\s+", " ", title.strip(" ,"))
    t = re.sub(r"(?i)^(?:former|ex-|then-|new|incoming|outgoing)\s*", "", t)
    # "head of its robotics unit" -> "head of robotics unit"
    t = re.sub(r"(?i)^(head|director) of (?:its|the|their|his|her|our|a) ", r"\1 of ", t)
    mod = ""
    m = re.match(r"(?i)(interim|acting)\s+", t)
    if m:
        mod, t = m.group(1).lower() + " ", t[m.end():]
    mapped = lex.raw["title_normalize"].get(t.lower())
    if mapped:
        # "chief technology officer (CTO)": both usual forms; "interim CEO" when modified.
        short = re.search(r"\((\w+)\)$", mapped)
        return mod + short.group(1) if mod and short else mod + mapped
    parts = re.split(r"\s+(?:and|&)\s+", t)
    if len(parts) > 1:
        # "co-founder and chief executive" keeps the text's words, a spelled-out title
        # followed by its usual abbreviation as when it stands alone: "... chief executive (CEO)"
        return mod + " and ".join(_title_part(p, lex) for p in parts)
    words = [w if (w.isupper() and len(w) > 1) else w.lower() for w in t.split()]
    core = " ".join(words)
    if re.match(r"(?i)^(vp|svp|evp) of ", core):
        head, _, rest = core.partition(" of ")
        core = f"{head.upper()} of {rest[:1].upper()}{rest[1:]}"
    return mod + core


def _title_part(part: str, lex: Lexicon) -> str:
    words = " ".join(w if (w.isupper() and len(w) > 1) else w.lower() for w in part.split())
    short = re.search(r"\((\w+)\)$", lex.raw["title_normalize"].get(part.lower(), ""))
    if short and words.lower() != short.group(1).lower():
        return f"{words} ({short.group(1)})"
    return words


def split_sentences(text: str) -> list[str]:
    """A plain fallback for documents that arrive without sentences."""
    out: list[str] = []
    for para in re.split(r"\n+", text):
        para = para.strip()
        if para:
            pieces = re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“A-Z])", para)
            out.extend(s for s in pieces if s.strip())
    return out


def unit_led(text: str, end: int, mentions: list) -> str | None:
    """"hired X to lead its new division, Y" (``end`` after X): the role "lead of Y"."""
    m = re.match(r"\s+to\s+(lead|head|run)\s+(?:(?:its|the|their|a|an)\s+[^,.;⟨⟩\"]{0,40}?,\s+)?",
                 text[end:end + 90])
    if m is None:
        return None
    unit = [x for x in mentions if x.start == end + m.end() and x.entity.type == ORGANIZATION
            and x.source != "anaphora"]
    return f"{m.group(1)} of {unit[0].entity.name}" if unit else None
