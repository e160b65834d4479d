"""Money in the export: ISO 4217 codes, US-dollar equivalents, round totals.

Amounts are stored as the text gives them (``132.1e9`` KRW, ``40e9`` USD),
which ranks won above dollars when sorted as numbers. The export adds a US
dollar equivalent computed from a shipped, dated table of yearly average
rates (``data/usd_rates.csv``, source named there and in the ontology):

* the rate of the fact's year (the first four characters of its ``date``);
  an undated fact, or one dated after the table's last year, takes the
  table's last year, one dated before its first year the first year;
* no equivalent when the currency is not in the table.

The named Cypher query ``investments`` applies the same rule, written out as
a CASE expression generated from the same table (:func:`cypher_per_usd`),
so Cypher and SPARQL rank investments alike.

A round total copied onto every co-investor is not each investor's amount:
two investments in one organization with the same amount and currency, read
from the same sentence, are taken to share a round total (``kg:roundTotal``).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

RATES_FILE = "usd_rates.csv"
ISO4217_FILE = "iso4217.txt"
RATES_SOURCE = "https://www.irs.gov/individuals/international-taxpayers/yearly-average-currency-exchange-rates"
RATES_SOURCE_TITLE = "U.S. Internal Revenue Service, Yearly Average Currency Exchange Rates"


def _data_lines(name: str) -> list[str]:
    text = resources.files("kg.graph").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def iso4217() -> tuple[str, ...]:
    """The ISO 4217 codes the shapes accept (``data/iso4217.txt``), sorted."""
    return tuple(sorted(_data_lines(ISO4217_FILE)))


@cache
def rates() -> dict[str, dict[str, str]]:
    """``{currency: {year: units per USD}}`` as written in the table (decimal text)."""
    out: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(_data_lines(RATES_FILE)):
        out.setdefault(row["currency"], {})[row["year"]] = row["per_usd"]
    return {cur: dict(sorted(years.items())) for cur, years in sorted(out.items())}


def rate_year(currency: str, date: str | None) -> str | None:
    """The year of the table whose rate converts an amount of ``date``."""
    years = list(rates().get(currency, {}))
    if not years:
        return None
    year = (date or "")[:4]
    if not year or year > years[-1]:
        return years[-1]
    return year if year in years else years[0] if year < years[0] else years[-1]


def usd_equivalent(amount: float | None, currency: str | None, date: str | None) -> float | None:
    """``amount`` in US dollars by the rule above, or None when it cannot be converted.

    Plain float division, as Cypher's, so both give the very same number.
    """
    if amount is None or not currency:
        return None
    if currency == "USD":
        return float(amount) / 1.0
    year = rate_year(currency, date)
    if year is None:
        return None
    return float(amount) / float(rates()[currency][year])


def cypher_per_usd(currency: str = "r.currency", year: str = "y") -> str:
    """A Cypher CASE giving the units of ``currency`` per USD for the 4-character ``year``.

    Both LadybugDB and Neo4j understand it; a currency not in the table gives NULL.
    """
    lines = [f"CASE {currency}", "  WHEN 'USD' THEN 1.0"]
    for cur, years in rates().items():
        items = list(years.items())
        first, last = items[0], items[-1]
        arms = [f"WHEN {year} <= '{first[0]}' THEN {first[1]}"]
        arms += [f"WHEN {year} = '{y}' THEN {r}" for y, r in items[1:-1]]
        arms.append(f"ELSE {last[1]}")
        lines.append(f"  WHEN '{cur}' THEN CASE " + " ".join(arms) + " END")
    lines.append("END")
    return "\n".join(lines)
