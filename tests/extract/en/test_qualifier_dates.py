"""Which date and which valuation an English fact takes when its sentence or document holds several."""

from __future__ import annotations

import pytest

from tests.extract.en.test_english import claims, find


def test_a_founding_date_in_an_apposition_does_not_date_the_investment() -> None:
    cs = claims("Initech AI, a startup founded in 2020, received a $15 million investment from Hooli.",
                published="2024-08")
    c = find(cs, "INVESTED_IN", "Hooli", "Initech AI")
    assert c.qualifiers["date"] != "2020"


def test_founded_in_still_dates_a_founding() -> None:
    cs = claims("Jane Roe founded Umbrella Labs in 2019.", published="2024-08")
    assert find(cs, "FOUNDED", "Jane Roe", "Umbrella Labs").qualifiers.get("date") == "2019"


def test_a_date_closing_the_matched_clause_dates_it() -> None:
    cs = claims("At around the same time Hooli announced its investment in Initech AI to power its "
                "financial services clients in August, the startup cut 13% of its staff.",
                published="2025-10")
    assert find(cs, "INVESTED_IN", "Hooli", "Initech AI").qualifiers["date"] == "2025-08"


def test_a_date_in_a_later_relative_clause_does_not() -> None:
    cs = claims("Hooli acquired Umbrella Labs which had raised money from Zeta Partners in 2019.",
                published="2025-03-14")
    assert find(cs, "ACQUIRED", "Hooli", "Umbrella Labs").qualifiers["date"] != "2019"


def test_announced_late_friday_dates_the_telling() -> None:
    cs = claims("John Doe has stepped down as CEO of Umbrella Labs and from its board to pursue other "
                "ventures within the sector, the company announced late Friday.",
                published="2024-03-23")  # a Saturday
    assert find(cs, "DEPARTED", "John Doe", "Umbrella Labs").qualifiers["date"] == "2024-03-22"


def test_a_valued_at_cue_belongs_to_the_sum_after_it_not_to_a_later_one() -> None:
    cs = claims("Initech AI was valued at $4.5 billion in a $235-million funding round.",
                "Hooli also participated in Initech AI's latest funding round.",
                published="2023-08-24")
    assert find(cs, "INVESTED_IN", "Hooli", "Initech AI").qualifiers["valuation"] == pytest.approx(4.5e9)


def test_the_first_valuation_told_is_the_one_investments_carry() -> None:
    cs = claims("Initech AI said it raised $1 billion in a round led by Zeta Partners, "
                "valuing it at $14 billion.",
                "Hooli also participated in the latest round of funding for Initech AI.",
                "In 2021, Initech AI raised $325 million in a round that valued it at about $7.3 billion.",
                published="2024-05-21")
    assert find(cs, "INVESTED_IN", "Hooli", "Initech AI").qualifiers["valuation"] == pytest.approx(14e9)
