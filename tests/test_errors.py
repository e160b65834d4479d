from __future__ import annotations

from kg.errors import first_line


def test_first_line_keeps_the_first_line_of_a_long_message() -> None:
    assert first_line(RuntimeError("  Binder exception: no table\nat line 3\n  context")) == \
        "Binder exception: no table"


def test_first_line_names_the_class_of_an_empty_message() -> None:
    assert first_line(ValueError("")) == "ValueError"
    assert first_line(KeyError()) == "KeyError"
