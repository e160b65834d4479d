"""Train the pair relation model (``kg.extract.pairs``) from an annotated corpus.

Examples are built per sentence from gold mentions (``corpus.gold_mentions``):
for each ordered pair of gold entities named in a sentence and each relation
their types allow, the label is 1 when a required gold fact of that relation
links the pair and this sentence is its evidence, 0 when the document's gold
links the pair by no fact of that relation in either direction; a pair the
gold relates by that relation elsewhere in the document (or only optionally)
is left out, since the sentence may or may not state it.

Fitting is deterministic (L-BFGS, fixed order, rounded weights), so the same
corpus gives byte-identical model files. Needs scikit-learn (the ``train``
extra); inference does not.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.extract.corpus import entity_types, gold_mentions
from kg.extract.pairs import MODEL_VERSION, Span, candidate_relations, pair_features, tokens
from kg.graph.model import RELATIONS
from kg.loaders.segment import split_sentences

Example = tuple[str, dict[str, float], int, str]  # relation, features, label, document


def _names(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _same_sentence(evidence: str, sentence: str) -> bool:
    a, b = " ".join(evidence.split()), " ".join(sentence.split())
    return bool(a) and (a[:40] in b or b[:40] in a)


def document_examples(record: dict, text: str) -> list[Example]:
    """The training examples of one gold document."""
    lang = record["lang"]
    types = entity_types(record)
    facts: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for fact in record["facts"]:
        for s in _names(fact["subject"]):
            for o in _names(fact["object"]):
                facts[(s, fact["relation"], o)].append(fact)
                if RELATIONS[fact["relation"]].symmetric:
                    facts[(o, fact["relation"], s)].append(fact)
    out: list[Example] = []
    for sentence in split_sentences(text, lang):
        mentions = gold_mentions(sentence, record, types)
        if len(mentions) < 2:
            continue
        toks = tokens(sentence, lang)
        firsts = {}
        for m in mentions:  # one mention per entity: its first in the sentence
            firsts.setdefault(m.entity, m)
        for a in firsts.values():
            for b in firsts.values():
                if a.entity == b.entity:
                    continue
                rels = candidate_relations(a.type, b.type)
                if not rels:
                    continue
                feats = pair_features(sentence, toks, Span(a.start, a.end, a.type),
                                      Span(b.start, b.end, b.type), lang)
                for rel in rels:
                    gold = facts.get((a.entity, rel, b.entity), [])
                    if any(not g.get("optional") and _same_sentence(g.get("evidence", ""), sentence)
                           for g in gold):
                        out.append((rel, feats, 1, record["doc"]))
                    elif not gold and not facts.get((b.entity, rel, a.entity)):
                        # the gold links the pair by no fact of this relation, either way
                        out.append((rel, feats, 0, record["doc"]))
    return out


def corpus_examples(items: Iterable[tuple[dict, str]]) -> dict[str, list[Example]]:
    """Examples by language from (gold record, article text) pairs."""
    out: dict[str, list[Example]] = defaultdict(list)
    for record, text in items:
        out[record["lang"]].extend(document_examples(record, text))
    return out


def fit(examples: list[Example], *, c: float = 0.5, min_count: int = 2) -> dict[str, dict[str, float]]:
    """One L2 logistic model per relation; features seen fewer than ``min_count`` times dropped."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    by_rel: dict[str, list[tuple[dict[str, float], int]]] = defaultdict(list)
    for rel, feats, label, _doc in examples:
        by_rel[rel].append((feats, label))
    weights: dict[str, dict[str, float]] = {}
    for rel in sorted(by_rel):
        rows = by_rel[rel]
        labels = [y for _, y in rows]
        if sum(labels) < 3:
            continue
        counts: dict[str, int] = defaultdict(int)
        for feats, _ in rows:
            for k in feats:
                counts[k] += 1
        keep = {k for k, n in counts.items() if n >= min_count}
        vec = DictVectorizer(sort=True)
        x = vec.fit_transform([{k: v for k, v in feats.items() if k in keep} for feats, _ in rows])
        model = LogisticRegression(C=c, solver="lbfgs", max_iter=2000, class_weight="balanced")
        model.fit(x, labels)
        named = zip(vec.feature_names_, model.coef_[0], strict=True)
        w = {name: round(float(coef), 4) for name, coef in named if abs(coef) >= 1e-3}
        w["bias"] = round(w.get("bias", 0.0) + float(model.intercept_[0]), 4)
        weights[rel] = dict(sorted(w.items()))
    return weights


def model_file(weights: dict[str, dict[str, float]], thresholds: dict[str, float],
               meta: dict[str, Any]) -> str:
    """The model as canonical JSON text (sorted keys), so rebuilds compare byte for byte."""
    data = {"version": MODEL_VERSION, "meta": meta, "thresholds": thresholds, "weights": weights}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


def write_model(path: Path, weights: dict[str, dict[str, float]], thresholds: dict[str, float],
                meta: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(model_file(weights, thresholds, meta), encoding="utf-8")


def choose_thresholds(examples: list[Example], *, folds: int = 4, beta: float = 0.5,
                      c: float = 0.5) -> dict[str, float]:
    """Per-relation thresholds from cross-validation by document (F-beta, precision-weighted).

    Each fold's documents are scored by a model fitted on the others; the
    threshold of a relation maximizes F-beta of its pair decisions. No
    document outside ``examples`` is looked at.
    """
    from kg.extract.pairs import PairModel

    docs = sorted({e[3] for e in examples})
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    scored: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for k in range(folds):
        train = [e for e in examples if fold_of[e[3]] != k]
        model = PairModel({"weights": fit(train, c=c), "thresholds": {}})
        for rel, feats, label, doc in examples:
            if fold_of[doc] == k:
                scored[rel].append((model.score(rel, feats), label))
    out: dict[str, float] = {}
    for rel, pairs in sorted(scored.items()):
        best, best_f = 1.0, 0.0
        for t in [x / 100 for x in range(50, 100, 2)]:
            tp = sum(1 for p, y in pairs if p >= t and y)
            fp = sum(1 for p, y in pairs if p >= t and not y)
            fn = sum(1 for p, y in pairs if p < t and y)
            if tp == 0:
                continue
            prec, rec = tp / (tp + fp), tp / (tp + fn)
            f = (1 + beta**2) * prec * rec / (beta**2 * prec + rec)
            if f > best_f:
                best, best_f = t, f
        out[rel] = best
    return out
