"""Normalizers for the quantities in Korean and English AI-industry news.

Extractors find an investment, a stake or a head count in a sentence and need
the number behind it: ``"143억 달러(약 20조원)"`` is 14.3 billion USD (with the
won figure kept as ``alt``), ``"지분 49%"`` is 49.0, ``"20여명"`` is 20, and
``"30일(현지시간)"`` is a day that only the publication date can pin down.

Every ``find_*`` function returns :class:`Span` objects in order of
appearance; every value is exact where the text is exact and absent where it is
vague ("수십억 달러", "tens of billions", "hundreds of engineers", "last week"):
a wrong number in the graph is worse than a missing one.

Pure standard library.  Date handling lives in :mod:`kg.loaders.dates` and is
re-exported here, so callers import everything from this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from kg.loaders import dates as _dates
from kg.loaders.numbers import DIGIT, EN_TENS, EN_UNITS, en_unit

__all__ = [
    "Money", "Span", "find_money", "parse_money", "find_counts", "find_percents",
    "find_dates", "resolve_date",
]

_T = TypeVar("_T")


@dataclass(frozen=True)
class Money:
    """A sum of money in units of ``currency`` (ISO 4217)."""

    amount: float
    currency: str
    alt: tuple[float, str] | None = None  # same sum in a second currency, e.g. "(약 20조원)"
    approximate: bool = False  # 약, about, up to, 이상, a range ...


@dataclass(frozen=True)
class Span:
    """A match in a sentence: ``sentence[start:end] == text``."""

    start: int
    end: int
    text: str
    value: object  # Money | int | float | str (ISO date), depending on the finder


# --- numbers ----------------------------------------------------------------

# "1,200" or "14.3"; a comma group must be exactly three digits, so "3,4" is not 34.
_N = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Korean numbers are written in 만-groups: "1조 3600억", "4억5000만", "8조4천억", "20여억".
# a 만-group may itself be written with 천/백: "2천600억", "3천5백억".
_KO_CHUNK = (rf"(?:(?:{_N})여?\s?[천백]\s?)+(?:(?:{_N})여?\s?)?[조억만]여?"
             rf"|(?:{_N})여?\s?[조억만]여?")
_KO_TAIL = rf"(?:{_N})여?(?:\s?[천백])?"
_KO_AMOUNT = rf"(?:{_KO_CHUNK}\s?)+(?:{_KO_TAIL})?|{_KO_TAIL}"
_KO_BIG = {"조": 10**12, "억": 10**8, "만": 10**4}
_KO_SMALL = {"천": 1000, "백": 100}


# a figure, a 천/백 unit or a 조/억/만 group of a Korean number; compiled once, not looked
# up in re's cache at each sum
_KO_NUMBER_PART = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)|(?P<s>[천백])|(?P<b>[조억만])")
_KO_APPROX = re.compile(r"약|대략|최대|최소|최고|거의")


def _ko_number(text: str) -> Decimal:
    """Value of a Korean-style number such as "1조 3,600억" or "8조4천억"."""
    total = section = Decimal(0)
    current: Decimal | None = None
    for m in _KO_NUMBER_PART.finditer(text):
        if m["n"]:
            current = Decimal(m["n"].replace(",", ""))
        elif m["s"]:
            section += (current if current is not None else 1) * _KO_SMALL[m["s"]]
            current = None
        else:
            section += current or 0
            total += (section or 1) * _KO_BIG[m["b"]]
            section, current = Decimal(0), None
    return total + section + (current or 0)


# --- money --------------------------------------------------------------------

_KO_CURRENCY = (  # checked in order by prefix of the matched word
    ("호주", "AUD"), ("캐나다", "CAD"), ("홍콩", "HKD"), ("싱가포르", "SGD"), ("대만", "TWD"),
    ("미", "USD"), ("달러", "USD"), ("원", "KRW"), ("유로", "EUR"), ("엔", "JPY"),
    ("위안", "CNY"), ("파운드", "GBP"),
)
_EN_CURRENCY = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD",
    "s$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "usd": "USD", "eur": "EUR",
    "gbp": "GBP", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "krw": "KRW", "aud": "AUD",
    "cad": "CAD", "dollar": "USD", "euro": "EUR", "pound": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "won": "KRW",
}
_SCALE = {"trillion": 10**12, "tn": 10**12, "t": 10**12, "billion": 10**9, "bn": 10**9,
          "b": 10**9, "million": 10**6, "mn": 10**6, "m": 10**6, "thousand": 1000, "k": 1000}

# Each Korean currency noun, the country words that may stand before it, and what may not
# follow it: "엔지니어", "유로존", "파운드리" or "원칙" right after a number are no currencies.
_KO_CURRENCY_NOUNS = (
    ("달러", r"(?:미국|미|호주|캐나다|홍콩|싱가포르|대만)?\s?", ""),
    ("원", "", r"(?!칙|자|장|전)"),
    ("유로", "", r"(?!존)"),
    ("엔", "", r"(?![비지진터씨젤데트드])"),
    ("위안", "", ""),
    ("파운드", "", r"(?!리)"),
)
_KO_CUR = "|".join(f"{country}{noun}화?{not_after}" for noun, country, not_after in _KO_CURRENCY_NOUNS)
_KO_MONEY = re.compile(
    r"(?P<pre>(?:(?<![가-힣])(?:약|대략|최대|최소|최고|거의|미화)\s?){0,2})"
    rf"(?<![\d.,])(?:(?P<lo>{_KO_AMOUNT})\s?[~∼\-]\s?)?(?P<amt>{_KO_AMOUNT})\s?"
    rf"(?P<cur>{_KO_CUR})(?P<suf>대|\s?(?:가량|정도|이상|이하|미만|안팎|내외|남짓|넘게|넘는))?"
)
_EN_APPROX = (r"(?i:about|around|approximately|roughly|nearly|almost|some|over|more\sthan|up\sto"
              r"|as\smuch\sas|as\shigh\sas|at\sleast|close\sto|an\sestimated|estimated|less\sthan"
              r"|under|upwards\sof|north\sof|just\sover|just\sunder|above|below)")
# "$14.3?billion": a "?" is a non-breaking space lost in a text's encoding; "a $235-million
# round": the compound adjective joins the scale with a hyphen.
_EN_SCALE = r"(?:\s|(?<=\d)[?-])?(?i:trillion|billion|million|thousand|tn|bn|mn)\b|[mbkMBKT]\b|\s[MBT]\b"
_EN_PREFIXED = re.compile(
    rf"(?:\b(?P<pre>{_EN_APPROX})\s)?"
    r"(?P<sym>US\s?\$|U\.S\.\s?\$|A\$|C\$|HK\$|S\$|\$|€|£|¥|₩"
    r"|\b(?:USD|EUR|GBP|JPY|CNY|RMB|KRW|AUD|CAD)\s?)"
    rf"(?:(?P<lo>{_N})\s?[-–]\s?)?(?P<num>{_N})(?P<scale>{_EN_SCALE})?"
    r"(?P<suf>(?i:-plus|\splus|\sor\smore)\b|\+)?"
)
_EN_SUFFIXED = re.compile(
    rf"(?:\b(?P<pre>{_EN_APPROX})\s)?(?<![\w.,$€£¥₩])(?P<num>{_N})"
    r"(?P<scale>\s?(?i:trillion|billion|million|thousand|tn|bn|mn)\b)?\s"
    r"(?P<cur>(?:(?:US|U\.S\.)\s)?(?i:dollar|euro|pound)s?(?:\ssterling)?|yen|yuan|renminbi|won"
    r"|USD|EUR|GBP|JPY|CNY|RMB|KRW)\b"
)
# What every match of _EN_PREFIXED (a symbol or code) and of _EN_SUFFIXED (a currency word
# or code) holds: a sentence without it is not scanned with that pattern.
_EN_PREFIX_CLUE = re.compile(r"[$€£¥₩]|USD|EUR|GBP|JPY|CNY|RMB|KRW|AUD|CAD")
_EN_SUFFIX_CLUE = re.compile(r"(?i:dollar|euro|pound)|yen|yuan|renminbi|won|USD|EUR|GBP|JPY|CNY|RMB|KRW")
# So does every match of _KO_MONEY (a currency noun's first syllable); the pattern tries its
# amount alternation at every digit (a quarter of find_money's time on Korean articles).
_KO_CLUE = re.compile(f"[{''.join(noun[0] for noun, _, _ in _KO_CURRENCY_NOUNS)}]")
# "(약 20조원)", "(about $14.3 billion)", "(20조 원 상당)": a conversion of the sum before it.
_ALT_OPEN = re.compile(r"\s?[(（]\s?")
_ALT_CLOSE = re.compile(r"(?:\s?(?:규모|상당|정도))?\s?[)）]")


def _ko_currency(word: str) -> str:
    word = word.replace(" ", "")
    return next(code for prefix, code in _KO_CURRENCY if word.startswith(prefix))


def _en_currency(word: str) -> str:
    """ISO code for "$", "US$", "USD ", "U.S. dollars", "euros", "pounds sterling" ..."""
    w = re.sub(r"\s+", "", word.lower())
    if w in _EN_CURRENCY:
        return _EN_CURRENCY[w]
    w = re.sub(r"^(?:u\.s\.|us)", "", w).removesuffix("sterling")
    return _EN_CURRENCY.get(w) or _EN_CURRENCY[w.removesuffix("s")]


def _money_ko(m: re.Match[str]) -> Money:
    approx = bool(_KO_APPROX.search(m["pre"]) or m["lo"] or m["suf"]
                  or "여" in m["amt"])
    return Money(float(_ko_number(m["amt"])), _ko_currency(m["cur"]), approximate=approx)


def _money_en(m: re.Match[str]) -> Money | None:
    scale_word = (m["scale"] or "").strip().lstrip("?-").lower()
    cur_word = m.groupdict().get("sym") or m["cur"]
    if cur_word == "won" and not scale_word and "," not in m["num"]:
        return None  # "3 won" is more often the verb than the currency
    currency = _en_currency(cur_word)
    amount = Decimal(m["num"].replace(",", "")) * _SCALE.get(scale_word, 1)
    approx = bool(m["pre"] or m.groupdict().get("lo") or m.groupdict().get("suf"))
    return Money(float(amount), currency, approximate=approx)


def find_money(sentence: str) -> list[Span]:
    """Sums of money in ``sentence``; value: :class:`Money`.

    A range ("220억~225억달러", "$20-25 billion") gives its upper bound, marked
    approximate.  Vague sums ("수십억 달러", "tens of billions") give nothing.
    A parenthesised second currency right after a sum becomes that sum's ``alt``
    and the two form one span.
    """
    if not DIGIT.search(sentence):
        return []  # every sum has a figure (_N): most sentences need no scan
    cands: list[tuple[int, int, Money]] = []
    for rx, conv, clue in ((_KO_MONEY, _money_ko, _KO_CLUE), (_EN_PREFIXED, _money_en, _EN_PREFIX_CLUE),
                           (_EN_SUFFIXED, _money_en, _EN_SUFFIX_CLUE)):
        if clue is not None and not clue.search(sentence):
            continue
        for m in rx.finditer(sentence):
            if (money := conv(m)) is not None:
                cands.append((m.start(), m.end(), money))
    cands = _non_overlapping(cands)
    spans: list[Span] = []
    i = 0
    while i < len(cands):
        start, end, money = cands[i]
        if i + 1 < len(cands) and (op := _ALT_OPEN.match(sentence, end)) is not None:
            nstart, nend, other = cands[i + 1]
            close = _ALT_CLOSE.match(sentence, nend)
            # a same-currency aside ("$1 billion ($400 million cash)") is a part, not a conversion
            if nstart == op.end() and close is not None and other.currency != money.currency:
                money = Money(money.amount, money.currency, (other.amount, other.currency),
                              money.approximate)
                end, i = close.end(), i + 1
        spans.append(Span(start, end, sentence[start:end], money))
        i += 1
    return spans


def parse_money(text: str) -> Money | None:
    """The first sum of money in ``text`` ("$14.3B", "약 20조원"), or None if vague or absent."""
    found = find_money(text)
    value = found[0].value if found else None
    return value if isinstance(value, Money) else None


def _non_overlapping(cands: list[tuple[int, int, _T]]) -> list[tuple[int, int, _T]]:
    """Keep the longest of overlapping candidates, then order by position."""
    taken: list[tuple[int, int, _T]] = []
    for c in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
        if all(c[1] <= s or c[0] >= e for s, e, _ in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c[0])


# --- head counts --------------------------------------------------------------

_KO_NATIVE_UNITS = ["한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉"]
_KO_NATIVE_TENS = {"열": 10, "스물": 20, "서른": 30, "마흔": 40, "쉰": 50}
_KO_NATIVE = {w: i + 1 for i, w in enumerate(_KO_NATIVE_UNITS)} | {"스무": 20} | {
    t + u: tv + uv for t, tv in _KO_NATIVE_TENS.items()
    for u, uv in [("", 0)] + [(w, i + 1) for i, w in enumerate(_KO_NATIVE_UNITS)]
    if t != "스물" or u}
_EN_WORDNUM = (
    rf"(?:a|one|two|three|four|five|six|seven|eight|nine)\s(?:hundred|thousand)"
    rf"|(?:a|one|two|three|half\sa)\sdozen"
    rf"|(?:{'|'.join(EN_TENS)})(?:[-\s](?:{'|'.join(EN_UNITS[:9])}))?|{'|'.join(EN_UNITS[::-1])}"
)
_COUNT_NOUN = (r"people|persons|employees?|staff(?:ers)?|workers?|positions?|roles?|jobs?|hires"
               r"|researchers?|engineers?|scientists?|developers?|contractors?|executives?"
               r"|managers?|founders?|co-founders?|members|leaders|specialists|experts|scholars")
# Words allowed between a number and its noun: proper names ("three OpenAI researchers"),
# hyphenated adjectives ("full-time") and a few common ones; anything else (a verb, "of")
# breaks the link so "2 companies hired engineers" gives no count of 2.
_COUNT_MOD = (r"(?!(?:year|month|week|day|hour)s?-)[a-z]+-[a-z-]+|[A-Z][\w&.'-]*|new|additional"
              r"|more|senior|junior|former|current|top|key|leading|other|existing|permanent"
              r"|temporary|contract|software|research|technical|engineering|sales|remote|skilled"
              r"|talented|veteran|star|prominent|tech|staff|of\s(?:its|their|the|his|her|our)")
_EN_COUNT = re.compile(
    rf"(?<![\w$€£¥₩.,-])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+\.\d+(?=\s(?:thousand|million))|\d+"
    rf"|(?i:{_EN_WORDNUM}))"
    r"(?P<scale>\s(?:thousand|million))?"
    rf"(?:\s(?:{_COUNT_MOD})){{0,3}}?\s(?:{_COUNT_NOUN})\b"
)
# every English count ends in one of its nouns: a sentence without one needs no scan
_COUNT_NOUN_AFTER_SPACE = re.compile(rf"\s(?:{_COUNT_NOUN})\b")
_YEAR_LEAD = re.compile(r"(?i:\b(?:in|since|by|from|until|during|of|early|late))\s$")
_KO_COUNT = re.compile(
    rf"(?<![\d.,])(?P<num>{_KO_AMOUNT})\s?명(?!단|칭|확|시|령|예|성|문|품)"
    rf"|(?<![가-힣])(?P<word>{'|'.join(sorted(_KO_NATIVE, key=len, reverse=True))})\s?명"
    r"(?!단|칭|확|시|령|예|성|문|품)"
)


def _en_wordnum(text: str) -> int:
    words = re.split(r"[-\s]+", text.lower())
    if words[-1] == "dozen":
        return {"a": 12, "one": 12, "two": 24, "three": 36, "half": 6}[words[0]]
    if words[-1] in ("hundred", "thousand"):
        head = en_unit(words[0])
        return head * (100 if words[-1] == "hundred" else 1000)
    if words[0] in EN_TENS:
        tail = en_unit(words[1]) if len(words) > 1 else 0
        return (EN_TENS.index(words[0]) + 2) * 10 + tail
    return en_unit(words[0])


def find_counts(sentence: str) -> list[Span]:
    """Head counts of people or positions; value: int.

    Korean needs the counter 명 ("200명", "약 600명", "20여명" = 20, "두 명");
    English needs a noun such as employees, researchers or positions after the
    number, possibly past a few modifiers ("200 full-time positions", "three
    OpenAI researchers").  Vague counts ("hundreds", "수십 명") give nothing.
    """
    cands: list[tuple[int, int, int]] = []
    # a Korean count has its counter 명: a sentence without one needs no scan
    for m in _KO_COUNT.finditer(sentence) if "명" in sentence else ():
        if m["word"]:
            cands.append((m.start(), m.end(), _KO_NATIVE[m["word"]]))
            continue
        value = _ko_number(m["num"])
        if value == value.to_integral_value() and value > 0:
            cands.append((m.start(), m.end(), int(value)))
    for m in _EN_COUNT.finditer(sentence) if _COUNT_NOUN_AFTER_SPACE.search(sentence) else ():
        num = m["num"]
        if num[0].isdigit():
            amount = Decimal(num.replace(",", ""))
            if (len(num) == 4 and 1900 <= amount <= 2100
                    and _YEAR_LEAD.search(sentence, 0, m.start())):
                continue  # "in 2023 Google engineers ..." is a year, not a count
        else:
            amount = Decimal(_en_wordnum(num))
            if amount == 1 and " of " in m.group():
                continue  # "one of the founders" singles a person out; it counts nobody
        if m["scale"]:
            amount *= 1000 if m["scale"].strip() == "thousand" else 10**6
        cands.append((m.start(), m.end(), int(amount)))
    return [Span(s, e, sentence[s:e], v) for s, e, v in _non_overlapping(cands)]


# --- percentages --------------------------------------------------------------

_PERCENT = re.compile(
    rf"(?<![\d.,])(?P<n>{_N})\s?(?:%|％|퍼센트|(?i:percent|per\scent)\b)"
    r"|(?<![\d.])(?P<den>\d+)\s?분의\s?(?P<numr>\d+)(?!\d)"
    # English fractions only where they describe a share, not "a third round"
    r"|\b(?P<fw>(?i:a|one|two|three))[-\s](?P<frac>(?i:thirds?|quarters?|fifths?))"
    r"(?=\s(?:of|stake|share|interest|ownership|equity)\b)"
)
_FRACTION = {"third": 3, "quarter": 4, "fifth": 5}
# every percentage has a digit or a fraction word: a sentence with neither needs no scan
_PERCENT_CLUE = re.compile(r"\d|(?i:third|quarter|fifth)")


def find_percents(sentence: str) -> list[Span]:
    """Percentages; value: float ("49%" 49.0, "3분의 1" 33.3, "two-thirds of" 66.7)."""
    spans = []
    for m in _PERCENT.finditer(sentence) if _PERCENT_CLUE.search(sentence) else ():
        if m["n"]:
            value = float(m["n"].replace(",", ""))
        elif m["den"]:
            if int(m["den"]) == 0:
                continue
            value = round(100 * int(m["numr"]) / int(m["den"]), 1)
        else:
            numer = {"a": 1, "one": 1, "two": 2, "three": 3}[m["fw"].lower()]
            value = round(100 * numer / _FRACTION[m["frac"].lower().rstrip("s")], 1)
        spans.append(Span(m.start(), m.end(), m.group(), value))
    return spans


# --- dates --------------------------------------------------------------------

def find_dates(sentence: str, published: str | None) -> list[Span]:
    """Dates; value: ISO string at the text's precision ("2025", "2025-06", "2025-06-12").

    Relative expressions ("지난달", "30일(현지시간)", "on Thursday", "in June") are
    resolved against ``published`` (ISO date) and skipped when it is None; vague
    ones ("지난주", "last week") are always skipped.
    """
    return [Span(s, e, t, v) for s, e, t, v in _dates.find(sentence, published)]


def resolve_date(text: str, published: str | None) -> str | None:
    """One date expression as ISO at its precision, or None when vague or unresolvable."""
    return _dates.resolve(text, published)
