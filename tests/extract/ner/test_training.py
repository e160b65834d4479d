"""Training options of the name recognizer: copies read without the gazetteer, and a
model folder other than the shipped one. Sentences are invented for the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.ner.corpus import load_documents
from kg.extract.ner.features import gazetteer, sentence_features
from kg.extract.ner.recognizer import MODELS_ENV, model_path
from kg.extract.ner.tokens import english_sentences
from kg.extract.ner.training import COPIES, training_sentences

CORPUS = Path(__file__).resolve().parent / "corpus"


def _registry_name() -> str:
    """A registry organization of one capitalized word (the gazetteer tags it)."""
    return next(k for k, v in sorted(gazetteer("en").items()) if v == "ORG" and k.isalpha() and len(k) > 4)


def test_features_without_the_gazetteer_read_every_token_as_outside_any_registry_name() -> None:
    name = _registry_name().capitalize()
    text = f"The startup {name} hired Maya Orlov as CTO."
    tokens = english_sentences(text)[0]
    with_gaz = sentence_features(tokens, text, "en")
    blind = sentence_features(tokens, text, "en", use_gazetteer=False)
    assert any(f.startswith("gz=B-") for feats in with_gaz for f in feats)
    assert all(not f.startswith(("gz=B", "gz=I", "-1:gz=B", "-1:gz=I", "1:gz=B", "1:gz=I"))
               for feats in blind for f in feats)
    # only the gazetteer's features differ
    strip = [[f for f in feats if "gz=" not in f] for feats in with_gaz]
    assert strip == [[f for f in feats if "gz=" not in f] for feats in blind]


@pytest.mark.parametrize("blind", [0, 1, 2])
def test_the_last_blind_swapped_copies_are_read_without_the_gazetteer(blind: int) -> None:
    docs = load_documents(CORPUS / "train") + load_documents(CORPUS / "dev")
    for lang in ("ko", "en"):
        sents = list(training_sentences(docs, lang, copies=2, blind=blind))
        copies = [s for s in sents if s.mentions and not any(m.entity for m in s.mentions)]
        originals = [s for s in sents if s not in copies]
        assert all(s.gazetteer for s in originals)
        assert sum(not s.gazetteer for s in copies) > 0 if blind else all(s.gazetteer for s in copies)
        if blind == 2:
            assert not any(s.gazetteer for s in copies)


def test_copies_are_set_for_each_language() -> None:
    assert set(COPIES) == {"ko", "en"}
    assert all(0 <= blind <= copies for copies, blind in COPIES.values())


def test_model_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(MODELS_ENV, raising=False)
    assert model_path("ko").name == "ko.crfsuite" and model_path("ko").parent.name == "data"
    monkeypatch.setenv(MODELS_ENV, str(tmp_path))
    assert model_path("en") == tmp_path / "en.crfsuite"
