"""The Korean morphological analyzer (kiwipiepy), one per process.

Sentence splitting (``segment``) and the Korean extractor share it: loading
Kiwi's model takes about a second and a few hundred megabytes.

Kiwi splits a paragraph into sentences by analyzing it, so the segmenter
already has every sentence's morphemes; they are kept with the document
(:func:`attach`) and the extractor reads them while it works on that document
(:func:`analyses_of`, :func:`analysis`) instead of analyzing each sentence a
second time, which was a third of the time spent on a Korean document.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any

#: (form, tag, start, end) per morpheme, offsets into the sentence.
Morphemes = tuple[tuple[str, str, int, int], ...]

_ATTACHED: weakref.WeakKeyDictionary[Any, dict[str, Morphemes]] = weakref.WeakKeyDictionary()
_CURRENT: ContextVar[dict[str, Morphemes] | None] = ContextVar("kg_morphemes", default=None)


@cache
def kiwi() -> Any:
    """One Kiwi analyzer for the process, single-threaded.

    kg analyzes one text at a time, which Kiwi does in the calling thread; its
    default thread pool (one thread per core) would sit idle and make the
    worker pool's fork server (kg.worker_models) a process with threads,
    which must not fork. ``num_workers=0`` means no pool since kiwipiepy
    0.21; it still warns about the older meaning.
    """
    import os
    import warnings

    # Kiwi's allocator (mimalloc, inside the extension) asks the kernel for transparent
    # huge pages on its 1 GiB arena, and each first touch of a 2 MiB page is zeroed whole
    # on a fault: on the dev articles that was 2-3 s of system time against 0.8 s with
    # 4 KiB pages (same user time). The allocator reads this when the extension loads.
    os.environ.setdefault("MIMALLOC_ALLOW_LARGE_OS_PAGES", "0")
    from kiwipiepy import Kiwi

    # load_multi_dict=False: Kiwi's dictionary of multi-word proper nouns ("샘 알트만",
    # "와이 콤비네이터" read as one NNP) costs 180 MiB resident once the first text is
    # analyzed (503 -> 321 MiB) and 1.7 s of CPU to load (2.96 -> 1.24 s with the first
    # analysis). kg reads names with its registry, discovery and recognizer, not from
    # Kiwi's merged nouns: without the dictionary 50 of the corpus' 893 Korean paragraphs
    # get other morphemes, and kg extract is byte-identical on dev, train and heldout2
    # (with the name recognizer retrained on the new morphemes by scripts/train.py).

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return Kiwi(num_workers=0, load_multi_dict=False)


def attach(document: Any, analyses: dict[str, Morphemes]) -> None:
    """Keep the segmenter's analyses (sentence -> morphemes) with ``document``."""
    if analyses:
        _ATTACHED[document] = analyses


@contextmanager
def analyses_of(document: Any) -> Iterator[None]:
    """Inside the block, :func:`analysis` answers from the analyses kept with ``document``."""
    token = _CURRENT.set(_ATTACHED.get(document))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def analysis(sentence: str) -> Morphemes | None:
    """The morphemes the segmenter found for ``sentence`` of the current document, if any."""
    current = _CURRENT.get()
    return current.get(sentence) if current else None
