"""Imported by the worker pool's fork server (see :func:`kg.pipeline.mp_context`).

The fork server is the single-threaded process every extraction worker is
forked from. Loading the extractors' models here, once, means each worker
starts with them already in memory (shared copy-on-write pages) instead of
loading Kiwi and compiling the rule patterns again: with two workers that is
one load instead of two, and one copy of the model.

The load is what every worker waits for, so it holds only what the workers
mostly need: Kiwi and the Korean extractor (:data:`kg.pipeline.WORKER_LANGUAGES`).
Of its 3.3 s of CPU (measured: Kiwi's constructor 1.1 s, its first analysis
1.5 s, which builds the analyzer, most of both the multi-word dictionary;
the Korean extractor's models and patterns 0.2 s; importing kg 0.15 s), the
English rules were another 0.3 s that the writing process, which extracts
the English files, compiles anyway.
"""

from __future__ import annotations


def _load() -> None:
    try:
        from kg.pipeline import WORKER_LANGUAGES, warm_up

        warm_up(WORKER_LANGUAGES)
    except Exception:  # noqa: BLE001 -- the worker's own warm-up reports it, with its error
        pass


_load()
