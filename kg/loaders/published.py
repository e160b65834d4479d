"""Where a document's publication date and address come from.

In order of trust: the caller (``--published``), a manifest that lists files
with their dates and URLs (``kg ingest --manifest``), the document itself
(Markdown front matter; HTML meta tags and bylines read by htmldate; a
byline in the text, see :func:`kg.loaders.read.find_published`). There is no
fallback: a document whose date is unknown stays undated, and relative dates
in it ("지난달", "last month") are left unresolved rather than resolved
against the day it happened to be ingested.
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError


@dataclass(frozen=True)
class ManifestEntry:
    """What a manifest says about one file."""

    path: str
    published: str | None = None
    url: str | None = None
    title: str | None = None


# --- HTML -------------------------------------------------------------------

def html_published(html: str) -> str | None:
    """The publication date a page declares in its markup (meta tags, JSON-LD,
    <time>, bylines), as ISO YYYY-MM-DD, or None.

    htmldate's extensive search is off: it guesses from any date in the page,
    and a news page is full of dates of the events it reports.
    """
    from htmldate import find_date  # lazily: it pulls in lxml and dateparser helpers

    try:
        found = find_date(html, extensive_search=False, original_date=True)
    except Exception:  # htmldate raises several types on hopeless markup; no date then
        return None
    return found or None


_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


def html_url(html: str) -> str | None:
    """The page's own address: ``<link rel=canonical>``, else ``og:url``."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # lxml raises several types on hopeless markup
        return None
    candidates = [
        *tree.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"),
        *tree.xpath("//meta[@property='og:url' or @name='og:url']/@content"),
    ]
    for value in candidates:
        value = str(value).strip()
        if _URL.match(value):
            return value
    return None


# --- Markdown front matter ----------------------------------------------------

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def front_matter(markdown: str) -> tuple[dict[str, str], str]:
    """The ``key: value`` lines of a leading ``---`` block, and the text after it.

    Only flat scalar fields are read (published/date, url, title are the
    ones kg uses); quotes around a value are dropped. Text without a front
    matter block comes back unchanged with an empty dict.
    """
    m = _FRONT_MATTER.match(markdown)
    if not m:
        return {}, markdown
    fields: dict[str, str] = {}
    for line in m[1].splitlines():
        fm = _FIELD.match(line)
        if fm and fm[2]:
            value = fm[2]
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            fields[fm[1].lower()] = value
    if not fields:
        return {}, markdown  # a leading horizontal rule, not front matter
    return fields, markdown[m.end():]


def front_matter_date(fields: dict[str, str]) -> str | None:
    """``published`` or ``date`` from front matter, at most a date's ten characters."""
    value = fields.get("published") or fields.get("date")
    return value.strip()[:10] if value else None


# --- manifest -----------------------------------------------------------------

MANIFEST_KEYS = ("path", "published", "url", "title")


def read_manifest(path: str | os.PathLike[str]) -> dict[str, ManifestEntry]:
    """A manifest file (CSV with a header row, or JSON lines) by resolved file path.

    Each row names a file (``path``, relative to the manifest's folder unless
    absolute) and may give its ``published`` date, ``url`` and ``title``.
    A malformed manifest is an ``InputError`` naming the file and line.
    """
    name = os.fspath(path)
    manifest = Path(name)
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(name, f"cannot be read ({exc})") from None
    rows = _jsonl_rows(text, name) if manifest.suffix.lower() in (".jsonl", ".json") \
        else _csv_rows(text, name)
    out: dict[str, ManifestEntry] = {}
    for line, row in rows:
        file = (row.get("path") or "").strip()
        if not file:
            raise InputError(name, f"line {line}: no path")
        unknown = set(row) - set(MANIFEST_KEYS)
        if unknown:
            raise InputError(name, f"line {line}: unknown field {sorted(unknown)[0]!r} "
                                   f"(known: {', '.join(MANIFEST_KEYS)})")
        target = Path(file) if Path(file).is_absolute() else manifest.parent / file
        entry = ManifestEntry(
            path=file,
            published=_blank(row.get("published")),
            url=_blank(row.get("url")),
            title=_blank(row.get("title")),
        )
        out[manifest_key(target)] = entry
    return out


def manifest_key(path: str | os.PathLike[str]) -> str:
    """How a file is matched against manifest rows: its resolved absolute path."""
    return str(Path(path).resolve())


def _blank(value: object) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _jsonl_rows(text: str, name: str) -> list[tuple[int, dict]]:
    rows = []
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(name, f"line {i}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise InputError(name, f"line {i}: not a JSON object")
        rows.append((i, row))
    return rows


def _csv_rows(text: str, name: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "path" not in [f.strip() for f in reader.fieldnames]:
        raise InputError(name, "needs a header row with a 'path' column (and published, url)")
    rows = []
    for i, row in enumerate(reader, 2):
        if None in row:
            raise InputError(name, f"line {i}: more values than columns")
        rows.append((i, {k.strip(): v for k, v in row.items() if k}))
    return rows
