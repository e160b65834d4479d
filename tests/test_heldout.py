"""Regression guard on a held-out set written independently of the extractor.

``tests/data/heldout`` holds twelve short news articles (six Korean, six English)
about fictional companies, with gold facts annotated by ``shared/eval/GUIDE.md``.
They were written without reading the extractor's code, its lexicons or the
development articles, so they measure how the extractor generalizes rather than
how well it fits the dev set. The gold must not be edited to suit the extractor.

The floors sit a little below the figures measured when the set was added
(measured minus 0.1, rounded down to a multiple of 0.05): they catch regressions,
they are not targets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.eval import evaluate

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"

# (precision floor, recall floor), overall ("ALL") and per language
FLOORS = {
    "ALL": (0.70, 0.15),
    "ko": (0.55, 0.10),
    "en": (0.80, 0.20),
}
QUAL_FLOOR = 0.70


@pytest.fixture(scope="module")
def score():
    return evaluate(HELDOUT)


def test_heldout_set_is_complete() -> None:
    docs = sorted(p.name for p in HELDOUT.glob("*.txt"))
    assert docs == [f"{lang}-h{i:02d}.txt" for lang in ("en", "ko") for i in range(1, 7)]


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_heldout_precision_and_recall_floors(score, key: str) -> None:
    p, r, f, tp, fp, fn = score.prf(key)
    p_floor, r_floor = FLOORS[key]
    assert p >= p_floor, f"{key}: precision {p:.3f} < {p_floor} (tp={tp} fp={fp})"
    assert r >= r_floor, f"{key}: recall {r:.3f} < {r_floor} (tp={tp} fn={fn})"


def test_heldout_qualifier_accuracy_floor(score) -> None:
    assert score.qualifier_accuracy >= QUAL_FLOOR, score.qualifier_misses
