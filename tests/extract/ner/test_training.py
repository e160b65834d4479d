"""Training options of the name recognizer: copies read without the gazetteer, sentences
holding names the gold leaves unlabelled, and a model folder other than the shipped one.
Sentences are invented for the project."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.extract.ner.corpus import Document, Mention, Sentence, load_documents
from kg.extract.ner.features import gazetteer, sentence_features
from kg.extract.ner.recognizer import MODELS_ENV, model_path
from kg.extract.ner.tokens import english_sentences, sentences
from kg.extract.ner.training import (
    COMMON_DOCS,
    COPIES,
    DETECT,
    PARTIAL,
    PLAIN_NOUN,
    common_words,
    run_type,
    swapped,
    training_sentences,
    unlabelled_runs,
)

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


def _sentence(text: str, lang: str, names: dict[str, str]) -> Sentence:
    """One sentence of ``text`` with the given names (surface -> "ORG"/"PER") labelled."""
    tokens = sentences(text, lang)[0]
    mentions = [Mention(text.index(n), text.index(n) + len(n), kind, n, False) for n, kind in names.items()]
    return Sentence("x.txt", lang, text, tokens, sorted(mentions, key=lambda m: m.start))


def _runs(sent: Sentence, detect: str = "broad", common: frozenset[str] = frozenset()) -> list[str]:
    return [sent.text[sent.tokens[a].start : sent.tokens[b - 1].end]
            for a, b in unlabelled_runs(sent, common, detect)]


def test_an_english_capitalized_run_the_gold_leaves_unlabelled_is_found() -> None:
    sent = _sentence("Brightwell Robotics hired Maya Orlov in March, Chinese rivals said on Monday.",
                     "en", {"Brightwell Robotics": "ORG"})
    # first in its sentence, a month, a weekday and a demonym are not names
    assert _runs(sent) == ["Maya Orlov"]
    assert _runs(sent, common=frozenset({"Maya", "Orlov"})) == []


def test_a_title_case_line_has_no_unlabelled_runs() -> None:
    sent = _sentence("Brightwell Robotics Raises New Money From Harbor Peak", "en",
                     {"Brightwell Robotics": "ORG"})
    assert _runs(sent) == []


def test_a_korean_full_name_beside_a_title_is_a_cued_run() -> None:
    sent = _sentence("소프트웨어 업체 아르테미아는 신규 서비스를 공개했다고 방민후 기자가 전했다.",
                     "ko", {"아르테미아": "ORG"})
    assert _runs(sent, "cued") == ["방민후"]
    assert run_type(sent, *unlabelled_runs(sent, frozenset(), "cued")[0]) == "PER"


def test_words_left_unlabelled_in_many_documents_are_common_words() -> None:
    docs = []
    for k in range(COMMON_DOCS):
        doc = Document(f"en-{k}.txt", "en", "", {}, {})
        doc.sentences.append(_sentence("Brightwell Robotics opened an office in Nairobi this year.", "en",
                                       {"Brightwell Robotics": "ORG"}))
        docs.append(doc)
    assert "Nairobi" in common_words(docs, "en")
    assert "Nairobi" not in common_words(docs[:-1], "en")


def test_a_swapped_copy_replaces_an_unlabelled_run_with_a_plain_noun_labelled_outside() -> None:
    sent = _sentence("Brightwell Robotics hired Maya Orlov as chief executive.", "en",
                     {"Brightwell Robotics": "ORG"})
    pools = {"ORG": ["Harbor Peak"], "PER": ["Lena Marchetti"]}
    copy = swapped(sent, pools, random.Random(0), unlabelled_runs(sent, frozenset()))
    assert copy is not None
    assert copy.text == f"Harbor Peak hired {PLAIN_NOUN['en']} as chief executive."
    assert [(copy.text[m.start : m.end], m.type) for m in copy.mentions] == [("Harbor Peak", "ORG")]
    assert copy.labels()[:2] == ["B-ORG", "I-ORG"] and set(copy.labels()[2:]) == {"O"}


@pytest.mark.parametrize("partial", ["keep", "drop", "swap", "label"])
def test_sentences_with_unlabelled_names_are_kept_dropped_or_swapped(partial: str) -> None:
    text = "Brightwell Robotics hired Alex Moreno as chief executive."
    doc = Document("en-x.txt", "en", text, {"Brightwell Robotics": []},
                   {"Brightwell Robotics": "Organization"})
    doc.sentences.append(_sentence(text, "en", {"Brightwell Robotics": "ORG"}))
    out = list(training_sentences([doc], "en", copies=2, blind=0, partial=partial, detect="broad"))
    texts = [s.text for s in out]
    if partial == "keep":
        assert texts[0] == text and len(out) == 3
    elif partial == "drop":
        assert out == []
    elif partial == "swap":
        assert len(out) == 2 and all(PLAIN_NOUN["en"] in t and "Alex" not in t for t in texts)
    else:  # "Alex" is a first name: labelled a person, in the sentence and swapped in its copies
        assert texts[0] == text and [m.type for m in out[0].mentions] == ["ORG", "PER"]
        assert len(out) == 3 and all(len(s.mentions) == 2 for s in out)


def test_partial_and_detect_are_set_for_each_language() -> None:
    assert set(PARTIAL) == set(DETECT) == {"ko", "en"}
    assert set(PARTIAL.values()) <= {"keep", "drop", "swap", "label"}
    assert set(DETECT.values()) <= {"broad", "cued"}
