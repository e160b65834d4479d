"""Benchmark: ``kg sparql --name investments`` on a store of --facts facts.

Builds a synthetic store (organizations, documents, INVESTED_IN facts with
amounts, dates and a source each) with LadybugDB's ``COPY ... FROM`` bulk
path, then runs ``kg sparql --name investments`` several times in fresh
processes and prints each call's wall time, CPU time and peak RSS, the
first call (which builds the persistent SPARQL index, evaluates the query
and saves its answer) apart from the median of the later ones (answered
from the index). Then it times the phases of a call on their own: start-up,
the index freshness check, reading the saved answer, formatting, and
the query alone in pyoxigraph (what a first call or new parameters pay).

    python scripts/bench_sparql.py --facts 100000
    python scripts/bench_sparql.py --store /tmp/big --keep-index   # reuse a built store and index

Then it ingests one more document (a short English article written by this
script) with ``kg ingest`` twice, into two copies of the store: one without
a SPARQL index and one whose index is current, and prints each ingest's CPU
(the difference is what keeping the index in step costs a write), followed by
the first ``kg sparql --name investments`` after that ingest (the call a
user makes after new documents arrive) and the one after it.

Last measured (100k facts, one run each, a machine shared with three other
jobs; CPU seconds quoted, wall times swing with the load):
  first call after ingesting one more document: 121.5 s CPU (311 s wall, 438 MiB)
  when the query rebuilt the index, 17.0 s CPU (21 s wall, 290 MiB) now that the
  writer keeps the index in step; what remains is pyoxigraph evaluating the query
  (its answer is saved, later calls 0.7 s CPU). The ingest of that document costs
  4.80 s CPU with a current index to update against 4.04 s without one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kg.graph.model import RELATIONS, fact_id
from kg.graph.schema import DOCUMENT_COLUMNS, ENTITY_COLUMNS, edge_columns
from kg.graph.sparql_index import INDEX_DIR
from kg.graph.store import open_store

HUBS = (("hooli-ventures", "Hooli Ventures"), ("initech-ai", "Initech AI"))


def copy_rows(store: Any, table: str, columns: list[str], rows: list[dict[str, Any]],
              options: str = "", chunk: int = 20_000) -> None:
    """COPY a table from rows passed as one parameter (no CSV quoting to get wrong)."""
    returned = ", ".join(f"r.`{c}`" for c in columns)
    for i in range(0, len(rows), chunk):
        store._conn.execute(f"COPY {table} FROM (UNWIND $rows AS r RETURN {returned}){options}",
                            {"rows": rows[i:i + chunk]})


def build(path: Path, facts: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    # Every column named, unset ones as None: COPY binds the row by the table's columns.
    orgs = [{**dict.fromkeys(ENTITY_COLUMNS), "id": f"org:company-{i}", "name": f"Company {i}",
             "aliases": [f"회사 {i}"]} for i in range(max(50, facts // 50))]
    # Two of them by names the English extractor recognizes, for the one more article.
    for org, (slug, name) in zip((orgs[3], orgs[7]), HUBS, strict=True):
        org.update(id=f"org:{slug}", name=name)
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
        # A document mentions both ends of each fact it is a source of (kg check verifies
        # this, and a writer refuses a store that fails kg check).
        mentions = sorted({(edge["sources"][0], end) for edge in edges
                           for end in (edge["_from"], edge["_to"])})
        copy_rows(store, "MENTIONS", ["d", "e"], [{"d": d, "e": e} for d, e in mentions],
                  " (from='Document', to='Organization')", chunk=len(mentions))
        counts = store.counts()
    print(f"store: {counts['Organization']} organizations, {counts['Document']} documents, "
          f"{counts['INVESTED_IN']} INVESTED_IN facts")


def kg_sparql(store: Path, fmt: str) -> tuple[float, float, float, int]:
    """One ``kg sparql --name investments`` in a fresh process.

    Returns wall seconds, CPU seconds (user + system: what the call costs on
    a machine shared with other work), peak RSS (MiB) and the number of rows.
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", "from kg.cli import cli; cli()", "sparql",
                             "--name", "investments", "--store", str(store), "--format", fmt],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(proc.stderr.read().decode() if proc.stderr else "kg sparql failed")
    rows = len(json.loads(out)) if fmt == "json" else out.count(b"\n") - (fmt == "csv")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, rows


# One more article: facts about two companies the synthetic store has (~100 facts each).
ONE_MORE = """Hooli invests in Initech

Hooli Ventures invested $120 million in Initech AI in March 2025, the companies said on Monday.
Initech AI also hired Jane Roe as its chief technology officer.
"""


def kg_ingest(path: Path, store: Path) -> tuple[float, float]:
    """``kg ingest PATH`` in a fresh process: wall seconds and CPU seconds."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", "from kg.cli import cli; cli()", "ingest",
                             str(path), "--store", str(store), "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(err.decode() or "kg ingest failed")
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime


def after_one_more(store: Path, fmt: str, work: Path) -> None:
    """Ingest one more document, with and without an index to keep in step, then query."""
    article = work / "news" / "one-more.txt"
    article.parent.mkdir(parents=True, exist_ok=True)
    article.write_text(ONE_MORE, encoding="utf-8")
    bare = work / "no-index"
    shutil.copytree(store, bare, ignore=shutil.ignore_patterns(INDEX_DIR))
    seconds, cpu = kg_ingest(article, bare)
    print(f"ingest of one more document, store without an index: {seconds:.2f} s wall, "
          f"{cpu:.2f} s CPU", flush=True)
    seconds, cpu = kg_ingest(article, store)
    print(f"ingest of one more document, store with a current index: {seconds:.2f} s wall, "
          f"{cpu:.2f} s CPU", flush=True)
    shutil.rmtree(bare, ignore_errors=True)
    print(f"facts in the store: {fact_count(store)}")
    for call in ("first", "second"):
        seconds, cpu, mib, rows = kg_sparql(store, fmt)
        print(f"{call} call after the ingest: {seconds:.2f} s wall, {cpu:.2f} s CPU, "
              f"peak RSS {mib:.0f} MiB, {rows} rows", flush=True)


def fact_count(store: Path) -> int:
    """The number of facts (edges of every relation) in the store."""
    with open_store(store, read_only=True) as opened:
        counts = opened.counts()
    return sum(counts[name] for name in RELATIONS)


def phases(store: Path, fmt: str) -> None:
    """Where a call's time goes, each phase timed on its own in this process."""
    import io
    from contextlib import redirect_stdout

    from kg import queries
    from kg.cli.output import render_rows
    from kg.graph import sparql_index
    from kg.queries.sparql import run_index

    def timed(what: str, work: Any) -> Any:
        def cpu() -> float:  # this process's and its finished children's
            own, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                             resource.RUSAGE_CHILDREN))
            return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

        t0, c0 = time.perf_counter(), cpu()
        result = work()
        print(f"  {what}: {time.perf_counter() - t0:.3f} s wall, {cpu() - c0:.3f} s CPU",
              flush=True)
        return result

    named = queries.get("investments", "sparql")
    params = named.params()
    print("where a later call's time goes:")
    timed("process start-up and imports (python -c 'import kg.cli, kg.queries.sparql')",
          lambda: subprocess.run([sys.executable, "-c", "import kg.cli, kg.queries.sparql"],
                                 check=True))
    index_dir, version = timed("index freshness check (store fingerprint)",
                               lambda: sparql_index.fresh_index(store))
    key = sparql_index.result_key(version, named.text, params)
    saved = timed("reading the saved answer", lambda: sparql_index.load_result(index_dir, key))
    if saved is None:
        raise SystemExit("no saved answer after the calls: the index did not save it")
    columns, rows = saved

    def formatted() -> None:
        with redirect_stdout(io.StringIO()):
            render_rows(columns, rows, fmt)

    timed(f"formatting as {fmt}", formatted)
    # The evaluation a first call (or new parameter values) pays: the query alone in pyoxigraph.
    index = sparql_index.read_index(index_dir)
    _, found = timed("the query alone in pyoxigraph (no saved answer)",
                     lambda: run_index(index, named.text, params))
    if found != rows:
        raise SystemExit("the saved answer differs from a fresh evaluation")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=5, help="calls in all, the first included")
    parser.add_argument("--store", type=Path, help="keep the store here (default: a temporary one)")
    parser.add_argument("--keep-index", action="store_true",
                        help="reuse the store's SPARQL index (default: the first call rebuilds it)")
    parser.add_argument("--format", choices=["json", "jsonl", "csv"], default="json",
                        help="kg sparql's --format (default json: what it prints into a pipe)")
    parser.add_argument("--no-ingest", action="store_true",
                        help="skip ingesting one more document and the calls after it")
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
        if not args.keep_index:
            shutil.rmtree(store / INDEX_DIR, ignore_errors=True)
        print(f"facts in the store: {fact_count(store)}")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        calls = []
        for call in range(1, args.calls + 1):
            seconds, cpu, mib, rows = kg_sparql(store, args.format)
            calls.append((seconds, cpu, mib))
            print(f"call {call}: {seconds:.2f} s wall, {cpu:.2f} s CPU, "
                  f"peak RSS {mib:.0f} MiB, {rows} rows", flush=True)
        first, later = calls[0], calls[1:]
        what = "reused index" if args.keep_index else "builds the index, evaluates, saves"
        print(f"first call ({what}): {first[0]:.2f} s wall, {first[1]:.2f} s CPU, "
              f"peak RSS {first[2]:.0f} MiB")
        if later:
            print(f"later calls (median of {len(later)}): "
                  f"{statistics.median(c[0] for c in later):.2f} s wall, "
                  f"{statistics.median(c[1] for c in later):.2f} s CPU, "
                  f"peak RSS {max(c[2] for c in later):.0f} MiB (max)")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        # Before phases(): its query in this process would count in the children's peak RSS.
        if not args.no_ingest:
            after_one_more(store, args.format, Path(name))
        phases(store, args.format)


if __name__ == "__main__":
    main()
