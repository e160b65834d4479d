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
