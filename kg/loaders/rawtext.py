"""From a path to text: regular files only, at most a size cap, decoded by detected charset.

A news file is read only when it is a regular file: a directory, a named pipe,
a socket or a device (``/dev/zero``) is refused before it is opened, so
reading never hangs on a pipe nor fills memory from an endless device. At
most ``max_bytes`` + 1 bytes are read (``--max-bytes``, ``KG_MAX_BYTES``,
default 20 MB): one byte more than the cap tells a file over it.

Decoding: a byte order mark decides (UTF-8, UTF-16, UTF-32); else valid UTF-8
is UTF-8; else charset-normalizer chooses among the legacy encodings news in
Korean and English is saved in (CP949, which covers EUC-KR, and the Western
Latin-1 / Windows-1252). Letting it choose among every codec it knows picks
Central European or Cyrillic code pages for short Latin-1 texts, so the
candidates are limited to those. NUL bytes without a byte order mark, or a
decoded text full of control characters, mean a binary file.
"""

from __future__ import annotations

import codecs
import os
import re
import stat

from kg.errors import InputError, KgError

DEFAULT_MAX_BYTES = 20_000_000
MAX_BYTES_VARIABLE = "KG_MAX_BYTES"

# Byte order marks, longest first: UTF-32-LE's mark begins with UTF-16-LE's.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
# The legacy encodings charset-normalizer may choose from.
LEGACY_ENCODINGS = ("cp949", "cp1252", "latin_1")

_UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9,
          "kib": 2**10, "mib": 2**20, "gib": 2**30}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes in ``text``: ``20000000``, ``20MB``, ``500k``, ``1.5GB``, ``64MiB``.

    Raises ValueError when ``text`` is not a size.
    """
    m = _SIZE.fullmatch(text)
    if not m or m[2].lower() not in _UNITS:
        raise ValueError(f"{text!r} is not a size (e.g. 20000000, 20MB, 500kB)")
    size = int(float(m[1]) * _UNITS[m[2].lower()])
    if size <= 0:
        raise ValueError(f"{text!r} is not a positive size")
    return size


def format_size(size: int) -> str:
    """``size`` bytes for people: ``20 MB``, ``1.5 kB``, ``312 bytes``."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def configured_max_bytes() -> int:
    """The size cap from ``KG_MAX_BYTES``, else the default (20 MB)."""
    value = os.environ.get(MAX_BYTES_VARIABLE)
    if not value:
        return DEFAULT_MAX_BYTES
    try:
        return parse_size(value)
    except ValueError as exc:
        raise KgError(f"{MAX_BYTES_VARIABLE}: {exc}") from None


_KINDS = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
)


def _not_regular(mode: int) -> str | None:
    """Why a file of ``mode`` cannot be read as a document, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((problem for test, problem in _KINDS if test(mode)), "is not a regular file")


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot be read ({exc.strerror or exc})"


def read_file_bytes(name: str, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file ``name``; ``InputError`` for anything else
    or for a file larger than ``max_bytes`` (default: :func:`configured_max_bytes`)."""
    limit = configured_max_bytes() if max_bytes is None else max_bytes
    too_big = f"over the {format_size(limit)} limit (raise it with --max-bytes or {MAX_BYTES_VARIABLE})"
    try:
        info = os.stat(name)
    except OSError as exc:
        raise InputError(name, _os_problem(exc)) from None
    if problem := _not_regular(info.st_mode):
        raise InputError(name, problem)
    if info.st_size > limit:
        raise InputError(name, f"is {format_size(info.st_size)}, {too_big}")
    try:
        # O_NONBLOCK: should a pipe replace the file after the check, opening it does not wait.
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(name, _os_problem(exc)) from None
    with os.fdopen(fd, "rb") as handle:
        try:
            if problem := _not_regular(os.fstat(handle.fileno()).st_mode):
                raise InputError(name, problem)
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(name, _os_problem(exc)) from None
    if len(data) > limit:
        raise InputError(name, f"is larger than {format_size(limit)}, {too_big}")
    return data


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """``data`` as text and the name of the encoding it was read in
    (``utf-8``, ``utf-16``, ``utf-32``, ``cp949``, ``latin-1``, ``cp1252``)."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), name), label
            except UnicodeDecodeError:
                raise InputError(name, f"cannot be decoded: starts with a {label.upper()} byte "
                                       f"order mark but is not valid {label.upper()}") from None
    # Text never holds NUL bytes; binaries (and UTF-16 without a byte order mark) do.
    if b"\x00" in data[:65536]:
        raise InputError(name, "looks binary, not text")
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported lazily: only legacy files need it

    for match in from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)):
        try:
            text = data.decode(match.encoding)
        except (UnicodeDecodeError, LookupError):
            continue  # the sample looked fine, a later byte does not decode
        return _checked(text, name), _label(match.encoding, data)
    raise InputError(name, "cannot be decoded: not UTF-8, UTF-16/32 with a byte order mark, "
                           "EUC-KR/CP949 or Latin-1")


def _label(encoding: str, data: bytes) -> str:
    """The name to report: Windows-1252 text without its extra characters
    (bytes 0x80-0x9F) is plain ISO Latin-1."""
    if encoding == "cp1252" and not re.search(rb"[\x80-\x9f]", data):
        return "latin-1"
    return {"latin_1": "latin-1"}.get(encoding, encoding)


# the control characters (Unicode category Cc: U+0000-001F, U+007F-009F) but tab, line
# feed, carriage return and form feed; counted by a pattern, not character by character
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _checked(text: str, name: str) -> str:
    """``text`` unless its start is full of control characters (a binary decoded by chance)."""
    sample = text[:8192]
    controls = len(_CONTROL.findall(sample))
    if controls > 0.05 * max(len(sample), 1):
        raise InputError(name, "looks binary, not text")
    return text
