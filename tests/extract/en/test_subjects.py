"""The English subject chain and people named by a bare executive title (kg.extract.en.subjects)."""

from __future__ import annotations

from kg.extract.document import disabled
from kg.extract.en.subjects import clause_subject
from tests.extract.en.test_english import claims, facts, find


def test_a_bare_title_works_at_the_organization_the_clause_is_about() -> None:
    got = facts("Acme, under chief operating officer Jane Roe, cut its prices.")
    assert ("Jane Roe", "WORKS_AT", "Acme") in got


def test_the_title_is_kept_as_the_qualifier() -> None:
    cs = claims("Acme, under chief operating officer Jane Roe, cut its prices.")
    assert find(cs, "WORKS_AT", "Jane Roe", "Acme").qualifiers["title"] == "chief operating officer (COO)"


def test_a_clause_without_an_organization_takes_the_subject_of_the_sentence_before() -> None:
    got = facts("Globex reorganized its leadership on Monday.",
                "Her reports will include chief financial officer Jane Roe and chief product officer "
                "John Doe.")
    assert {("Jane Roe", "WORKS_AT", "Globex"), ("John Doe", "WORKS_AT", "Globex")} <= got


def test_the_subject_chain_is_not_the_most_named_organization() -> None:
    # Acme is named most, but the sentence before the title is about Hooli.
    got = facts("Acme bought Umbrella Labs.", "Acme said Acme would keep the brand.",
                "Hooli lost its biggest customer this year.",
                "The board then named chief executive Jane Roe to the audit committee.")
    assert ("Jane Roe", "WORKS_AT", "Hooli") in got
    assert ("Jane Roe", "WORKS_AT", "Acme") not in got


def test_the_chain_reaches_one_sentence_back() -> None:
    got = facts("Globex reorganized its leadership on Monday.",
                "Shares fell by a tenth.", "Analysts were not surprised.",
                "The board then named chief executive Jane Roe to the audit committee.")
    assert not any(f[0] == "Jane Roe" and f[1] == "WORKS_AT" for f in got)


def test_a_former_title_or_another_organization_between_is_no_post_here() -> None:
    assert not any(f[:2] == ("Jane Roe", "WORKS_AT") for f in facts(
        "Acme, under former chief executive Jane Roe, cut its prices."))
    got = facts("Acme said Globex hired chief executive Jane Roe.")
    assert ("Jane Roe", "WORKS_AT", "Acme") not in got


def test_the_stage_can_be_switched_off() -> None:
    # a title after a plain clause word, which only the subject chain places ("under chief
    # operating officer X" is a rule's too, en.works_at.bare_title_name_after_preposition)
    sentence = "Acme cut its prices, and chief operating officer Jane Roe spoke to analysts."
    assert ("Jane Roe", "WORKS_AT", "Acme") in facts(sentence)
    with disabled("subjects"):
        got = facts(sentence)
    assert ("Jane Roe", "WORKS_AT", "Acme") not in got


def test_clause_subject_skips_a_dateline_and_a_leading_phrase() -> None:
    from kg.extract.en.anaphora import Entity, Mention

    acme = Entity("Acme", "Organization", "org:acme")
    mentions = [Mention(0, 4, "Acme", acme, "registry")]
    assert clause_subject("SAN FRANCISCO - On Monday, ⟨O0⟩ cut prices.", mentions) == (acme, True)
    assert clause_subject("Prices at ⟨O0⟩ fell.", mentions) == (None, False)
    assert clause_subject("Northwind Traders said it would sue ⟨O0⟩.", mentions) == (None, True)


def test_a_title_at_the_start_of_a_sentence_takes_the_chain_not_the_most_named_organization() -> None:
    story = ("Acme bought Umbrella Labs.", "Acme said Acme would keep the brand.",
             "Hooli cut its prices on Monday.")
    got = facts(*story, "CEO Jane Roe said the cut was needed.")
    assert ("Jane Roe", "WORKS_AT", "Hooli") in got
    assert ("Jane Roe", "WORKS_AT", "Acme") not in got
    with disabled("subjects"):
        assert ("Jane Roe", "WORKS_AT", "Acme") in facts(*story, "CEO Jane Roe said the cut was needed.")


def test_a_description_with_no_antecedent_in_its_sentence_is_the_chain_organization() -> None:
    story = ("Acme bought Umbrella Labs.", "Acme said Acme would keep the brand.",
             "Hooli cut its prices on Monday.", "The company also hired Jane Roe.")
    assert ("Hooli", "HIRED", "Jane Roe") in facts(*story)
    with disabled("subjects"):
        assert ("Acme", "HIRED", "Jane Roe") in facts(*story)


def test_a_subordinate_clause_before_the_subject_is_not_the_main_clause() -> None:
    # "After Acme ..., Hooli ...": the sentence is about Hooli, so "the company" next is Hooli.
    got = facts("After Acme lured engineers away from two labs last month, a second giant—Hooli—is "
                "following suit.",
                "To grow its lab, the company has hired Jane Roe from Globex.")
    assert ("Hooli", "HIRED", "Jane Roe") in got
    assert ("Acme", "HIRED", "Jane Roe") not in got
