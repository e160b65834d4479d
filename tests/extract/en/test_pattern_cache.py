"""The English rules' compiled patterns kept on disk: the same patterns as re.compile's, or none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.extract.en import pattern_cache
from kg.extract.en.pattern_cache import PatternError, compile_patterns
from kg.extract.en.prefilter import required_literals

PATTERNS = [
    r"(?P<S>⟨[Oo]\d+⟩)\s+(?:acquired|bought)\s+(?P<O>⟨[Oo]\d+⟩)",
    r"(?i:chief executive|ceo)\s+of\s+(?P<O>⟨O\d+⟩)",
    r"(?<!⟩, a )(?P<S>⟨P\d+⟩)\s+(?:joined|will join)\s+⟨O\d+⟩(?=\s)",
    r"[Ff]ormer\s+(?:CEO|CTO)",
]


def _no_compile(*args: object) -> None:
    raise AssertionError("compiled again")


def _same_as_re(found: list, patterns: list[str]) -> None:
    assert len(found) == len(patterns)
    for (pattern, clauses), text in zip(found, patterns, strict=True):
        # Pattern equality compares the flags, the pattern string and the engine's code
        assert pattern == re.compile(text, re.UNICODE)
        assert pattern.groupindex == re.compile(text).groupindex
        assert clauses == required_literals(text)


def test_compiled_then_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _same_as_re(compile_patterns(PATTERNS, re.UNICODE, directory=tmp_path), PATTERNS)
    assert len(list(tmp_path.iterdir())) == 1

    # the second time nothing is compiled: the file has it all
    monkeypatch.setattr(pattern_cache, "_compile", _no_compile)
    found = compile_patterns(PATTERNS, re.UNICODE, directory=tmp_path)
    _same_as_re(found, PATTERNS)
    hit = found[0][0].search("⟨O0⟩ acquired ⟨o1⟩")
    assert hit is not None and hit.group("S", "O") == ("⟨O0⟩", "⟨o1⟩")


def test_other_patterns_or_flags_have_their_own_file(tmp_path: Path) -> None:
    compile_patterns(PATTERNS, re.UNICODE, directory=tmp_path)
    changed = [*PATTERNS[:-1], r"[Ff]ormer\s+(?:CEO|CFO)"]
    _same_as_re(compile_patterns(changed, re.UNICODE, directory=tmp_path), changed)
    found = compile_patterns(PATTERNS, re.UNICODE | re.IGNORECASE, directory=tmp_path)
    assert found[3][0] == re.compile(PATTERNS[3], re.UNICODE | re.IGNORECASE)
    assert len(list(tmp_path.iterdir())) == 3


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_a_damaged_file_is_compiled_again(tmp_path: Path, damage: str) -> None:
    compile_patterns(PATTERNS, re.UNICODE, directory=tmp_path)
    (path,) = tmp_path.iterdir()
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[:len(data) - 40]
    elif damage == "flip":
        data[-7] ^= 0x01  # one bit of the last pattern's code
    else:
        data = bytearray(b"not a cache file")
    path.write_bytes(bytes(data))
    _same_as_re(compile_patterns(PATTERNS, re.UNICODE, directory=tmp_path), PATTERNS)
    assert path.read_bytes() != bytes(data)  # and written again whole


def test_without_a_cache_nothing_is_written(tmp_path: Path) -> None:
    _same_as_re(compile_patterns(PATTERNS, re.UNICODE, directory=tmp_path, cache=False), PATTERNS)
    assert not list(tmp_path.iterdir())


def test_an_unwritable_cache_only_costs_the_compile(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    _same_as_re(compile_patterns(PATTERNS, re.UNICODE, directory=blocked / "patterns"), PATTERNS)


def test_where_the_private_steps_differ_re_compile_does_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def changed(*args: object) -> None:
        raise TypeError("compile() takes 5 arguments")  # as if _sre.compile had changed

    monkeypatch.setattr(pattern_cache, "_engine", changed)
    _same_as_re(compile_patterns(PATTERNS, re.UNICODE, directory=tmp_path), PATTERNS)
    assert not list(tmp_path.iterdir())
    with pytest.raises(PatternError):
        compile_patterns([r"(unclosed"], directory=tmp_path)


def test_old_files_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    left = tmp_path / ".writing-abandoned"  # by a process that died while writing it
    fresh = tmp_path / ".writing-now"  # by a process writing it now
    for path in (left, fresh):
        path.write_bytes(b"kg-compiled-patterns")
    os.utime(left, (0, 0))
    for i in range(pattern_cache._KEEP + 3):
        compile_patterns([rf"pattern number {i}"], directory=tmp_path)
    assert len(list(tmp_path.glob("[!.]*"))) == pattern_cache._KEEP
    assert not left.exists() and fresh.exists()
    # the newest are the ones kept: read back, not compiled again
    last = rf"pattern number {pattern_cache._KEEP + 2}"
    monkeypatch.setattr(pattern_cache, "_compile", _no_compile)
    assert compile_patterns([last], directory=tmp_path)[0][0] == re.compile(last)


@pytest.mark.parametrize("bad", [r"(?P<S>unclosed", r"(?<=a+)b"])  # a parse error; a code error
def test_a_bad_pattern_is_named_by_its_index(tmp_path: Path, bad: str) -> None:
    with pytest.raises(re.error) as expected:
        re.compile(bad)
    with pytest.raises(PatternError) as raised:
        compile_patterns([PATTERNS[0], bad], directory=tmp_path)
    assert raised.value.index == 1
    assert str(raised.value.error) == str(expected.value)
    assert not list(tmp_path.iterdir())


def test_the_english_rules_compile_as_re_compiles_them(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.extract.en.lexicon import load_lexicon
    from kg.extract.en.rules import Rules

    monkeypatch.setattr(pattern_cache, "default_directory", lambda: tmp_path)
    for _ in range(2):  # compiled, then read from the file
        rules = Rules(load_lexicon())
        assert len(rules.compiled) > 100 and len(list(tmp_path.iterdir())) == 1
        _same_as_re([(p, g) for (p, _), g in zip(rules.compiled, rules.gates, strict=True)],
                    [p.pattern for p, _ in rules.compiled])


def test_a_bad_rule_pattern_names_the_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from kg.extract.en.lexicon import load_lexicon
    from kg.extract.en.rules import Rules
    from kg.extract.rulebook import load_rules

    monkeypatch.setattr(pattern_cache, "default_directory", lambda: tmp_path)
    rules = [r for r in load_rules("en") if r.code is None][:3]
    rules[1] = replace(rules[1], pattern="{S} (?:acquired")
    with pytest.raises(KgError, match=rf"rule {rules[1].name!r}: field pattern: missing \)"):
        Rules(load_lexicon(), tuple(rules))
