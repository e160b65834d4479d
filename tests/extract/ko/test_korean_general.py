"""General Korean rules checked on invented sentences."""

from __future__ import annotations

import pytest

from tests.extract.ko.test_korean import facts, find, layered, run


def test_corporation_mark_makes_a_company_name() -> None:
    claims = run("번역 앱을 만드는 ㈜바람소프트가 100억원 규모의 시리즈A 투자를 유치했다고 3일 밝혔다.",
                 "이번 라운드는 감마가 주도했다.")
    assert ("Gamma", "INVESTED_IN", "바람소프트") in facts(claims)


def test_list_opening_with_a_known_name_discovers_the_others() -> None:
    claims = run("국내 번역 시장이 감마, 누리소프트, 파랑말의 3파전으로 굳어지고 있다.",
                 "파랑말은 지난 5월 오메가와 기술 제휴를 맺었다.")
    assert ("Omega", "PARTNERED_WITH", "파랑말") in facts(claims) or (
        "파랑말", "PARTNERED_WITH", "Omega") in facts(claims)
    assert not any(c.subject.name == "Gamma" and c.relation == "PARTNERED_WITH" for c in claims)


def test_particles_and_adverbs_are_never_part_of_a_name() -> None:
    claims = run("지난 5월에는 감마 출신 노하진 박사가 오메가 연구소장으로 합류했다.",
                 "회사를 함께 세운 공동창업자 변도윤 부사장은 이달 초 오메가를 떠났다.")
    people = {c.subject.name for c in claims if c.subject.type == "Person"}
    people |= {c.object.name for c in claims if c.object.type == "Person"}
    assert "박사가" not in people and "함께 세운" not in people
    assert ("Omega", "HIRED", "노하진") in facts(claims)


def test_brief_bullet_items_do_not_carry_a_subject_over() -> None:
    claims = run("▲감마, 50억원 투자 유치 = 감마가 오메가로부터 50억원을 투자받았다.",
                 "▲누리모빌 이하준 CTO 사임 =",
                 "누리모빌의 이하준 최고기술책임자(CTO)가 13일 사임했다.")
    assert not any(c.subject.name == "이하준" and c.object.name == "Gamma" for c in claims)
    assert not any(c.subject.name == "Gamma" and c.object.name == "이하준" for c in claims)


def test_leader_of_a_named_company_is_not_given_the_last_topic() -> None:
    claims = run("번역 스타트업 누리소프트가 감마 연구진을 영입했다.",
                 "감마 측은 말을 아꼈다.",
                 "누리소프트를 이끄는 변도윤 대표는 \"좋은 팀을 꾸렸다\"고 말했다.")
    assert ("변도윤", "WORKS_AT", "누리소프트") in facts(claims)
    assert ("변도윤", "WORKS_AT", "Gamma") not in facts(claims)


def test_short_form_of_a_person_told_of_keeps_no_stale_company() -> None:
    claims = run("공동창업자 변도윤 부사장은 이달 초 오메가를 떠났다.",
                 "감마 측은 말을 아꼈다.",
                 "변 부사장은 새 회사를 차릴 계획이라고 했다.")
    assert ("변도윤", "WORKS_AT", "Gamma") not in facts(claims)


def test_competition_with_listed_rivals() -> None:
    claims = run("감마는 오메가, 아크미 등과 국내 번역 시장을 놓고 경쟁하고 있다.")
    assert {("Gamma", "COMPETES_WITH", "Omega"), ("Gamma", "COMPETES_WITH", "Acme")} <= facts(claims)


def test_more_company_name_endings_are_discovered() -> None:
    claims = run("누리테크는 지난 3월 하늘솔인베스트로부터 30억원을 투자받았다.")
    assert ("하늘솔인베스트", "INVESTED_IN", "누리테크") in facts(claims)


def test_genitive_owner_of_a_research_unit() -> None:
    claims = run("변도윤 누리테크 대표는 오메가의 연구조직인 파랑랩에서 5년간 일했다.")
    assert ("파랑랩", "PART_OF", "Omega") in facts(claims)
    assert ("파랑랩", "PART_OF", "누리테크") not in facts(claims)


def test_founder_as_agent_of_a_relative_clause() -> None:
    claims = run("창업자인 변도윤 대표가 2018년 세운 누리테크는 지난 3월 감마로부터 30억원을 투자받았다.")
    assert ("변도윤", "FOUNDED", "누리테크") in facts(claims)
    assert ("변도윤", "WORKS_AT", "누리테크") in facts(claims)


def test_layoff_of_an_acquired_company_staff() -> None:
    claims = run("인수 이후 오메가는 감마 인력 가운데 20명을 감축했다.")
    assert ("Omega", "LAID_OFF", "Gamma") in facts(claims)
    assert ("Omega", "LAID_OFF", "Omega") not in facts(claims)


def test_name_after_a_title_held_before() -> None:
    claims = run("감마 대표를 지낸 변도윤은 인수 직후 감마를 떠났다.")
    assert ("변도윤", "DEPARTED", "Gamma") in facts(claims)


def test_leader_is_a_title_before_a_name() -> None:
    claims = run("감마는 오메가에서 검색 개발을 이끌던 변도윤 리더를 최고기술책임자(CTO)로 영입했다.")
    assert ("Gamma", "HIRED", "변도윤") in facts(claims)


def test_given_name_ending_in_seo() -> None:
    claims = run("한민서 감마 대표는 현대자동차에서 일했다.",
                 "2021년 회사를 나온 그는 같은 해 스타트업 누리테크를 세웠다.")
    assert ("한민서", "WORKS_AT", "Gamma") in facts(claims)
    assert ("한민서", "FOUNDED", "누리테크") in facts(claims)


def test_two_names_of_a_brief_item_headline() -> None:
    claims = run("▲누리봇·파랑소프트, 번역 엔진 공동 개발 = 누리봇과 파랑소프트는 번역 엔진을 함께 개발하는 "
                 "업무협약을 맺었다고 15일 밝혔다.")
    pair = {("누리봇", "PARTNERED_WITH", "파랑소프트"), ("파랑소프트", "PARTNERED_WITH", "누리봇")}
    assert pair & facts(claims)


def test_leaver_of_the_company_is_the_former_head_of_it() -> None:
    claims = run("오메가는 감마를 인수했다.",
                 "감마 대표를 지낸 황보준은 인수 직후 회사를 떠나 현재 아크미에서 전략총괄을 맡고 있다.")
    assert ("황보준", "DEPARTED", "Gamma") in facts(claims)


def test_founder_title_before_a_name_founded_the_employer() -> None:
    claims = run("감마는 직원 30%를 감원했다.", "창업자인 오재현 대표는 사내 메일에서 \"죄송하다\"고 밝혔다.")
    assert ("오재현", "FOUNDED", "Gamma") in facts(claims)
    claims = run("회사를 함께 세운 공동창업자 최성훈 부사장은 이달 초 감마를 떠났다.")
    assert ("최성훈", "FOUNDED", "Gamma") in facts(claims)


def test_pronoun_subject_of_moves_is_the_person_last_named() -> None:
    claims = run("박서준 박사는 딥러닝 분야의 권위자다.", "그녀는 지난달 오메가를 떠나 감마에 합류했다.")
    assert {("Gamma", "HIRED", "박서준"), ("박서준", "DEPARTED", "Omega")} <= facts(claims)


def test_a_time_word_before_a_title_is_no_person() -> None:
    from kg.extract.ko.mentions import MentionFinder
    from tests.extract.ko.test_korean import REGISTRY

    finder = MentionFinder(REGISTRY)
    for sentence in ("감마는 지난달 연구원을 영입했다.", "이번 인사로 지난달 취임한 노하진 대표는 말했다."):
        assert not [m for m in finder.find(sentence) if m.surface == "지난달"], sentence


def test_unit_cue_inside_a_longer_word_names_no_unit() -> None:
    # "투자회사" ends in 자회사 and "AI클라우드사업부" in 사업부: neither is a unit cue
    claims = run("누리테크는 지난 3월 시리즈A 투자를 유치했다.",
                 "국내 투자회사 하늘솔인베스트와 감마 역시 초기 투자자로 참여했다.")
    assert ("하늘솔인베스트", "PART_OF", "누리테크") not in facts(claims)
    claims = run("누리테크는 오메가와 협약을 맺었다.",
                 "협약식에는 누리테크 AI클라우드사업부 하늘솔랩 부사장이 참석했다.")
    assert not any(c.relation == "PART_OF" and c.object.name == "누리테크" for c in claims)


def test_genitive_owner_of_a_unit_with_nouns_between() -> None:
    claims = run("누리테크는 새 모델을 공개했다.",
                 "오메가의 AI 연구조직인 파랑랩에서 5년간 일한 변도윤 교수는 새 직책을 맡았다.")
    assert ("파랑랩", "PART_OF", "Omega") in facts(claims)
    assert ("파랑랩", "PART_OF", "누리테크") not in facts(claims)


def test_investors_that_also_joined_join_the_round_told_not_an_investor() -> None:
    claims = run("누리테크는 최근 총 500억원을 투자받았다.",
                 "이번 라운드에서는 전략적투자자 오메가와 감마가 각각 100억원씩 투자한 것으로 전해진다.",
                 "하늘솔인베스트와 파랑캐피탈도 50억원을 투자했다.",
                 "별빛벤처스와 은하파트너스도 소규모로 투자에 참여한 것으로 알려졌다.")
    got = facts(claims)
    for investor in ("하늘솔인베스트", "파랑캐피탈", "별빛벤처스", "은하파트너스"):
        assert (investor, "INVESTED_IN", "Omega") not in got
        assert (investor, "INVESTED_IN", "Gamma") not in got
    assert ("하늘솔인베스트", "INVESTED_IN", "누리테크") in got
    assert ("별빛벤처스", "INVESTED_IN", "누리테크") in got


def test_unsaid_hirer_of_a_post_at_a_named_organization_is_that_organization() -> None:
    claims = run("감마는 로봇 사업을 키우고 있다.",
                 "이번에는 사업 역량을 높이기 위해 변도윤 박사를 오메가의 총괄 부사장으로 영입했다.")
    got = facts(claims)
    assert ("Omega", "HIRED", "변도윤") in got
    assert ("Gamma", "HIRED", "변도윤") not in got
    assert ("변도윤", "WORKS_AT", "Omega") in got


def test_head_named_after_a_company_set_up_heads_that_company() -> None:
    claims = run("감마는 로봇 사업을 키우고 있다.",
                 "지난해 10월 로봇 회사 누리테크를 설립하고 올해 초 노하진 박사를 대표로 선임했다.")
    got = facts(claims)
    assert ("노하진", "WORKS_AT", "누리테크") in got
    assert ("노하진", "WORKS_AT", "Gamma") not in got
    assert not any(r == "HIRED_FROM" and o == "누리테크" for _, r, o in got)


def test_english_gloss_of_a_title_names_no_one() -> None:
    claims = run("교육 스타트업 누리테크는 올해 CTO로 노하진 전 오메가 "
                 "엔지니어링 디렉터(Engineering Director)를 영입했다.")
    names = {c.subject.name for c in claims} | {c.object.name for c in claims}
    assert "Engineering Director" not in names


def test_unknown_latin_led_company_between_name_and_title_is_no_unit() -> None:
    claims = run("감마는 올해 투자를 늘린다.",
                 "변도윤 QX스퀘어 사장은 \"신규 투자를 늘리겠다\"고 밝혔다.")
    assert ("변도윤", "WORKS_AT", "Gamma") not in facts(claims)


def test_organization_of_the_hired_persons_own_post_is_not_the_hirer() -> None:
    claims = run("감마는 새 연구원장을 선임했다.",
                 "세계적인 석학인 노하진 미국 오메가 교수도 영입했다.")
    assert ("Omega", "HIRED", "노하진") not in facts(claims)
    claims = run("변도윤 오메가 CEO는 우수 인재 영입에 속도를 내고 있다.")
    assert ("Omega", "HIRED", "변도윤") not in facts(claims)


def test_respectively_pairs_each_agent_with_its_own_partners() -> None:
    got = facts(run("국내 기업인 감마와 오메가가 각각 아크미·베타랩스와 메타와 협력하고 있다."))
    assert {("Gamma", "PARTNERED_WITH", "Acme"), ("Gamma", "PARTNERED_WITH", "Beta Labs"),
            ("Omega", "PARTNERED_WITH", "Meta")} <= got
    assert not {("Gamma", "PARTNERED_WITH", "Meta"), ("Meta", "PARTNERED_WITH", "Gamma"),
                ("Omega", "PARTNERED_WITH", "Acme"), ("Acme", "PARTNERED_WITH", "Omega")} & got


def test_title_a_few_unit_words_after_the_organization_places_the_person_there() -> None:
    got = facts(run("김민수 오메가 클라우드 사업부 총괄은 새 서비스를 공개했다."))
    assert ("Kim Minsu", "WORKS_AT", "Omega") in got
    # a former one is a past post: told as such, with the lower confidence of a former title
    claims = run("김민수 전 오메가 클라우드 사업부 총괄은 새 회사를 세웠다.")
    former = find(claims, "Kim Minsu", "WORKS_AT", "Omega")
    assert former.qualifiers["title"].startswith("former ") and former.confidence < 0.9


def test_former_post_after_unit_words_is_where_a_mover_came_from() -> None:
    from tests.extract.ko.test_korean import layered

    got = facts(layered("김민수 전 오메가 생성형 챗봇팀 리더도 감마로 적을 옮겼다."))
    assert {("Gamma", "HIRED", "Kim Minsu"), ("Kim Minsu", "DEPARTED", "Omega"),
            ("Gamma", "HIRED_FROM", "Omega")} <= got


def test_a_relative_clause_of_founding_modifies_the_first_name_of_a_list_only() -> None:
    got = facts(run("이번 투자에는 김민수가 설립한 감마, 오메가, 베타랩스 등이 참여했다."))
    assert ("Kim Minsu", "FOUNDED", "Gamma") in got
    assert not {("Kim Minsu", "FOUNDED", "Omega"), ("Kim Minsu", "FOUNDED", "Beta Labs")} & got


def test_a_rival_named_by_a_genitive_that_is_no_organization_is_not_guessed() -> None:
    got = facts(run("오메가의 연구진은 챗GPT의 경쟁사인 감마로 옮겼다."))
    assert not {("Gamma", "COMPETES_WITH", "Omega"), ("Omega", "COMPETES_WITH", "Gamma")} & got
    assert ("Gamma", "COMPETES_WITH", "Omega") in facts(run("오메가의 경쟁사인 감마는 새 모델을 냈다.")) | {
        (o, r, s) for s, r, o in facts(run("오메가의 경쟁사인 감마는 새 모델을 냈다."))}


def test_an_object_another_verb_takes_first_is_not_the_organization_left() -> None:
    got = facts(run("김민수는 지난달 벤처캐피털 오메가를 창업하기 위해 사임했다."))
    assert ("Kim Minsu", "DEPARTED", "Omega") not in got
    assert ("Kim Minsu", "DEPARTED", "Gamma") in facts(run("김민수는 지난달 감마를 떠났다."))


def test_an_organization_that_only_names_a_persons_title_is_not_the_subject() -> None:
    got = facts(run("김민수 감마 대표가 창업했던 스타트업 오메가에 투자했다."))
    assert ("Gamma", "INVESTED_IN", "Omega") not in got
    assert ("Gamma", "INVESTED_IN", "Omega") in facts(run("감마가 스타트업 오메가에 투자했다."))


def test_market_competition_words_after_a_name_name_no_rival() -> None:
    got = facts(run("감마는 미래 오메가 시장 경쟁 우위를 유지하기 위해 조직을 신설했다."))
    assert not any(r == "COMPETES_WITH" for _, r, _ in got)
    rivals = facts(run("감마는 오메가 등 경쟁 데이터 업체보다 빠르다."))
    assert {("Gamma", "COMPETES_WITH", "Omega"), ("Omega", "COMPETES_WITH", "Gamma")} & rivals


def test_an_act_left_open_by_its_ending_is_no_fact() -> None:
    for sentence in (
        "감마는 오메가 인수에 나설지 관심이 쏠린다.",  # a question
        "감마는 오메가와 손잡을지 주목된다.",
        "감마는 오메가와 파트너십을 맺으려 한다.",  # an aim
        "감마는 오메가에 투자할 것으로 전해졌다.",  # a future, though reported
        "감마는 오메가를 인수할 것이라고 밝혔다.",
    ):
        assert not facts(run(sentence)), sentence
    # an act reported as done stays a fact
    assert ("Gamma", "INVESTED_IN", "Omega") in facts(run("감마는 오메가에 투자한 것으로 전해졌다."))


def test_a_name_whose_lemma_differs_from_its_text_keeps_its_span() -> None:
    # Kiwi's lemma of "도이체텔레콤" is "도이체 텔레콤", one character longer than the text:
    # a name cut to the lemma's length took in the comma and fell out of its list
    from kg.extract.ko.mentions import MentionFinder
    from tests.extract.ko.test_korean import REGISTRY

    found = MentionFinder(REGISTRY).find("감마, 도이체텔레콤, 오메가 등 세 회사가 합작법인을 세웠다.")
    assert [m.surface for m in found] == ["감마", "도이체텔레콤", "오메가"]
    assert len({m.group for m in found}) == 1


def test_a_known_name_glued_to_a_company_word_is_a_company_of_its_own() -> None:
    # longest match: "감마증권" and "QX에코솔라" are companies of their own, not "감마"/"QX"
    # and a stray word; a common noun glued to the name ("QX계열사") makes no new name
    from kg.extract.ko.mentions import MentionFinder
    from kg.graph.registry import Registry
    from tests.extract.ko.test_korean import _org

    registry = Registry([_org("org:gamma", "Gamma", ["감마"]), _org("org:qx", "QX", ["QX"])])
    found = MentionFinder(registry).find("감마증권과 QX에코솔라, 감마그룹이 투자에 참여했다.")
    assert [(m.surface, m.id) for m in found] == \
        [("감마증권", None), ("QX에코솔라", None), ("감마그룹", None)]
    found = MentionFinder(registry).find("QX계열사와 감마는 협약을 맺었다.")
    assert [(m.surface, m.id) for m in found] == [("QX", "org:qx"), ("감마", "org:gamma")]


def test_an_ended_partnership_is_not_read_as_a_partnership() -> None:
    # "끝내다" ends a partnership like "종료하다": no PARTNERED_WITH from the same words
    claims = run("감마는 2021년부터 오메가와 협력해 왔다.", "감마는 지난달 오메가와의 파트너십을 끝냈다.")
    assert ("Gamma", "ENDED_PARTNERSHIP", "Omega") in facts(claims)
    last = [c for c in claims if "끝냈다" in (c.evidence or "")]
    assert not any(c.relation == "PARTNERED_WITH" for c in last)


def test_the_members_of_one_alliance_are_partners_of_each_other() -> None:
    claims = run("감마는 오메가, 누리소프트 등과 번역 얼라이언스를 결성했다.")
    got = facts(claims)
    assert ("Gamma", "PARTNERED_WITH", "Omega") in got
    assert {("Omega", "PARTNERED_WITH", "누리소프트"), ("누리소프트", "PARTNERED_WITH", "Omega")} & got


def test_partners_of_separate_deals_are_not_paired() -> None:
    claims = run("감마는 오메가, 누리소프트와 각각 파트너십을 맺었다.")
    got = facts(claims)
    assert ("Omega", "PARTNERED_WITH", "누리소프트") not in got
    assert ("누리소프트", "PARTNERED_WITH", "Omega") not in got


def test_list_members_named_with_a_description_share_the_last_particle() -> None:
    # "A은 물론 ... B, 일본 C 등의 투자": one list of investors, each with its description
    claims = layered("베타랩스가 대규모 투자를 유치했다.",
                     "베타랩스는 국내 통신사 아크미는 물론 반도체 선두주자 감마, "
                     "일본 오메가 등의 투자를 유치했다.")
    assert {("Acme", "INVESTED_IN", "Beta Labs"), ("Gamma", "INVESTED_IN", "Beta Labs"),
            ("Omega", "INVESTED_IN", "Beta Labs")} <= facts(claims)


def test_bulleted_members_named_with_a_description_are_one_list() -> None:
    claims = layered("베타랩스가 투자를 유치했다.",
                     "베타랩스는 ▲미국 감마 ▲일본 오메가 ▲한국 아크미 등 글로벌 투자사로부터 투자를 받았다.")
    assert {("Gamma", "INVESTED_IN", "Beta Labs"), ("Omega", "INVESTED_IN", "Beta Labs"),
            ("Acme", "INVESTED_IN", "Beta Labs")} <= facts(claims)


def test_a_verb_between_two_names_ends_the_list() -> None:
    claims = layered("베타랩스는 감마와 손잡은 오메가의 투자를 받았다.")
    assert ("Omega", "INVESTED_IN", "Beta Labs") in facts(claims)
    assert ("Gamma", "INVESTED_IN", "Beta Labs") not in facts(claims)


def test_the_particle_after_etc_is_the_list_s() -> None:
    # "등" closes the list and leaves its members the particle after it ("A 등의 투자")
    assert ("Omega", "INVESTED_IN", "Beta Labs") in facts(layered("베타랩스는 오메가 등의 투자를 받았다."))


def test_money_raised_from_investors_is_their_investment() -> None:
    # "N원을 유치했다": the sum stands where "투자를" would
    got = facts(layered("베타랩스는 감마, 오메가 등으로부터 500억원을 유치했다."))
    assert {("Gamma", "INVESTED_IN", "Beta Labs"), ("Omega", "INVESTED_IN", "Beta Labs")} <= got


def test_a_decided_partnership_is_a_fact() -> None:
    # "-기로 했다" tells a decision taken (the guide counts it); a plan is "할 계획"
    got = facts(layered("감마와 오메가는 AI 분야에서 협력하기로 했다."))
    assert ("Gamma", "PARTNERED_WITH", "Omega") in got or ("Omega", "PARTNERED_WITH", "Gamma") in got


def test_list_items_named_like_firms_are_organizations() -> None:
    claims = layered("베타랩스는 감마, 파크웨이 벤처캐피털, 아크 인베스트(ARK Invest) 등으로부터 "
                     "투자를 받았다.")
    investors = {c.subject.name: c.subject.type for c in claims if c.relation == "INVESTED_IN"}
    assert investors.get("파크웨이 벤처캐피털") == "Organization"
    assert investors.get("ARK Invest") == "Organization"


@pytest.mark.parametrize("sentence", [
    "그는 오메가라는 스타트업을 창업했다.",  # the name takes the particle of the noun it is said to be
    "그는 '오메가'란 스타트업을 창업했다.",
    "그는 2013년 '오메가'를 공동 창업한 뒤 감마에서 일했다.",  # the particle after the quote
])
def test_a_founding_told_of_a_named_or_quoted_company(sentence: str) -> None:
    claims = layered("김민수는 감마 출신 개발자다.", sentence)
    assert ("Kim Minsu", "FOUNDED", "Omega") in facts(claims)


@pytest.mark.parametrize(("sentence", "sums"), [
    ("이번 라운드에서는 감마와 오메가가 각각 300억원씩, 아크미가 200억원을 투자했다.",
     {"Gamma": 3e10, "Omega": 3e10, "Acme": 2e10}),
    ("베타랩스는 앞서 감마로부터 20억 달러, 오메가로부터 5억 달러 투자를 받았다.",
     {"Gamma": 2e9, "Omega": 5e8}),
])
def test_a_predicate_told_once_for_members_with_their_own_sums(sentence: str, sums: dict) -> None:
    # gapping: "A가 X, B가 Y를 투자했다" is A's X and B's Y
    claims = layered("베타랩스가 투자를 유치했다.", sentence)
    for investor, amount in sums.items():
        assert find(claims, investor, "INVESTED_IN", "Beta Labs").qualifiers.get("amount") == amount


@pytest.mark.parametrize(("sentences", "fact"), [
    (("베타랩스는 2020년 감마 출신 김민수를 비롯한 공동창업자들이 설립했다.",),
     ("Kim Minsu", "FOUNDED", "Beta Labs")),
    (("베타랩스가 투자를 유치했다.", "베타랩스는 감마를 포함한 글로벌 투자사로부터 투자를 받았다."),
     ("Gamma", "INVESTED_IN", "Beta Labs")),
])
def test_a_name_including_in_a_group_takes_the_group_s_role(sentences: tuple, fact: tuple) -> None:
    # "A를 비롯한 N이": A is one of N, which the particle marks
    assert fact in facts(layered(*sentences))


def test_the_head_of_a_ceo_system_works_at_the_company_run_so() -> None:
    # "X가 NAME 단독 대표이사 체제로 전환됐다": X is run by NAME
    claims = layered("감마가 김민수 단독 대표이사 체제로 전환됐다.")
    assert ("Kim Minsu", "WORKS_AT", "Gamma") in facts(claims)


def test_a_list_opening_the_sentence_counts_its_known_first_name() -> None:
    # the known name that opens a list makes it a list even at the very start of the sentence
    from kg.extract.ko.mentions import MentionFinder
    from tests.extract.ko.test_korean import REGISTRY

    found = MentionFinder(REGISTRY).find("김민수, 노하진, 변도윤이 감마를 공동 창업했다.")
    assert [(m.surface, m.type) for m in found] == [
        ("김민수", "Person"), ("노하진", "Person"), ("변도윤", "Person"), ("감마", "Organization")]
    assert {("Kim Minsu", "FOUNDED", "Gamma"), ("노하진", "FOUNDED", "Gamma"),
            ("변도윤", "FOUNDED", "Gamma")} <= facts(run("김민수, 노하진, 변도윤이 감마를 공동 창업했다."))


def test_every_coordinated_founder_of_the_topic_founded_it() -> None:
    claims = run("감마는 김민수, 노하진, 변도윤이 공동 창업했다.")
    assert {("Kim Minsu", "FOUNDED", "Gamma"), ("노하진", "FOUNDED", "Gamma"),
            ("변도윤", "FOUNDED", "Gamma")} <= facts(claims)


def test_a_name_known_from_an_earlier_sentence_is_the_person_of_its_title() -> None:
    # the title reader skips a known organization to find the person further left ("전 오메가
    # CEO"); a known person is the one the title belongs to, so the word before it is no name
    from kg.extract.ko.mentions import MentionFinder
    from tests.extract.ko.test_korean import REGISTRY

    finder = MentionFinder(REGISTRY)
    finder.find("노하진 부사장은 이날 행사에서 새 전략을 발표했다.")
    found = finder.find("노바텍 노하진 부사장은 이날 행사에서 새 전략을 발표했다.")
    assert [(m.surface, m.type) for m in found if m.type == "Person"] == [("노하진", "Person")]


def test_surname_and_title_tell_again_of_a_registered_person() -> None:
    # "김 대표" of "김민수" (a registry name written without a space); "변 전 부사장": a
    # former post between the short name and the title
    claims = run("김민수 감마 대표는 새 계획을 밝혔다.",
                 "김 대표는 2020년 오메가를 창업했다.")
    assert ("Kim Minsu", "FOUNDED", "Omega") in facts(claims)
    claims = run("변도윤 전 부사장은 감마에서 일했다.",
                 "변 전 부사장은 2019년 오메가를 창업했다.")
    assert ("변도윤", "FOUNDED", "Omega") in facts(claims)


def test_a_registered_persons_bare_surname_is_no_name() -> None:
    # without a title, the surname of a registry name is a word like any other
    claims = run("김민수 감마 대표는 새 계획을 밝혔다.",
                 "김이 오메가를 창업했다.")
    assert ("Kim Minsu", "FOUNDED", "Omega") not in facts(claims)


def test_a_post_served_is_a_post_held() -> None:
    # "지내다", "역임하다": the person held the post (WORKS_AT, as a former post is)
    claims = layered("김민수는 오메가 부사장을 지냈다.")
    assert ("Kim Minsu", "WORKS_AT", "Omega") in facts(claims)
    claims = layered("김민수는 오메가에서 부사장을 역임했다.")
    assert ("Kim Minsu", "WORKS_AT", "Omega") in facts(claims)
    assert ("Kim Minsu", "WORKS_AT", "Omega") not in facts(layered("김민수는 오메가와 잘 지냈다."))


def test_words_with_a_predicate_are_no_name() -> None:
    # "부사장을 역임한 바 있다": the words after a held title are a clause, not a person
    from kg.extract.ko.mentions import MentionFinder
    from kg.graph.registry import default_registry

    found = MentionFinder(default_registry()).find("노엄 샤지르는 과거 구글 부사장을 역임한 바 있다.")
    assert "바 있다" not in [m.surface for m in found]


def test_professor_is_a_post_a_hire_does_not_end() -> None:
    claims = layered("노하진 감마 인공지능연구소 교수는 \"좋은 협력\"이라고 말했다.",
                 "지난해 오메가에 최고기술책임자(CTO)로 영입됐던 변도윤 감마 교수는 고문으로 남는다.")
    assert ("노하진", "WORKS_AT", "Gamma") in facts(claims)
    assert ("변도윤", "WORKS_AT", "Gamma") in facts(claims)
    assert ("Omega", "HIRED", "변도윤") in facts(claims)
    assert ("변도윤", "DEPARTED", "Gamma") not in facts(claims)


def test_title_whose_first_word_kiwi_reads_as_an_adverb_passes_on_the_particle() -> None:
    # "각자 대표는": Kiwi tags 각자 MAG; the name before still takes the topic particle
    claims = layered("감마를 이끌던 노하진, 변도윤 각자 대표는 오메가로 자리를 옮긴다.")
    assert {("Omega", "HIRED", "노하진"), ("Omega", "HIRED", "변도윤")} <= facts(claims)


@pytest.mark.parametrize("adverb", ["역시", "또한"])
def test_also_adverb_after_a_bare_name_marks_it_as_the_subject(adverb: str) -> None:
    # "오메가 역시 ...": the adverb stands where the particle 도 would
    claims = layered("아크미가 200억원 규모의 시리즈A 투자를 유치했다.",
                     f"감마와 오메가 {adverb} 초기 투자자로 참여했다.")
    assert {("Gamma", "INVESTED_IN", "Acme"), ("Omega", "INVESTED_IN", "Acme")} <= facts(claims)


def test_relative_clause_before_a_list_of_people_heads_every_one() -> None:
    claims = layered("감마를 이끌던 노하진, 변도윤 각자 대표는 오메가로 자리를 옮긴다.")
    assert ("변도윤", "WORKS_AT", "Gamma") in facts(claims)
    # a list of companies after the clause goes on past the one it describes
    claims = layered("이번 투자에는 노하진 회장이 이끄는 감마, 오메가, 아크미 등이 참여했다.")
    assert ("노하진", "WORKS_AT", "Gamma") in facts(claims)
    assert ("노하진", "WORKS_AT", "Omega") not in facts(claims)


def test_organization_of_another_persons_title_does_not_keep_a_bare_title_from_the_topic() -> None:
    # "변도윤 감마 대표": 감마 is his employer, so the founder named beside him with a
    # bare title is placed at the company the document is about
    claims = layered("감마가 AI 조직을 개편했다.", "감마는 신사업을 발굴하고 있다.",
                     "이를 위해 노하진 창업자와 변도윤 감마 대표를 중심으로 조직 개편에 돌입했다.")
    assert ("노하진", "FOUNDED", "Gamma") in facts(claims)


def test_coordinated_agents_with_an_unnamed_partner_are_not_partners_of_each_other() -> None:
    # the partner's place (기업들과, JKB) is taken: 감마 and 오메가 each work with others
    told = facts(run("감마와 오메가도 글로벌 기업들과 협력을 강화했다."))
    assert ("Gamma", "PARTNERED_WITH", "Omega") not in told
    assert facts(run("감마와 오메가가 협력을 강화했다.")) & {("Gamma", "PARTNERED_WITH", "Omega"),
                                                          ("Omega", "PARTNERED_WITH", "Gamma")}


@pytest.mark.parametrize("sentence", [
    "김민수 감마·오메가 부회장은 자리에서 물러났다.",  # NAME A·B TITLE
    "감마와 오메가의 대표인 김민수가 반응했다.",  # A와 B의 TITLE인 NAME
])
def test_one_title_held_at_two_coordinated_organizations(sentence: str) -> None:
    got = facts(run(sentence))
    assert {("Kim Minsu", "WORKS_AT", "Gamma"), ("Kim Minsu", "WORKS_AT", "Omega")} <= got


def test_a_comma_list_before_a_title_is_no_pair_of_employers() -> None:
    got = facts(run("이 회사는 감마, 오메가 대표 김민수 등 투자자들의 관심을 받는다."))
    assert ("Kim Minsu", "WORKS_AT", "Gamma") not in got


@pytest.mark.parametrize(("sentence", "fact"), [
    ("오메가는 감마에게도 투자했다.", ("Omega", "INVESTED_IN", "Gamma")),  # dative + 도
    ("감마는 오메가로부터도 투자를 받았다.", ("Omega", "INVESTED_IN", "Gamma")),  # source + 도
    ("감마는 오메가에서만 투자를 받았다.", ("Omega", "INVESTED_IN", "Gamma")),  # source + 만
])
def test_a_particle_added_to_a_case_particle_keeps_its_role(sentence: str, fact: tuple) -> None:
    assert fact in facts(run(sentence))


@pytest.mark.parametrize("second", [
    "이번 라운드는 오메가가 주도했고 아크미도 참여했다.",  # a member added with 도
    "오메가가 투자를 주도했고 아크미가 참여했다.",  # the round named as what the lead led
])
def test_the_members_of_a_round_told_after_its_lead(second: str) -> None:
    got = facts(run("감마는 시리즈B 투자를 유치했다.", second))
    assert {("Omega", "INVESTED_IN", "Gamma"), ("Acme", "INVESTED_IN", "Gamma")} <= got


@pytest.mark.parametrize("sentence", [
    "감마는 세계적인 석학 변도윤 미국 오메가 부사장도 영입했다.",  # country between
    "감마는 변도윤(43·사진) 영국 오메가 부사장을 영입했다.",  # after an aside
])
def test_a_place_between_a_person_and_the_organization_of_their_title(sentence: str) -> None:
    got = facts(layered(sentence))
    assert ("변도윤", "WORKS_AT", "Omega") in got
    assert ("Gamma", "HIRED", "변도윤") in got


def test_a_glossed_name_may_end_in_a_latin_word() -> None:
    # "텍울달 AI(Tekuldal AI)": the English gloss names the whole; a Latin last word of
    # the Hangul side must be the gloss's own ("모델 GPT(Generative ...)" names nothing)
    claims = run("데이터 라벨링 업체 텍울달 AI(Tekuldal AI)는 지난달 루멘소프트에 데이터 라벨링 "
                 "서비스를 공급했다.",
                 "텍울달 AI는 이번 계약으로 매출이 늘었다.")
    assert ("Tekuldal AI", "VENDOR_TO", "루멘소프트") in facts(claims)
    from kg.extract.ko.mentions import MentionFinder
    from tests.extract.ko.test_korean import REGISTRY

    found = MentionFinder(REGISTRY).find("트랜스포머 모델 GPT(Generative Pre-trained Transformer)를 "
                                         "공개했다.")
    assert not any(m.name.endswith("Transformer") for m in found)


@pytest.mark.parametrize(("sentences", "expected"), [
    # the affiliates' list ends in "등 16개 계열사"; the sentence's second list ("인재 확보,
    # 연구·개발 등에") ends in no kind of company, which must not make the first one none
    (("Vexa그룹은 AI 연구원을 세웠다.",
      "Vexa전자, Vexa디스플레이, Vexa Raceltrix 등 16개 계열사가 함께 참여해 인재 확보, 연구·개발 등에 "
      "2000억원을 투자한다."),
     {("Vexa전자", "PART_OF", "Vexa그룹"), ("Vexa디스플레이", "PART_OF", "Vexa그룹"),
      ("Vexa Raceltrix", "PART_OF", "Vexa그룹")}),
    # "A, B 등 기존 투자자들도": the sentence's second list has no known name and ends in a
    # noun of backers, not of companies
    (("자델AI는 500억원 규모의 투자를 유치했다.",
      "헥큐젠과 시준노, 라바, 코젠셀 등이 신규 투자사로 이름을 올렸고, 보바 벤처스, 비비 비토, 큐벡자 등 "
      "기존 투자자들도 투자에 참여했다."),
     {("보바 벤처스", "INVESTED_IN", "자델AI"), ("비비 비토", "INVESTED_IN", "자델AI"),
      ("큐벡자", "INVESTED_IN", "자델AI")}),
])
def test_each_list_of_a_sentence_is_judged_by_its_own_ending(sentences, expected) -> None:
    got = facts(layered(*sentences))
    assert expected <= got
    assert not any(s in ("인재 확보", "연구", "개발") for s, _, _ in got)


def test_a_name_before_eun_mullon_is_a_member_of_the_list_not_the_topic() -> None:
    # "A는 물론 B, C 등의 투자를 유치했다": A backs the company as B and C do; it is not
    # the company that raised the money
    got = facts(layered("감마는 오메가는 물론 아크미, 일본 베타랩스 등의 투자를 유치했다."))
    assert {("Omega", "INVESTED_IN", "Gamma"), ("Acme", "INVESTED_IN", "Gamma"),
            ("Beta Labs", "INVESTED_IN", "Gamma")} <= got
    assert not any(o == "Omega" for _, _, o in got)
