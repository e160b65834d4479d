"""Tokens of the name recognizer, with character offsets into the text.

Korean text is cut into Kiwi morphemes, so a particle after a name ("샤지르는")
is a token of its own and a name ends at a token boundary. English text is cut
by a regular expression that keeps dotted names and abbreviations whole
("Character.AI", "A.I.", "Inc.", "U.S."), hyphenated words and decimals, and
splits off the possessive "'s".

Both tokenizers group tokens by sentence: the recognizer's features read
neighbours within a sentence and its position in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.loaders.morph import kiwi


@dataclass(frozen=True)
class Token:
    """One token: ``form`` as the tokenizer gives it, ``tag`` its part of speech
    (Kiwi's tag for Korean, a coarse word class for English), ``start``/``end``
    character offsets into the text that was tokenized."""

    form: str
    tag: str
    start: int
    end: int


_PARAGRAPH = re.compile(r"[^\n]+")

# Words that keep their full stop ("Inc." is one token, not a sentence end).
_DOTTED_WORDS = (
    "Inc|Corp|Ltd|Co|Bros|Jr|Sr|Mr|Mrs|Ms|Dr|Prof|St|Gen|Gov|Sen|Rep|Lt|Col|Sgt|No|Nos|vs|etc|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|dept"
)
_EN_TOKEN = re.compile(
    rf"""
      (?:[A-Za-z]\.){{2,}}(?![A-Za-z])             # A.I., U.S., e.g.
    | \b(?:{_DOTTED_WORDS})\.                      # Inc., Corp., Mr.
    | \d+(?:[.,:]\d+)+(?!\w)                       # 14.3, 1,000, 10:30
    | \w+(?:(?:[.&/\-]|['’](?![sS]\b))\w+)*        # words, Character.AI, co-founder, O'Brien, AT&T
    | ['’][sS]\b                                   # possessive
    | \S                                           # any other character
    """,
    re.VERBOSE,
)
_SENTENCE_END = frozenset(".!?…")
_QUOTES_AFTER = frozenset("\"'”’)]")


def _en_class(form: str) -> str:
    """A coarse word class: what capitalization and characters say about a word."""
    if form[0].isdigit():
        return "NUM"
    if not form[0].isalnum():
        return "PUNCT"
    if form.isupper() and len(form) > 1:
        return "UPPER"
    if form[0].isupper():
        return "TITLE"
    if any(c.isupper() for c in form[1:]):
        return "MIXED"
    return "LOWER"


def english_sentences(text: str) -> list[list[Token]]:
    """Tokens of English ``text``, one list per sentence."""
    out: list[list[Token]] = []
    for para in _PARAGRAPH.finditer(text):
        tokens = [
            Token(m.group(), _en_class(m.group()), para.start() + m.start(), para.start() + m.end())
            for m in _EN_TOKEN.finditer(para.group())
        ]
        current: list[Token] = []
        for i, token in enumerate(tokens):
            current.append(token)
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            ends = token.form in _SENTENCE_END or (
                token.form in _QUOTES_AFTER and len(current) > 1 and current[-2].form in _SENTENCE_END
            )
            if ends and nxt is not None and nxt.form not in _QUOTES_AFTER and nxt.form not in _SENTENCE_END:
                if nxt.form[0].isupper() or nxt.form[0].isdigit() or nxt.form in "\"“‘(":
                    out.append(current)
                    current = []
        if current:
            out.append(current)
    return out


def korean_sentences(text: str) -> list[list[Token]]:
    """Kiwi morphemes of Korean ``text``, one list per sentence (Kiwi's splitter)."""
    out: list[list[Token]] = []
    analyzer = kiwi()
    for para in _PARAGRAPH.finditer(text):
        if not para.group().strip():
            continue
        base = para.start()
        for sent in analyzer.tokenize(para.group(), split_sents=True):
            tokens = [Token(t.form, t.tag, base + t.start, base + t.start + t.len) for t in sent]
            if tokens:
                out.append(tokens)
    return out


def sentences(text: str, lang: str) -> list[list[Token]]:
    """Tokens of ``text`` grouped by sentence; ``lang`` is "ko" or "en"."""
    if lang == "ko":
        return korean_sentences(text)
    if lang == "en":
        return english_sentences(text)
    raise ValueError(f"unknown language {lang!r}; known: ko, en")
