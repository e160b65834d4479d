"""Training the recognizer: labelled sentences, name swapping, crfsuite.

Everything here is deterministic: documents and names are read in sorted
order, the one random generator has a fixed seed and crfsuite's L-BFGS has no
randomness, so the same corpus gives the same model file byte for byte.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.extract.ner.corpus import Document, Mention, Sentence
from kg.extract.ner.features import sentence_features
from kg.extract.ner.recognizer import TYPE_LABELS
from kg.extract.ner.tokens import sentences
from kg.graph.names import has_hangul
from kg.graph.registry import default_registry

SEED = 20250604
# per language: (name-swapped copies of each sentence that names something, how many of
# them are read without the gazetteer feature). Reading copies without the gazetteer
# teaches names from their context and shape, which is what an unregistered name has:
# Korean (3, 1) raised cross-validated mention F1 on unregistered names .589 -> .605 and
# fit extraction under cross-validation .530 -> .556 (scripts/cv_ner.py --extraction), but
# lost one fact on the validation split (.536 -> .534; held-out2 .696 -> .714); English
# (3, 1) found more names and more wrong ones (validation .657 -> .644). Both stay (2, 0).
COPIES = {"ko": (2, 0), "en": (2, 0)}
CRF_PARAMS = {
    "c1": 0.05,  # L1: drops features that do not help, keeps the model small
    "c2": 0.01,
    "max_iterations": 150,
    "feature.minfreq": 2,
    "feature.possible_transitions": True,
}


def name_pools(docs: Iterable[Document], lang: str) -> dict[str, list[str]]:
    """Names to swap in, per label type: the corpus' own names in ``lang`` and the registry's."""
    pools: dict[str, set[str]] = {"ORG": set(), "PER": set()}
    for doc in docs:
        if doc.lang != lang:
            continue
        for sent in doc.sentences:
            for m in sent.mentions:
                pools[m.type].add(doc.text[m.start : m.end])
    for alias in default_registry().aliases():
        if alias.weak or alias.lang != lang:
            continue
        if lang == "ko" and not has_hangul(alias.text):
            continue
        pools[TYPE_LABELS[alias.entity.type]].add(alias.text)
    return {kind: sorted(n for n in names if len(n) >= 2 and "\n" not in n) for kind, names in pools.items()}


def swapped(sentence: Sentence, pools: dict[str, list[str]], rng: random.Random) -> Sentence | None:
    """A copy of ``sentence`` with each named entity replaced by another name of its type.

    The new text is tokenized afresh (Kiwi reads a new name in context as it
    would at run time); None when a new name does not fall on token boundaries."""
    lo, hi = sentence.tokens[0].start, sentence.tokens[-1].end
    replacement: dict[str, str] = {}
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = lo
    length = 0
    for m in sentence.mentions:
        key = m.entity or sentence.text[m.start : m.end]
        if key not in replacement:
            replacement[key] = rng.choice(pools[m.type])
        new = replacement[key]
        before = sentence.text[pos : m.start]
        parts.append(before)
        length += len(before)
        spans.append((length, length + len(new), m.type))
        parts.append(new)
        length += len(new)
        pos = m.end
    parts.append(sentence.text[pos:hi])
    text = "".join(parts)
    tokens = [t for sent in sentences(text, sentence.lang) for t in sent]
    if not tokens:
        return None
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    if any(s not in starts or e not in ends for s, e, _ in spans):
        return None
    mentions = [Mention(s, e, kind, "", False) for s, e, kind in spans]
    return Sentence(sentence.doc, sentence.lang, text, tokens, mentions)


def training_sentences(
    docs: list[Document], lang: str, copies: int | None = None, seed: int = SEED,
    blind: int | None = None,
) -> Iterator[Sentence]:
    """Every usable sentence of ``lang`` and its name-swapped copies; the last ``blind``
    copies are read without the gazetteer."""
    copies = COPIES[lang][0] if copies is None else copies
    blind = COPIES[lang][1] if blind is None else blind
    pools = name_pools(docs, lang)
    rng = random.Random(seed)
    for doc in docs:
        if doc.lang != lang:
            continue
        for sent in doc.sentences:
            if sent.uncertain:
                continue
            yield sent
            if not sent.mentions:
                continue
            for k in range(copies):
                copy = swapped(sent, pools, rng)
                if copy is not None:
                    copy.gazetteer = k < copies - blind
                    yield copy


def train_model(sents: Iterable[Sentence], path: Path, params: dict | None = None) -> int:
    """Fit a CRF on ``sents`` and write it to ``path``; returns the number of sequences.
    ``params`` go over CRF_PARAMS."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    count = 0
    for sent in sents:
        trainer.append(sentence_features(sent.tokens, sent.text, sent.lang, use_gazetteer=sent.gazetteer),
                       sent.labels())
        count += 1
    trainer.set_params({**CRF_PARAMS, **(params or {})})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return count
