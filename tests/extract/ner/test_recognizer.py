"""The learned name recognizer: names it has never seen, and reproducible training.

Sentences and the small corpus under ``corpus/`` are invented for the project;
every name in them is fictional.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kg.errors import KgError
from kg.extract.ner import MentionRecognizer, NamedSpan, recognizer
from kg.extract.ner.corpus import load_documents, validation_docs
from kg.extract.ner.recognizer import spans_from_labels
from kg.extract.ner.tokens import english_sentences

REPO = Path(__file__).resolve().parents[3]
CORPUS = Path(__file__).resolve().parent / "corpus"


def names(text: str, spans: list[NamedSpan]) -> set[tuple[str, str]]:
    return {(text[s.start : s.end], s.type) for s in spans}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "ko",
            "인공지능 스타트업 퀀텀리프가 시리즈A 투자를 유치했다.",
            {("퀀텀리프", "Organization")},
        ),
        (
            "ko",
            "라온랩스 창업자 김도윤은 기자들에게 이렇게 말했다.",
            {("라온랩스", "Organization"), ("김도윤", "Person")},
        ),
        (
            "ko",
            "로봇 스타트업 벨로아이는 최윤서 전 카디널소프트 연구소장을 최고기술책임자로 영입했다.",
            {("최윤서", "Person"), ("카디널소프트", "Organization")},
        ),
        (
            "en",
            "Zentrix Labs hired Maya Orlov as CTO.",
            {("Zentrix Labs", "Organization"), ("Maya Orlov", "Person")},
        ),
        (
            "en",
            "Marlo Voss, co-founder of the robotics startup Tessaract Dynamics, said the company"
            " raised $30 million.",
            {("Marlo Voss", "Person"), ("Tessaract Dynamics", "Organization")},
        ),
    ],
)
def test_finds_unseen_company_and_person(lang: str, text: str, expected: set[tuple[str, str]]) -> None:
    spans = recognizer(lang).find(text)
    assert expected <= names(text, spans)
    assert all(0.0 < s.score <= 1.0 for s in spans)


def test_offsets_index_the_text_across_sentences_and_lines() -> None:
    text = "Nothing here.\n\nLater, the startup Orvane Metrics hired Priya Castellano as CTO."
    spans = recognizer("en").find(text)
    assert ("Orvane Metrics", "Organization") in names(text, spans)
    assert text.index("Orvane") in {s.start for s in spans}


def test_recognizer_is_cached_per_language() -> None:
    assert recognizer("ko") is recognizer("ko")
    assert recognizer("ko") is not recognizer("en")


def test_unknown_language_and_missing_model_are_clean_errors(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="no name recognizer for language 'fr'"):
        MentionRecognizer("fr")
    with pytest.raises(KgError, match="model missing"):
        MentionRecognizer("en", tmp_path / "nothing.crfsuite")


def test_english_tokens_keep_dotted_names_and_split_possessives() -> None:
    text = "Character.AI and Quorra Inc. hired A.I. staff in the U.S.; O'Hara's team grew."
    forms = [t.form for sent in english_sentences(text) for t in sent]
    assert {"Character.AI", "Inc.", "A.I.", "U.S.", "O'Hara"} <= set(forms)
    assert forms[forms.index("O'Hara") + 1] == "'s"


def test_spans_from_labels_reads_bio_and_repairs_a_stray_inside_label() -> None:
    labels = ["B-ORG", "I-ORG", "O", "I-PER", "I-PER", "B-PER", "O"]
    assert spans_from_labels(labels) == [(0, 2, "ORG"), (3, 5, "PER"), (5, 6, "PER")]


def test_validation_split_is_every_fifth_document_in_sorted_order() -> None:
    docs = [f"d{i:02d}.txt" for i in range(12, 0, -1)]
    assert validation_docs(docs) == {"d05.txt", "d10.txt"}


def test_gold_projection_labels_names_and_leaves_particles_out() -> None:
    doc = load_documents(CORPUS / "train", {"ko-a.txt"})[0]
    first = doc.sentences[0]
    labelled = [(t.form, label) for t, label in zip(first.tokens, first.labels(), strict=True)]
    assert ("이", "O") in labelled  # the particle after 루미노스랩 is not part of the name
    assert [m.type for m in first.mentions] == ["ORG", "ORG"]
    assert {doc.text[m.start : m.end] for m in first.mentions} == {"루미노스랩", "한빛벤처스"}


def _train(out: Path) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "train.py"), "--data", str(CORPUS), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("*.crfsuite"))}


def test_training_is_reproducible_byte_for_byte(tmp_path: Path) -> None:
    first = _train(tmp_path / "one")
    second = _train(tmp_path / "two")
    assert set(first) == {"ko.crfsuite", "en.crfsuite"}
    assert first == second
    # the model trained on the small corpus works: it reads a name of its training data
    trained = MentionRecognizer("en", tmp_path / "one" / "en.crfsuite")
    assert trained.find("Quillon AI hired Dara Whitfield as chief technology officer.")


def test_training_never_reads_the_validation_split() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from train import training_documents
    finally:
        sys.path.remove(str(REPO / "scripts"))
    used = {d.name for d in training_documents(CORPUS)}
    assert "ko-b.txt" not in used  # sorted(train)[4::5]
    assert used == {"en-a.txt", "en-b.txt", "en-c.txt", "ko-a.txt", "en-d.txt", "ko-c.txt"}


def test_train_script_names_a_missing_corpus(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "train.py"), "--data", str(tmp_path), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "gold.jsonl: no such file" in result.stderr


def file_tagger(lang: str) -> Any:  # a pycrfsuite.Tagger
    """A tagger of the shipped model as the file has it (attributes named by their features)."""
    import pycrfsuite

    from kg.extract.ner.recognizer import model_path

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path(lang)))
    return tagger


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_model_attributes_read_from_the_file_are_the_ones_crfsuite_lists(lang: str) -> None:
    from kg.extract.ner.recognizer import _attribute_names, model_path

    names = _attribute_names(model_path(lang).read_bytes())
    assert names is not None and frozenset(names) == frozenset(file_tagger(lang).info().attributes)
    assert _attribute_names(b"not a model at all, just some bytes") is None


@pytest.mark.parametrize(("lang", "text"), [
    ("ko", "인공지능 스타트업 퀀텀리프가 시리즈A 투자를 유치했다. 라온랩스 창업자 김도윤은 이렇게 말했다."),
    ("en", "Zentrix Labs hired Maya Orlov, a former Quorra AI researcher, as its chief scientist."),
])
def test_leaving_out_features_the_model_lacks_changes_no_tag_or_marginal(lang: str, text: str) -> None:
    from kg.extract.ner.features import sentence_features
    from kg.extract.ner.tokens import sentences

    model = recognizer(lang)
    tagger = file_tagger(lang)
    for tokens in sentences(text, lang):
        every = sentence_features(tokens, text, lang)
        known = sentence_features(tokens, text, lang, model._attributes)
        assert sum(map(len, known)) < sum(map(len, every))  # some were left out
        results = []
        for xseq in (every, known):
            tagger.set(xseq)
            labels = tagger.tag()
            results.append((labels, [[tagger.marginal(y, i) for y in tagger.labels()]
                                     for i in range(len(tokens))]))
        assert results[0] == results[1]


def test_span_scores_are_the_lowest_marginal_of_the_span_as_tag_gives_them() -> None:
    from kg.extract.ner.tokens import sentences

    text = "인공지능 스타트업 퀀텀리프가 시리즈A 투자를 유치했다. 라온랩스 창업자 김도윤은 이렇게 말했다."
    model = recognizer("ko")
    for tokens in sentences(text, "ko"):
        labels, marginals = model.tag(tokens, text)
        expected = []
        for first, last, kind in spans_from_labels(labels):
            probs = [marginals[first][f"B-{kind}"]]
            probs += [marginals[k][f"I-{kind}"] for k in range(first + 1, last)]
            if last < len(tokens):
                probs.append(1.0 - marginals[last][f"I-{kind}"])
            expected.append((tokens[first].start, tokens[last - 1].end, round(min(probs), 4)))
        assert expected  # the sentence names someone
        assert [(s.start, s.end, s.score) for s in model.find_in_tokens(tokens, text)] == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("ko", "인공지능 스타트업 퀀텀리프가 시리즈A 투자를 유치했다. 라온랩스 창업자 김도윤 CEO는 말했다."),
    ("en", "Zentrix Labs hired Maya Orlov, a former Quorra AI researcher, as its chief scientist."),
])
def test_features_handed_to_the_tagger_as_bytes_are_the_feature_strings_encoded(lang: str, text: str) -> None:
    from kg.extract.ner.features import sentence_features
    from kg.extract.ner.tokens import sentences

    model = recognizer(lang)
    for tokens in sentences(text, lang):
        for known in (None, model._attributes):
            as_text = sentence_features(tokens, text, lang, known)
            as_bytes = sentence_features(tokens, text, lang, known, encoded=True)
            assert as_bytes == [[feature.encode() for feature in feats] for feats in as_text]
            assert all(isinstance(feature, bytes) for feats in as_bytes for feature in feats)


SENTENCES = [
    ("ko", "인공지능 스타트업 퀀텀리프가 시리즈A 투자를 유치했다. 라온랩스 창업자 김도윤 CEO는 말했다."),
    ("ko", "벼리로보틱스의 박서연 대표는 ‘오픈 AI’와 미스트랄AI·삼성전자가 협력한다고 밝혔다."),
    ("en", "Zentrix Labs hired Maya Orlov, a former Quorra AI researcher, as its chief scientist."),
]


@pytest.mark.parametrize(("lang", "text"), SENTENCES)
def test_the_model_loaded_with_short_attribute_names_tags_as_the_file_does(lang: str, text: str) -> None:
    """The recognizer loads its model with the attributes renamed to three bytes each and
    hands the tagger those names: the labels and every marginal are the file's."""
    from kg.extract.ner.features import AttributeKeys, sentence_features
    from kg.extract.ner.tokens import sentences

    model = recognizer(lang)
    assert isinstance(model._encoded, AttributeKeys)
    tagger = file_tagger(lang)
    for tokens in sentences(text, lang):
        handed = sentence_features(tokens, text, lang, model._attributes, encoded=model._encoded)
        assert sum(len(f) == 3 for feats in handed for f in feats) > 0.9 * sum(map(len, handed))
        results = []
        for each, xseq in ((tagger, sentence_features(tokens, text, lang, model._attributes, encoded=True)),
                           (model._tagger, handed)):
            each.set(xseq)
            results.append((each.tag(), [[each.marginal(y, i) for y in sorted(each.labels())]
                                         for i in range(len(tokens))]))
        assert results[0] == results[1]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_hash_of_attribute_names_is_the_one_the_model_file_indexes_them_by(lang: str) -> None:
    """Every attribute of the shipped model sits in its dictionary under the hash computed
    here (the renamed dictionary is written with it); misnamed ids are refused."""
    import struct

    from kg.extract.ner.recognizer import _attribute_names, _hashlittle, _renamed, model_path

    data = model_path(lang).read_bytes()
    names = _attribute_names(data)
    assert names
    chunk = struct.unpack_from("<I", data, 36)[0]
    backward = struct.unpack_from("<I", data, chunk + 20)[0]
    slots = set()
    for t in range(256):
        at, n = struct.unpack_from("<2I", data, chunk + 24 + 8 * t)
        if at:
            values = struct.unpack_from(f"<{2 * n}I", data, chunk + at)
            slots.update(zip(values[::2], values[1::2], strict=True))
    records = struct.unpack_from(f"<{len(names)}I", data, chunk + backward)
    keys = [name.encode() + b"\0" for name in names]
    for length in {len(key) for key in keys}:  # one length at a time
        ids = [aid for aid, key in enumerate(keys) if len(key) == length]
        hashes = _hashlittle(b"".join(keys[aid] for aid in ids), length)
        assert set(zip(hashes, [records[aid] for aid in ids], strict=True)) <= slots
    assert _renamed(data, names) is not None
    assert _renamed(data, names[1:] + names[:1]) is None


def test_a_model_that_cannot_be_renamed_is_loaded_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    module = sys.modules[MentionRecognizer.__module__]  # (the package's ``recognizer`` is the function)
    text = SENTENCES[0][1]
    renamed = MentionRecognizer("ko")
    monkeypatch.setattr(module, "_renamed", lambda data, names: None)
    as_is = MentionRecognizer("ko")
    assert as_is._encoded is True
    assert as_is.find(text) == renamed.find(text)
    assert renamed.find(text)
