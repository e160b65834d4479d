"""Benchmark: the whole ingest pipeline against Kiwi tokenization alone.

Reads the development articles (../shared/eval/dev by default), repeats them
until there are --docs documents (each copy gets a distinct marker line so
its sha256 differs and nothing is skipped as already ingested), ingests them
all into a temporary store, and prints documents per second, the time spent
per stage and peak memory. In the same run it times Kiwi tokenizing the same
Korean text, the floor for any Korean extractor built on it.

    python scripts/bench_ingest.py --docs 2000
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from kg.graph.store import open_store
from kg.ingest import extract, resolve
from kg.loaders.read import read_document

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--docs", type=int, default=2000)
    args = parser.parse_args()

    sources = sorted(args.dev.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no .txt articles in {args.dev}")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        copies = []
        for i in range(args.docs):
            src = sources[i % len(sources)]
            dst = Path(tmp) / f"{i:05d}-{src.name}"
            dst.write_text(src.read_text(encoding="utf-8") + f"\n\n(copy {i})\n", encoding="utf-8")
            copies.append(dst)

        # Warm up the lazily loaded models (Kiwi) so start-up is not counted per document.
        extract(read_document(copies[0], published="2025-08-31"))

        timings = {"read+clean+segment": 0.0, "extract+resolve": 0.0, "store write": 0.0}
        facts = 0
        korean_text: list[str] = []
        start = time.perf_counter()
        with open_store(Path(tmp) / "store") as store:
            for path in copies:
                t0 = time.perf_counter()
                doc = read_document(path, published="2025-08-31")
                t1 = time.perf_counter()
                claims = resolve(extract(doc))
                t2 = time.perf_counter()
                result = store.write(doc, claims)
                t3 = time.perf_counter()
                timings["read+clean+segment"] += t1 - t0
                timings["extract+resolve"] += t2 - t1
                timings["store write"] += t3 - t2
                facts += result.added + result.merged
                if doc.lang == "ko":
                    korean_text.append(doc.text)
            counts = store.counts()
        total = time.perf_counter() - start

    from kg.loaders.morph import kiwi as shared_kiwi

    # The pipeline's own (already loaded) analyzer, so peak memory counts one model.
    kiwi = shared_kiwi()
    kiwi.tokenize("워밍업")
    t0 = time.perf_counter()
    for text in korean_text:
        kiwi.tokenize(text)
    kiwi_seconds = time.perf_counter() - t0
    n_ko = len(korean_text)

    print(f"documents: {args.docs} ({n_ko} Korean), facts written: {facts}, "
          f"edges in store: {sum(v for k, v in counts.items() if k.isupper() and k != 'MENTIONS')}")
    print(f"whole pipeline: {total:.1f} s, {args.docs / total:.1f} documents/s")
    for stage, seconds in timings.items():
        print(f"  {stage}: {seconds:.1f} s ({100 * seconds / total:.0f}%)")
    print(f"Kiwi tokenize alone, same Korean text: {kiwi_seconds:.1f} s, "
          f"{n_ko / kiwi_seconds:.1f} documents/s")
    ko_share = total * n_ko / args.docs
    print(f"pipeline time per Korean document / Kiwi alone: {ko_share / kiwi_seconds:.1f}x "
          "(pipeline time apportioned by document count)")
    print(f"peak memory (max RSS): {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
