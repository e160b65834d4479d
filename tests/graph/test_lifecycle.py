"""When state facts hold: valid_from/valid_to from the pair's events, and --as-of."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import queries
from kg.graph.lifecycle import holds_on, state_on
from kg.graph.model import Document, Entity, Fact
from kg.graph.store import ResolvedClaim, open_store

ACME = Entity("org:acme", "Organization", "Acme")
BOLT = Entity("org:bolt", "Organization", "Bolt Robotics")
DATAWORKS = Entity("org:dataworks", "Organization", "Dataworks")
KIM = Entity("person:kim-dana", "Person", "Dana Kim")


def doc(n: int, published: str) -> Document:
    return Document(id=f"doc{n}", path=f"article-{n}.txt", text="", lang="en",
                    published=published)


def claim(relation: str, s: Entity, o: Entity, evidence: str = "e",
          **qualifiers: object) -> ResolvedClaim:
    return ResolvedClaim(relation, s, o, dict(qualifiers), evidence, 0.8, "test")


KIM_STORY = [
    (doc(1, "2024-03-01"), [claim("WORKS_AT", KIM, BOLT, "Bolt CEO Dana Kim", title="CEO"),
                            claim("FOUNDED", KIM, BOLT, "Kim founded Bolt in 2019.",
                                  date="2019")]),
    (doc(2, "2025-06-14"), [claim("HIRED", ACME, KIM, "Acme hired Bolt's CEO Dana Kim.",
                                  role="chief AI officer", date="2025-06-12"),
                            claim("DEPARTED", KIM, BOLT, "Kim left Bolt.", date="2025-06-12")]),
]
VENDOR_STORY = [
    (doc(3, "2024-11-02"), [claim("VENDOR_TO", DATAWORKS, BOLT, "Bolt uses Dataworks' data.",
                                  service="data labelling", status="active")]),
    (doc(4, "2025-07-03"), [claim("ENDED_PARTNERSHIP", BOLT, DATAWORKS,
                                  "Bolt cut ties with Dataworks on July 1.", date="2025-07-01")]),
]


def write(store_dir: Path, writes: list) -> list[Fact]:
    with open_store(store_dir) as store:
        for document, claims in writes:
            store.write(document, claims)
        return store.facts()


def one(facts: list[Fact], relation: str, subject: Entity, obj: Entity) -> Fact:
    (found,) = [f for f in facts if f.relation == relation and f.subject.id == subject.id
                and f.object.id == obj.id]
    return found


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_works_at_starts_at_founding_and_ends_at_departure(store_dir: Path,
                                                           order: tuple[int, int]) -> None:
    facts = write(store_dir, [KIM_STORY[i] for i in order])
    works = one(facts, "WORKS_AT", KIM, BOLT)
    assert works.qualifiers == {"title": "CEO", "valid_from": "2019", "valid_to": "2025-06-12"}


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_vendor_ends_with_the_ended_partnership(store_dir: Path, order: tuple[int, int]) -> None:
    facts = write(store_dir, [VENDOR_STORY[i] for i in order])
    vendor = one(facts, "VENDOR_TO", DATAWORKS, BOLT)
    assert vendor.qualifiers["status"] == "ended"
    assert vendor.qualifiers["valid_to"] == "2025-07-01"
    assert holds_on(vendor, "2025-06-30") and not holds_on(vendor, "2025-07-01")


def test_a_departure_before_the_start_does_not_end_the_job(store_dir: Path) -> None:
    facts = write(store_dir, [
        (doc(1, "2025-08-01"), [claim("DEPARTED", KIM, ACME, "Kim left Acme in 2021.",
                                      date="2021"),
                                claim("HIRED", ACME, KIM, "Acme rehired Kim.", date="2025-07"),
                                claim("WORKS_AT", KIM, ACME, "Acme's Kim", title="CTO")]),
    ])
    assert one(facts, "WORKS_AT", KIM, ACME).qualifiers == {"title": "CTO",
                                                           "valid_from": "2025-07"}


def test_an_undated_departure_ends_the_job_by_its_publication(store_dir: Path) -> None:
    facts = write(store_dir, [
        (doc(1, "2024-03-01"), [claim("WORKS_AT", KIM, BOLT, "Bolt CEO Dana Kim", title="CEO")]),
        (doc(2, "2025-02-10"), [claim("DEPARTED", KIM, BOLT, "Kim has left Bolt.")]),
    ])
    assert one(facts, "WORKS_AT", KIM, BOLT).qualifiers["valid_to"] == "2025-02-10"


def test_state_on_a_date_counts_hires_as_employment(store_dir: Path) -> None:
    facts = write(store_dir, [*KIM_STORY, *VENDOR_STORY])
    before = {(f.subject.name, f.relation, f.object.name) for f in state_on(facts, "2025-05-01")}
    after = {(f.subject.name, f.relation, f.object.name) for f in state_on(facts, "2025-07-01")}
    assert ("Dana Kim", "WORKS_AT", "Bolt Robotics") in before
    assert ("Dana Kim", "WORKS_AT", "Acme") not in before
    assert ("Dataworks", "VENDOR_TO", "Bolt Robotics") in before
    assert ("Dana Kim", "WORKS_AT", "Bolt Robotics") not in after
    assert ("Dana Kim", "WORKS_AT", "Acme") in after  # from the hire, no WORKS_AT edge
    assert ("Dataworks", "VENDOR_TO", "Bolt Robotics") not in after
    (implied,) = [f for f in state_on(facts, "2025-07-01") if f.object.id == ACME.id]
    assert implied.qualifiers == {"title": "chief AI officer", "valid_from": "2025-06-12"}


@pytest.mark.parametrize("day", ["2025-05-01", "2025-06-12", "2025-07-01"])
def test_the_as_of_named_query_agrees_with_state_on(store_dir: Path, day: str) -> None:
    facts = write(store_dir, [*KIM_STORY, *VENDOR_STORY])
    named = queries.get("as-of")
    with open_store(store_dir, read_only=True) as store:
        _, rows = store.query(queries.for_engine(named.text, "ladybug"), named.params({"date": day}))
    expected = {(f.subject.name, f.relation, f.object.name) for f in state_on(facts, day)
                if f.relation in ("WORKS_AT", "VENDOR_TO")}
    assert {(r[0], r[1], r[2]) for r in rows} == expected


def test_one_source_telling_the_end_ends_the_vendor(store_dir: Path) -> None:
    facts = write(store_dir, [
        (doc(1, "2025-01-01"), [claim("VENDOR_TO", DATAWORKS, BOLT, "a", status="active")]),
        (doc(2, "2025-02-01"), [claim("VENDOR_TO", DATAWORKS, BOLT, "b", status="active")]),
        (doc(3, "2025-08-01"), [claim("VENDOR_TO", DATAWORKS, BOLT, "c", status="ended")]),
    ])
    assert one(facts, "VENDOR_TO", DATAWORKS, BOLT).qualifiers["status"] == "ended"
