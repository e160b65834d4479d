"""Benchmark: `kg ingest` of one corpus by two checkouts of kg, in one run.

Each checkout is a directory with its own virtual environment (``.venv/bin/kg``).
Every round ingests the corpus once with each, into fresh temporary stores,
with one worker (``--workers 1`` where the version has the option; older
versions always ran in one process). The order alternates between rounds
(A B, B A, A B, ...) so that neither side always runs first, and the result is
the median over rounds of the per-round ratio B/A, with its range: on a
machine other people use, absolute times drift, but two runs a few seconds
apart see about the same load.

Wall time is what a user waits; CPU time (user + system of the ingest
process, from the kernel's accounting) is printed beside it because it
counts only the work and suffers less from other processes on the machine.
User CPU time alone is printed too: the system time is mostly the kernel
handing Kiwi's model its memory, which on a busy machine varies from 0.5 to
3 seconds between identical runs, more than the difference being measured.

    python scripts/bench_versions.py --rounds 5 ../old . ../shared/eval/dev
    python scripts/bench_versions.py --check-facts main-checkout . ../shared/eval/dev

With --check-facts, after the first round the two stores' facts
(``kg facts --format jsonl``, lines sorted) are compared, to show that a
speed change left the output alone.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass
class Checkout:
    label: str
    root: Path
    kg: Path
    has_workers: bool


@dataclass
class Run:
    wall: float
    cpu: float
    user: float
    max_rss_mib: float


def checkout(label: str, root: Path) -> Checkout:
    kg = root / ".venv" / "bin" / "kg"
    if not kg.is_file():
        raise SystemExit(f"{root}: no .venv/bin/kg (make a virtual environment with kg installed there)")
    help_text = subprocess.run([str(kg), "ingest", "--help"], capture_output=True, text=True,
                               check=True).stdout
    return Checkout(label, root, kg, "--workers" in help_text)


def ingest(side: Checkout, files: list[Path], store: Path, extra: list[str]) -> Run:
    """One `kg ingest` into ``store``: wall time, CPU time and peak RSS of the process."""
    args = [str(side.kg), "ingest", "-q", *extra]
    if side.has_workers:
        args += ["--workers", "1"]
    env = {**os.environ, "KG_STORE": str(store)}
    start = time.perf_counter()
    proc = subprocess.Popen([*args, *map(str, files)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{side.label} ({side.root}): kg ingest exited {proc.returncode}\n{errors}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_utime, usage.ru_maxrss / 1024)


def facts(side: Checkout, store: Path) -> list[str]:
    out = subprocess.run([str(side.kg), "facts", "--format", "jsonl"],
                         env={**os.environ, "KG_STORE": str(store)},
                         capture_output=True, text=True, check=True).stdout
    return sorted(line for line in out.splitlines() if line.strip())


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} (range {min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path, help="checkout A (the baseline)")
    parser.add_argument("b", type=Path, help="checkout B (compared with A)")
    parser.add_argument("corpus", type=Path, help="directory of articles (.txt/.md/.html)")
    parser.add_argument("--rounds", type=int, default=5, help="paired runs (default 5)")
    parser.add_argument("--warm-up", type=int, default=1,
                        help="unmeasured paired runs first, to fill the page cache (default 1)")
    parser.add_argument("--published", help="passed to kg ingest --published")
    parser.add_argument("--check-facts", action="store_true",
                        help="compare the two stores' facts after the first measured round")
    args = parser.parse_args()

    files = sorted(p for p in args.corpus.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
    if not files:
        raise SystemExit(f"{args.corpus}: no articles (.txt, .md, .html) here")
    sides = (checkout("A", args.a.resolve()), checkout("B", args.b.resolve()))
    extra = ["--published", args.published] if args.published else []
    print(f"A: {sides[0].root}\nB: {sides[1].root}\ncorpus: {args.corpus} ({len(files)} articles); "
          f"cores: {os.cpu_count()}; load average before: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)

    walls: dict[str, list[float]] = {"A": [], "B": []}
    cpus: dict[str, list[float]] = {"A": [], "B": []}
    wall_ratios: list[float] = []
    cpu_ratios: list[float] = []
    user_ratios: list[float] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-versions-") as name:
        tmp = Path(name)
        for i in range(args.warm_up):
            for side in sides:
                ingest(side, files, tmp / f"warm-{i}-{side.label}", extra)
        for i in range(args.rounds):
            order = sides if i % 2 == 0 else sides[::-1]
            runs: dict[str, Run] = {}
            for side in order:
                runs[side.label] = ingest(side, files, tmp / f"round-{i}-{side.label}", extra)
            a, b = runs["A"], runs["B"]
            for label, run in runs.items():
                walls[label].append(run.wall)
                cpus[label].append(run.cpu)
            wall_ratios.append(b.wall / a.wall)
            cpu_ratios.append(b.cpu / a.cpu)
            user_ratios.append(b.user / a.user)
            print(f"round {i + 1} ({''.join(s.label for s in order)}): "
                  f"wall A {a.wall:6.1f} s  B {b.wall:6.1f} s  B/A {b.wall / a.wall:.2f} | "
                  f"CPU A {a.cpu:6.1f} s  B {b.cpu:6.1f} s  B/A {b.cpu / a.cpu:.2f} "
                  f"(user A {a.user:.1f} s  B {b.user:.1f} s  B/A {b.user / a.user:.2f}) | "
                  f"max RSS A {a.max_rss_mib:.0f} MiB  B {b.max_rss_mib:.0f} MiB", flush=True)
            if args.check_facts and i == 0:
                same = facts(sides[0], tmp / "round-0-A") == facts(sides[1], tmp / "round-0-B")
                print(f"facts of A and B: {'identical' if same else 'DIFFERENT'}", flush=True)
    print(f"wall time, A: {spread(walls['A'])} s; B: {spread(walls['B'])} s")
    print(f"CPU time,  A: {spread(cpus['A'])} s; B: {spread(cpus['B'])} s")
    print(f"B/A wall time per round: {spread(wall_ratios)}")
    print(f"B/A CPU time per round:  {spread(cpu_ratios)}")
    print(f"B/A user CPU time per round: {spread(user_ratios)}")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
