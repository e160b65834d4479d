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


def korean_features_by_definition(tokens: list[Token], text: str) -> list[list[str]]:
    """A Korean token's features written out template by template, in order (no model
    attributes given): what the per-word and common-token shortcuts must reproduce."""
    from kg.extract.ner import features as f

    n = len(tokens)
    gaz = gazetteer_tags(tokens, text, "ko")
    words = f._korean_words(tokens, text)
    index = f._cue_index("ko")
    surnames = f.cues("ko")["surname"]
    low = [t.form.lower() for t in tokens]
    cue = [index.get(t.form) or index.get(t.form.lower()) or () for t in tokens]
    tags = ["BOS", *(t.tag for t in tokens), "EOS"]
    out = []
    for i, t in enumerate(tokens):
        w = low[i]
        feats = [f"w={w}", f"t={t.tag}", f"sh={f._shape(t.form)}", f"sc={f._script(t.form)}",
                 f"len={f._length(t.form)}", f"p1={w[:1]}", f"p2={w[:2]}", f"s1={w[-1:]}", f"s2={w[-2:]}",
                 f"s3={w[-3:]}", f"gz={gaz[i] or 'O'}"]
        if i >= n - 2:
            feats.append(f"end={n - 1 - i}")
        feats += [f"cue={c}" for c in cue[i]]
        if (t.form[:1] in surnames and 2 <= len(t.form) <= 4 and f._script(t.form) == "hangul"
                and t.tag.startswith("NN")):
            feats.append("surname")
        if i + 1 < n and tokens[i + 1].tag.startswith("J"):
            feats.append(f"particle_next={tokens[i + 1].tag}")
        if i > 0 and tokens[i - 1].end == t.start:
            feats.append("glued_left")
        if i + 1 < n and tokens[i + 1].start == t.end:
            feats.append("glued_right")
        if words[i] and words[i] != t.form:
            feats += f._eojeol_features(words[i], "ko")
        for d in (-2, -1, 1, 2):
            k = i + d
            if not 0 <= k < n:
                feats.append(f"{d}:BOS" if d < 0 else f"{d}:EOS")
                continue
            feats += [f"{d}:w={low[k]}", f"{d}:t={tokens[k].tag}"]
            if d in (-1, 1):
                feats.append(f"{d}:sh={f._shape(tokens[k].form)}")
            feats += [f"{d}:cue={c}" for c in cue[k]]
            if d in (-1, 1):
                feats.append(f"{d}:gz={gaz[k] or 'O'}")
        feats += [f"t-1|t={tags[i]}|{tags[i + 1]}", f"t|t+1={tags[i + 1]}|{tags[i + 2]}",
                  f"w-1|w={low[i - 1] if i else 'BOS'}|{w}",
                  f"w|w+1={w}|{low[i + 1] if i + 1 < n else 'EOS'}"]
        before = {c for k in range(max(0, i - 4), i) for c in cue[k]}
        after = {c for k in range(i + 1, min(n, i + 5)) for c in cue[k]}
        feats += [f"cue_before={c}" for c in sorted(before)] + [f"cue_after={c}" for c in sorted(after)]
        out.append(feats)
    return out


@pytest.mark.parametrize("text", [*KOREAN,
                                  "스타트업 벼리로보틱스의 김민준 대표는 메타 CEO 마크 저커버그를 만났다",
                                  "경쟁사인 오픈AI와 미스트랄AI에 따르면 박서연 박사가 합류했다."])
def test_korean_features_are_their_templates_in_order(text: str) -> None:
    """Most tokens take their word's features made once as a whole (no registry name, not at
    the sentence end); the others are put together piece by piece. Both give the templates'
    features in the templates' order, with a model's attributes and bytes too."""
    tokens = [Token(t.form, t.tag, t.start, t.end) for t in tokenize(text)]
    want = korean_features_by_definition(tokens, text)
    assert sentence_features(tokens, text, "ko") == want
    known = frozenset(f for feats in want for f in feats)
    assert sentence_features(tokens, text, "ko", known, encoded=True) == [
        [f.encode() for f in feats] for feats in want]
    assert any(tag for tag in gazetteer_tags(tokens, text, "ko"))  # both kinds of token are here
