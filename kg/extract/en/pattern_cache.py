"""The English rules' regular expressions, compiled once and kept on disk, as Python keeps ``.pyc`` files.

Expanded from their macros, the rule file's patterns are 136 regular
expressions of up to 9,000 characters. Compiling them (``re.compile``) and
reading the strings each needs (:mod:`kg.extract.en.prefilter`) took about a
second of CPU in every process that extracts English: ``kg ingest`` itself
(it extracts English files while the worker pool's fork server loads Kiwi)
and the fork server, on the path every ``--workers`` run waits on.

Compiled here, each pattern is parsed once (the prefilter's clauses and the
engine's code both come from that parse), and the result (per pattern the
regex engine's code, its groups and its clauses) is written to the user's
cache directory. A later process reads it back and hands the code to the
engine (``_sre.compile``, what ``re.compile`` ends with) in a few hundredths
of a second.

A file is used only for exactly the patterns, flags and interpreter it was
made by: its name is a digest of the interpreter's version, the regex
engine's ``MAGIC`` and code size, the source of this module and of the
prefilter, the flags and every pattern. A file that is missing, truncated,
altered (its body's sha256 is checked) or refused by the engine (which
validates the code it is given) is ignored and the patterns compiled again,
so the cache only ever saves time. Without the ``re`` module's private parser
(another Python) or when its steps differ from those of this one, patterns are
compiled by ``re.compile`` and nothing is kept.
"""

from __future__ import annotations

import array
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.extract.en import prefilter
from kg.extract.en.prefilter import literals_of_parsed, required_literals

try:  # what re.compile runs: parse, generate code, hand it to the engine (private; see above)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _sre = _compiler = _parser = None  # type: ignore[assignment]

Clauses = tuple[tuple[str, ...], ...]
Compiled = tuple[re.Pattern[str], Clauses]

_MAGIC = b"kg-compiled-patterns\n"
_KEEP = 8  # files kept in the cache directory (one per rule file and lexicon met lately)


class PatternError(Exception):
    """Pattern number ``index`` does not compile; ``error`` is what ``re.compile`` raises."""

    def __init__(self, index: int, error: re.error) -> None:
        super().__init__(f"pattern {index}: {error}")
        self.index = index
        self.error = error


def default_directory() -> Path | None:
    """Where compiled patterns are kept: ``patterns`` in kg's user cache directory
    (None: no usable home or cache directory)."""
    try:
        from platformdirs import user_cache_path

        return user_cache_path("kg") / "patterns"
    except Exception:  # noqa: BLE001 -- no cache only costs the compile
        return None


def compile_patterns(patterns: Sequence[str], flags: int = 0, *,
                     directory: Path | None = None, cache: bool = True) -> list[Compiled]:
    """Each pattern compiled (as ``re.compile(pattern, flags)``) with its prefilter clauses
    (as ``prefilter.required_literals(pattern)``), read from the cache when it has them.

    ``directory``: the cache (default :func:`default_directory`); ``cache=False``
    neither reads nor writes one. Raises :class:`PatternError` for a pattern that
    does not compile.
    """
    if _parser is None:  # pragma: no cover
        return [_compile_plain(i, pattern, flags) for i, pattern in enumerate(patterns)]
    where = (directory or default_directory()) if cache else None
    path = where / _key(patterns, flags) if where is not None else None
    if path is not None:
        found = _read(path, patterns)
        if found is not None:
            return found
    try:
        records = [_compile(i, pattern, flags) for i, pattern in enumerate(patterns)]
        compiled = [(_engine(pattern, {**record, "code": record["code"].tolist()}),
                     tuple(map(tuple, record["clauses"])))
                    for pattern, record in zip(patterns, records, strict=True)]
    except PatternError:
        raise
    except Exception:  # noqa: BLE001 -- the private steps differ on this Python: the public way
        return [_compile_plain(i, pattern, flags) for i, pattern in enumerate(patterns)]
    if path is not None:
        _write(path, records)
    return compiled


def _compile_plain(index: int, pattern: str, flags: int) -> Compiled:
    try:
        return re.compile(pattern, flags), required_literals(pattern)
    except re.error as e:
        raise PatternError(index, e) from None


def _compile(index: int, pattern: str, flags: int) -> dict[str, Any]:
    """What ``re._compiler.compile`` computes (from one parse), and the prefilter's
    clauses from the same parse."""
    try:
        parsed = _parser.parse(pattern, flags)
        clauses = literals_of_parsed(parsed)  # reads the parse, changes nothing
        # kept as 4-byte words, not a list of ints (a tenth of the memory) until used
        code = array.array("I", _compiler._code(parsed, flags))
    except re.error as e:
        raise PatternError(index, e) from None
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return {"flags": int(flags | parsed.state.flags), "code": code,
            "groups": parsed.state.groups - 1, "groupindex": groupindex,
            "indexgroup": indexgroup, "clauses": [list(c) for c in clauses]}


def _engine(pattern: str, record: dict[str, Any]) -> re.Pattern[str]:
    return _sre.compile(pattern, record["flags"], record["code"], record["groups"],
                        record["groupindex"], tuple(record["indexgroup"]))


def _source_digest(module: Any) -> str:
    try:
        return hashlib.sha256(Path(module.__file__).read_bytes()).hexdigest()
    except (OSError, TypeError):  # no source file: a digest no other run shares
        return os.urandom(16).hex()


def _key(patterns: Sequence[str], flags: int) -> str:
    """The file name for these patterns on this interpreter (see the module docstring)."""
    digest = hashlib.sha256()
    for part in (sys.version, sys.implementation.cache_tag or "", str(_sre.MAGIC),
                 str(_sre.CODESIZE), str(array.array("I").itemsize), sys.byteorder,
                 _source_digest(sys.modules[__name__]), _source_digest(prefilter),
                 str(int(flags)), str(len(patterns))):
        digest.update(part.encode() + b"\0")
    for pattern in patterns:
        digest.update(pattern.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()[:32]


def _read(path: Path, patterns: Sequence[str]) -> list[Compiled] | None:
    """The compiled patterns of a cache file; None when it is missing or unusable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        if not data.startswith(_MAGIC):
            return None
        start = len(_MAGIC) + 8
        size = int.from_bytes(data[len(_MAGIC):start], "little")
        header = json.loads(data[start:start + size])
        body = memoryview(data)[start + size:]
        records = header["patterns"]
        if hashlib.sha256(body).hexdigest() != header["sha256"] or len(records) != len(patterns):
            return None
        out: list[Compiled] = []
        offset = 0
        for pattern, record in zip(patterns, records, strict=True):
            code = array.array("I")
            length = record["code"] * code.itemsize
            code.frombytes(body[offset:offset + length])
            offset += length
            out.append((_engine(pattern, {**record, "code": code.tolist()}),
                        tuple(map(tuple, record["clauses"]))))
        return out if offset == len(body) else None
    except Exception:  # noqa: BLE001 -- any damage: compile again
        return None


def _write(path: Path, records: list[dict[str, Any]]) -> None:
    """Write a cache file whole (a reader never sees half of one), then keep the newest few."""
    try:
        body = b"".join(r["code"].tobytes() for r in records)
        header = json.dumps({"sha256": hashlib.sha256(body).hexdigest(),
                             "patterns": [{**r, "code": len(r["code"])} for r in records]},
                            ensure_ascii=False).encode("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_MAGIC + len(header).to_bytes(8, "little") + header + body)
            os.replace(name, path)
        except BaseException:
            os.unlink(name)
            raise
        _prune(path.parent)
    except (OSError, OverflowError):
        pass  # a read-only or full cache only costs the compile next time


def _prune(directory: Path) -> None:
    """Keep the newest :data:`_KEEP` files, and no half-written one left by a process
    that died writing it an hour ago or more."""
    files = []
    stale = []
    for entry in os.scandir(directory):
        if entry.name.startswith(".writing-") and entry.stat().st_mtime < time.time() - 3600:
            stale.append((0.0, entry.path))
        elif not entry.name.startswith(".") and entry.is_file():
            files.append((entry.stat().st_mtime, entry.path))
    for _, name in sorted(files, reverse=True)[_KEEP:] + stale:
        try:
            os.unlink(name)
        except OSError:
            pass
