"""Benchmark: an archive directory with bad files in it, ingested twice.

Copies the development articles into a directory until there are --docs of
them (each copy made distinct), adds --bad unreadable files (binary, empty,
undecodable, a directory named like an article, a file with no text after
cleaning), and runs ``kg ingest DIR`` twice. Prints the exit status, the
error lines, the store's document count and the second run's summary:
expected: --docs documents ingested, --bad reported,
exit 1, and the second run ingesting nothing new.

    python scripts/bench_bad_files.py --docs 495 --bad 5
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.graph.store import open_store

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
BAD = [
    ("bad-binary.txt", b"\x00\x01\x02\x03binary\x00" * 10),
    ("bad-empty.txt", b""),
    ("bad-undecodable.txt", b"\xff\xfe\xfa\xfb\xc3\x28 broken \x81\x82"),
    ("bad-whitespace.md", b"   \n\n\t\n"),
    ("bad-nothing.html", b"<html><head><script>var x=1;</script></head><body></body></html>"),
]


def kg_ingest(folder: Path, store: Path, workers: int) -> tuple[int, list[str], float]:
    t0 = time.perf_counter()
    command = [sys.executable, "-c", "from kg.cli import cli; cli()", "ingest", str(folder),
               "--store", str(store), "--workers", str(workers), "-q"]
    run = subprocess.run(command, capture_output=True, text=True)
    return run.returncode, run.stderr.strip().splitlines(), time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--docs", type=int, default=495, help="good articles")
    parser.add_argument("--bad", type=int, default=5, choices=range(len(BAD) + 1))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sources = sorted(args.dev.glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="kg-bench-bad-") as name:
        folder, store = Path(name) / "archive", Path(name) / "store"
        folder.mkdir()
        for i in range(args.docs):
            src = sources[i % len(sources)]
            (folder / f"{i:05d}-{src.name}").write_text(
                src.read_text(encoding="utf-8") + f"\n\n(copy {i})\n", encoding="utf-8")
        for file_name, content in BAD[:args.bad]:
            (folder / file_name).write_bytes(content)
        print(f"{args.docs} articles and {args.bad} bad files in one directory")
        for attempt in ("first run", "second run"):
            code, lines, seconds = kg_ingest(folder, store, args.workers)
            errors = [line for line in lines if line.startswith("Error: ")]
            print(f"{attempt}: exit {code} in {seconds:.0f} s, {len(errors)} files reported")
            for line in errors:
                print(f"  {line}")
            print(f"  summary: {lines[-1] if lines else '(none)'}")
            with open_store(store, read_only=True) as opened:
                counts = opened.counts()
                facts = sum(v for k, v in counts.items() if k.isupper() and k != "MENTIONS")
                dangling = opened.query("MATCH (d:Document) WHERE NOT (d)-[:MENTIONS]->() "
                                        "RETURN count(d)")[1][0][0]
            print(f"  store: {counts['Document']} documents, {facts} facts "
                  f"({dangling} documents without any mention)")


if __name__ == "__main__":
    main()
