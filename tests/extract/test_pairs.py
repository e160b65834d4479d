"""The pair relation model: examples from gold, features without names, deterministic fits."""

from __future__ import annotations

from kg.extract.pairs import PairModel, Span, pair_features, tokens
from kg.extract.train_pairs import document_examples, fit, model_file

RECORD = {
    "doc": "en-x.txt", "lang": "en",
    "entities": {"Velqor": [], "Maya Orlov": [], "Tessaract": []},
    "facts": [
        {"subject": "Velqor", "relation": "HIRED", "object": "Maya Orlov",
         "evidence": "Velqor hired Maya Orlov from Tessaract last week."},
        {"subject": "Maya Orlov", "relation": "DEPARTED", "object": "Tessaract", "optional": True,
         "evidence": "Velqor hired Maya Orlov from Tessaract last week."},
    ],
}
TEXT = "Velqor hired Maya Orlov from Tessaract last week. Tessaract makes robot arms."


def test_examples_label_the_evidence_pair_and_leave_optional_facts_out() -> None:
    examples = [(rel, label) for rel, _f, label, _d in document_examples(RECORD, TEXT)]
    assert ("HIRED", 1) in examples
    assert ("WORKS_AT", 0) in examples  # the pair is related, but not by this relation
    # Maya Orlov -> Velqor is a DEPARTED negative; Maya Orlov -> Tessaract is optional: neither
    assert examples.count(("DEPARTED", 0)) == 1 and ("DEPARTED", 1) not in examples


def test_features_never_name_the_entities() -> None:
    sentence = "Velqor hired Maya Orlov from Tessaract last week."
    feats = pair_features(sentence, tokens(sentence, "en"), Span(0, 6, "Organization"),
                          Span(13, 23, "Person"), "en")
    assert "bw=hired" in feats and "types=OP" in feats
    assert not any("velqor" in k or "orlov" in k for k in feats)


def test_fitting_is_deterministic_and_the_model_scores_its_training_pair() -> None:
    examples = document_examples(RECORD, TEXT) * 3
    first, second = fit(examples, min_count=1), fit(examples, min_count=1)
    assert model_file(first, {"HIRED": 0.5}, {}) == model_file(second, {"HIRED": 0.5}, {})
    model = PairModel({"weights": first, "thresholds": {"HIRED": 0.5}})
    hired = next(f for rel, f, label, _ in examples if rel == "HIRED" and label)
    assert model.score("HIRED", hired) > 0.5
