"""Relative dates against a publication date known to the day, the month or the year."""

from __future__ import annotations

import pytest

from kg.loaders.dates import anchor, find, parse_published


def values(sentence: str, published: str | None) -> list[str]:
    return [value for _, _, _, value in find(sentence, published)]


# Expressions that need the day of publication: with only the month or year known they get
# no date rather than one counted from the first of the month.
NEEDS_THE_DAY = ["어제 밝혔다", "그저께 발표했다", "목요일 밝혔다",
                 "지난주 목요일 밝혔다", "It said on Thursday.", "It said yesterday.",
                 "It said last Monday.", "It said today."]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("30일 밝혔다", "2025-06-30"),
    ("지난 9일 주주총회를 열고 선임했다", "2025-06-09"),
    ("50억 달러를 투자한다고 18일 발표했다", "2025-06-18"),
])
def test_a_bare_day_in_copy_dated_to_the_month_is_a_day_of_that_month(sentence: str, expected: str) -> None:
    # the text gives the day; news tells of days of the month it runs in
    assert values(sentence, "2025-06") == [expected]
    assert values(sentence, "2025") == []  # a year alone cannot tell the month


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    ("카티는 4년 전 인텔에 합류했다", "2025-11-11", ["2021"]),
    ("3년 전부터 이끌어왔다", "2025", ["2022"]),
    ("3개월 전 합류했다", "2025-02", ["2024-11"]),
    ("She joined two years ago.", "2025-03-04", ["2023"]),
    ("He left six months ago.", "2025-03-04", ["2024-09"]),
    ("It was founded a year ago.", "2025", ["2024"]),
])
def test_a_time_ago_resolves_at_its_unit(sentence: str, published: str, expected: list[str]) -> None:
    assert values(sentence, published) == expected


@pytest.mark.parametrize("sentence", ["3년 전망을 내놨다", "5년 전자 사업", "3일 전 발표했다",
                                      "30일 만에 끝났다"])
def test_a_word_after_the_unit_or_a_span_of_days_is_no_time_ago(sentence: str) -> None:
    assert values(sentence, "2025-06-18") == []


def test_months_ago_need_the_publication_month() -> None:
    assert values("He left six months ago.", "2025") == []


@pytest.mark.parametrize("sentence", NEEDS_THE_DAY)
def test_a_month_precision_publication_invents_no_day(sentence: str) -> None:
    assert values(sentence, "2025-06") == []
    assert values(sentence, "2025") == []
    assert values(sentence, "2025-06-18") != []  # the day known, they resolve


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    ("지난달 30일 투자했다", "2025-06", ["2025-05-30"]),
    ("이달 3일 투자했다", "2025-06", ["2025-06-03"]),
    ("지난달 투자했다", "2025-06", ["2025-05"]),
    ("It raised money last month.", "2025-06", ["2025-05"]),
    ("작년에 설립됐다", "2025-06", ["2024"]),
    ("It was founded last year.", "2025", ["2024"]),
    ("지난 6월 투자했다", "2025-06", ["2024-06"]),
    ("지난 3월 투자했다", "2025-06", ["2025-03"]),
    ("It closed in June.", "2025-06", ["2025-06"]),
    ("It closed in September.", "2025-06", ["2024-09"]),
    ("It closed on June 12.", "2025-06", ["2025-06-12"]),
    ("It closed on March 2.", "2025-06", ["2025-03-02"]),
    ("2025년 3월 2일 투자했다", "2025", ["2025-03-02"]),
    ("올해 3월 2일 투자했다", "2025", ["2025-03-02"]),
    ("이번 6월 투자했다", "2025", ["2025-06"]),
])
def test_what_a_coarse_publication_date_can_resolve(sentence: str, published: str,
                                                    expected: list[str]) -> None:
    assert values(sentence, published) == expected


@pytest.mark.parametrize("sentence", ["It closed on June 12.", "지난달 투자했다", "지난 6월 투자했다",
                                      "It closed in June.", "지난달 30일 투자했다"])
def test_a_year_precision_publication_cannot_place_months(sentence: str) -> None:
    # Whether June had come yet, or which month was last month, depends on the month.
    assert values(sentence, "2025") == []


def test_anchor_keeps_the_precision() -> None:
    assert anchor("2025-06-12") == (parse_published("2025-06-12"), "day")
    assert anchor("2025-06-12T08:00:00Z").precision == "day"
    found = anchor("2025-06")
    assert found is not None and found.precision == "month" and found.month == 6
    assert found.exact is None
    year = anchor("2025")
    assert year is not None and year.month is None and year.exact is None
    for garbage in ("2025-13", "June 2025", "25-06", "", None):
        assert anchor(garbage) is None


@pytest.mark.parametrize(("pattern", "needs"), [
    (r"(?P<y>\d{4})\s?년", True),
    (r"(?:(?P<rel>지난)\s?)?(?P<d>\d{1,2})\s?일", True),
    (r"(?<!\d)오늘", False),  # a lookbehind
    (r"(?:\d+\s)?today", False),  # optional
    (r"(?:\d{4}|yesterday)", False),  # one branch has none
    (r"\b(?:in|since)\s(?P<mon>June)\b", False),
])
def test_which_patterns_need_a_digit(pattern: str, needs: bool) -> None:
    import re
    from re import _parser  # type: ignore[attr-defined]

    from kg.loaders.dates import _needs_digit

    assert _needs_digit(_parser.parse(pattern, re.UNICODE)) is needs


def test_skipping_patterns_that_cannot_match_finds_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Patterns skipped on text without a digit, or without a month, weekday, relative
    word or year for the numeric and English ones, would have found nothing there."""
    import kg.loaders.dates as dates

    sentences = ["메타는 어제 스케일AI에 투자했다.", "지난주 목요일 발표했다", "올해 초 설립됐다",
                 "2025년 6월 12일 밝혔다", "지난달 30일 투자했다", "It said on Thursday.",
                 "The deal closed last month, in June.", "Founded in 2019, it said yesterday.",
                 "２０２５년 ６월 발표", "on Monday, June 3rd", "earlier this year",
                 "메타는 June 3, 2025 스케일AI에 투자했다", "오픈AI는 2024.06.19 발표했다",
                 "구글은 Sept. 5th 출시했다", "앤트로픽은 LAST MONTH 밝혔다", "MS는 3일 Friday 발표",
                 "xAI는 in March 설립됐다", "엔비디아는 30억 달러를 투자했다"]
    found = {s: find(s, "2025-06-18") for s in sentences}
    assert found["메타는 June 3, 2025 스케일AI에 투자했다"] and found["오픈AI는 2024.06.19 발표했다"]
    assert found["앤트로픽은 LAST MONTH 밝혔다"] and found["xAI는 in March 설립됐다"]
    every = {clues: [(rx, h, ()) for rx, h in dates._PATTERNS] for clues in dates._PATTERNS_BY_CLUE}
    monkeypatch.setattr(dates, "_PATTERNS_BY_CLUE", every)  # every pattern, every sentence
    assert {s: find(s, "2025-06-18") for s in sentences} == found


def test_text_a_pattern_requires() -> None:
    """The literal text every match holds: in the pattern's sequence and its groups, not in
    an alternation, an optional part, a lookaround or a part that ignores case."""
    import re

    from kg.loaders.dates import _required

    assert _required(re.compile(r"(?<![\d.])(?P<d>\d{1,2})\s?일(?!\s?간)")) == ("일",)
    assert _required(re.compile(r"(?P<y>\d{4})\s?년\s?(?P<m>\d{1,2})\s?월")) == ("년", "월")
    assert _required(re.compile(r"(?:(?P<rel>지난\s?주)\s?)?(?P<w>[월화])요일")) == ("요일",)
    assert _required(re.compile(r"(?:지난|이번)달|(?:내|다음)달")) == ()
    assert _required(re.compile(r"(?i:last) month")) == (" month",)
    assert _required(re.compile(r"last month", re.IGNORECASE)) == ()


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    ("감마는 지난해 5월 설립 후 석 달 만에 투자를 받았다", "2025-03-15", ["2024-08"]),
    ("2019년 창업 이후 4년 만에 상장했다", "2025-03-15", ["2023"]),
    ("2023년 11월 출범 뒤 3개월 만에 인수됐다", "2025", ["2024-02"]),
    ("2021년 설립된 후 2년 만에", "2025", ["2023"]),
])
def test_a_date_and_the_time_that_passed_after_it_date_the_act(sentence: str, published: str,
                                                                expected: list[str]) -> None:
    assert values(sentence, published) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("2020년 설립 후 두 달 만에", []),  # months after a year alone: no month to count from
    ("지난해 5월 설립 후 투자를 받았다", ["2024-05"]),  # no time passed told: the date stands
])
def test_a_time_that_passed_needs_what_it_counts_from(sentence: str, expected: list[str]) -> None:
    assert values(sentence, "2025-03-15") == expected


def test_names_a_day_knows_weekdays_months_and_the_days_around_today() -> None:
    from kg.loaders.dates import names_a_day

    assert all(map(names_a_day, ("Monday", "June", "Today", "Yesterday", "Tomorrow")))
    assert not any(map(names_a_day, ("Japan", "Moul", "monday", "Mon")))
