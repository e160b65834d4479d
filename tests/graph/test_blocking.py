"""The blocking index of names: the resolver compares fewer names, and finds the same matches.

Every pair of names that ``similarity`` scores above 0 must share a block
(else the resolver could miss a match, or miss the runner-up that makes a
match ambiguous), and the resolver's transliteration match must be what the
exhaustive comparison with every registry and store entity gives. The names
are the gold entities of the development and training sets (read from
../shared, never copied), the registry's, and made-up ones.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

import pytest

from kg.graph.blocking import NameBlocks
from kg.graph.model import RELATIONS, Entity, EntityRef
from kg.graph.names import (
    NameMatch,
    best_match,
    compatible_latin_keys,
    hangul_block_keys,
    has_hangul,
    has_latin,
    latin_block_keys,
    similarity,
)
from kg.graph.registry import default_registry, slug
from kg.graph.resolver import EntityResolver
from tests.conftest import DEV_DIR

TYPES = ("Organization", "Person")
# Pairs the matcher treats in its special ways: acronyms and single letters spelled
# out, Latin inside Hangul, Korean personal names, word order, vowel-initial names,
# middle initials, words without a vowel.
EDGE_CASES = {
    "Organization": ["AMD", "에이엠디", "LG", "엘지", "X Corp.", "엑스", "xAI", "엑스AI", "SK Square",
                     "SK스퀘어", "Sequoia", "세쿼이아", "Aion", "아이온", "Oasis", "오아시스",
                     "Waymo", "웨이모", "Firm", "펌", "Shir Labs", "셔랩스", "Micro1", "마이크로1",
                     "Hmm Labs", "흠랩스", "A B C", "에이비씨", "Upstage", "업스테이지", "Eye AI",
                     "아이AI", "Gemini", "제미나이", "Ag Entity", "애그엔티티", "OpenAI", "오픈AI"],
    "Person": ["Shengjia Zhao", "자오성자", "셩지아 자오", "Minsu Kim", "김민수", "Kim Min-soo",
               "Elon R. Musk", "일론 머스크", "Yann LeCun", "얀 르쿤", "Wei Li", "웨이 리",
               "Andrej Karpathy", "안드레 카파시", "J. K. Rowling", "제이케이 롤링", "Rhee Ji-hoon",
               "이지훈", "Aa Bb Cc Dd Ee", "아아 브 크 드 에"],
}
KO_SYLLABLES = "가나다라마바사아자차카타파하리미비시지키티피히로모보소조코토포호오우이에"
EN_PARTS = ["Nova", "Quant", "Deep", "Hyper", "Lumen", "Vector", "Cortex", "Tensor", "Astra", "Orbit",
            "Pixel", "Sigma", "Zen", "Forge", "Pulse", "Atlas", "Ion", "Echo", "Wave", "Yield"]
FIRST = ["Alex", "Maria", "John", "Priya", "Chen", "Sara", "David", "Yuki", "Omar", "Lena", "Ivan"]
LAST = ["Kim", "Park", "Smith", "Garcia", "Lee", "Novak", "Tanaka", "Singh", "Brown", "Rossi", "Oh"]


def gold_names() -> dict[str, set[str]]:
    """Entity type -> the surface forms of the gold entities of dev and train (both
    types for an entity whose facts do not tell)."""
    names: dict[str, set[str]] = {kind: set() for kind in TYPES}
    for split in ("dev", "train"):
        path = DEV_DIR.parent / split / "gold.jsonl"
        if not path.is_file():
            pytest.fail(f"the evaluation set is missing: {path}")
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            kinds: dict[str, set[str]] = {}
            for fact in record["facts"]:
                relation = RELATIONS[fact["relation"]]
                for role, allowed in (("subject", relation.subject_types),
                                      ("object", relation.object_types)):
                    ends = fact[role] if isinstance(fact[role], list) else [fact[role]]
                    for end in ends:
                        kinds.setdefault(end, set()).update(allowed)
            for canonical, aliases in record["entities"].items():
                for kind in kinds.get(canonical, set(TYPES)) & set(TYPES):
                    names[kind].update([canonical, *aliases])
    return names


def synthetic_names(rng: random.Random) -> dict[str, set[str]]:
    names = {kind: set(EDGE_CASES[kind]) for kind in TYPES}
    for _ in range(150):
        names["Organization"].add("".join(rng.choice(KO_SYLLABLES) for _ in range(rng.randint(2, 4)))
                                  + rng.choice(["", "랩스", "테크", "AI", " 로보틱스"]))
        names["Organization"].add(f"{rng.choice(EN_PARTS)}{rng.choice(EN_PARTS).lower()} "
                                  f"{rng.choice(['Labs', 'AI', 'Robotics', 'Inc.'])}")
        names["Person"].add("".join(rng.choice(KO_SYLLABLES) for _ in range(rng.randint(2, 4))))
        names["Person"].add(f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    return names


@pytest.fixture(scope="module")
def names() -> dict[str, list[str]]:
    registry = default_registry()
    out = gold_names()
    for kind, made_up in synthetic_names(random.Random(11)).items():
        out[kind] |= made_up
    for entity in registry:
        if entity.type in out and not registry.is_media(entity):
            out[entity.type].update([entity.name, *entity.aliases])
    return {kind: sorted(found) for kind, found in out.items()}


def scripts(names: list[str]) -> tuple[list[str], list[str]]:
    return ([n for n in names if has_hangul(n)],
            [n for n in names if not has_hangul(n) and has_latin(n)])


def test_every_pair_that_scores_shares_a_block(names: dict[str, list[str]]) -> None:
    """The keys are necessary conditions: no pair with a positive score is left out.
    (Every Latin name against a sample of the Hangul ones, the edge cases always:
    all pairs take a few minutes.)"""
    rng = random.Random(3)
    missed, scored, blocked, pairs = [], 0, 0, 0
    for kind, found in names.items():
        person = kind == "Person"
        hangul, latin = scripts(found)
        hangul = sorted({*rng.sample(hangul, 160), *(n for n in EDGE_CASES[kind] if has_hangul(n))})
        latin_keys = {name: latin_block_keys(name, person=person) for name in latin}
        for h in hangul:
            wanted = {k for key in hangul_block_keys(h, person=person) for k in compatible_latin_keys(key)}
            for name in latin:
                shared = not wanted.isdisjoint(latin_keys[name])
                pairs += 1
                blocked += shared
                if similarity(h, name, person=person) > 0:
                    scored += 1
                    if not shared:
                        missed.append((kind, h, name))
    assert not missed, missed[:20]
    assert scored > 1000  # the names exercise the matcher
    assert blocked < pairs / 4  # and the blocks are a small part of all pairs


def exhaustive(resolver: EntityResolver, ref: EntityRef) -> NameMatch | None:
    """The resolver's transliteration match as it was: every registry and store entity."""
    hangul = has_hangul(ref.name)
    if not hangul and not has_latin(ref.name):
        return None
    registry = resolver.registry
    candidates: dict[str, tuple[str, ...]] = {}
    if hangul:
        candidates = {e.id: tuple(n for n in (e.name, *e.aliases) if not has_hangul(n))
                      for e in registry if e.type == ref.type and not registry.is_media(e)
                      and begins_as_its_korean_forms(ref, e)}
    for entity in resolver._entities.values():
        if entity.type != ref.type or registry.is_media(entity):
            continue
        if not hangul and not has_hangul(entity.name):
            continue
        names = tuple(n for n in (entity.name, *entity.aliases) if has_hangul(n) != hangul)
        candidates[entity.id] = candidates.get(entity.id, ()) + names
    return best_match(ref.name, candidates.items(), person=ref.type == "Person")


def begins_as_its_korean_forms(ref: EntityRef, entity: Entity) -> bool:
    """The resolver's rule for registry organizations: a Hangul name is compared with one
    whose registry entry gives Korean forms only if it starts as one of them does."""
    forms = [n.strip() for n in entity.aliases if has_hangul(n)]
    return ref.type != "Organization" or not forms or any(f[:1] == ref.name.strip()[:1] for f in forms)


def stored_entities(names: dict[str, list[str]], rng: random.Random) -> Iterator[Entity]:
    """Store entities: each known by one name, some with a second name in the other script."""
    for kind, found in names.items():
        for i, name in enumerate(found):
            aliases: tuple[str, ...] = ()
            if i % 5 == 0:
                other = [n for n in rng.sample(found, 3) if has_hangul(n) != has_hangul(name)]
                aliases = tuple(other[:1])
            yield Entity(f"{kind[:3].lower()}:{slug(name)}-{i}", kind, name, aliases)


def test_resolver_finds_what_exhaustive_matching_finds(names: dict[str, list[str]]) -> None:
    rng = random.Random(5)
    resolver = EntityResolver(default_registry(), stored_entities(names, rng))
    queries = [(kind, name) for kind, found in names.items() for name in found]
    matched = ambiguous = 0
    for kind, name in rng.sample(queries, 250):
        ref = EntityRef(name, kind)
        expected = exhaustive(resolver, ref)
        assert resolver._transliteration(ref) == expected, (kind, name)
        matched += expected is not None
        # A name that some entity scores well for but that stays unmatched: a runner-up.
        ambiguous += expected is None and any(
            similarity(name, other, person=kind == "Person") >= 0.8
            for other in (e.name for e in resolver._entities.values() if e.type == kind))
    assert matched > 20
    assert ambiguous > 0


def test_a_runner_up_still_counts() -> None:
    """젠트로바 renders Gentrova and Jentrova alike: the match is ambiguous, so none is
    taken. An index that lost the runner-up would take one."""
    resolver = EntityResolver(default_registry(), [Entity("org:g", "Organization", "Gentrova"),
                                                   Entity("org:j", "Organization", "Jentrova")])
    assert resolver._transliteration(EntityRef("젠트로바", "Organization")) is None
    alone = EntityResolver(default_registry(), [Entity("org:g", "Organization", "Gentrova")])
    match = alone._transliteration(EntityRef("젠트로바", "Organization"))
    assert match is not None and match.key == "org:g"


@pytest.mark.parametrize(("kind", "hangul", "latin"), [
    ("Organization", "엑스", "X Corp."),          # single letters spelled out
    ("Organization", "에이엠디", "AMD"),          # an acronym
    ("Organization", "SK스퀘어", "SK Square"),    # Latin inside the Hangul name
    ("Organization", "웨이모", "Waymo"),           # a w glide
    ("Person", "자오성자", "Shengjia Zhao"),       # family name first
    ("Person", "김민수", "Kim Min-soo"),           # a Korean personal name, romanized
    ("Person", "일론 머스크", "Elon R. Musk"),     # a middle initial
])
def test_blocks_hold_both_directions(kind: str, hangul: str, latin: str) -> None:
    blocks = NameBlocks(person=kind == "Person")
    blocks.add("latin", [latin])
    blocks.add("hangul", [hangul])
    blocks.add("other", ["Lumbo" if kind == "Organization" else "Lola Mubb", "흐흐"])
    assert similarity(hangul, latin, person=kind == "Person") > 0
    assert blocks.candidates(hangul) == {"latin"}
    assert blocks.candidates(latin) == {"hangul"}


def test_resolver_keeps_the_blocks_in_step_with_new_names() -> None:
    """A name learnt during the run (a new entity, a new alias) is found by the next one."""
    resolver = EntityResolver(default_registry())
    first = resolver.resolve(EntityRef("Zentrova Labs", "Organization"))
    assert resolver.resolve(EntityRef("젠트로바랩스", "Organization")).id == first.id
    renamed = resolver.resolve(EntityRef("퀀티섬", "Organization"))
    # Known only by its Hangul name, it takes the Latin name's id once one names it.
    latin = resolver.resolve(EntityRef("Quantisum", "Organization"))
    assert latin.id != renamed.id and "퀀티섬" in latin.aliases
    assert resolver.resolve(EntityRef("퀀티썸", "Organization")).id == latin.id
