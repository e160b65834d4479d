"""Benchmark ``kg push`` against a naive one-MERGE-per-transaction loop.

Usage: ``python scripts/bench_push.py [--facts 100000] [--naive-sample 5000]``

1. Generates a graph in an embedded store through ``Store.write`` (the real
   write path), in documents of 2,000 claims: ``--facts`` distinct fact edges
   between 1,000 organizations, spread over seven relation types.
2. Runs the ``kg push`` command into an empty Neo4j, timed as a whole (process
   start, reading the store, constraints, nodes, MENTIONS, facts); then calls
   :func:`kg.graph.neo4j.push` in-process on an empty database again to time
   the fact-edge phase alone, and once more to show a repeat creates nothing.
3. Deletes the relationships (nodes stay) and writes ``--naive-sample`` fact
   edges one ``MERGE`` per ``execute_write`` transaction, the way a naive
   loop would, and extrapolates that rate to the full graph. Pass
   ``--naive-sample 0`` to run the naive loop over every fact.

Neo4j: ``NEO4J_URI``/``NEO4J_USERNAME``/``NEO4J_PASSWORD`` if set, else a
server started with scripts/neo4j_server.py in a temporary run directory
and stopped afterwards.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import neo4j

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kg.graph import neo4j as sync  # noqa: E402
from kg.graph.model import Document, Entity  # noqa: E402
from kg.graph.store import ResolvedClaim, Store, open_store  # noqa: E402

ORGS = 1000
DOC_SIZE = 2000
RELATIONS = ("INVESTED_IN", "ACQUIRED", "HIRED_FROM", "VENDOR_TO", "ENDED_PARTNERSHIP",
             "LAID_OFF", "PART_OF")


def generate(store: Store, facts: int) -> None:
    """``facts`` distinct edges: pair (a, a+1+i//ORGS) is unique for i < ORGS*(ORGS-1)."""
    orgs = [Entity(f"org:bench-{i}", "Organization", f"Bench Org {i}") for i in range(ORGS)]
    claims: list[ResolvedClaim] = []
    doc_no = 0
    for i in range(facts):
        a = i % ORGS
        b = (a + 1 + i // ORGS) % ORGS
        rel = RELATIONS[i % len(RELATIONS)]
        qualifiers: dict = {}
        if rel in ("INVESTED_IN", "ACQUIRED"):
            qualifiers = {"amount": float(1_000_000 + i), "currency": "USD",
                          "date": f"20{10 + i % 15}-{1 + i % 12:02d}"}
        elif rel == "LAID_OFF":
            qualifiers = {"count": 10 + i % 500, "date": "2025-07"}
        claims.append(ResolvedClaim(rel, orgs[a], orgs[b], qualifiers,
                                    f"Bench sentence {i}.", 0.8, "bench"))
        if len(claims) == DOC_SIZE or i == facts - 1:
            doc_no += 1
            store.write(Document(id=f"bench-doc-{doc_no}", path=f"bench-{doc_no}.txt", text="",
                                 lang="en", published="2025-08-31"), claims)
            claims = []


def naive(driver: neo4j.Driver, store: Store, sample: int) -> tuple[int, float]:
    """One MERGE per transaction for ``sample`` fact edges (all when 0); rows and seconds."""
    groups = sync.fact_groups(store.facts())
    rows = [(rel, s, o, row) for (rel, s, o), rs in groups.items() for row in rs]
    if sample:
        rows = rows[::max(1, len(rows) // sample)][:sample]

    def one(tx: neo4j.ManagedTransaction, query: str, row: dict) -> None:
        tx.run(query, s=row["s"], o=row["o"], fact_id=row["fact_id"],
               props=row["props"]).consume()

    start = time.perf_counter()
    with driver.session() as session:
        for rel, s_label, o_label, row in rows:
            query = (f"MATCH (a:{s_label} {{id: $s}}) MATCH (b:{o_label} {{id: $o}}) "
                     f"MERGE (a)-[r:{rel} {{fact_id: $fact_id}}]->(b) SET r += $props")
            session.execute_write(one, query, row)
    return len(rows), time.perf_counter() - start


def _auto(driver: neo4j.Driver, query: str) -> None:
    # CALL { } IN TRANSACTIONS runs only in an auto-commit transaction.
    with driver.session() as session:
        session.run(query).consume()


DELETE_RELS = "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"


def _clear(driver: neo4j.Driver) -> None:
    # Relationships first: DETACH DELETE of well-connected nodes in big
    # transactions exceeds a small test server's transaction memory.
    _auto(driver, DELETE_RELS)
    _auto(driver, "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS")


def _kg_push(store_path: Path, settings: sync.Settings, batch_size: int) -> float:
    """Seconds for the ``kg push`` command itself (a fresh process: imports included)."""
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_USERNAME": settings.user,
           "NEO4J_PASSWORD": settings.password or ""}
    env.pop("NEO4J_DATABASE", None)
    t0 = time.perf_counter()
    kg = Path(sys.executable).with_name("kg")  # the venv's console script
    subprocess.run([str(kg) if kg.exists() else "kg", "push", "--store", str(store_path),
                    "--batch-size", str(batch_size)], env=env, check=True)
    return time.perf_counter() - t0


def run(settings: sync.Settings, facts: int, sample: int, batch_size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store_path = Path(tmp) / "store"
        t0 = time.perf_counter()
        with open_store(store_path) as store:
            generate(store, facts)
            counts = store.counts()
        fact_edges = sum(v for k, v in counts.items() if k in sync.RELATIONS)
        rels = fact_edges + counts["MENTIONS"]
        print(f"generated in {time.perf_counter() - t0:.1f}s via Store.write: "
              f"{fact_edges} fact edges + {counts['MENTIONS']} MENTIONS, "
              f"{counts['Organization']} organizations, {counts['Document']} documents")

        with neo4j.GraphDatabase.driver(settings.uri,
                                        auth=(settings.user, settings.password)) as driver:
            _clear(driver)
            cli_s = _kg_push(store_path, settings, batch_size)
            print(f"`kg push` command: {rels} relationships in {cli_s:.1f}s "
                  f"= {rels / cli_s:,.0f} rels/s (process start and imports included)")

            _clear(driver)
            phase: dict[str, float] = {}

            def progress(kind: str, rows: int) -> None:
                phase.setdefault(f"first:{kind}", time.perf_counter())
                phase[f"last:{kind}"] = time.perf_counter()

            with open_store(store_path, read_only=True) as store:
                t0 = time.perf_counter()
                result = sync.push(store, driver, batch_size=batch_size, progress=progress)
                push_s = time.perf_counter() - t0
                first_fact = min(v for k, v in phase.items()
                                 if k.startswith("first:") and k[6:] in sync.RELATIONS)
                fact_s = max(v for k, v in phase.items() if k.startswith("last:")) - first_fact
                assert result.relationships == rels, (result.relationships, rels)
                print(f"push() (batch {batch_size}): {rels} relationships + {result.nodes} "
                      f"nodes in {push_s:.1f}s = {rels / push_s:,.0f} rels/s end to end; "
                      f"fact-edge phase {fact_edges / fact_s:,.0f} rels/s")

                again0 = time.perf_counter()
                repeat = sync.push(store, driver, batch_size=batch_size)
                print(f"second push (nothing new): {time.perf_counter() - again0:.1f}s, "
                      f"{repeat.nodes_created} nodes and {repeat.relationships_created} "
                      "relationships created")

                _auto(driver, DELETE_RELS)
                n, naive_s = naive(driver, store, sample)
            rate = n / naive_s
            full = "" if n == fact_edges else (
                f"; extrapolated to {fact_edges} fact edges: {fact_edges / rate:,.0f}s")
            print(f"naive loop (one MERGE per transaction): {n} fact edges in {naive_s:.1f}s "
                  f"= {rate:,.0f} rels/s{full}")
            print(f"speed-up of push's fact-edge phase over the naive loop: "
                  f"{(fact_edges / fact_s) / rate:,.0f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--naive-sample", type=int, default=5000,
                        help="fact edges for the naive loop (0: all of them)")
    parser.add_argument("--batch-size", type=int, default=sync.DEFAULT_BATCH)
    args = parser.parse_args()
    if os.environ.get("NEO4J_URI"):
        run(sync.Settings.from_env(), args.facts, args.naive_sample, args.batch_size)
        return 0
    import neo4j_server

    with tempfile.TemporaryDirectory() as run_dir:
        info = neo4j_server.start(run_dir)
        try:
            print(f"started Neo4j {neo4j_server.NEO4J_VERSION} at {info.uri}")
            run(sync.Settings(info.uri, info.user, info.password), args.facts,
                args.naive_sample, args.batch_size)
        finally:
            neo4j_server.stop(info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
