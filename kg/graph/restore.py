"""Importing an RDF export into a store: validated first, all or nothing.

A wrapper around :func:`kg.graph.rdf_import.import_graph`, which decides what
is imported. This module decides whether and where:

1. the file is checked against kg's SHACL shapes; any violation refuses the
   whole file before anything is written, counting the nodes it rejects;
2. the import is written into a new store directory next to the target;
3. every statement read must have become a fact in that store (a statement
   the importer could not use is counted as rejected, never dropped);
4. only then does the new directory take the target's place (one rename).

A killed or failed import leaves the target as it was and a temporary
directory that the next import removes, so re-running just works.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from rdflib import Graph

from kg.errors import ExportError, ValidationError
from kg.graph.model import RELATIONS
from kg.graph.store import DB_FILE, Store, open_store

_TEMP_MARK = ".import-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_leftovers(target: Path) -> None:
    """Temporary directories of imports into ``target`` whose process is gone."""
    for leftover in target.parent.glob(f".{target.name}{_TEMP_MARK}*"):
        pid = leftover.name.rpartition("-")[2]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target}: not a directory")
    if (target / DB_FILE).exists():
        with open_store(target, read_only=True) as store:
            if any(store.counts().values()):
                raise ExportError(f"{target}: the store is not empty; import needs an empty store")
    elif target.is_dir() and any(target.iterdir()):
        raise ExportError(f"{target}: the directory holds files that are not a kg store")


def validate_for_import(graph: Graph, source: str | Path) -> None:
    """Refuse ``graph`` when it violates the shapes, saying how much is rejected."""
    from kg.graph.shacl import validate

    violations = validate(graph)
    if violations:
        rejected = len({v.focus for v in violations})
        raise ValidationError(
            f"{source}: {len(violations)} violation(s) of the kg shapes, {rejected} node(s) "
            f"rejected, nothing imported; first: {violations[0]} (`kg validate {source}` "
            "lists them all)"
        )


def _fact_count(store: Store) -> int:
    counts = store.counts()
    return sum(counts[name] for name in RELATIONS)


def import_store(source: str | Path, target: str | Path, fmt: str | None = None,
                 *, graph: Graph | None = None) -> dict[str, int]:
    """Validate the export at ``source`` and import it into the empty store ``target``.

    Returns the importer's counts. Raises ValidationError (nothing written)
    when the shapes or the importer reject anything.
    """
    from kg.graph.rdf_import import import_graph, read_graph

    target = Path(target)
    graph = graph if graph is not None else read_graph(source, fmt)
    validate_for_import(graph, source)
    _check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target)
    work = target.parent / f".{target.name}{_TEMP_MARK}{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    try:
        with open_store(work) as store:
            counts = import_graph(store, graph)
            stored = _fact_count(store)
        if stored != counts["facts"]:
            raise ValidationError(
                f"{source}: {counts['facts'] - stored} of {counts['facts']} statement(s) "
                "rejected (no usable source), nothing imported"
            )
        _replace(work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return counts


def _replace(work: Path, target: Path) -> None:
    """Put ``work`` where ``target`` is: one rename when the target is absent or empty."""
    if not target.exists():
        os.rename(work, target)
        return
    try:
        os.rename(work, target)  # an empty directory is replaced atomically
        return
    except OSError:
        pass
    # The target holds an empty store: move it aside, move the import in, drop the old one.
    old = target.parent / f".{target.name}.replaced-{os.getpid()}"
    os.rename(target, old)
    os.rename(work, target)
    shutil.rmtree(old, ignore_errors=True)
