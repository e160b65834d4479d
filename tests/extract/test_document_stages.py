"""The document-layer stages between the sentence rules and the pair model.

Each test tells a short story (written for the project) whose fact needs one
stage, and checks that the fact comes out with the stage on and not with it off.
"""

from __future__ import annotations

import pytest

from kg.extract.document import disabled, extract_document
from kg.graph.model import Document
from kg.graph.registry import default_registry


def _doc(text: str, lang: str) -> Document:
    from kg.loaders.segment import split_sentences

    return Document(id="x", path="x.txt", text=text, lang=lang, published="2026-03-02",
                    sentences=tuple(split_sentences(text, lang)))


def _facts(text: str, lang: str, *without: str) -> dict[tuple[str, str, str], dict]:
    with disabled(*without):
        claims = extract_document(_doc(text, lang), default_registry())
    return {(c.relation, c.subject.name, c.object.name): c.qualifiers for c in claims}


# -- coreference ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Acme Robotics raised $5 million. The startup was founded in 2020 by Jane Roe.",
    "Acme Robotics raised $5 million from Sequoia. It was founded in 2020 by Jane Roe.",
])
def test_a_description_or_pronoun_names_the_company_told_of_before(text: str) -> None:
    fact = ("FOUNDED", "Jane Roe", "Acme Robotics")
    assert fact in _facts(text, "en")
    assert fact not in _facts(text, "en", "coreference")


def test_a_korean_description_names_the_company_told_of_before() -> None:
    text = "업스테이지는 지난 10일 100억원 규모의 투자를 유치했다. 이 회사는 2020년 김성훈 대표가 설립했다."
    fact = ("FOUNDED", "Kim Sung-hoon", "Upstage")
    assert _facts(text, "ko")[fact] == {"date": "2020"}
    assert fact not in _facts(text, "ko", "coreference")


def test_a_korean_demonstrative_names_the_company_just_introduced() -> None:
    # "이 회사" is the company the sentence before introduced, not that sentence's topic
    text = "카카오는 클라우드 기업 업스테이지에 100억원을 투자했다. 이 회사는 2020년 김성훈 대표가 설립했다."
    assert ("FOUNDED", "Kim Sung-hoon", "Upstage") in _facts(text, "ko")
    assert ("FOUNDED", "Kim Sung-hoon", "Kakao") not in _facts(text, "ko")


def test_a_korean_demonstrative_is_not_a_company_its_own_sentence_names() -> None:
    # "이 회사가 네이버의 ...": the company is not Naver; it is the one named before
    from kg.extract.ko.mentions import MentionFinder

    finder = MentionFinder(default_registry())
    first = finder.find("네이버는 업스테이지에 투자했다.")
    finder.state.topic = next(m for m in first if m.name == "Naver")  # the story's topic
    found = finder.find("이 회사가 네이버의 검색 서비스 개발을 맡는다.")
    assert [m.name for m in found if m.surface == "이 회사"] == ["Upstage"]


def test_a_korean_pronoun_names_the_person_told_of_before() -> None:
    text = "김철수는 2023년 오픈AI를 떠났다. 그는 지난달 구글에 합류했다."
    fact = ("HIRED", "Google", "김철수")
    assert fact in _facts(text, "ko")
    assert fact not in _facts(text, "ko", "coreference")
    # the leaving is told with the name: it needs no stage
    assert ("DEPARTED", "김철수", "OpenAI") in _facts(text, "ko", "coreference")


def test_a_korean_pronoun_is_the_person_of_a_post_frame() -> None:
    # the work frame (이끌다 with 에서) reads its agent through the pronoun; the title the
    # person had in the sentence before is not the one held here
    text = "김철수 부사장은 2023년 구글을 떠났다. 그는 메타에서 AI 연구 조직을 이끌었다."
    fact = ("WORKS_AT", "김철수", "Meta")
    assert _facts(text, "ko")[fact] == {}
    assert fact not in _facts(text, "ko", "coreference")


def test_a_recognized_foreign_name_is_told_again_by_its_family_name_and_title() -> None:
    # "토마스 벨리크" is no registry name: the recognizer finds it, and "벨리크 부사장" after it
    # is the same person
    text = "메타는 토마스 벨리크 부사장을 영입했다. 벨리크 부사장은 지난해 구글을 떠났다."
    assert ("DEPARTED", "토마스 벨리크", "Google") in _facts(text, "ko")


# -- derived facts --------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "hirer", "source", "person"), [
    ("Google hired OpenAI researcher Jane Roe in May 2024.", "en", "Google", "OpenAI", "Jane Roe"),
])
def test_a_hire_from_an_employer_implies_hired_from_and_departed(text, lang, hirer, source, person) -> None:
    on = _facts(text, lang)
    assert ("HIRED", hirer, person) in on
    assert ("HIRED_FROM", hirer, source) in on and ("DEPARTED", person, source) in on
    off = _facts(text, lang, "derived")
    assert ("HIRED", hirer, person) in off  # the hire itself is read by a sentence rule
    assert ("HIRED_FROM", hirer, source) not in off and ("DEPARTED", person, source) not in off


def test_a_korean_hire_of_an_alumnus_implies_hired_from() -> None:
    text = "구글은 지난달 오픈AI 출신 김철수 연구원을 영입했다."
    assert ("HIRED_FROM", "Google", "OpenAI") in _facts(text, "ko")
    assert ("HIRED_FROM", "Google", "OpenAI") not in _facts(text, "ko", "derived")


# -- dating -----------------------------------------------------------------------

def test_an_undated_event_of_the_news_takes_the_publication_day() -> None:
    text = "Anthropic poached Jane Roe from OpenAI."
    assert _facts(text, "en")[("HIRED", "Anthropic", "Jane Roe")]["date"] == "2026-03-02"
    assert "date" not in _facts(text, "en", "dating")[("HIRED", "Anthropic", "Jane Roe")]


def test_an_undated_partnership_of_the_news_takes_the_publication_day() -> None:
    text = "Acme Robotics signed a partnership with OpenAI to build robots."
    fact = ("PARTNERED_WITH", "Acme Robotics", "OpenAI")
    facts = _facts(text, "en")
    assert (facts.get(fact) or facts[(fact[0], fact[2], fact[1])])["date"] == "2026-03-02"


def test_an_investor_that_joined_the_round_takes_the_round_date() -> None:
    text = "업스테이지는 지난 10일 100억원 규모의 투자를 유치했다. 이번 투자에는 네이버가 참여했다."
    assert _facts(text, "ko")[("INVESTED_IN", "Naver", "Upstage")]["date"] == "2026-02-10"
    assert "date" not in _facts(text, "ko", "dating")[("INVESTED_IN", "Naver", "Upstage")]


def test_a_korean_event_told_without_a_time_is_news_of_the_publication_day() -> None:
    # past the lead paragraph too, as in English: the fourth sentence tells the news
    text = ("업스테이지가 새 모델을 공개했다. 모델은 한국어에 강하다. 성능도 좋아졌다. "
            "카카오는 김철수 박사를 영입했다.")
    assert _facts(text, "ko")[("HIRED", "Kakao", "김철수")]["date"] == "2026-03-02"
    assert "date" not in _facts(text, "ko", "dating")[("HIRED", "Kakao", "김철수")]


def test_a_korean_event_the_sentence_sets_before_the_news_is_not_dated_by_it() -> None:
    # (the first sentences that yield facts are the lead, which the publication dates anyway)
    text = ("업스테이지는 지난 10일 네이버로부터 100억원을 투자받았다. "
            "네이버는 지난 5일 이영희 박사를 영입했다. 앞서 카카오는 김철수 박사를 영입한 바 있다.")
    assert "date" not in _facts(text, "ko")[("HIRED", "Kakao", "김철수")]


# -- carry-over -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "fact"), [
    ("Sequoia led a $5 million round in Acme Robotics in January. Accel also took part.", "en",
     ("INVESTED_IN", "Accel", "Acme Robotics")),
    ("네이버는 지난해 업스테이지에 투자했다. 올해는 퓨리오사AI에 100억원을 투자했다.", "ko",
     ("INVESTED_IN", "Naver", "FuriosaAI")),
    ("업스테이지는 지난 10일 100억원 규모의 투자를 유치했다. 이번 투자에는 네이버가 참여했다.", "ko",
     ("INVESTED_IN", "Naver", "Upstage")),
])
def test_a_party_left_unsaid_is_carried_over_from_the_sentences_before(text, lang, fact) -> None:
    assert fact in _facts(text, lang)
    # (the topic stage also reads a round's raiser from the sentence that told of it)
    assert fact not in _facts(text, lang, "carry_over", "topic")


def test_a_korean_bare_title_is_placed_at_the_company_the_story_is_about() -> None:
    story = "카카오는 새 AI 모델을 공개했다. 카카오는 이 모델을 서비스에 적용한다. "
    about = story + "김민수 CTO는 \"경쟁이 치열하다\"고 말했다."
    assert ("WORKS_AT", "김민수", "Kakao") in _facts(about, "ko")
    # the topic stage places a title no organization holds at the company the story is about too
    assert ("WORKS_AT", "김민수", "Kakao") not in _facts(about, "ko", "carry_over", "topic")


def test_a_korean_bare_title_is_not_placed_at_a_company_only_the_last_sentence_was_about() -> None:
    text = ("카카오는 새 AI 모델을 공개했다. 카카오는 이 모델을 서비스에 적용한다. "
            "네이버는 비슷한 모델을 내놓았다. 김민수 CTO는 \"경쟁이 치열하다\"고 말했다.")
    facts = _facts(text, "ko")
    assert ("WORKS_AT", "김민수", "Naver") not in facts


# -- merging ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "key", "merged"), [
    ("Sequoia invested $5 million in Acme Robotics. Sequoia invested in Acme Robotics in January 2025.",
     "en", ("INVESTED_IN", "Sequoia Capital", "Acme Robotics"),
     {"amount": 5000000.0, "currency": "USD", "date": "2025-01"}),
    ("네이버는 업스테이지에 100억원을 투자했다. 네이버는 지난 1월 업스테이지에 투자했다.",
     "ko", ("INVESTED_IN", "Naver", "Upstage"),
     {"amount": 10000000000.0, "currency": "KRW", "date": "2026-01"}),
])
def test_tellings_of_one_fact_merge_into_one_claim(text, lang, key, merged) -> None:
    def tellings(*without: str) -> list[dict]:
        with disabled(*without):
            claims = extract_document(_doc(text, lang), default_registry())
        return [c.qualifiers for c in claims if (c.relation, c.subject.name, c.object.name) == key]

    assert tellings() == [merged]
    assert len(tellings("merging")) == 2


# -- coreference: the pair, "회사", pronouns to the subject ----------------------------

def test_the_two_companies_name_no_one_after_three_were_named() -> None:
    text = ("삼성전자는 지난해 AI 반도체 사업에서 네이버 및 구글과 손잡았다. "
            "두 회사는 올해 데이터센터용 칩을 공동 개발했다.")
    claims = extract_document(_doc(text, "ko"), default_registry())
    assert not [c for c in claims if c.evidence.startswith("두 회사는")]


def test_he_left_the_company_is_the_subject_leaving_the_company_he_was_placed_at() -> None:
    text = "김철수 네이버 CTO는 카카오와의 협력을 이끌었다. 그는 지난달 회사를 떠났다."
    assert _facts(text, "ko")[("DEPARTED", "김철수", "Naver")] == {"date": "2026-02", "role": "CTO"}
    assert ("DEPARTED", "김철수", "Naver") not in _facts(text, "ko", "coreference")


def test_a_pronoun_is_the_subject_of_the_sentence_before_not_its_last_name() -> None:
    text = ("김철수는 오픈AI 공동 창업자인 이영희와 함께 지난해 업스테이지를 공동 창업했다. "
            "그는 지난달 회사를 떠났다.")
    facts = _facts(text, "ko")
    assert ("DEPARTED", "김철수", "Upstage") in facts
    assert not [k for k in facts if k[0] == "DEPARTED" and k[1] == "이영희"]


def test_a_pronoun_reaches_back_only_a_few_sentences() -> None:
    text = ("김철수 네이버 CTO는 카카오와의 협력을 이끌었다. 네이버는 올해 매출이 늘었다. "
            "카카오는 올해 매출이 줄었다. 시장은 AI 반도체로 옮겨갔다. 그는 지난달 회사를 떠났다.")
    assert ("DEPARTED", "김철수", "Naver") not in _facts(text, "ko")


def test_named_subject_leaving_the_company_it_founded_in_the_same_sentence() -> None:
    text = "이영희는 2015년 업스테이지를 공동 창업했지만 2020년 회사를 떠났다."
    assert _facts(text, "ko")[("DEPARTED", "이영희", "Upstage")] == {"date": "2020"}
    assert ("DEPARTED", "이영희", "Upstage") not in _facts(text, "ko", "coreference")


# -- derived across sentences ------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "fact"), [
    ("Jane Roe left OpenAI in May. She joined Google as chief scientist.", "en",
     ("HIRED_FROM", "Google", "OpenAI")),
    ("김철수는 2023년 오픈AI를 떠났다. 그는 지난달 구글에 합류했다.", "ko",
     ("HIRED_FROM", "Google", "OpenAI")),
])
def test_a_hire_of_someone_another_sentence_says_left_is_a_hire_from_there(text, lang, fact) -> None:
    assert fact in _facts(text, lang)
    assert fact not in _facts(text, lang, "derived")


def test_a_cross_sentence_hire_from_needs_one_leaving_before_the_hire() -> None:
    from kg.extract.derived import hired_from_departures
    from kg.graph.model import Claim, EntityRef

    roe = EntityRef("Jane Roe", "Person")
    google = EntityRef("Google", "Organization", "org:google")
    openai = EntityRef("OpenAI", "Organization", "org:openai")
    meta = EntityRef("Meta", "Organization", "org:meta")
    hire = Claim("HIRED", google, roe, {"date": "2025-06"}, "s2")
    left_openai = Claim("DEPARTED", roe, openai, {"date": "2025-05"}, "s1")
    derived = hired_from_departures([left_openai, hire])
    assert [(c.relation, c.subject.name, c.object.name, c.qualifiers) for c in derived] == [
        ("HIRED_FROM", "Google", "OpenAI", {"date": "2025-06"})]
    # two organizations left: which one the hire came from is not said
    assert hired_from_departures([left_openai, Claim("DEPARTED", roe, meta, {}, "s0"), hire]) == []
    # left after joining
    assert hired_from_departures([Claim("DEPARTED", roe, openai, {"date": "2025-09"}, "s3"), hire]) == []
    # the hire's own sentence says where from already
    assert hired_from_departures([left_openai, hire, Claim("HIRED_FROM", google, meta, {}, "s2")]) == []
    # a leaving the hire's own sentence tells, read by another rule or stage, joins too
    same = hired_from_departures([Claim("DEPARTED", roe, openai, {}, "s2"), hire])
    assert [(c.relation, c.subject.name, c.object.name) for c in same] == [("HIRED_FROM", "Google", "OpenAI")]
    # a company of their own founded between: where the hire came from is not said
    founded = Claim("FOUNDED", roe, EntityRef("Roe Labs", "Organization"), {}, "s1")
    assert hired_from_departures([left_openai, founded, hire]) == []


def test_a_hire_the_korean_frames_read_joins_a_leaving_a_rule_read() -> None:
    # a rule reads the leaving, the frames the hire ("메타의 ... 스튜디오에 합류"): the
    # derivation runs after the frames, so the two make Meta's hire from Apple
    text = "노하진 연구원은 지난달 애플을 떠났다. 노 연구원은 화요일에 메타의 로보틱스 스튜디오에 합류했다."
    facts = _facts(text, "ko")
    assert ("HIRED", "Meta", "노하진") in facts and ("DEPARTED", "노하진", "Apple") in facts
    assert ("HIRED_FROM", "Meta", "Apple") in facts
    assert ("HIRED_FROM", "Meta", "Apple") not in _facts(text, "ko", "derived")


def test_a_move_told_with_its_role_places_the_person_in_that_post() -> None:
    text = "카카오를 떠난 이영희 전 부사장은 삼성전자에 합류했다."
    fact = ("WORKS_AT", "이영희", "Kakao")
    assert _facts(text, "ko")[fact] == {"title": "VP"}
    assert fact not in _facts(text, "ko", "derived")


def test_a_move_role_gives_no_post_for_a_founder_a_unit_led_or_a_post_told_already() -> None:
    from kg.extract.derived import works_at_from_moves
    from kg.graph.model import Claim, EntityRef

    registry = default_registry()

    def posts(*claims: Claim) -> list[tuple[str, str, str, dict]]:
        return [(c.relation, c.subject.name, c.object.name, c.qualifiers)
                for c in works_at_from_moves(list(claims), registry)]

    roe = EntityRef("Jane Roe", "Person")
    meta = EntityRef("Meta", "Organization", "org:meta")
    lab = EntityRef("Meta Superintelligence Labs", "Organization")
    joined = Claim("HIRED", meta, roe, {"role": "CTO"}, "s1")
    assert posts(joined) == [("WORKS_AT", "Jane Roe", "Meta", {"title": "CTO"})]
    assert posts(Claim("HIRED", meta, roe, {}, "s1")) == []  # no role, no post
    assert posts(Claim("DEPARTED", roe, meta, {"role": "co-founder"}, "s1")) == []
    # "hired Jane Roe to lead its new division, Meta Superintelligence Labs"
    leads = Claim("HIRED", meta, roe, {"role": "lead of Meta Superintelligence Labs"}, "s1")
    assert posts(leads, Claim("PART_OF", lab, meta, {}, "s1")) == []
    assert posts(joined, Claim("WORKS_AT", roe, meta, {"title": "chief technology officer"}, "s1")) == []
    # "Meta named Jane Roe the new head of its unit Meta Superintelligence Labs": the post is the unit's
    assert posts(joined, Claim("WORKS_AT", roe, lab, {"title": "CTO"}, "s1")) == []
    # a unit by the registry's parents: a post at Google is no post at its parent Alphabet
    alphabet = EntityRef("Alphabet", "Organization", "org:alphabet")
    google = EntityRef("Google", "Organization", "org:google")
    assert posts(Claim("HIRED", alphabet, roe, {"role": "CTO"}, "s1"),
                 Claim("WORKS_AT", roe, google, {"title": "CTO"}, "s1")) == []


def test_he_or_she_reaches_back_a_few_sentences_only() -> None:
    near = "Jane Roe left OpenAI in May. She joined Anthropic as chief scientist."
    far = ("Jane Roe left OpenAI in May. Meta raised prices. Google cut costs. Amazon grew. "
           "She joined Anthropic as chief scientist.")
    assert ("HIRED", "Anthropic", "Jane Roe") in _facts(near, "en")
    assert ("HIRED", "Anthropic", "Jane Roe") not in _facts(far, "en")


# -- modality ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "카카오가 업스테이지를 인수했다는 소식은 사실이 아닌 것으로 확인됐다.",
    "카카오가 업스테이지를 인수한다는 보도에 대해 카카오 측은 사실무근이라고 밝혔다.",
    "카카오는 업스테이지에 투자하려 했으나 무산됐다.",
    "네이버가 업스테이지에 500억원을 투자할 것이라는 관측이 나온다.",
])
def test_korean_hearsay_denied_or_guessed_and_failed_attempts_are_no_facts(text: str) -> None:
    assert not [k for k in _facts(text, "ko") if "Upstage" in k]


def test_korean_hearsay_reported_is_a_fact() -> None:
    text = "카카오가 업스테이지를 인수했다는 소식이 전해졌다."
    assert ("ACQUIRED", "Kakao", "Upstage") in _facts(text, "ko")


# -- simplify: Korean asides ------------------------------------------------

def test_a_korean_name_is_read_past_the_age_after_it_and_its_evidence_kept_as_written() -> None:
    text = "카카오는 홍민준(48) 전무를 신임 대표로 선임했다."
    with disabled():
        claims = extract_document(_doc(text, "ko"), default_registry())
    hired = [c for c in claims if c.relation == "HIRED" and c.object.name == "홍민준"]
    assert hired and hired[0].evidence == text
    assert ("HIRED", "Kakao", "홍민준") not in _facts(text, "ko", "simplify")
