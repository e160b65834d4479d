"""Ingest on a Dask cluster: extraction mapped over a dask.bag of files, one writer.

    python scripts/dask_ingest.py --scheduler tcp://SCHEDULER:8786 --store ./graph /mnt/archive
    python scripts/dask_ingest.py --scheduler local archive/        # a LocalCluster on this machine

Each Dask worker runs ``kg.distributed.extract_record`` (read, extract, resolve)
on its share of the files and keeps its Kiwi model between files; the results
come back partition by partition, in file order, and are written to the store
in batches, so the store equals the one a serial ``kg ingest`` builds. Every
worker needs kg installed and the files at the same paths. ``kg ingest --dask
ADDRESS`` does the same from the command line.

With ``--neo4j URI`` the loaded documents are pushed to Neo4j as they are
written; a ``neo4j://`` URI lets the driver route the writes to the leader of
the database in a cluster (``bolt://`` talks to one server only).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.neo4j import document_pusher
from kg.distributed import DEFAULT_PARTITION, extract_on_cluster
from kg.graph.store import WriteResult, open_store
from kg.pipeline import DEFAULT_BATCH, ExtractOptions, Summary, iter_paths, write_stream


def ingest_on_cluster(paths: list[str], scheduler: object, store_path: Path, *,
                      options: ExtractOptions | None = None, batch_size: int = DEFAULT_BATCH,
                      neo4j_uri: str | None = None,
                      partition_size: int = DEFAULT_PARTITION) -> Summary:
    """Extract ``paths`` on the cluster and write the results into the store at ``store_path``.

    ``scheduler`` is an address, ``local``, or a ``dask.distributed.Client``.
    """
    files = [str(p) for p in iter_paths(paths)]
    # Neo4j settings other than the URI come from NEO4J_USERNAME/PASSWORD/DATABASE.
    with document_pusher(bool(neo4j_uri), neo4j_uri, None, None) as push_document, \
            open_store(store_path) as store:
        def pushed(result: WriteResult) -> None:
            if push_document:
                push_document(store, result.document.id)

        from kg.ingest import store_resolver

        # Files unchanged since the store recorded them are not sent to the cluster;
        # the others come back with their stamps, recorded with their documents.
        outcomes = extract_on_cluster(files, scheduler, options, known=store.document_ids(),
                                      files=store.files(), partition_size=partition_size)
        return write_stream(store, outcomes, batch_size=batch_size, on_result=pushed,
                            resolver=store_resolver(store),
                            on_failure=lambda f: print(f"Error: {f}", file=sys.stderr))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="files, directories or globs")
    parser.add_argument("--scheduler", default="local",
                        help="Dask scheduler address (tcp://host:8786), or 'local' (default)")
    parser.add_argument("--store", type=Path, required=True, help="store directory")
    parser.add_argument("--published", help="publication date for every document (YYYY-MM-DD)")
    parser.add_argument("--lang", default="auto", choices=["auto", "ko", "en"])
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH)
    parser.add_argument("--neo4j", metavar="URI", help="also push to Neo4j (neo4j://host:7687)")
    args = parser.parse_args(argv)
    summary = ingest_on_cluster(args.paths, args.scheduler, args.store,
                                options=ExtractOptions(args.published, args.lang),
                                batch_size=args.batch, neo4j_uri=args.neo4j)
    print(summary.line(), file=sys.stderr)
    return 1 if summary.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
