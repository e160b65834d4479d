"""The Korean rule file and the Korean code name the same rules, and each rule switches off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kg.extract.ko
from kg.extract import extract
from kg.extract.document import disabled
from kg.extract.ko.base import EXTRACTOR
from kg.extract.rulebook import load_rules, tag
from kg.graph.model import Document

_CODE = Path(kg.extract.ko.__file__).parent
_NAME = re.compile(r"[\"'](ko\.[a-z_]+\.[a-z0-9_]+)[\"']")


def _named_in_code() -> set[str]:
    """Rule names the code emits, and those the frame book names for its frames (a frame's
    ``unsaid_topic`` rule, read by kg.extract.ko.frames)."""
    sources = [*_CODE.glob("*.py"), _CODE / "data" / "frames.json"]
    return {m.group(1) for path in sources for m in _NAME.finditer(path.read_text("utf-8"))}


def test_every_rule_the_code_names_is_in_the_rule_file_and_back() -> None:
    in_file = {r.name for r in load_rules("ko")}
    in_code = _named_in_code()
    assert in_code - in_file == set(), "rules the code emits that rules.json does not describe"
    assert in_file - in_code == set(), "rules.json entries no code emits (delete them or name them in code)"


def test_each_rule_points_at_code_that_exists() -> None:
    import importlib

    for rule in load_rules("ko"):
        module, _, attr = (rule.code or "").partition(":")
        obj = importlib.import_module(module)
        for part in attr.split("."):
            obj = getattr(obj, part)
        assert callable(obj), rule.name


def _read(text: str, context: tuple[str, ...]) -> list:
    sentences = (*context, text)
    doc = Document(id="example", path="example.txt", text=" ".join(sentences), lang="ko",
                   published="2026-03-02", published_source="flag", sentences=sentences)
    return extract(doc)


@pytest.mark.parametrize("rule", load_rules("ko"), ids=lambda r: r.name)
def test_switching_a_rule_off_removes_its_claims(rule) -> None:
    example = rule.examples[0]
    want = tag(EXTRACTOR, rule.name)
    assert any(c.extractor == want for c in _read(example.text, example.context))
    with disabled(rule.name):
        off = _read(example.text, example.context)
    assert not [c for c in off if c.extractor == want]
