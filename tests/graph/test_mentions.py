"""Entities a document names: whole words, Korean names before particles."""

from __future__ import annotations

from kg.graph.mentions import mentioned_entities
from kg.graph.registry import default_registry


def names(text: str) -> list[str]:
    return [e.name for e in mentioned_entities(text, default_registry())]


def test_latin_names_are_whole_words() -> None:
    assert names("Meta and Google met; the metadata of OpenAI's model stayed private.") == [
        "Meta", "Google", "OpenAI"]
    assert names("Metaverse fans and googlers") == []


def test_korean_names_before_particles_not_inside_words() -> None:
    assert names("메타가 구글과 오픈AI의 인재를 영입했다.") == ["Meta", "Google", "OpenAI"]
    assert names("메타버스 시장이 커졌다.") == []


def test_longest_alias_wins_and_outlets_are_left_out() -> None:
    found = names("Scale AI told Bloomberg that Scale AI's deal closed.")
    assert found == ["Scale AI"]


def test_a_name_counts_where_it_stands_alone_even_after_a_glued_occurrence() -> None:
    # The first "메타" is inside 메타버스, the second stands alone: the scan goes on past the first.
    assert names("메타버스를 만든 메타는") == ["Meta"]
    assert names("xMeta, Meta_ and then Meta") == ["Meta"]
    assert names("(구글)") == ["Google"]


def test_names_at_the_ends_of_the_text() -> None:
    assert names("구글") == ["Google"]
    assert names("구글\n") == ["Google"]
    assert names("in the end, Google") == ["Google"]
    assert names("구글에서는") == ["Google"]  # a particle of several syllables
    assert names("구글에서는것") == []  # glued to more Hangul: not a particle


def test_mentions_come_in_order_of_first_appearance() -> None:
    assert names("OpenAI, 구글과 달리 Meta, 그리고 다시 오픈AI를") == ["OpenAI", "Google", "Meta"]


def test_latin_names_before_korean_particles() -> None:
    # Korean copy keeps many names in Latin letters, with the particle glued on.
    assert names("OpenAI는 Scale AI의 고객이었고 Google도 그랬다.") == ["OpenAI", "Scale AI", "Google"]
    assert names("Meta플랫폼과 Googleplex") == []  # other Hangul or letters glued on: not the name


def test_a_registry_alias_with_spaces_around_it_is_scanned_without_them() -> None:
    # The mention scan reads the registry's own scan of the text, which looks for the alias as
    # spelled (spaces included); an alias spelled with spaces is looked for without them.
    from kg.graph.registry import Registry

    registry = Registry([
        {"id": "org:zentrix", "name": "Zentrix Labs", "type": "Organization", "en": [" Zentrix "]},
    ])
    assert [e.name for e in mentioned_entities("Zentrix hired two engineers.", registry)] == ["Zentrix Labs"]
    assert [e.name for e in mentioned_entities("Zentrix Labs hired two engineers.", registry)] == [
        "Zentrix Labs"]
