"""Korean tokens and the patterns the mention finder runs before the registry's names."""

from __future__ import annotations

import pytest

from kg.extract.ko.text import PAREN_LATIN, PAREN_PAIR, Token, tokenize, without_asides


def test_tokens_compare_hash_and_print_by_value() -> None:
    a, b = Token("메타", "NNP", 0, 2), Token("메타", "NNP", 0, 2)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Token("메타", "NNP", 0, 3)
    assert repr(a) == "Token(form='메타', tag='NNP', start=0, end=2)"
    assert tokenize("메타가 투자했다.")[0] == a


def test_a_paren_pair_needs_a_latin_letter_after_its_parenthesis() -> None:
    """The finder skips PAREN_PAIR where PAREN_LATIN finds nothing: every pair holds one."""
    pairs = ["머코르(Mercor)는", "루오밍 팡(Ruoming Pang)이", "스케일AI(Scale AI, 미국)"]
    no_pairs = ["(사진=메타) 메타가", "지난해(2024년) 투자", "메타 (주)가 ( Scale", "오픈AI (OpenAI)"]
    for text in pairs:
        assert PAREN_PAIR.search(text) and PAREN_LATIN.search(text)
    for text in no_pairs:
        assert not PAREN_PAIR.search(text)
    assert not PAREN_LATIN.search("(사진=메타) 지난해(2024년) ( Scale")


@pytest.mark.parametrize(("written", "read"), [
    ("홍길동(48) 전무는", "홍길동 전무는"),
    ("이락(43·사진) 교수", "이락 교수"),
    ("김성훈(오른쪽) 대표와 이활석(왼쪽) CTO가", "김성훈 대표와 이활석 CTO가"),
    ("이강욱(1986년생) 상무", "이강욱 상무"),
    ("최고경영자(CEO)와 2024년(48%)", "최고경영자(CEO)와 2024년(48%)"),  # a gloss, a figure: kept
])
def test_asides_after_a_name_are_left_out_of_the_reading(written: str, read: str) -> None:
    assert without_asides(written) == read
