"""The simplified reading of English sentences (kg.extract.en.simplify, stage ``simplify``).

Sentences are written for the project. Each fact below needs the reading without the
inserted description: it comes out with the stage on and not with it off.
"""

from __future__ import annotations

import pytest

from kg.extract.document import disabled, extract_document
from kg.extract.en.simplify import simplified
from kg.graph.model import Claim, Document
from kg.graph.registry import default_registry
from kg.loaders.segment import split_sentences


def inserted_spans(masked: str) -> list[tuple[int, int]]:
    """Spans of ``masked`` that the simplified reading leaves out, in order."""
    reading = simplified(masked, list(range(len(masked) + 1)))
    if reading is None:
        return []
    kept = set(reading[1])
    spans: list[tuple[int, int]] = []
    for i in range(len(masked)):
        if i not in kept:
            if spans and spans[-1][1] == i:
                spans[-1] = (spans[-1][0], i + 1)
            else:
                spans.append((i, i + 1))
    return spans


def _claims(text: str, *without: str) -> list[Claim]:
    doc = Document(id="x", path="x.txt", text=text, lang="en", published="2026-03-02",
                   sentences=tuple(split_sentences(text, "en")))
    with disabled(*without):
        return extract_document(doc, default_registry())


def _facts(text: str, *without: str) -> dict[tuple[str, str, str], Claim]:
    return {(c.relation, c.subject.name, c.object.name): c for c in _claims(text, *without)}


# -- the masked text -----------------------------------------------------------

@pytest.mark.parametrize(("masked", "reading"), [
    ("⟨O0⟩ – an AI chip startup founded in 2020 – received $15 million from ⟨O1⟩.",
     "⟨O0⟩ received $15 million from ⟨O1⟩."),
    ("⟨O0⟩, a startup founded in 2020 by former ⟨O2⟩ engineers, raised $5 million.",
     "⟨O0⟩ raised $5 million."),
    ("⟨O0⟩ (a unit of ⟨O1⟩) hired ⟨P2⟩.", "⟨O0⟩ hired ⟨P2⟩."),
    ("⟨P0⟩, who left ⟨O1⟩ last year, joined ⟨O2⟩.", "⟨P0⟩ joined ⟨O2⟩."),
    ("⟨O0⟩ (⟨O1⟩), South Korea's largest mobile carrier, said ⟨o2⟩ has partnered with ⟨O3⟩.",
     "⟨O0⟩ said ⟨o2⟩ has partnered with ⟨O3⟩."),
    ("⟨O0⟩ on Thursday invested $2 billion in ⟨O1⟩.", "⟨O0⟩ invested $2 billion in ⟨O1⟩."),
    ("⟨O0⟩ earlier this year partnered with ⟨O1⟩.", "⟨O0⟩ partnered with ⟨O1⟩."),
    ("⟨O0⟩ on March 3, 2024, acquired ⟨O1⟩.", "⟨O0⟩ acquired ⟨O1⟩."),
    ("⟨O0⟩ two weeks ago hired ⟨P1⟩.", "⟨O0⟩ hired ⟨P1⟩."),
    # a description of kind before a name, from the article or the first word that is none
    ("⟨P0⟩, co-founder and CEO of AI computing startup ⟨O1⟩, said.",
     "⟨P0⟩, co-founder and CEO of ⟨O1⟩, said."),
    ("⟨O0⟩ acquired the San Francisco-based data-labeling company ⟨O1⟩.", "⟨O0⟩ acquired ⟨O1⟩."),
    ("⟨O0⟩ acquires chipmaker ⟨O1⟩.", "⟨O0⟩ acquires ⟨O1⟩."),
    # a name made a modifier, a venture capital firm, a possessor that only describes
    ("⟨O0⟩ and ⟨P1⟩-backed venture capital firm ⟨O2⟩ invested in ⟨O3⟩.",
     "⟨O0⟩ and ⟨O2⟩ invested in ⟨O3⟩."),
    ("⟨O0⟩'s shareholders include South Korea's largest telecom company ⟨O1⟩ and "
     "the world's second-largest memory chipmaker ⟨O2⟩.", "⟨O0⟩'s shareholders include ⟨O1⟩ and ⟨O2⟩."),
    ("⟨O0⟩ serves clients including ⟨O1⟩ and AI firms such as ⟨O2⟩.",
     "⟨O0⟩ serves clients including ⟨O1⟩ and ⟨O2⟩."),
])
def test_a_description_inserted_after_a_name_is_left_out(masked: str, reading: str) -> None:
    offsets = list(range(len(masked) + 1))
    result = simplified(masked, offsets)
    assert result is not None
    text, kept = result
    assert text == reading
    # every character kept maps to where it stands in the sentence as written
    assert len(kept) == len(text) + 1
    assert all(masked[kept[i]] == ch for i, ch in enumerate(text))
    assert kept[-1] == len(masked)


@pytest.mark.parametrize("masked", [
    "⟨O0⟩, ⟨O1⟩ and ⟨O2⟩ invested in ⟨O3⟩.",  # a list, not a description
    "⟨O0⟩, a startup, and ⟨O1⟩ invested in ⟨O3⟩.",  # the comma joins a list
    "⟨O1⟩ invested in ⟨O0⟩, a startup founded in 2020.",  # nothing follows the description
    "⟨O0⟩ – the startup's backer – ⟨O1⟩ invested.",  # no predicate after the dashes
    "⟨O0⟩ hired ⟨P1⟩ – a former ⟨O2⟩ engineer.",  # a dash that is not closed again
    "⟨O0⟩ invested in ⟨O1⟩ last month.",  # a time phrase after the predicate
    "⟨O0⟩ in the past invested in ⟨O1⟩.",  # no date-like time phrase
    "⟨O0⟩ last year and ⟨O1⟩ invested in ⟨O2⟩.",  # a conjunction follows, no predicate
    "⟨O0⟩'s chip unit ⟨O1⟩ hired ⟨P2⟩.",  # a description its possessor owns tells the owner
    "⟨O0⟩ and its parent company ⟨O1⟩ cut jobs.",
    "⟨O0⟩ hired engineers from rival AI company ⟨O1⟩.",  # a noun of relation is what is told
])
def test_what_is_no_inserted_description_stays(masked: str) -> None:
    assert simplified(masked, list(range(len(masked) + 1))) is None
    assert inserted_spans(masked) == []


def test_inserted_spans_are_the_characters_left_out() -> None:
    masked = "⟨O0⟩ (a unit of ⟨O1⟩) hired ⟨P2⟩."
    assert [masked[s:e] for s, e in inserted_spans(masked)] == [" (a unit of ⟨O1⟩)"]


# -- the stage -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "fact"), [
    ("Rebellions – a chip startup founded in 2020 by former Samsung engineers – acquired Sapeon in July.",
     ("ACQUIRED", "Rebellions", "Sapeon")),
    ("Rebellions, South Korea's biggest chip startup, acquired Sapeon in July.",
     ("ACQUIRED", "Rebellions", "Sapeon")),
    ("Cohere, which is based in Toronto, has partnered with Oracle.",
     ("PARTNERED_WITH", "Cohere", "Oracle")),
    ("Cohere – a Toronto-based rival of OpenAI – has partnered with Oracle.",
     ("PARTNERED_WITH", "Cohere", "Oracle")),
])
def test_a_rule_reaches_the_predicate_across_an_inserted_description(text: str, fact: tuple) -> None:
    assert fact in _facts(text)
    assert fact not in _facts(text, "simplify")


def test_a_rule_reads_a_name_across_the_description_of_kind_before_it() -> None:
    text = "Andrew Feldman, co-founder and CEO of AI computing startup Cerebras Systems, said it."
    assert ("WORKS_AT", "Andrew Feldman", "Cerebras") in _facts(text)
    assert ("WORKS_AT", "Andrew Feldman", "Cerebras") not in _facts(text, "simplify")


@pytest.mark.parametrize(("text", "fact"), [
    ("Meta on Thursday invested $14.3 billion in Scale AI, the data labeling startup.",
     ("INVESTED_IN", "Meta", "Scale AI")),
    ("Microsoft earlier this year partnered with Mistral AI to sell its models.",
     ("PARTNERED_WITH", "Microsoft", "Mistral AI")),
    ("OpenAI in 2024 hired Kevin Weil as chief product officer.", ("HIRED", "OpenAI", "Kevin Weil")),
])
def test_a_rule_reaches_the_predicate_across_a_time_phrase(text: str, fact: tuple) -> None:
    assert fact in _facts(text)
    assert fact not in _facts(text, "simplify")


def test_the_date_of_a_time_phrase_left_out_is_still_read() -> None:
    text = "OpenAI in 2024 hired Kevin Weil as chief product officer."
    assert _facts(text)[("HIRED", "OpenAI", "Kevin Weil")].qualifiers["date"] == "2024"


def test_spans_evidence_and_qualifiers_are_those_of_the_sentence_as_written() -> None:
    text = "Rebellions (a unit of KT) acquired Sapeon for $100 million in July."
    claim = _facts(text)[("ACQUIRED", "Rebellions", "Sapeon")]
    assert claim.evidence == text
    assert claim.qualifiers["amount"] == 100_000_000
    assert claim.qualifiers["currency"] == "USD"
    assert claim.qualifiers["date"] == "2025-07"


def test_facts_of_the_simplified_reading_obey_the_same_rules() -> None:
    # a plan is no fact, read with the description or without it
    text = "Cohere, a Toronto-based rival of OpenAI, plans to acquire Perplexity."
    assert ("ACQUIRED", "Cohere", "Perplexity") not in _facts(text)


def test_the_description_is_read_as_before() -> None:
    # the description's own fact is the original reading's, and it is told once
    text = "Cohere, an early investor in OpenAI, has partnered with Oracle."
    with_stage = _claims(text)
    without = _claims(text, "simplify")
    stakes = [c for c in with_stage if c.relation == "INVESTED_IN"]
    assert [(c.subject.name, c.object.name) for c in stakes] == [("Cohere", "OpenAI")]
    assert [c for c in without if c.relation == "INVESTED_IN"][0].qualifiers == stakes[0].qualifiers


def test_a_relation_the_full_reading_told_is_not_read_again() -> None:
    # read without the description, the layoff's subject could only shift onto the
    # unit named beside it; the full reading already told whose layoff it is
    text = ("Cohere, a Toronto-based rival of OpenAI, has closed its search unit, Perplexity, "
            "cutting 60 jobs last week.")
    layoffs = {(c.subject.name, c.object.name) for c in _claims(text) if c.relation == "LAID_OFF"}
    assert layoffs and all(subject == "Cohere" for subject, _ in layoffs)


def test_a_list_the_full_reading_cut_short_is_read_whole() -> None:
    # the full reading told the relation for the last investor only; the simplified one
    # keeps it and adds the others, so their investments are read too
    text = ("Intel, Qualcomm and Ashton Kutcher-backed venture capital firm Sound Ventures also "
            "participated in Hugging Face's latest funding round.")
    investors = {c.subject.name for c in _claims(text) if c.relation == "INVESTED_IN"
                 and c.object.name == "Hugging Face"}
    assert {"Intel", "Qualcomm", "Sound Ventures"} <= investors
    assert not {c.subject.name for c in _claims(text, "simplify") if c.relation == "INVESTED_IN"
                and c.object.name == "Hugging Face"} >= {"Intel", "Qualcomm"}
