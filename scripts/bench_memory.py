"""Benchmark: peak memory of a streaming ingest against the number of documents.

Generates synthetic news articles (Korean and English, investments, hires
and partnerships between made-up companies and people, so the store keeps
growing), then ingests --sizes of them, each size in a fresh process and a
fresh store, and prints the peak RSS of the writer process (the one that
holds the store; with --workers 1 it also extracts, with more each worker
holds its own Kiwi model, a fixed cost per worker), the peak RSS of the
largest worker, and the peak of all the run's processes together (their
proportional set sizes summed: the pages the workers share with the fork
server that loaded the models count once). Each run is what ``kg ingest``
does: a first load into an empty store (COPY FROM, unless --no-copy) with
the store's entity resolver. Memory is flat when the peak for the largest
size stays close to the peak for the smallest.

--no-resolver leaves out the writer's entity resolver (entities are then
resolved by the registry alone, as in the workers): it measures the reading,
extraction and store writing on their own, for sizes at which the resolver's
own cost would make the run too long.

    python scripts/bench_memory.py --sizes 2000 20000 --workers 1
    python scripts/bench_memory.py --sizes 2000 20000 --workers 2 --no-resolver
    python scripts/bench_memory.py --sizes 2000 20000 --workers 2 --no-resolver --phases

Last measured since the caches of one name's parts (kg.graph.names.PER_NAME_CACHE,
4,096 entries), of folded names (8,192) and the recognizer's word table (16,384 words)
are bounded below what an archive's names fill: at 20,000 documents they had grown to
60,000 folded names and 35,000-39,000 entries in each name-part cache (the made-up names
are mostly distinct), 54 MiB of the writer's growth in one process (2,000 -> 20,000
documents, in-process, ``--workers 1``: 697 -> 902 MiB before, 698 -> 848 MiB with the
name caches and word table bounded at twice these sizes). With the resolver, 2 cores,
engine default page cache, load average 1-2: ``--workers 1``: writer 712 -> 844 MiB
(1.19), all processes 706 -> 835 MiB (1.18), 321 s (336 s before); ``--workers 2``:
writer 400 -> 546 MiB (1.36), largest worker 364 -> 368 MiB, all processes 802 -> 1,002
MiB (1.25), 243 s. The caches of pairs of names (similarity, 65,536 pairs) are full at
2,000 documents already and cost no growth. What grows in the writer now is the
resolver's own index of every entity of the run and the engine (below). The 95
distinct Korean articles of bench_ingest.py part 0 fill 3,990 words and 6,742 folded
names: the bounds do not touch a run of that size.

Measured before that, since Kiwi is loaded without its multi-word dictionary
(kg.loaders.morph.kiwi: 180 MiB less per process that analyzes Korean), with
the resolver, 2 cores, engine default page cache: ``--workers 2``: 2,000
documents in 30 s, writer 426 MiB, largest worker 363 MiB, all processes 831
MiB; 20,000 documents in 258 s, writer 592 MiB (1.39), largest worker 376
MiB, all processes 1,069 MiB (1.29). ``--workers 1``: 726 -> 918 MiB (1.26).

Before that change, as ``kg ingest`` runs by default (2 cores,
load average 2, engine default page cache), ``--workers 2``: 2,000 documents
in 26 s, writer 424 MiB, largest worker 537 MiB, all processes 1,002 MiB;
20,000 documents in 300 s, writer 593 MiB (1.40), largest worker 550 MiB,
all processes 1,221 MiB (1.22). A worker is Kiwi's model (520 MiB resident
once loaded) and little else, and stays flat. The writer grows by 169 MiB
against 78 without the resolver: the resolver keeps every entity of the run
in memory (its names, their folded keys and blocking keys) to resolve a new
name against them, and its name-similarity caches fill up (bounded, 2**16
pairs each: about 40 MiB).

Tried and not kept: the resolver's entities, folded names and blocking keys
in a private temporary SQLite table (2 MiB page cache, spilling to disk) and
the caches of one name's parts (kg.graph.names) bounded at 2**14 instead of
2**16. Resolving the names of these documents without a store (the same
made-up names, one process: its peak RSS) then grew 2,000 -> 20,000
documents by about 30 MiB instead of 94, but the writer of ``--workers 2
--phases``, measured against the unchanged code in turns on the same quiet
machine, went 440 -> 586 MiB (1.33) against 428 -> 594 (1.39), between
batches 400 -> 471 against 387 -> 483, and the run took 249 s against 216
(the table's reads, and the parts of names computed again). What the
resolver's objects hold is a small share of the peak's growth; the rest
follows the store (the COPY and its checkpoint, +115 MiB over the batch's
start at 20,000 documents, +40 at 2,000).

Measured without the resolver (2 cores, a busy machine: load average 5,
engine default page cache): ``--workers 2 --no-resolver --phases``: 2,000 documents 337 MiB,
20,000 documents 415 MiB (1.23); the writer's RSS at each step of its
heaviest batch write (MiB, 2,000 -> 20,000 documents): before the write 225
-> 301, its nodes' COPY 245 -> 320, its edges' COPY 315 -> 388, its other
statements 322 -> 398, its commit (the checkpoint) 337 -> 415. The COPY and
the checkpoint now cost the same at both sizes (+70 and +15 MiB); what grows
is what is resident between batches (+76 MiB): the engine's page cache
(+14 MiB, about the size of the primary-key hash indexes, which every batch
looks up and inserts into: 14 MiB on disk at 20,000 documents), its heap
(+12 live, +10 in large blocks) and what glibc keeps. Before
reports were stored without what their edge's other columns hold
(kg.graph.identity.Report.stored_json): 343 and 461 MiB (1.34), the commit
+15 -> +49 MiB over the edges' COPY. Before glibc's mmap threshold was fixed
for a first load (kg.graph.store.return_large_buffers): 350 and 476 MiB
(1.36, quiet machine); before the writer built a batch's edges from the
clusters it prepared: 342 and 499 MiB (1.46); before the batch writer found
stored edges by primary key: 355 and 601 MiB (1.69). Measured again later
(same command, load average 5): 338 -> 418 MiB (1.24), before the write 225
-> 301, its commit 338 -> 419.

Where the rest of the growth is (heaptrack on the writer alone, below; the
engine's own allocations by call site), and what did not bound it:

* Nothing on the Python side grows with the store: tracemalloc in the writer
  of a 20,000-document ingest (--workers 2) holds 41 MiB of traced Python
  memory after the 1st batch and after the 20th, about 94,000 objects the
  collector tracks at both; kg.graph.names' caches are not used by the writer.
* At the peak (the commit of one of the last batches): 84 MiB of CSR append
  indexes at both sizes (one 4 MiB array per relationship table and direction
  a COPY writes into, about 20 per batch, kept until the checkpoint) and
  39.5 MiB of the default page cache's eviction queue (8 bytes per 4 KiB page
  of a pool sized from the machine's memory); what grows, 2,000 -> 20,000
  documents: the checkpoint's out-of-place rewrite of the relationship
  tables' string and list columns (2.0 -> 17.4 MiB), the COPY's per-node CSR
  row lists (1.2 -> 8.1), the engine's memory-manager buffers (18.5 -> 23.2)
  and disk-array page lists (+2.9); engine heap at the peak 182 -> 215 MiB.
  Between batches the string chunks the last checkpoint rewrote stay
  resident (1.9 -> 15.4 MiB), and the page cache (``CALL bm_info()``, less
  the eviction queue) holds 20 -> 35 MiB.
* A page cache of 64 MB (KG_BUFFER_POOL with the 128 MB floor lowered):
  299 -> 366 MiB (1.23), no slower (148 s), no crash at 20,000 documents this
  time (writer alone 271 -> 333, 1.23, against 310 -> 376, 1.21, uncapped):
  the pool's share of the growth is bounded, the checkpoint's is not, and the
  smaller eviction queue lowers both sizes alike.
  32 MB: 289 MiB at 2,000 documents; at about 7,000 (writer alone) the
  engine failed a batch's write, then a read ("Unable to allocate memory! The
  buffer pool is full and no memory could be freed!").
* The batch writes run in a thread of their own, so the engine's allocations
  take a glibc arena apart from the workers' unpickled outcomes: 343 -> 423
  MiB (1.23).
* An explicit CHECKPOINT between batches adds nothing: each COPY's commit
  already checkpoints. The engine's documented settings (checkpoint
  threshold, spill to disk, buffer pool and database size) have none for the
  checkpoint's memory.

Measured with the writer alone (the documents' extracted claims loaded from
JSON Lines as ``kg load`` does, 1,000-document COPY batches; peak MiB at
2,000 -> 20,000 documents, before the short reports 318 -> 416, 1.31):

* Reports without the document id and sentence their edge holds: 318 ->
  382 (1.20); without its extractor and write time too (what kg stores now):
  309 -> 376 (1.22); the checkpoint's rise over the batch's COPYs at 20,000
  documents fell from +44 to +14 MiB.
  Reports of only document, qualifiers, confidence and position (not
  lossless, as a bound): 310 -> 371 (1.20).
* Not bounding it: no engine compression (10,000 documents 354 MiB against
  357), ``CALL spill_to_disk=false`` (359), COPY batches of 500 documents
  (296 -> 404, 1.37: the checkpoint's memory follows the store, not the
  batch) or 2,000 (10,000 documents 401 MiB), a page cache of 200 MB (280 ->
  318 at 10,000 documents, the same growth as uncapped), the database closed
  and opened again after each batch with a 160 MB page cache (279 -> 376,
  1.35: what stayed resident between batches is read again during the next),
  no automatic checkpoint (a COPY's commit then does not checkpoint, but
  every batch stays in memory: 307 -> 393 at 10,000 documents).

Earlier, what grew, measured per statement in
the writer (1,000-document COPY batches, 20,000 documents):

* Fixed: the statements that look up what a batch already has (the stored
  edges of its pairs, the edges to delete, new edges' ends, recorded files)
  were planned by the engine as scans of whole node and relationship
  tables, so every batch read every edge of the store and its page cache
  kept them: 117 MiB of cached pages between batches at 20,000 documents,
  26 MiB now (17 and 13 MiB at 2,000).
* Fixed: glibc kept the checkpoint's freed buffers (see
  return_large_buffers): writer alone, 469 -> 416 MiB at 20,000 documents,
  324 -> 318 MiB at 2,000.
* Left: the engine's checkpoint after each COPY batch. A batch adds edges to
  old nodes all over each relationship table (a company named again), so
  the checkpoint rewrites every CSR region of every table it touches, in both
  directions (the Kuzu storage code the engine comes from keeps up to 131,072
  nodes in one node group, and all of this store's are in the first): its
  memory is that of the largest table and grows with the store, +11 MiB at
  2,000 documents, +36 to +69 MiB at 20,000 (writer alone), and its time
  with it (0.2 s for the first batch, 2-4 s per batch at 20,000). Reopening
  the database after each batch empties the page cache between batches but
  not this (416 -> 413 MiB). A capped page cache (KG_BUFFER_POOL) bounds it:
  128 MB gave 280 and 364 MiB (1.30) with the threshold fixed; 64 MB made
  batches several times slower (pages read again) and crashed the engine
  (segmentation fault) at about 11,000 documents, so no cap is the default.
  Measured with the engine alone (20 COPY batches of 1,000 made-up documents
  into a Company and a Document table, a MENTIONS and an INVESTED_IN table
  with this store's kinds of columns, one engine thread, the binding's
  statement cache dropped after each batch): the peak grew 213 -> 290 MiB and
  a commit took 1 -> 10 s. What did not bound it: relationship tables stored
  in one direction (``WITH (storage_direction = 'fwd')``: 191 -> 269 MiB;
  besides, the engine then refuses undirected patterns such as ``(a)-[r]-(b)``
  in users' queries, and a node's DETACH DELETE left the edges that pointed
  at it in place), or the per-report JSON moved into a node table of its own
  keyed by fact id (219 -> 291 MiB: the checkpoint's spike fell, from +59 to
  +36 MiB, but what stays resident between batches rose by as much; commits
  were 5 times faster). Edges without their text columns (only fact_id) grew
  186 -> 220 MiB: the checkpoint's memory follows the bytes of the edges'
  columns. Writing a batch's edges with Cypher instead of COPY (the commit
  then still checkpoints: 1,000 documents are more log than the engine's
  threshold) or the whole load with Cypher (``--no-copy``: the checkpoint
  comes when the store closes, and is larger: a 1,000-document batch onto a
  20,000-document store peaked at 469 MiB on close, 296 onto 3,000) did not
  either; neither did glibc's arena count (MALLOC_ARENA_MAX=2) or a lower
  mmap threshold (32 KiB) for what stays resident.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

KO_TEMPLATES = [
    "{a}는 {month}월 {b}에 {amount}억원을 투자했다고 밝혔다.",
    "{b}는 {a}로부터 {amount}억원 규모의 시리즈 B 투자를 유치했다.",
    "{a}는 {person} 전 {b} 연구원을 최고기술책임자(CTO)로 영입했다.",
    "{a}와 {b}는 인공지능 반도체 분야에서 전략적 협력을 맺었다.",
]
EN_TEMPLATES = [
    "{a} invested ${amount} million in {b} in {month_name} 2025, the companies said.",
    "{b} raised ${amount} million in a Series A round led by {a}.",
    "{a} hired {person}, formerly a researcher at {b}, as its chief scientist.",
    "{a} and {b} announced a partnership to build data centers.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
KO_SYLLABLES = "가나다라마바사아자차카타파하리미비시지키티피히로모보소조코토포호"
EN_PARTS = ["Nova", "Quant", "Deep", "Hyper", "Lumen", "Vector", "Cortex", "Tensor", "Astra",
            "Orbit", "Pixel", "Sigma", "Zen", "Forge", "Pulse", "Atlas"]
EN_SUFFIX = ["Labs", "AI", "Robotics", "Systems", "Networks", "Dynamics"]
FIRST = ["Alex", "Maria", "John", "Priya", "Chen", "Sara", "David", "Yuki", "Omar", "Lena"]
LAST = ["Kim", "Park", "Smith", "Garcia", "Lee", "Novak", "Tanaka", "Singh", "Brown", "Rossi"]


def ko_company(rng: random.Random) -> str:
    return "".join(rng.choice(KO_SYLLABLES) for _ in range(3)) + rng.choice(["랩스", "테크", "AI"])


def en_company(rng: random.Random) -> str:
    return f"{rng.choice(EN_PARTS)}{rng.choice(EN_PARTS).lower()} {rng.choice(EN_SUFFIX)}"


def article(i: int, rng: random.Random, sentences: int = 3) -> str:
    korean = i % 2 == 0
    lines = [f"{'기사' if korean else 'Article'} {i}"]
    for _ in range(rng.randint(1, sentences)):
        if korean:
            lines.append(rng.choice(KO_TEMPLATES).format(
                a=ko_company(rng), b=ko_company(rng), amount=rng.randint(10, 900),
                month=rng.randint(1, 12),
                person="".join(rng.choice(KO_SYLLABLES) for _ in range(3))))
        else:
            lines.append(rng.choice(EN_TEMPLATES).format(
                a=en_company(rng), b=en_company(rng), amount=rng.randint(5, 900),
                month_name=rng.choice(MONTHS), person=f"{rng.choice(FIRST)} {rng.choice(LAST)}"))
    return "\n\n".join(lines) + "\n"


def generate(folder: Path, count: int, sentences: int = 3, seed: int = 11) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"{i // 1000:03d}").mkdir(exist_ok=True)
        (folder / f"{i // 1000:03d}" / f"doc-{i:06d}.txt").write_text(article(i, rng, sentences),
                                                                     encoding="utf-8")


CHILD = r"""
import json, resource, sys, time
from kg.graph.store import open_store
from kg.ingest import store_resolver
from kg.pipeline import ExtractOptions, batch_for, extract_paths, iter_paths, write_stream
folder, store_dir, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
copy, resolve = sys.argv[4] == "copy", sys.argv[5] == "resolver"
sys.path.insert(0, sys.argv[7])
from bench_memory import PhaseRecorder, TreeSampler
phases = PhaseRecorder() if sys.argv[6] == "phases" else None
tree = TreeSampler()
t0 = time.perf_counter()
# What kg ingest does: a first load (COPY FROM unless --no-copy), the store's resolver.
with open_store(store_dir, bulk=None if copy else False) as store:
    outcomes = extract_paths(iter_paths([folder]), ExtractOptions(published="2025-08-31"),
                             workers=workers, known=store.document_ids(), files=store.files(),
                             batch_size=batch_for(store, 64))
    summary = write_stream(store, outcomes, resolver=store_resolver(store) if resolve else None)
    counts = store.counts()
print(json.dumps({
    "seconds": time.perf_counter() - t0, "written": summary.written, "failed": summary.failed,
    "facts": sum(v for k, v in counts.items() if k.isupper() and k != "MENTIONS"),
    "writer_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "phases": phases.result() if phases else None,
    "workers_mib": tree.worker_peak,
    "tree_mib": tree.peak,
}))
"""


def rss_mib() -> float:
    """The process's resident memory now (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _process_memory_mib(pid: int) -> tuple[float, float]:
    """(resident, proportional) memory of a process (Linux): the proportional set size
    counts a page shared by k processes (the models a fork server loaded before
    forking the workers) as 1/k in each, so the sum over processes is what they hold
    of the machine together."""
    rss = pss = 0.0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) / 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) / 1024
    except (OSError, IndexError, ValueError):
        pass  # the process ended between the listing and the read
    return rss, pss


def _descendants(pid: int) -> list[int]:
    """The processes started by ``pid`` and by those, at any depth (Linux)."""
    out: list[int] = []
    stack = [pid]
    while stack:
        parent = stack.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{parent}/task/{tid}/children") as children:
                    kids = [int(k) for k in children.read().split()]
            except OSError:
                continue
            out.extend(kids)
            stack.extend(kids)
    return out


class TreeSampler:
    """The highest proportional memory of this process and every process it started
    (the workers and their fork server) together, and the highest resident memory of
    any one of the workers, sampled every few tens of milliseconds: what the whole
    ingest holds of the machine's memory at once."""

    def __init__(self, interval: float = 0.05) -> None:
        self.peak = self.worker_peak = 0.0
        threading.Thread(target=self._sample, args=(interval,), daemon=True).start()

    def _sample(self, interval: float) -> None:
        me = os.getpid()
        while True:
            total = 0.0
            for pid in [me, *_descendants(me)]:
                rss, pss = _process_memory_mib(pid)
                total += pss
                if pid != me:
                    self.worker_peak = max(self.worker_peak, rss)
            self.peak = max(self.peak, total)
            time.sleep(interval)


class PhaseRecorder:
    """The writer's resident memory at each step of its batch writes (--phases).

    A thread samples the RSS every few milliseconds and keeps the highest value
    per step of the write it is in: the batch's plan (Python), the COPY of its
    nodes, the COPY of its edges, the other statements of its transaction (the
    Cypher ones: lookups, deletions, aliases, files), the commit (which a COPY
    makes a checkpoint), and the time outside any write (extraction, and the
    checkpoint when the store closes). It keeps the steps
    of the batch whose write went highest, and the RSS just before it.
    """

    def __init__(self, interval: float = 0.003) -> None:
        import threading

        import kg.graph.batch as batch_module
        import kg.graph.store as store_module

        self.step = "outside"
        self.steps: dict[str, float] = {}
        self.heaviest: dict[str, float] = {}
        self.outside = 0.0
        recorder = self

        def during(cls: type, name: str, step: Any) -> None:
            original = getattr(cls, name)

            def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
                before, recorder.step = recorder.step, step(args) if callable(step) else step
                try:
                    return original(self, *args, **kwargs)
                finally:
                    recorder.step = before
            setattr(cls, name, wrapper)

        during(batch_module.BatchWrites, "_plan", "plan")
        # COPY options name an edge table's ends: none for a node table.
        during(batch_module.BatchWrites, "_copy",
               lambda args: "copy edges" if args[3] else "copy nodes")
        write = store_module.Store._write_in_one_transaction

        def written(store: Any, *args: Any, **kwargs: Any) -> Any:
            self.steps = {"before": rss_mib()}
            self.step = "other statements"
            execute = store._conn.execute

            def committing(query: str, *rest: Any, **options: Any) -> Any:
                if query != "COMMIT":
                    return execute(query, *rest, **options)
                self.step = "commit"
                return execute(query, *rest, **options)
            store._conn.execute = committing
            try:
                return write(store, *args, **kwargs)
            finally:
                store._conn.execute = execute
                self.step = "outside"
                if max(self.steps.values()) > max(self.heaviest.values(), default=0.0):
                    self.heaviest = dict(self.steps)
        store_module.Store._write_in_one_transaction = written
        threading.Thread(target=self._sample, args=(interval,), daemon=True).start()

    def _sample(self, interval: float) -> None:
        while True:
            rss, step = rss_mib(), self.step
            if step == "outside":
                self.outside = max(self.outside, rss)
            elif rss > self.steps.get(step, 0.0):
                self.steps[step] = rss
            time.sleep(interval)

    def result(self) -> dict[str, float]:
        order = ["before", "plan", "copy nodes", "copy edges", "other statements", "commit"]
        steps = {step: self.heaviest[step] for step in order if step in self.heaviest}
        return {**steps, "outside writes": self.outside}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-copy", action="store_true",
                        help="write the normal way, not with COPY FROM (kg ingest --no-copy)")
    parser.add_argument("--no-resolver", action="store_true",
                        help="leave out the writer's entity resolver (see above)")
    parser.add_argument("--sentences", type=int, default=3,
                        help="at most this many fact sentences per article (short articles keep "
                             "a 20,000-document run to minutes)")
    parser.add_argument("--phases", action="store_true",
                        help="also print the writer's RSS at each step of its heaviest batch "
                             "(plan, COPY of nodes, of edges, commit) and outside the writes")
    args = parser.parse_args()
    results = {}
    from kg.graph.store import buffer_pool_size

    pool = buffer_pool_size()
    print(f"writer page cache: {f'{pool / 2**20:.0f} MiB' if pool else 'the engine default'}"
          f" (KG_BUFFER_POOL={os.environ.get('KG_BUFFER_POOL', '')})", flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-memory-") as name:
        tmp = Path(name)
        for size in args.sizes:
            folder = tmp / f"docs-{size}"
            t0 = time.perf_counter()
            generate(folder, size, args.sentences)
            print(f"{size} synthetic documents generated in {time.perf_counter() - t0:.0f} s",
                  flush=True)
            out = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(tmp / f"store-{size}"),
                                  str(args.workers), "normal" if args.no_copy else "copy",
                                  "none" if args.no_resolver else "resolver",
                                  "phases" if args.phases else "", str(Path(__file__).parent)],
                                 capture_output=True, text=True, check=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            results[size] = result
            print(f"{size} documents, --workers {args.workers}"
                  f"{' --no-copy' if args.no_copy else ''}"
                  f"{' --no-resolver' if args.no_resolver else ''}: {result['seconds']:.0f} s, "
                  f"{result['written']} written, {result['facts']} facts; peak RSS writer "
                  f"{result['writer_mib']:.0f} MiB, largest worker {result['workers_mib']:.0f} MiB, "
                  f"all processes together {result['tree_mib']:.0f} MiB",
                  flush=True)
            if result["phases"]:
                print("  RSS (MiB) in the heaviest batch write: " + ", ".join(
                    f"{step} {mib:.0f}" for step, mib in result["phases"].items()), flush=True)
    smallest, largest = min(results), max(results)
    if smallest != largest:
        a, b = results[smallest]["writer_mib"], results[largest]["writer_mib"]
        print(f"writer peak for {largest} / for {smallest}: {b / a:.2f} (target: within 1.20, "
              f"and under 1024 MiB)")
        a, b = results[smallest]["tree_mib"], results[largest]["tree_mib"]
        print(f"all processes' peak for {largest} / for {smallest}: {b / a:.2f} ({b:.0f} MiB)")


if __name__ == "__main__":
    main()
