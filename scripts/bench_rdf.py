"""Benchmark the RDF exporters on a generated graph (default 100,000 facts).

The graph is written through the store API (``Store.write``), in a few big
documents, so the export reads a real LadybugDB store. Each export then runs
in a fresh child process, which reports wall seconds and its peak resident
memory (``resource.getrusage``), next to the memory it had before exporting.

    python scripts/bench_rdf.py                     # 100,000 facts, nt and turtle
    python scripts/bench_rdf.py --facts 20000 --formats nt turtle jsonld
    python scripts/bench_rdf.py --store /tmp/bench  # reuse a store built before

Measured (100,000 facts, 7,000 entities, 10 documents; building the store took
104 s; Python 3.11, rdflib 7.6, LadybugDB 0.22)::

    format   seconds  peak RSS MiB  (at open)  peak heap MiB  size MiB
    nt          11.3           191         95             38       203
    turtle      25.2           590         95            403        66

At 20,000 facts: nt 2.3 s / 11 MiB heap, turtle 3.1 s / 84 MiB heap. The
N-Triples heap grows only with the page of edges read at a time and the set of
source ids already written; Turtle holds the sorted text of the whole graph.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from kg.graph.model import ENTITY_TYPES, ORGANIZATION, PERSON, RELATIONS, Document, Entity
from kg.graph.store import ResolvedClaim, open_store

QUALIFIER_VALUES = {
    "amount": 1.5e8, "currency": "USD", "amount_alt": 2.0e11, "currency_alt": "KRW",
    "stake_pct": 12.5, "round": "series B", "valuation": 3.0e9, "role": "CEO",
    "title": "chief scientist", "count": 200, "pct": 7.5, "service": "data labelling",
    "status": "active", "kind": "cloud",
}


def entities(prefix: str, kind: str, n: int) -> list[Entity]:
    return [Entity(f"{prefix}:{kind.lower()}-{i}", kind, f"{kind} {i}", (f"{kind} 별칭 {i}",))
            for i in range(n)]


def claims(n: int, orgs: list[Entity], people: list[Entity]) -> list[ResolvedClaim]:
    """``n`` distinct facts spread over every relation, each pair used once per relation."""
    pools = {ORGANIZATION: orgs, PERSON: people}
    relations = list(RELATIONS.values())
    out = []
    for i in range(n):
        rel = relations[i % len(relations)]
        k = i // len(relations)
        subjects, objects = pools[rel.subject_types[0]], pools[rel.object_types[0]]
        s = k % len(subjects)
        # (s, k // len(subjects)) is unique per k, so no two claims merge.
        o = (s + 1 + k // len(subjects)) % len(objects)
        qualifiers = {q: QUALIFIER_VALUES[q] for q in rel.qualifiers if q in QUALIFIER_VALUES}
        if "date" in rel.qualifiers:
            qualifiers["date"] = f"{2010 + k % 15}-{1 + k % 12:02d}"
        out.append(ResolvedClaim(rel.name, subjects[s], objects[o], qualifiers,
                                 f"Sentence {i} says {rel.label_en}.", 0.8, "bench"))
    return out


def build(store_path: Path, n: int, documents: int) -> float:
    orgs, people = entities("org", ORGANIZATION, 5000), entities("person", PERSON, 2000)
    assert ENTITY_TYPES == (ORGANIZATION, PERSON)
    everything = claims(n, orgs, people)
    per_doc = -(-n // documents)
    start = time.perf_counter()
    with open_store(store_path) as store:
        for d in range(documents):
            doc = Document(id=f"{d:064x}", path=f"bench/doc-{d}.txt", text="", lang="en",
                           published="2025-06-01")
            store.write(doc, everything[d * per_doc:(d + 1) * per_doc])
        counts = store.counts()
    print(f"built {sum(counts[r] for r in RELATIONS)} facts in {documents} documents "
          f"in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return time.perf_counter() - start


def export_child(store_path: Path, fmt: str, out: Path, trace: bool) -> None:
    """Run in a child process: one export, measured alone.

    RSS includes LadybugDB's buffer pool, reserved when the store opens, so
    the Python heap peak (tracemalloc, in a second run because tracing slows
    Python down) is the figure that shows how memory grows with the graph.
    """
    from kg.graph import exporters

    _, write = exporters.get(fmt)
    with open_store(store_path, read_only=True) as store:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if trace:
            tracemalloc.start()
        start = time.perf_counter()
        with open(out, "wb") as fh:
            write(store, fh)
        seconds = time.perf_counter() - start
        heap = tracemalloc.get_traced_memory()[1] if trace else 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"format": fmt, "seconds": round(seconds, 1), "heap_mib": heap / 2**20,
                      "rss_before_mib": round(before / 1024), "peak_rss_mib": round(peak / 1024),
                      "bytes": out.stat().st_size}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=10)
    parser.add_argument("--formats", nargs="+", default=["nt", "turtle"])
    parser.add_argument("--store", type=Path, help="store directory (built if missing)")
    parser.add_argument("--child", nargs=2, metavar=("FORMAT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    store_path = args.store or workdir / "store"
    if args.child:
        export_child(store_path, args.child[0], Path(args.child[1]), args.trace)
        return
    if not (store_path / "graph.lbug").exists():
        build(store_path, args.facts, args.documents)
    print(f"{'format':8} {'seconds':>8} {'peak RSS MiB':>13} {'(at open)':>10} "
          f"{'peak heap MiB':>14} {'size MiB':>9}")
    for fmt in args.formats:
        out = workdir / f"graph.{fmt}"
        timed, traced = (json.loads(subprocess.run(
            [sys.executable, __file__, "--store", str(store_path), "--child", fmt, str(out),
             *(["--trace"] if trace else [])],
            check=True, capture_output=True, text=True, env=os.environ.copy()).stdout)
            for trace in (False, True))
        print(f"{fmt:8} {timed['seconds']:>8} {timed['peak_rss_mib']:>13} "
              f"{timed['rss_before_mib']:>10} {traced['heap_mib']:>14.0f} "
              f"{timed['bytes'] / 2**20:>9.0f}", flush=True)
        out.unlink()


if __name__ == "__main__":
    main()
