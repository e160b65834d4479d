"""Read a news document from disk into a ``Document``.

Only regular files are read, up to a size cap, and their charset is detected
(``kg.loaders.rawtext``); HTML loses what a reader never sees
(``kg.loaders.hidden``) and is turned into text with trafilatura, Markdown
markup is stripped, the language is
detected from the share of Hangul, page furniture is cleaned away
(``kg.loaders.clean``) and the body is split into sentences
(``kg.loaders.segment``). The publication date comes from the caller, else
from the document (see ``kg.loaders.published``), else there is none.

What a reader should know but that does not stop the reading (cleaning kept
less than half of the text, a publication date after today) goes into the
document's ``warnings``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.graph.model import Document
from kg.loaders.clean import Cleaned, clean_document, hangul_share, normalize_line, weather_lines
from kg.loaders.hidden import drop_hidden
from kg.loaders.morph import attach
from kg.loaders.published import front_matter, front_matter_date, html_published, html_url
from kg.loaders.rawtext import decode_text, read_file_bytes
from kg.loaders.segment import segment

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<\?xml[^>]*>\s*<html)",
                         re.IGNORECASE)
# Hangul share of letters above which a document is Korean: Korean articles
# quote many Latin-script names, English ones almost never Hangul.
KOREAN_SHARE = 0.25

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_NUMERIC_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*(?:[-./]|년)\s*(\d{1,2})\s*(?:[-./]|월)\s*(\d{1,2})(?!\d)"
)
_MONTH_NAME = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_EN_DATE_MDY = re.compile(rf"\b{_MONTH_NAME}\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_EN_DATE_DMY = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH_NAME},?\s+((?:19|20)\d\d)\b", re.IGNORECASE)

# Labels that introduce a publication date, strongest first: a "published"
# label beats an "updated" one when a page has both.
_PUBLISHED_LABEL = re.compile(
    r"(?:기사\s*입력|입력|등록|게재|발행|승인|\b(?:published|posted)(?:\s+on)?|\bdate)\s*[:：|]?\s*",
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(r"(?:수정|업데이트|\b(?:last\s+)?updated(?:\s+on)?)\s*[:：|]?\s*",
                            re.IGNORECASE)
_LEADING_DATE = re.compile(r"^\s*date\s+((?:19|20)\d\d-\d\d-\d\d)\b", re.IGNORECASE)
# How many non-blank lines at the top of a page may hold a byline date.
_TOP_LINES = 12
_BYLINE_MAX = 60
# Share of a text that cleaning may discard before the reader is told.
DISCARD_WARNING = 0.5


def read_document(
    path: str | os.PathLike[str],
    *,
    published: str | None = None,
    lang: str = "auto",
    url: str | None = None,
    title: str | None = None,
    published_from: str = "flag",
    max_bytes: int | None = None,
    data: bytes | None = None,
    split: bool = True,
) -> Document:
    """Load one document; raise ``InputError`` when it cannot be read.

    ``published`` (ISO date at day, month or year precision) overrides any
    date found in the document and ``published_from`` says where the caller
    got it ("flag", "manifest"); ``url`` and ``title`` override what the
    document says; ``lang`` ("ko", "en") overrides detection unless "auto";
    ``max_bytes`` caps the file's size (default: ``KG_MAX_BYTES``, else
    20 MB). A document with no date from the caller or in itself is undated
    (``published`` None). ``data``: the file's bytes, when the caller has read
    them (:func:`read_file_bytes`), so that it is not read again. ``split=False``:
    the cleaned text not yet cut into sentences (``sentences`` empty), for
    :func:`split_document` later.
    """
    name = os.fspath(path)
    raw = read_file_bytes(name, max_bytes) if data is None else data
    decoded, encoding = decode_text(raw, name)
    if not decoded.strip():
        raise InputError(name, "is empty")
    suffix = Path(name).suffix.lower()

    meta_title: str | None = None
    meta_date: str | None = None
    meta_url: str | None = None
    if _is_html(suffix, decoded):
        text, meta_title, trafilatura_date = html_to_text(decoded)
        meta_date = html_published(decoded) or trafilatura_date
        meta_url = html_url(decoded)
    elif suffix in MARKDOWN_SUFFIXES:
        fields, body = front_matter(decoded)
        text = markdown_to_text(body)
        meta_title = fields.get("title") or None
        fm_date = front_matter_date(fields)
        try:
            meta_date = _iso(fm_date, name) if fm_date else None
        except InputError as exc:
            raise InputError(name, f"front matter {exc.problem}") from None
        meta_url = fields.get("url") or None
    else:
        text = decoded

    language = lang if lang != "auto" else detect_language(text)
    cleaned = clean_document(text, language)
    if not cleaned.body.strip():
        raise InputError(name, "has no article text after cleaning")

    date: str | None
    if published is not None:
        date, source = _iso(published, name), published_from
    else:
        found = meta_date or find_published(text)
        date, source = (found, "document") if found else (None, "none")

    warnings = _cleaning_warnings(cleaned)
    if source == "document" and date and is_future(date):
        warnings.append(f"the publication date found in the document, {date}, is after today")

    document = Document(
        id=document_id(decoded),
        path=name,
        text=cleaned.body,
        lang=language,
        published=date,
        published_source=source,
        title=title or meta_title or cleaned.title,
        url=url or meta_url,
        encoding=encoding,
        warnings=tuple(warnings),
    )
    return split_document(document) if split else document


def split_document(document: Document) -> Document:
    """``document`` (read with ``split=False``) cut into sentences, the morphemes Kiwi found
    for them kept with it (the extractor reuses them rather than analyze again).

    Apart from reading so that a caller reading several documents ahead (kg.pipeline)
    cleans them all, then has Kiwi split them one after another: Kiwi's calls then follow
    each other without the cleaner's work between them, which evicts Kiwi's model from
    the CPU's caches (on the 95 distinct Korean articles, in groups of 32, 0.04 s of
    1.25 s less to read them)."""
    sentences, analyses = segment(document.text, document.lang, analyze_all=True)
    document = replace(document, sentences=tuple(sentences))
    attach(document, analyses)
    return document


_REASONS = {"duplicate": "repeated lines", "furniture": "page furniture",
            "furniture sentence": "page furniture", "after end marker": "text after the article's end",
            "after article": "text after the article", "weather": "a weather widget",
            "short non-sentence": "short non-sentences", "caption": "captions"}


def _cleaning_warnings(cleaned: Cleaned) -> list[str]:
    """A warning when cleaning discarded most of the text, with what it was."""
    if cleaned.discarded_share <= DISCARD_WARNING:
        return []
    reasons: dict[str, int] = {}
    for reason, line in cleaned.removed:
        if reason != "inline":  # an inline strip keeps the rest of its line
            label = _REASONS.get(reason, reason)
            reasons[label] = reasons.get(label, 0) + len(line)
    top = ", ".join(label for label, _ in sorted(reasons.items(), key=lambda r: -r[1])[:3])
    return [f"cleaning kept {cleaned.kept_chars:,} of {cleaned.input_chars:,} characters "
            f"({math.floor(cleaned.discarded_share * 1000) / 10:.1f}% discarded: "
            f"{top or 'page furniture'})"]


def is_future(published: str, today: str | None = None) -> bool:
    """Whether ``published`` (at any precision) lies after ``today`` (default: the current date)."""
    current = today or dt.date.today().isoformat()
    return published > current[:len(published)]


def _is_html(suffix: str, decoded: str) -> bool:
    return suffix in HTML_SUFFIXES or _HTML_START.match(decoded[:1000]) is not None


def plain_text_language(path: str | os.PathLike[str], *, lang: str = "auto",
                        max_bytes: int | None = None, data: bytes | None = None) -> str | None:
    """The language :func:`read_document` will find for a plain-text file, from its
    raw text, without cleaning or segmenting it; None for a web page, a markdown
    file or a file that cannot be read (reading it reports why). ``data``: the
    file's bytes, when the caller has read them."""
    if lang != "auto":
        return lang
    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return None
    try:
        decoded, _ = decode_text(read_file_bytes(name, max_bytes) if data is None else data, name)
    except (KgError, OSError, ValueError):
        return None
    return None if _is_html(suffix, decoded) else detect_language(decoded)


def document_id(text: str) -> str:
    """sha256 of the NFC-normalized text with whitespace runs collapsed.

    Taken before cleaning, so improving the cleaner does not change ids.
    """
    # (split and join: re's \s and str.split's whitespace are the same characters)
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def detect_language(text: str) -> str:
    """"ko" when Hangul is a substantial share of the letters, else "en"."""
    return "ko" if hangul_share(text) >= KOREAN_SHARE else "en"


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Main content of an HTML page as text, with its title and date.

    trafilatura finds the main content block and drops navigation, footers
    and comments; precision is favoured because a lost sidebar costs
    nothing and a kept one yields false facts. Paragraphs come back one per
    line, which is what the cleaner expects.
    """
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    tree = _page_tree(html)
    if tree is None:  # not a page trafilatura can work on (a fragment, hopeless markup)
        return _visible_text(html), None, None
    doc = trafilatura.bare_extraction(
        tree,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
    )
    if doc is None or not (doc.text or "").strip():
        # trafilatura found no main content; fall back to all visible text.
        return _visible_text(html), None, None
    title = normalize_line(doc.title) if doc.title else None
    date = _parse_date(doc.date) if doc.date else None
    text = doc.text
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    return text, title or None, date


def _page_tree(html: str) -> Any:
    """The page parsed as trafilatura parses it, without its hidden elements; None when
    trafilatura does not take it for a page."""
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except Exception:  # lxml raises several types on hopeless markup
        return None
    if tree is not None:
        drop_hidden(tree)
    return tree


def _visible_text(html: str) -> str:
    """Every text a reader sees in ``html`` (a page or a fragment), one element per line."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", html))
    except Exception:  # lxml raises several types on hopeless markup
        return re.sub(r"<[^>]+>", " ", html)
    drop_hidden(tree)
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()
    return "\n".join(t.strip() for t in tree.itertext() if t.strip())


_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s*```.*$", re.MULTILINE), ""),                       # code fences
    (re.compile(r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)"), ""),          # images, ![[..]](..) too
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),                       # links keep their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),                      # reference links
    (re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.MULTILINE), ""),          # link definitions
    (re.compile(r"<[^>\n]+>"), ""),                                      # inline HTML
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE), r"\1"),  # headings
    (re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.MULTILINE), ""),        # horizontal rules
    (re.compile(r"^\s{0,3}>\s?", re.MULTILINE), ""),                     # block quotes
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE), ""),         # list markers
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),               # bold
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)"), r"\1"),      # italic *x*
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w])"), r"\1"),      # italic _x_
    (re.compile(r"~~(.+?)~~"), r"\1"),                                   # strikethrough
    (re.compile(r"`([^`]+)`"), r"\1"),                                   # inline code
)


_MD_BLOCK_START = re.compile(r"^\s*(?:#|[-*+]\s|\d+[.)]\s|>|\||```|!\[|$)")


def _join_soft_breaks(markdown: str) -> str:
    """Join the lines of each Markdown paragraph: a single newline inside a
    paragraph is a soft wrap, not a paragraph break."""
    out: list[str] = []
    for line in markdown.splitlines():
        if (out and out[-1].strip() and not _MD_BLOCK_START.match(line)
                and not re.match(r"^\s*(?:#|```|\|)", out[-1])):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def markdown_to_text(markdown: str) -> str:
    """Markdown with its markup removed: images dropped, links reduced to
    their text, heading markers and emphasis removed."""
    text = _join_soft_breaks(markdown)
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text


def _parse_date(value: str) -> str | None:
    """The first full date in ``value`` as ISO YYYY-MM-DD, or None."""
    found = _find_dates(value)
    return found[0][1] if found else None


def _find_dates(value: str) -> list[tuple[int, str]]:
    """Every valid full date in ``value`` as (offset, ISO date), in order."""
    candidates: list[tuple[int, str]] = []
    for m in _NUMERIC_DATE.finditer(value):
        iso = _valid(int(m[1]), int(m[2]), int(m[3]))
        if iso:
            candidates.append((m.start(), iso))
    for m in _EN_DATE_MDY.finditer(value):
        iso = _valid(int(m[3]), _MONTHS[m[1].lower()[:3]], int(m[2]))
        if iso:
            candidates.append((m.start(), iso))
    for m in _EN_DATE_DMY.finditer(value):
        iso = _valid(int(m[3]), _MONTHS[m[2].lower()[:3]], int(m[1]))
        if iso:
            candidates.append((m.start(), iso))
    return sorted(candidates)


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# YYYY, YYYY-MM or YYYY-MM-DD, the last with an optional time of day (a page's datetime).
_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                          r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?")


def publication_date(value: str) -> str:
    """``value`` as an ISO date at the precision given: ``2025-06-12``, ``2025-06`` or ``2025``.

    Raises ValueError, saying what is wrong, for anything else (``2025-13-01``,
    ``June 2025``, ``2025-02-30``).
    """
    text = value.strip()
    m = _ISO_PARTIAL.fullmatch(text)
    if not m:
        raise ValueError(f"{value!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in m.groups())
    if not 1000 <= year <= 9999:
        raise ValueError(f"{value!r} is not a date: year {year}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{value!r} is not a date: there is no month {month}")
    if day is not None and _valid(year, month or 1, day) is None:
        raise ValueError(f"{value!r} is not a date: {year}-{month:02d} has no day {day}")
    return text[:10]


def _iso(value: str, name: str) -> str:
    try:
        return publication_date(value)
    except ValueError as exc:
        raise InputError(name, f"date {exc}") from None


def find_published(text: str) -> str | None:
    """The article's publication date as stated in the text, or None.

    Looks, in order, for a labelled date ("입력 2025.08.31", "Published
    ..."), an "updated" date, a leading "date YYYY-MM-DD", then a date on a
    short byline-like line near the top ("||2025.07.08", "박원익 2024.06.19
    15:40"). Dates in a weather widget are the day the page was saved and
    are ignored, as are dates inside prose (they name events, not the page).
    """
    lines = [normalize_line(line) for line in text.splitlines()]
    skip = weather_lines(lines)
    usable = [line for i, line in enumerate(lines) if line and i not in skip]

    m = _LEADING_DATE.match(usable[0]) if usable else None
    if m:
        return _parse_date(m[1])
    for label in (_PUBLISHED_LABEL, _UPDATED_LABEL):
        for line in usable:
            if len(line) > 200:
                continue
            for lm in label.finditer(line):
                # The date must follow its label directly, not later in a sentence.
                found = _find_dates(line[lm.end():lm.end() + 40])
                if found and found[0][0] == 0:
                    return found[0][1]
    for line in usable[:_TOP_LINES]:
        if len(line) <= _BYLINE_MAX:
            iso = _parse_date(line)
            if iso:
                return iso
    return None
