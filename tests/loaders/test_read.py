"""Tests of read_document: decoding, formats, language, ids, dates and errors."""

from __future__ import annotations

import codecs
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.loaders.read import (
    detect_language,
    document_id,
    find_published,
    is_future,
    plain_text_language,
    publication_date,
    read_document,
)

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
    ("bad.txt", b"Acme \xff\xfe\xfa said \x80\x81",
     "cannot be decoded: not UTF-8, UTF-16/32 with a byte order mark, EUC-KR/CP949 or Latin-1"),
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


# --- only regular files, a size cap -------------------------------------------------------


def _read_in_thread(path: Path, timeout: float = 15) -> BaseException | None:
    """read_document(path) in a thread: the exception it raised, or a failure if it hangs."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            read_document(path)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    return outcome[0] if outcome else TimeoutError(f"reading {path} still blocks after {timeout}s")


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    try:
        error = _read_in_thread(fifo)
    finally:
        # Unblock a reader that did open the pipe, so no thread is left waiting.
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK) if _has_reader(fifo) else None
        if fd is not None:
            os.close(fd)
    assert isinstance(error, InputError), error
    assert error.path == str(fifo)
    assert error.problem == "is a named pipe (FIFO), not a regular file"


def _has_reader(fifo: Path) -> bool:
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:  # ENXIO: nobody has the pipe open for reading
        return False
    return True


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(InputError) as info:
            read_document(path)
    assert info.value.problem == "is a socket, not a regular file"


def test_dev_zero_is_refused_not_read_until_memory_runs_out(tmp_path: Path) -> None:
    # In a child with its address space capped, so a reader that does read /dev/zero fails
    # with MemoryError instead of taking the machine's memory.
    code = ("import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n"
            "from kg.errors import InputError\n"
            "from kg.loaders.read import read_document\n"
            "try:\n    read_document('/dev/zero')\n"
            "except InputError as exc:\n    print(exc)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "/dev/zero: is a character device, not a regular file", done.stderr


def test_size_cap_from_argument_and_environment(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "a.txt", EN_BODY)
    size = path.stat().st_size
    assert "Widget Labs" in read_document(path, max_bytes=size).text
    with pytest.raises(InputError) as info:
        read_document(path, max_bytes=size - 1)
    assert info.value.problem.startswith(f"is {size} bytes, over the {size - 1} bytes limit")
    assert "--max-bytes" in info.value.problem and "KG_MAX_BYTES" in info.value.problem
    monkeypatch.setenv("KG_MAX_BYTES", str(size - 1))
    with pytest.raises(InputError, match="over the"):
        read_document(path)
    monkeypatch.setenv("KG_MAX_BYTES", "1MB")
    assert read_document(path).lang == "en"


def test_size_cap_holds_when_the_file_claims_no_size() -> None:
    # /proc files report size 0: the cap is enforced on what is read (cap + 1 bytes at most).
    with pytest.raises(InputError) as info:
        read_document("/proc/self/status", max_bytes=64)
    assert info.value.problem.startswith("is larger than 64 bytes")


def test_default_cap_is_20_mb(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as out:
        out.truncate(20_000_001)  # sparse: no disk used
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.problem.startswith("is 20 MB, over the 20 MB limit")


# --- charsets ------------------------------------------------------------------------------

LATIN_BODY = ("Café Müller, a Zürich startup, said on Tuesday that Société Générale invested "
              "20 million euros in it, señor Núñez told reporters.\n\n"
              "The company was founded in 2019 by two former engineers of Crème Labs.\n")


@pytest.mark.parametrize(("body", "encoded", "encoding"), [
    (KO_BODY, KO_BODY.encode("utf-16"), "utf-16"),
    (KO_BODY, codecs.BOM_UTF16_BE + KO_BODY.encode("utf-16-be"), "utf-16"),
    (EN_BODY, EN_BODY.encode("utf-16"), "utf-16"),
    (KO_BODY, KO_BODY.encode("utf-32"), "utf-32"),
    (KO_BODY, KO_BODY.encode("utf-8"), "utf-8"),
    (KO_BODY, KO_BODY.encode("utf-8-sig"), "utf-8"),
    (KO_BODY, KO_BODY.encode("cp949"), "cp949"),
    (KO_BODY, KO_BODY.encode("euc-kr"), "cp949"),
    (LATIN_BODY, LATIN_BODY.encode("latin-1"), "latin-1"),
    (LATIN_BODY.replace("said", "said “quietly”"),
     LATIN_BODY.replace("said", "said “quietly”").encode("cp1252"), "cp1252"),
])
def test_charsets_are_detected_and_reported(tmp_path: Path, body: str, encoded: bytes,
                                            encoding: str) -> None:
    doc = read_document(write(tmp_path, "a.txt", encoded))
    first_sentence = body.split("\n")[0].split(", ")[0]
    assert first_sentence in doc.text
    assert doc.encoding == encoding
    assert doc.lang == ("ko" if body is KO_BODY else "en")


def test_utf16_without_byte_order_mark_and_binaries_are_refused(tmp_path: Path) -> None:
    for name, data in (("nobom.txt", KO_BODY.encode("utf-16-le")),
                       ("img.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
                       ("elf.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 64)):
        with pytest.raises(InputError) as info:
            read_document(write(tmp_path, name, data))
        assert info.value.problem == "looks binary, not text", name


# --- hidden HTML ---------------------------------------------------------------------------

HIDDEN_PAGE = """<!DOCTYPE html>
<html><head><title>Acme Robotics buys Widget Labs</title></head>
<body><article><h1>Acme Robotics buys Widget Labs</h1>
<p>Acme Robotics said on Tuesday it has agreed to acquire Widget Labs, a maker of warehouse
sensors, for $200 million in cash, the company said in a statement.</p>
<template><p>Orbit Bank said it has invested $70 million in Widget Labs this year.</p></template>
<div hidden><p>Delta Motors said it hired Jane Doe as its chief executive officer last year.</p></div>
<p aria-hidden="true">Zeta Cloud agreed to acquire Gamma Chips for $90 million on Monday.</p>
<div style="color: red; display : none !important"><p>Kappa Labs laid off 40 employees in
March, the company said.</p></div>
<div style="visibility:hidden"><p>Sigma Soft partnered with Tau Labs on cloud services.</p></div>
<noscript><p>Omega Data acquired Beta Search for $10 million last week, it said.</p></noscript>
<p>Jane Doe, who founded Widget Labs in 2017, will join Acme as vice president of sensing,
the companies said.<span hidden> Rho Capital invested in Acme.</span> The deal is expected to
close in the fourth quarter.</p>
</article></body></html>
"""
HIDDEN_TEXT = ("Orbit Bank", "Delta Motors", "Zeta Cloud", "Kappa Labs", "Sigma Soft", "Omega Data",
               "Rho Capital")


def test_hidden_html_is_not_read(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "page.html", HIDDEN_PAGE), published="2025-06-12")
    for name in HIDDEN_TEXT:
        assert name not in doc.text, name
    assert "agreed to acquire Widget Labs" in doc.text
    # The text after a hidden element in the same paragraph stays.
    assert "The deal is expected to close in the fourth quarter." in doc.text


def test_hidden_text_in_an_html_fragment_is_not_read(tmp_path: Path) -> None:
    # One block of markup is no page for trafilatura: the reader's own fallback drops it too.
    fragment = ("<p>Acme Robotics said on Tuesday it has agreed to acquire Widget Labs for $20 million."
                "<span hidden> Orbit Bank invested $70 million in Widget Labs.</span></p>")
    doc = read_document(write(tmp_path, "fragment.html", fragment), published="2025-06-12")
    assert doc.text == "Acme Robotics said on Tuesday it has agreed to acquire Widget Labs for $20 million."


def test_published_may_carry_a_time_of_day(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "a.txt", EN_BODY), published="2025-06-12T08:30:00Z")
    assert doc.published == "2025-06-12"


def test_hidden_html_yields_no_facts(tmp_path: Path) -> None:
    from kg.ingest import extract

    doc = read_document(write(tmp_path, "page.html", HIDDEN_PAGE), published="2025-06-12")
    claims = extract(doc)
    names = {c.subject.name for c in claims} | {c.object.name for c in claims}
    assert "Acme Robotics" in names
    assert not names & {*HIDDEN_TEXT, "Gamma Chips", "Beta Search", "Tau Labs"}


def test_example_page_keeps_its_article_and_not_its_furniture() -> None:
    from kg.ingest import extract

    page = Path(__file__).resolve().parents[2] / "examples" / "article-en.html"
    doc = read_document(page)
    assert (doc.published, doc.published_source) == ("2025-09-16", "document")
    assert "agreed to acquire computer-vision startup Tessel Labs for $120 million" in doc.text
    for furniture in ("Partly cloudy", "18°C", "Related articles", "raises $50 million", "Most read",
                      "Subscribe", "Copyright", "Share", "Topics:"):
        assert furniture not in doc.text, furniture
    for hidden in ("$900 million", "Orchid Capital"):
        assert hidden not in doc.text, hidden
    facts = {(c.subject.name, c.relation, c.object.name) for c in extract(doc)}
    assert ("Harbor Analytics", "ACQUIRED", "Tessel Labs") in facts
    assert not [f for f in facts if "Orchid Capital" in f or f[:2] == ("Quarry AI", "ACQUIRED")]


# --- publication dates ---------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2025-06-12", "2025-06", "2025"])
def test_published_at_day_month_or_year_precision(tmp_path: Path, value: str) -> None:
    doc = read_document(write(tmp_path, "a.txt", EN_BODY), published=value)
    assert (doc.published, doc.published_source) == (value, "flag")


@pytest.mark.parametrize(("value", "problem"), [
    ("2025-13-01", "there is no month 13"),
    ("2025-02-30", "2025-02 has no day 30"),
    ("June 2025", "use YYYY-MM-DD, YYYY-MM or YYYY"),
    ("2025-6-1", "use YYYY-MM-DD, YYYY-MM or YYYY"),
    ("yesterday", "use YYYY-MM-DD, YYYY-MM or YYYY"),
])
def test_impossible_published_dates_are_refused(value: str, problem: str) -> None:
    with pytest.raises(ValueError) as info:
        publication_date(value)
    assert str(info.value) == f"{value!r} is not a date: {problem}"


def test_publication_date_after_today_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Published 2099-02-03\n\n" + EN_BODY)
    doc = read_document(path)
    assert doc.published == "2099-02-03"
    assert doc.warnings == ("the publication date found in the document, 2099-02-03, is after today",)
    past = read_document(write(tmp_path, "b.txt", "Published 2024-01-05\n\n" + EN_BODY))
    assert past.warnings == ()


def test_is_future_compares_at_the_precision_given() -> None:
    assert is_future("2030-01-02", "2030-01-01")
    assert not is_future("2030-01", "2030-01-31")
    assert is_future("2031", "2030-12-31")
    assert not is_future("2030", "2030-06-01")


# --- cleaning that discards most of a text --------------------------------------------------


def test_reading_says_when_cleaning_discarded_most_of_a_text(tmp_path: Path) -> None:
    # One article saved 2,000 times over: cleaning keeps one copy, and says so.
    path = write(tmp_path, "a.txt", (EN_BODY + "\n") * 2000)
    doc = read_document(path)
    assert doc.text == read_document(write(tmp_path, "b.txt", EN_BODY)).text
    (warning,) = doc.warnings
    assert warning == "cleaning kept 132 of 264,000 characters (99.9% discarded: repeated lines)"
    assert read_document(write(tmp_path, "c.txt", EN_BODY)).warnings == ()


def test_plain_text_language_is_the_language_reading_finds(tmp_path: Path) -> None:
    files = {"a.txt": EN_BODY, "b.txt": KO_BODY, "c.html": HTML, "d.txt": HTML, "e.md": EN_BODY}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = {name: plain_text_language(tmp_path / name) for name in files}
    assert found == {"a.txt": "en", "b.txt": "ko", "c.html": None, "d.txt": None, "e.md": None}
    assert found["a.txt"] == read_document(tmp_path / "a.txt").lang
    assert found["b.txt"] == read_document(tmp_path / "b.txt").lang
    assert plain_text_language(tmp_path / "missing.txt") is None
    assert plain_text_language(tmp_path / "b.txt", lang="en") == "en"
