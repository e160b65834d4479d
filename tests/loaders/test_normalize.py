"""Table-driven tests of kg.loaders.normalize (money, head counts, percentages, dates).

All sentences are made up for these tests.
"""

from __future__ import annotations

import pytest

from kg.loaders.normalize import (
    Money,
    Span,
    find_counts,
    find_dates,
    find_money,
    find_percents,
    parse_money,
    resolve_date,
)

PUB = "2025-08-31"  # a Sunday

USD, KRW = "USD", "KRW"

# --- money ------------------------------------------------------------------

MONEY_CASES = [
    # Korean
    ("143억 달러", Money(14_300_000_000.0, USD)),
    ("약 20조원", Money(2e13, KRW, approximate=True)),
    ("20조 원", Money(2e13, KRW)),
    ("1조 3600억 원", Money(1.36e12, KRW)),
    ("1조3,000억 달러", Money(1.3e12, USD)),
    ("4억5000만 달러", Money(450_000_000.0, USD)),
    ("5000만 달러", Money(50_000_000.0, USD)),
    ("100억원", Money(1e10, KRW)),
    ("10억 달러", Money(1e9, USD)),
    ("1.5조원", Money(1.5e12, KRW)),
    ("8조4천억원", Money(8.4e12, KRW)),
    ("2천600억달러", Money(2.6e11, USD)),
    ("1조2천억원", Money(1.2e12, KRW)),
    ("3천억원", Money(3e11, KRW)),
    ("3천5백억 원", Money(3.5e11, KRW)),
    ("3천만 달러", Money(30_000_000.0, USD)),
    ("65억 유로", Money(6.5e9, "EUR")),
    ("300억 엔", Money(3e10, "JPY")),
    ("50억 위안", Money(5e9, "CNY")),
    ("12억 파운드", Money(1.2e9, "GBP")),
    ("2조 원화", Money(2e12, KRW)),
    ("미화 10억 달러", Money(1e9, USD)),
    ("400억 달러(약 57조원)", Money(4e10, USD, alt=(5.7e13, KRW))),
    ("최대 50억 달러", Money(5e9, USD, approximate=True)),
    ("20여억 원", Money(2e9, KRW, approximate=True)),
    ("500억원 이상", Money(5e10, KRW, approximate=True)),
    ("1조원대", Money(1e12, KRW, approximate=True)),
    ("30억~35억달러", Money(3.5e9, USD, approximate=True)),
    # English
    ("$14.3 billion", Money(14_300_000_000.0, USD)),
    ("$14.3B", Money(14_300_000_000.0, USD)),
    ("$665 million", Money(665_000_000.0, USD)),
    ("US$2 billion", Money(2e9, USD)),
    ("$4 billion", Money(4e9, USD)),
    ("USD 1 billion", Money(1e9, USD)),
    ("1 billion dollars", Money(1e9, USD)),
    ("3 billion U.S. dollars", Money(3e9, USD)),
    ("€500 million", Money(5e8, "EUR")),
    ("£1.2bn", Money(1.2e9, "GBP")),
    ("$10bn", Money(1e10, USD)),
    ("$250m", Money(2.5e8, USD)),
    ("$7 B", Money(7e9, USD)),
    ("$2.5 trillion", Money(2.5e12, USD)),
    ("$500,000", Money(500_000.0, USD)),
    ("800 billion won", Money(8e11, KRW)),
    ("about $665 million", Money(665_000_000.0, USD, approximate=True)),
    ("up to $4 billion", Money(4e9, USD, approximate=True)),
    ("more than $1 billion", Money(1e9, USD, approximate=True)),
    ("$14.3 billion (20 trillion won)", Money(14_300_000_000.0, USD, alt=(2e13, KRW))),
    ("$20-25 billion", Money(2.5e10, USD, approximate=True)),
]


@pytest.mark.parametrize(("text", "expected"), MONEY_CASES)
def test_parse_money(text: str, expected: Money) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "수십억 달러",
        "수천억원",
        "tens of billions of dollars",
        "hundreds of millions",
        "1 billion users",  # a number without a currency
        "엔비디아 출신 3 엔지니어",  # 엔 starting a word is not yen
        "TSMC 2 파운드리 공정",  # nor is 파운드 in 파운드리
        "The top 3 won awards.",  # "won" the verb
        "",
    ],
)
def test_parse_money_rejects(text: str) -> None:
    assert parse_money(text) is None


FIND_MONEY_CASES = [
    (
        "오픈AI는 143억 달러(약 20조원)를 투자받았다고 밝혔다.",
        [("143억 달러(약 20조원)", Money(14_300_000_000.0, USD, alt=(2e13, KRW)))],
    ),
    (
        "The startup raised a $300 million seed round after a $50m pre-seed.",
        [("$300 million", Money(3e8, USD)), ("$50m", Money(5e7, USD))],
    ),
    (
        "계약 규모는 1조 원이며 이 중 2000억 원은 선급금이다.",
        [("1조 원", Money(1e12, KRW)), ("2000억 원", Money(2e11, KRW))],
    ),
    (
        # a same-currency aside is not a conversion, so it stays a second span
        "It paid $1 billion ($400 million in cash) for the lab.",
        [("$1 billion", Money(1e9, USD)), ("$400 million", Money(4e8, USD))],
    ),
    ("직원 200명과 연구원 30명이 있다.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), FIND_MONEY_CASES)
def test_find_money(sentence: str, expected: list[tuple[str, Money]]) -> None:
    spans = find_money(sentence)
    assert [(s.text, s.value) for s in spans] == expected
    _check_offsets(sentence, spans)


# --- head counts --------------------------------------------------------------

COUNT_CASES = [
    ("직원 200명을 새로 뽑았다.", [200]),
    ("인력은 1,200명 규모다.", [1200]),
    ("약 600명이 회사를 떠났다.", [600]),
    ("연구원 두 명이 합류했다.", [2]),
    ("단 한 명도 남지 않았다.", [1]),
    ("엔지니어 20여명이 이직했다.", [20]),
    ("전 직원 1만2000명에게 알렸다.", [12000]),
    ("임원 열두 명이 모였다.", [12]),
    ("The company has 600 employees.", [600]),
    ("It will add 200 full-time positions.", [200]),
    ("It hired more than 200 contractors.", [200]),
    ("Three OpenAI researchers left for the rival.", [3]),
    ("Over 20 AI researchers signed the letter.", [20]),
    ("A dozen engineers quit in a week.", [12]),
    ("Twenty-five scientists joined the lab.", [25]),
    ("It cut 1,500 jobs and 40 executives.", [1500, 40]),
    ("20 of its employees moved to London.", [20]),
    # negatives: vague, years, ages, money, no people noun
    ("Hundreds of engineers protested.", []),
    ("수십 명의 연구원이 떠났다.", []),
    ("두세 명이 남았다.", []),
    ("In 2023 Google engineers built it.", []),
    ("The 28 year-old engineers founded it.", []),
    ("It raised $200 million from investors.", []),
    ("Two companies hired engineers.", []),
    ("She is one of the founders.", []),
    ("The model trained for 7 days on 3 clusters.", []),
    ("만 19세 이상만 가입할 수 있다.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), COUNT_CASES)
def test_find_counts(sentence: str, expected: list[int]) -> None:
    spans = find_counts(sentence)
    assert [s.value for s in spans] == expected
    _check_offsets(sentence, spans)


# --- percentages ------------------------------------------------------------

PERCENT_CASES = [
    ("지분 49%를 인수했다.", [49.0]),
    ("It owns 49 percent of the venture.", [49.0]),
    ("It owns 12.5 per cent of the venture.", [12.5]),
    ("매출이 14퍼센트 늘었다.", [14.0]),
    ("지분 3분의 1을 보유했다.", [33.3]),
    ("It took a third of the company.", [33.3]),
    ("It holds a two-thirds stake.", [66.7]),
    ("10~15% 오른다.", [15.0]),
    ("It closed a third round.", []),  # an ordinal, not a fraction
    ("3분기 실적을 발표했다.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), PERCENT_CASES)
def test_find_percents(sentence: str, expected: list[float]) -> None:
    spans = find_percents(sentence)
    assert [s.value for s in spans] == expected
    _check_offsets(sentence, spans)


# --- dates --------------------------------------------------------------------

DATE_CASES = [
    # Korean, absolute
    ("2025년 6월 12일", PUB, "2025-06-12"),
    ("2025년 6월", PUB, "2025-06"),
    ("2025년", PUB, "2025"),
    ("2024.06.19", PUB, "2024-06-19"),
    ("2025-06-13", PUB, "2025-06-13"),
    ("2025년 6월 12일", None, "2025-06-12"),
    # Korean, relative to publication
    ("6월 12일", PUB, "2025-06-12"),
    ("9월 12일", PUB, "2024-09-12"),  # would be after publication
    ("지난 6월", PUB, "2025-06"),
    ("지난6월", PUB, "2025-06"),
    ("지난 6월", "2025-03-01", "2024-06"),
    ("지난 8월", PUB, "2024-08"),  # strictly before the published month
    ("올해 6월", PUB, "2025-06"),
    ("지난해 3월", PUB, "2024-03"),
    ("지난달", PUB, "2025-07"),
    ("이달", PUB, "2025-08"),
    ("이번 달", PUB, "2025-08"),
    ("지난해", PUB, "2024"),
    ("작년", PUB, "2024"),
    ("올해", PUB, "2025"),
    ("재작년", PUB, "2023"),
    ("30일(현지시간)", PUB, "2025-08-30"),
    ("30일", PUB, "2025-08-30"),
    ("31일", PUB, "2025-08-31"),
    ("지난 13일", PUB, "2025-08-13"),
    ("30일", "2025-09-05", "2025-08-30"),  # day after the published day: previous month
    ("31일", "2025-03-05", "2025-01-31"),  # February has no 31st
    ("지난달 30일", PUB, "2025-07-30"),
    ("어제", PUB, "2025-08-30"),
    ("오늘", PUB, "2025-08-31"),
    ("목요일", PUB, "2025-08-28"),
    ("30일", None, None),
    ("지난달", None, None),
    ("지난주", PUB, None),
    # English, absolute
    ("June 12, 2025", PUB, "2025-06-12"),
    ("12 June 2025", PUB, "2025-06-12"),
    ("June 2025", PUB, "2025-06"),
    ("in 2023", PUB, "2023"),
    # English, relative to publication
    ("June 12", PUB, "2025-06-12"),
    ("September 12", PUB, "2024-09-12"),
    ("in June", PUB, "2025-06"),
    ("last June", PUB, "2025-06"),
    ("in August", PUB, "2025-08"),  # on or before the published month
    ("in September", PUB, "2024-09"),
    ("last month", PUB, "2025-07"),
    ("this month", PUB, "2025-08"),
    ("last year", PUB, "2024"),
    ("this year", PUB, "2025"),
    ("earlier this year", PUB, "2025"),
    ("yesterday", PUB, "2025-08-30"),
    ("today", PUB, "2025-08-31"),
    ("on Thursday", PUB, "2025-08-28"),
    ("Wednesday", PUB, "2025-08-27"),
    ("Thursday", "2025-08-28", "2025-08-28"),  # published on a Thursday
    ("Sunday", PUB, "2025-08-31"),
    ("last week", PUB, None),
    ("June 12", None, None),
    # not dates
    ("28 years old", PUB, None),
    ("19세", PUB, None),
    ("$5 billion", PUB, None),
    ("7 days", PUB, None),
    ("24시간", PUB, None),
    ("3분기", PUB, None),
    ("6 hours ago", PUB, None),
    ("일부", PUB, None),
    ("7일간", PUB, None),
    ("2020년대", PUB, None),
    ("you may want", PUB, None),
    ("Black Friday", PUB, None),
]


@pytest.mark.parametrize(("text", "published", "expected"), DATE_CASES)
def test_resolve_date(text: str, published: str | None, expected: str | None) -> None:
    assert resolve_date(text, published) == expected


FIND_DATE_CASES = [
    (
        "오픈AI는 30일(현지시간) 2025년 6월 12일에 계약했다고 밝혔다.",
        [("30일(현지시간)", "2025-08-30"), ("2025년 6월 12일", "2025-06-12")],
    ),
    (
        "지난해 3월 일부 직원이 일을 그만뒀고, 일주일 뒤 다시 복귀했다.",
        [("지난해 3월", "2024-03")],
    ),
    (
        "The deal, announced on Wednesday, closes in June 2026 after a review that began last month.",
        [("on Wednesday", "2025-08-27"), ("June 2026", "2026-06"), ("last month", "2025-07")],
    ),
    ("The 30-year-old founder left after 6 hours of talks.", []),
    ("출시 30일 만에 사용자 100만 명을 모았다.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), FIND_DATE_CASES)
def test_find_dates(sentence: str, expected: list[tuple[str, str]]) -> None:
    spans = find_dates(sentence, PUB)
    assert [(s.text, s.value) for s in spans] == expected
    _check_offsets(sentence, spans)


def _check_offsets(sentence: str, spans: list[Span]) -> None:
    starts = [s.start for s in spans]
    assert starts == sorted(starts)
    for s in spans:
        assert sentence[s.start : s.end] == s.text


@pytest.mark.parametrize(("text", "published", "want"), [
    ("지난 10일 밝혔다", "2025-09-16", "2025-09-10"),
    ("지난 20일(현지시간) 발표했다", "2025-09-16", "2025-08-20"),
])
def test_last_day_of_month_korean(text: str, published: str, want: str) -> None:
    spans = find_dates(text, published)
    assert [s.value for s in spans] == [want]


def test_a_hyphenated_scale_is_the_sums_scale() -> None:
    # "a $235-million round": read as $235 it became a valuation two hundred and thirty-five dollars
    spans = find_money("It was valued at $4.5 billion in a $235-million funding round.")
    assert [(s.text, s.value.amount) for s in spans] == [("$4.5 billion", 4.5e9), ("$235-million", 2.35e8)]
    assert parse_money("a $1.3-billion deal") == Money(1.3e9, "USD")
    assert parse_money("a $5-billion-plus deal") == Money(5e9, "USD", approximate=True)
    assert parse_money("$20-25 billion") == Money(25e9, "USD", approximate=True)  # a range still


def test_find_money_question_mark_for_a_lost_nonbreaking_space() -> None:
    from kg.loaders.normalize import find_money
    spans = find_money("Zorvex poured $14.3?billion into Quillon.")
    assert [s.value.amount for s in spans] == [14.3e9]
    assert [s.value.amount for s in find_money("Did it cost $5? Billions more were spent.")] == [5]


_CLUE_SENTENCES = [
    "메타는 스케일AI에 143억 달러(약 20조원)를 투자했다.", "오픈AI는 직원 300명을 뽑는다.",
    "지분 49%를 확보했다", "3분의 1을 보유", "It paid US$ 3 billion for it.", "HK$ 10 million",
    "It raised 3 DOLLARS and 5 Euros.", "a deal of 1,000 WON", "300 yen", "3 bn USD",
    "$20-25 billion", "three OpenAI researchers left", "hired 200 engineers", "20 PEOPLE",
    "two-thirds of the company", "A THİRD OF the stake", "ONE-QUARTER stake", "about 40 percent",
    "앤트로픽은 구글과 손잡았다.", "It said nothing of money.",
]


def test_skipping_patterns_that_cannot_match_finds_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """The money, count and percentage patterns skipped on a sentence without their clue
    (a currency symbol, code or word; a count noun; a digit or fraction word) would have
    found nothing there."""
    import re

    import kg.loaders.normalize as normalize

    finders = (find_money, find_counts, find_percents)
    found = [[repr(f(s)) for f in finders] for s in _CLUE_SENTENCES]
    assert sum(r != "[]" for row in found for r in row) >= 12
    anything = re.compile("")  # every sentence holds every clue
    for name in ("_EN_PREFIX_CLUE", "_EN_SUFFIX_CLUE", "_COUNT_NOUN_AFTER_SPACE", "_PERCENT_CLUE"):
        monkeypatch.setattr(normalize, name, anything)
    assert [[repr(f(s)) for f in finders] for s in _CLUE_SENTENCES] == found
