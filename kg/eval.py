"""Score extraction against gold facts, as ``shared/eval/GUIDE.md`` defines it.

Each gold document is ingested into a temporary store of its own with the
gold's publication date; the store's facts are then matched to the gold on
(subject, relation, object) after folding names against the gold's aliases.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.extract import corpus
from kg.graph.model import RELATIONS, Entity, Fact
from kg.graph.registry import fold
from kg.graph.store import open_store
from kg.ingest import ingest_file

ALL = "ALL"  # the counters' key for the micro-average over every document
QUALIFIER_KEYS = ("amount", "currency", "date", "count", "pct", "stake_pct", "title", "role",
                  "status", "valuation", "round")
# GUIDE.md says how normalized qualifiers compare (amounts within 2 %, dates at the
# gold's precision, counts and percentages as numbers); titles, roles, rounds and
# statuses are the annotators' free text, compared here by containment of the fold,
# a stricter test than any the guide defines. Both kinds are reported apart so that
# neither hides the other.
NORMALIZED_QUALIFIERS = frozenset({"amount", "currency", "date", "count", "pct", "stake_pct", "valuation"})


@dataclass
class Outcome:
    """One predicted or gold fact and how it scored."""

    doc: str
    lang: str
    relation: str
    subject: str
    object: str
    kind: str  # "tp", "fp" or "fn"
    evidence: str = ""
    qualifiers: dict[str, Any] = field(default_factory=dict)
    extractor: str = ""  # the rule set or learned component that produced a predicted fact


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    qual_ok: int = 0
    qual_total: int = 0
    qual_by_key: dict[str, Counter] = field(default_factory=dict)  # key -> {"ok": n, "checked": n}
    outcomes: list[Outcome] = field(default_factory=list)
    qualifier_misses: list[str] = field(default_factory=list)

    def prf(self, key: str | None = None) -> tuple[float, float, float, int, int, int]:
        """Precision, recall, F1 and the counts, for one key (relation or lang) or all."""
        key = key or ALL
        tp, fp, fn = self.tp[key], self.fp[key], self.fn[key]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, tp, fp, fn

    @property
    def qualifier_accuracy(self) -> float:
        return self.qual_ok / self.qual_total if self.qual_total else 1.0

    def qualifier_kind(self, normalized: bool) -> tuple[float, int, int]:
        """Accuracy, correct and checked over the normalized qualifiers (``normalized``)
        or over the free-text ones."""
        counts = [c for key, c in self.qual_by_key.items() if (key in NORMALIZED_QUALIFIERS) == normalized]
        ok, checked = sum(c["ok"] for c in counts), sum(c["checked"] for c in counts)
        return (ok / checked if checked else 1.0), ok, checked


def _names(entity: Entity) -> set[str]:
    return {fold(entity.name), *(fold(a) for a in entity.aliases)}


def _gold_names(value: str | list[str], entities: dict[str, list[str]]) -> set[str]:
    out: set[str] = set()
    for name in [value] if isinstance(value, str) else value:
        out |= {fold(name), *(fold(a) for a in entities.get(name, []))}
    return out


def _matches(fact: Fact, gold: dict, entities: dict[str, list[str]]) -> bool:
    if fact.relation != gold["relation"]:
        return False
    s, o = _names(fact.subject), _names(fact.object)
    gs, go = _gold_names(gold["subject"], entities), _gold_names(gold["object"], entities)
    if s & gs and o & go:
        return True
    return RELATIONS[fact.relation].symmetric and bool(s & go and o & gs)


def _qualifier_ok(key: str, gold: dict, q: dict[str, Any]) -> bool:
    want = gold[key]
    if key == "amount":
        options = [(q.get("amount"), q.get("currency")), (q.get("amount_alt"), q.get("currency_alt"))]
        targets = [(want, gold.get("currency"))]
        if gold.get("amount_alt"):
            targets.append(tuple(gold["amount_alt"]))
        return any(a is not None and c == tc and abs(a - ta) <= 0.02 * abs(ta)
                   for a, c in options for ta, tc in targets)
    if key == "currency":
        alt = gold.get("amount_alt")
        return q.get("currency") == want or (alt is not None and q.get("currency") == alt[1])
    got = q.get(key)
    if got is None:
        return False
    if key == "date":
        return str(got)[: len(str(want))] == str(want) and len(str(got)) >= len(str(want))
    if isinstance(want, int | float):
        return abs(float(got) - want) <= 0.02 * abs(want)
    return fold(str(got)) == fold(str(want)) or fold(str(want)) in fold(str(got))


def score_document(gold: dict, facts: list[Fact], score: Score) -> None:
    """Match one document's facts against its gold and add to ``score``."""
    entities = gold.get("entities", {})
    lang, doc = gold.get("lang", "?"), gold["doc"]
    matched: set[int] = set()
    for fact in facts:
        hits = [i for i, g in enumerate(gold["facts"]) if _matches(fact, g, entities)]
        required = [i for i in hits if not gold["facts"][i].get("optional")]
        fresh = [i for i in required if i not in matched]
        evidence = fact.sources[0].evidence if fact.sources else ""
        if fresh:
            i = fresh[0]
            matched.add(i)
            for key in (fact.relation, lang, ALL):
                score.tp[key] += 1
            for key in QUALIFIER_KEYS:
                if key in gold["facts"][i] and not (key == "currency" and "amount" in gold["facts"][i]):
                    score.qual_total += 1
                    counts = score.qual_by_key.setdefault(key, Counter())
                    counts["checked"] += 1
                    if _qualifier_ok(key, gold["facts"][i], fact.qualifiers):
                        score.qual_ok += 1
                        counts["ok"] += 1
                    else:
                        score.qualifier_misses.append(
                            f"{doc}: {fact.relation} {fact.subject.name} -> {fact.object.name}: "
                            f"{key} gold={gold['facts'][i][key]!r} got={fact.qualifiers}"
                        )
            score.outcomes.append(Outcome(doc, lang, fact.relation, fact.subject.name,
                                          fact.object.name, "tp", evidence, fact.qualifiers,
                                          fact.extractor))
        elif not hits:
            for key in (fact.relation, lang, ALL):
                score.fp[key] += 1
            score.outcomes.append(Outcome(doc, lang, fact.relation, fact.subject.name,
                                          fact.object.name, "fp", evidence, fact.qualifiers,
                                          fact.extractor))
    for i, g in enumerate(gold["facts"]):
        if i in matched or g.get("optional"):
            continue
        for key in (g["relation"], lang, ALL):
            score.fn[key] += 1
        score.outcomes.append(Outcome(doc, lang, g["relation"], str(g["subject"]),
                                      str(g["object"]), "fn"))


def load_gold(gold_dir: str | Path) -> list[dict]:
    """:func:`kg.extract.corpus.load_gold`, with a directory that has no gold.jsonl a :class:`KgError`."""
    if not (Path(gold_dir) / "gold.jsonl").is_file():
        raise KgError(f"{gold_dir}: no gold.jsonl here")
    return corpus.load_gold(gold_dir)


def by_extractor(score: Score) -> dict[str, Counter]:
    """True and false positives per extractor: a rule (``kg.rules.en.v1#en.hired.verb``),
    a rule set's claims no rule names, or a learned component."""
    out: dict[str, Counter] = {}
    for o in score.outcomes:
        if o.kind in ("tp", "fp"):
            out.setdefault(o.extractor or "?", Counter())[o.kind] += 1
    return dict(sorted(out.items()))


def by_ruleset(score: Score) -> dict[str, Counter]:
    """True and false positives per rule set or learned component: its rules' counts summed."""
    from kg.extract.rulebook import ruleset_of

    out: dict[str, Counter] = {}
    for name, counts in by_extractor(score).items():
        out.setdefault(ruleset_of(name), Counter()).update(counts)
    return out


def evaluate(gold_dir: str | Path, *, only: list[str] | None = None,
             progress: Any = None, without: tuple[str, ...] = ()) -> Score:
    """Ingest every gold document into its own temporary store and score it.

    ``without`` names document-layer stages to switch off (an ablation).
    """
    from kg.extract.document import disabled

    with disabled(*without):
        return _evaluate(gold_dir, only=only, progress=progress)


def _evaluate(gold_dir: str | Path, *, only: list[str] | None, progress: Any) -> Score:
    score = Score()
    golds = [g for g in load_gold(gold_dir) if not only or g["doc"] in only]
    for gold in golds:
        with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
            with open_store(tmp) as store:
                result = ingest_file(store, Path(gold_dir) / gold["doc"],
                                     published=gold.get("published"), lang=gold.get("lang", "auto"))
                facts = [f for f in store.facts() if any(s.doc == result.document.id
                                                         for s in f.sources)]
        score_document(gold, facts, score)
        if progress:
            progress(gold["doc"])
    return score
