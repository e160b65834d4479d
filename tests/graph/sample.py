"""A small graph written through the store API: every relation type and qualifier kind.

Tests of the RDF export, SPARQL and import build on it, so they do not depend
on the extractors.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.graph.model import QUALIFIERS, RELATIONS, Document, Entity
from kg.graph.store import ResolvedClaim, Store, open_store

META = Entity("org:meta", "Organization", "Meta", ("메타", "Meta Platforms"), wikidata="Q380")
SCALE = Entity("org:scale-ai", "Organization", "Scale AI", ("스케일AI", "Scale"),
               wikidata="Q60745437")
OPENAI = Entity("org:openai", "Organization", "OpenAI", ("오픈AI",), wikidata="Q21708200")
GOOGLE = Entity("org:google", "Organization", "Google", ("구글",), wikidata="Q95")
MSL = Entity("org:meta-superintelligence-labs", "Organization", "Meta Superintelligence Labs",
             ("메타 초지능 연구소", "MSL"), parent="org:meta")
MERCOR = Entity("org:mercor", "Organization", "Mercor", ("머코르",),
                description="data labelling company")
SURGE = Entity("org:surge-ai", "Organization", "Surge AI", ("서지",))
WANG = Entity("person:alexandr-wang", "Person", "Alexandr Wang", ("알렉산드르 왕",))
FEDUS = Entity("person:liam-fedus", "Person", "Liam Fedus")
PERIODIC = Entity("org:periodic-labs", "Organization", "Periodic Labs")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


KO_DOC = Document(id=sha("ko"), path="news/ko-seed.txt", text="", lang="ko",
                  published="2025-08-31", title="메타, 스케일AI와 파트너십 균열 조짐")
EN_DOC = Document(id=sha("en"), path="https://example.com/periodic-labs", text="", lang="en",
                  published="2025-10")
EN_DOC2 = Document(id=sha("en2"), path="news/en-002.txt", text="", lang="en", published="2025")

KO_INVEST = "메타는 지난 6월 스케일AI에 143억 달러(약 20조원)를 투자했다."


def claim(relation: str, s: Entity, o: Entity, evidence: str, conf: float = 0.8,
          extractor: str = "kg.rules.ko", **qualifiers: object) -> ResolvedClaim:
    return ResolvedClaim(relation, s, o, dict(qualifiers), evidence, conf, extractor)


KO_CLAIMS = [
    claim("INVESTED_IN", META, SCALE, KO_INVEST, 0.9, amount=14.3e9, currency="USD",
          amount_alt=2e13, currency_alt="KRW", stake_pct=49.0, date="2025-06"),
    claim("HIRED", META, WANG, "메타는 최고경영자 알렉산드르 왕을 영입했다.", role="CEO",
          date="2025-06"),
    claim("HIRED_FROM", META, SCALE, "메타는 스케일AI 임원들을 영입했다.", count=3,
          role="executive", date="2025-06"),
    claim("WORKS_AT", WANG, SCALE, "스케일AI 최고경영자 알렉산드르 왕", title="CEO"),
    claim("FOUNDED", WANG, SCALE, "창업자인 알렉산더 왕", date="2016"),
    claim("PART_OF", MSL, META, "메타 초지능 연구소(MSL)"),
    claim("VENDOR_TO", MERCOR, META, "TBD 랩스가 머코르와 협력해", service="data labelling",
          status="active"),
    claim("VENDOR_TO", SCALE, OPENAI, "오픈AI가 협력 중단을 발표", status="ended"),
    claim("COMPETES_WITH", MERCOR, SCALE, "경쟁 데이터 라벨링 업체 머코르"),
    claim("ENDED_PARTNERSHIP", OPENAI, SCALE, "오픈AI와 구글이 협력 중단을 발표",
          date="2025-06"),
    claim("ENDED_PARTNERSHIP", GOOGLE, SCALE, "오픈AI와 구글이 협력 중단을 발표",
          date="2025-06"),
    claim("LAID_OFF", SCALE, SCALE, "지난달 200명을 감축했다.", count=200, pct=14.0,
          date="2025-07"),
    # A second sentence of the same document for the same fact.
    claim("INVESTED_IN", META, SCALE, "메타의 스케일 AI 투자", 0.7, date="2025-06"),
]
EN_CLAIMS = [
    claim("INVESTED_IN", META, SCALE, "Meta invested $14.3 billion in Scale AI in June.", 0.8,
          extractor="kg.rules.en", round="strategic", valuation=29e9, currency="USD",
          date="2025-06-12"),
    claim("DEPARTED", FEDUS, OPENAI, "Liam Fedus left OpenAI.", extractor="kg.rules.en",
          role="VP of Research", date="2025-03"),
    claim("FOUNDED", FEDUS, PERIODIC, "Fedus co-founded Periodic Labs.", extractor="kg.rules.en"),
    claim("INVESTED_IN", FEDUS, PERIODIC, "Fedus put money into Periodic Labs.",
          extractor="kg.rules.en", round="seed"),
    claim("ACQUIRED", GOOGLE, SURGE, "Google bought Surge AI for $1 billion.",
          extractor="kg.rules.en", amount=1e9, currency="USD", date="2025-09-30"),
    claim("PARTNERED_WITH", GOOGLE, OPENAI, "Google and OpenAI agreed to work together.",
          extractor="kg.rules.en", kind="cloud", date="2025-05"),
    claim("WORKS_AT", FEDUS, OPENAI, "Fedus was at OpenAI from 2018 until March.",
          extractor="kg.rules.en", title="VP of Research", valid_from="2018",
          valid_to="2025-03"),
]
EN2_CLAIMS = [
    claim("COMPETES_WITH", MERCOR, SCALE, "Mercor competes with Scale AI \"head on\".", 0.6,
          extractor="kg.rules.en"),
    # The same investment with another figure: one fact, its sources disagree.
    claim("INVESTED_IN", META, SCALE, "Meta put about $11 billion into Scale AI in June.",
          0.6, extractor="kg.rules.en", amount=11e9, currency="USD", date="2025-06"),
]


def build(path: Path) -> Path:
    """Write the sample graph into a new store at ``path``."""
    with open_store(path) as store:
        write(store)
    return path


def write(store: Store) -> None:
    store.write(KO_DOC, KO_CLAIMS)
    store.write(EN_DOC, EN_CLAIMS)
    store.write(EN_DOC2, EN2_CLAIMS)
    store.write(Document(id=sha("empty"), path="news/nothing.txt", text="", lang="en"), [])


def covered() -> tuple[set[str], set[str]]:
    """Relations and qualifiers the sample uses (a test checks it covers the model)."""
    claims = KO_CLAIMS + EN_CLAIMS + EN2_CLAIMS
    return ({c.relation for c in claims}, {q for c in claims for q in c.qualifiers})


assert covered() == (set(RELATIONS), set(QUALIFIERS)), covered()
