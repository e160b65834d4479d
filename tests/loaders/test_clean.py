"""Tests of the page-furniture cleaner on synthetic pages and the seed page."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.loaders.clean import clean_document, clean_text, is_prose, weather_lines
from kg.loaders.read import read_document

KO_PAGE = """2024.03.05 (화)

  • 맑음서울 5.1℃
  • 흐림부산 7.4℃
  • 구름많음대전 2.2℃
기상청 제공

IT/과학

가상전자, 나무로봇에 500억원 투자…로봇 동맹 본격화

이 기사 AI가 핵심만 딱!
공유하기

(가상일보=홍길동 기자) 가상전자가 로봇 스타트업 나무로봇에 500억원을 투자했다고 4일 밝혔다.

(사진=가상일보 DB)

이번 투자로 가상전자는 나무로봇 지분 20%를 확보하며 최대 주주가 된다.

나무로봇은 2019년 김철수 대표가 설립한 회사로, 물류 로봇을 개발하고 있다.

[가상일보(example.kr), 무단전재 및 재배포 금지]

전문가 코너

더보기

[김영희의 경제 칼럼] 금리와 성장의 함수
(가상일보=김영희 교수) 금리가 오르면 성장이 둔화된다는 것은 오래된 상식이다.
[초대석] 박민수 협회장 "산업 생태계가 먼저다"
(가상일보=이기자 기자) 협회 창립 30주년을 맞아 박민수 협회장을 만났다.
"""

EN_PAGE = """Skip to main content
Menu
More
X

Acme Robotics acquires Widget Labs for $200 million

By Jane Roe | Staff Writer
3 hours ago

Share this article

SAN JOSE – Acme Robotics said on Tuesday it has agreed to acquire Widget Labs for $200 million.

The deal, expected to close in the fourth quarter, brings 80 engineers to Acme.

Jane Doe, who founded Widget Labs in 2017, will join Acme as vice president of sensing.

Related: Acme Robotics names new CFO

Acme's chief executive said the purchase would speed up its plans for fully automated warehouses.

Copyright © 2024 Example News. All rights reserved.

Related articles
Widget Labs raises $30 million
Acme Robotics opens new plant
"""


def test_korean_page_keeps_article_and_drops_furniture() -> None:
    body = clean_text(KO_PAGE, "ko")
    assert "가상전자가 로봇 스타트업 나무로봇에 500억원을 투자했다고 4일 밝혔다." in body
    assert "나무로봇은 2019년 김철수 대표가 설립한 회사로" in body
    assert body.startswith("가상전자, 나무로봇에 500억원 투자")  # the headline stays
    for junk in ("℃", "기상청", "IT/과학", "핵심만", "공유하기", "사진=", "무단전재",
                 "전문가 코너", "더보기", "칼럼", "초대석", "금리", "2024.03.05"):
        assert junk not in body, junk


def test_korean_press_tag_is_stripped_from_sentence_start() -> None:
    body = clean_text(KO_PAGE, "ko")
    assert "(가상일보=홍길동 기자)" not in body
    assert "\n\n가상전자가 로봇 스타트업" in body
    text = "[서울=가상통신] 홍길동 기자 = 가상전자가 나무로봇과 손잡았다고 밝혔다. 양사는 협력한다."
    assert clean_text(text, "ko").startswith("가상전자가 나무로봇과")


def test_korean_byline_after_a_parenthesised_press_tag_is_stripped() -> None:
    # the reporter is no participant: left in, "홍길동" read as the sentence's hired person
    for text in ("(서울=가상통신) 홍길동 기자 = 가상전자가 김철수 박사를 영입했다고 밝혔다.",
                 "(서울=가상통신) 홍길동·이영희 기자 = 가상전자가 김철수 박사를 영입했다고 밝혔다."):
        assert clean_text(text, "ko").startswith("가상전자가 김철수"), text
    # a sentence that begins with a person and no "=" keeps the person
    text = "(서울=가상통신) 홍길동 대표가 가상전자를 떠났다고 밝혔다."
    assert clean_text(text, "ko").startswith("홍길동 대표가")


def test_english_page_keeps_article_and_drops_furniture() -> None:
    result = clean_document(EN_PAGE, "en")
    body = result.body
    assert result.title == "Acme Robotics acquires Widget Labs for $200 million"
    assert "Acme Robotics said on Tuesday it has agreed to acquire Widget Labs" in body
    assert "Jane Doe, who founded Widget Labs in 2017" in body
    assert "fully automated warehouses." in body
    for junk in ("Skip to", "Menu", "More\n", "By Jane", "hours ago", "Share", "Related",
                 "Copyright", "raises $30 million", "new plant", "SAN JOSE"):
        assert junk not in body, junk


def test_weather_widget_date_is_part_of_the_widget() -> None:
    lines = ["2026.02.04 (수)", "", "• 맑음서울 1.3℃", "• 흐림대구 -0.9℃", "기상청 제공", "",
             "제목"]
    assert weather_lines(lines) == {0, 2, 3, 4}


def test_copyright_line_near_the_top_does_not_cut_the_article() -> None:
    text = ("Big Co hires chip chief\n\nCopyright 2024 The Example Press. All rights reserved.\n\n"
            "Big Co said on Monday it hired a new chip chief from Small Co to lead design.\n"
            "The new chief starts in May and reports to the chief executive, the company said.\n")
    body = clean_text(text, "en")
    assert "All rights reserved" not in body
    assert "starts in May" in body


def test_duplicated_caption_and_image_lines_are_dropped() -> None:
    text = ("![[사진: 가상전자]](https://example.kr/a.png)\n홍길동 사장\n홍길동 사장\n"
            "가상전자는 홍길동 사장을 새 대표로 선임했다고 밝혔다. 그는 2020년 입사했다.\n")
    body = clean_text(text, "ko")
    assert body == "가상전자는 홍길동 사장을 새 대표로 선임했다고 밝혔다. 그는 2020년 입사했다."


def test_prose_detection() -> None:
    assert is_prose("메타가 스케일AI에 143억 달러를 투자했다고 밝혔다.", "ko")
    assert not is_prose("기사 공유하기", "ko")
    assert is_prose("Meta said on Thursday it would invest in the startup, people said.", "en")
    assert not is_prose("Skip to main content", "en")


def test_cut_off_last_paragraph_is_kept() -> None:
    text = ("Acme said on Monday it would buy Beta for $5 million in cash and stock.\n"
            "The deal brings twenty engineers to Acme and closes next")
    assert clean_text(text, "en").endswith("closes next")


def test_seed_page_is_the_meta_scale_ai_article(dev_dir: Path) -> None:
    doc = read_document(dev_dir / "ko-seed.txt")
    assert "스케일AI" in doc.text
    for junk in ("℃", "기상청", "무단전재", "관세청장", "초대석"):
        assert junk not in doc.text, junk
    assert doc.published != "2026-02-04"
    assert doc.lang == "ko"


FURNITURE_MARKS = ["℃", "기상청", "무단전재", "재배포 금지", "Copyright", "All rights reserved",
                   "Skip to main content", "더보기", "관련기사", "ⓒ", "저작권자", "Read more",
                   "Subscribe", "전문가 코너", "초대석"]


def test_no_dev_page_keeps_its_furniture(dev_dir: Path) -> None:
    """Extraction only sees the cleaned body, so nothing is read from page furniture."""
    left = {}
    for path in sorted(dev_dir.glob("*.txt")):
        text = read_document(path, published="2025-01-01").text
        hits = [mark for mark in FURNITURE_MARKS if mark in text]
        if hits:
            left[path.name] = hits
    assert left == {}


# One-line documents (a whole article saved as one paragraph) with a furniture word somewhere:
# the furniture goes, the rest of the paragraph stays.
ONE_LINERS = [
    ("en", "Acme Robotics said on Tuesday it has agreed to acquire Widget Labs for $20 million. "
           "Photographer: Jane Roe for Example News. Jane Doe, who founded Widget Labs in 2017, "
           "will join Acme as vice president.", "Photographer"),
    ("en", "Acme Robotics said on Tuesday it has agreed to acquire Widget Labs for $20 million. "
           "Copyright 2024 Example News. All rights reserved.", "Copyright"),
    ("en", "Acme Robotics, maker of the Widget© sensor, said on Tuesday it has agreed to acquire "
           "Beta Labs for $20 million.", None),
    ("en", "Acme hired Jane Doe of Beta as CTO 3 weeks ago.", None),
    ("ko", "가상전자는 기상청에 관측용 로봇을 공급하는 계약을 맺었다고 4일 밝혔다.", None),
    ("ko", "가상전자가 나무로봇에 500억원을 투자했다고 4일 밝혔다. 이 기사 AI가 핵심만 요약했다. "
           "나무로봇은 2019년 김철수 대표가 설립한 회사다.", "핵심만"),
    ("ko", "가상전자가 나무로봇에 500억원을 투자했다고 4일 밝혔다.(사진=가상일보 DB) "
           "나무로봇은 2019년 김철수 대표가 설립한 회사다.", "사진="),
    ("ko", "가상전자가 나무로봇에 500억원을 투자했다고 4일 밝혔다. ⓒ 가상일보 무단전재 및 재배포 금지",
     "무단전재"),
]


@pytest.mark.parametrize(("lang", "text", "furniture"), ONE_LINERS)
def test_a_furniture_word_never_drops_the_whole_paragraph(lang: str, text: str,
                                                          furniture: str | None) -> None:
    result = clean_document(text, lang)
    first = text.split(". ")[0].split(".(")[0]
    assert result.body.startswith(first)
    if furniture is None:
        assert result.body == text
    else:
        assert furniture not in result.body
        assert [r for r in result.removed if r[0] == "furniture sentence" and furniture in r[1]]
    for last_sentence_end in ("설립한 회사다.", "vice president."):
        if last_sentence_end in text:
            assert result.body.endswith(last_sentence_end)


def test_a_paragraph_ending_in_a_copyright_notice_ends_the_article() -> None:
    text = ("Acme Robotics said on Tuesday it has agreed to acquire Widget Labs for $20 million, the "
            "company said in a statement. © 2024 Example News\n\n"
            "Beta Corp said on Monday that it had hired a new chief financial officer from Gamma.\n")
    body = clean_text(text, "en")
    assert body == ("Acme Robotics said on Tuesday it has agreed to acquire Widget Labs for $20 million, "
                    "the company said in a statement.")


def test_cleaning_counts_what_it_kept() -> None:
    article = "가상전자가 로봇 스타트업 나무로봇에 500억원을 투자했다고 4일 밝혔다."
    result = clean_document(article, "ko")
    assert result.input_chars == result.kept_chars == len(article.replace(" ", ""))
    assert result.discarded_share == 0.0
    repeated = clean_document((article + "\n") * 1000, "ko")
    assert repeated.body == article
    assert repeated.discarded_share == pytest.approx(0.999)
    page = clean_document(KO_PAGE, "ko")
    assert 0.3 < page.discarded_share < 0.7


def test_letters_are_counted_as_the_letter_pattern_finds_them() -> None:
    """The shares count letters without making them: the count is the number of
    ``[^\\W\\d_]`` matches for every character there is (digits of all scripts, "_",
    Hangul, letter-like numerals such as "Ⅻ" and "²")."""
    import sys

    from kg.loaders.clean import _LETTER, _count_letters, hangul_share, letter_share

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert _count_letters(every) == len(_LETTER.findall(every))
    for text in ("Meta_2025 ²Ⅻ 메타가 ٣ 투자", "", "   ", "___123"):
        assert _count_letters(text) == len(_LETTER.findall(text))
    assert letter_share("ab 12") == 0.5
    assert hangul_share("메타 AI") == 0.5


def test_a_brief_of_short_sentences_is_the_article() -> None:
    cleaned = clean_document("Deal brief\n\nMeta hired Ruoming Pang last week.\n", "en")
    assert cleaned.body.endswith("Meta hired Ruoming Pang last week.")
    # a page of links and labels still has no article
    assert "Skip" not in clean_document("Home\nMenu\nSkip to main content\n", "en").body
