"""Regression guards on article sets written independently of the extractor.

Each set under ``tests/data`` holds short news articles (Korean and English) about
fictional companies, with gold facts annotated by ``shared/eval/GUIDE.md``, written
without reading the extractor's code, its lexicons or the development articles:

* ``heldout`` (``*-hNN``) and ``synthetic`` (``*-sNN``) were later used to find and
  fix general failure classes, so their figures now overstate quality;
* ``heldout2`` (``*-gNN``) is the final check: never tune rules on it. Two of its
  articles are saved web pages whose furniture and unrelated column carry no gold,
  and every article has rumour, plan or denial sentences that must yield nothing.

The gold must never be edited to suit the extractor. The floors sit below the
figures measured last (about 0.1 under, rounded down to a multiple of 0.05): they
catch regressions, they are not targets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.eval import Score, evaluate

DATA = Path(__file__).resolve().parent / "data"

# set -> (file-name letter, {"ALL"|lang: (precision floor, recall floor)}, qualifier floor)
SETS = {
    "heldout": ("h", {"ALL": (0.90, 0.85), "ko": (0.85, 0.85), "en": (0.90, 0.85)}, 0.85),
    "heldout2": ("g", {"ALL": (0.65, 0.30), "ko": (0.55, 0.20), "en": (0.75, 0.40)}, 0.75),
    # rules that read facts only here, on none of the real articles, heldout or heldout2,
    # were deleted (0.886 -> 0.728 recall): what the set was used to write rules from
    "synthetic": ("s", {"ALL": (0.90, 0.60), "ko": (0.85, 0.55), "en": (0.90, 0.60)}, 0.70),
}
ARTICLES = {"heldout": 6, "heldout2": 6, "synthetic": 8}

_scores: dict[str, Score] = {}


def score_of(name: str) -> Score:
    if name not in _scores:
        _scores[name] = evaluate(DATA / name)
    return _scores[name]


@pytest.mark.parametrize("name", sorted(SETS))
def test_set_is_complete(name: str) -> None:
    letter = SETS[name][0]
    docs = sorted(p.name for p in (DATA / name).glob("*.txt"))
    assert docs == [f"{lang}-{letter}{i:02d}.txt" for lang in ("en", "ko")
                    for i in range(1, ARTICLES[name] + 1)]


@pytest.mark.parametrize("name, key", [(n, k) for n in sorted(SETS) for k in sorted(SETS[n][1])])
def test_precision_and_recall_floors(name: str, key: str) -> None:
    p, r, f, tp, fp, fn = score_of(name).prf(key)
    p_floor, r_floor = SETS[name][1][key]
    assert p >= p_floor, f"{name} {key}: precision {p:.3f} < {p_floor} (tp={tp} fp={fp})"
    assert r >= r_floor, f"{name} {key}: recall {r:.3f} < {r_floor} (tp={tp} fn={fn})"


@pytest.mark.parametrize("name", sorted(SETS))
def test_qualifier_accuracy_floor(name: str) -> None:
    score = score_of(name)
    assert score.qualifier_accuracy >= SETS[name][2], score.qualifier_misses
