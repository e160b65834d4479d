"""A file that remembers what a run read: ``--since-manifest FILE``.

The manifest is CSV with a header row: ``path,size,mtime_ns,sha256``, one
row per file whose document a run stored (``kg ingest``) or wrote out
(``kg extract``): its absolute path, its size in bytes and modification time
in nanoseconds when it was read, and the document's id (the sha256 of its
normalized text, as the store keys documents). A file listed with its
current size and modification time is skipped on the next run without
being opened.

It is the store's ``File`` table kept outside the store, for what the table
cannot do: ``kg extract`` has no store, so a daily ``kg extract
--since-manifest seen.csv archive/`` extracts only the new files; and the
state can be kept beside an archive, inspected, or copied between machines.
``kg ingest`` consults both: a file unchanged since either recorded it is
not read -- a manifest entry only if the store has its document, so a
manifest never hides a document from a store that lacks it.

The file is rewritten at the end of a run (whole, through a temporary file
and a rename), keeping the entries of files the run did not meet; files that
failed are not listed, so the next run tries them again.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Container
from pathlib import Path

from kg.atomic import atomic_write
from kg.errors import InputError
from kg.graph.store import FileStamp

COLUMNS = ("path", "size", "mtime_ns", "sha256")


class FileManifest:
    """The entries of a ``--since-manifest`` file: absolute path -> (size, mtime_ns, sha256)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.entries: dict[str, tuple[int, int, str]] = {}
        self.changed = False

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> FileManifest:
        """The manifest at ``path``; empty when there is no such file yet (a first run)."""
        manifest = cls(path)
        try:
            handle = manifest.path.open(newline="", encoding="utf-8")
        except FileNotFoundError:
            return manifest
        except OSError as exc:
            raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
        base = manifest.path.resolve().parent
        with handle:
            try:
                rows = csv.reader(handle)
                header = next(rows, None)
                if header is None:
                    return manifest
                if tuple(h.strip() for h in header) != COLUMNS:
                    raise InputError(str(path), "is not a --since-manifest (its header must be "
                                                f"{','.join(COLUMNS)})")
                for line, row in enumerate(rows, 2):
                    if not row:
                        continue
                    try:
                        name, size, mtime, sha = row
                        entry = (int(size), int(mtime), sha.strip())
                    except ValueError:
                        raise InputError(f"{path}:{line}", "expected path,size,mtime_ns,sha256"
                                         ) from None
                    manifest.entries[os.path.normpath(base / name)] = entry
            except UnicodeDecodeError:
                raise InputError(str(path), "is not UTF-8 text") from None
            except csv.Error as exc:
                raise InputError(str(path), f"is not valid CSV ({exc})") from None
        return manifest

    def record(self, stamp: FileStamp, document_id: str) -> None:
        """Note a file whose document was stored (or written out) as it was read."""
        entry = (stamp.size, stamp.mtime_ns, document_id)
        if self.entries.get(stamp.path) != entry:
            self.entries[stamp.path] = entry
            self.changed = True

    def unchanged_in(self, documents: Container[str] | None = None) -> dict[str, tuple[int, int, str]]:
        """The entries to skip by: all of them, or those whose document is in ``documents``."""
        if documents is None:
            return self.entries
        return {path: entry for path, entry in self.entries.items() if entry[2] in documents}

    def save(self) -> None:
        """Write the manifest if a file was recorded (whole, atomically: a crash leaves the
        old one), sorted by path."""
        if not self.changed:
            return
        try:
            self.path.resolve().parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(self.path, "w", encoding="utf-8") as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(COLUMNS)
                for name in sorted(self.entries):
                    writer.writerow((name, *self.entries[name]))
        except OSError as exc:
            raise InputError(str(self.path), f"cannot be written ({exc.strerror or exc})") from None
        self.changed = False
