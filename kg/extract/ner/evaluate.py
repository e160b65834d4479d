"""Mention-level scores of the recognizer against projected gold.

A predicted name counts when its span and type are exactly a gold one's.
Scores are kept per language and type, for all names and for names the
registry does not know (the recognizer's purpose): a name is "in the registry"
when its surface form or its gold entity resolves there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.extract.ner.corpus import Document
from kg.extract.ner.recognizer import TYPE_LABELS, MentionRecognizer
from kg.graph.registry import default_registry


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Counts keyed by (scope, type): scope "all" or "unregistered", type "ORG"/"PER"/"*"."""

    counts: dict[tuple[str, str], Counts] = field(default_factory=dict)
    sentences: int = 0
    skipped: int = 0  # sentences naming an entity of unknown type

    def add(self, scope: str, kind: str, what: str) -> None:
        for key in ((scope, kind), (scope, "*")):
            c = self.counts.setdefault(key, Counts())
            setattr(c, what, getattr(c, what) + 1)


def score(recognizer: MentionRecognizer, docs: Iterable[Document]) -> Scores:
    registry = default_registry()
    out = Scores()
    for doc in docs:
        if doc.lang != recognizer.lang:
            continue
        for sent in doc.sentences:
            if sent.uncertain:
                out.skipped += 1
                continue
            out.sentences += 1
            gold = {(m.start, m.end, m.type): m.in_registry for m in sent.mentions}
            found = {
                (s.start, s.end, TYPE_LABELS[s.type])
                for s in recognizer.find_in_tokens(sent.tokens, sent.text)
            }
            for key in found:
                known = gold.get(key) or registry.lookup(sent.text[key[0] : key[1]]) is not None
                hit = "tp" if key in gold else "fp"
                out.add("all", key[2], hit)
                if not known:
                    out.add("unregistered", key[2], hit)
            for key, known in gold.items():
                if key not in found:
                    out.add("all", key[2], "fn")
                    if not known:
                        out.add("unregistered", key[2], "fn")
    return out


def mention_counts(docs: Iterable[Document]) -> Counter:
    """Gold mentions per (language, type, registered or not)."""
    out: Counter = Counter()
    for doc in docs:
        for sent in doc.sentences:
            if not sent.uncertain:
                for m in sent.mentions:
                    out[(doc.lang, m.type, "registered" if m.in_registry else "unregistered")] += 1
    return out
