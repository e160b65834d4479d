"""The CLI end to end with click's runner, on the seed article and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

SEED_PUBLISHED = "2025-08-31"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str) -> object:
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def seeded(runner: CliRunner, store_dir: Path, dev_dir: Path) -> Path:
    result = run(runner, "ingest", dev_dir / "ko-seed.txt", "--store", store_dir,
                 "--published", SEED_PUBLISHED)
    assert result.exit_code == 0, result.output
    return store_dir


def test_ingest_reports_facts_and_publication_date(runner: CliRunner, store_dir: Path,
                                                   dev_dir: Path) -> None:
    result = run(runner, "ingest", dev_dir / "ko-seed.txt", "--store", store_dir,
                 "--published", SEED_PUBLISHED)
    assert result.exit_code == 0
    assert "ko-seed.txt:" in result.stderr and "added" in result.stderr
    assert "published 2025-08-31 (from --published)" in result.stderr
    assert result.stdout == ""


def test_investment_query_prints_meta_amount_scale(runner: CliRunner, seeded: Path) -> None:
    result = run(runner, "query", "--store", seeded, "--format", "json",
                 "MATCH (a:Organization)-[r:INVESTED_IN]->(b) RETURN a.name, r.amount, r.currency, b.name")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {"a.name": "Meta", "r.amount": 14300000000, "r.currency": "USD",
            "b.name": "Scale AI"} in rows


def test_query_takes_parameters(runner: CliRunner, seeded: Path) -> None:
    result = run(runner, "query", "--store", seeded, "--format", "jsonl", "--param", "name=Meta",
                 "MATCH (o:Organization) WHERE o.name = $name RETURN o.id AS id")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0]) == {"id": "org:meta"}


@pytest.mark.parametrize("name", ["investments", "hiring-flows", "hires", "layoffs",
                                  "neighbourhood", "vendors"])
def test_named_queries_run(runner: CliRunner, seeded: Path, name: str) -> None:
    result = run(runner, "query", "--store", seeded, "--name", name, "--format", "json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


def test_named_investments_has_the_seed_deal(runner: CliRunner, seeded: Path) -> None:
    rows = json.loads(run(runner, "query", "--store", seeded, "-n", "investments",
                          "--format", "json").stdout)
    assert any(r["investor"] == "Meta" and r["investee"] == "Scale AI" for r in rows)


def test_facts_jsonl_is_the_guide_shape(runner: CliRunner, seeded: Path) -> None:
    result = run(runner, "facts", "--store", seeded, "--relation", "INVESTED_IN",
                 "--format", "jsonl")
    assert result.exit_code == 0
    fact = json.loads(result.stdout.splitlines()[0])
    aliases = fact["subject"].pop("aliases")
    assert fact["subject"] == {"id": "org:meta", "name": "Meta", "type": "Organization",
                               **({"wikidata": fact["subject"]["wikidata"]}
                                  if "wikidata" in fact["subject"] else {})}
    # each entity's aliases stand next to its name: the Korean form the article used among them
    assert "메타" in aliases
    assert fact["relation"] == "INVESTED_IN"
    assert fact["object"]["name"] == "Scale AI"
    assert fact["qualifiers"]["currency"] in ("USD", "KRW")
    (source,) = fact["sources"]
    assert len(source["doc"]) == 64 and source["path"].endswith("ko-seed.txt")
    assert "스케일AI" in source["evidence"]
    assert 0 < fact["confidence"] <= 1


def test_facts_entity_filter_accepts_korean_alias(runner: CliRunner, seeded: Path) -> None:
    result = run(runner, "facts", "--store", seeded, "--entity", "스케일AI", "--format", "jsonl")
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    assert facts and all("Scale AI" in (f["subject"]["name"], f["object"]["name"]) for f in facts)


def test_show_lists_dated_facts(runner: CliRunner, seeded: Path) -> None:
    result = run(runner, "show", "스케일AI", "--store", seeded, "--format", "csv")
    assert result.exit_code == 0
    assert "Scale AI (Organization, org:scale-ai)" in result.stderr
    # CSV: one column per qualifier the entity's facts have.
    assert result.stdout.startswith("date,subject,relation,object,amount,currency,")
    assert "2025-06,Meta,INVESTED_IN,Scale AI" in result.stdout


def test_ingesting_twice_changes_nothing(runner: CliRunner, seeded: Path, dev_dir: Path) -> None:
    before = run(runner, "info", "--store", seeded).stdout
    again = run(runner, "ingest", dev_dir / "ko-seed.txt", "--store", seeded)
    assert again.exit_code == 0 and "already in the store" in again.stderr
    assert run(runner, "info", "--store", seeded).stdout == before


def test_fact_repeated_in_second_document_gets_two_sources(runner: CliRunner, seeded: Path,
                                                           tmp_path: Path) -> None:
    second = tmp_path / "second.txt"
    second.write_text("Meta invested $14.3 billion in Scale AI in June 2025, the company said.\n",
                      encoding="utf-8")
    result = run(runner, "ingest", second, "--store", seeded, "--published", "2025-07-01")
    assert result.exit_code == 0, result.output
    facts = [json.loads(line) for line in run(runner, "facts", "--store", seeded, "--relation",
                                               "INVESTED_IN", "--format", "jsonl").stdout.splitlines()]
    meta_scale = [f for f in facts if f["subject"]["name"] == "Meta"
                  and f["object"]["name"] == "Scale AI"]
    assert len(meta_scale) == 1
    assert sorted(Path(s["path"]).name for s in meta_scale[0]["sources"]) == [
        "ko-seed.txt", "second.txt"]


@pytest.mark.parametrize("content, problem", [
    (None, "no such file"),
    (b"", "is empty"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (b"\xff\xfe\xfa\xfb\xc3\x28 broken", "decoded"),
])
def test_bad_input_is_one_line_exit_1_store_unchanged(runner: CliRunner, seeded: Path,
                                                      tmp_path: Path, content: bytes | None,
                                                      problem: str) -> None:
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    before = run(runner, "info", "--store", seeded).stdout
    good = tmp_path / "good.txt"
    good.write_text("OpenAI acquired io for $6.5 billion in May 2025.\n", encoding="utf-8")
    result = run(runner, "ingest", good, bad, "--store", seeded)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error: ") and "bad.txt" in line and problem in line
    assert run(runner, "info", "--store", seeded).stdout == before


def test_usage_errors_exit_2(runner: CliRunner, store_dir: Path) -> None:
    assert run(runner, "ingest").exit_code == 2
    assert run(runner, "ingest", "x.txt", "--published", "yesterday").exit_code == 1
    assert run(runner, "facts", "--relation", "LIKES", "--store", store_dir).exit_code == 2
    assert run(runner, "query", "--store", store_dir).exit_code == 2


def test_query_errors_are_clean(runner: CliRunner, seeded: Path) -> None:
    result = run(runner, "query", "--store", seeded, "MATCH (n RETURN n")
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    result = run(runner, "query", "--store", seeded, "--name", "nope")
    assert result.exit_code == 1 and "available:" in result.stderr


def test_reading_an_empty_store_says_so(runner: CliRunner, store_dir: Path) -> None:
    result = run(runner, "facts", "--store", store_dir)
    assert result.exit_code == 1 and "kg ingest" in result.stderr


def test_eval_scores_the_seed(runner: CliRunner, dev_dir: Path) -> None:
    result = run(runner, "eval", dev_dir, "--doc", "ko-seed.txt", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == 1
    overall = report["scores"]["ALL"]
    assert overall["precision"] >= 0.9 and overall["recall"] >= 0.9
    assert report["qualifier_accuracy"] >= 0.9


def test_every_command_has_help(runner: CliRunner) -> None:
    for name, command in cli.commands.items():
        assert command.help, name
        result = run(runner, name, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout
