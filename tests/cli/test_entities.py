"""Cross-script names, merges, MENTIONS and publication dates through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.graph.store import open_store

# Sentences written for the project: Korean renderings of names the registry
# knows only in Latin (Mercor) or under other renderings (Shengjia Zhao).
MERCOR_KO = "메타, 머코르 투자\n\n메타는 AI 채용 스타트업 머코르에 1억 달러를 투자했다.\n"
ZHAO_KO = ("오픈AI 연구원 자오성자가 메타로 이직했다. 구글과 앤트로픽도 "
           "이 소식에 주목했다.\n")
ZHAO_KO_2 = "오픈AI 연구원 셩지아 자오가 메타로 이직했다.\n"
ACME_EN = ("Acme buys a stake\n\nAcme Robotics, a startup, said last month that it invested "
           "$5 million in Bolt Labs, a startup.\n")
ACME_KO = "로봇 스타트업 애크미는 스타트업 볼트랩스에 50억원을 투자했다.\n"


def run(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_show_finds_a_hangul_rendering(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = run("ingest", "--store", store, write(tmp_path / "m.txt", MERCOR_KO))
    assert result.exit_code == 0, result.output
    shown = run("show", "--store", store, "머코르", "--format", "csv")
    assert shown.exit_code == 0, shown.output
    assert "Mercor (Organization, org:mercor)" in shown.stderr
    assert "Meta,INVESTED_IN,Mercor" in shown.stdout


def test_both_renderings_of_a_person_are_one_entity(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run("ingest", "--store", store, write(tmp_path / "a.txt", ZHAO_KO), write(tmp_path / "b.txt", ZHAO_KO_2))
    with open_store(store, read_only=True) as s:
        people = {e.id: e for e in s.entities() if e.type == "Person"}
        hires = [f for f in s.facts("HIRED")]
    assert "person:shengjia-zhao" in people
    assert {"자오성자", "셩지아 자오"} <= set(people["person:shengjia-zhao"].aliases)
    assert not any("자오" in e.name for e in people.values())
    assert len(hires) == 1 and len(hires[0].sources) == 2


def test_mentions_every_named_entity_and_the_named_query(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run("ingest", "--store", store, write(tmp_path / "a.txt", ZHAO_KO))
    # Google and Anthropic are named, but in no fact.
    result = run("query", "--store", store, "--name", "mentions", "--param", "name=Anthropic",
                 "--format", "json")
    rows = json.loads(result.stdout)
    assert [Path(r["document"]).name for r in rows] == ["a.txt"]
    with open_store(store, read_only=True) as s:
        _, mentioned = s.query("MATCH (d:Document)-[:MENTIONS]->(e) RETURN e.name ORDER BY e.name")
    assert {"Google", "Anthropic", "Meta", "OpenAI", "Shengjia Zhao"} <= {r[0] for r in mentioned}


def _write_pair(store_dir: Path) -> None:
    """Two renderings of one company written as two entities, as an older kg would have."""
    from kg.graph.model import Document, Entity
    from kg.graph.store import ResolvedClaim

    ko = Entity("org:애크미", "Organization", "애크미")
    en = Entity("org:acme", "Organization", "Acme")
    bolt = Entity("org:bolt", "Organization", "Bolt Labs")
    with open_store(store_dir) as s:
        for doc_id, acme, evidence in (("d1", ko, "애크미는 볼트랩스에 투자했다."),
                                       ("d2", en, "Acme invested in Bolt Labs.")):
            s.write(Document(id=doc_id, path=f"{doc_id}.txt", text="", lang="ko", published="2025-06-01"),
                    [ResolvedClaim("INVESTED_IN", acme, bolt, {"date": "2025-06"}, evidence, 0.8, "t")])


def test_duplicates_then_merge_is_remembered(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _write_pair(store)
    dups = json.loads(run("entities", "--store", store, "--duplicates", "--format", "json").stdout)
    assert [(d["a_name"], d["b_name"], d["shared_neighbours"]) for d in dups] == [
        ("Acme", "애크미", ["Bolt Labs"])]
    result = run("merge", "--store", store, "애크미", "Acme")
    assert result.exit_code == 0, result.output
    assert "merged 애크미 (org:애크미) into Acme (org:acme)" in result.stderr
    with open_store(store, read_only=True) as s:
        entities = {e.id: e for e in s.entities()}
        invested = s.facts("INVESTED_IN")
        _, mentions = s.query("MATCH (d:Document)-[:MENTIONS]->(e {id: 'org:acme'}) "
                              "RETURN d.id ORDER BY d.id")
    assert "org:애크미" not in entities and "애크미" in entities["org:acme"].aliases
    # One event, reported twice: one edge with both sources.
    assert len(invested) == 1 and invested[0].subject.id == "org:acme"
    assert sorted(src.doc for src in invested[0].sources) == ["d1", "d2"]
    assert [r[0] for r in mentions] == ["d1", "d2"]
    assert json.loads((store / "merges.jsonl").read_text().splitlines()[0])["into"] == "org:acme"
    assert json.loads(run("entities", "--store", store, "--duplicates", "--format", "json").stdout) == []
    # A later ingest that writes the merged name lands on the kept entity.
    run("ingest", "--store", store, "--published", "2025-07-01", write(tmp_path / "ko.txt", ACME_KO))
    with open_store(store, read_only=True) as s:
        assert "org:애크미" not in {e.id for e in s.entities()}
        assert {f.subject.id for f in s.facts("INVESTED_IN")} == {"org:acme"}


def test_merge_errors_are_one_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run("ingest", "--store", store, write(tmp_path / "m.txt", MERCOR_KO))
    result = CliRunner().invoke(cli, ["merge", "--store", str(store), "Nobody", "Mercor"])
    assert result.exit_code == 1 and "no entity named 'Nobody'" in result.output


def test_ingest_without_dates_leaves_relative_dates_unresolved(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = run("ingest", "--store", store, write(tmp_path / "en.txt", ACME_EN))
    assert "no publication date found" in result.stderr
    assert "1 facts left undated" in result.stderr or "left undated" in result.stderr
    with open_store(store, read_only=True) as s:
        facts = s.facts()
        docs = s.documents()
    assert facts and all("date" not in f.qualifiers for f in facts)
    assert [d.published for d in docs.values()] == [None]


def test_ingest_with_a_manifest(tmp_path: Path) -> None:
    store = tmp_path / "store"
    write(tmp_path / "en.txt", ACME_EN)
    manifest = write(tmp_path / "m.csv", "path,published,url\nen.txt,2025-06-13,https://x.example/acme\n")
    result = run("ingest", "--store", store, "--manifest", manifest, tmp_path / "en.txt")
    assert "published 2025-06-13 (from the manifest)" in result.stderr
    with open_store(store, read_only=True) as s:
        doc, = s.documents().values()
        facts = s.facts("INVESTED_IN")
    assert doc.url == "https://x.example/acme"
    assert facts and facts[0].qualifiers.get("date", "") <= "2025-06-13"


def test_a_manifest_alone_names_the_files(tmp_path: Path) -> None:
    store = tmp_path / "store"
    write(tmp_path / "en.txt", ACME_EN)
    manifest = write(tmp_path / "m.jsonl", '{"path": "en.txt", "published": "2025-06-13"}\n')
    result = run("ingest", "--store", store, "--manifest", manifest)
    assert "en.txt:" in result.stderr and "(from the manifest)" in result.stderr
    usage = CliRunner().invoke(cli, ["ingest", "--store", str(store)])
    assert usage.exit_code == 2 and "--manifest" in usage.output
