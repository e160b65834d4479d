"""Errors raised by kg.

One base class, so callers (and the CLI) can catch everything kg means to
raise with one ``except KgError``; anything else is a bug and keeps its
traceback::

    KgError
    ├── InputError          a document cannot be read (missing, binary, empty, undecodable)
    ├── StoreError          the embedded store cannot be opened or written
    │   ├── StoreLocked     another process holds the write lock
    │   ├── StoreBusy       a writer is committing; a reader gave up waiting
    │   └── StoreDamaged    the store's files are damaged (see `kg check`)
    ├── QueryError          a Cypher or SPARQL query failed, or a named query is unknown
    ├── ExportError         an export or import format failed
    ├── SyncError           talking to Neo4j failed
    │   ├── Neo4jUnavailable   the server cannot be reached
    │   └── Neo4jAuthError     the credentials were refused
    └── ValidationError     data does not conform to the model or the SHACL shapes
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KgError):
    """A document cannot be read: missing, binary, empty or undecodable."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreError(KgError):
    """The embedded store cannot be opened or written."""


class StoreLocked(StoreError):
    """Another process is writing to the store."""


class StoreBusy(StoreError):
    """A reader could not open the store while another process was writing it."""


class StoreDamaged(StoreError):
    """The store's files are damaged or not a kg store."""


class QueryError(KgError):
    """A query failed or a named query does not exist."""


class ExportError(KgError):
    """An export or import failed."""


class SyncError(KgError):
    """Talking to Neo4j failed."""


class Neo4jUnavailable(SyncError):
    """The Neo4j server cannot be reached."""


class Neo4jAuthError(SyncError):
    """Neo4j refused the credentials."""


class ValidationError(KgError):
    """Data does not conform to the fact model or the SHACL shapes."""


def first_line(exc: BaseException, message: object = None) -> str:
    """The first line of ``exc``'s message, or its class name when the message is empty.

    Library errors (the store's, rdflib's parser) often carry a multi-line
    message or a context dump; kg's own messages are one line. ``message``
    replaces ``str(exc)`` where a library keeps the text apart from the
    exception's string (the neo4j driver's ``message``, without its code).
    """
    text = str(message or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
