"""The topic stage: the organization a Korean story is about fills a role its clause leaves unsaid.

Every story here is written for the project.
"""

from __future__ import annotations

import pytest

from kg.extract.document import disabled, extract_document
from kg.extract.ko.frames import FrameBookError, parse_book, readings_of
from kg.extract.ko.topic import document_topic
from kg.graph.model import Document
from kg.graph.registry import default_registry

OPENAI_STORY = ("오픈AI는 새 모델을 공개했다.", "오픈AI는 올해 매출이 두 배로 늘었다.")
TWO_COMPANIES = ("AMD와 오픈AI는 새 칩 공급 계약을 맺었다.", "AMD와 오픈AI는 협력을 늘린다.")


def _doc(*sentences: str) -> Document:
    return Document(id="x", path="x.txt", text=" ".join(sentences), lang="ko", published="2026-03-02",
                    sentences=sentences)


def _facts(*sentences: str, without: tuple[str, ...] = ()) -> set[tuple[str, str, str]]:
    with disabled(*without):
        claims = extract_document(_doc(*sentences), default_registry())
    return {(c.subject.name, c.relation, c.object.name) for c in claims}


def _topic(*sentences: str) -> str | None:
    doc = _doc(*sentences)
    topic = document_topic(readings_of(doc, default_registry()))
    return None if topic is None else topic.name


# -- the topic organization ------------------------------------------------------

def test_the_topic_is_the_organization_the_sentences_are_about() -> None:
    assert _topic(*OPENAI_STORY, "존 슐먼은 앤트로픽으로 이직했다.") == "OpenAI"


def test_a_story_of_two_companies_has_no_topic() -> None:
    assert _topic(*TWO_COMPANIES, "존 슐먼은 앤트로픽으로 이직했다.") is None


def test_a_company_named_once_is_no_topic() -> None:
    assert _topic("오픈AI는 새 모델을 공개했다.", "존 슐먼은 앤트로픽으로 이직했다.") is None


# -- the fills ----------------------------------------------------------------------

@pytest.mark.parametrize(("last", "fact"), [
    # a move to a named company from a place left unsaid: the story's company was left
    ("존 슐먼은 앤트로픽으로 이직했다.", ("John Schulman", "DEPARTED", "OpenAI")),
    ("존 슐먼은 앤트로픽으로 이직했다.", ("Anthropic", "HIRED_FROM", "OpenAI")),
    ("존 슐먼은 이번 주 사임했다.", ("John Schulman", "DEPARTED", "OpenAI")),
    # a join that names no goal joined the story's company
    ("존 슐먼은 최근 합류했다.", ("OpenAI", "HIRED", "John Schulman")),
    # a post held with no organization named
    ("존 슐먼은 AI 연구를 이끈다.", ("John Schulman", "WORKS_AT", "OpenAI")),
])
def test_an_unsaid_role_is_the_company_the_story_is_about(last: str, fact: tuple[str, str, str]) -> None:
    assert fact in _facts(*OPENAI_STORY, last)
    assert fact not in _facts(*OPENAI_STORY, last, without=("topic",))


def test_an_investor_of_an_unsaid_round_invested_in_the_story_company() -> None:
    story = ("업스테이지는 새 모델을 공개했다.", "업스테이지는 시리즈C 투자를 유치했다.",
             "카카오의 자회사 카카오벤처스가 300억원을 투자한 것으로 알려졌다.")
    assert ("Kakao Ventures", "INVESTED_IN", "Upstage") in _facts(*story)
    assert ("Kakao Ventures", "INVESTED_IN", "Upstage") not in _facts(*story, without=("topic",))


# a story of a round where another company is named more often than the one raising it
RAISER_STORY = ("업스테이지는 시리즈C 투자를 유치했다.", "삼성전자는 이번 투자에 나서지 않았다.",
                "삼성전자는 반도체 회사다.", "삼성전자가 주목된다.", "삼성전자는 크다.")


def test_an_investor_of_an_unsaid_round_invested_in_the_company_that_raised_it() -> None:
    # the round was told raised by the company named less often: the investor backs the raiser
    assert _topic(*RAISER_STORY) == "Samsung Electronics"
    facts = _facts(*RAISER_STORY, "카카오의 자회사 카카오벤처스가 300억원을 투자한 것으로 알려졌다.")
    assert ("Kakao Ventures", "INVESTED_IN", "Upstage") in facts
    assert ("Kakao Ventures", "INVESTED_IN", "Samsung Electronics") not in facts


def test_the_latest_raiser_told_fills_the_unsaid_round() -> None:
    story = ("리벨리온은 지난해 시리즈A 투자를 유치했다.", *RAISER_STORY,
             "카카오의 자회사 카카오벤처스가 300억원을 투자한 것으로 알려졌다.")
    facts = _facts(*story)
    assert ("Kakao Ventures", "INVESTED_IN", "Upstage") in facts
    assert ("Kakao Ventures", "INVESTED_IN", "Rebellions") not in facts


def test_the_fill_is_a_named_rule_that_can_be_switched_off() -> None:
    fact = ("John Schulman", "DEPARTED", "OpenAI")
    assert fact not in _facts(*OPENAI_STORY, "존 슐먼은 앤트로픽으로 이직했다.",
                              without=("ko.departed.unsaid_source",))


@pytest.mark.parametrize(("last", "fact"), [
    # no goal named: the story's company is where the person went, not where they came from
    ("존 슐먼은 최근 합류했다.", ("John Schulman", "DEPARTED", "OpenAI")),
    # the clause says where, with a common noun
    ("존 슐먼은 최근 스타트업에 합류했다.", ("OpenAI", "HIRED", "John Schulman")),
    ("존 슐먼은 스타트업을 떠났다.", ("John Schulman", "DEPARTED", "OpenAI")),
    # the clause names an organization the frame reads no role of
    ("존 슐먼은 구글의 AI 연구를 이끈다.", ("John Schulman", "WORKS_AT", "OpenAI")),
    # a career's history, years before the story
    ("존 슐먼은 2015년 앤트로픽으로 이직했다.", ("John Schulman", "DEPARTED", "OpenAI")),
    # no one who moved is named
    ("앤트로픽으로 이직한 연구진이 늘었다.", ("Anthropic", "HIRED_FROM", "OpenAI")),
    # a plan
    ("존 슐먼은 AI 연구를 이끌 예정이다.", ("John Schulman", "WORKS_AT", "OpenAI")),
])
def test_no_fill_where_the_clause_says_otherwise(last: str, fact: tuple[str, str, str]) -> None:
    assert fact not in _facts(*OPENAI_STORY, last)


def test_no_fill_in_a_story_of_two_companies() -> None:
    facts = _facts(*TWO_COMPANIES, "존 슐먼은 앤트로픽으로 이직했다.")
    assert not {f for f in facts if f[0] == "John Schulman" and f[1] == "DEPARTED"}


# -- the frame book ---------------------------------------------------------------------

def _book(unsaid: dict) -> dict:
    frame = {"relation": "WORKS_AT", "subject": ["agent"], "object": ["patient"], "unsaid_topic": unsaid}
    return {"roles": {"agent": ["이"], "patient": ["을"]}, "light_verbs": {"active": ["하"]},
            "classes": {"work": {"nouns": ["근무"], "verbs": [], "frames": {"active": [frame]}}}}


def test_the_frame_book_reads_an_unsaid_topic() -> None:
    book = parse_book(_book({"side": "object", "rule": "ko.works_at.unsaid_employer", "needs": ["agent"]}))
    frame = book.by_noun["근무"].frames["active"][0]
    assert frame.unsaid_topic is not None
    assert (frame.unsaid_topic.side, frame.unsaid_topic.needs) == ("object", ("agent",))


def test_the_frame_book_reads_the_frames_that_tell_an_unsaid_side() -> None:
    book = parse_book(_book({"side": "object", "rule": "ko.works_at.unsaid_employer",
                             "told_in": ["work.active"]}))
    unsaid = book.by_noun["근무"].frames["active"][0].unsaid_topic
    assert unsaid is not None and unsaid.told_in == ("work.active",)


@pytest.mark.parametrize("unsaid", [
    {"side": "both", "rule": "ko.works_at.unsaid_employer"},
    {"side": "object", "rule": "ko.works_at.no_such_rule"},
    {"side": "object", "rule": "ko.works_at.unsaid_employer", "needs": ["boss"]},
    {"side": "object", "rule": "ko.works_at.unsaid_employer", "told_in": ["work"]},
])
def test_the_frame_book_rejects_a_bad_unsaid_topic(unsaid: dict) -> None:
    with pytest.raises(FrameBookError):
        parse_book(_book(unsaid))


# -- titles no organization holds -----------------------------------------------------------

def test_a_title_no_organization_holds_is_held_at_the_story_company() -> None:
    last = "데이터 책임자 존 슐먼이 기자간담회를 열었다."
    assert ("John Schulman", "WORKS_AT", "OpenAI") in _facts(*OPENAI_STORY, last)
    assert ("John Schulman", "WORKS_AT", "OpenAI") not in _facts(*OPENAI_STORY, last, without=("topic",))


def test_a_cofounder_title_no_organization_holds_founded_the_story_company() -> None:
    last = "공동창업자 존 슐먼이 기조연설을 했다."
    assert ("John Schulman", "FOUNDED", "OpenAI") in _facts(*OPENAI_STORY, last)


@pytest.mark.parametrize("sentences", [
    (*OPENAI_STORY, "데이터 책임자 존 슐먼이 구글과 기자간담회를 열었다."),  # the title may be the other's
    (*TWO_COMPANIES, "데이터 책임자 존 슐먼이 기자간담회를 열었다."),  # no one company
    # the document places the person elsewhere
    (*OPENAI_STORY, "존 슐먼 앤트로픽 연구원은 새 논문을 냈다.",
     "데이터 책임자 존 슐먼이 기자간담회를 열었다."),
])
def test_no_title_placed_where_the_text_allows_another_employer(sentences: tuple[str, ...]) -> None:
    assert ("John Schulman", "WORKS_AT", "OpenAI") not in _facts(*sentences)


# -- the qualifiers of a fill: those the clause and the document give a named argument ----------

def _qualifiers(*sentences: str) -> dict[tuple[str, str, str], dict]:
    claims = extract_document(_doc(*sentences), default_registry())
    out: dict[tuple[str, str, str], dict] = {}
    for c in claims:
        out.setdefault((c.subject.name, c.relation, c.object.name), {}).update(c.qualifiers)
    return out


def test_an_unsaid_hirer_hires_into_the_post_the_clause_names() -> None:
    # the hire's frame reads the post, not the last frame of the sentence read before the fill
    q = _qualifiers(*OPENAI_STORY, "존 슐먼은 최고기술책임자로 선임됐다.")
    assert q[("OpenAI", "HIRED", "John Schulman")]["role"] == "CTO"


def test_a_hire_into_a_named_post_takes_it_as_its_role() -> None:
    q = _qualifiers("존 슐먼은 오픈AI 최고기술책임자로 선임됐다.", "업계는 주목했다.")
    assert q[("OpenAI", "HIRED", "John Schulman")]["role"] == "CTO"


def test_a_name_is_no_post() -> None:
    # "앤트로픽으로 이직했다" says where, not as what
    q = _qualifiers(*OPENAI_STORY, "존 슐먼은 앤트로픽으로 이직했다.")
    assert "role" not in q[("Anthropic", "HIRED", "John Schulman")]


def test_an_investor_in_an_unsaid_round_takes_the_rounds_terms() -> None:
    story = ("업스테이지는 새 모델을 공개했다.",
             "업스테이지는 시리즈C 투자를 유치하며 5000억원의 기업가치를 인정받았다.",
             "카카오의 자회사 카카오벤처스가 300억원을 투자한 것으로 알려졌다.")
    q = _qualifiers(*story)[("Kakao Ventures", "INVESTED_IN", "Upstage")]
    assert (q["round"], q["valuation"], q["amount"]) == ("Series C", 500000000000.0, 30000000000.0)


def test_a_date_is_no_clause_of_its_own() -> None:
    # the verb of "지난 1월" does not take the subject (이/가) from the join
    q = _qualifiers(*OPENAI_STORY, "존 슐먼이 지난 1월 합류했다.")
    assert q[("OpenAI", "HIRED", "John Schulman")]["date"] == "2026-01"


def test_the_field_before_a_title_is_no_name() -> None:
    # "인프라 책임자 NAME": the field belongs to the title, and the title to the move's role
    q = _qualifiers(*OPENAI_STORY, "인프라 책임자 존 슐먼이 앤트로픽으로 이직했다.")
    assert q[("John Schulman", "DEPARTED", "OpenAI")]["role"] == "head of infrastructure"
    assert not any(s == "인프라" for s, _, _ in q)
