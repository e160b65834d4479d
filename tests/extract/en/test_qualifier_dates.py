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


def test_a_date_after_an_apposition_closing_the_clause_dates_it() -> None:
    cs = claims("It is the second deal for Hooli, after the firm bought Umbrella Labs, a maker of "
                "warehouse robots, in 2019.", published="2024-12-16")
    assert find(cs, "ACQUIRED", "Hooli", "Umbrella Labs").qualifiers["date"] == "2019"
    cs = claims("Initech AI received a $15 million investment from Zeta Partners, the venture arm of "
                "Globex, in July.", published="2024-08")
    assert find(cs, "INVESTED_IN", "Zeta Partners", "Initech AI").qualifiers["date"] == "2024-07"


def test_a_date_after_an_apposition_and_another_clause_does_not() -> None:
    cs = claims("Hooli bought Umbrella Labs, a maker of robots, which Globex had funded in 2019.",
                published="2024-12-16")
    assert find(cs, "ACQUIRED", "Hooli", "Umbrella Labs").qualifiers["date"] != "2019"


def test_a_stage_named_round_and_the_round_told_again() -> None:
    cs = claims("Initech AI said on Tuesday it had raised $500 million in a late-stage funding round "
                "led by Zeta Partners.",
                "Hooli also participated in the latest round of funding for Initech AI.",
                published="2024-05-21")
    assert find(cs, "INVESTED_IN", "Zeta Partners", "Initech AI").qualifiers["round"] == "late-stage"
    assert find(cs, "INVESTED_IN", "Hooli", "Initech AI").qualifiers["round"] == "late-stage"
    cs = claims("Initech AI raised $40 million in an early-stage round led by Zeta Partners.")
    assert find(cs, "INVESTED_IN", "Zeta Partners", "Initech AI").qualifiers["round"] == "early-stage"


def test_a_round_told_again_is_no_round_of_another_company() -> None:
    cs = claims("Initech AI raised $500 million in a late-stage round led by Zeta Partners.",
                "Hooli also participated in the latest round of funding for Umbrella Labs.",
                published="2024-05-21")
    got = [c for c in cs if c.relation == "INVESTED_IN" and c.object.name == "Umbrella Labs"]
    assert all("round" not in c.qualifiers for c in got)


def test_investors_in_that_funding_take_the_date_of_the_round_told_before() -> None:
    cs = claims("A 2022 funding round valued Initech AI at $2 billion.",
                "Hooli and Zeta Partners participated in that funding.",
                published="2025-12-30")
    for investor in ("Hooli", "Zeta Partners"):
        q = find(cs, "INVESTED_IN", investor, "Initech AI").qualifiers
        assert q["date"] == "2022" and q["valuation"] == pytest.approx(2e9)


def test_a_year_told_as_the_deals_attribute_is_a_date() -> None:
    from kg.loaders.normalize import find_dates

    assert [s.value for s in find_dates("It was the 2017 acquisition of a chip maker.", None)] == ["2017"]
    assert [s.value for s in find_dates("The 2017 models were slower.", None)] == []


def test_the_next_sentence_naming_both_parties_dates_the_event() -> None:
    cs = claims("Before the deal, Hooli was an investor in Initech AI.",
                "Hooli was the lead investor in Initech AI's $200 million funding round from June 2023.",
                published="2024-03-20")
    assert find(cs, "INVESTED_IN", "Hooli", "Initech AI").qualifiers["date"] == "2023-06"


def test_a_next_sentence_naming_both_parties_but_not_the_event_does_not() -> None:
    cs = claims("Before the deal, Hooli was an investor in Initech AI.",
                "Hooli and Initech AI both opened offices in Paris in June 2023.",
                published="2024-03-20")
    assert find(cs, "INVESTED_IN", "Hooli", "Initech AI").qualifiers["date"] == "2024-03-20"


def test_a_joining_told_as_background_takes_the_clause_year_never_the_publication_date() -> None:
    cs = claims("Jang Woosan was a researcher at Hooli before joining Initech AI in 2019.",
                "Jane Roe worked at Hooli for a decade prior to joining Initech AI.",
                published="2025-03-14")
    assert find(cs, "HIRED", "Initech AI", "Jang Woosan").qualifiers.get("date") == "2019"
    assert "date" not in find(cs, "HIRED", "Initech AI", "Jane Roe").qualifiers
