"""Test graphs for the Neo4j tests: the seed article, and a store-API graph of every relation.

The store-API graph has awkward values on purpose (quotes, backslashes, line
breaks, semicolons, Hangul) so that escaping in exports and array
delimiters are exercised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j

from kg.graph.model import ENTITY_TYPES, RELATIONS, Document, Entity
from kg.graph.store import ResolvedClaim, Store

DEV_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"
SEED = DEV_DIR / "ko-seed.txt"
SEED_PUBLISHED = "2025-08-31"

ACME = Entity("org:acme", "Organization", "Acme 'Robotics'", ("애크미", "ACME; Inc."))
BOLT = Entity("org:bolt", "Organization", 'Bolt "AI" \\ Labs', (), "Q1", None, "line one\nline two")
UNIT = Entity("org:bolt-research", "Organization", "Bolt Research", (), None, "org:bolt")
KIM = Entity("person:kim", "Person", "김철수", ("Kim Chul-soo",))
LEE = Entity("person:lee", "Person", "Lee; Young", ())


def doc(n: int, published: str = "2025-06-13") -> Document:
    return Document(id=f"sample-doc-{n}", path=f"sample-{n}.txt", text="", lang="en",
                    published=published, title=f"Sample {n}")


def claim(relation: str, s: Entity, o: Entity, evidence: str, conf: float = 0.8,
          **qualifiers: Any) -> ResolvedClaim:
    return ResolvedClaim(relation, s, o, dict(qualifiers), evidence, conf, "test")


def every_relation() -> list[ResolvedClaim]:
    """One claim of each of the 13 relation types, qualifiers of every kind."""
    claims = [
        claim("INVESTED_IN", ACME, BOLT, "Acme put $1.5B into Bolt; it's \"huge\".",
              amount=1.5e9, currency="USD", amount_alt=2.0e12, currency_alt="KRW",
              stake_pct=12.5, round="Series B", valuation=9e9, date="2025-06"),
        claim("INVESTED_IN", KIM, BOLT, "김철수 invested.", amount=5e6, currency="USD"),
        claim("ACQUIRED", ACME, UNIT, "Acme bought a unit.", amount=3e8, currency="EUR",
              date="2025-05-02"),
        claim("HIRED", BOLT, LEE, "Bolt hired Lee\\Young as CTO.", role="CTO", date="2025-04"),
        claim("HIRED_FROM", BOLT, ACME, "Bolt hired 20 from Acme.", count=20, role="engineers",
              date="2025"),
        claim("DEPARTED", KIM, ACME, "Kim left Acme.\nHe joined Bolt.", role="CFO",
              date="2025-03"),
        claim("WORKS_AT", LEE, BOLT, "Lee works at Bolt.", title="CTO"),
        claim("FOUNDED", KIM, BOLT, "Kim founded Bolt.", date="2019"),
        claim("PART_OF", UNIT, BOLT, "Bolt Research is Bolt's lab."),
        claim("VENDOR_TO", ACME, BOLT, "Acme supplies data.", service="data labeling",
              status="ended"),
        claim("PARTNERED_WITH", ACME, BOLT, "Acme and Bolt partner.", kind="research",
              date="2025-02"),
        claim("ENDED_PARTNERSHIP", BOLT, ACME, "Bolt ended it.", date="2025-07"),
        claim("COMPETES_WITH", ACME, BOLT, "They compete."),
        claim("LAID_OFF", BOLT, UNIT, "Bolt cut 14% (30 people).", count=30, pct=14.0,
              date="2025-08-01"),
    ]
    assert {c.relation for c in claims} == set(RELATIONS)
    return claims


def write_sample(store: Store) -> None:
    """Two documents: the second confirms one fact (two sources) and adds one."""
    store.write(doc(1), every_relation())
    store.write(doc(2, "2025-06-20"), [
        claim("INVESTED_IN", ACME, BOLT, "Again: Acme backs Bolt.", 0.9, date="2025-06"),
        claim("HIRED", ACME, KIM, "Acme hired Kim.", role="advisor", date="2025-06"),
    ])


def ingest_seed(store: Store) -> None:
    """The seed article through the real pipeline, as an analyst would run it."""
    from kg.ingest import ingest_file

    result = ingest_file(store, SEED, published=SEED_PUBLISHED)
    assert result.added > 0, "the seed article gave no facts"


def neo4j_counts(driver: neo4j.Driver) -> dict[str, int]:
    """The same keys as ``Store.counts()``, counted in Neo4j."""
    out = {}
    for label in (*ENTITY_TYPES, "Document"):
        records, _, _ = driver.execute_query(f"MATCH (n:{label}) RETURN count(n) AS c")
        out[label] = records[0]["c"]
    for name in (*RELATIONS, "MENTIONS"):
        records, _, _ = driver.execute_query(f"MATCH ()-[r:{name}]->() RETURN count(r) AS c")
        out[name] = records[0]["c"]
    return out


def total_nodes_and_rels(driver: neo4j.Driver) -> tuple[int, int]:
    nodes = driver.execute_query("MATCH (n) RETURN count(n) AS c")[0][0]["c"]
    rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c")[0][0]["c"]
    return nodes, rels
