"""Shared pieces of the Korean rules (kg.extract.ko.base)."""

from __future__ import annotations

from kg.extract.ko.base import Trigger, find_all


def test_find_all_takes_longest_words_first_without_overlaps() -> None:
    text = "메타가 투자했다. 추가 투자 계획은 없다."
    words = ["투자", "투자했다", "인수", "추가 투자"]  # "인수" is absent
    assert find_all(text, words, "invest") == [
        Trigger(4, 8, "투자했다", "invest"),
        Trigger(10, 15, "추가 투자", "invest"),
    ]


def test_find_all_finds_every_occurrence_in_text_order() -> None:
    text = "인수 뒤 또 인수, 그리고 인수합병"
    assert [(t.start, t.word) for t in find_all(text, ("인수합병", "인수"), "acq")] == [
        (0, "인수"), (7, "인수"), (15, "인수합병"),
    ]
    assert find_all(text, [], "acq") == []
    assert find_all("", ["인수"], "acq") == []
