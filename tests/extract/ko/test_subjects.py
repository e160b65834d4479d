"""The Korean subject chain (kg.extract.ko.subjects) on invented sentences."""

from __future__ import annotations

import pytest

from kg.extract.document import disabled
from kg.extract.ko.mentions import MentionFinder
from kg.extract.ko.subjects import (
    ORGANIZATION_SUBJECT,
    OTHER_SUBJECT,
    PERSON_SUBJECT,
    SPOKESPERSON_SUBJECT,
    UNSAID_SUBJECT,
    main_subject,
)
from kg.extract.ko.text import tokenize
from tests.extract.ko.test_korean import REGISTRY, facts, layered


def subject_of(sentence: str) -> str:
    mentions = MentionFinder(REGISTRY).find(sentence)
    return main_subject(tokenize(sentence), mentions).kind


@pytest.mark.parametrize(("sentence", "kind"), [
    ("오메가는 10일 아크미를 인수했다고 밝혔다.", ORGANIZATION_SUBJECT),
    ("이정후 기자 = 오메가는 아크미를 인수했다고 23일 밝혔다.", ORGANIZATION_SUBJECT),  # a byline
    ("12일 업계에 따르면 오메가가 아크미를 인수했다.", ORGANIZATION_SUBJECT),  # a leading adverbial
    ("퇴임 후 회사를 설립한 그는 투자 전문가로 변신했다.", PERSON_SUBJECT),
    ("진 전 장관은 국비 장학생 1호로 선발됐다.", PERSON_SUBJECT),  # a former post
    ("리 부사장은 최고재무책임자에게 보고한다.", SPOKESPERSON_SUBJECT),  # a current post
    ("이번 투자는 감마가 주도했다.", OTHER_SUBJECT),
    # "진 전 장관이" is the subject of a relative clause; the list of backers is the main one
    ("이번 투자에는 진 전 장관이 설립한 감마 등이 참여했다.", ORGANIZATION_SUBJECT),
    ("특히 재직 당시 아크미를 인수하기도 했다.", UNSAID_SUBJECT),
    # the spokesman speaks for the company; the "그는" in quoted speech is not the clause's
    ('오메가 대변인은 "그는 좋은 리더"라고 말했다.', ORGANIZATION_SUBJECT),
])
def test_main_subject_of_a_sentence(sentence: str, kind: str) -> None:
    assert subject_of(sentence) == kind


def test_an_act_after_a_person_subject_is_not_the_last_topic_s() -> None:
    sentences = ("오메가는 신임 부사장으로 변도윤을 영입했다고 밝혔다.",
                 "그는 60건 이상의 인수합병을 주도했다.",
                 "특히 감마 재직 당시 아크미를 인수하기도 했다.")
    assert ("Omega", "ACQUIRED", "Acme") not in facts(layered(*sentences))
    with disabled("subjects"):  # the old reading: the topic carried over to the man's act
        assert ("Omega", "ACQUIRED", "Acme") in facts(layered(*sentences))


def test_a_titled_spokesperson_keeps_the_company_as_the_subject() -> None:
    claims = layered("오메가는 올해 매출이 두 배로 늘었다고 밝혔다.",
                     '김 대표는 "좋은 팀을 꾸렸다"고 말했다.',
                     "이어 아크미를 인수했다고 덧붙였다.")
    assert ("Omega", "ACQUIRED", "Acme") in facts(claims)


def test_a_new_subject_ends_a_person_s_chain() -> None:
    claims = layered("오메가는 올해 매출이 두 배로 늘었다고 밝혔다.",
                     "그는 60건 이상의 인수합병을 주도했다.",
                     "이번 결정은 이사회 승인을 거쳤다.",
                     "이어 아크미를 인수했다고 덧붙였다.")
    assert ("Omega", "ACQUIRED", "Acme") in facts(claims)


CAREER = ("오메가는 로봇 사업 총괄 부사장으로 변도윤 박사를 영입했다고 밝혔다.",
          "변 부사장은 서울대학교에서 박사 학위를 취득한 로봇공학 전문가다.")
JOINED = "2019년 감마에 합류한 뒤에는 지난해 12월까지 로봇센터장 등 주요 직책을 지냈다."


def test_a_sentence_that_marks_no_subject_is_the_chain_person_s() -> None:
    assert ("Gamma", "HIRED", "변도윤") in facts(layered(*CAREER, JOINED))
    with disabled("subjects"):  # the old reading: no one joined
        assert ("Gamma", "HIRED", "변도윤") not in facts(layered(*CAREER, JOINED))


def test_an_organization_subject_ends_the_person_s_chain() -> None:
    claims = layered(*CAREER, "아크미는 올해 매출이 늘었다.", JOINED)
    assert ("Gamma", "HIRED", "변도윤") not in facts(claims)


def test_a_person_named_in_the_sentence_is_not_replaced_by_the_chain_person() -> None:
    claims = layered(*CAREER, "현재 프리드먼 역시 감마에 합류해 연구소를 이끌고 있다.")
    assert ("Gamma", "HIRED", "변도윤") not in facts(claims)


def test_a_short_name_before_a_title_puts_the_chain_on_the_person_told_of() -> None:
    sentences = (CAREER[0],
                 "변 신임 부사장은 고려대학교에서 공학 학사 학위를 받았다.",
                 "2012년에 감마에 입사해 다양한 서비스를 개발해왔다.")
    assert subject_of(sentences[1]) == SPOKESPERSON_SUBJECT
    assert ("Gamma", "HIRED", "변도윤") in facts(layered(*sentences))
