"""Benchmark: what verifying a store costs (`kg check`, and every writer's check before it writes).

Builds synthetic stores of --docs documents (two facts each, through the
ordinary Store API) and prints, per size: the time to read every row and
check the facts against the documents (Store.problems), and the time to
open the store for writing with and without that check.

    python scripts/bench_store_check.py --docs 100 1000 5000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from kg.graph.model import Document, Entity
from kg.graph.store import ResolvedClaim, Store, open_store


def build(path: Path, documents: int) -> None:
    orgs = [Entity(f"org:company-{i}", "Organization", f"Company {i}") for i in range(500)]
    with open_store(path) as store:
        for n in range(documents):
            a, b = orgs[n % 500], orgs[(n * 7 + 1) % 500]
            claims = [] if a.id == b.id else [
                ResolvedClaim("INVESTED_IN", a, b, {"amount": float(n + 1) * 1e6,
                                                    "currency": "USD", "date": "2025-06"},
                              f"{a.name} invested in {b.name} (report {n}).", 0.8, "bench"),
                ResolvedClaim("PARTNERED_WITH", b, a, {}, f"{b.name} and {a.name}.", 0.7, "bench"),
            ]
            store.write(Document(id=f"{n:064x}", path=f"news/{n}.txt", text="", lang="en",
                                 published="2025-06-01"), claims)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def reopen(path: Path, *, verify: bool) -> None:
    Store(path, verify=verify).close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    print(f"{'documents':>10} {'facts':>7} {'check s':>8} {'open+check s':>13} {'open s':>7}")
    for documents in args.docs:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "store"
            build(path, documents)
            with open_store(path, read_only=True) as store:
                facts = store.counts()["INVESTED_IN"] + store.counts()["PARTNERED_WITH"]
                check = timed(store.problems)
            verified = timed(partial(reopen, path, verify=True))
            plain = timed(partial(reopen, path, verify=False))
            print(f"{documents:>10} {facts:>7} {check:>8.3f} {verified:>13.3f} {plain:>7.3f}")


if __name__ == "__main__":
    main()
