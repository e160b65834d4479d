"""The annotated corpus as training and evaluation data (``shared/eval`` layout).

A corpus directory holds articles and ``gold.jsonl`` (GUIDE.md). The
*validation split* of a corpus is fixed once, by document: every fifth file in
sorted name order. It is never used to fit or tune anything; scores on it are
reported beside the others so that a gain that only fits the tuning data shows.

``gold_mentions`` projects each gold entity's surface forms onto a sentence,
which is how both the name recognizer and the relation model learn from gold
that names entities but does not mark their spans.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.graph.model import ORGANIZATION, PERSON, RELATIONS

VALIDATION_EVERY = 5


def validation_docs(names: Iterable[str]) -> set[str]:
    """The validation split: every fifth document name in sorted order."""
    ordered = sorted(names)
    return set(ordered[VALIDATION_EVERY - 1 :: VALIDATION_EVERY])


def load_gold(directory: str | Path) -> list[dict]:
    """The gold records of a corpus directory, in file order."""
    with open(Path(directory) / "gold.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def split_records(records: list[dict], split: str) -> list[dict]:
    """``split`` is ``all``, ``validation`` or ``fit`` (everything but validation)."""
    if split == "all":
        return records
    held = validation_docs(r["doc"] for r in records)
    if split == "validation":
        return [r for r in records if r["doc"] in held]
    if split == "fit":
        return [r for r in records if r["doc"] not in held]
    raise ValueError(f"unknown split {split!r}; known: all, validation, fit")


def entity_types(record: dict) -> dict[str, str]:
    """Each gold entity's type, read off the argument types of the facts it takes part in."""
    votes: dict[str, dict[str, int]] = {}

    def vote(value: str | list[str], types: tuple[str, ...]) -> None:
        if len(types) != 1:
            return
        for name in [value] if isinstance(value, str) else value:
            votes.setdefault(name, {}).setdefault(types[0], 0)
            votes[name][types[0]] += 1

    for fact in record["facts"]:
        rel = RELATIONS.get(fact["relation"])
        if rel is None:
            continue
        vote(fact["subject"], rel.subject_types)
        vote(fact["object"], rel.object_types)
    out = {name: max(v, key=lambda t: v[t]) for name, v in votes.items()}
    for name in record.get("entities", {}):
        out.setdefault(name, ORGANIZATION if _looks_like_org(name) else PERSON)
    return out


_ORG_WORDS = re.compile(
    r"\b(?:AI|Inc|Labs?|Corp|Group|Capital|Ventures|Technologies|Systems)\b|[가-힣]{2,}(?:사|랩|그룹)$")


def _looks_like_org(name: str) -> bool:
    """For an entity no fact types: a name of two words without an org word is a person's."""
    return bool(_ORG_WORDS.search(name)) or len(name.split()) != 2


@dataclass(frozen=True)
class GoldMention:
    """A gold entity's surface form found in a sentence."""

    start: int
    end: int
    entity: str  # the gold's canonical name
    type: str


_WORD = re.compile(r"\w", re.UNICODE)


def whole_name(text: str, start: int, end: int) -> bool:
    """Whole-name occurrence: no letter glued before it, and for Latin names none after."""
    glued_before = start > 0 and _WORD.match(text[start - 1]) and \
        text[start - 1].isascii() == text[start].isascii()
    # a Korean particle may follow a name; a Latin letter may not follow a Latin name
    glued_after = end < len(text) and text[end].isascii() and bool(_WORD.match(text[end])) \
        and text[end - 1].isascii()
    return not (glued_before or glued_after)


def gold_mentions(sentence: str, record: dict, types: dict[str, str] | None = None) -> list[GoldMention]:
    """Every surface form of a gold entity in ``sentence``: longest first, no overlaps."""
    types = types or entity_types(record)
    forms: list[tuple[str, str]] = []
    for name, aliases in record.get("entities", {}).items():
        for form in {name, *aliases}:
            if len(form) >= 2:
                forms.append((form, name))
    forms.sort(key=lambda f: (-len(f[0]), f[0]))
    taken = [False] * len(sentence)
    out: list[GoldMention] = []
    lowered = sentence.lower()
    for form, name in forms:
        needle = form.lower() if form.isascii() else form
        hay = lowered if form.isascii() else sentence
        for m in re.finditer(re.escape(needle), hay):
            s, e = m.start(), m.end()
            if any(taken[s:e]) or not whole_name(sentence, s, e):
                continue
            for i in range(s, e):
                taken[i] = True
            out.append(GoldMention(s, e, name, types.get(name, ORGANIZATION)))
    return sorted(out, key=lambda m: m.start)


def documents(directory: str | Path, split: str = "all") -> Iterator[tuple[dict, Path]]:
    """(gold record, article path) for each document of a split."""
    directory = Path(directory)
    for record in split_records(load_gold(directory), split):
        yield record, directory / record["doc"]
