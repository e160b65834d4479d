"""The README's generated parts match the code."""

from __future__ import annotations

from pathlib import Path

from kg.cli import cli
from kg.graph.model import relation_table

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_relation_table_is_generated_from_the_model() -> None:
    start = README.index("<!-- relation-table -->") + len("<!-- relation-table -->")
    end = README.index("<!-- /relation-table -->")
    assert README[start:end].strip() == relation_table()


def test_every_command_is_documented() -> None:
    for name in cli.commands:
        assert f"`kg {name}" in README, name
