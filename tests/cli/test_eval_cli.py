"""``kg eval``: splits, per-component counts and ablation of document-layer stages."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli

SYNTHETIC = Path(__file__).resolve().parents[1] / "data" / "synthetic"


def _eval(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["eval", str(SYNTHETIC), "--lang", "en", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_by_rule_counts_true_and_false_positives_per_component() -> None:
    out = _eval("--by-rule")
    counts = out["by_rule"]
    # each rule that fired has a row of its own, named by rule set and rule
    assert counts["kg.rules.en.v1#en.acquired.verb"]["tp"] >= 1
    assert "kg.rules.en.v1" in out["by_ruleset"]
    assert sum(c["tp"] for c in counts.values()) == out["scores"]["ALL"]["tp"]
    assert sum(c["fp"] for c in counts.values()) == out["scores"]["ALL"]["fp"]
    # a rule set's total is the sum of its rules' rows
    totals = out["by_ruleset"]
    for ruleset, total in totals.items():
        rows = [c for name, c in counts.items() if name.split("#")[0] == ruleset]
        assert total == {"tp": sum(c["tp"] for c in rows), "fp": sum(c["fp"] for c in rows)}


def test_ablating_the_rules_stage_shows_what_it_adds() -> None:
    out = _eval("--ablate", "rules")
    change = out["ablation"]["rules"]
    assert change["f1_without"] < out["scores"]["ALL"]["f1"]
    assert abs(change["f1_change"] - (out["scores"]["ALL"]["f1"] - change["f1_without"])) < 1e-9


def test_by_rule_table_lists_each_rule_under_its_rule_set_total() -> None:
    result = CliRunner().invoke(cli, ["eval", str(SYNTHETIC), "--lang", "en", "--by-rule"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    total = next(i for i, line in enumerate(lines) if line.startswith("kg.rules.en.v1 (all)"))
    assert any(line.startswith("  en.acquired.verb ") for line in lines[total + 1:])


def test_ablating_one_rule_shows_what_it_adds() -> None:
    out = _eval("--ablate", "en.acquired.verb", "--by-rule")
    change = out["ablation"]["en.acquired.verb"]
    assert change["f1_change"] > 0  # its true positives are lost without it
    assert abs(change["f1_change"] - (out["scores"]["ALL"]["f1"] - change["f1_without"])) < 1e-9


def test_an_unknown_stage_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["eval", str(SYNTHETIC), "--ablate", "rulez"])
    assert result.exit_code == 2 and "known: names, rules, simplify, coreference" in result.output


def test_ablating_a_document_stage_scores_each_language() -> None:
    out = _eval("--ablate", "coreference", "--ablate", "merging")
    for stage in ("coreference", "merging"):
        scores = out["ablation"][stage]["scores"]
        assert set(scores) == {"en", "ALL"}  # --lang en: only English documents
        assert scores["ALL"]["f1"] == out["ablation"][stage]["f1_without"]
        assert 0 <= out["ablation"][stage]["qualifier_accuracy"] <= 1


def test_the_validation_split_scores_only_every_fifth_document() -> None:
    assert _eval("--split", "validation")["documents"] == 1  # en-s05 of eight English articles


def test_qualifier_accuracy_is_reported_by_kind_and_by_key() -> None:
    out = _eval()
    kinds, keys = out["qualifier_accuracy_by_kind"], out["qualifier_accuracy_by_key"]
    assert sum(k["checked"] for k in kinds.values()) == out["qualifiers_checked"]
    assert sum(k["checked"] for k in keys.values()) == out["qualifiers_checked"]
    assert kinds["normalized"]["checked"] == sum(
        c["checked"] for key, c in keys.items() if key in ("amount", "currency", "date", "count", "pct",
                                                           "stake_pct", "valuation"))
    result = CliRunner().invoke(cli, ["eval", str(SYNTHETIC), "--lang", "en"])
    assert "normalized (amounts, dates, counts, percentages)" in result.stdout
