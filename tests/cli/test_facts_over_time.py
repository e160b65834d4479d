"""`kg facts --conflicts`, `kg facts --as-of` and `kg show --as-of` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import cli
from tests.dev_set import ingest_dev


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_conflicting_amount_between_two_documents_is_listed_with_both_values(
        tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("Meta invested $14.3 billion in Scale AI on June 12, 2025.\n",
                     encoding="utf-8")
    second.write_text("Meta invested $11 billion in Scale AI in June 2025.\n", encoding="utf-8")
    store = tmp_path / "store"
    for path, published in ((first, "2025-06-13"), (second, "2025-06-20")):
        assert run("ingest", path, "--published", published, "--store", store).exit_code == 0

    table = run("facts", "--conflicts", "--format", "csv", "--store", store)
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].endswith(",disagreement") and len(lines) == 2
    assert f"14,300,000,000 ({first})" in lines[1] and f"11,000,000,000 ({second})" in lines[1]

    (fact,) = [json.loads(line) for line in
               run("facts", "--conflicts", "--format", "jsonl", "--store", store)
               .stdout.splitlines()]
    assert fact["conflicts"] == ["amount"]
    assert sorted(s["qualifiers"]["amount"] for s in fact["sources"]) == [11e9, 14.3e9]
    # Without the flag the fact is listed once, as one edge with two sources.
    every = json.loads(run("facts", "--format", "json", "--store", store).stdout)
    assert [len(f["sources"]) for f in every if f["relation"] == "INVESTED_IN"] == [2]


def test_facts_without_conflicts_lists_nothing(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Meta invested $14.3 billion in Scale AI on June 12, 2025.\n",
                       encoding="utf-8")
    run("ingest", article, "--published", "2025-06-13", "--store", tmp_path / "s")
    result = run("facts", "--conflicts", "--format", "json", "--store", tmp_path / "s")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import DEV_DIR

    if not (DEV_DIR / "gold.jsonl").is_file():
        pytest.fail(f"the development set is missing: {DEV_DIR}")
    return ingest_dev(DEV_DIR, tmp_path_factory.mktemp("dev") / "store")


@pytest.mark.parametrize("day, employer, not_employer", [
    ("2025-05-01", "Scale AI", "Meta"),
    ("2025-07-01", "Meta", "Scale AI"),
])
def test_show_as_of_tells_where_alexandr_wang_worked(dev_store: Path, day: str, employer: str,
                                                     not_employer: str) -> None:
    result = run("show", "Alexandr Wang", "--as-of", day, "--format", "json",
                 "--store", dev_store)
    assert result.exit_code == 0, result.output
    works = {r["object"] for r in json.loads(result.stdout) if r["relation"] == "WORKS_AT"}
    assert employer in works and not_employer not in works


def test_facts_as_of_and_the_named_query_agree_on_wang(dev_store: Path) -> None:
    facts = run("facts", "--as-of", "2025-07-01", "--relation", "WORKS_AT", "--entity",
                "Alexandr Wang", "--format", "json", "--store", dev_store)
    assert {f["object"]["name"] for f in json.loads(facts.stdout)} == {"Meta"}
    named = run("query", "--name", "as-of", "--param", "date=2025-07-01", "--format", "json",
                "--store", dev_store)
    rows = [r for r in json.loads(named.stdout) if r["subject"] == "Alexandr Wang"]
    assert [(r["relation"], r["object"]) for r in rows] == [("WORKS_AT", "Meta")]


def test_as_of_needs_a_full_date(tmp_path: Path) -> None:
    result = run("facts", "--as-of", "July", "--store", tmp_path / "s")
    assert result.exit_code == 2 and "not a date" in result.output
