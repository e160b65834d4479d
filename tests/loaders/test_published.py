"""Publication dates and addresses: page markup, front matter, manifests, and no 'today'."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_all, undated_claims
from kg.loaders.dates import needs_anchor
from kg.loaders.published import front_matter, html_published, html_url, read_manifest
from kg.loaders.read import read_document

EN_BODY = ("Acme Robotics said last month it had agreed to acquire Widget Labs for $20 million.\n\n"
           "Jane Doe, who founded Widget Labs in 2017, will join Acme as vice president.\n")

PAGE = """<!doctype html><html><head><title>Acme buys Widget Labs</title>
<link rel="canonical" href="https://news.example/acme-widget">
<meta property="og:url" content="https://news.example/og">
<meta property="article:published_time" content="2024-05-02T09:00:00Z">
</head><body><nav>Home</nav><article><h1>Acme buys Widget Labs</h1>
<p>Acme Robotics said on Tuesday it has agreed to acquire Widget Labs for $20 million in cash.</p>
<p>Jane Doe, who founded Widget Labs in 2017, will join Acme as vice president of research.</p>
<p>The deal was first discussed in 2019, and is expected to close in 2026.</p>
</article></body></html>"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_html_meta_date_and_canonical_url(tmp_path: Path) -> None:
    assert html_published(PAGE) == "2024-05-02"
    assert html_url(PAGE) == "https://news.example/acme-widget"
    assert html_url(PAGE.replace('<link rel="canonical" href="https://news.example/acme-widget">', "")) \
        == "https://news.example/og"
    doc = read_document(write(tmp_path / "p.html", PAGE))
    assert (doc.published, doc.published_source, doc.url) == (
        "2024-05-02", "document", "https://news.example/acme-widget")


def test_html_dates_in_the_body_are_not_a_publication_date() -> None:
    page = PAGE.replace('<meta property="article:published_time" content="2024-05-02T09:00:00Z">', "")
    assert html_published(page) is None


def test_markdown_front_matter(tmp_path: Path) -> None:
    text = ("---\ntitle: \"Acme buys Widget Labs\"\ndate: 2025-06-12\nurl: https://news.example/a\n---\n"
            "# Acme buys Widget Labs\n\n" + EN_BODY)
    fields, body = front_matter(text)
    assert fields["date"] == "2025-06-12" and body.startswith("# Acme")
    doc = read_document(write(tmp_path / "a.md", text))
    assert (doc.published, doc.url, doc.title) == ("2025-06-12", "https://news.example/a",
                                                   "Acme buys Widget Labs")
    assert "title:" not in doc.text


def test_bad_front_matter_date_is_one_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ndate: soon\n---\n" + EN_BODY)
    with pytest.raises(InputError, match=r"a.md: front matter date 'soon' is not a date"):
        read_document(path)


def test_a_leading_rule_is_not_front_matter() -> None:
    assert front_matter("---\n\nJust a rule.\n") == ({}, "---\n\nJust a rule.\n")


def test_no_date_means_undated_not_today(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "a.txt", EN_BODY))
    assert (doc.published, doc.published_source) == (None, "none")


def test_needs_anchor_names_the_relative_expressions() -> None:
    assert needs_anchor("Acme said last month it bought Widget in 2017.") == ["last month"]
    assert needs_anchor("메타는 지난달 30일 투자했다") != []
    assert needs_anchor("메타는 2025년 6월 12일 투자했다") == []


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_manifest_dates_and_urls(tmp_path: Path, kind: str) -> None:
    write(tmp_path / "a.txt", EN_BODY)
    write(tmp_path / "b.txt", "Published 2024-01-05\n\n" + EN_BODY.replace("Acme", "Bolt"))
    if kind == "csv":
        manifest = write(tmp_path / "m.csv", "path,published,url\na.txt,2025-06-13,https://x.example/a\n")
    else:
        manifest = write(tmp_path / "m.jsonl",
                         '{"path": "a.txt", "published": "2025-06-13", "url": "https://x.example/a"}\n')
    entries = read_manifest(manifest)
    a, b = read_all([tmp_path / "a.txt", tmp_path / "b.txt"], manifest=entries)
    assert (a.published, a.published_source, a.url) == ("2025-06-13", "manifest", "https://x.example/a")
    assert (b.published, b.published_source, b.url) == ("2024-01-05", "document", None)
    # --published still wins over the manifest, the URL stays.
    a2, = read_all([tmp_path / "a.txt"], published="2025-01-01", manifest=entries)
    assert (a2.published, a2.published_source, a2.url) == ("2025-01-01", "flag", "https://x.example/a")


def test_bad_manifest_is_one_error_naming_the_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "m.jsonl", '{"path": "a.txt"}\nnot json\n')
    with pytest.raises(InputError, match=r"m.jsonl.*line 2"):
        read_manifest(bad)
    with pytest.raises(InputError, match="path"):
        read_manifest(write(tmp_path / "m.csv", "file,published\na.txt,2025-01-01\n"))
    with pytest.raises(InputError, match="unknown field"):
        read_manifest(write(tmp_path / "n.jsonl", '{"path": "a.txt", "publshed": "2025"}\n'))


def test_undated_claims_are_counted(tmp_path: Path) -> None:
    from kg.graph.model import Entity
    from kg.graph.store import ResolvedClaim

    doc = read_document(write(tmp_path / "a.txt", EN_BODY))
    acme, widget = Entity("org:acme", "Organization", "Acme"), Entity("org:w", "Organization", "W")
    claim = ResolvedClaim("ACQUIRED", acme, widget, {}, "Acme said last month it had agreed to acquire "
                          "Widget Labs.", 0.8, "t")
    assert undated_claims(doc, [claim]) == 1
    dated = read_document(tmp_path / "a.txt", published="2025-06-01")
    assert undated_claims(dated, [claim]) == 0
