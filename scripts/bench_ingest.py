"""Benchmark: the ingest pipeline against Kiwi tokenization, and workers 2 against 1.

Reads the development articles (../shared/eval/dev by default) and repeats
them until there are --docs documents (each copy gets a distinct marker line
so its sha256 differs and nothing is skipped as already ingested). In one run
it measures:

1. the pipeline with one worker, stage by stage (read+clean+segment,
   extract+resolve, batched store write), and per Korean document against
   Kiwi tokenizing the same Korean text (the floor for any Korean extractor
   built on it);
2. store writes one transaction per document against batches of --batch;
3. ``kg ingest --workers 1`` and ``--workers 2`` end to end, each in a
   fresh process (scripts/bench_workers.py).

    python scripts/bench_ingest.py --docs 400

Other processes on the machine slow every figure alike only if they stay
steady; the ratios are measured within one run for that reason.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.graph.store import open_store
from kg.ingest import extract, resolve
from kg.loaders.read import read_document
from kg.pipeline import (
    DEFAULT_BATCH,
    extract_document,
    warm_up,
)

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
PUBLISHED = "2025-08-31"


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_copies(sources: list[Path], count: int, folder: Path, tag: str) -> list[Path]:
    copies = []
    for i in range(count):
        src = sources[i % len(sources)]
        dst = folder / f"{tag}-{i:05d}-{src.name}"
        dst.write_text(src.read_text(encoding="utf-8") + f"\n\n({tag} copy {i})\n", encoding="utf-8")
        copies.append(dst)
    return copies


def stages(copies: list[Path], store_dir: Path, batch: int) -> dict[str, float]:
    """One worker, stage by stage; Korean documents timed on their own."""
    timings = {"read+clean+segment": 0.0, "extract+resolve": 0.0, "store write (batched)": 0.0}
    ko_seconds = ko_cpu = 0.0
    ko_text: list[str] = []
    pending = []
    with open_store(store_dir, bulk=False) as store:  # the path of a store that has documents
        for path in copies:
            c0, t0 = time.process_time(), time.perf_counter()
            doc = read_document(path, published=PUBLISHED)
            t1 = time.perf_counter()
            claims = resolve(extract(doc))
            t2, c2 = time.perf_counter(), time.process_time()
            timings["read+clean+segment"] += t1 - t0
            timings["extract+resolve"] += t2 - t1
            pending.append((doc, claims, (), ()))
            if doc.lang == "ko":
                ko_seconds += t2 - t0
                ko_cpu += c2 - c0
                ko_text.append(doc.text)
            if len(pending) >= batch:
                t3 = time.perf_counter()
                store.write_many(pending)
                timings["store write (batched)"] += time.perf_counter() - t3
                pending = []
        t3 = time.perf_counter()
        store.write_many(pending)
        timings["store write (batched)"] += time.perf_counter() - t3

    from kg.loaders.morph import kiwi as shared_kiwi

    kiwi = shared_kiwi()  # the pipeline's own analyzer, already loaded
    c0, t0 = time.process_time(), time.perf_counter()
    for text in ko_text:
        kiwi.tokenize(text)
    kiwi_seconds, kiwi_cpu = time.perf_counter() - t0, time.process_time() - c0
    total = sum(timings.values())
    print(f"1. one worker, {len(copies)} documents ({len(ko_text)} Korean): {total:.1f} s, "
          f"{len(copies) / total:.1f} documents/s")
    for stage, seconds in timings.items():
        print(f"   {stage}: {seconds:.1f} s ({100 * seconds / total:.0f}%)")
    if ko_text:
        # Korean documents' read+extract time; their share of batched writes is small and shared.
        print(f"   Korean documents: pipeline {ko_seconds:.1f} s, Kiwi tokenize alone "
              f"{kiwi_seconds:.1f} s -> {ko_seconds / kiwi_seconds:.2f}x Kiwi per Korean document "
              "(target <= 2.5x)")
        # CPU time of this process: what other processes on the machine do to it matters less
        print(f"   the same in CPU time: pipeline {ko_cpu:.1f} s, Kiwi {kiwi_cpu:.1f} s -> "
              f"{ko_cpu / kiwi_cpu:.2f}x")
    return timings


def writes(copies: list[Path], tmp: Path, batch: int) -> None:
    """Per-document transactions against batches, on the same extracted documents."""
    extracted = [extract_document(read_document(p, published=PUBLISHED)) for p in copies]
    items = [(e.document, e.claims, e.mentions, ()) for e in extracted]
    with open_store(tmp / "one-by-one", bulk=False) as store:
        t0 = time.perf_counter()
        for document, claims, mentions, _ in items:
            store.write(document, claims, mentions)
        single = time.perf_counter() - t0
    with open_store(tmp / "batched", bulk=False) as store:
        t0 = time.perf_counter()
        for i in range(0, len(items), batch):
            store.write_many(items[i:i + batch])
        batched = time.perf_counter() - t0
    n = len(items)
    with open_store(tmp / "copied", bulk=True) as store:
        t0 = time.perf_counter()
        store.write_many(items)
        copied = time.perf_counter() - t0
    print(f"2. store writes, {n} documents: one transaction each {1000 * single / n:.1f} ms/document, "
          f"batches of {batch} {1000 * batched / n:.1f} ms/document ({single / batched:.2f}x faster), "
          f"one COPY FROM batch (a first load) {1000 * copied / n:.1f} ms/document "
          f"({single / copied:.2f}x faster)")


def workers(docs: int, dev: Path) -> None:
    """``kg ingest --workers 2`` against ``--workers 1``: see scripts/bench_workers.py."""
    print("3. kg ingest end to end (python scripts/bench_workers.py for more pairs):", flush=True)
    subprocess.run([sys.executable, str(Path(__file__).with_name("bench_workers.py")),
                    "--docs", str(docs), "--rounds", "1", "--dev", str(dev)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH)
    parser.add_argument("--skip", choices=["stages", "writes", "workers"], action="append",
                        default=[], help="leave a part out")
    args = parser.parse_args()

    sources = sorted(args.dev.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no .txt articles in {args.dev}")
    print(f"cores: {os.cpu_count()}, load average before: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    warm_up()  # Kiwi loaded once, not counted per document
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as name:
        tmp = Path(name)
        if "stages" not in args.skip:
            stages(make_copies(sources, args.docs, tmp, "s"), tmp / "stages", args.batch)
        if "writes" not in args.skip:
            writes(make_copies(sources, min(args.docs, 200), tmp, "w"), tmp, args.batch)
        if "workers" not in args.skip:
            workers(args.docs, args.dev)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"peak memory of this process (max RSS): {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
