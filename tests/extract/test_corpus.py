"""The annotated corpus as data: the fixed validation split and gold mention projection."""

from __future__ import annotations

from kg.extract.corpus import entity_types, gold_mentions, split_records, validation_docs

RECORD = {
    "doc": "ko-x01.txt", "lang": "ko",
    "entities": {"Norvik Labs": ["노르빅랩스", "노르빅"], "Hana Seo": ["서하나"], "Arden": []},
    "facts": [
        {"subject": "Norvik Labs", "relation": "HIRED", "object": "Hana Seo"},
        {"subject": "Hana Seo", "relation": "DEPARTED", "object": "Arden"},
    ],
}


def test_validation_split_is_every_fifth_document_in_sorted_order() -> None:
    names = [f"doc-{i:03d}.txt" for i in range(23, 0, -1)]  # any input order
    held = validation_docs(names)
    assert held == {"doc-005.txt", "doc-010.txt", "doc-015.txt", "doc-020.txt"}
    records = [{"doc": n} for n in names]
    fit = {r["doc"] for r in split_records(records, "fit")}
    assert fit.isdisjoint(held) and len(fit) + len(held) == len(names)


def test_entity_types_come_from_the_relations_argument_types() -> None:
    types = entity_types(RECORD)
    assert types == {"Norvik Labs": "Organization", "Hana Seo": "Person", "Arden": "Organization"}


def test_gold_mentions_project_every_surface_form_longest_first() -> None:
    sentence = "노르빅랩스는 아든을 떠난 서하나를 영입했다. 노르빅은 Arden과 경쟁한다."
    found = [(sentence[m.start:m.end], m.entity, m.type) for m in gold_mentions(sentence, RECORD)]
    assert found == [("노르빅랩스", "Norvik Labs", "Organization"), ("서하나", "Hana Seo", "Person"),
                     ("노르빅", "Norvik Labs", "Organization"), ("Arden", "Arden", "Organization")]


def test_gold_mentions_respect_latin_word_boundaries() -> None:
    record = {"entities": {"Arden": []}, "facts": []}
    assert gold_mentions("Gardens of Ardenne", record) == []
    assert len(gold_mentions("Arden's chief, Arden.", record)) == 2
