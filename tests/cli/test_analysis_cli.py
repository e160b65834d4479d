"""`kg path`, `kg flows`, `kg rank`, `kg communities` and `kg view` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph.store import ResolvedClaim, open_store
from tests.graph.test_analysis import GOOGLE, KIM, MERCOR, META, OPENAI, SCALE
from tests.graph.test_store import doc


def run(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def claim(relation: str, s: object, o: object, **q: object) -> ResolvedClaim:
    return ResolvedClaim(relation, s, o, dict(q), f"{relation} sentence.", 0.8, "test")


@pytest.fixture
def store(store_dir: Path) -> Path:
    with open_store(store_dir) as s:
        s.write(doc(1), [
            claim("COMPETES_WITH", MERCOR, SCALE),
            claim("VENDOR_TO", SCALE, OPENAI, service="data labeling"),
            claim("INVESTED_IN", META, SCALE, amount=14.3e9, currency="USD", date="2025-06"),
            claim("INVESTED_IN", GOOGLE, SCALE, amount=1e9, currency="USD", date="2024-05"),
            claim("INVESTED_IN", GOOGLE, MERCOR, amount=1e8, currency="USD", date="2025-02"),
            claim("HIRED_FROM", META, SCALE, count=10, date="2025-06"),
            claim("DEPARTED", KIM, OPENAI, date="2025-03"),
            claim("HIRED", META, KIM, date="2025-07"),
        ])
    return store_dir


def test_path_prints_each_hop_with_its_facts(store: Path) -> None:
    result = run("path", "Mercor", "OpenAI", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    paths = json.loads(result.stdout)
    assert [p["entities"] for p in paths] == [["Mercor", "Scale AI", "OpenAI"]]
    hop = paths[0]["hops"][1]
    assert hop["from"] == "Scale AI" and [f["relation"] for f in hop["facts"]] == ["VENDOR_TO"]
    assert "1 shortest path(s) of 2 hop(s): Mercor → Scale AI → OpenAI" in result.stderr


def test_path_with_no_connection_is_an_error(store: Path) -> None:
    result = run("path", "Mercor", "OpenAI", "--relation", "INVESTED_IN", "--store", store)
    assert result.exit_code == 1
    assert "no path from 'Mercor' to 'OpenAI'" in result.stderr


def test_flows_counts_per_period(store: Path) -> None:
    result = run("flows", "--store", store, "--format", "json")
    rows = [(r["period"], r["from"], r["to"], r["moves"], r["people"])
            for r in json.loads(result.stdout)]
    assert rows == [("2025", "Scale AI", "Meta", 1, 10), ("2025", "OpenAI", "Meta", 1, 1)]
    before = run("flows", "--store", store, "--format", "json", "--as-of", "2025-06")
    assert [r["from"] for r in json.loads(before.stdout)] == ["Scale AI"]


def test_rank_central_investors(store: Path) -> None:
    result = run("rank", "--relation", "INVESTED_IN", "--by", "out", "--top", "1",
                 "--store", store, "--format", "json")
    assert [(r["entity"], r["out"]) for r in json.loads(result.stdout)] == [("Google", 2)]
    since = run("rank", "--relation", "INVESTED_IN", "--by", "out", "--since", "2025",
                "--store", store, "--format", "json")
    assert {r["entity"]: r["out"] for r in json.loads(since.stdout)}["Google"] == 1
    top = run("rank", "--relation", "INVESTED_IN", "--store", store, "--format", "json")
    assert json.loads(top.stdout)[0]["entity"] == "Scale AI"


def test_communities_lists_members(store: Path) -> None:
    result = run("communities", "--store", store, "--format", "json")
    groups = json.loads(result.stdout)
    members = sorted(m for g in groups for m in g["members"])
    assert members == sorted(["Mercor", "Scale AI", "OpenAI", "Meta", "Google", "Kim"])


def test_bad_date_is_a_usage_error_in_one_line(store: Path) -> None:
    result = run("rank", "--as-of", "June", "--store", store)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: --as-of 'June' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")


def test_view_writes_a_page_and_names_unknown_entities(store: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("view", "스케일AI", "--store", store)
    assert result.exit_code == 0, result.output
    page = (tmp_path / "Scale-AI.html").read_text("utf-8")
    assert "INVESTED_IN · 14.3B USD · 2025-06" in page and "<script" not in page
    assert "http" not in page.replace("http://www.wikidata.org", "").replace(
        'xmlns="http://www.w3.org/2000/svg"', "")  # nothing fetched from the network
    missing = run("view", "nosuch", "--store", store, "--out", tmp_path / "x.html")
    assert missing.exit_code == 1 and "no entity named 'nosuch'" in missing.stderr
    assert not (tmp_path / "x.html").exists()
    whole = run("view", "--store", store, "--relation", "INVESTED_IN")
    assert whole.exit_code == 0 and "3 facts" in whole.stderr
    assert (tmp_path / "graph.html").read_text("utf-8").count('class="edge"') == 3
