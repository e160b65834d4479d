"""The entity registry: variants of a name merge, different entities stay apart."""

from __future__ import annotations

import pytest

from kg.graph.model import EntityRef
from kg.graph.registry import Registry, default_registry, fold, slug


@pytest.fixture(scope="module")
def registry() -> Registry:
    return default_registry()


@pytest.mark.parametrize("variant", ["Scale AI", "scale ai", "ScaleAI", "스케일AI", "스케일 AI",
                                     "Scale-AI"])
def test_variants_of_a_name_are_one_entity(registry: Registry, variant: str) -> None:
    entity = registry.lookup(variant)
    assert entity is not None and entity.id == "org:scale-ai"


def test_korean_and_english_names_meet(registry: Registry) -> None:
    for en, ko in [("Meta", "메타"), ("OpenAI", "오픈AI"), ("Google", "구글"),
                   ("Microsoft", "마이크로소프트")]:
        assert registry.lookup(en) == registry.lookup(ko) is not None


def test_similar_names_stay_apart(registry: Registry) -> None:
    google, deepmind = registry.lookup("Google"), registry.lookup("Google DeepMind")
    assert google and deepmind and google.id != deepmind.id
    assert deepmind.parent == google.id
    meta, msl = registry.lookup("Meta"), registry.lookup("Meta Superintelligence Labs")
    assert meta and msl and meta.id != msl.id


def test_weak_alias_is_not_a_lookup_key(registry: Registry) -> None:
    # "Scale" alone is an ordinary word: only the extractors, in context, may take it.
    assert registry.lookup("scale") is None or registry.lookup("scale").id == "org:scale-ai"


def test_unknown_entities_get_stable_ids_and_keep_apart() -> None:
    reg = Registry([])
    a1 = reg.resolve(EntityRef("Acme Robotics", "Organization"))
    a2 = reg.resolve(EntityRef("acme robotics", "Organization"))
    b = reg.resolve(EntityRef("Acme Robotic", "Organization"))
    person = reg.resolve(EntityRef("Acme Robotics", "Person"))
    assert a1.id == a2.id == "org:acme-robotics"
    assert b.id != a1.id
    assert person.id == "person:acme-robotics"


def test_media_are_flagged(registry: Registry) -> None:
    assert registry.is_media(registry.lookup("TechCrunch"))
    assert registry.is_media(registry.lookup("연합뉴스"))
    assert not registry.is_media(registry.lookup("Meta"))


def test_fold_and_slug() -> None:
    assert fold(" Surge-AI ") == fold("surge ai") == "surgeai"
    assert slug("누리 랩스") == "누리-랩스"


def test_lineage_climbs_parents_up_to_its_levels() -> None:
    reg = Registry([
        {"id": "org:g", "type": "Organization", "name": "Group G"},
        {"id": "org:c", "type": "Organization", "name": "Company C", "parent": "org:g"},
        {"id": "org:u", "type": "Organization", "name": "Unit U", "parent": "org:c"},
    ])
    assert reg.lineage("org:u") == {"org:u", "org:c", "org:g"}
    assert reg.lineage("org:u", levels=1) == {"org:u", "org:c"}
    assert reg.lineage("org:g") == {"org:g"}
    assert reg.lineage("org:unknown") == {"org:unknown"}


def test_a_name_of_two_words_is_found_written_without_its_space() -> None:
    registry = Registry([
        {"id": "org:surge", "type": "Organization", "name": "Surge AI", "en": [], "ko": ["서지 AI"],
         "parent": None},
        {"id": "person:sam", "type": "Person", "name": "Sam Altman", "en": [], "ko": ["샘 알트만"],
         "parent": None},
    ])
    found = {a.text for a in registry.aliases_in("SurgeAI hired 샘알트만, not SamAltman.")}
    assert {"SurgeAI", "샘알트만"} <= found
    assert "SamAltman" not in found  # a person's Latin name is not written joined
