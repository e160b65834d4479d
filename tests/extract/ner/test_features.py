"""The recognizer's gazetteer feature: registry names in a sentence, tagged B-/I-.

The tagger folds spans through a per-sentence index instead of calling
``fold`` on every span; these tests hold it to folding every span, on plain
text and on text whose characters NFKC changes (full-width letters, ㈜).
Sentences are invented for the project.
"""

from __future__ import annotations

import pytest

from kg.extract.ko.text import tokenize
from kg.extract.ner.features import MAX_NAME_TOKENS, gazetteer, gazetteer_tags, sentence_features
from kg.extract.ner.tokens import Token, english_sentences
from kg.graph.registry import fold


def tags_by_folding_every_span(tokens: list[Token], text: str, lang: str) -> list[str]:
    """The definition: at each token the longest run of tokens whose text folds to a registry name."""
    names = gazetteer(lang)
    tags = [""] * len(tokens)
    i = 0
    while i < len(tokens):
        for n in range(min(MAX_NAME_TOKENS, len(tokens) - i), 0, -1):
            kind = names.get(fold(text[tokens[i].start : tokens[i + n - 1].end]))
            if kind:
                tags[i : i + n] = [f"B-{kind}"] + [f"I-{kind}"] * (n - 1)
                i += n
                break
        else:
            i += 1
    return tags


ENGLISH = [
    "Meta invested $14.3 billion in Scale AI, and Alexandr Wang joined Meta's new lab.",
    "“OpenAI and Mistral AI,” she said — Samsung Electronics declined to comment.",
    "Ｏｐｅｎ ＡＩ's rival, Clément Delangue's company, met Scale_AI staff.",  # full-width, é, underscore
    "Nothing here names a company at all.",
]
KOREAN = [
    "메타가 스케일AI에 143억 달러를 투자했고 알렉산드르 왕이 메타에 합류했다.",
    "‘오픈 AI’와 미스트랄AI·삼성전자가 협력한다고 밝혔다.",
    "㈜LG와 ＬＧ그룹, 그리고 스케일 AI는 발표했다.",  # characters NFKC rewrites
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_gazetteer_tags_equal_folding_every_span(text: str) -> None:
    for tokens in english_sentences(text):
        assert gazetteer_tags(tokens, text, "en") == tags_by_folding_every_span(tokens, text, "en")


@pytest.mark.parametrize("text", KOREAN)
def test_korean_gazetteer_tags_equal_folding_every_span(text: str) -> None:
    tokens = [Token(t.form, t.tag, t.start, t.end) for t in tokenize(text)]
    assert gazetteer_tags(tokens, text, "ko") == tags_by_folding_every_span(tokens, text, "ko")


def test_names_are_found_in_plain_and_in_normalized_text() -> None:
    text = ENGLISH[2]
    tokens = english_sentences(text)[0]
    tagged = {tokens[i].form for i, tag in enumerate(gazetteer_tags(tokens, text, "en")) if tag}
    assert {"Ｏｐｅｎ", "ＡＩ", "Clément", "Delangue"} <= tagged  # folded through NFKC
    text = KOREAN[0]
    tokens = [Token(t.form, t.tag, t.start, t.end) for t in tokenize(text)]
    tags = gazetteer_tags(tokens, text, "ko")
    begins = {text[t.start : t.end] for t, tag in zip(tokens, tags, strict=True) if tag.startswith("B-")}
    assert {"메타", "스케일"} <= begins


@pytest.mark.parametrize(("lang", "text"), [("en", t) for t in ENGLISH] + [("ko", t) for t in KOREAN]
                         + [("en", "Zentrix A|B Labs hired Maya Orlov as CTO of A|B.")])
def test_features_given_a_model_are_the_models_features_of_all_in_order(lang: str, text: str) -> None:
    """With a model's attributes (``known``) a token gets exactly the features of the full
    set that the model knows, in the same order: word pairs are looked up by their two words,
    also where a word holds the "|" that separates them."""
    if lang == "ko":
        sentences = [[Token(t.form, t.tag, t.start, t.end) for t in tokenize(text)]]
    else:
        sentences = english_sentences(text)
    for tokens in sentences:
        full = sentence_features(tokens, text, lang)
        every = [f for feats in full for f in feats]
        pairs = [f for f in every if f.startswith(("w-1|w=", "w|w+1="))]
        assert pairs
        known = frozenset(every[::3] + pairs[::2] + ["w-1|w=no|such", "w|w+1=pair|here"])
        for encoded in (False, True):
            given = sentence_features(tokens, text, lang, known, encoded=encoded)
            for have, feats in zip(given, full, strict=True):
                want = [f.encode() if encoded else f for f in feats if f in known]
                assert [f for f in have if (f.decode() if encoded else f) in known] == want
