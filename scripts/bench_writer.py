"""Benchmark: the writer's time per document as the store grows (resolver, clustering, writes).

Generates synthetic articles (the ones ``scripts/bench_memory.py`` writes: made-up
Korean and English companies and people, so the store keeps growing) or, with
``--copies DIR``, copies of real ones (as ``scripts/bench_workers.py`` does: the
same pairs again and again, so their reports pile up), extracts
them once with ``--workers`` processes (or reads ``--claims``, a ``kg extract``
file from an earlier run), then plays the writer's part alone, as ``kg load``
does: each batch goes through the store's entity resolver and is written in one
transaction. Per slice of ``--step`` documents it prints the milliseconds per
document spent resolving (of which: transliteration matching), merging reports
into edges (``kg.graph.identity.merge_pair``) and writing (CPU time of the
process: other people's load on the machine does not count), and the store's size.
Time per document that stays flat as the store grows is what lets a large
archive finish and a second worker pay off.

    python scripts/bench_writer.py --docs 2000 --step 250
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_memory import generate  # noqa: E402
from bench_workers import make_copies  # noqa: E402

import kg.graph.batch as batch_module  # noqa: E402
from kg.graph.resolver import EntityResolver  # noqa: E402
from kg.graph.store import open_store  # noqa: E402
from kg.ingest import store_resolver  # noqa: E402
from kg.pipeline import (  # noqa: E402
    Extracted,
    ExtractOptions,
    extract_paths,
    iter_paths,
    read_records,
    through_resolver,
    to_json_line,
    write_batch,
)

PUBLISHED = "2025-08-31"


# CPU seconds of this process (the engine's threads included): on a machine other people
# use, wall time measures their load as much as this work.
clock = time.process_time


class Timer:
    """CPU seconds spent inside one function, summed over calls."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = clock()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += clock() - t0
        return timed


def extracted_documents(args: argparse.Namespace, tmp: Path) -> list[Extracted]:
    if args.claims and args.claims.exists():
        with args.claims.open(encoding="utf-8") as lines:
            records = list(read_records(lines, str(args.claims)))
        print(f"{len(records)} extracted documents read from {args.claims}", flush=True)
        return [r for r in records if isinstance(r, Extracted)]
    folder = tmp / "docs"
    t0 = time.perf_counter()
    if args.copies:
        # What scripts/bench_workers.py ingests: the same articles again and again, so the
        # same pairs gather more and more reports.
        sources = sorted(args.copies.glob("*.txt"))
        if not sources:
            raise SystemExit(f"no .txt articles in {args.copies}")
        make_copies(sources, args.docs, folder)
    else:
        generate(folder, args.docs, args.sentences)
    outcomes = [o for o in extract_paths(iter_paths([folder]), ExtractOptions(published=PUBLISHED),
                                         workers=args.workers) if isinstance(o, Extracted)]
    print(f"{len(outcomes)} documents {'copied' if args.copies else 'generated'} and extracted in "
          f"{time.perf_counter() - t0:.0f} s", flush=True)
    if args.claims:
        args.claims.write_text("".join(to_json_line(o) + "\n" for o in outcomes), encoding="utf-8")
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--step", type=int, default=250, help="documents per printed slice")
    parser.add_argument("--batch", type=int, default=64, help="documents per transaction")
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    parser.add_argument("--copies", type=Path, default=None, metavar="DIR",
                        help="copies of the articles in DIR (e.g. ../shared/eval/dev) instead of "
                             "synthetic ones")
    parser.add_argument("--claims", type=Path, default=None,
                        help="kg extract output to read (or to write, if it does not exist yet)")
    args = parser.parse_args()

    transliteration, merging = Timer(), Timer()
    EntityResolver._transliteration = transliteration.wrap(EntityResolver._transliteration)
    batch_module.merge_pair = merging.wrap(batch_module.merge_pair)

    with tempfile.TemporaryDirectory(prefix="kg-bench-writer-") as name:
        tmp = Path(name)
        documents = extracted_documents(args, tmp)[:args.docs]
        print(f"{'documents':>9} {'entities':>8} {'resolve':>8} {'(translit)':>10} "
              f"{'merge':>7} {'write':>7} {'total':>7}   CPU ms per document in the slice", flush=True)
        with open_store(tmp / "store", bulk=False) as store:
            resolver = store_resolver(store)
            overall = 0.0
            wall0 = time.perf_counter()
            for start in range(0, len(documents), args.step):
                piece = documents[start:start + args.step]
                translit0, merge0 = transliteration.seconds, merging.seconds
                resolving = writing = 0.0
                for offset in range(0, len(piece), args.batch):
                    t0 = clock()
                    resolved = [through_resolver(e, resolver) for e in piece[offset:offset + args.batch]]
                    t1 = clock()
                    write_batch(store, resolved)
                    resolving += t1 - t0
                    writing += clock() - t1
                translit = transliteration.seconds - translit0
                merge = merging.seconds - merge0
                overall += resolving + writing
                per = 1000 / len(piece)
                print(f"{start + len(piece):>9} {len(resolver._entities):>8} {resolving * per:>8.1f} "
                      f"{translit * per:>10.1f} {merge * per:>7.1f} {(writing - merge) * per:>7.1f} "
                      f"{(resolving + writing) * per:>7.1f}", flush=True)
            wall = time.perf_counter() - wall0
        print(f"writer total: {overall:.1f} s CPU ({wall:.1f} s wall) for {len(documents)} documents "
              f"(transliteration {transliteration.seconds:.1f} s, merge_pair {merging.seconds:.1f} s)")


if __name__ == "__main__":
    main()
