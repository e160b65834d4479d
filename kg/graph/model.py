"""The fact model: entity types, the 13 relation types and their qualifiers.

Everything else derives from the declarations here: the store's DDL, claim
validation, Neo4j constraints, the RDF ontology and SHACL shapes, the CLI's
``--relation`` choices and the README's relation table. Adding a relation is
one entry in ``RELATIONS`` plus its extraction rules.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from kg.errors import ValidationError

ORGANIZATION = "Organization"
PERSON = "Person"
ENTITY_TYPES = (ORGANIZATION, PERSON)
ID_PREFIX = {ORGANIZATION: "org", PERSON: "person"}


@dataclass(frozen=True)
class Qualifier:
    """A typed property of a fact edge.

    ``kind`` is one of ``number`` (float), ``integer``, ``string``,
    ``currency`` (ISO 4217 code), ``date`` (ISO 8601 at the text's precision:
    ``2025``, ``2025-06`` or ``2025-06-12``) or ``status`` (``active``/``ended``).
    """

    name: str
    kind: str
    label_en: str
    label_ko: str

    @property
    def lbug_type(self) -> str:
        return {"number": "DOUBLE", "integer": "INT64"}.get(self.kind, "STRING")


QUALIFIERS: dict[str, Qualifier] = {
    q.name: q
    for q in (
        Qualifier("amount", "number", "amount", "금액"),
        Qualifier("currency", "currency", "currency", "통화"),
        Qualifier("amount_alt", "number", "amount in another currency", "다른 통화 금액"),
        Qualifier("currency_alt", "currency", "currency of amount_alt", "다른 통화"),
        Qualifier("stake_pct", "number", "stake (percent)", "지분율"),
        Qualifier("round", "string", "funding round", "투자 라운드"),
        Qualifier("valuation", "number", "valuation (in currency)", "기업가치"),
        Qualifier("date", "date", "date", "날짜"),
        Qualifier("role", "string", "role", "역할"),
        Qualifier("title", "string", "title", "직함"),
        Qualifier("count", "integer", "head count", "인원"),
        Qualifier("pct", "number", "percent", "비율"),
        Qualifier("service", "string", "service", "서비스"),
        Qualifier("status", "status", "status", "상태"),
        Qualifier("kind", "string", "kind of partnership", "협력 유형"),
        # When a state holds (Wikidata's P580 start time / P582 end time): given by
        # the text, or derived by the store from the events of the same pair
        # (kg.graph.lifecycle): HIRED/FOUNDED start a WORKS_AT, DEPARTED ends it.
        Qualifier("valid_from", "date", "valid from", "시작일"),
        Qualifier("valid_to", "date", "valid until", "종료일"),
    )
}

# Qualifiers of every state relation: the interval in which the state holds.
_LIFECYCLE = ("valid_from", "valid_to")

STATUSES = ("active", "ended")


@dataclass(frozen=True)
class Relation:
    """One relation type of the fact contract (``shared/eval/GUIDE.md``).

    ``event`` relations happen at a time and can repeat between the same pair
    (two investment rounds are two edges); state relations hold or not.
    """

    name: str
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]
    qualifiers: tuple[str, ...]
    event: bool
    symmetric: bool
    rdf_class: str
    rdf_property: str
    label_en: str
    label_ko: str
    description: str

    def qualifier_specs(self) -> list[Qualifier]:
        return [QUALIFIERS[name] for name in self.qualifiers]


_MONEY = ("amount", "currency", "amount_alt", "currency_alt")

RELATIONS: dict[str, Relation] = {
    r.name: r
    for r in (
        Relation("INVESTED_IN", (ORGANIZATION, PERSON), (ORGANIZATION,),
                 (*_MONEY, "stake_pct", "round", "valuation", "date"), True, False,
                 "Investment", "investedIn", "invested in", "투자",
                 "An organization or person invested in an organization."),
        Relation("ACQUIRED", (ORGANIZATION,), (ORGANIZATION,), (*_MONEY, "date"), True, False,
                 "Acquisition", "acquired", "acquired", "인수",
                 "An organization acquired another."),
        Relation("HIRED", (ORGANIZATION,), (PERSON,), ("role", "date"), True, False,
                 "Hiring", "hired", "hired", "영입",
                 "An organization hired (or was joined by) a person."),
        Relation("HIRED_FROM", (ORGANIZATION,), (ORGANIZATION,), ("count", "role", "date"),
                 True, False, "TalentTransfer", "hiredFrom", "hired from", "인재 영입 출처",
                 "An organization hired people who came from another organization."),
        Relation("DEPARTED", (PERSON,), (ORGANIZATION,), ("role", "date"), True, False,
                 "Departure", "departed", "departed", "퇴사",
                 "A person left an organization."),
        Relation("WORKS_AT", (PERSON,), (ORGANIZATION,), ("title", *_LIFECYCLE), False, False,
                 "Employment", "worksAt", "works at", "재직",
                 "A person works at (or holds a title in) an organization."),
        Relation("FOUNDED", (PERSON,), (ORGANIZATION,), ("date",), False, False,
                 "Founding", "founded", "founded", "창업",
                 "A person founded an organization."),
        Relation("PART_OF", (ORGANIZATION,), (ORGANIZATION,), _LIFECYCLE, False, False,
                 "UnitMembership", "partOf", "part of", "소속",
                 "A unit is part of a parent organization."),
        Relation("VENDOR_TO", (ORGANIZATION,), (ORGANIZATION,),
                 ("service", "status", *_LIFECYCLE),
                 False, False, "VendorRelationship", "vendorTo", "vendor to", "공급",
                 "A vendor supplies a client organization."),
        Relation("PARTNERED_WITH", (ORGANIZATION,), (ORGANIZATION,),
                 ("kind", "date", *_LIFECYCLE),
                 False, True, "Partnership", "partneredWith", "partnered with", "협력",
                 "Two organizations work together as partners."),
        Relation("ENDED_PARTNERSHIP", (ORGANIZATION,), (ORGANIZATION,), ("date",), True, False,
                 "PartnershipEnd", "endedPartnership", "ended partnership with", "협력 중단",
                 "An organization ended its work with another."),
        Relation("COMPETES_WITH", (ORGANIZATION,), (ORGANIZATION,), (), False, True,
                 "Competition", "competesWith", "competes with", "경쟁",
                 "Two organizations compete."),
        Relation("LAID_OFF", (ORGANIZATION,), (ORGANIZATION,), ("count", "pct", "date"),
                 True, False, "Layoff", "laidOff", "laid off staff of", "감원",
                 "An organization cut staff of a unit (itself when no unit is named)."),
    )
}

# Properties every fact edge carries besides its qualifiers, with store types.
EDGE_PROPERTIES: dict[str, str] = {
    "fact_id": "STRING",
    "sources": "STRING[]",
    "evidence": "STRING[]",
    "confidence": "DOUBLE",
    "extractor": "STRING",
    "first_seen": "STRING",
    "last_seen": "STRING",
    # One JSON object per claim the edge merges (document, sentence, the
    # qualifiers that claim gave, confidence, extractor, when it was seen): the
    # edge's other properties are a function of this set (kg.graph.identity),
    # which is what makes them independent of the order of ingest.
    "reports": "STRING[]",
    # Qualifiers on which the sources disagree (amount beyond tolerance, count,
    # date); each source's own values are in ``reports``.
    "conflicts": "STRING[]",
}


def relation(name: str) -> Relation:
    """Look a relation up by name; an unknown name lists the known ones."""
    try:
        return RELATIONS[name.upper()]
    except KeyError:
        raise ValidationError(
            f"unknown relation {name!r}; known: {', '.join(RELATIONS)}"
        ) from None


@dataclass(frozen=True)
class Entity:
    """An organization or person node.

    ``id`` is the registry's id, or a stable slug of the name and type for an
    entity found only in text (``org:acme-robotics``). ``parent`` is the id of
    the organization a unit belongs to.
    """

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    parent: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class EntityRef:
    """A mention as an extractor sees it, before the registry resolves it."""

    name: str
    type: str
    id: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Document:
    """One input document after loading and cleaning.

    ``id`` is the sha256 of the normalized full text, so the same article read
    twice (or from a copy) is recognised. ``text`` is the article body only.
    ``url`` is where the article was published, when known (a manifest, an
    HTML canonical link); ``path`` is where kg read it.
    """

    id: str
    path: str
    text: str
    lang: str
    published: str | None = None
    published_source: str = "none"  # "flag", "manifest", "document" or "none" (undated)
    title: str | None = None
    sentences: tuple[str, ...] = ()
    url: str | None = None  # where it was published, when known
    encoding: str = "utf-8"  # the charset the file was decoded from
    warnings: tuple[str, ...] = ()  # what the reader should know (kept little text, a future date)


@dataclass
class Claim:
    """A fact read from one sentence, before it reaches a store."""

    relation: str
    subject: EntityRef
    object: EntityRef
    qualifiers: dict[str, Any] = field(default_factory=dict)
    evidence: str = ""
    confidence: float = 0.8
    extractor: str = "kg.rules"

    def validate(self) -> None:
        """Raise ValidationError when the claim breaks the model."""
        rel = relation(self.relation)
        if self.subject.type not in rel.subject_types:
            raise ValidationError(f"{rel.name}: subject {self.subject.name} is {self.subject.type}")
        if self.object.type not in rel.object_types:
            raise ValidationError(f"{rel.name}: object {self.object.name} is {self.object.type}")
        for key, value in self.qualifiers.items():
            if key not in rel.qualifiers:
                raise ValidationError(f"{rel.name} has no qualifier {key!r}")
            check_qualifier(QUALIFIERS[key], value)


def check_qualifier(spec: Qualifier, value: Any) -> None:
    """Raise ValidationError when ``value`` does not fit ``spec``."""
    ok = {
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "currency": lambda v: isinstance(v, str) and len(v) == 3 and v.isupper(),
        "date": lambda v: isinstance(v, str) and len(v) in (4, 7, 10),
        "status": lambda v: v in STATUSES,
        "string": lambda v: isinstance(v, str) and v != "",
    }[spec.kind](value)
    if not ok:
        raise ValidationError(f"qualifier {spec.name}={value!r} is not a valid {spec.kind}")


def fact_id(subject_id: str, relation_name: str, object_id: str, event_key: str | None) -> str:
    """The identity of a fact edge.

    State relations have one edge per pair; an event relation's edge is also
    keyed by ``event_key``, the canonical key of the event that
    :mod:`kg.graph.identity` computes from every report of it (its date and
    round), so the id does not depend on which report arrived first.
    Symmetric relations order the pair.
    """
    rel = RELATIONS[relation_name]
    if rel.symmetric:
        subject_id, object_id = sorted((subject_id, object_id))
    key = (event_key or "") if rel.event else ""
    raw = "|".join((subject_id, rel.name, object_id, key))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Source:
    """Where a fact was read: the document id (sha256), its path and the sentence.

    ``qualifiers`` are the values this source gave, which may differ from the
    fact's own when sources disagree (see ``Fact.conflicts``).
    """

    doc: str
    path: str
    evidence: str
    published: str | None = None
    qualifiers: dict[str, Any] = field(default_factory=dict)


@dataclass
class Fact:
    """A fact edge as stored: a claim resolved to entities, merged over sources.

    ``qualifiers`` holds only the qualifiers that are set, with the kinds
    ``QUALIFIERS`` declares; ``confidence`` grows with independent sources.
    """

    id: str
    relation: str
    subject: Entity
    object: Entity
    qualifiers: dict[str, Any] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    confidence: float = 0.8
    extractor: str = "kg.rules"
    first_seen: str = ""
    last_seen: str = ""
    conflicts: list[str] = field(default_factory=list)
    # Every claim merged into this fact, as JSON (kg.graph.identity.Report).
    reports: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The object GUIDE.md describes under "What the extractor prints"."""

        def ent(e: Entity) -> dict[str, Any]:
            out: dict[str, Any] = {"id": e.id, "name": e.name, "aliases": list(e.aliases), "type": e.type}
            if e.wikidata:
                out["wikidata"] = e.wikidata
            if e.description:
                out["description"] = e.description
            return out

        out = {
            "id": self.id,
            "subject": ent(self.subject),
            "relation": self.relation,
            "object": ent(self.object),
            "qualifiers": dict(self.qualifiers),
            "sources": [
                {"doc": s.doc, "path": s.path, "evidence": s.evidence,
                 "qualifiers": dict(s.qualifiers)} for s in self.sources
            ],
            "confidence": round(self.confidence, 3),
        }
        if self.conflicts:
            out["conflicts"] = list(self.conflicts)
        return out


def relation_table() -> str:
    """The relation table of the README, generated so the docs cannot drift."""
    lines = [
        "| relation | subject → object | kind | qualifiers | 한국어 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rel in RELATIONS.values():
        arrow = "↔" if rel.symmetric else "→"
        kind = "event" if rel.event else "state"
        lines.append(
            f"| `{rel.name}` | {' or '.join(rel.subject_types)} {arrow} "
            f"{' or '.join(rel.object_types)} | {kind} | {', '.join(rel.qualifiers) or '—'} "
            f"| {rel.label_ko} |"
        )
    return "\n".join(lines)
