"""Benchmark: ``kg ingest --workers 2`` against ``--workers 1``, end to end, in paired runs.

Copies the development articles (../shared/eval/dev by default) until there
are --docs files (each copy gets a marker line, so nothing is skipped as
already ingested), then runs the real command, each time in a fresh process
and into a fresh store:

    kg ingest --workers N --store STORE -q FOLDER

Both sides pay what a user pays: starting Python, loading Kiwi and the
extractors (once, or once per worker, in parallel), opening the store.
Runs alternate 1, 2, 2, 1, 1, 2, ... so that a change in the machine's load
hits both sides alike; the ratio of each pair is printed with the load
average around it, then the median. On a machine other people use, the
ratios are low by however much CPU they take: rerun on a quiet machine.

Because wall times on a shared machine are noisy, each run also samples the
CPU time (user + sys) of every process of the run (the writer, the
forkserver, each worker) and prints it with how much of the run's wall time
that process was busy: a worker busy 60 % of the run waited 40 % (for work,
for the writer, for the CPU). The sums of CPU per side say what the work
costs whatever the load (psutil comes with dask.distributed).

    python scripts/bench_workers.py --docs 400 --rounds 3

On a machine this busy the wall times say little; each run also prints
an idle-machine estimate from its processes' CPU times (see
:func:`idle_estimate`), and the ratio of those estimates per pair.

Last measured (load average 7-9 from other work, so the wall ratios are
low): --docs 400 --rounds 2: wall pairs 0.91x and 0.96x, idle-machine
estimate 1.59x and 1.66x (it was 1.38x and 1.35x before the writer took
English files during the model load); CPU of all processes --workers 1
18.8-19.6 s, --workers 2 21.5-21.6 s (writer 7.6-7.7 s, most of it English
extraction while the fork server loads, fork server 5.0-5.3 s, workers
4.1-4.6 s each). --docs 2000 --rounds 1: wall 1.58x, idle-machine estimate
1.94x; CPU --workers 1 112 s, --workers 2 114 s, of which the writer 49 s:
at this size the writer's planning (clustering each pair's reports again
after each document of a 1000-document batch) is the longest process.
Again after merging main (load average 4-6): --docs 400 --rounds 2: wall
1.51x and 1.01x, idle-machine estimate 1.66x and 1.75x (median 1.70x);
phases of --workers 2: writer alone 0.3 s, model load 3.2-4.0 s, extraction
on 2 cores 5.3-5.5 s, after the last document 1.5 s.

After the batch writer's counting became incremental (identity.Clustering:
each document's reports added to the pair's clusters, cluster values
tallied as reports join) and moved to while the batch fills
(Store.prepare_counts), with other work on the machine (load average 3-6,
which inflates every CPU time of the two-worker runs more than the
one-process ones): --docs 400 --rounds 2, load 3.3-3.6: idle-machine
estimate 1.68x and 1.68x (was 1.52x and 1.63x measured just before under
load 4-6), CPU --workers 1 15.0-15.7 s, --workers 2 16.3-16.9 s (writer
4.3-4.9 s, fork server 3.2 s, workers 4.4-4.6 s each), phases: writer alone
0.2 s, model load 3.0-3.3 s, extraction 4.5-5.1 s, after the last document
0.9-1.0 s (then 0.7 s once the counting moved). Again at load 5-6: 1.64x and
1.54x (workers 4.5-5.5 s each, fork server 3.2-3.7 s: inflated).
--docs 2000 --rounds 1, load 5-6: idle-machine estimate 1.78x (was 1.62x
with only the clustering change, same load); CPU --workers 1 69.4 s (was
112 s before both changes), --workers 2 75.5 s (writer 14.2 s, fork server
3.4 s, workers 30.5 and 27.4 s); phases: writer alone 0.3 s, model load
3.7 s, extraction 33.1 s, after the last document 2.0 s (5.1 s before the
counting moved). After merging main (load average 3.2-3.5): --docs 400
--rounds 2: 1.58x and 1.69x; the fork server's model load took 3.8 s and
2.8 s of CPU in the two runs: at 400 documents the serial model load (about
a fifth of the one-process run) is what keeps the ratio near 1.7x.

What that load was (kg.worker_models, one process, CPU): Kiwi's constructor
1.1 s and its first analysis 1.5 s (it builds the analyzer then; without
the multi-word dictionary, which kg no longer loads, the two take 1.2 s), the
Korean extractor 0.2 s, the English rules 0.3 s, imports 0.15 s. Kiwi holds
the GIL while it loads, so no thread overlaps it. The phases line now also
prints the writer's CPU during the load: 2.8-3.3 s against a load of
2.8-3.4 s, i.e. the writer, extracting English files, keeps the other core
busy, and the load is not idle time on this mix. Leaving the English rules
out of the fork server and having the writer extract every English file it
meets while the workers have work queued was tried and dropped: the writer
(English costs about what Korean does on these copies) became the longest
process, with a 1.2 s tail after the last document: 1.58x and 1.42x.
What separates the estimate from 2x is the extra CPU of the two-worker run
(each process warms its own sentence caches; the fork server) and the
serial tail (the writer's last batch). Measured after merging main (load
average 3-5): --docs 400 --rounds 2: wall 1.07x and 1.52x, idle-machine
estimate 1.64x and 1.78x (median 1.71x), CPU --workers 1 14.1 s, --workers 2
14.7-15.7 s (writer 4.3-4.9, fork server 2.7-3.0, workers 3.4-4.4 each);
phases: writer alone 0.2-0.3 s, model load 2.8-3.3 s, extraction on 2 cores
4.2-4.4 s, after the last document 0.6-0.7 s. --docs 2000 --rounds 1: wall
1.68x, idle-machine estimate 1.80x; CPU --workers 1 61.9 s, --workers 2
66.4 s (writer 13.0, fork server 3.5, workers 22.8 and 27.1); phases 0.2,
3.4, 28.9, 1.9 s. With --dev dev and train (185 distinct articles, each
copied about twice) --docs 400 --rounds 1 (load 5-6): wall 1.52x,
idle-machine estimate 1.68x, CPU 14.9 s and 16.1 s.

Then (the files met while the workers start handed to them in groups read
ahead, not one task each; models loaded with the garbage collector paused,
then frozen, also in the writer; a first load's fork server started before
the store is opened), measured with --against a copy of the code before,
interleaved: --docs 400, 4 pairs each at load average 1.3-1.7 (these runs
included): wall 1.75x, 1.55x, 1.60x, 1.65x (median 1.62x) against 1.54x,
1.55x, 1.67x, 1.60x (median 1.57x) before; idle-machine estimate median
1.70x (1.62-1.83) against 1.63x (1.60-1.73); CPU --workers 2 14.1-14.6 s
against 14.2-15.1 s; phases of --workers 2: writer alone 0.1-0.2 s (0.2),
model load 3.0-3.5 s (3.1-3.5), extraction on 2 cores 3.4-3.6 s (3.4-3.7),
after the last document 0.5-0.7 s (0.6-0.8). With another process holding
a core (load 1.8-2.7) the wall ratios (0.84-1.64x, either side) say
nothing; idle-machine estimate per pair 1.57-1.69x against 1.51-1.73x.
The writer's garbage collections fell from 0.67 s to 0.16 s of CPU (0.3 s
had been full collections while it compiled the English rules), the fork
server's from 0.17 s to 0.03 s. What is left between these and 2x: the
English rules are compiled twice (the writer, for the files it extracts
during the model load, and the fork server), 1.0-1.3 s each, most of it
re.compile and kg.extract.en.prefilter.required_literals parsing the same
patterns; the fork server's own start; each process's sentence caches.
Ending a first load with a small batch of its own (written after the last
document, the rest while the workers extract it) was tried and dropped:
the small batch's planning reads the store, and the checkpoint at close
then costs about what the whole batch's did (0.6 s and 0.5 s against
0.5 s and 0.1 s).

Then the English rules' compiled patterns were kept in the user cache
(kg.extract.en.pattern_cache: each pattern parsed once when compiled, read
back in 0.05 s instead of compiled in 0.8-1.0 s), so neither the writer nor
the fork server compiles them. Measured one process at a time, interleaved
(load average 4): the fork server's load (import kg.worker_models) 2.35-2.77 s
of CPU against 3.25-3.45 s before; the English Rules in a fresh process
0.05-0.07 s against 1.0-1.6 s. An A/B with --against run before this script
ran kg from the temporary folder compared the writers only: Python 3.11's fork
server puts its working directory first on sys.path (it ignores the parent's,
CPython issue 117378), so run from a source tree, both sides' workers imported
that tree's kg. Measured again with that fixed, at load average 4.3-5.4 from
other work (so the wall ratios, 0.93-1.15x on both sides, say nothing):
--docs 400 --rounds 3, idle-machine estimate median 1.67x (1.64-1.78x)
against 1.59x (1.56-1.70x) before, CPU --workers 1 12.9 s against 13.3 s,
--workers 2 14.3 s against 15.2 s; with the fork server's kg.cli (below) too,
at load average 6-7: 1.70x (1.54-1.74x) against 1.57x (1.45-1.70x), CPU
--workers 1 12.6 s against 13.6 s, --workers 2 13.7 s against 15.4 s. The
fork server of a kg command also
imports kg.cli once now: each worker runs the main script again (Python
3.11's fork server never preloads __main__, CPython issues 98552 and 126631),
and imported the command line anew (a worker's CPU at its first task 0.06 s,
now 0.01 s). What is left between these and 2x: the final batch (COPY and
checkpoint, 0.4-0.6 s with one core idle), the writer alone at the start
(0.2 s), and each process's own caches and imports.

That final batch was rarely a COPY: one resolver rename anywhere in a first load's
batch (a person met by a Hangul name, then by a Latin one) made the whole batch
Cypher and split it at the renamed document, the rest read back and rewritten
(kg.graph.batch.BatchWrites._plan_entities now merges such renames in the plan, one run). With
--dev dev and train (185 distinct articles, one rename in the 400 copies), against
the code before, interleaved, load average 0.6-1.1: --rounds 3, wall 1.56, 1.61,
1.63x (median 1.61x) against 1.67, 1.55, 1.56x (1.56x); idle-machine estimate
median 1.68x against 1.63x; after the last document 0.8-0.9 s against 1.2-1.3 s.
Measured again on a quiet machine (load average 0.9-2.0), --dev dev and train: --docs 400
--rounds 3: 1.69, 1.73, 1.42x (median 1.69x, idle-machine estimate 1.75x); --docs 2000
--rounds 2: 1.96x and 1.96x (idle-machine estimate 2.04x, 2.03x), CPU --workers 1 62.7 s,
--workers 2 59.8 s: at archive size the start (model load 2.2-2.3 s, shared with the
writer's English files) and the last batch (1.5 s) are a few per cent of the run.
Measured on a quiet machine (load average 0.6-1.6), the development articles: --docs 400
--rounds 3: 1.93, 1.88, 1.69x (median 1.88x, idle-machine estimate 1.97x), CPU --workers 1
22.9-24.7 s, --workers 2 23.5-24.4 s (writer 5.5-6.3 s, fork server 3.0-3.5 s, workers
7.1-7.5 s each); phases of --workers 2: writer alone 0.5 s, model load 3.0-3.8 s, extraction
on 2 cores 7.5-8.2 s, after the last document 0.7-0.9 s. The CPU times are about 1.8x those
above because the machine was slower that day: Kiwi alone on the Korean articles of
bench_ingest.py part 0 took 1.1-1.9 s against 0.7-0.8 s, and part 0's ratio held at 2.4-2.9x.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
PUBLISHED = "2025-08-31"


def make_copies(sources: list[Path], count: int, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8") + f"\n\n(copy {i})\n"
        (folder / f"{i:05d}-{src.name}").write_text(text, encoding="utf-8")


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


SAMPLE_SECONDS = 0.05


def role(process: psutil.Process, root: int) -> str:
    """writer (the kg process), forkserver (its child the workers are forked from), worker."""
    if process.pid == root:
        return "writer"
    try:
        command = " ".join(process.cmdline())
        parent = process.ppid()
    except psutil.Error:
        return "child"
    if "resource_tracker" in command:
        return "resource tracker"
    if parent == root and "forkserver" in command:
        return "forkserver"
    return "worker"


Samples = list[tuple[float, dict[int, float]]]  # (perf_counter, pid -> CPU seconds so far)


def watch(child: subprocess.Popen[str], samples: Samples | None = None
          ) -> dict[int, tuple[str, float, float, float]]:
    """CPU seconds (user + sys) of ``child`` and all its descendants, sampled until it
    ends: pid -> (role, cpu seconds, first seen, last seen), times from perf_counter.
    Every sample is appended to ``samples``."""
    seen: dict[int, tuple[str, float, float, float]] = {}
    root = psutil.Process(child.pid)
    while child.poll() is None:
        now = time.perf_counter()
        try:
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            processes = []
        for process in processes:
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            previous = seen.get(process.pid)
            # Asked again each time: a process just forked still has its parent's command line.
            name = role(process, child.pid)
            if name == "child" and previous:  # no command line while it exits: as it was
                name = previous[0]
            first = previous[2] if previous else now
            seen[process.pid] = (name, times.user + times.system, first, now)
        if samples is not None:
            samples.append((now, {pid: seen[pid][1] for pid in seen}))
        time.sleep(SAMPLE_SECONDS)
    return seen


def idle_estimate(processes: dict[int, tuple[str, float, float, float]], samples: Samples,
                  cores: int) -> tuple[float, str]:
    """The run's wall time on an otherwise idle machine, from CPU times alone.

    One process (--workers 1): its CPU time. With workers, three phases, cut
    where the first worker appears and where the workers' CPU last grew:
    before, the writer starts and then the fork server loads the models (the
    two overlap once the fork server exists); during, every process shares
    ``cores`` (the longest process, or all their CPU over the cores, whichever
    is more); after, the writer's last batch alone. Returns the estimate and
    its phases (text).
    """
    roles = {pid: p[0] for pid, p in processes.items()}
    workers = [pid for pid, name in roles.items() if name == "worker"]
    if not workers or not samples:
        return sum(p[1] for p in processes.values()), "one process"

    def at(index: int) -> dict[int, float]:
        return samples[index][1] if index >= 0 else {}

    start = next(i for i, (_, cpu) in enumerate(samples) if any(p in cpu for p in workers))
    # the last sample in which a worker's CPU grew (none: a run shorter than two samples)
    end = max((i for i in range(1, len(samples))
               if any(at(i).get(p, 0.0) > at(i - 1).get(p, 0.0) for p in workers)), default=start)
    end = max(end, start)
    server = next((i for i, (_, cpu) in enumerate(samples)
                   if any(roles.get(p) == "forkserver" for p in cpu)), start)
    writer = next(pid for pid, name in roles.items() if name == "writer")
    before = at(start - 1)
    alone = at(server - 1).get(writer, 0.0)
    loading = max(before.get(writer, 0.0) - alone,
                  max((cpu for p, cpu in before.items() if roles.get(p) != "writer"), default=0.0))
    during = {p: at(end).get(p, 0.0) - before.get(p, 0.0) for p in at(end)}
    sharing = max(max(during.values()), sum(during.values()) / cores)
    final = {p: cpu for p, (_, cpu, _, _) in processes.items()}
    after = sum(final[p] - at(end).get(p, 0.0) for p in final)
    return alone + loading + sharing + after, (
        f"writer alone {alone:.1f} s, model load {loading:.1f} s (the writer's CPU meanwhile "
        f"{before.get(writer, 0.0) - alone:.1f} s), extraction on {cores} cores "
        f"{sharing:.1f} s, after the last document {after:.1f} s")


def ingest(folder: Path, store: Path, workers: int, batch: int | None, copy: bool,
           source: Path | None = None
           ) -> tuple[float, dict[int, tuple[str, float, float, float]], float, str]:
    """Wall seconds of one ``kg ingest`` into a fresh store, its processes' CPU, and the
    wall seconds it would take on an idle machine (:func:`idle_estimate`). ``source``:
    a source tree whose ``kg`` package runs instead of the installed one."""
    shutil.rmtree(store, ignore_errors=True)
    command = [str(Path(sys.executable).with_name("kg")), "ingest", "--workers", str(workers),
               "--store", str(store), "--published", PUBLISHED, "-q", str(folder)]
    if batch:
        command[2:2] = ["--batch", str(batch)]
    if not copy:
        command[2:2] = ["--no-copy"]
    samples: Samples = []
    with tempfile.TemporaryFile("w+") as errors:
        t0 = time.perf_counter()
        env = None
        if source is not None:  # ahead of the installed package (the fork server inherits it)
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                [str(source), *filter(None, [os.environ.get("PYTHONPATH")])])}
        # Run from the temporary folder: Python 3.11's fork server puts its working directory
        # first on sys.path (it ignores the parent's), so run from a source tree its workers
        # would import that tree's kg, whatever --against says.
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, text=True,
                                 env=env, cwd=folder.parent)
        processes = watch(child, samples)
        seconds = time.perf_counter() - t0
        if child.returncode != 0:  # the cleaning warnings (stderr) matter only then
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read()}")
    return (seconds, processes, *idle_estimate(processes, samples, os.cpu_count() or 1))


def cpu_report(seconds: float, processes: dict[int, tuple[str, float, float, float]]) -> str:
    """One line per process: CPU seconds and the share of the run's wall time it was busy."""
    lines = []
    total = 0.0
    for name, cpu, first, last in sorted(processes.values(), key=lambda p: p[2]):
        if cpu < 0.05 and name != "writer":
            continue
        total += cpu
        lives = last - first
        lines.append(f"      {name:<16} {cpu:6.1f} s CPU, busy {100 * cpu / seconds:3.0f} % of the run"
                     f" ({100 * cpu / lives if lives > 0 else 0:3.0f} % of its {lives:.1f} s)")
    lines.append(f"      {'all processes':<16} {total:6.1f} s CPU "
                 f"({total / seconds:.2f} cores busy on average)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, nargs="+", default=[DEFAULT_DEV],
                        help="folders of .txt articles to copy (default: the dev set); naming "
                             "dev and train gives about 185 distinct articles, so fewer repeats "
                             "for caches keyed on sentence text to hit")
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3, help="pairs of runs (one of each)")
    parser.add_argument("--batch", type=int, default=None, help="kg ingest --batch")
    parser.add_argument("--no-copy", action="store_true",
                        help="kg ingest --no-copy: the normal writes, not a first load's COPY FROM")
    parser.add_argument("--against", type=Path, metavar="SOURCE",
                        help="also run each round's pair with the kg package of this source tree "
                             "(e.g. `git archive main | tar -x -C SOURCE`), interleaved with this "
                             "one's, so that both see the same load: an A/B of a change")
    args = parser.parse_args()

    sources = sorted(path for folder in args.dev for path in folder.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no .txt articles in {' '.join(map(str, args.dev))}")
    if args.against is not None and not (args.against / "kg" / "__init__.py").is_file():
        raise SystemExit(f"--against {args.against}: no kg package there")
    sides: dict[str, Path | None] = {"this": None}
    if args.against is not None:
        sides[str(args.against)] = args.against
    print(f"cores: {os.cpu_count()}, {args.docs} documents ({len(sources)} distinct articles), "
          f"{args.rounds} pairs of runs" + (f" of each of {', '.join(sides)}" if len(sides) > 1 else ""),
          flush=True)
    ratios: dict[str, list[float]] = {side: [] for side in sides}
    idle_ratios: dict[str, list[float]] = {side: [] for side in sides}
    cpu: dict[tuple[str, int], list[float]] = {(side, w): [] for side in sides for w in (1, 2)}
    with tempfile.TemporaryDirectory(prefix="kg-bench-workers-") as name:
        tmp = Path(name)
        make_copies(sources, args.docs, tmp / "docs")
        # Untimed: the first run reads Kiwi's and the extractors' files from disk.
        make_copies(sources, 8, tmp / "warm-up")
        for source in sides.values():
            ingest(tmp / "warm-up", tmp / "store", 2, None, True, source)
        for round_ in range(args.rounds):
            order = (1, 2) if round_ % 2 == 0 else (2, 1)
            for side in (list(sides) if round_ % 2 == 0 else list(sides)[::-1]):
                label = f"{side}: " if len(sides) > 1 else ""
                seconds = {}
                idle = {}
                for workers in order:
                    before = load()
                    seconds[workers], processes, idle[workers], phases = ingest(
                        tmp / "docs", tmp / "store", workers, args.batch, not args.no_copy,
                        sides[side])
                    cpu[(side, workers)].append(sum(p[1] for p in processes.values()))
                    print(f"  {label}--workers {workers}: {seconds[workers]:6.1f} s "
                          f"({args.docs / seconds[workers]:.1f} documents/s; load average before "
                          f"{before}, after {load()}); on an idle machine about "
                          f"{idle[workers]:.1f} s", flush=True)
                    print(cpu_report(seconds[workers], processes), flush=True)
                    if workers > 1:
                        print(f"      idle-machine phases: {phases}", flush=True)
                ratios[side].append(seconds[1] / seconds[2])
                idle_ratios[side].append(idle[1] / idle[2])
                print(f"pair {round_ + 1}: {label}--workers 2 is {ratios[side][-1]:.2f}x faster than "
                      f"--workers 1 (idle-machine estimate {idle_ratios[side][-1]:.2f}x)", flush=True)
    for side in sides:
        label = f"{side}: " if len(sides) > 1 else ""
        print(f"{label}median speed-up of --workers 2 over --workers 1: "
              f"{statistics.median(ratios[side]):.2f}x "
              f"(pairs: {', '.join(f'{r:.2f}' for r in ratios[side])}; target >= 1.7x)")
        print(f"{label}median idle-machine estimate (from CPU times): "
              f"{statistics.median(idle_ratios[side]):.2f}x "
              f"(pairs: {', '.join(f'{r:.2f}' for r in idle_ratios[side])})")
        print(f"{label}median CPU (user + sys, all processes): --workers 1 "
              f"{statistics.median(cpu[(side, 1)]):.1f} s, "
              f"--workers 2 {statistics.median(cpu[(side, 2)]):.1f} s")


if __name__ == "__main__":
    main()
