"""Tests of read_document: decoding, formats, language, ids, dates and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.loaders.read import detect_language, document_id, find_published, read_document

EN_BODY = ("Acme Robotics said on Tuesday it has agreed to acquire Widget Labs for $20 million.\n\n"
           "Jane Doe, who founded Widget Labs in 2017, will join Acme as vice president.\n")
KO_BODY = ("가상전자가 로봇 스타트업 나무로봇에 500억원을 투자했다고 4일 밝혔다.\n\n"
           "나무로봇은 2019년 김철수 대표가 설립한 회사로, 물류 로봇을 개발하고 있다.\n")

HTML = """<!DOCTYPE html>
<html><head><title>Acme Robotics buys Widget Labs | Example News</title>
<meta property="article:published_time" content="2024-05-02T09:00:00Z"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/tech">Tech</a></li></ul></nav>
<article><h1>Acme Robotics buys Widget Labs</h1>
<p>Acme Robotics said on Tuesday it has agreed to acquire Widget Labs, a maker of warehouse
sensors, for $200 million in cash, the company said in a statement.</p>
<p>Jane Doe, who founded Widget Labs in 2017, will join Acme as vice president of sensing,
the companies said. The deal is expected to close in the fourth quarter.</p>
</article>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
</body></html>
"""

MARKDOWN = """# Acme Robotics buys Widget Labs

![Acme logo](https://example.com/logo.png)

**Acme Robotics** said on Tuesday it has agreed to acquire
[Widget Labs](https://example.com/widget), a sensor maker, for *$200 million*.

- Jane Doe, who founded Widget Labs in 2017, will join Acme as vice president.
"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_plain_english_text(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "a.txt", EN_BODY))
    assert doc.lang == "en"
    assert doc.sentences == (
        "Acme Robotics said on Tuesday it has agreed to acquire Widget Labs for $20 million.",
        "Jane Doe, who founded Widget Labs in 2017, will join Acme as vice president.",
    )
    assert (doc.published, doc.published_source) == (None, "none")  # no date: none, not today
    assert doc.path.endswith("a.txt")
    assert len(doc.id) == 64


def test_published_flag_wins(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Published 2024-01-05\n\n" + EN_BODY)
    doc = read_document(path, published="2024-02-03")
    assert (doc.published, doc.published_source) == ("2024-02-03", "flag")
    assert read_document(path).published == "2024-01-05"


def test_html_uses_trafilatura(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "page.html", HTML))
    assert "agreed to acquire Widget Labs" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.title == "Acme Robotics buys Widget Labs"
    assert (doc.published, doc.published_source) == ("2024-05-02", "document")
    assert doc.lang == "en"


def test_html_detected_by_content(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "page.txt", HTML))
    assert "Home" not in doc.text
    assert "agreed to acquire Widget Labs" in doc.text


def test_markdown_markup_is_stripped(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "a.md", MARKDOWN))
    assert "Acme Robotics said on Tuesday it has agreed to acquire Widget Labs, a sensor maker, " \
           "for $200 million." in doc.text
    for markup in ("#", "**", "](", "logo", "*$"):
        assert markup not in doc.text, markup
    assert doc.title == "Acme Robotics buys Widget Labs"


def test_korean_cp949_file(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "ko.txt", KO_BODY.encode("cp949")))
    assert doc.lang == "ko"
    assert "나무로봇에 500억원을 투자했다고" in doc.text
    assert len(doc.sentences) == 2


def test_utf8_bom_and_id_ignore_whitespace_and_normalization(tmp_path: Path) -> None:
    a = read_document(write(tmp_path, "a.txt", "\ufeff" + KO_BODY))
    b = read_document(write(tmp_path, "b.txt", "  " + KO_BODY.replace(" ", "   ") + "\n\n"))
    assert a.id == b.id
    assert document_id("가") == document_id("\u1100\u1161")  # NFD jamo compose to NFC


def test_id_is_taken_before_cleaning(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "a.txt", "Skip to main content\n" + EN_BODY))
    assert doc.id == document_id("Skip to main content\n" + EN_BODY)


def test_lang_override(tmp_path: Path) -> None:
    assert read_document(write(tmp_path, "a.txt", EN_BODY), lang="ko").lang == "ko"


@pytest.mark.parametrize(("name", "data", "problem"), [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b" \n\t\n", "is empty"),
    ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary, not text"),
    ("bad.txt", b"Acme \xff\xfe\xfa said \x80\x81", "cannot be decoded as UTF-8 or EUC-KR/CP949"),
    ("menu.txt", b"Home\nMenu\nSkip to main content\n", "has no article text after cleaning"),
])
def test_unreadable_inputs(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.problem == problem
    assert info.value.path == str(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


@pytest.mark.parametrize(("text", "expected"), [
    ("제목\n입력 2025.08.31 10:00 수정 2025.09.01\n본문이다.", "2025-08-31"),
    ("제목\n기사입력 2025-08-30 오전 9:00\n본문", "2025-08-30"),
    ("Title\nUpdated: March 3, 2024\nBody.", "2024-03-03"),
    ("Title\nPublished 12 June 2025\nBody.", "2025-06-12"),
    (" date 2025-06-13 Meta said it would invest.", "2025-06-13"),
    ("제목\n||2025.07.08\n||2025.07.08\n본문", "2025-07-08"),
    ("제목\n홍길동 2024.06.19 15:40 PDT\n본문", "2024-06-19"),
    ("제목\n2025년 7월 1일, 오전 11:26\n본문", "2025-07-01"),
    ("2026.02.04 (수)\n\n • 맑음서울 1.3℃\n • 흐림대구 -0.9℃\n기상청 제공\n제목\n본문이다.", None),
    ("Acme said on June 4, 2025 that it had signed a deal with Beta, which owns the site.", None),
    ("Title\n2025.02.30\nBody", None),
])
def test_find_published(text: str, expected: str | None) -> None:
    assert find_published(text) == expected


def test_weather_date_is_not_the_publication_date(tmp_path: Path) -> None:
    page = ("2026.02.04 (수)\n\n • 맑음서울 1.3℃\n • 흐림대구 -0.9℃\n기상청 제공\n\n" + KO_BODY)
    doc = read_document(write(tmp_path, "ko.txt", page))
    assert (doc.published, doc.published_source) == (None, "none")
    assert "℃" not in doc.text


def test_detect_language() -> None:
    assert detect_language(KO_BODY) == "ko"
    assert detect_language(EN_BODY + " (메타)") == "en"
