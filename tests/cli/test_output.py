"""Row rendering: the fast JSON layout is byte for byte what json.dumps writes."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from kg.cli.output import _json_rows, _plain, render_rows

TRICKY: list[Any] = ["Scale AI", "스케일AI", 'a "quote" \\ and\nnewline', "\u2028", "", 0, -7,
                     10**20, 14.3e9, 0.96, 1e-05, 2.5e18, 1e18, -0.0, 3.0, math.nan, math.inf,
                     -math.inf,
                     True, False, None]


def reference(columns: list[str], rows: list[list[Any]]) -> str:
    return json.dumps([dict(zip(columns, map(_plain, r), strict=True)) for r in rows],
                      ensure_ascii=False, indent=2)


@pytest.mark.parametrize("columns, rows", [
    (["a", "b"], [[v, w] for v in TRICKY for w in TRICKY[::5]]),
    (["값", "x\"y"], [["z", 1]]),
    (["a", "b", "a"], [[1, 2, 3], [None, "x", "y"]]),  # a repeated name keeps its last value
    (["a"], []),
    ([], [[], []]),
    (["a", "b"], [[[1, 2], {"k": 1.0}], ["x", None]]),  # nested values: json.dumps itself
])
def test_json_rows_are_what_json_dumps_writes(columns: list[str], rows: list[list[Any]]) -> None:
    assert _json_rows(columns, rows) == reference(columns, rows)


def test_csv_and_jsonl_keep_their_layout(capsys: pytest.CaptureFixture[str]) -> None:
    render_rows(["name", "amount", "stake", "none"], [["스케일AI", 14.3e9, 0.5, None],
                                                      ['a "b"', 3, True, None]], "csv")
    assert capsys.readouterr().out == 'name,amount,stake,none\n스케일AI,14300000000,0.5,\n"a ""b""",3,True,\n'
    render_rows(["a"], [[1.0], ["x"]], "jsonl")
    assert capsys.readouterr().out == '{"a": 1}\n{"a": "x"}\n'
    render_rows(["a"], [], "jsonl")
    assert capsys.readouterr().out == ""
