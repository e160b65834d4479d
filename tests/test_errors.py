from __future__ import annotations

from kg.errors import first_line


def test_first_line_keeps_the_first_line_of_a_long_message() -> None:
    assert first_line(RuntimeError("  Binder exception: no table\nat line 3\n  context")) == \
        "Binder exception: no table"


def test_first_line_names_the_class_of_an_empty_message() -> None:
    assert first_line(ValueError("")) == "ValueError"
    assert first_line(KeyError()) == "KeyError"


def test_first_line_prefers_the_message_a_library_keeps_apart() -> None:
    class DriverError(Exception):
        message = "Invalid input 'RETRUN'\n\"RETRUN 1\"\n ^"

        def __str__(self) -> str:
            return "{code: Neo.ClientError.Statement.SyntaxError} {message: ...}"

    assert first_line(DriverError(), DriverError.message) == "Invalid input 'RETRUN'"
    assert first_line(DriverError(), None).startswith("{code: Neo.ClientError")
