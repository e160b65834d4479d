"""A learned relation model over pairs of mentions in one sentence.

The rules read the constructions they were written for; this model reads the
*context* of two named entities in a sentence and scores each relation their
types allow. It is trained on the annotated corpus (``scripts/train.py``):
a gold fact whose evidence sentence names both its arguments is a positive
example of its relation for that ordered pair; a pair the document's gold
does not relate at all is a negative one.

Features are chosen to generalize beyond the sentences they came from:
what lies *between* the two names (Korean morpheme lemmas with their tags,
English lower-cased words), the particle or preposition that marks each name
(its role in the clause), the predicate after them, trigger classes of the
lexicons, the two entity types, their order and distance. No feature is a
name, so the model cannot learn who does what from the training articles.

The weights ship as ``data/pairs.json`` (one linear model per relation); the
document layer adds a pair's relation only where the rules said nothing
about that pair, at a lower confidence.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from kg.graph.model import RELATIONS

MODEL_VERSION = "kg.learned.pairs.v1"
MAX_BETWEEN = 14  # tokens between two names beyond which a pair is not read
_EN_TOKEN = re.compile(r"[A-Za-z]+(?:[-'][A-Za-z]+)*|\d+(?:[.,]\d+)*|\$|%|'s|[^\sA-Za-z\d]")
_CONTENT_TAGS = ("NNG", "VV", "VA", "XSV", "XSA", "NNB", "MAG", "XSN", "SL", "VX", "EP")
_KEEP_TAGS = ("JKS", "JKO", "JKB", "JKG", "JKC", "JX", "JC", "EC", "ETM", "EF")
_CLAUSE_END = ("EF",)


@dataclass(frozen=True)
class Span:
    """A mention as the pair model sees it: offsets into the sentence and a type."""

    start: int
    end: int
    type: str


@dataclass(frozen=True)
class Tok:
    text: str
    tag: str
    start: int
    end: int


def tokens(sentence: str, lang: str) -> list[Tok]:
    """Korean: Kiwi morphemes (lemma + tag); English: lower-cased words."""
    if lang == "ko":
        from kg.extract.ko.text import tokenize

        return [Tok(t.form, t.tag, t.start, t.end) for t in tokenize(sentence)]
    return [Tok(m.group().lower(), "W", m.start(), m.end()) for m in _EN_TOKEN.finditer(sentence)]


def _word(t: Tok, lang: str) -> str:
    return f"{t.text}/{t.tag}" if lang == "ko" else t.text


@cache
def _trigger_classes(lang: str) -> tuple[tuple[str, str], ...]:
    """(trigger text, "RELATION.group") pairs from the language's lexicon."""
    out: list[tuple[str, str]] = []
    if lang == "ko":
        from kg.extract.ko.text import lexicon

        for rel, groups in lexicon()["relations"].items():
            for group, words in groups.items():
                if isinstance(words, list):
                    out += [(w, f"{rel}.{group}") for w in words if isinstance(w, str) and len(w) >= 2]
    return tuple(sorted(set(out), key=lambda x: (-len(x[0]), x)))


def pair_features(sentence: str, toks: list[Tok], a: Span, b: Span, lang: str) -> dict[str, float]:
    """Features of the ordered pair (a = candidate subject, b = candidate object)."""
    first, second = (a, b) if a.start < b.start else (b, a)
    order = "ab" if first is a else "ba"
    f: dict[str, float] = {f"types={a.type[0]}{b.type[0]}": 1.0, f"order={order}": 1.0}
    between = [t for t in toks if t.start >= first.end and t.end <= second.start]
    after = [t for t in toks if t.start >= second.end]
    before = [t for t in toks if t.end <= first.start]
    n = len(between)
    f[f"dist={min(n, 8) if n < 8 else ('near' if n < 14 else 'far')}"] = 1.0
    role = {id(first): "F", id(second): "S"}
    marks = {}
    for span, tail in ((first, between), (second, after)):
        # the particle or word right after a name marks its role ("메타는", "Meta's")
        mark = next((t for t in tail[:2] if t.tag.startswith("J") or t.text in ("'s", "(", ",")), None)
        key = "a" if span is a else "b"
        marks[key] = mark.text if mark else "-"
        f[f"mark.{key}={marks[key]}"] = 1.0
        f[f"mark.{key}{role[id(span)]}={marks[key]}"] = 1.0
    f[f"marks={marks['a']}|{marks['b']}|{order}"] = 1.0
    # English: the word before each name ("in X", "from X", "by X", "joined X")
    for span, key in ((a, "a"), (b, "b")):
        prev = [t for t in toks if t.end <= span.start][-1:]
        if prev:
            f[f"prev.{key}={_word(prev[0], lang)}"] = 1.0
    words = [_word(t, lang) for t in between if lang != "ko" or t.tag.startswith(_CONTENT_TAGS + _KEEP_TAGS)]
    if n <= MAX_BETWEEN:
        for w in words:
            f[f"bw={w}"] = 1.0
            f[f"bw.{order}={w}"] = 1.0
        for x, y in zip(words, words[1:], strict=False):
            f[f"bw2={x} {y}"] = 1.0
        if n <= 4:
            f[f"bwseq.{order}={' '.join(words)}"] = 1.0
    # what follows the later name up to the end of its clause: the predicate
    tail: list[Tok] = []
    for t in after:
        if lang == "ko":
            if t.tag.startswith(("VV", "XSV", "NNG", "VA", "XSA", "EP", "VX", "SL")):
                tail.append(t)
            if t.tag in _CLAUSE_END or len(tail) >= 6:
                break
        else:
            tail.append(t)
            if t.text in (".", ";") or len(tail) >= 5:
                break
    for t in tail:
        f[f"after={_word(t, lang)}"] = 1.0
    for t in before[-3:]:
        f[f"before={_word(t, lang)}"] = 1.0
    # trigger classes of the lexicon seen between the names and after them
    region = sentence[first.end:second.start]
    rest = sentence[second.end:second.end + 40]
    for text, cls in _trigger_classes(lang):
        if text in region:
            f[f"trig.bw={cls}"] = 1.0
        if text in rest:
            f[f"trig.after={cls}"] = 1.0
    f["bias"] = 1.0
    return f


def candidate_relations(a_type: str, b_type: str) -> list[str]:
    """Relations whose argument types admit (a, b)."""
    return [r.name for r in RELATIONS.values() if a_type in r.subject_types and b_type in r.object_types]


class PairModel:
    """One logistic model per relation: ``weights[relation][feature]`` and a bias."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version = data.get("version", MODEL_VERSION)
        self.weights: dict[str, dict[str, float]] = data["weights"]
        self.thresholds: dict[str, float] = data["thresholds"]

    def score(self, relation: str, features: dict[str, float]) -> float:
        w = self.weights.get(relation)
        if not w:
            return 0.0
        z = sum(w.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def predict(self, features: dict[str, float], relations: Iterable[str]) -> tuple[str, float] | None:
        """The best-scoring relation if it reaches its threshold: a pair states one relation."""
        best = max(((rel, self.score(rel, features)) for rel in relations), key=lambda x: x[1], default=None)
        if best is None or best[1] < self.thresholds.get(best[0], 1.0):
            return None
        return best


@cache
def load_model(lang: str) -> PairModel | None:
    """The shipped model for ``lang``, or None when none was trained."""
    path = resources.files("kg.extract").joinpath(f"data/pairs-{lang}.json")
    if not path.is_file():
        return None
    return PairModel(json.loads(path.read_text(encoding="utf-8")))
