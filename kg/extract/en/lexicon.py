"""The English extractor's lexicon (``data/lexicon.json``), loaded once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Lexicon:
    """Word lists and pattern templates; the code holds only general grammar."""

    raw: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            value = self.raw[name]
        except KeyError:
            raise AttributeError(name) from None
        value = frozenset(value) if isinstance(value, list) else value
        # Kept on the instance, so the next lookup does not come here: the extractor asks
        # for word lists per token, and a list was made into a new set every time.
        object.__setattr__(self, name, value)
        return value

    def alternation(self, name: str) -> str:
        """The regex alternation of the word list ``name``, longest first (stable order)."""
        return _alternation(getattr(self, name))


@lru_cache(maxsize=64)
def _alternation(words: frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The bundled lexicon."""
    text = resources.files("kg.extract.en").joinpath("data/lexicon.json").read_text("utf-8")
    return Lexicon(json.loads(text))
