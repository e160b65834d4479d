"""Names across scripts: Hangul renderings of Latin names, and homonyms kept apart."""

from __future__ import annotations

import pytest

from kg.graph.model import Entity, EntityRef
from kg.graph.names import best_match, has_final_consonant, korean_name_romanizations, romanize, similarity
from kg.graph.registry import default_registry
from kg.graph.resolver import EntityResolver


@pytest.mark.parametrize(("hangul", "latin", "person"), [
    ("머코르", "Mercor", False),
    ("머코어", "Mercor", False),
    ("머커", "Mercor", False),
    ("서지", "Surge AI", False),
    ("셩지아 자오", "Shengjia Zhao", True),
    ("자오성자", "Shengjia Zhao", True),  # family name first, one word
    ("안드레 카파시", "Andrej Karpathy", True),
    ("알렉산드르 왕", "Alexandr Wang", True),
    ("김민수", "Minsu Kim", True),
    ("김민수", "Kim Min-soo", True),
    # ㅡ syllables for a consonant cluster, or for an i or e Korean hardly sounds
    ("스파크랩", "SparkLabs", False),
    ("크래프톤", "Krafton", False),
    ("스퀘어", "Square", False),
    ("프렌들리AI", "FriendliAI", False),
    ("즈푸", "Zhipu", False),
    ("르네사스", "Renesas", False),
])
def test_renderings_match(hangul: str, latin: str, person: bool) -> None:
    assert similarity(hangul, latin, person=person) >= 0.8


@pytest.mark.parametrize(("hangul", "latin", "person"), [
    ("머코르", "Micro1", False),
    ("머코르", "Micron", False),
    ("메타", "AMD", False),          # acronyms are spelled out, not transcribed
    ("오라클", "Google LLC", False),
    ("SK스퀘어", "Sequoia", False),  # its Latin part is not in the other name
    ("요슈아 벤지오", "Joe Osborne", True),
    ("홍위 렌", "Lilian Weng", True),
    # same surname and given-name initial: different people
    ("김민수", "Minseo Kim", True),
    ("김민준", "Minsu Kim", True),
    ("김민수", "Kim Min-jun", True),
    # a first ㅡ syllable is a cluster's (Sp-) or a mute i/e, not the a of "Sa"; after a
    # cluster the next syllable's vowel is the name's first (푼 is not "Spark")
    ("스푼", "Sapien", False),
    ("스푼랩스", "SparkLabs", False),
])
def test_different_names_do_not_match(hangul: str, latin: str, person: bool) -> None:
    assert similarity(hangul, latin, person=person) < 0.75


def test_same_script_names_are_left_to_folding() -> None:
    assert similarity("머코르", "머코어") == 0.0
    assert similarity("Mercor", "Mercor Inc.") == 0.0


def test_romanize_is_revised_romanization() -> None:
    assert romanize("머코르") == "meokoreu"
    assert romanize("김민수") == "gimminsu"
    assert {"kimminsu", "minsookim", "leeminsu"} & korean_name_romanizations("김민수") == {
        "kimminsu", "minsookim"}


def test_ambiguous_rendering_is_left_alone() -> None:
    # "MK" is Mark as much as Mercor: with both as candidates, no guess.
    candidates = [("org:a", ["Mercor"]), ("org:b", ["Mercor Labs"]), ("org:c", ["Meta"])]
    assert best_match("머코어", candidates[:1]).key == "org:a"
    assert best_match("머코어", [("org:a", ["Mercor"]), ("org:x", ["Mekor"])]) is None


@pytest.mark.parametrize(("hangul", "not_id"), [
    ("가온로보틱스", "org:agibot"),  # sounds like its alias Zhiyuan Robotics (Korean: 즈위안로보틱스)
    ("다온데이터", "org:dnotitia"),  # sounds like Dnotitia, written 디노티시아
])
def test_a_hangul_name_is_not_a_registry_company_that_korean_text_writes_otherwise(
        hangul: str, not_id: str) -> None:
    resolver = EntityResolver(default_registry())
    assert resolver.resolve(EntityRef(hangul, "Organization")).id != not_id
    # another spelling that begins as the registry's Korean forms still resolves (머커, 머코어)
    assert resolver.resolve(EntityRef("머코르", "Organization")).id == "org:mercor"


def test_resolver_matches_registry_and_store_across_scripts() -> None:
    known = [Entity("person:minsu-kim", "Person", "Minsu Kim"),
             Entity("person:yuanzhi-li", "Person", "Yuanzhi Li")]
    resolver = EntityResolver(default_registry(), known)
    assert resolver.resolve(EntityRef("머코르", "Organization")).id == "org:mercor"
    assert resolver.resolve(EntityRef("자오성자", "Person")).id == "person:shengjia-zhao"
    assert resolver.resolve(EntityRef("셩지아 자오", "Person")).id == "person:shengjia-zhao"
    assert resolver.resolve(EntityRef("안드레 카파시", "Person")).id == "person:andrej-karpathy"
    assert resolver.resolve(EntityRef("김민수", "Person")).id == "person:minsu-kim"
    # Same surname, same given-name initial, another person: a new entity.
    other = resolver.resolve(EntityRef("김민준", "Person"))
    assert other.id not in ("person:minsu-kim",) and other.name == "김민준"
    assert resolver.resolve(EntityRef("린지", "Person")).id != "person:yuanzhi-li"
    # The rendering becomes an alias of its entity.
    assert "머코르" in resolver.entity("org:mercor").aliases


def test_resolver_follows_merges() -> None:
    resolver = EntityResolver(default_registry(), [Entity("org:acme", "Organization", "Acme")],
                              merges={"org:acme-labs": "org:acme"})
    entity = resolver.resolve(EntityRef("Acme Labs", "Organization"))
    assert entity.id == "org:acme" and "Acme Labs" in entity.aliases


def test_final_consonant_of_a_syllable() -> None:
    assert has_final_consonant("렌") and has_final_consonant("왕") and has_final_consonant("달")
    assert not has_final_consonant("라") and not has_final_consonant("A") and not has_final_consonant(" ")
