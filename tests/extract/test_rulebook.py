"""Rule files: checked against the schema and the model when they are loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.extract import rulebook
from kg.extract.document import disabled, enabled
from kg.extract.rulebook import LANGS, load_rules, parse_rules, rule_enabled, rule_of, ruleset_of, tag

GOOD = {
    "name": "en.acquired.test_verb",
    "relation": "ACQUIRED",
    "pattern": "{S}{aux}(?:acquired)\\s+{O}",
    "slots": {"subject": "Organization", "object": "Organization"},
    "action": "emit_each",
    "priority": 100,
    "examples": [{"text": "Acme acquired Globex.", "expect": [["Acme", "ACQUIRED", "Globex"]]}],
    "counter_examples": [{"text": "Acme may acquire Globex.", "why": "modality"}],
}


def _write(tmp_path: Path, *rules: dict, **top: object) -> Path:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"_doc": "test rules", "rules": list(rules), **top}), encoding="utf-8")
    return path


def _bad(tmp_path: Path, **change: object) -> str:
    rule = {**GOOD, **change}
    rule = {k: v for k, v in rule.items() if v is not None}
    path = _write(tmp_path, GOOD | {"name": "en.acquired.first"}, rule)
    with pytest.raises(KgError) as err:
        parse_rules(path, "en")
    message = str(err.value)
    assert str(path) in message
    return message


def test_a_good_rule_parses(tmp_path: Path) -> None:
    (rule,) = parse_rules(_write(tmp_path, GOOD), "en")
    assert rule.name == "en.acquired.test_verb" and rule.relation == "ACQUIRED"
    assert rule.slots == {"subject": ("Organization",), "object": ("Organization",)}
    assert rule.examples[0].expect == (("Acme", "ACQUIRED", "Globex"),)
    assert rule.counter_examples[0].why == "modality" and rule.lang == "en"


def test_rules_come_highest_priority_first_then_in_file_order(tmp_path: Path) -> None:
    rules = [GOOD | {"name": f"en.acquired.r{i}", "priority": p} for i, p in enumerate((1, 5, 1, 5))]
    names = [r.name for r in parse_rules(_write(tmp_path, *rules), "en")]
    assert names == ["en.acquired.r1", "en.acquired.r3", "en.acquired.r0", "en.acquired.r2"]


@pytest.mark.parametrize(("change", "says"), [
    ({"patern": "x"}, "unknown field 'patern'"),
    ({"pattern": None}, "'pattern' is a required property"),
    ({"relation": "BOUGHT"}, "field relation: unknown relation 'BOUGHT'"),
    ({"action": "shout"}, "field action:"),
    ({"priority": "high"}, "field priority:"),
    ({"examples": []}, "field examples:"),
    ({"counter_examples": [{"text": "Acme may buy it."}]}, "field counter_examples.0:"),
    ({"examples": [{"text": "Acme bought Globex.", "expect": [["Acme", "ACQUIRED"]]}]},
     "field examples.0.expect.0:"),
    ({"slots": {"subject": "Person", "object": "Organization"}},
     "field slots.subject: ACQUIRED takes Organization as its subject, not Person"),
    ({"slots": {"subject": "Organization", "object": "Organization", "tense": "Person"}},
     "unknown field 'tense' in slots"),
    ({"slots": {"subject": "Company", "object": "Organization"}}, "field slots.subject:"),
    ({"options": {"prep_okay": True}}, "unknown field 'prep_okay' in options"),
    ({"name": "en.acquired.first"}, "field name: another rule of the file has this name"),
    ({"name": "en.Acquired"}, "field name:"),
    ({"name": "ko.acquired.verb"}, "field name: a rule of the 'en' file"),
    ({"relation": "COMPETES_WITH", "action": "emit_each"}, "COMPETES_WITH is symmetric"),
    ({"action": "emit_symmetric"}, "ACQUIRED is not one"),
    ({"action": "end_relation"}, "ACQUIRED cannot"),
    ({"examples": [{"text": "Acme hired Jane Roe.", "expect": [["Acme", "HIRED", "Jane Roe"]]}]},
     "field examples: no example expects a ACQUIRED triple"),
])
def test_a_bad_rule_names_the_file_the_rule_and_the_field(tmp_path: Path, change: dict, says: str) -> None:
    message = _bad(tmp_path, **change)
    assert says in message
    assert f"rule {change.get('name', GOOD['name'])!r}:" in message


def test_a_file_that_is_not_json_or_has_unknown_top_level_keys_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(KgError, match=r"rules\.json: not JSON"):
        parse_rules(path, "en")
    with pytest.raises(KgError, match=r"rules\.json: unknown field 'version'"):
        parse_rules(_write(tmp_path, GOOD, version=2), "en")
    with pytest.raises(KgError, match="no such rule file"):
        parse_rules(tmp_path / "missing.json", "en")


def test_the_shipped_rule_files_load() -> None:
    for lang in LANGS:
        rules = load_rules(lang)
        assert all(r.lang == lang for r in rules)
        assert load_rules(lang) is rules  # loaded once


def test_a_claim_names_its_rule_set_and_rule() -> None:
    assert tag("kg.rules.en.v1", "en.invested_in.verb_in") == "kg.rules.en.v1#en.invested_in.verb_in"
    assert ruleset_of("kg.rules.en.v1#en.invested_in.verb_in") == "kg.rules.en.v1"
    assert ruleset_of("kg.pairs.en.v1") == "kg.pairs.en.v1"
    assert rule_of("kg.rules.en.v1#en.invested_in.verb_in") == "en.invested_in.verb_in"
    assert rule_of("kg.pairs.en.v1") is None


def test_a_rule_switches_off_by_name_and_unknown_names_are_errors(monkeypatch) -> None:
    monkeypatch.setattr(rulebook, "rule_names", lambda: frozenset({"en.acquired.test_verb"}))
    with disabled("en.acquired.test_verb"):
        assert not rule_enabled("en.acquired.test_verb") and enabled("rules")
    assert rule_enabled("en.acquired.test_verb")
    with pytest.raises(ValueError, match="unknown stage 'en.acquired.nothing'"):
        with disabled("en.acquired.nothing"):
            pass


def test_a_rule_file_passes_the_schema_once_and_an_edited_one_is_checked_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    checked: list[Path] = []
    check = rulebook._check_schema

    def counted(path: Path, data: object) -> None:
        checked.append(path)
        check(path, data)

    monkeypatch.setattr(rulebook, "_check_schema", counted)
    path = _write(tmp_path, GOOD)
    parse_rules(path, "en")
    parse_rules(path, "en")
    assert len(checked) == 1  # the second process (or call) finds the stamp
    bad = {**GOOD, "patern": "x"}
    path.write_text(json.dumps({"_doc": "test rules", "rules": [bad]}), encoding="utf-8")
    with pytest.raises(KgError, match="unknown field 'patern'"):
        parse_rules(path, "en")
    with pytest.raises(KgError, match="unknown field 'patern'"):  # a bad file is never stamped
        parse_rules(path, "en")
    assert len(checked) == 3
