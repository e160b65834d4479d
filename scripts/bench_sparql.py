"""Benchmark: ``kg sparql --name investments`` on a store of --facts facts.

Builds a synthetic store (organizations, documents, INVESTED_IN facts with
amounts, dates and a source each) with LadybugDB's ``COPY ... FROM`` bulk
path, then runs ``kg sparql --name investments`` several times in fresh
processes and prints each call's wall time and peak RSS. The first call
builds the persistent SPARQL index; the later ones answer from it.

    python scripts/bench_sparql.py --facts 100000
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kg.graph.model import RELATIONS, fact_id
from kg.graph.schema import DOCUMENT_COLUMNS, ENTITY_COLUMNS, edge_columns
from kg.graph.store import open_store


def copy_rows(store: Any, table: str, columns: list[str], rows: list[dict[str, Any]],
              options: str = "") -> None:
    """COPY a table from rows passed as one parameter (no CSV quoting to get wrong)."""
    returned = ", ".join(f"r.`{c}`" for c in columns)
    for i in range(0, len(rows), 20_000):
        store._conn.execute(f"COPY {table} FROM (UNWIND $rows AS r RETURN {returned}){options}",
                            {"rows": rows[i:i + 20_000]})


def build(path: Path, facts: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    # Every column named, unset ones as None: COPY binds the row by the table's columns.
    orgs = [{**dict.fromkeys(ENTITY_COLUMNS), "id": f"org:company-{i}", "name": f"Company {i}",
             "aliases": [f"회사 {i}"]} for i in range(max(50, facts // 50))]
    docs = [{**dict.fromkeys(DOCUMENT_COLUMNS), "id": hashlib.sha256(f"doc {i}".encode()).hexdigest(),
             "path": f"news/{i:06d}.txt", "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
             "lang": "ko" if i % 2 else "en", "title": f"Article {i}",
             "ingested_at": "2025-12-01T00:00:00Z", "extractors": ["bench"]}
            for i in range(max(10, facts // 5))]
    rel = RELATIONS["INVESTED_IN"]
    columns = list(edge_columns(rel))
    edges, seen = [], set()
    while len(edges) < facts:
        a, b = rng.sample(orgs, 2)
        date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}"
        fid = fact_id(a["id"], rel.name, b["id"], date)
        if fid in seen:
            continue
        seen.add(fid)
        doc = rng.choice(docs)
        row = dict.fromkeys(columns)
        row.update(fact_id=fid, amount=float(rng.randint(1, 5000)) * 1e6, currency="USD", date=date,
                   sources=[doc["id"]], evidence=[f"{a['name']} invested in {b['name']}."],
                   confidence=0.8, extractor="bench", first_seen="2025-12-01T00:00:00Z",
                   last_seen="2025-12-01T00:00:00Z", _from=a["id"], _to=b["id"])
        edges.append(row)
    with open_store(path) as store:
        copy_rows(store, "Organization", list(ENTITY_COLUMNS), orgs)
        copy_rows(store, "Document", list(DOCUMENT_COLUMNS), docs)
        copy_rows(store, "INVESTED_IN", ["_from", "_to", *columns], edges,
                  " (from='Organization', to='Organization')")
        counts = store.counts()
    print(f"store: {counts['Organization']} organizations, {counts['Document']} documents, "
          f"{counts['INVESTED_IN']} INVESTED_IN facts")


def kg_sparql(store: Path) -> tuple[float, float, float, int]:
    """One ``kg sparql --name investments`` in a fresh process.

    Returns wall seconds, CPU seconds (user + system: what the call costs on
    a machine shared with other work), peak RSS (MiB) and the number of rows.
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", "from kg.cli import cli; cli()", "sparql",
                             "--name", "investments", "--store", str(store), "--format", "csv"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(proc.stderr.read().decode() if proc.stderr else "kg sparql failed")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.count(b"\n") - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=4)
    parser.add_argument("--store", type=Path, help="keep the store here (default: a temporary one)")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        build(args.store, args.facts)
        return
    with tempfile.TemporaryDirectory(prefix="kg-bench-sparql-") as name:
        store = args.store or Path(name) / "store"
        if not (store / "graph.lbug").exists():
            # In a process of its own: a child forked from a process holding the rows
            # would start with their memory counted in its peak RSS.
            t0 = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--build-only", "--facts", str(args.facts),
                            "--store", str(store)], check=True)
            print(f"built with COPY FROM in {time.perf_counter() - t0:.0f} s")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        for call in range(1, args.calls + 1):
            seconds, cpu, mib, rows = kg_sparql(store)
            what = "builds the index" if call == 1 else "from the index"
            print(f"call {call} ({what}): {seconds:.2f} s wall, {cpu:.2f} s CPU, "
                  f"peak RSS {mib:.0f} MiB, {rows} rows", flush=True)
        # The same query inside one process: the index's own time, without Python's start-up.
        from kg import queries
        from kg.queries.sparql import answer

        named = queries.get("investments", "sparql")
        for _ in range(2):
            t0, c0 = time.perf_counter(), time.process_time()
            _, found = answer(store, named.text, named.params())
            print(f"in process, from the index: {time.perf_counter() - t0:.2f} s wall, "
                  f"{time.process_time() - c0:.2f} s CPU, {len(found)} rows", flush=True)


if __name__ == "__main__":
    main()
