"""Korean and English date expressions, resolved against a publication date.

This module does the work behind :func:`kg.loaders.normalize.find_dates` and
:func:`kg.loaders.normalize.resolve_date`; it yields plain tuples so that it
needs nothing from ``normalize`` (which re-exports it) and no import cycle arises.

Values are ISO strings kept at the precision of the text: ``"2025"``,
``"2025-06"`` or ``"2025-06-12"``.  News says "30일" or "on Thursday" far more
often than it gives a full date, so relative expressions are resolved against
``published``; without it they resolve to nothing rather than to a guess.
A publication date known only to the month (``2025-06``) or year (``2025``)
resolves what it can at that precision ("지난달", "last year", "지난달 30일",
"4년 전"; a bare "30일" in copy dated to the month is that month's 30th, as news
tells of days of the month it runs in) and nothing that would need the day it
does not give ("yesterday", "Thursday").
Spans may include a leading word that fixes the meaning ("지난 6월", "last June",
"on Thursday") and the "(현지시간)" that Korean wire copy appends to days.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from re import _constants, _parser  # type: ignore[attr-defined]  # to read which patterns need a digit
from typing import Any, NamedTuple

from kg.loaders.numbers import DIGIT, en_unit

#: (start, end, text, ISO value)
DateMatch = tuple[int, int, str, str]


class Anchor(NamedTuple):
    """A publication date and how much of it is known: "day", "month" or "year".

    ``day`` is the first day of the period when only the month or year is known.
    """

    day: date
    precision: str

    @property
    def year(self) -> int:
        return self.day.year

    @property
    def month(self) -> int | None:
        """The month, or None when only the year is known."""
        return None if self.precision == "year" else self.day.month

    @property
    def exact(self) -> date | None:
        """The day itself, or None when the day is not known."""
        return self.day if self.precision == "day" else None


_Handler = Callable[[re.Match[str], "Anchor | None"], "str | None"]

_YEAR_OFFSETS = {
    "재작년": -2, "지난해": -1, "작년": -1, "올해": 0, "내년": 1,
    "lastyear": -1, "thisyear": 0, "earlierthisyear": 0, "laterthisyear": 0, "nextyear": 1,
}
_MONTH_OFFSETS = {
    "지난달": -1, "이달": 0, "이번달": 0, "다음달": 1, "내달": 1,
    "lastmonth": -1, "thismonth": 0, "earlierthismonth": 0, "laterthismonth": 0,
    "nextmonth": 1,
}
_DAY_OFFSETS = {"그저께": -2, "그제": -2, "어제": -1, "오늘": 0,
                "yesterday": -1, "today": 0, "tonight": 0}
_KO_WEEKDAYS = "월화수목금토일"
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")

_EN_DAY_WORDS = frozenset({*_EN_WEEKDAYS, *_EN_MONTHS, *(w.capitalize() for w in _DAY_OFFSETS if w.isascii()),
                           "Tomorrow"})


def names_a_day(word: str) -> bool:
    """Whether a capitalized English word names a day of the calendar: a weekday, a month,
    "Today", "Yesterday", "Tomorrow" ("Monday's keynote" is an event's day, not a name)."""
    return word in _EN_DAY_WORDS


_MON_FULL = "|".join(_EN_MONTHS)
# Abbreviations only where a day or year follows: bare "Mar"/"Jun" are too ambiguous.
_MON = _MON_FULL + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_ORD = r"(?:st|nd|rd|th)?"
_KO_LOCAL = r"(?:\s?\(현지\s?시[간각]\))?"
# digit+일 is a day only when no duration word follows ("7일간", "30일 만에", "3일 전").
_KO_DAY_STOP = (r"(?!\s?(?:간|동안|만에|만|이내|내|째|치|연속|전|후|뒤|씩|가량|정도|이상|여"
                r"|밖에|짜리))")


# --- small date arithmetic -------------------------------------------------

def parse_published(published: str | None) -> date | None:
    """ISO date (a datetime's first ten characters are enough); garbage counts as absent.

    A month- or year-precision date gives the first day of its period; see
    :func:`anchor` for the precision.
    """
    found = anchor(published)
    return found.day if found else None


def anchor(published: str | None) -> Anchor | None:
    """The publication date ``published`` (``2025-06-12``, ``2025-06``, ``2025``
    or a datetime) with its precision; None when absent or not a date."""
    if not published:
        return None
    return _anchor(published)


@lru_cache(maxsize=256)
def _anchor(published: str) -> Anchor | None:
    """:func:`anchor` of a non-empty date, made once per date: the finders ask it at every
    sentence of a document, always of the document's one publication date."""
    text = published.strip()[:10]
    precision = {4: "year", 7: "month", 10: "day"}.get(len(text))
    if precision is None or not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text):
        return None
    try:
        day = date.fromisoformat(text + {"year": "-01-01", "month": "-01"}.get(precision, ""))
    except ValueError:
        return None
    return Anchor(day, precision)


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _ym(y: int, m: int) -> str | None:
    return f"{y:04d}-{m:02d}" if 1 <= m <= 12 and 1900 <= y <= 2100 else None


def _shift(y: int, m: int, months: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + months
    return n // 12, n % 12 + 1


def _month_year(m: int, pub: Anchor, mode: str) -> int | None:
    """Year of month ``m``: ``before`` is strictly before pub's month ("지난 6월"),
    ``this``/``next`` are forward-looking, anything else is on-or-before ("in June").
    None when that depends on a publication month that is not known."""
    if mode == "this":
        return pub.year
    if pub.month is None:
        return None
    if mode == "next":
        return pub.year if m > pub.month else pub.year + 1
    if mode == "before":
        return pub.year if m < pub.month else pub.year - 1
    return pub.year if m <= pub.month else pub.year - 1


def _month_day(m: int, d: int, pub: Anchor) -> str | None:
    # A year-less date in news is a past event unless it would be after publication.
    if pub.exact is not None:
        y = pub.year if (m, d) <= (pub.month, pub.exact.day) else pub.year - 1
    elif pub.month is not None:
        # The day is the text's; within the publication month it is taken as that month.
        y = pub.year if m <= pub.month else pub.year - 1
    else:
        return None  # a year alone cannot tell whether "June 12" had come yet
    return _ymd(y, m, d)


def _recent_day(d: int, pub: date) -> str | None:
    """Most recent day-of-month ``d`` on or before pub ("30일" in copy dated the 31st)."""
    y, m = pub.year, pub.month
    if d > pub.day:
        y, m = _shift(y, m, -1)
    for _ in range(3):  # skip months that lack the day (31st, 30 February)
        if (iso := _ymd(y, m, d)) is not None:
            return iso
        y, m = _shift(y, m, -1)
    return None


def _weekday(wd: int, pub: date, rel: str) -> str:
    back = (pub.weekday() - wd) % 7
    if rel == "last" and back == 0:
        back = 7  # "last Thursday" written on a Thursday means a week ago
    if rel == "next":
        return (pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)).isoformat()
    if rel in ("지난주", "이번주", "다음주"):
        monday = pub - timedelta(days=pub.weekday())
        week = {"지난주": -7, "이번주": 0, "다음주": 7}[rel]
        return (monday + timedelta(days=week + wd)).isoformat()
    return (pub - timedelta(days=back)).isoformat()


def _month_no(name: str) -> int:
    return [m[:3] for m in _EN_MONTHS].index(name[:3].capitalize()) + 1


_SPACES = re.compile(r"\s+")  # compiled once: _key runs at each date found


def _key(text: str | None) -> str:
    return _SPACES.sub("", text or "").lower()


# --- handlers: one per pattern, (match, published) -> ISO or None -----------

def _h_ymd(m: re.Match[str], pub: Anchor | None) -> str | None:
    y = int(m["y"])
    mon = _month_no(m["mon"]) if m.groupdict().get("mon") else int(m["m"])
    return _ymd(y, mon, int(m["d"])) if 1900 <= y <= 2100 else None


def _h_ym(m: re.Match[str], pub: Anchor | None) -> str | None:
    mon = _month_no(m["mon"]) if m.groupdict().get("mon") else int(m["m"])
    return _ym(int(m["y"]), mon)


def _h_year(m: re.Match[str], pub: Anchor | None) -> str | None:
    y = int(m["y"])
    return str(y) if 1900 <= y <= 2100 else None


def _h_month_day(m: re.Match[str], pub: Anchor | None) -> str | None:
    if pub is None:
        return None
    mon = _month_no(m["mon"]) if m.groupdict().get("mon") else int(m["m"])
    rel = _key(m.groupdict().get("rel"))
    if rel in _YEAR_OFFSETS:
        return _ymd(pub.year + _YEAR_OFFSETS[rel], mon, int(m["d"]))
    return _month_day(mon, int(m["d"]), pub)


def _h_month(m: re.Match[str], pub: Anchor | None) -> str | None:
    if pub is None:
        return None
    mon = _month_no(m["mon"]) if m.groupdict().get("mon") else int(m["m"])
    rel = _key(m["rel"])
    if rel in _YEAR_OFFSETS:
        return _ym(pub.year + _YEAR_OFFSETS[rel], mon)
    mode = {"지난": "before", "이번": "this", "this": "this", "next": "next"}.get(rel, "")
    year = _month_year(mon, pub, mode) if 1 <= mon <= 12 else None
    return _ym(year, mon) if year is not None else None


def _h_day(m: re.Match[str], pub: Anchor | None) -> str | None:
    if pub is None:
        return None
    rel, d = _key(m["rel"]), int(m["d"])
    if rel in _MONTH_OFFSETS:
        if pub.month is None:
            return None
        y, mon = _shift(pub.year, pub.month, _MONTH_OFFSETS[rel])
        return _ymd(y, mon, d)
    # A bare "30일" is this month's or last month's 30th: only the day can tell. Copy dated
    # only to the month tells of days of that month: news runs within days of the event.
    if pub.exact:
        return _recent_day(d, pub.exact)
    return _ymd(pub.year, pub.month, d) if pub.month is not None else None


def _h_relative(m: re.Match[str], pub: Anchor | None) -> str | None:
    w = _key(m["w"])
    if pub is None:
        return None
    if w in _YEAR_OFFSETS:
        return str(pub.year + _YEAR_OFFSETS[w])
    if w in _MONTH_OFFSETS:
        if pub.month is None:
            return None
        return _ym(*_shift(pub.year, pub.month, _MONTH_OFFSETS[w]))
    if w in _DAY_OFFSETS:
        return (pub.exact + timedelta(days=_DAY_OFFSETS[w])).isoformat() if pub.exact else None
    return None  # weeks ("지난주", "last week") are too vague for a date


def _h_ago(m: re.Match[str], pub: Anchor | None) -> str | None:
    """"4년 전", "two years ago", "3개월 전", "six months ago": at the unit's precision."""
    if pub is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else en_unit(m["n"])
    if m["unit"].startswith(("년", "year")):
        return str(pub.year - n)
    if pub.month is None:
        return None
    return _ym(*_shift(pub.year, pub.month, -n))


def _h_weekday(m: re.Match[str], pub: Anchor | None) -> str | None:
    if pub is None or pub.exact is None:
        return None  # a weekday needs the day of publication
    w = m["w"]
    wd = _KO_WEEKDAYS.index(w) if len(w) == 1 else _EN_WEEKDAYS.index(w)
    return _weekday(wd, pub.exact, _key(m["rel"]))


# --- patterns ---------------------------------------------------------------

_PATTERNS: list[tuple[re.Pattern[str], _Handler]] = [(re.compile(p), h) for p, h in [
    # numeric, either language: 2024.06.19, 2025-06-13, 2024. 6. 19.
    (r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s?([.\-/])\s?(?P<m>\d{1,2})\s?\2\s?(?P<d>\d{1,2})(?!\d)",
     _h_ymd),
    # Korean
    (rf"(?<!\d)(?P<y>\d{{4}})\s?년\s?(?P<m>\d{{1,2}})\s?월\s?(?P<d>\d{{1,2}})\s?일{_KO_LOCAL}",
     _h_ymd),
    (r"(?<!\d)(?P<y>\d{4})\s?년\s?(?P<m>\d{1,2})\s?월", _h_ym),
    (r"(?<!\d)(?P<y>\d{4})\s?년(?!대|간|\s?동안|\s?만에|\s?째)", _h_year),
    (rf"(?:(?P<rel>재작년|지난해|작년|올해|내년|지난)\s?)?(?<!\d)(?P<m>\d{{1,2}})\s?월\s?"
     rf"(?P<d>\d{{1,2}})\s?일{_KO_LOCAL}", _h_month_day),
    (r"(?:(?P<rel>재작년|지난해|작년|올해|내년|지난|이번)\s?)?(?<!\d)(?P<m>\d{1,2})\s?월",
     _h_month),
    (rf"(?:(?P<rel>지난\s?달|이달|이번\s?달|다음\s?달|내달|지난)\s?)?(?<![\d.])"
     rf"(?P<d>\d{{1,2}})\s?일{_KO_DAY_STOP}{_KO_LOCAL}", _h_day),
    (r"(?<![가-힣])(?P<w>재작년|지난해|작년|올해|내년|지난\s?달(?!러)|이달|이번\s?달(?!러)"
     r"|다음\s?달(?!러)|내달|그저께|그제|어제|오늘(?!날)|지난\s?주|이번\s?주|다음\s?주)",
     _h_relative),
    (r"(?:(?P<rel>지난\s?주|이번\s?주|다음\s?주)\s?)?(?P<w>[월화수목금토일])요일", _h_weekday),
    (r"(?<![\d.])(?P<n>\d{1,2})\s?(?P<unit>년|개월|달)\s?전(?=$|[^가-힣]|[에의인부까])", _h_ago),
    # English; month names only capitalised, so the verb "may" never becomes May
    (rf"\b(?P<mon>{_MON})\s(?P<d>\d{{1,2}}){_ORD},?\s(?P<y>\d{{4}})\b", _h_ymd),
    (rf"\b(?P<d>\d{{1,2}}){_ORD}\s(?:of\s)?(?P<mon>{_MON}),?\s(?P<y>\d{{4}})\b", _h_ymd),
    (rf"\b(?P<mon>{_MON_FULL}),?\s(?P<y>(?:19|20)\d{{2}})\b", _h_ym),
    (rf"\b(?:(?P<rel>(?i:last|this|next))\s)?(?P<mon>{_MON})\s(?P<d>\d{{1,2}}){_ORD}\b(?!,\d)",
     _h_month_day),
    (rf"\b(?P<d>\d{{1,2}}){_ORD}\s(?:of\s)?(?P<mon>{_MON_FULL})\b", _h_month_day),
    # a bare month needs a lead word: "June" alone is as often a name
    (r"\b(?i:in|since|by|during|until|till|through|from|before|after|(?:the\s)?(?:end|start"
     r"|beginning|middle)\sof|(?P<rel>last|this|next|earlier\sthis|later\sthis))"
     rf"[-\s](?:(?i:early|late|mid)[-\s])?(?P<mon>{_MON_FULL})\b", _h_month),
    (r"\b(?i:in|since|by|during|until|till|through|from|before|after|early|late|mid|of|fiscal"
     r"|(?:the\s)?(?:end|start|beginning|middle)\sof)[-\s](?P<y>(?:19|20)\d{2})\b"
     r"(?![.,]\d|\s?%|\s(?i:percent|people|employees|staff|workers))", _h_year),
    # "a 2023 funding round", "the 2017 acquisition": a year told as the deal's attribute
    (r"\b(?i:a|an|the|its|their|that)\s(?P<y>(?:19|20)\d{2})(?=\s(?i:funding|financing|investment|round"
     r"|deal|acquisition|merger|purchase|buyout|series|seed)\b)", _h_year),
    (r"\b(?P<w>(?i:yesterday|today|tonight|(?:earlier|later)\sthis\s(?:year|month|week)"
     r"|(?:last|this|next)\s(?:year|month|week)))\b", _h_relative),
    (r"\b(?P<n>\d{1,2}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten))\s"
     r"(?P<unit>(?i:years?|months?))\s(?i:ago)\b", _h_ago),
    (r"(?<!Black\s)(?<!Cyber\s)(?<!Super\s)(?<!Good\s)\b(?:(?P<rel>(?i:last|this|next|on))\s)?"
     rf"(?P<w>{'|'.join(_EN_WEEKDAYS)})\b(?!s\b)(?!,?\s(?:{_MON})\b)", _h_weekday),
]]


def _needs_digit(items: Any) -> bool:
    """Whether every match of the parsed pattern ``items`` holds a digit (``\\d``): some
    element of its top-level sequence is a digit, or a group or repeat (at least once)
    whose own sequence needs one. Alternations and lookarounds count as not needing one."""
    for op, arg in items:
        if op is _constants.SUBPATTERN and _needs_digit(arg[-1]):
            return True
        if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and arg[0] >= 1 and _needs_digit(arg[2]):
            return True
        if op is _constants.IN and list(arg) == [(_constants.CATEGORY, _constants.CATEGORY_DIGIT)]:
            return True
    return False


# Every match of a pattern without Hangul in it (the numeric and the English ones) holds
# one of these: a month or weekday name, a relative word, a year. Korean sentences
# rarely do, and then none of those patterns is tried.
_LATIN_DATE_WORD = re.compile(rf"{_MON}|{'|'.join(_EN_WEEKDAYS)}"
                              r"|(?i:yesterday|today|tonight|year|month|week)|(?:19|20)\d\d")
_HANGUL = re.compile(r"[가-힣]")


def _required_text(items: Any) -> list[str]:
    """The runs of literal characters every match of the parsed pattern ``items`` holds:
    those of its top-level sequence and of the groups in it, matched case-sensitively
    (alternations, optional parts, repeats and lookarounds count as holding none)."""
    runs: list[str] = []
    run = ""
    for op, arg in items:
        if op is _constants.LITERAL:
            run += chr(arg)
            continue
        if run:
            runs.append(run)
            run = ""
        if op is _constants.SUBPATTERN and not arg[1] & _constants.SRE_FLAG_IGNORECASE:
            runs += _required_text(arg[-1])
    if run:
        runs.append(run)
    return runs


def _required(rx: re.Pattern[str]) -> tuple[str, ...]:
    """What a sentence must hold for ``rx`` to match in it ("요일", "월"), per _required_text;
    nothing for a pattern that ignores case."""
    if rx.flags & re.IGNORECASE:
        return ()
    return tuple(_required_text(_parser.parse(rx.pattern, rx.flags)))


# the patterns to try by (the sentence has a digit, it has a _LATIN_DATE_WORD), in their
# order (the first of two candidates of the same span wins): most sentences have no digit,
# and most patterns cannot match without one; each with the text a sentence must hold for
# it to match there (most Korean patterns need "월", "일", "년" or "요일"), tested first
_PATTERNS_BY_CLUE = {
    (digit, latin): [(rx, h, _required(rx)) for rx, h in _PATTERNS
                     if (digit or not _needs_digit(_parser.parse(rx.pattern, rx.flags)))
                     and (latin or _HANGUL.search(rx.pattern))]
    for digit in (False, True) for latin in (False, True)
}


# "지난해 7월 설립 후 두 달 만에": a date, one word for what began then, and the time that
# passed after it until the act the sentence tells; the act's date is the sum
_KO_NUMERALS = {"한": 1, "두": 2, "세": 3, "석": 3, "네": 4, "넉": 4, "다섯": 5, "여섯": 6,
                "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
_KO_LATER = re.compile(r"\s?(?:[가-힣]{1,4}\s?)?(?:후|뒤|이후)\s?"
                       rf"(?P<n>\d{{1,2}}|{'|'.join(sorted(_KO_NUMERALS, key=len, reverse=True))})"
                       r"\s?(?P<unit>개월|달|년)\s?만에")


def _later(value: str, m: re.Match[str]) -> str | None:
    """``value`` moved on by the time ``m`` tells passed, at the precision the two give
    together: months need a date with its month ("2024-07" + 두 달 -> "2024-09")."""
    n = int(m["n"]) if m["n"].isdigit() else _KO_NUMERALS[m["n"]]
    y = int(value[:4])
    if m["unit"] == "년":
        return str(y + n) if len(value) == 4 else _ym(*_shift(y, int(value[5:7]), 12 * n))
    return _ym(*_shift(y, int(value[5:7]), n)) if len(value) >= 7 else None


def find(sentence: str, published: str | None) -> list[DateMatch]:
    """All resolvable date expressions in ``sentence``, in order of appearance.

    Every pattern proposes candidates; the longest wins where they overlap, so
    "2025년 6월 12일" is one day rather than a year, a month and a day.  Vague or
    unresolvable candidates still claim their text (so "지난주" cannot leak a
    fragment) but are then dropped.
    """
    pub = anchor(published)
    cands: list[tuple[int, int, str | None]] = []
    # most sentences have no digit, and most patterns cannot match without one
    clues = (DIGIT.search(sentence) is not None, _LATIN_DATE_WORD.search(sentence) is not None)
    for rx, handler, required in _PATTERNS_BY_CLUE[clues]:
        if required and not all(map(sentence.__contains__, required)):
            continue
        for m in rx.finditer(sentence):
            cands.append((m.start(), m.end(), handler(m, pub)))
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: list[tuple[int, int, str | None]] = []
    for c in cands:
        if all(c[1] <= s or c[0] >= e for s, e, _ in taken):
            taken.append(c)
    out: list[DateMatch] = []
    for s, e, v in sorted(taken):
        later = _KO_LATER.match(sentence, e) if v is not None else None
        if later is not None and not any(s2 < later.end() and e2 > e for s2, e2, _ in taken):
            # the span covers what passed, so no date in it is read as the act's too
            e, v = later.end(), _later(v, later)
        if v is not None:
            out.append((s, e, sentence[s:e], v))
    return out


def needs_anchor(sentence: str) -> list[str]:
    """The date expressions in ``sentence`` that only a publication date can
    resolve ("지난달", "30일", "last month", "on Thursday"), in order.

    A document without a publication date leaves these unresolved rather
    than guessing; this tells what was left.
    """
    absolute = {(s, e) for s, e, _, _ in find(sentence, None)}
    return [text for s, e, text, _ in find(sentence, "2000-06-15") if (s, e) not in absolute]


def resolve(text: str, published: str | None) -> str | None:
    """The first date expression in ``text`` as ISO, or None if there is none."""
    found = find(text, published)
    return found[0][3] if found else None
