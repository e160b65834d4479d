"""Extraction on a Dask LocalCluster with two worker processes gives the serial store."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from kg.graph.store import open_store
from kg.ingest import store_resolver
from kg.pipeline import ExtractOptions, Failure, Known, extract_paths, iter_paths, write_stream
from tests.test_pipeline import SAMPLE, snapshot

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "dask_ingest.py"


def load_script() -> object:
    spec = importlib.util.spec_from_file_location("dask_ingest", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cluster() -> object:
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, host="127.0.0.1") as local, Client(local) as client:
        yield client


def test_dask_ingest_equals_serial_ingest(cluster: object, dev_dir: Path, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in SAMPLE:
        shutil.copy(dev_dir / name, articles / name)
    (articles / "zz-empty.txt").write_bytes(b"")
    options = ExtractOptions(published="2025-08-31")

    serial = tmp_path / "serial"
    with open_store(serial) as store:
        # As kg ingest writes: entities resolved again against the store by one resolver.
        write_stream(store, extract_paths(iter_paths([articles]), options),
                     resolver=store_resolver(store))

    script = load_script()
    on_cluster = tmp_path / "dask"
    # Partitions of two files, so that both workers get some.
    summary = script.ingest_on_cluster([str(articles)], cluster, on_cluster, options=options,
                                       batch_size=3, partition_size=2)
    assert summary.written == len(SAMPLE) and summary.failed == 1
    assert snapshot(on_cluster) == snapshot(serial)
    assert snapshot(serial)["facts"]

    # Both worker processes extracted (the extractors are imported on first use only).
    extracted = cluster.run(lambda: "kg.ingest" in __import__("sys").modules)
    assert list(extracted.values()) == [True, True]

    # The files are recorded with their documents, as kg ingest records them ...
    with open_store(on_cluster, read_only=True) as store:
        recorded = store.files()
    with open_store(serial, read_only=True) as store:
        assert recorded == store.files()
    assert sorted(Path(p).name for p in recorded) == sorted(SAMPLE)

    # ... so a rerun sends only the file that failed to the cluster; the others are not read.
    from kg.distributed import extract_on_cluster

    outcomes = list(extract_on_cluster(iter_paths([articles]), cluster, options, files=recorded))
    assert [(Path(o.document.path).name, o.recorded) for o in outcomes if isinstance(o, Known)
            ] == [(name, True) for name in sorted(SAMPLE)]
    assert [Path(o.path).name for o in outcomes if isinstance(o, Failure)] == ["zz-empty.txt"]
    again = script.ingest_on_cluster([str(articles)], cluster, on_cluster, options=options)
    assert again.written == 0 and again.known == len(SAMPLE) and again.failed == 1
    assert snapshot(on_cluster) == snapshot(serial)


def test_kg_ingest_dask_uses_the_scheduler(cluster: object, dev_dir: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    articles = tmp_path / "articles"
    articles.mkdir()
    for name in SAMPLE[:3]:
        shutil.copy(dev_dir / name, articles / name)
    serial, on_cluster = tmp_path / "serial", tmp_path / "dask"
    address = cluster.scheduler.address
    for store, extra in ((serial, ["--workers", "1"]), (on_cluster, ["--dask", address])):
        result = CliRunner().invoke(cli, ["ingest", str(articles), "--store", str(store), "-q",
                                          "--published", "2025-08-31", *extra])
        assert result.exit_code == 0, result.output
    assert snapshot(on_cluster) == snapshot(serial)
