"""The document layer: named stages, each switchable, and what they hand each other."""

from __future__ import annotations

import pytest

from kg.extract import document as layer
from kg.extract.document import STAGES, _latin_title, disabled, enabled, extract_document
from kg.graph.model import Document
from kg.graph.registry import default_registry


def _doc(text: str, lang: str) -> Document:
    from kg.loaders.segment import split_sentences

    return Document(id="x", path="x.txt", text=text, lang=lang, published="2026-03-02",
                    sentences=tuple(split_sentences(text, lang)))


def test_stages_are_named_and_switch_off_inside_a_block() -> None:
    named = {"names", "rules", "simplify", "coreference", "carry_over", "dating", "derived", "merging",
             "frames", "pairs"}
    assert named <= set(STAGES)
    with disabled("pairs"):
        assert not enabled("pairs") and enabled("rules")
    assert enabled("pairs")
    with pytest.raises(ValueError, match="unknown stage 'rule'"):
        with disabled("rule"):
            pass


def test_without_the_rules_stage_no_rule_claims_come_out() -> None:
    doc = _doc("Meta acquired Scale AI for $14 billion in June 2025.", "en")
    assert any(c.relation == "ACQUIRED" for c in extract_document(doc, default_registry()))
    with disabled("rules"):
        assert not any(c.extractor.startswith("kg.rules") for c in extract_document(doc, default_registry()))


def test_recognized_names_reach_the_rules_as_names_of_the_document(monkeypatch) -> None:
    # "Velqor" has no cue the rule discovery knows (the buyer after "bought by"); a recognizer that
    # found it as an organization lets the acquisition rule read the sentence.
    doc = _doc("Scale AI was bought by Velqor in March 2026.", "en")
    monkeypatch.setattr(layer, "recognized_names", lambda d, r: [("Velqor", "Organization")])
    got = {(c.subject.name, c.relation, c.object.name) for c in extract_document(doc, default_registry())}
    assert ("Velqor", "ACQUIRED", "Scale AI") in got
    with disabled("names"):
        got = {(c.subject.name, c.relation, c.object.name) for c in extract_document(doc, default_registry())}
    assert ("Velqor", "ACQUIRED", "Scale AI") not in got


def test_a_one_word_person_never_told_in_full_is_retyped_by_its_cue_words(monkeypatch) -> None:
    # the recognizer reads "Verli" as a person; news tells a person by a full name first, and
    # "Verli's chief technology officer" makes it an organization
    doc = _doc("Victor Vovo, Verli's chief technology officer, said she would leave Verli.", "en")
    monkeypatch.setattr(layer, "recognized_names",
                        lambda d, r: [("Victor Vovo", "Person"), ("Verli", "Person")])
    got = {(c.subject.name, c.relation, c.object.name) for c in extract_document(doc, default_registry())}
    assert ("Victor Vovo", "WORKS_AT", "Verli") in got
    # a surname told after the full name stays a person
    doc = _doc("Victor Vovo joined Anthropic. Vovo said the move was hard.", "en")
    monkeypatch.setattr(layer, "recognized_names",
                        lambda d, r: [("Victor Vovo", "Person"), ("Vovo", "Person")])
    got = {(c.subject.name, c.relation, c.object.name) for c in extract_document(doc, default_registry())}
    assert ("Anthropic", "HIRED", "Victor Vovo") in got


def test_a_one_word_person_the_text_never_names_in_full_is_an_organization() -> None:
    registry = default_registry()
    retype = layer._one_word_person_is_a_company
    assert retype("Hexmo", "Person", "Hexmo will pay $620 million to license the models.", registry) \
        == "Organization"
    # the last word of a full name the text writes, a given name, a registry person's surname
    assert retype("Daltek", "Person", "Hooli hired Clara Daltek. Daltek said so.", registry) == "Person"
    assert retype("Jane", "Person", "Jane said so.", registry) == "Person"
    assert retype("Sutskever", "Person", "Sutskever said so.", registry) == "Person"
    assert retype("Clara Daltek", "Person", "Clara Daltek said so.", registry) == "Person"


def _en_doc(*sentences: str) -> Document:
    return Document(id="t", path="t.txt", text=" ".join(sentences), lang="en", published="2025-01-01",
                    sentences=sentences)


def test_a_one_word_name_the_document_keeps_capitalized_is_a_company() -> None:
    from kg.extract.ner.recognizer import recognizer

    doc = _en_doc("Lexli, seeing the writing on the wall, raced to recruit the same programmers.",
                  "Last fall, Lexli leaders met with engineers to ask how to teach its models to code.",
                  "Quaqua was getting an edge Lexli couldn't ignore.")
    assert ("Lexli", "Organization") in layer.recognized_names(doc, default_registry())
    # a surname of a full name the text writes is no company, whoever found the full name
    doc = _en_doc("Fernwood, founded by former nurse Orla Vexmont in 2021, raised money.",
                  "Vexmont, the chief executive, said the tool runs in 300 hospitals.",
                  "Vexmont said so.")
    assert ("Vexmont", "Organization") not in layer.recognized_names(doc, default_registry())
    assert layer._last_word_of_a_name("Vexmont", doc.text)
    assert not layer._last_word_of_a_name("Hexmo", "When Hexmo paid. Hexmo’s Xapra deal. Then Hexmo left.")
    # written once, or also in lower case somewhere: no name
    for sentences in (("Lexli raced to recruit the same programmers.",),
                      ("Lexli raced to recruit programmers.", "The lexli team grew.", "Lexli said so.")):
        found = layer._one_word_companies(_en_doc(*sentences), default_registry(), recognizer("en"), set())
        assert found == []
    # a people's name, however often the text writes it, is no company
    doc = _en_doc("Ulnov said it has acquired Israeli startup Istor Labs for $2 billion.",
                  "It is Ulnov's second-largest acquisition of an Israeli chip maker.")
    assert "Israeli" not in layer._one_word_companies(doc, default_registry(), recognizer("en"), set())


def test_a_person_the_cue_words_twice_call_an_organization_is_one(monkeypatch) -> None:
    doc = _doc("Sequoia Capital invested in Zentortek Wynlexdor last year. "
               "Zentortek Wynlexdor's co-founder and CEO Kenji Lydallex said revenue grew.", "en")
    monkeypatch.setattr(layer, "recognized_names", lambda d, r: [("Zentortek Wynlexdor", "Person")])
    got = {(c.subject.name, c.relation, c.object.name) for c in extract_document(doc, default_registry())}
    assert ("Sequoia Capital", "INVESTED_IN", "Zentortek Wynlexdor") in got


def test_a_korean_name_the_recognizer_is_less_sure_of_still_reaches_the_rules() -> None:
    # "퀀텀베이" (a made-up supplier) is found with a probability between 0.5 and 0.7: Korean
    # names are handed on from 0.5, English ones from 0.8
    doc = _doc("젠트릭스는 퀀텀베이와 데이터 공급 계약을 체결했다.", "ko")
    assert ("퀀텀베이", "Organization") in layer.recognized_names(doc, default_registry())
    doc = _doc("딥엑스는 이번 라운드에서 한빛랩스로부터 300억원을 투자받았다.", "ko")
    assert ("한빛랩스", "Organization") in layer.recognized_names(doc, default_registry())
    got = {(c.subject.name, c.relation, c.object.name) for c in extract_document(doc, default_registry())}
    assert ("한빛랩스", "INVESTED_IN", "DeepX") in got
    assert layer.NAME_MIN_SCORES.get("en", layer.NAME_MIN_SCORE) == 0.8


def test_a_cue_word_after_a_recognized_korean_person_is_no_part_of_the_name() -> None:
    # the recognizer reads "김재훈 씨" (made up) whole; 씨 only says a person is named
    doc = _doc("김재훈 씨는 네이버에서 근무했다.", "ko")
    names = layer.recognized_names(doc, default_registry())
    assert ("김재훈", "Person") in names and ("김재훈 씨", "Person") not in names
    got = {(c.subject.name, c.relation, c.object.name) for c in extract_document(doc, default_registry())}
    assert ("김재훈", "WORKS_AT", "Naver") in got
    assert layer._without_person_cue("레일라 보보") == "레일라 보보"


def test_a_korean_name_ending_like_a_firm_is_no_person() -> None:
    # the recognizer reads "토울보 자산운용" (made up) as a person; no one's name ends in 자산운용
    doc = _doc("이번 투자에는 나래인베스트먼트, 토울보 자산운용 등이 참여했다.", "ko")
    assert ("토울보 자산운용", "Organization") in layer.recognized_names(doc, default_registry())


def test_a_short_form_is_dropped_unless_the_recognizer_is_surer_of_it_than_of_the_longer_name() -> None:
    units: frozenset[str] = frozenset()
    # "Sakana" told again after "Sakana AI": the longer name's short form, not a new name
    seen = {"Sakana AI": "Organization", "Sakana": "Organization"}
    assert layer._without_short_forms(seen, {"Sakana AI": 0.9, "Sakana": 0.6}, [], units) == [
        ("Sakana AI", "Organization")]
    # "Vantor" read at 0.9, "이날 Vantor" at 0.55 in another sentence: the short one stays
    seen = {"Vantor": "Organization", "이날 Vantor": "Person"}
    kept = layer._without_short_forms(seen, {"Vantor": 0.9, "이날 Vantor": 0.55}, [], units)
    assert ("Vantor", "Organization") in kept
    # a registry alias holding it is as sure as can be
    assert layer._without_short_forms({"Vantor": "Organization"}, {"Vantor": 0.99},
                                      ["Vantor Labs"], units) == []


def test_a_foreign_name_the_recognizer_reads_whole_replaces_the_part_a_title_heuristic_took() -> None:
    # the title heuristic reads "마르코" (a Korean surname 마 and two syllables) as a
    # person of its own; the recognizer reads "마르코 브라운" whole, and its span wins
    doc = _doc("이날 행사에는 마르코 브라운 노바테크 최고경영자(CEO)가 참석했다.", "ko")
    assert ("마르코 브라운", "Person") in layer.recognized_names(doc, default_registry())
    got = {(c.subject.name, c.relation, c.object.name) for c in extract_document(doc, default_registry())}
    assert ("마르코 브라운", "WORKS_AT", "노바테크") in got
    assert not any(c.subject.name == "마르코" for c in extract_document(doc, default_registry()))
    from kg.extract.ko.mentions import MentionFinder

    finder = MentionFinder(default_registry())
    # the heuristics alone no longer take "마르코" for a Korean name (르 and 코 are no
    # syllables of Korean given names), so they leave the name whole to the recognizer
    assert "마르코" not in [m.surface for m in finder.find(doc.text)]


def test_a_three_word_person_before_a_title_is_a_foreign_name_and_its_employer() -> None:
    # the recognizer reads "소피아 도리 시비윈" as one person; the title after it belongs to
    # the last word: a foreign name of two words and the company it heads
    doc = _doc("소피아 도리 시비윈 CEO는 일자리의 절반이 위협받을 수 있다고 전망했다.", "ko")
    names = layer.recognized_names(doc, default_registry())
    assert {("소피아 도리", "Person"), ("시비윈", "Organization")} <= set(names)
    got = {(c.subject.name, c.relation, c.object.name) for c in extract_document(doc, default_registry())}
    assert ("소피아 도리", "WORKS_AT", "시비윈") in got


@pytest.mark.parametrize(("surface", "after", "split"), [
    ("오마르 비라토 루솔델", " 부사장이 참석했다.", ("오마르 비라토", "루솔델")),
    ("한나 자토 자솔르", " 전 공동 CEO와 만났다.", ("한나 자토", "자솔르")),
    ("모하메드 빈 살만", " 왕세자는 말했다.", None),  # "빈" is part of the name
    ("소피아 도리 시비윈", "는 말했다.", None),  # no title after it
])
def test_a_person_then_employer_needs_a_title_after_three_hangul_words(surface, after, split) -> None:
    assert layer._person_then_employer(surface, after) == split


def test_a_recognized_span_holding_a_title_does_not_replace_the_name_before_it(monkeypatch) -> None:
    # a recognizer that reads the title into the name ("문태오 최고기술책임자") is wrong
    # there: the name the title heuristic found stays
    doc = _doc("함께 창업한 동료는 대학 동기인 문태오 최고기술책임자(CTO)다.", "ko")
    monkeypatch.setattr(layer, "recognized_names", lambda d, r: [("문태오 최고기술책임자", "Person")])
    names = {c.subject.name for c in extract_document(doc, default_registry())}
    assert "문태오 최고기술책임자" not in names


def test_a_name_and_its_unit_named_after_it_are_both_names() -> None:
    # "노바랩스 연구소" is a unit of 노바랩스 named after it: the parent's name alone is not a
    # short form of the unit's, so it stays a name of its own and the investment is read
    doc = _doc("제니트릭스는 지난 3월 노바랩스에 500억원을 투자했다.\n"
               "노바랩스 연구소는 새 모델을 공개했다.", "ko")
    names = dict(layer.recognized_names(doc, default_registry()))
    assert names.get("노바랩스") == "Organization" and names.get("노바랩스 연구소") == "Organization"
    got = {(c.subject.name, c.relation, c.object.name) for c in extract_document(doc, default_registry())}
    assert ("제니트릭스", "INVESTED_IN", "노바랩스") in got


@pytest.mark.parametrize(("short", "long", "unit"), [
    ("노바랩스", "노바랩스 연구소", True), ("노바랩스", "노바랩스 미국 법인", False),
    ("노바", "노바 랩스", False), ("노바랩스", "노바랩스", False), ("노바", "노바랩스 연구소", False),
])
def test_a_unit_is_a_name_and_then_unit_nouns_only(short: str, long: str, unit: bool) -> None:
    assert layer._unit_of(short, long, layer._korean_unit_words()) is unit


def test_a_sum_without_its_currency_is_dropped_not_guessed() -> None:
    from kg.extract.document import _money_needs_currency
    from kg.graph.model import Claim, EntityRef

    claim = Claim("INVESTED_IN", EntityRef("A", "Organization"), EntityRef("B", "Organization"),
                  {"valuation": 5e9, "round": "Series B", "amount_alt": 1.0})
    _money_needs_currency(claim)
    assert claim.qualifiers == {"round": "Series B"}


def _investments(text: str, lang: str) -> dict[str, dict]:
    claims = extract_document(_doc(text, lang), default_registry())
    return {c.subject.name: c.qualifiers for c in claims if c.relation == "INVESTED_IN"}


@pytest.mark.parametrize(("text", "lang"), [
    ("업스테이지는 네이버·카카오·KT로부터 500억원을 투자받았다.", "ko"),
    ("Upstage raised $40 million from Naver, Kakao and KT.", "en"),
])
def test_a_sum_told_for_several_investors_is_the_rounds_not_each_ones(text: str, lang: str) -> None:
    found = _investments(text, lang)
    assert {"Naver", "Kakao", "KT"} <= set(found)
    assert not any("amount" in q for q in found.values())


def test_a_sum_each_investor_gave_stays_with_each() -> None:
    found = _investments("업스테이지는 네이버와 카카오로부터 각각 300억원씩 투자받았다.", "ko")
    assert found and all(q.get("amount") == 30000000000.0 for q in found.values())


def test_a_sole_investors_sum_is_its_own() -> None:
    found = _investments("카카오는 업스테이지에 300억원을 투자했다.", "ko")
    assert found["Kakao"]["amount"] == 30000000000.0


def test_each_inside_another_word_does_not_make_the_sum_each_ones() -> None:
    # "reached" holds "each": the sum is still the round's, not every backer's
    found = _investments("Upstage raised $40 million from Naver, Kakao and KT as its valuation reached "
                         "$1 billion.", "en")
    assert {"Naver", "Kakao", "KT"} <= set(found)
    assert not any("amount" in q for q in found.values())


@pytest.mark.parametrize(("surface", "title"), [
    ("Engineering Director", True), ("Chief Strategy Officer", True), ("Chief Scientist", True),
    ("Research Engineers", True), ("Amar Subramanya", False), ("Daniel Gross", False),
    ("임세준", False),
])
def test_a_latin_title_gloss_is_no_person(surface: str, title: bool) -> None:
    # Korean articles gloss a title in parentheses: "디렉터(Engineering Director)"
    assert _latin_title(surface) is title


@pytest.mark.parametrize("surface", ["진 전 장관", "김 신임 대표", "이 CTO", "추 연구원", "박 교수"])
def test_a_surname_and_a_title_is_no_new_name(surface: str) -> None:
    # how an article refers again to a person it has named: the recognizer, taught on gold
    # surface forms that include such references, tags them as names
    assert layer._surname_and_title(surface)
    assert not layer._new_name(surface, [], "ko", default_registry(), 0, len(surface), "Person")


@pytest.mark.parametrize("surface", ["얀 라이케", "샘 올트먼", "팀 쿡", "김민수"])
def test_a_foreign_name_with_a_one_syllable_first_name_is_still_a_name(surface: str) -> None:
    assert not layer._surname_and_title(surface)


def test_a_surname_with_a_noun_of_address_tells_again_of_the_person() -> None:
    doc = _doc("김성훈 교수는 지난달 사표를 냈다. 김 교수는 2020년 업스테이지를 창업했다.", "ko")
    got = {(c.subject.name, c.relation, c.object.name) for c in extract_document(doc, default_registry())}
    assert ("Kim Sung-hoon", "FOUNDED", "Upstage") in got


def test_the_recognizer_skips_a_korean_sentence_whose_proper_nouns_are_all_registry_names() -> None:
    sentence = "메타는 스케일AI에 143억 달러를 투자했다."
    known = layer._alias_spans(sentence, ["메타", "스케일AI"])
    assert layer._only_known_proper_nouns(sentence, known)
    # a proper noun outside the registry's names: the recognizer reads the sentence
    other = "메타는 한빛랩스에 143억 달러를 투자했다."
    assert not layer._only_known_proper_nouns(other, layer._alias_spans(other, ["메타"]))
    assert ("한빛랩스", "Organization") in layer.recognized_names(_doc(other, "ko"), default_registry())


@pytest.mark.parametrize(("surface", "name"), [
    ("Hong Kong startup Lumora Data", "Lumora Data"),
    ("Wall Street bank Morgan Vale", "Morgan Vale"),
    ("Lumora Data", "Lumora Data"),
    ("Bank of Lumora", "Bank of Lumora"),  # a capitalized word of the name, no description
])
def test_a_description_the_recognizer_took_in_is_cut_from_the_name(surface: str, name: str) -> None:
    assert layer._after_description(surface) == name


def test_a_name_joined_to_a_sure_name_of_its_type_is_read_at_a_lower_score() -> None:
    from kg.extract.ner.recognizer import NamedSpan

    sentence = "김철수와 이영희가 메타에 합류했다."
    sure, second = NamedSpan(0, 3, "Person", 0.99), NamedSpan(5, 8, "Person", 0.6)
    assert layer._joined_to_a_sure_name(second, [sure, second], sentence, 0.7)
    alone = NamedSpan(5, 8, "Person", 0.6)
    assert not layer._joined_to_a_sure_name(alone, [alone], sentence, 0.7)
    org = NamedSpan(0, 3, "Organization", 0.99)  # another type joins nothing
    assert not layer._joined_to_a_sure_name(second, [org, second], sentence, 0.7)
    # end to end: both members of the pair are hired
    got = {(c.subject.name, c.relation, c.object.name)
           for c in extract_document(_doc(sentence, "ko"), default_registry())}
    assert {("Meta", "HIRED", "김철수"), ("Meta", "HIRED", "이영희")} <= got


def test_a_name_the_recognizer_calls_a_person_after_a_kind_of_company_is_one(monkeypatch) -> None:
    # the recognizer reads two capitalized words as a person; "AI startup" before them says
    # they name a company (a person is no startup, though a partner or a backer may be one)
    from kg.extract.ner.recognizer import NamedSpan

    sentence = "AI startup Zentortek Wynlexdor said on Thursday it was valued at $4.5 billion."
    start = sentence.index("Zentortek")

    def found(model, text, lang, keep=None):
        span = NamedSpan(start, start + len("Zentortek Wynlexdor"), "Person", 0.95)
        return [span] if text == sentence else []

    monkeypatch.setattr(layer, "_find_names", found)
    assert layer.recognized_names(_doc(sentence, "en"), default_registry()) == [
        ("Zentortek Wynlexdor", "Organization")]
    other = "Former partner Zentortek Wynlexdor said on Thursday he would leave."
    start = other.index("Zentortek")
    monkeypatch.setattr(layer, "_find_names", lambda m, text, lang, keep=None: [
        NamedSpan(start, start + len("Zentortek Wynlexdor"), "Person", 0.95)])
    got = layer.recognized_names(_doc(other, "en"), default_registry())
    assert got == [("Zentortek Wynlexdor", "Person")]
