"""Tests of the sentence splitter."""

from __future__ import annotations

from kg.loaders.segment import segment, split_sentences


def test_english_abbreviations_do_not_split() -> None:
    text = ("Acme Inc. said Mr. Smith and Dr. Jones met U.S. and U.K. officials at 9 a.m. "
            "on Monday. It paid $14.3 billion, e.g. in cash, vs. stock. J. R. Doe agreed. "
            "The firm is No. 1 in Europe.")
    assert split_sentences(text, "en") == [
        "Acme Inc. said Mr. Smith and Dr. Jones met U.S. and U.K. officials at 9 a.m. on Monday.",
        "It paid $14.3 billion, e.g. in cash, vs. stock.",
        "J. R. Doe agreed.",
        "The firm is No. 1 in Europe.",
    ]


def test_company_suffix_can_end_a_sentence() -> None:
    assert split_sentences("The buyer is Acme Corp. The deal closed.", "en") == [
        "The buyer is Acme Corp.", "The deal closed."]


def test_quotes_and_question_marks() -> None:
    text = 'He said: "We are done." Was it? Yes!'
    assert split_sentences(text, "en") == ['He said: "We are done."', "Was it?", "Yes!"]


def test_paragraph_breaks_and_headlines() -> None:
    text = "Acme buys Beta\n\nAcme bought Beta. It paid cash.\n\n\n  \nBeta will close."
    assert split_sentences(text, "en") == [
        "Acme buys Beta", "Acme bought Beta.", "It paid cash.", "Beta will close."]


def test_korean_sentences() -> None:
    text = ("가상전자, 나무로봇 인수…로봇 사업 확대\n"
            "가상전자가 나무로봇을 인수했다. 인수 금액은 500억원이다.\n"
            "대표는 “로봇은 미래다. 계속 투자하겠다”고 말했다.")
    assert split_sentences(text, "ko") == [
        "가상전자, 나무로봇 인수…로봇 사업 확대",
        "가상전자가 나무로봇을 인수했다.",
        "인수 금액은 500억원이다.",
        "대표는 “로봇은 미래다. 계속 투자하겠다”고 말했다.",
    ]


def test_korean_headline_ellipsis_is_not_a_boundary() -> None:
    assert split_sentences("가상전자 떠난 홍길동, 새 회사 설립... 경쟁 가열", "ko") == [
        "가상전자 떠난 홍길동, 새 회사 설립... 경쟁 가열"]


def test_empty_input() -> None:
    assert split_sentences("  \n\n ", "en") == []
    assert split_sentences("", "ko") == []


KOREAN = ("가상전자, 나무로봇 인수…로봇 사업 확대\n"
          "가상전자가 나무로봇을 인수했다.  인수 금액은 500억원이다.\n")


def test_korean_sentences_cut_by_kiwi_keep_their_morphemes() -> None:
    sentences, analyses = segment(KOREAN, "ko")
    assert sentences == split_sentences(KOREAN, "ko")
    assert {"가상전자가 나무로봇을 인수했다.", "인수 금액은 500억원이다."} <= set(analyses) <= set(sentences)
    assert "한 문장뿐인 제목" not in segment("한 문장뿐인 제목", "ko")[1]  # no boundary: Kiwi not asked
    for sentence, morphemes in analyses.items():
        assert morphemes and all(0 <= start < end <= len(sentence) for _, _, start, end in morphemes)
    second = analyses["인수 금액은 500억원이다."]
    assert second[0][2] == 0  # offsets start at the sentence, not at the paragraph
    assert [f for f, *_ in second][:2] == ["인수", "금액"]


def test_the_korean_extractor_reads_the_segmenters_morphemes(tmp_path, monkeypatch) -> None:
    from kg.extract.ko import text
    from kg.loaders.morph import analyses_of
    from kg.loaders.read import read_document

    path = tmp_path / "a.txt"
    path.write_text(KOREAN, encoding="utf-8")
    document = read_document(path, lang="ko")
    cut = "인수 금액은 500억원이다."
    assert cut in document.sentences
    standalone = text.tokenize(cut)  # outside the document's extraction: Kiwi on the sentence

    def no_second_analysis(sentence: str) -> None:
        raise AssertionError(f"analyzed again: {sentence}")

    monkeypatch.setattr(text, "_tokenize", no_second_analysis)
    with analyses_of(document):
        reused = text.tokenize(cut)
    assert [(t.form, t.tag) for t in reused] == [(t.form, t.tag) for t in standalone]
    assert [cut[t.start:t.end] for t in reused][:2] == ["인수", "금액"]


def test_a_sentence_opening_with_a_hanja_word_is_not_cut_inside_it() -> None:
    # Kiwi cuts "同社는" after the Hanja word; the word opens the next sentence instead
    text = "가상전자가 나무로봇을 인수했다. 同社는 지난해 감마에서 투자를 받았다. 이후 성장했다."
    assert split_sentences(text, "ko") == [
        "가상전자가 나무로봇을 인수했다.", "同社는 지난해 감마에서 투자를 받았다.", "이후 성장했다."]


def test_a_sentence_glued_to_the_full_stop_before_it_is_its_own() -> None:
    # a page that joined paragraphs without a break: "...있다.17일 ..."
    text = "감마는 속도를 높이고 있다.17일 업계에 따르면 감마는 출자를 진행했다.베타는 말을 아꼈다."
    assert split_sentences(text, "ko") == [
        "감마는 속도를 높이고 있다.", "17일 업계에 따르면 감마는 출자를 진행했다.", "베타는 말을 아꼈다."]


def test_a_full_stop_inside_a_quote_before_its_closing_mark_is_no_glued_end() -> None:
    text = '그는 "좋다."라고 말했다. 회사는 “좋다.”라고 했다.'
    assert split_sentences(text, "ko") == ['그는 "좋다."라고 말했다.', "회사는 “좋다.”라고 했다."]
