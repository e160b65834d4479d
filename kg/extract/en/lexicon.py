"""The English extractor's lexicon (``data/lexicon.json``), loaded once."""

from __future__ import annotations

import json
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
        return frozenset(value) if isinstance(value, list) else value


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The bundled lexicon."""
    text = resources.files("kg.extract.en").joinpath("data/lexicon.json").read_text("utf-8")
    return Lexicon(json.loads(text))
