"""Streaming ingest: files walked, extracted in worker processes, written in batches."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph.store import Store, open_store
from kg.pipeline import (
    YOUNG_COLLECTION_AFTER_LOAD,
    Extracted,
    ExtractOptions,
    Failure,
    Known,
    extract_paths,
    from_record,
    iter_paths,
    outcome_from_record,
    outcome_record,
    to_json_line,
    to_record,
    write_stream,
)

# A few real articles in both languages (read from ../shared, never copied into the repo).
SAMPLE = ["ko-seed.txt", "ko-003.txt", "ko-005.txt", "en-001.txt", "en-003.txt", "en-005.txt"]
OPTIONS = ExtractOptions(published="2025-08-31")


@pytest.fixture
def articles(dev_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in SAMPLE:
        shutil.copy(dev_dir / name, folder / name)
    return folder


@pytest.fixture
def with_bad_files(articles: Path) -> Path:
    (articles / "zz-binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (articles / "zz-empty.txt").write_bytes(b"")
    return articles


def snapshot(store_path: Path) -> dict[str, Any]:
    """What a store holds, independent of when it was written."""
    with open_store(store_path, read_only=True) as store:
        return {
            "counts": store.counts(),
            "documents": sorted((d.id, Path(d.path).name, d.lang, d.published, d.title)
                                for d in store.documents().values()),
            "entities": [(e.id, e.type, e.name, e.aliases) for e in store.entities()],
            "facts": [json.dumps(f.to_json(), sort_keys=True, ensure_ascii=False)
                      for f in store.facts()],
        }


def run(*args: Any) -> Any:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_directories_and_globs_are_walked(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / ".hidden").mkdir()
    for name in ("a/2.txt", "a/1.html", "a/b/3.md", "a/notes.json", "a/.x.txt", "a/.hidden/4.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    rel = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path / "a"])]
    assert rel == ["a/1.html", "a/2.txt", "a/b/3.md"]
    globbed = [p.relative_to(tmp_path).as_posix() for p in iter_paths([f"{tmp_path}/a/**/*.md"])]
    assert globbed == ["a/b/3.md"]
    # A named file is read whatever its suffix; a missing one is passed on to be reported.
    assert list(iter_paths([tmp_path / "a" / "notes.json", tmp_path / "nope.txt"])) == [
        tmp_path / "a" / "notes.json", tmp_path / "nope.txt"]


def test_two_workers_give_the_same_store_as_one(articles: Path, tmp_path: Path) -> None:
    stores = {}
    for workers in (1, 2):
        stores[workers] = tmp_path / f"store-{workers}"
        with open_store(stores[workers]) as store:
            outcomes = extract_paths(iter_paths([articles]), OPTIONS, workers=workers,
                                     pool_min_files=0)
            summary = write_stream(store, outcomes, batch_size=4)
        assert summary.written == len(SAMPLE) and summary.failed == 0
    one = snapshot(stores[1])
    assert one["facts"], "the sample articles should give facts"
    assert snapshot(stores[2]) == one


def recorded_calls(monkeypatch: pytest.MonkeyPatch, name: str, *modules: Any) -> list[str]:
    """The names of the files the function ``name`` of ``modules`` (the first one's) is
    called with in this process, as the test runs."""
    calls: list[str] = []
    real = getattr(modules[0], name)

    def recording(path: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(Path(path).name)
        return real(path, *args, **kwargs)

    for module in modules:
        monkeypatch.setattr(module, name, recording)
    return calls


def extracted_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files this process extracts itself (not a worker)."""
    import kg.pipeline as pipeline

    return recorded_calls(monkeypatch, "try_extract_file", pipeline)


def test_english_files_extracted_while_the_workers_load_are_the_workers_own(
        articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the fork server loads the models, this process extracts English files
    itself; the outcomes are those of one worker, in input order."""
    paths = list(iter_paths([articles])) * 3
    one = [to_record(o) for o in extract_paths(paths, OPTIONS, workers=1)]
    here = extracted_here(monkeypatch)
    two = [to_record(o) for o in extract_paths(paths, OPTIONS, workers=2, pool_min_files=0)]
    assert two == one
    assert here and all(name.startswith("en-") for name in here)


def test_a_language_given_for_every_file_is_extracted_while_the_workers_load(
        articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--lang en``: no file is read to tell its language, and the English files this
    process extracts while the workers load are those of one worker (``--lang ko``:
    every file goes to the workers)."""
    paths = [p for p in iter_paths([articles]) if p.name.startswith("en-")] * 3
    english = ExtractOptions(published="2025-08-31", lang="en")
    one = [to_record(o) for o in extract_paths(paths, english, workers=1)]
    here = extracted_here(monkeypatch)
    two = [to_record(o) for o in extract_paths(paths, english, workers=2, pool_min_files=0)]
    assert two == one
    assert here
    korean = [p for p in iter_paths([articles]) if p.name.startswith("ko-")]
    outcomes = list(extract_paths(korean, ExtractOptions(published="2025-08-31", lang="ko"),
                                  workers=2, pool_min_files=0))
    assert [type(o) for o in outcomes] == [Extracted] * len(korean)


def test_an_english_file_extracted_while_the_workers_load_is_read_once(
        articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bytes read to tell its language are the ones extracted (files read in this
    process: those it extracts, and those it looks at before handing them on)."""
    import kg.loaders.rawtext as rawtext
    import kg.loaders.read as reader

    reads = recorded_calls(monkeypatch, "read_file_bytes", rawtext, reader)
    here = extracted_here(monkeypatch)
    paths = list(iter_paths([articles])) * 3
    list(extract_paths(paths, OPTIONS, workers=2, pool_min_files=0))
    english = [name for name in reads if name.startswith("en-")]
    assert here and sorted(english) == sorted(here)


def test_outcomes_come_back_in_input_order_with_failures_in_place(with_bad_files: Path) -> None:
    paths = list(iter_paths([with_bad_files]))
    outcomes = list(extract_paths(paths, OPTIONS, workers=2, pool_min_files=0))
    assert [Path(o.document.path if not isinstance(o, Failure) else o.path).name
            for o in outcomes] == [p.name for p in paths]
    failures = [o for o in outcomes if isinstance(o, Failure)]
    assert [(Path(f.path).name, f.problem) for f in failures] == [
        ("zz-binary.txt", "looks binary, not text"), ("zz-empty.txt", "is empty")]


def test_bad_files_are_reported_skipped_and_counted(with_bad_files: Path, store_dir: Path) -> None:
    result = run("ingest", with_bad_files, "--store", store_dir, "--workers", "2", "-q")
    assert result.exit_code == 1
    # Cleaning warnings (kept even with -q) are not what this test is about.
    lines = [ln for ln in result.stderr.strip().splitlines() if not ln.startswith("Warning: ")]
    assert lines[:2] == [f"Error: {with_bad_files / 'zz-binary.txt'}: looks binary, not text",
                         f"Error: {with_bad_files / 'zz-empty.txt'}: is empty"]
    assert lines[2] == (f"{len(SAMPLE)} documents ingested " + lines[2].split(" ingested ")[1])
    assert lines[2].endswith("0 already in the store, 2 failed")
    assert snapshot(store_dir)["counts"]["Document"] == len(SAMPLE)

    before = snapshot(store_dir)
    again = run("ingest", with_bad_files, "--store", store_dir, "--workers", "2", "-q")
    assert again.exit_code == 1
    assert again.stderr.strip().splitlines()[-1] == (
        f"0 documents ingested (0 facts added, 0 merged), {len(SAMPLE)} already in the store, "
        "2 failed")
    assert snapshot(store_dir) == before


def test_on_error_stop_writes_nothing(with_bad_files: Path, store_dir: Path) -> None:
    result = run("ingest", with_bad_files, "--store", store_dir, "--on-error", "stop")
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line == f"Error: {with_bad_files / 'zz-binary.txt'}: looks binary, not text"
    assert not (store_dir / "graph.lbug").exists() or snapshot(store_dir)["counts"]["Document"] == 0


def synthetic_archive(folder: Path, count: int) -> list[str]:
    """``count`` short distinct articles (every fourth in Korean), each with a fact."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(count):
        if i % 4 == 0:
            text = (f"기사 {i}\n\n네이버는 {i % 12 + 1}월 업스테이지에 {100 + i}억원을 "
                    "투자했다고 밝혔다.\n")
        else:
            text = (f"Article {i}\n\nNova{i} Labs raised ${5 + i} million in a Series A round "
                    f"led by Sequoia Capital in March 2025.\n\nNova{i} Labs builds robots.\n")
        name = f"{i // 100:02d}/article-{i:04d}.txt"
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
        names.append(name)
    return names


def test_an_archive_of_500_files_with_5_bad_ones(tmp_path: Path, store_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The acceptance run: 495 ingested, 5 reported, exit 1, a consistent store, and a
    rerun that ingests nothing new (and reads only the bad files again)."""
    import importlib.util

    import kg.loaders.read as reader

    spec = importlib.util.spec_from_file_location(
        "bench_bad_files", Path(__file__).resolve().parents[1] / "scripts" / "bench_bad_files.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    archive = tmp_path / "archive"
    synthetic_archive(archive, 495)
    bad = sorted(name for name, _ in bench.BAD)
    for name, content in bench.BAD:
        (archive / "50").mkdir(exist_ok=True)
        (archive / "50" / name).write_bytes(content)

    result = run("ingest", archive, "--store", store_dir, "--workers", "2", "-q")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("Error: ")]
    assert [line.split(": ")[1] for line in errors] == [str(archive / "50" / n) for n in bad]
    assert lines[-1] == ("495 documents ingested " + lines[-1].split(" ingested ")[1])
    assert lines[-1].endswith("0 already in the store, 5 failed")
    with open_store(store_dir, read_only=True) as store:
        assert store.problems() == []  # what `kg check` checks
        assert store.counts()["Document"] == 495 and len(store.files()) == 495
        assert store.query("MATCH (d:Document) WHERE NOT (d)-[:MENTIONS]->() RETURN count(d)"
                           )[1][0][0] == 0
    before = snapshot(store_dir)
    assert len(before["facts"]) >= 100

    reads: list[str] = []
    real = reader.read_document
    monkeypatch.setattr(reader, "read_document",
                        lambda path, **kw: reads.append(Path(path).name) or real(path, **kw))
    again = run("ingest", archive, "--store", store_dir, "--workers", "2", "-q")
    assert again.exit_code == 1
    assert again.stderr.strip().splitlines()[-1] == (
        "0 documents ingested (0 facts added, 0 merged), 495 already in the store, 5 failed")
    assert sorted(reads) == bad
    assert snapshot(store_dir) == before


def test_on_error_stop_reads_each_file_once(articles: Path, store_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.loaders.read as reader

    reads: list[str] = []
    real = reader.read_document
    monkeypatch.setattr(reader, "read_document",
                        lambda path, **kw: reads.append(Path(path).name) or real(path, **kw))
    result = run("ingest", articles, "--store", store_dir, "--on-error", "stop", "--workers", "1",
                 "-q")
    assert result.exit_code == 0
    assert sorted(reads) == sorted(SAMPLE)
    assert snapshot(store_dir)["counts"]["Document"] == len(SAMPLE)
    with open_store(store_dir, read_only=True) as store:  # the files are recorded as usual
        assert sorted(Path(p).name for p in store.files()) == sorted(SAMPLE)

    # A bad file after good ones: those before it are read once, nothing is written.
    (articles / "zz-binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    reads.clear()
    other = store_dir.parent / "other"
    result = run("ingest", articles, "--store", other, "--on-error", "stop", "--workers", "1")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {articles / 'zz-binary.txt'}: looks binary, not text"]
    assert sorted(reads) == sorted([*SAMPLE, "zz-binary.txt"])
    assert not other.exists()  # the store is not even created

    # kg extract likewise: nothing printed, each file read once.
    reads.clear()
    result = run("extract", articles, "--on-error", "stop", "--workers", "1")
    assert result.exit_code == 1 and result.stdout == ""
    assert sorted(reads) == sorted([*SAMPLE, "zz-binary.txt"])


def test_documents_in_the_store_are_not_extracted_again(articles: Path, store_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    first = sorted(articles.iterdir())[:2]
    with open_store(store_dir) as store:
        write_stream(store, extract_paths(first, OPTIONS))
        known = store.document_ids()

    extracted: list[str] = []
    import kg.pipeline

    real = kg.pipeline.extract_document
    monkeypatch.setattr(kg.pipeline, "extract_document",
                        lambda doc, registry=None: extracted.append(doc.path) or real(doc, registry))
    outcomes = list(extract_paths(iter_paths([articles]), OPTIONS, known=known))
    assert [Path(o.document.path).name for o in outcomes if isinstance(o, Known)] == [
        p.name for p in first]
    assert sorted(Path(p).name for p in extracted) == sorted(
        p.name for p in articles.iterdir() if p not in first)


@pytest.mark.parametrize("bulk", [False, True], ids=["cypher", "copy"])
def test_a_failed_batch_is_retried_document_by_document(articles: Path, store_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        bulk: bool) -> None:
    outcomes = list(extract_paths(iter_paths([articles]), OPTIONS))
    poisoned = outcomes[2].document.id
    real = Store._write_documents

    def failing(self: Store, items: Any, *args: Any) -> Any:
        result = real(self, items, *args)  # half-written, then the failure
        if any(document.id == poisoned for document, _, _ in items):
            raise RuntimeError("disk full")
        return result

    monkeypatch.setattr(Store, "_write_documents", failing)
    monkeypatch.setattr(Store, "min_copy_batch", 2)  # a batch this small is copied too
    failures: list[Failure] = []
    with open_store(store_dir, bulk=bulk) as store:  # bulk: a first load's COPY FROM
        assert store.bulk == bulk
        summary = write_stream(store, outcomes, batch_size=len(outcomes), on_failure=failures.append)
        ids = store.document_ids()
    assert summary.written == len(SAMPLE) - 1 and summary.failed == 1
    assert failures[0].path == outcomes[2].document.path and "disk full" in failures[0].problem
    assert ids == {o.document.id for o in outcomes} - {poisoned}
    # Nothing of the failed document is left behind: its facts have no source in the store.
    with open_store(store_dir, read_only=True) as store:
        assert all(s.doc != poisoned for f in store.facts() for s in f.sources)


def test_records_round_trip_through_json(articles: Path) -> None:
    outcomes = [o for o in extract_paths(iter_paths([articles]), OPTIONS)]
    assert all(isinstance(o, Extracted) for o in outcomes)
    for outcome in outcomes:
        back = from_record(json.loads(to_json_line(outcome)))
        assert to_record(back) == to_record(outcome)
        assert back.claims == outcome.claims
        # Between processes and machines an outcome keeps its file's stamp (for the File table).
        assert outcome.stamp is not None
        again = outcome_from_record(json.loads(json.dumps(outcome_record(outcome))))
        assert again.stamp == outcome.stamp and to_record(again) == to_record(outcome)
    known = Known(outcomes[0].document, outcomes[0].stamp, recorded=True)
    assert outcome_from_record(json.loads(json.dumps(outcome_record(known)))) == known
    failure = Failure("a.txt", "is empty")
    assert outcome_from_record(json.loads(json.dumps(outcome_record(failure)))) == failure


def test_extract_then_load_gives_the_same_store_as_ingest(with_bad_files: Path,
                                                          tmp_path: Path) -> None:
    ingested, loaded = tmp_path / "ingested", tmp_path / "loaded"
    result = run("ingest", with_bad_files, "--store", ingested, "--published", "2025-08-31",
                 "--workers", "1")
    assert result.exit_code == 1

    claims = tmp_path / "claims.jsonl"
    result = run("extract", with_bad_files, "--published", "2025-08-31", "--workers", "2",
                 "-q", "-o", claims)
    assert result.exit_code == 1 and result.stderr.count("Error: ") == 2
    lines = claims.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(SAMPLE)
    assert {"document", "claims"} <= set(json.loads(lines[0]))

    result = run("load", claims, "--store", loaded, "--batch", "2")
    assert result.exit_code == 0, result.output
    assert snapshot(loaded) == snapshot(ingested)


def test_load_reports_a_bad_line_and_keeps_the_rest(articles: Path, tmp_path: Path) -> None:
    claims = tmp_path / "claims.jsonl"
    assert run("extract", articles, "-q", "-o", claims).exit_code == 0
    lines = claims.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["claims"] = [{"relation": "LIKES"}]
    claims.write_text("\n".join([lines[0], json.dumps(broken), "{not json", *lines[2:]]) + "\n",
                      encoding="utf-8")
    store = tmp_path / "store"
    result = run("load", claims, "--store", store, "-q")
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("Error: ")]
    assert [e.split(": ")[1] for e in errors] == [f"{claims}:2", f"{claims}:3"]
    assert snapshot(store)["counts"]["Document"] == len(SAMPLE) - 1

    stopped = tmp_path / "stopped"
    result = run("load", claims, "--store", stopped, "--on-error", "stop")
    assert result.exit_code == 1 and f"{claims}:2" in result.stderr
    assert not (stopped / "graph.lbug").exists()
    # From stdin too (the input is read once, so it need not be a file).
    result = CliRunner().invoke(cli, ["load", "-", "--store", str(stopped), "--on-error", "stop"],
                                input=claims.read_text(encoding="utf-8"))
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: <stdin>:2: " + errors[0].split(f"{claims}:2: ")[1]
    assert not (stopped / "graph.lbug").exists()


def test_a_statement_the_engine_rejects_fails_only_its_document(articles: Path, store_dir: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    outcomes = list(extract_paths(iter_paths([articles]), OPTIONS))
    poisoned = outcomes[1].document.id
    real = Store._write_documents

    def failing(self: Store, items: Any, *args: Any) -> Any:
        if any(document.id == poisoned for document, _, _ in items):
            self._conn.execute("MATCH (n:NoSuchTable) RETURN n")  # the engine aborts the transaction
        return real(self, items, *args)

    monkeypatch.setattr(Store, "_write_documents", failing)
    with open_store(store_dir) as store:
        summary = write_stream(store, outcomes, batch_size=len(outcomes))
        assert store.document_ids() == {o.document.id for o in outcomes} - {poisoned}
    assert summary.written == len(SAMPLE) - 1 and summary.failed == 1


def test_a_rerun_reads_no_file_unchanged_since_it_was_ingested(articles: Path, store_dir: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    import kg.loaders.read as reader

    assert run("ingest", articles, "--store", store_dir, "--workers", "1", "-q").exit_code == 0
    before = snapshot(store_dir)
    reads: list[str] = []
    real = reader.read_document
    monkeypatch.setattr(reader, "read_document",
                        lambda path, **kw: reads.append(Path(path).name) or real(path, **kw))

    again = run("ingest", articles, "--store", store_dir, "--workers", "1")
    assert again.exit_code == 0 and reads == []
    assert again.stderr.strip().splitlines()[-1] == (
        f"0 documents ingested (0 facts added, 0 merged), {len(SAMPLE)} already in the store, "
        "0 failed")
    assert snapshot(store_dir) == before

    # A changed file is read and ingested; a touched one is read once (to hash it).
    changed, touched = sorted(articles.iterdir())[:2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nOne more paragraph.\n",
                       encoding="utf-8")
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    result = run("ingest", articles, "--store", store_dir, "--workers", "1", "-q")
    assert result.exit_code == 0 and sorted(reads) == sorted([changed.name, touched.name])
    assert snapshot(store_dir)["counts"]["Document"] == len(SAMPLE) + 1

    reads.clear()
    assert run("ingest", articles, "--store", store_dir, "--workers", "1", "-q").exit_code == 0
    assert reads == []
    assert run("ingest", articles, "--store", store_dir, "--workers", "1", "-q",
               "--reread").exit_code == 0
    assert sorted(reads) == sorted(SAMPLE)


def test_a_first_load_by_copy_gives_the_store_of_the_normal_path(with_bad_files: Path,
                                                                 tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    copied: list[str] = []
    real = Store._copy
    monkeypatch.setattr(Store, "_copy", lambda self, table, *args: copied.append(table)
                        or real(self, table, *args))
    # These few articles are a first load's batch of at least min_copy_batch documents.
    monkeypatch.setattr(Store, "min_copy_batch", 2)

    def listing(store: Path) -> tuple[str, str]:
        facts = run("facts", "--store", store, "--format", "jsonl")
        entities = run("entities", "--store", store, "--format", "jsonl")
        assert facts.exit_code == 0 and entities.exit_code == 0
        return facts.stdout, entities.stdout

    # Into an empty store, kg ingest writes nodes and edges by COPY FROM by default.
    options = ("--published", "2025-08-31", "--workers", "1", "-q")
    assert run("ingest", with_bad_files, "--store", tmp_path / "copied", *options).exit_code == 1
    assert {"Document", "Organization", "MENTIONS", "INVESTED_IN"} <= set(copied)
    copied.clear()
    assert run("ingest", with_bad_files, "--store", tmp_path / "normal", "--no-copy",
               *options).exit_code == 1
    assert copied == []
    normal = listing(tmp_path / "normal")
    assert normal[0].count("\n") > 10
    assert listing(tmp_path / "copied") == normal

    # kg load of kg extract's output into an empty store, likewise.
    claims = tmp_path / "claims.jsonl"
    run("extract", with_bad_files, *options, "-o", claims)
    assert run("load", claims, "--store", tmp_path / "loaded", "-q").exit_code == 0
    assert "INVESTED_IN" in copied
    assert listing(tmp_path / "loaded") == normal
    # A store with documents is written the normal way.
    first = sorted(with_bad_files.iterdir())[0]
    assert run("ingest", first, "--store", tmp_path / "grown", "--no-copy", *options).exit_code == 0
    copied.clear()
    assert run("ingest", with_bad_files, "--store", tmp_path / "grown", *options).exit_code == 1
    assert copied == []
    assert listing(tmp_path / "grown") == normal


def test_a_small_first_load_is_written_without_copy(articles: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # A first load of fewer documents than min_copy_batch costs less by Cypher than by
    # COPY (pyarrow's import, a checkpoint per COPY): the store is the same either way.
    copied: list[str] = []
    real = Store._copy
    monkeypatch.setattr(Store, "_copy", lambda self, table, *args: copied.append(table)
                        or real(self, table, *args))
    options = ("--published", "2025-08-31", "--workers", "1", "-q")
    assert len(SAMPLE) < Store.min_copy_batch
    assert run("ingest", articles, "--store", tmp_path / "small", *options).exit_code == 0
    assert copied == []
    monkeypatch.setattr(Store, "min_copy_batch", len(SAMPLE))
    assert run("ingest", articles, "--store", tmp_path / "copied", *options).exit_code == 0
    assert {"Document", "Organization", "MENTIONS", "INVESTED_IN"} <= set(copied)
    small, copied_store = snapshot(tmp_path / "small"), snapshot(tmp_path / "copied")
    assert small["counts"]["INVESTED_IN"] > 0
    assert small == copied_store


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="counts threads in /proc")
def test_the_fork_server_holds_the_models_and_no_thread_before_it_forks_workers() -> None:
    """Workers are forked from a process that already loaded Kiwi (one load, shared),
    and forking is safe only if that process has no thread besides its main one."""
    import subprocess
    import sys

    from kg.pipeline import mp_context

    context = mp_context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        assert "kg.worker_models" in forkserver._forkserver._preload_modules
    # as the fork server of a kg command imports them (see the next test)
    probe = ("import os, kg.cli, kg.worker_models; from kg.loaders.morph import kiwi; "
             "print(kiwi.cache_info().currsize, len(os.listdir('/proc/self/task')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "1"]


@pytest.mark.parametrize("cli", [True, False])
def test_the_fork_server_of_a_kg_command_imports_the_command_line_once(cli: bool) -> None:
    """Each worker runs the parent's main script again; for a kg command that imports
    kg.cli, which the fork server then holds already (not one import per worker). A
    library caller's fork server does not import it."""
    import subprocess
    import sys

    from kg.pipeline import mp_context

    if mp_context().get_start_method() != "forkserver":
        pytest.skip("no fork server on this platform")
    probe = (("import kg.cli; " if cli else "")
             + "from multiprocessing import forkserver; from kg.pipeline import mp_context; "
             "mp_context(); print(forkserver._forkserver._preload_modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    preload = done.stdout.strip()
    assert "'kg.worker_models'" in preload
    assert ("'kg.cli'" in preload) is cli


def test_files_read_ahead_give_the_outcomes_of_one_at_a_time(with_bad_files: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """One process reads a group of files before it extracts them (Kiwi's calls back to
    back); each file's outcome, failures and known documents included, is the one it gets
    read and extracted on its own, in input order."""
    import kg.pipeline as pipeline

    paths = [*iter_paths([with_bad_files]), with_bad_files / "missing.txt"]
    known_id = pipeline.read_file(paths[1], OPTIONS)[1].id
    one_by_one = [outcome_record(pipeline.try_extract_file(p, OPTIONS, known={known_id}.__contains__))
                  for p in paths]
    order: list[tuple[str, str]] = []
    for name in ("read_file", "extract_read"):
        real = getattr(pipeline, name)

        def recording(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            first = args[0]
            order.append((_name, Path(first if _name == "read_file" else first.path).name))
            return _real(*args, **kwargs)

        monkeypatch.setattr(pipeline, name, recording)
    ahead = [outcome_record(o) for o in pipeline.extract_read_ahead(
        ((p, None) for p in paths), OPTIONS, known={known_id}.__contains__, read_ahead=3)]
    assert ahead == one_by_one
    assert sum("failure" in r for r in ahead) == 3 and sum("known" in r for r in ahead) == 1
    # the first group's three files are read before any of them is extracted
    assert [step for step, _ in order[:4]] == ["read_file"] * 3 + ["extract_read"]


@pytest.mark.parametrize("freeze_models", [True, False])
def test_the_loaded_models_are_frozen_out_of_the_collectors_sight(articles: Path,
                                                                  freeze_models: bool) -> None:
    """After the first group of files (the models loaded), kg's own serial extraction
    moves what its process holds out of the garbage collector's full collections; a
    library caller's process (the default) is left as it is. A fresh process each, so
    this one's objects stay collectable."""
    import subprocess
    import sys

    code = ("import gc, sys\nfrom kg.pipeline import ExtractOptions, extract_read_ahead\n"
            "before = gc.get_freeze_count()\n"
            "list(extract_read_ahead([(sys.argv[1], None)], ExtractOptions(published='2025-08-31'),\n"
            "                        freeze_models=sys.argv[2] == 'True'))\n"
            "print(before, gc.get_freeze_count(), gc.isenabled(), gc.get_threshold()[0])\n")
    done = subprocess.run([sys.executable, "-c", code, str(articles / "en-001.txt"), str(freeze_models)],
                          capture_output=True, text=True, check=True)
    before, after, enabled, young = done.stdout.split()
    assert int(before) == 0 and enabled == "True"
    assert (int(after) > 10_000) if freeze_models else int(after) == 0
    # and the youngest generation is collected less often only in kg's own process
    assert int(young) == (YOUNG_COLLECTION_AFTER_LOAD if freeze_models else 700)


def test_each_worker_task_is_a_group_of_files_read_ahead(articles: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers read ahead too: a task is a group of files (the last one what is left),
    and the outcomes are those of one process, in input order."""
    from concurrent.futures import ProcessPoolExecutor

    import kg.pipeline as pipeline

    paths = list(iter_paths([articles])) * 2 + [articles / "missing.txt"]
    one = [outcome_record(o) for o in extract_paths(paths, OPTIONS, workers=1)]
    groups: list[int] = []
    real_submit = ProcessPoolExecutor.submit

    def recording(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if fn is pipeline._extract_group_in_worker:
            groups.append(len(args[0]))
        return real_submit(self, fn, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", recording)
    two = [outcome_record(o) for o in extract_paths(paths, OPTIONS, workers=2, pool_min_files=0,
                                                    help_while_loading=False)]
    assert two == one
    size = pipeline.WORKER_READ_AHEAD
    assert groups == [size] * (len(paths) // size) + [len(paths) % size] * (len(paths) % size > 0)


def test_files_met_while_the_workers_load_go_to_them_in_groups() -> None:
    """The files this process leaves to the workers while they start (not English) are
    read ahead in groups too, not one task each; each takes its own outcome, in order."""
    import kg.pipeline as pipeline

    class Pool:
        def __init__(self) -> None:
            self.groups: list[list[str]] = []

        def submit(self, fn: Any, paths: list[str]) -> Any:
            assert fn is pipeline._extract_group_in_worker
            self.groups.append(paths)
            return pipeline._done([f"outcome of {path}" for path in paths])

    here = [pipeline._done(f"outcome of {name}") for name in ("en-1", "en-2")]
    taken: list[Any] = [here[0], "ko-1", "ko-2", here[1], "ko-3", "ko-4", "ko-5", "ko-6"]
    pool = Pool()
    entries = pipeline._handed_on(pool, taken)
    size = pipeline.WORKER_READ_AHEAD
    left = ["ko-1", "ko-2", "ko-3", "ko-4", "ko-5", "ko-6"]
    assert pool.groups == [left[i:i + size] for i in range(0, len(left), size)]
    window = pipeline._Window()
    for future, part in entries:
        window.add(future, part, files=1)
    assert window.files == len(taken)
    outcomes = []
    while window:
        outcomes.extend(window.take())
    assert outcomes == [f"outcome of {name}" for name in ("en-1", "ko-1", "ko-2", "en-2", *left[2:])]


def test_a_first_load_starts_the_fork_server_before_it_opens_the_store(articles: Path,
                                                                      tmp_path: Path) -> None:
    """With workers, a first load starts the fork server (which loads the models for
    seconds) before it opens the store, so the two overlap; into a store that exists,
    where unchanged files are not read at all, it is started only if a pool is needed."""
    import subprocess
    import sys

    originals = list(articles.glob("*.txt"))
    for copy in ("a", "b"):
        for path in originals:
            shutil.copy(path, articles / f"{copy}-{path.name}")
    assert len(list(iter_paths([articles]))) >= 8
    code = ("import sys\nfrom multiprocessing import forkserver\nimport kg.cli.ingest as ingest\n"
            "real = ingest.open_store\n"
            "def opening(*args, **kwargs):\n"
            "    print(forkserver._forkserver._forkserver_pid is not None, flush=True)\n"
            "    return real(*args, **kwargs)\n"
            "ingest.open_store = opening\n"
            "from kg.cli import cli\n"
            "cli(sys.argv[1:])\n")
    command = [sys.executable, "-c", code, "ingest", "--workers", "2", "--store",
               str(tmp_path / "store"), "--published", "2025-08-31", "-q", str(articles)]
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["True"]
    again = subprocess.run(command, capture_output=True, text=True, check=True)
    assert again.stdout.split() == ["False"]


def test_the_collector_is_paused_only_while_models_load() -> None:
    """Models load with automatic garbage collection off; it is on again after, also
    when the load fails, and left off if it was off before."""
    import gc

    from kg.pipeline import collector_paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("a model failed to load")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_warm_up_articles_take_the_extractors_down_their_common_paths() -> None:
    # warm_up() extracts these once per process so that the patterns the extractors build on
    # first use are compiled before the first real article: they must yield facts of the
    # common relations in both languages, or the warm-up compiles little
    from kg.ingest import extract
    from kg.pipeline import _warm_up_documents

    documents = _warm_up_documents()
    assert {d.lang for d in documents} == {"ko", "en"}
    for doc in documents:
        relations = {c.relation for c in extract(doc)}
        common = {"HIRED", "DEPARTED", "WORKS_AT", "FOUNDED", "PARTNERED_WITH"}
        assert common <= relations, (doc.lang, relations)
