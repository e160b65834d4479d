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
import sys
import threading
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from kg.errors import KgError
from kg.extract.ner.features import AttributeKeys, Encoding, sentence_features
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


# (start, end, type) of a name -> whether a caller wants it (MentionRecognizer.find_in_tokens)
Keep = Callable[[int, int, str], bool]

MODELS_ENV = "KG_NER_MODELS"


def model_path(lang: str) -> Path:
    """The shipped model, or ``$KG_NER_MODELS/{lang}.crfsuite`` when that is set: how
    ``scripts/cv_ner.py --extraction`` scores extraction with a model trained without the
    documents it reads (the shipped one has seen every fit name)."""
    folder = os.environ.get(MODELS_ENV)
    if folder:
        return Path(folder) / f"{lang}.crfsuite"
    return Path(str(resources.files("kg.extract.ner").joinpath(f"data/{lang}.crfsuite")))


def _attribute_names(data: bytes) -> list[str] | None:
    """The attribute names of a crfsuite model, by id; None if it is not laid out as
    crfsuite 0.12 writes it (``Tagger.info()`` gives the same names but parses a text dump
    of the whole model, ten times as long, in every process that loads it). The file
    starts with the CRF1d header (magic "lCRF", then the attribute dictionary's offset as
    its tenth 32-bit field); the dictionary is a CQDB chunk whose backward array maps each
    id to its record: id, size, then the name and a NUL."""
    try:
        magic, _, kind, _, _, _, count, _, _, chunk = struct.unpack_from("<4sI4s7I", data, 0)
        cqdb, _, _, _, size, backward = struct.unpack_from("<4s5I", data, chunk)
        if magic != b"lCRF" or kind != b"FOMC" or cqdb != b"CQDB" or size != count:
            return None
        names = []
        for offset in struct.unpack_from(f"<{size}I", data, chunk + backward):
            _, length = struct.unpack_from("<2I", data, chunk + offset)
            start = chunk + offset + 8
            names.append(data[start : start + length - 1].decode("utf-8"))
        return names
    except (struct.error, UnicodeDecodeError):
        return None


# The tagger is handed each token's features as strings, and for each it copies the
# string into C++ strings and looks it up in the model's attribute dictionary (a hash
# of the whole string, then a comparison): a Korean feature is 15-30 bytes ("-1:w="
# and a word of three-byte syllables), past the length C++ keeps without allocating.
# The model is loaded with its attributes renamed to three bytes each: the same ids,
# so the same weights, tags and marginals, and handing a sentence over costs a quarter
# less (0.107 -> 0.080 s on the 95 Korean articles' 1186 sentences), for a few
# milliseconds once when the model is loaded. Only the attribute dictionary changes:
# a new one is appended to the model and the header pointed at it.
_MAX_RENAMED = 255 * 255


def _short_names(count: int) -> bytes:
    """The names of attributes 0 .. count - 1 in the renamed model, each with its NUL,
    four bytes each, one after another: a byte no feature starts with (a control
    character), then the id in two base-255 digits, none of them NUL."""
    names = bytearray(4 * count)
    names[0::4] = b"\x01" * count
    names[1::4] = b"".join(bytes((digit,)) * 255 for digit in range(1, 256))[:count]
    names[2::4] = (bytes(range(1, 256)) * 255)[:count]
    return bytes(names)


def _words(data: bytes) -> array:
    """``data`` read as little-endian 32-bit words."""
    words = array("I", data)
    if sys.byteorder == "big":
        words.byteswap()
    return words


def _hashlittle(keys: bytes, length: int) -> list[int]:
    """Bob Jenkins' lookup3 ``hashlittle(key, length, 0)`` of each key in ``keys`` (keys
    of ``length`` bytes one after another), which CQDB files index their strings by.

    Computed for all keys at once: each key's 32-bit state sits in its own 64-bit lane of
    one Python integer, and the lanes are kept apart by masking after each shift, adding
    2**32 before each subtraction (no borrow crosses a lane) and masking after each
    addition. A key at a time cost 18 ms for the Korean model's 7029; this is 1 ms."""
    count = len(keys) // length
    blocks = -(-length // 12)
    padded = bytearray(12 * blocks * count)  # each key zero-padded to whole 12-byte blocks
    for at in range(length):
        padded[at :: 12 * blocks] = keys[at::length]
    words = _words(bytes(padded))

    def lanes(values: array) -> int:
        return int.from_bytes(array("Q", values).tobytes(), sys.byteorder)

    ones = lanes(array("I", [1]) * count)
    mask, borrow = 0xFFFFFFFF * ones, (1 << 32) * ones

    def rot(x: int, k: int) -> int:
        return ((x << k) | (x >> (32 - k))) & mask

    a = b = c = ((0xDEADBEEF + length) & 0xFFFFFFFF) * ones
    for block in range(blocks):
        at = 3 * block
        a = (a + lanes(words[at :: 3 * blocks])) & mask
        b = (b + lanes(words[at + 1 :: 3 * blocks])) & mask
        c = (c + lanes(words[at + 2 :: 3 * blocks])) & mask
        if block == blocks - 1:
            break
        # mix(a, b, c): "x -= y; x ^= rot(y, r); y += z" six times, the roles (x, y, z)
        # going (a, c, b) -> (b, a, c) -> (c, b, a) and round again
        x, y, z = a, c, b
        for r in (4, 6, 8, 16, 19, 4):
            x = (x + borrow - y) & mask ^ rot(y, r)
            y = (y + z) & mask
            x, y, z = z, x, y
        a, c, b = x, y, z
    # final(a, b, c): "x ^= y; x -= rot(y, r)" seven times, the roles (x, y, z) going
    # (c, b, a) -> (a, c, b) -> (b, a, c) and round again: y is always the x just set
    x, y, z = c, b, a
    for r in (14, 11, 25, 16, 4, 14, 24):
        x = ((x ^ y) + borrow - rot(y, r)) & mask
        x, y, z = z, x, y
    c = y  # the last x set
    out = array("Q")
    out.frombytes(c.to_bytes(8 * count, sys.byteorder))
    return out.tolist()


def _cqdb(keys: bytes) -> bytes:
    """A CQDB chunk mapping the i-th key of ``keys`` (four bytes each, the NUL included,
    one after another) to i, laid out as crfsuite's cqdb_writer lays it out: header, 256
    table references, records (id, size, key), the tables (twice as many slots as
    entries, open addressing), the backward array (id -> record)."""
    count = len(keys) // 4
    first = 24 + 256 * 8  # the first record, after the header and the table references
    offsets = range(first, first + 12 * count, 12)
    records = array("I", [4]) * (3 * count)
    records[0::3] = array("I", range(count))
    records[2::3] = _words(keys)
    tables: list[list[tuple[int, int]]] = [[] for _ in range(256)]
    for hashed, offset in zip(_hashlittle(keys, 4), offsets, strict=True):
        tables[hashed % 256].append((hashed, offset))
    refs, slots = array("I"), array("I")
    at = offsets[-1] + 12
    for entries in tables:
        n = 2 * len(entries)
        refs.extend((at, n) if n else (0, 0))
        table = [0] * (2 * n)  # hash, offset of each slot
        for hashed, offset in entries:
            k = (hashed >> 8) % n
            while table[2 * k + 1]:
                k = (k + 1) % n
            table[2 * k] = hashed
            table[2 * k + 1] = offset
        slots.extend(table)
        at += 8 * n
    header = array("I", [0, at + 4 * count, 0, 0x62445371, count, at])
    parts = [header, refs, records, slots, array("I", offsets)]
    if sys.byteorder == "big":
        for part in parts:
            part.byteswap()
    return b"CQDB" + b"".join(part.tobytes() for part in parts)[4:]


def _renamed(data: bytes, names: list[str]) -> tuple[bytes, dict[str, bytes]] | None:
    """The model ``data`` with its attributes renamed (:func:`_short_names`), and each
    attribute's new name; None where that cannot be done safely: too many attributes,
    or the file's own dictionary does not index its first names by the hash computed here."""
    if not 0 < len(names) <= _MAX_RENAMED:
        return None
    try:
        if not _indexed_by_hashlittle(data, names):
            return None
    except struct.error:
        return None
    keys = _short_names(len(names))
    renamed = bytearray(data)
    struct.pack_into("<I", renamed, 36, len(data))
    renamed += _cqdb(keys)
    return bytes(renamed), dict(zip(names, [keys[at : at + 3] for at in range(0, len(keys), 4)], strict=True))


def _indexed_by_hashlittle(data: bytes, names: list[str]) -> bool:
    """Whether the model's dictionary finds its first names under :func:`_hashlittle`'s
    hash, probing as crfsuite does."""
    chunk = struct.unpack_from("<I", data, 36)[0]
    backward = struct.unpack_from("<I", data, chunk + 20)[0]
    for aid in range(min(8, len(names))):
        record = struct.unpack_from("<I", data, chunk + backward + 4 * aid)[0]
        key = names[aid].encode() + b"\0"
        hashed = _hashlittle(key, len(key))[0]
        at, n = struct.unpack_from("<2I", data, chunk + 24 + 8 * (hashed % 256))
        for step in range(n):  # open addressing from the hash's slot, as crfsuite probes
            slot = struct.unpack_from("<2I", data, chunk + at + 8 * (((hashed >> 8) + step) % n))
            if slot == (hashed, record):
                break
            if not slot[1]:  # an empty slot: not in the table
                return False
        else:
            return False
    return True


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
        data = self.path.read_bytes()
        names = _attribute_names(data)
        # the model with its attributes renamed short, when it can be (see _short_names);
        # crfsuite reads it where it lies, so it is kept as long as the tagger
        renamed = _renamed(data, names) if names is not None else None
        self._model = renamed[0] if renamed is not None else None
        self._encoded: Encoding = AttributeKeys(renamed[1]) if renamed is not None else True
        try:
            if self._model is not None:
                self._tagger.open_inmemory(self._model)
            else:
                self._tagger.open(str(self.path))
        except Exception as exc:  # crfsuite says only "Cannot open model file"
            raise KgError(f"{self.path}: not a name recognizer model ({exc})") from exc
        self._lock = threading.Lock()  # a crfsuite tagger holds the current sequence
        self._labels = frozenset(self._tagger.labels())
        # the attributes the model has weights for: features it lacks are not handed to it
        self._attributes = frozenset(names if names is not None else self._tagger.info().attributes)

    def find(self, text: str, keep: Keep | None = None) -> list[NamedSpan]:
        """Every organization and person name in ``text``, in order; offsets index ``text``.
        ``keep``: see :meth:`find_in_tokens`."""
        out: list[NamedSpan] = []
        for tokens in sentences(text, self.lang):
            out.extend(self.find_in_tokens(tokens, text, keep))
        return out

    def find_in_tokens(self, tokens: list[Token], text: str, keep: Keep | None = None) -> list[NamedSpan]:
        """Names in one sentence already tokenized (offsets index ``text``).

        ``keep(start, end, type)``: whether the caller wants a name there whatever its
        score; a name it does not want is left out before its score is worked out (the
        first marginal of a sentence runs the forward-backward pass over all of it, and
        most names the recognizer tags are the registry's own, which callers drop)."""
        if not tokens:
            return []
        xseq = sentence_features(tokens, text, self.lang, self._attributes, encoded=self._encoded)
        out = []
        with self._lock:
            self._tagger.set(xseq)
            labels = self._tagger.tag()
            # marginals only of the tokens of names: most sentences name none
            for first, last, kind in spans_from_labels(labels):
                start, end = tokens[first].start, tokens[last - 1].end
                if keep is not None and not keep(start, end, LABEL_TYPES[kind]):
                    continue
                probs = [self._marginal(f"B-{kind}", first)]
                probs += [self._marginal(f"I-{kind}", k) for k in range(first + 1, last)]
                if last < len(tokens):
                    probs.append(1.0 - self._marginal(f"I-{kind}", last))
                out.append(NamedSpan(start, end, LABEL_TYPES[kind], round(min(probs), 4)))
        return out

    def _marginal(self, label: str, position: int) -> float:
        """The current sequence's marginal of ``label`` at ``position`` (0 for a label the model lacks)."""
        return self._tagger.marginal(label, position) if label in self._labels else 0.0

    def tag(self, tokens: list[Token], text: str) -> tuple[list[str], list[dict[str, float]]]:
        """The best label sequence of a sentence and each token's label marginals."""
        xseq = sentence_features(tokens, text, self.lang, self._attributes, encoded=self._encoded)
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
