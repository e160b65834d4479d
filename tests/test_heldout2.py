"""Regression guard on a second held-out set, written independently of the extractor.

``tests/data/heldout2`` holds twelve news articles (six Korean, six English) about
fictional companies, with a few real large companies only as counterparties, and
gold facts annotated by ``shared/eval/GUIDE.md``. Two of them (``ko-g04``,
``en-g04``) are saved-web-page text with tickers, menus, related-story lists, a
copyright line and an unrelated column, none of which carry gold facts. Every
article also has rumour, plan or denial sentences that must not yield facts.

The set was written without reading the extractor's code or lexicons, the
development articles or the first held-out set, so it measures how the extractor
generalizes. It is a final check, not a development set: do not tune rules on
it, and do not edit the gold to suit the extractor.

The floors sit below the figures measured when the set was added (measured
minus 0.1, rounded down to a multiple of 0.05): they catch regressions, they are
not targets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.eval import evaluate

HELDOUT2 = Path(__file__).resolve().parent / "data" / "heldout2"

# (precision floor, recall floor), overall ("ALL") and per language
FLOORS = {
    "ALL": (0.65, 0.25),
    "ko": (0.60, 0.15),
    "en": (0.65, 0.30),
}
QUAL_FLOOR = 0.70


@pytest.fixture(scope="module")
def score():
    return evaluate(HELDOUT2)


def test_heldout2_set_is_complete() -> None:
    docs = sorted(p.name for p in HELDOUT2.glob("*.txt"))
    assert docs == [f"{lang}-g{i:02d}.txt" for lang in ("en", "ko") for i in range(1, 7)]


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_heldout2_precision_and_recall_floors(score, key: str) -> None:
    p, r, f, tp, fp, fn = score.prf(key)
    p_floor, r_floor = FLOORS[key]
    assert p >= p_floor, f"{key}: precision {p:.3f} < {p_floor} (tp={tp} fp={fp})"
    assert r >= r_floor, f"{key}: recall {r:.3f} < {r_floor} (tp={tp} fn={fn})"


def test_heldout2_qualifier_accuracy_floor(score) -> None:
    assert score.qualifier_accuracy >= QUAL_FLOOR, score.qualifier_misses
