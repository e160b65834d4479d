"""Imported by the worker pool's fork server (see :func:`kg.pipeline.mp_context`).

The fork server is the single-threaded process every extraction worker is
forked from. Loading the extractors' models here, once, means each worker
starts with them already in memory (shared copy-on-write pages) instead of
loading Kiwi and compiling the rule patterns again: with two workers that is
one load instead of two, and one copy of the model.

The load takes about 1.6 s of CPU (measured in one process): Kiwi's
constructor 0.6 s and its first analysis 0.6 s (which builds the analyzer;
with the multi-word dictionary, which kg does not load, see
kg.loaders.morph.kiwi, the two took 3.0 s), the Korean extractor's models and patterns
0.2 s, the English rules 0.05 s (their compiled patterns read back from the
user cache, kg.extract.en.pattern_cache; compiling them took 0.8-1.0 s), importing
kg 0.15 s. Kiwi holds the GIL while it loads,
so a thread cannot overlap it with the rest. While it runs, the writing
process extracts English files (kg.pipeline._extract_while_loading), so on a
mixed archive neither core idles; leaving the English rules to the workers
would only move their compile into each worker.
"""

from __future__ import annotations


def _load() -> None:
    try:
        from kg.pipeline import warm_up

        warm_up()
    except Exception:  # noqa: BLE001 -- the worker's own warm-up reports it, with its error
        pass


_load()
