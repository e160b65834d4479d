"""Extraction on a Dask cluster (``dask.distributed``), loading into one store.

Extraction is a pure function of a file (:func:`kg.pipeline.try_extract_file`),
so it maps over a ``dask.bag`` of paths on any number of machines; only the
results (document metadata and resolved claims, as JSON records) come back,
partition by partition in input order, to the single writer. The store the
writer builds is therefore the one a serial ``kg ingest`` builds.

On a real cluster every worker must have kg installed and see the files at
the same paths (a shared file system or object store mount); start them with::

    dask scheduler                              # on the scheduler host, port 8786
    dask worker tcp://SCHEDULER:8786 --nthreads 1 --nworkers 2   # on each machine
    kg ingest --dask tcp://SCHEDULER:8786 /mnt/archive/

Each worker process loads Kiwi once (on its first Korean article) and keeps
it for the rest of the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from kg.pipeline import ExtractOptions, Outcome, outcome_from_record, outcome_record, unchanged

# Files per partition: enough to amortise scheduling, few enough to spread the work.
DEFAULT_PARTITION = 32


def extract_record(path: str, options: ExtractOptions, known: frozenset[str] = frozenset()
                   ) -> dict[str, Any]:
    """Extract one file into a plain dict (what crosses the network), with the file's
    stamp so that the writer records it in the store's File table."""
    from kg.pipeline import try_extract_file

    return outcome_record(try_extract_file(path, options, known=known.__contains__))


def outcome_of(record: dict[str, Any]) -> Outcome:
    """The inverse of :func:`extract_record`."""
    return outcome_from_record(record)


def client_for(scheduler: str) -> Any:
    """A Dask client: ``local`` starts a LocalCluster of one process per core."""
    from dask.distributed import Client, LocalCluster

    if scheduler == "local":
        return Client(LocalCluster(processes=True, threads_per_worker=1))
    return Client(scheduler)


def extract_on_cluster(paths: Iterable[str | os.PathLike[str]], scheduler: str | Any,
                       options: ExtractOptions | None = None, *, known: Iterable[str] = (),
                       files: Mapping[str, tuple[int, int, str]] | None = None,
                       since: Mapping[str, tuple[int, int, str]] | None = None,
                       partition_size: int = DEFAULT_PARTITION) -> Iterator[Outcome]:
    """Extract ``paths`` on a cluster (an address, ``local``, or a Client) in input order.

    ``files`` and ``since`` are as for :func:`kg.pipeline.extract_paths`: a
    file they list unchanged is :class:`kg.pipeline.Known` here, without
    being read or sent to the cluster.
    """
    import dask.bag as db

    options = options or ExtractOptions()
    # Decided here, where the store is: only the files to read go to the cluster.
    paths = [os.fspath(p) for p in paths]
    outcomes: list[Outcome | None] = [unchanged(p, files, since) for p in paths]
    to_read = [p for p, skipped in zip(paths, outcomes, strict=True) if skipped is None]
    if not to_read:
        yield from (o for o in outcomes if o is not None)
        return
    own_client = not hasattr(scheduler, "compute")
    client = client_for(scheduler) if own_client else scheduler
    try:
        known_ids = frozenset(known)
        bag = db.from_sequence(to_read, partition_size=partition_size).map(
            extract_record, options=options, known=known_ids)
        # Every partition is computed on the cluster at once; the writer takes
        # them back in order, releasing each one as soon as it is written.
        futures = client.compute(bag.to_delayed())
        position = 0
        for future in futures:
            records = future.result()
            future.release()
            for record in records:
                while outcomes[position] is not None:  # the unread files before this one
                    yield outcomes[position]
                    position += 1
                yield outcome_of(record)
                position += 1
        yield from (o for o in outcomes[position:] if o is not None)
    finally:
        if own_client:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
