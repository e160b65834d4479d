"""``--since-manifest``: files unchanged since a run listed them are skipped unread."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from kg.graph.store import open_store
from kg.ingest_manifest import COLUMNS, FileManifest
from tests.test_pipeline import SAMPLE, articles, run, snapshot  # noqa: F401  (fixture)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files read in this process (run with --workers 1)."""
    import kg.loaders.read as reader

    names: list[str] = []
    real = reader.read_document
    monkeypatch.setattr(reader, "read_document",
                        lambda path, **kw: names.append(Path(path).name) or real(path, **kw))
    return names


def rows(manifest: Path) -> dict[str, tuple[int, int, str]]:
    with manifest.open(newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    assert tuple(table[0]) == COLUMNS
    return {Path(r[0]).name: (int(r[1]), int(r[2]), r[3]) for r in table[1:]}


def test_ingest_writes_a_manifest_of_what_it_stored(articles: Path, store_dir: Path,  # noqa: F811
                                                    tmp_path: Path) -> None:
    manifest = tmp_path / "state" / "seen.csv"
    (articles / "zz-empty.txt").write_bytes(b"")
    result = run("ingest", articles, "--store", store_dir, "--since-manifest", manifest, "-q",
                 "--workers", "1")
    assert result.exit_code == 1  # the empty file
    listed = rows(manifest)
    assert sorted(listed) == sorted(SAMPLE)  # the failed file is not listed: tried again next time
    with open_store(store_dir, read_only=True) as store:
        documents = {Path(d.path).name: d.id for d in store.documents().values()}
    for name, (size, mtime_ns, sha) in listed.items():
        stat = (articles / name).stat()
        assert (size, mtime_ns, sha) == (stat.st_size, stat.st_mtime_ns, documents[name])
    # Absolute paths: the manifest can be used from any working directory.
    assert all(Path(p).is_absolute() for p in FileManifest.read(manifest).entries)


def test_a_manifest_skips_files_without_reading_them_and_teaches_the_store(
        articles: Path, tmp_path: Path, reads: list[str]) -> None:  # noqa: F811
    manifest, claims, store = tmp_path / "seen.csv", tmp_path / "claims.jsonl", tmp_path / "store"
    # kg extract writes the manifest; kg load records no files (the claims carry no file state).
    assert run("extract", articles, "--since-manifest", manifest, "-o", claims, "-q",
               "--workers", "1").exit_code == 0
    assert sorted(reads) == sorted(SAMPLE) and sorted(rows(manifest)) == sorted(SAMPLE)
    assert run("load", claims, "--store", store, "-q").exit_code == 0
    with open_store(store, read_only=True) as opened:
        assert opened.files() == {}
    before = snapshot(store)

    # Without the manifest every file would be read (to hash it); with it none is.
    reads.clear()
    result = run("ingest", articles, "--store", store, "--since-manifest", manifest,
                 "--workers", "1")
    assert result.exit_code == 0 and reads == []
    assert result.stderr.strip().splitlines()[-1] == (
        f"0 documents ingested (0 facts added, 0 merged), {len(SAMPLE)} already in the store, "
        "0 failed")
    assert snapshot(store) == before
    # The store learned the files from the manifest: the next run needs no manifest.
    with open_store(store, read_only=True) as opened:
        assert sorted(Path(p).name for p in opened.files()) == sorted(SAMPLE)
    assert run("ingest", articles, "--store", store, "--workers", "1", "-q").exit_code == 0
    assert reads == []

    # A manifest does not hide documents from a store that lacks them.
    other = tmp_path / "other"
    assert run("ingest", articles, "--store", other, "--since-manifest", manifest, "-q",
               "--workers", "1").exit_code == 0
    assert sorted(reads) == sorted(SAMPLE)
    assert snapshot(other)["facts"] == before["facts"]


def test_kg_extract_with_a_manifest_extracts_only_new_and_changed_files(
        articles: Path, tmp_path: Path, reads: list[str]) -> None:  # noqa: F811
    manifest = tmp_path / "seen.csv"
    names = sorted(SAMPLE)
    held_back = articles / names[0]
    text = held_back.read_text(encoding="utf-8")
    held_back.unlink()
    first = run("extract", articles, "--since-manifest", manifest, "-q", "--workers", "1")
    assert first.exit_code == 0 and first.stdout.count("\n") == len(SAMPLE) - 1
    listed = rows(manifest)

    reads.clear()
    again = run("extract", articles, "--since-manifest", manifest, "--workers", "1")
    assert again.exit_code == 0 and again.stdout == "" and reads == []
    assert again.stderr.strip().splitlines()[-1] == (
        f"0 documents extracted, {len(SAMPLE) - 1} unchanged, 0 failed")

    # A new file and a changed one are extracted; the others are not read.
    held_back.write_text(text, encoding="utf-8")
    changed = articles / names[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nOne more paragraph.\n",
                       encoding="utf-8")
    third = run("extract", articles, "--since-manifest", manifest, "-q", "--workers", "1")
    assert third.exit_code == 0 and third.stdout.count("\n") == 2
    assert sorted(reads) == sorted([names[0], names[1]])
    updated = rows(manifest)
    assert sorted(updated) == names
    assert updated[names[1]] != listed[names[1]]
    assert all(updated[n] == listed[n] for n in names[2:])


def test_a_touched_file_is_read_once_and_its_new_time_recorded(
        articles: Path, store_dir: Path, tmp_path: Path, reads: list[str]) -> None:  # noqa: F811
    manifest = tmp_path / "seen.csv"
    assert run("ingest", articles, "--store", store_dir, "--since-manifest", manifest, "-q",
               "--workers", "1").exit_code == 0
    touched = articles / sorted(SAMPLE)[0]
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    reads.clear()
    assert run("ingest", articles, "--store", store_dir, "--since-manifest", manifest, "-q",
               "--workers", "1").exit_code == 0
    assert reads == [touched.name]
    assert rows(manifest)[touched.name][1] == stat.st_mtime_ns + 10**9


@pytest.mark.parametrize("content, problem", [
    ("path,size\nx,1\n", "is not a --since-manifest (its header must be path,size,mtime_ns,sha256)"),
    ("path,size,mtime_ns,sha256\nx,big,1,abc\n", "expected path,size,mtime_ns,sha256"),
])
def test_a_bad_manifest_is_one_line_exit_1_store_untouched(articles: Path,  # noqa: F811
                                                           store_dir: Path, tmp_path: Path,
                                                           content: str, problem: str) -> None:
    manifest = tmp_path / "seen.csv"
    manifest.write_text(content, encoding="utf-8")
    result = run("ingest", articles, "--store", store_dir, "--since-manifest", manifest)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {manifest}") and line.endswith(problem)
    assert not (store_dir / "graph.lbug").exists()
    assert manifest.read_text(encoding="utf-8") == content
