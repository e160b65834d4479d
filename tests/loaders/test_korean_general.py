"""General Korean rules checked on invented sentences."""

from __future__ import annotations

from tests.loaders.test_korean import facts, run


def test_corporation_mark_makes_a_company_name() -> None:
    claims = run("번역 앱을 만드는 ㈜바람소프트가 100억원 규모의 시리즈A 투자를 유치했다고 3일 밝혔다.",
                 "이번 라운드는 감마가 주도했다.")
    assert ("Gamma", "INVESTED_IN", "바람소프트") in facts(claims)
