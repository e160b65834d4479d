"""Extractors looked up by name, imported only when first used.

An extractor is a function ``extract(document, registry) -> list[Claim]``; the
built-in ones also take ``names``, the (surface, type) pairs a recognizer found.
Other packages can add one under the entry-point group ``kg.extractors``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.metadata import entry_points

from kg.errors import KgError
from kg.graph.model import Claim, Document
from kg.graph.registry import Registry

Extractor = Callable[[Document, Registry], list[Claim]]

# Built-in extractors by language: "module:function".
_BUILTIN = {
    "ko": "kg.extract.ko.extractor:extract",
    "en": "kg.extract.en.extractor:extract",
}


def available() -> list[str]:
    names = set(_BUILTIN) | {ep.name for ep in entry_points(group="kg.extractors")}
    return sorted(names)


def get(name: str) -> Extractor:
    """The extractor registered as ``name`` (a language code for the built-in ones)."""
    target = _BUILTIN.get(name)
    if target is None:
        for ep in entry_points(group="kg.extractors"):
            if ep.name == name:
                return ep.load()
        raise KgError(f"no extractor named {name!r}; available: {', '.join(available())}")
    module, _, func = target.partition(":")
    return getattr(import_module(module), func)
