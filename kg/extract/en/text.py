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


def _titles_and_modifiers(lex: Lexicon) -> tuple[str, str]:
    """The alternations of the lexicon's titles (longest first) and of its title modifiers."""
    titles = "|".join(sorted(lex.raw["titles"], key=len, reverse=True))
    return titles, "|".join(map(re.escape, lex.raw["title_modifiers"]))


def _title_fields(lex: Lexicon) -> str:
    """Up to two fields before a title ("AI researcher", "GenAI CVP"), as written."""
    fields = "|".join(map(re.escape, sorted(lex.raw["title_fields"], key=lambda w: (-len(w), w))))
    return rf"(?:(?:{fields})\s+){{0,2}}"


def title_pattern(lex: Lexicon) -> str:
    """The regex of one title as rule patterns match it: a modifier, then a title of the lexicon."""
    titles, mods = _titles_and_modifiers(lex)
    return rf"(?:(?i:{mods})\s*)?{_title_fields(lex)}(?i:{titles})"


def scoped_title_pattern(lex: Lexicon) -> str:
    """The regex of one title with its scope: up to two modifiers, then a title of the lexicon.

    A title of ``title_scope_heads`` keeps its scope ("head of business finance",
    "EVP of Experiences & Devices"): up to six words after "of" or "for", ending at a
    word of ``title_scope_stop``, at an entity (a masked mention is no word), at
    punctuation, or at "and" before another title ("head of research and CEO"). Rule
    patterns match the shorter :func:`title_pattern` (their regexes stay small and quick
    to compile); :func:`extend_title` then reads the scope of the title a rule captured.
    """
    raw = lex.raw
    titles, mods = _titles_and_modifiers(lex)
    heads = "|".join(raw["title_scope_heads"])
    # longest first, then alphabetical: the same pattern text in every process (a set's
    # order follows the string hash seed)
    stop = "|".join(map(re.escape, sorted(set(raw["title_scope_stop"]), key=lambda w: (-len(w), w))))
    word = rf"(?!(?:{stop})\b)[A-Za-z][A-Za-z0-9-]*(?:/[A-Za-z0-9]+)?"
    join = rf"\s+(?:(?:and|&)\s+(?!(?:{heads}|co-?founder|founder|chair\w*)\b))?"
    scope = rf"\s+(?:of|for)\s+(?:(?:its|the|their|his|her|our|a|an|new)\s+)?{word}(?:{join}{word}){{0,5}}"
    return rf"(?:(?i:{mods})\s*){{0,2}}{_title_fields(lex)}(?i:(?:{heads})(?:{scope})?|{titles})"


_SCOPED_TITLES: dict[int, tuple[Lexicon, re.Pattern[str]]] = {}
# between a person's titles ("CEO and co-founder", "president, the chair"); the rules embed it too
TITLE_JOIN = r"(?:\s*,\s*|\s+(?:and|&)\s+)(?:the\s+|its\s+)?"
_TITLE_JOIN = re.compile(TITLE_JOIN)


def _scoped_title(lex: Lexicon) -> re.Pattern[str]:
    """:func:`scoped_title_pattern` compiled, once per lexicon."""
    cached = _SCOPED_TITLES.get(id(lex))
    if cached is None or cached[0] is not lex:
        cached = _SCOPED_TITLES[id(lex)] = (lex, re.compile(scoped_title_pattern(lex)))
    return cached[1]


def extend_title(text: str, start: int, end: int, lex: Lexicon) -> str:
    """The title ``text[start:end]`` a pattern captured, with the scope that follows its
    last part ("head" in "head of business finance said" -> "head of business finance")."""
    last = start
    for m in _TITLE_JOIN.finditer(text, start, end):
        last = m.end()
    full = _scoped_title(lex).match(text, last)
    return text[start:full.end()] if full and full.end() > end else text[start:end]


def _title_parts(title: str, lex: Lexicon) -> list[tuple[str, str]]:
    """(joiner, title) pairs of "president and chief executive": a join only where a title
    follows, so a scope keeps its own "and" ("director of data center and computing")."""
    starts = _scoped_title(lex)
    parts: list[tuple[str, str]] = []
    joiner, pos = "", 0
    for m in _TITLE_JOIN.finditer(title):
        if m.start() > pos and starts.match(title, m.end()):
            parts.append((joiner, title[pos:m.start()]))
            joiner, pos = (", " if "," in m.group(0) else " and "), m.end()
    parts.append((joiner, title[pos:]))
    return parts


def normalize_title(title: str | None, lex: Lexicon) -> str | None:
    """"Chief Technology Officer" -> "chief technology officer (CTO)", "Interim CEO" ->
    "interim CEO"; "former" dropped; a scope kept ("VP of Research")."""
    if not title:
        return None
    t = re.sub(r"\s+", " ", title.strip(" ,"))
    parts = _title_parts(t, lex)
    if len(parts) > 1 and not lex.raw["title_normalize"].get(t.lower()):
        # "co-founder and chief executive": each title normalized and kept as the text
        # words it, an abbreviation as an abbreviation; the last long form with its short one.
        out = []
        for i, (joiner, part) in enumerate(parts):
            norm = normalize_title(part, lex) or part
            short = re.match(r"^(.*) \((\w+)\)$", norm)
            if short and (re.fullmatch(r"(?:\w+\s+)?[A-Z]{2,5}", part.strip()) or i < len(parts) - 1):
                norm = short.group(2) if re.search(r"\b[A-Z]{2,5}$", part.strip()) else short.group(1)
            out.append(joiner + norm)
        return "".join(out)
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
    words = [w if re.search(r"[A-Z]{2}", w) else w.lower() for w in t.split()]
    core = " ".join(words)
    if re.match(r"(?i)^(vp|svp|evp) of ", core):
        head, _, rest = core.partition(" of ")
        core = f"{head.upper()} of {rest[:1].upper()}{rest[1:]}"
    return mod + core


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
