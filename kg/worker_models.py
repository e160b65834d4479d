"""Imported by the worker pool's fork server (see :func:`kg.pipeline.mp_context`).

The fork server is the single-threaded process every extraction worker is
forked from. Loading the extractors' models here, once, means each worker
starts with them already in memory (shared copy-on-write pages) instead of
loading Kiwi and compiling the rule patterns again: with two workers that is
one load (about 4 s of CPU) instead of two, and one copy of the model.
"""

from __future__ import annotations


def _load() -> None:
    try:
        from kg.pipeline import warm_up

        warm_up()
    except Exception:  # noqa: BLE001 -- the worker's own warm-up reports it, with its error
        pass


_load()
