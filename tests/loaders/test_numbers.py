import pytest

from kg.loaders.numbers import en_unit


@pytest.mark.parametrize(("word", "value"), [("a", 1), ("An", 1), ("one", 1), ("Two", 2),
                                             ("ten", 10), ("nineteen", 19)])
def test_a_number_word_below_twenty_is_its_value(word: str, value: int) -> None:
    assert en_unit(word) == value


def test_a_word_that_is_no_number_is_refused() -> None:
    with pytest.raises(ValueError):
        en_unit("twenty")  # a ten, not a unit: the caller reads tens itself
