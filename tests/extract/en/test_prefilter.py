"""The literal test run before each English pattern: it skips only searches that cannot match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.en.prefilter import fold, passes, required_literals
from kg.extract.en.rules import Rules


@pytest.mark.parametrize("pattern, clauses", [
    (r"acquired\s+by", (("acquired",), ("by",))),
    (r"(?:acquire[ds]?|bought)\s", (("acquire", "bought"),)),
    (r"[Ff]ormer\s+(?:CEO|CTO)", (("former",), ("ceo", "cto"))),
    (r"x?y", ()),  # no string of two characters is needed
    (r"(?:invest|\w+)\s+in", (("in",),)),  # one open branch makes the alternation need nothing
    (r"(?:backed by)?\s*⟨[Oo]\d+⟩", (("⟨o",),)),
    (r"(?=.*\bround\b).*led", (("round",), ("led",))),
    (r"(?!never)join", (("join",),)),
])
def test_required_literals(pattern: str, clauses: tuple) -> None:
    assert required_literals(pattern) == clauses


@pytest.mark.parametrize("pattern, text", [
    (r"(?i)startup", "The ſtartup"),  # long s matches "s" when case is ignored
    (r"(?i)kit", "A \u212aIT"),  # the Kelvin sign matches "k"
    (r"(?i)in", "İN"),  # dotted capital I: lowercased, two characters
    (r"(?i)in", "ıN"),  # dotless small i
    (r"(?i:CEO) of", "the ceo of"),
    (r"Acme", "ACME and Acme"),
])
def test_passes_whatever_the_pattern_matches(pattern: str, text: str) -> None:
    assert re.search(pattern, text)
    assert passes(required_literals(pattern), fold(text))


def test_a_missing_word_fails() -> None:
    assert not passes(required_literals(r"acquired\s+by\s+⟨O\d+⟩"), fold("⟨O0⟩ bought ⟨O1⟩"))


def _masked_sentences(dev_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from kg.extract import extract
    from kg.graph.registry import default_registry
    from kg.loaders.read import read_document

    seen: list[str] = []
    match = Rules.match

    def recording(self: Rules, masked: str, offsets: list[int], mentions: list) -> list:
        seen.append(masked)
        return match(self, masked, offsets, mentions)

    monkeypatch.setattr(Rules, "match", recording)
    registry = default_registry()
    for path in sorted(dev_dir.glob("en-*.txt")):
        extract(read_document(path), registry)
    return seen


def test_every_english_rule_skips_only_sentences_it_cannot_match(
        dev_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the dev set's English sentences, as masked for the rules: a skipped pattern finds nothing."""
    sentences = _masked_sentences(dev_dir, monkeypatch)
    assert len(sentences) > 100
    from kg.extract.en.extractor import _rules
    from kg.extract.en.lexicon import load_lexicon

    rules = _rules(load_lexicon())
    skipped = 0
    for masked in sentences:
        folded = fold(masked)
        for (pattern, spec), gate in zip(rules.compiled, rules.gates, strict=True):
            if not passes(gate, folded):
                skipped += 1
                assert pattern.search(masked) is None, (spec["rule"], masked)
    # most patterns cannot match most sentences: the test must spare most searches
    assert skipped > 0.7 * len(sentences) * len(rules.compiled)
