"""Rough edges of `kg query`, `kg facts` and `kg show` a new user meets, each fixed."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.queries import checks

SEED_PUBLISHED = "2025-08-31"


def run(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def seeded(store_dir: Path, dev_dir: Path) -> Path:
    result = run("ingest", dev_dir / "ko-seed.txt", "--store", store_dir,
                 "--published", SEED_PUBLISHED)
    assert result.exit_code == 0, result.output
    return store_dir


def test_a_missing_parameter_is_an_error_naming_it(seeded: Path) -> None:
    result = run("query", "--store", seeded,
                 "MATCH (o:Organization) WHERE o.name = $name AND o.id <> $other RETURN o.id")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("Error: the query uses $name, $other but no value was "
                                     "given: add --param name=VALUE --param other=VALUE")
    given = run("query", "--store", seeded, "--param", "name=Meta", "--param", "other=x",
                "--format", "json",
                "MATCH (o:Organization) WHERE o.name = $name AND o.id <> $other RETURN o.id")
    assert json.loads(given.stdout) == [{"o.id": "org:meta"}]


def test_parameters_are_found_outside_strings_and_comments() -> None:
    cypher = ("// $commented\nMATCH (o) WHERE o.name = '$not_a_param' AND o.id = $id "
              "AND o.x = $`odd name` RETURN o, \"$nor_this\" /* $nor */")
    assert checks.parameters(cypher) == ["id", "odd name"]


@pytest.mark.parametrize("cypher, hint", [
    ("MATCH (a)-[r]->(b) RETURN type(r) LIMIT 1",
     "hint: LadybugDB names a relationship's type with label(r), not type(r)"),
    ("MATCH (n) WHERE n:Organization RETURN n.name LIMIT 1",
     "hint: LadybugDB tests a label with label(n) = 'Organization', not WHERE n:Organization"),
])
def test_neo4j_idioms_get_the_ladybug_form_in_the_error(seeded: Path, cypher: str,
                                                        hint: str) -> None:
    result = run("query", "--store", seeded, cypher)
    assert result.exit_code == 1
    assert hint in result.stderr and len(result.stderr.strip().splitlines()) == 1
    suggested = cypher.replace("type(r)", "label(r)").replace(
        "WHERE n:Organization", "WHERE label(n) = 'Organization'")
    fixed = run("query", "--store", seeded, "--format", "json", suggested)
    assert fixed.exit_code == 0 and json.loads(fixed.stdout), fixed.output


def test_no_hint_for_an_unrelated_error(seeded: Path) -> None:
    result = run("query", "--store", seeded, "MATCH (n:Nope) RETURN n")
    assert result.exit_code == 1 and "hint" not in result.stderr


def test_facts_for_an_unknown_entity_says_so(seeded: Path) -> None:
    result = run("facts", "--store", seeded, "--entity", "nosuch")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no entity named 'nosuch' in the store"
    assert result.stdout == ""
    known = run("facts", "--store", seeded, "--entity", "메타", "--format", "json")
    assert known.exit_code == 0 and json.loads(known.stdout)


@pytest.mark.parametrize("name", ["메타", "Meta", "meta platforms", "org:meta"])
def test_neighbourhood_matches_any_alias(seeded: Path, name: str) -> None:
    result = run("query", "--store", seeded, "--name", "neighbourhood", "--param", f"name={name}",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {"entity": "Meta", "relation": "INVESTED_IN", "direction": "out",
            "other": "Scale AI", "sources": 1} in rows


def test_facts_csv_has_one_column_per_qualifier_and_plain_numbers(seeded: Path) -> None:
    result = run("facts", "--store", seeded, "--relation", "INVESTED_IN", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    header = result.stdout.splitlines()[0].split(",")
    assert header[:3] == ["subject", "relation", "object"]
    assert header[-2:] == ["confidence", "sources"]
    assert {"amount", "currency", "date"} <= set(header) and "qualifiers" not in header
    meta = next(r for r in rows if r["subject"] == "Meta")
    assert (meta["amount"], meta["currency"], meta["date"]) == ("14300000000", "USD", "2025-06")
    # The table keeps the separators people read easily.
    table = run("facts", "--store", seeded, "--relation", "INVESTED_IN", "--format", "table")
    assert "amount=14,300,000,000" in table.stdout


def test_show_csv_has_one_column_per_qualifier(seeded: Path) -> None:
    result = run("show", "--store", seeded, "Meta", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    investment = next(r for r in rows if r["relation"] == "INVESTED_IN")
    assert investment["amount"] == "14300000000" and investment["date"] == "2025-06"
