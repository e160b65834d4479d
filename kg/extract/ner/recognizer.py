"""The learned recognizer of organization and person names (a linear-chain CRF).

    >>> from kg.extract.ner import recognizer
    >>> recognizer("en").find("Zentrix Labs hired Maya Orlov as CTO")  # doctest: +SKIP
    [NamedSpan(start=0, end=12, type='Organization', score=0.97),
     NamedSpan(start=19, end=30, type='Person', score=0.99)]

Models are ``data/{ko,en}.crfsuite``, built by ``python scripts/train.py``.
"""

from __future__ import annotations

import os
import struct
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from kg.errors import KgError
from kg.extract.ner.features import sentence_features
from kg.extract.ner.tokens import Token, sentences
from kg.graph.model import ORGANIZATION, PERSON

LANGUAGES = ("ko", "en")
LABEL_TYPES = {"ORG": ORGANIZATION, "PER": PERSON}
TYPE_LABELS = {ORGANIZATION: "ORG", PERSON: "PER"}


@dataclass(frozen=True)
class NamedSpan:
    """A name in the text: ``text[start:end]``, its entity type ("Organization" or
    "Person") and ``score``, the model's probability that exactly this span is a
    name of this type (the lowest marginal probability of its tags and of the
    span ending there: an upper bound on the joint probability, and close to it)."""

    start: int
    end: int
    type: str
    score: float


def spans_from_labels(labels: list[str]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, "ORG"/"PER") of each name in a BIO label sequence.

    An I- label that does not continue a name of its type starts one, as CRF
    decoders occasionally produce."""
    out: list[tuple[int, int, str]] = []
    start = kind = None
    for i, label in enumerate([*labels, "O"]):
        tag, _, typ = label.partition("-")
        if start is not None and (tag != "I" or typ != kind):
            out.append((start, i, kind))
            start = kind = None
        if tag == "B" or (tag == "I" and start is None):
            start, kind = i, typ
    return out


MODELS_ENV = "KG_NER_MODELS"


def model_path(lang: str) -> Path:
    """The shipped model, or ``$KG_NER_MODELS/{lang}.crfsuite`` when that is set: how
    ``scripts/cv_ner.py --extraction`` scores extraction with a model trained without the
    documents it reads (the shipped one has seen every fit name)."""
    folder = os.environ.get(MODELS_ENV)
    if folder:
        return Path(folder) / f"{lang}.crfsuite"
    return Path(str(resources.files("kg.extract.ner").joinpath(f"data/{lang}.crfsuite")))


def model_attributes(path: str | Path) -> frozenset[str] | None:
    """The attribute (feature) names a crfsuite model file knows, read from its attribute
    dictionary; None if the file is not laid out as crfsuite 0.12 writes it.

    ``Tagger.info()`` gives the same names but parses a text dump of the whole model,
    which cost ten times as long, in every process that loads the model. The file
    starts with the CRF1d header (magic "lCRF", then the attribute dictionary's
    offset as its tenth 32-bit field); the dictionary is a CQDB chunk whose backward
    array maps each id to its record: id, size, then the name and a NUL.
    """
    try:
        data = Path(path).read_bytes()
        magic, _, kind, _, _, _, count, _, _, chunk = struct.unpack_from("<4sI4s7I", data, 0)
        cqdb, _, _, _, size, backward = struct.unpack_from("<4s5I", data, chunk)
        if magic != b"lCRF" or kind != b"FOMC" or cqdb != b"CQDB" or size != count:
            return None
        names = []
        for offset in struct.unpack_from(f"<{size}I", data, chunk + backward):
            _, length = struct.unpack_from("<2I", data, chunk + offset)
            start = chunk + offset + 8
            names.append(data[start : start + length - 1].decode("utf-8"))
        return frozenset(names)
    except (OSError, struct.error, UnicodeDecodeError):
        return None


class MentionRecognizer:
    """Finds organization and person names in text of one language."""

    def __init__(self, lang: str, path: str | Path | None = None) -> None:
        import pycrfsuite

        if lang not in LANGUAGES:
            raise KgError(f"no name recognizer for language {lang!r}; known: {', '.join(LANGUAGES)}")
        self.lang = lang
        self.path = Path(path) if path is not None else model_path(lang)
        if not self.path.is_file():
            raise KgError(f"{self.path}: name recognizer model missing; run `python scripts/train.py`")
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(self.path))
        except Exception as exc:  # crfsuite says only "Cannot open model file"
            raise KgError(f"{self.path}: not a name recognizer model ({exc})") from exc
        self._lock = threading.Lock()  # a crfsuite tagger holds the current sequence
        self._labels = frozenset(self._tagger.labels())
        # the attributes the model has weights for: features it lacks are not handed to it
        self._attributes = model_attributes(self.path) or frozenset(self._tagger.info().attributes)

    def find(self, text: str) -> list[NamedSpan]:
        """Every organization and person name in ``text``, in order; offsets index ``text``."""
        out: list[NamedSpan] = []
        for tokens in sentences(text, self.lang):
            out.extend(self.find_in_tokens(tokens, text))
        return out

    def find_in_tokens(self, tokens: list[Token], text: str) -> list[NamedSpan]:
        """Names in one sentence already tokenized (offsets index ``text``)."""
        if not tokens:
            return []
        xseq = sentence_features(tokens, text, self.lang, self._attributes, encoded=True)
        out = []
        with self._lock:
            self._tagger.set(xseq)
            labels = self._tagger.tag()
            # marginals only of the tokens of names: most sentences name none
            for first, last, kind in spans_from_labels(labels):
                probs = [self._marginal(f"B-{kind}", first)]
                probs += [self._marginal(f"I-{kind}", k) for k in range(first + 1, last)]
                if last < len(tokens):
                    probs.append(1.0 - self._marginal(f"I-{kind}", last))
                start, end = tokens[first].start, tokens[last - 1].end
                out.append(NamedSpan(start, end, LABEL_TYPES[kind], round(min(probs), 4)))
        return out

    def _marginal(self, label: str, position: int) -> float:
        """The current sequence's marginal of ``label`` at ``position`` (0 for a label the model lacks)."""
        return self._tagger.marginal(label, position) if label in self._labels else 0.0

    def tag(self, tokens: list[Token], text: str) -> tuple[list[str], list[dict[str, float]]]:
        """The best label sequence of a sentence and each token's label marginals."""
        xseq = sentence_features(tokens, text, self.lang, self._attributes, encoded=True)
        with self._lock:
            self._tagger.set(xseq)
            labels = self._tagger.tag()
            names = self._tagger.labels()
            marginals = [{y: self._tagger.marginal(y, i) for y in names} for i in range(len(tokens))]
        for m in marginals:
            for y in ("B-ORG", "I-ORG", "B-PER", "I-PER", "O"):
                m.setdefault(y, 0.0)
        return labels, marginals


@cache
def recognizer(lang: str) -> MentionRecognizer:
    """The shipped recognizer of ``lang`` ("ko" or "en"), loaded once per process."""
    return MentionRecognizer(lang)
