"""Extraction: from a loaded document to claims.

    kg.extract.ko / kg.extract.en   per language: mentions, rules over morphemes
                                     or words, and the lexicons they read
    kg.extract.ner                   learned recognizers of names the registry lacks
    kg.extract.registry              extractors looked up by name (entry points too)
    kg.extract.pairs                 the learned relation model over two names in a sentence
    kg.extract.document              the document layer: named stages, each switchable

An extractor is a function ``extract(document, registry) -> list[Claim]``;
it never touches a store. Argument types, event/state and symmetry come from
``kg.graph.model.RELATIONS``.
"""

from __future__ import annotations

from kg.graph.model import Claim, Document
from kg.graph.registry import Registry, default_registry


def extract(document: Document, registry: Registry | None = None) -> list[Claim]:
    """The claims the extractor for the document's language reads from it."""
    from kg.extract.document import extract_document
    from kg.loaders.morph import analyses_of

    with analyses_of(document):  # Korean morphemes the segmenter found, not found again
        return extract_document(document, registry or default_registry())
