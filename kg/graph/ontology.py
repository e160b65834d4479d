"""The ontology, SHACL shapes and JSON-LD context, generated from the fact model.

``kg/graph/ontology.ttl``, ``shapes.ttl`` and ``context.jsonld`` ship in the
package and are written by :func:`write_files` (``python -m kg.graph.ontology``);
a test checks that the shipped files equal what this module produces now, so
they cannot drift from ``kg.graph.model``.

What the model does not say -- alignments to schema.org, W3C ORG and PROV-O,
Korean comments, which amount goes with which currency -- is declared here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD, Namespace

from kg.graph.model import ENTITY_TYPES, ORGANIZATION, QUALIFIERS, RELATIONS, STATUSES
from kg.graph.money import RATES_SOURCE, RATES_SOURCE_TITLE, cypher_per_usd, iso4217
from kg.graph.rdf import ENTITY_CLASS, VOCAB_PREFIXES
from kg.graph.vocab import (
    FIXED_TERMS,
    KG,
    ONTOLOGY_IRI,
    ONTOLOGY_VERSION,
    qualifier_property,
    relation_class,
    relation_property,
)

KGSH = Namespace("https://w3id.org/kg/shapes#")
HERE = Path(__file__).parent
FILES = {"ontology": HERE / "ontology.ttl", "shapes": HERE / "shapes.ttl",
         "context": HERE / "context.jsonld",
         "investments": HERE.parent / "queries" / "investments.cypher"}

# Korean labels and comments of the fixed terms (the model carries the rest).
FIXED_KO: dict[str, tuple[str, str]] = {
    "Statement": ("진술", "뉴스 문장에서 읽은 사실: 주어, 목적어, 한정자와 출처."),
    "Source": ("출처", "진술을 뒷받침하는 문서의 한 문장."),
    "Document": ("문서", "kg가 읽은 뉴스 기사 또는 텍스트."),
    "Extraction": ("추출", "진술을 만든 추출기의 실행."),
    "subject": ("주어", "진술의 주어 개체."),
    "object": ("목적어", "진술의 목적어 개체."),
    "confidence": ("신뢰도", "진술에 대한 kg의 확신 정도, 0에서 1 사이 (출처가 늘면 높아짐)."),
    "evidence": ("근거 문장", "출처가 인용한 문장."),
    "sha256": ("SHA-256", "정규화한 문서 본문의 SHA-256 값; kg의 문서 식별자."),
    "path": ("경로", "문서를 읽은 곳: 파일 경로 또는 URL."),
    "extractor": ("추출기", "진술을 만든 추출기의 이름."),
    "relationName": ("관계 이름", "진술 클래스가 나타내는 사실 모델의 관계 이름."),
    "dateStart": ("시작일", "날짜가 그 정밀도로 가리키는 기간의 첫날 (2025-06은 2025-06-01부터)."),
    "dateEnd": ("종료일", "날짜가 그 정밀도로 가리키는 기간의 마지막 날 (2025-06은 2025-06-30까지)."),
    "amountUSD": ("미화 환산 금액", "금액을 진술 연도의 연평균 환율로 나눈 미국 달러 금액."),
    "roundTotal": ("라운드 총액", "여러 투자자가 참여한 투자 라운드의 총액: 이 투자자 개별 금액이 아님."),
    "firstSeen": ("처음 읽은 때", "kg가 진술의 출처를 처음 읽은 시각 (수집 시각)."),
    "lastSeen": ("마지막으로 읽은 때", "kg가 진술의 출처를 마지막으로 읽은 시각 (수집 시각)."),
    "conflict": ("불일치", "출처들이 서로 다르게 전하는 진술의 한정자 (이름)."),
    "report": ("보고", "진술에 합쳐진 주장 하나 (JSON): 문서, 문장, 한정자, 신뢰도, 추출기."),
}
FIXED_SUPER: dict[str, list[URIRef]] = {
    "Statement": [PROV.Entity],
    "Source": [PROV.Entity],
    "Document": [PROV.Entity, SDO.CreativeWork],
    "Extraction": [PROV.Activity],
}
# Direct properties that specialise a standard one (rdfs:subPropertyOf).
PROPERTY_ALIGN: dict[str, list[URIRef]] = {
    "WORKS_AT": [SDO.worksFor, ORG.memberOf],
    "PART_OF": [ORG.subOrganizationOf, SDO.parentOrganization],
}
# Wikidata properties a direct property matches (wdt: is what Wikidata's own
# triples use). True: the Wikidata property runs the other way, so the match
# is to its inverse (an OWL inverse property expression).
WDT = Namespace("http://www.wikidata.org/prop/direct/")
WIKIDATA_MATCH: dict[str, list[tuple[URIRef, str, bool]]] = {
    "WORKS_AT": [(SKOS.closeMatch, "P108", False)],        # employer
    "FOUNDED": [(OWL.inverseOf, "P112", False)],           # founded by
    "ACQUIRED": [(SKOS.closeMatch, "P1830", False),        # owner of
                 (SKOS.closeMatch, "P127", True)],         # owned by
    "INVESTED_IN": [(SKOS.relatedMatch, "P1830", False),   # a stake is part ownership
                    (SKOS.relatedMatch, "P127", True)],
    "PART_OF": [(SKOS.closeMatch, "P749", False),          # parent organization
                (SKOS.closeMatch, "P355", True)],          # has subsidiary
    "PARTNERED_WITH": [(SKOS.closeMatch, "P2652", False)],  # partnership with
}
# schema.org properties that run the other way (owl:inverseOf).
SCHEMA_INVERSE: dict[str, URIRef] = {
    "FOUNDED": SDO.founder,             # organization -> founder
    "PART_OF": SDO.subOrganization,     # parent -> unit
}
CREATOR = "The kg contributors"
# Standard terms close to a statement class, for readers (rdfs:seeAlso).
CLASS_SEE_ALSO: dict[str, list[URIRef]] = {
    "INVESTED_IN": [SDO.funder],
    "ACQUIRED": [ORG.ChangeEvent],
    "HIRED": [SDO.EmployeeRole],
    "WORKS_AT": [ORG.Membership, SDO.EmployeeRole],
    "FOUNDED": [SDO.founder],
    "PART_OF": [ORG.subOrganizationOf],
}
PERCENTAGES = ("stake_pct", "pct")
# A money amount is meaningless without its currency.
MONEY: dict[str, str] = {"amount": "currency", "amount_alt": "currency_alt",
                         "valuation": "currency"}
XSD_OF_KIND = {"number": XSD.decimal, "integer": XSD.integer, "currency": XSD.string,
               "string": XSD.string, "status": XSD.string}
DATE_TYPES = (XSD.gYear, XSD.gYearMonth, XSD.date)
WIKIDATA_PATTERN = r"^http://www\.wikidata\.org/entity/Q[0-9]+$"


def _labels(graph: Graph, node: URIRef, en: str, ko: str, comment_en: str,
            comment_ko: str) -> None:
    graph.add((node, RDFS.label, Literal(en, lang="en")))
    graph.add((node, RDFS.label, Literal(ko, lang="ko")))
    graph.add((node, RDFS.comment, Literal(comment_en, lang="en")))
    graph.add((node, RDFS.comment, Literal(comment_ko, lang="ko")))
    graph.add((node, RDFS.isDefinedBy, URIRef(ONTOLOGY_IRI)))


def _new_graph(extra: dict[str, str] | None = None) -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in {**VOCAB_PREFIXES, **(extra or {})}.items():
        graph.bind(prefix, namespace)
    return graph


def _classes_of(types: Iterable[str]) -> list[URIRef]:
    return [ENTITY_CLASS[t] for t in types]


def build_ontology() -> Graph:
    """The OWL ontology of kg's terms, with English and Korean labels."""
    g = _new_graph()
    onto = URIRef(ONTOLOGY_IRI)
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, RDFS.label, Literal("kg ontology", lang="en")))
    g.add((onto, RDFS.label, Literal("kg 온톨로지", lang="ko")))
    g.add((onto, RDFS.comment, Literal(
        "Corporate relationships in the AI industry read from news: each fact is a direct "
        "triple and a statement node with qualifiers and PROV-O provenance.", lang="en")))
    g.add((onto, RDFS.comment, Literal(
        "뉴스에서 읽은 AI 산업의 기업 관계: 각 사실은 직접 트리플과, 한정자와 PROV-O 출처를 "
        "가진 진술 노드로 표현된다.", lang="ko")))
    g.add((onto, DCTERMS.license, URIRef("https://www.apache.org/licenses/LICENSE-2.0")))
    g.add((onto, OWL.versionIRI, URIRef(f"{ONTOLOGY_IRI}/{ONTOLOGY_VERSION}")))
    g.add((onto, OWL.versionInfo, Literal(ONTOLOGY_VERSION)))
    g.add((onto, DCTERMS.creator, Literal(CREATOR)))
    # An entity is an organization or a person, never both (the shapes check it too).
    g.add((SDO.Person, OWL.disjointWith, SDO.Organization))

    for term, comment in FIXED_TERMS.items():
        node = KG[term]
        ko_label, ko_comment = FIXED_KO[term]
        _labels(g, node, re.sub(r"(?<=[a-z])(?=[A-Z])", " ", term).lower(), ko_label,
                comment, ko_comment)
        if term[0].isupper():
            g.add((node, RDF.type, OWL.Class))
            for parent in FIXED_SUPER.get(term, []):
                g.add((node, RDFS.subClassOf, parent))
    entity = BNode()  # an organization or a person
    g.add((entity, RDF.type, OWL.Class))
    g.add((entity, OWL.unionOf, _list(g, _classes_of(ENTITY_TYPES))))
    for term in ("subject", "object"):
        g.add((KG[term], RDF.type, OWL.ObjectProperty))
        g.add((KG[term], RDF.type, OWL.FunctionalProperty))
        g.add((KG[term], RDFS.domain, KG.Statement))
        g.add((KG[term], RDFS.range, entity))
    for term, range_ in (("confidence", XSD.decimal), ("evidence", RDF.langString),
                         ("sha256", XSD.string), ("path", XSD.string),
                         ("extractor", XSD.string), ("dateStart", XSD.date),
                         ("dateEnd", XSD.date), ("amountUSD", XSD.decimal),
                         ("roundTotal", XSD.decimal), ("firstSeen", XSD.dateTime),
                         ("lastSeen", XSD.dateTime), ("conflict", XSD.string),
                         ("report", RDF.JSON)):
        g.add((KG[term], RDF.type, OWL.DatatypeProperty))
        g.add((KG[term], RDFS.range, range_))
    for term in ("dateStart", "dateEnd"):
        g.add((KG[term], SDO.domainIncludes, KG.Statement))
        g.add((KG[term], SDO.domainIncludes, KG.Document))
    for term in ("amountUSD", "firstSeen", "lastSeen"):
        g.add((KG[term], RDFS.domain, KG.Statement))
    g.add((KG.roundTotal, RDFS.domain, relation_class("INVESTED_IN")))
    source = URIRef(RATES_SOURCE)
    g.add((KG.amountUSD, DCTERMS.source, source))
    g.add((source, DCTERMS.title, Literal(RATES_SOURCE_TITLE, lang="en")))
    g.add((KG.confidence, RDFS.domain, KG.Statement))
    g.add((KG.conflict, RDFS.domain, KG.Statement))
    g.add((KG.report, RDFS.domain, KG.Statement))
    g.add((KG.evidence, RDFS.domain, KG.Source))
    g.add((KG.evidence, RDFS.subPropertyOf, PROV.value))
    g.add((KG.sha256, RDFS.domain, KG.Document))
    g.add((KG.path, RDFS.domain, KG.Document))
    g.add((KG.extractor, RDFS.domain, KG.Extraction))
    g.add((KG.relationName, RDF.type, OWL.AnnotationProperty))

    for rel in RELATIONS.values():
        cls, prop = relation_class(rel.name), relation_property(rel.name)
        g.add((cls, RDF.type, OWL.Class))
        g.add((cls, RDFS.subClassOf, KG.Statement))
        g.add((cls, KG.relationName, Literal(rel.name)))
        _labels(g, cls, f"{rel.label_en} (statement)", f"{rel.label_ko} 진술",
                f"Statement node: {rel.description} Holds subject, object, qualifiers "
                f"({', '.join(rel.qualifiers) or 'none'}) and sources.",
                f"'{rel.label_ko}' 관계의 진술 노드: 주어, 목적어, 한정자와 출처를 가진다.")
        for other in CLASS_SEE_ALSO.get(rel.name, []):
            g.add((cls, RDFS.seeAlso, other))

        g.add((prop, RDF.type, OWL.ObjectProperty))
        if rel.symmetric:
            g.add((prop, RDF.type, OWL.SymmetricProperty))
        _labels(g, prop, rel.label_en, rel.label_ko,
                f"Direct triple: {rel.description}",
                f"직접 트리플: 주어가 목적어와 '{rel.label_ko}' 관계에 있다.")
        for key, types in ((RDFS.domain, rel.subject_types), (RDFS.range, rel.object_types)):
            classes = _classes_of(types)
            if len(classes) == 1:
                g.add((prop, key, classes[0]))
            else:  # schema.org's way to say "one of", without OWL unions
                includes = SDO.domainIncludes if key == RDFS.domain else SDO.rangeIncludes
                for cls_ in classes:
                    g.add((prop, includes, cls_))
        if rel.subject_types == rel.object_types == (ORGANIZATION,):
            # ORG: "a generic ... relationship between organizations" to specialise.
            g.add((prop, RDFS.subPropertyOf, ORG.linkedTo))
        for parent in PROPERTY_ALIGN.get(rel.name, []):
            g.add((prop, RDFS.subPropertyOf, parent))
        if rel.name in SCHEMA_INVERSE:
            g.add((prop, OWL.inverseOf, SCHEMA_INVERSE[rel.name]))
        for predicate, pid, inverse in WIKIDATA_MATCH.get(rel.name, []):
            target: URIRef | BNode = WDT[pid]
            if inverse:
                target = BNode()
                g.add((target, OWL.inverseOf, WDT[pid]))
            g.add((prop, predicate, target))

    for q in QUALIFIERS.values():
        prop = qualifier_property(q.name)
        g.add((prop, RDF.type, OWL.DatatypeProperty))
        _labels(g, prop, q.label_en, q.label_ko, f"Qualifier of a statement: {q.label_en}.",
                f"진술의 한정자: {q.label_ko}.")
        g.add((prop, RDFS.domain, KG.Statement))
        for rel in RELATIONS.values():
            if q.name in rel.qualifiers:
                g.add((prop, SDO.domainIncludes, relation_class(rel.name)))
        if q.kind == "date":
            for dt in DATE_TYPES:
                g.add((prop, SDO.rangeIncludes, dt))
        else:
            g.add((prop, RDFS.range, XSD_OF_KIND[q.kind]))
    return g


def _list(g: Graph, items: list[Any]) -> BNode:
    head = BNode()
    Collection(g, head, items)
    return head


def _property(g: Graph, shape: URIRef, name: str, path: URIRef, message: str,
              **constraints: Any) -> None:
    """A named property shape ``kgsh:<Shape>-<name>`` (named so the file needs few blank nodes)."""
    node = KGSH[f"{shape.split('#')[-1]}-{name}"]
    g.add((shape, SH.property, node))
    g.add((node, SH.path, path))
    g.add((node, SH.message, Literal(message)))
    for key, value in constraints.items():
        if key == "classes":
            if len(value) == 1:
                g.add((node, SH["class"], value[0]))
            else:
                options = []
                for cls in value:
                    option = BNode()
                    g.add((option, SH["class"], cls))
                    options.append(option)
                g.add((node, SH["or"], _list(g, options)))
        elif key == "datatypes":
            options = []
            for dt in value:
                option = BNode()
                g.add((option, SH.datatype, dt))
                options.append(option)
            g.add((node, SH["or"], _list(g, options)))
        elif key == "values":
            g.add((node, SH["in"], _list(g, [Literal(v) for v in value])))
        else:
            g.add((node, SH[key], value if isinstance(value, URIRef | Literal | BNode)
                   else Literal(value)))


def _sparql(g: Graph, shape: URIRef, name: str, message: str, select: str) -> None:
    """A named SHACL-SPARQL constraint ``kgsh:<Shape>-<name>``; full IRIs, so no prefixes."""
    node = KGSH[f"{shape.split('#')[-1]}-{name}"]
    g.add((shape, SH.sparql, node))
    g.add((node, RDF.type, SH.SPARQLConstraint))
    g.add((node, SH.message, Literal(message)))
    g.add((node, SH.select, Literal(" ".join(select.split()))))


def _direct_triple_shapes(g: Graph, rel_name: str, shape: URIRef) -> None:
    """A statement has its direct triple, in its direction, and a direct triple its statement.

    A symmetric relation has both directions and either may be the statement's.
    """
    rel = RELATIONS[rel_name]
    cls, prop = relation_class(rel_name), relation_property(rel_name)
    subject, obj = f"<{KG.subject}>", f"<{KG.object}>"
    missing = f"NOT EXISTS {{ ?s <{prop}> ?value }}"
    if rel.symmetric:
        missing = f"({missing} || NOT EXISTS {{ ?value <{prop}> ?s }})"
    _sparql(g, shape, "directTriple",
            f"a {rel_name} statement has its direct triple kg:{rel.rdf_property} from its "
            f"subject to its object{' and back' if rel.symmetric else ''}",
            f"SELECT $this ?value WHERE {{ $this {subject} ?s ; {obj} ?value . "
            f"FILTER ({missing}) }}")
    direct = KGSH[f"{rel.rdf_property}DirectShape"]
    g.add((direct, RDF.type, SH.NodeShape))
    g.add((direct, SH.targetSubjectsOf, prop))
    statement = f"?st a <{cls}> ; {subject} $this ; {obj} ?value ."
    if rel.symmetric:
        statement = (f"?st a <{cls}> . {{ ?st {subject} $this ; {obj} ?value }} UNION "
                     f"{{ ?st {subject} ?value ; {obj} $this }}")
    _sparql(g, direct, "statement",
            f"a direct triple kg:{rel.rdf_property} has a {rel_name} statement with the same "
            f"subject and object{' (either way)' if rel.symmetric else ''}",
            f"SELECT $this ?value WHERE {{ $this <{prop}> ?value . "
            f"FILTER NOT EXISTS {{ {statement} }} }}")


def build_shapes() -> Graph:
    """SHACL shapes every export conforms to by construction."""
    g = _new_graph({"sh": str(SH), "kgsh": str(KGSH)})
    # One list of codes, shared by every currency property.
    currencies = _list(g, [Literal(code) for code in iso4217()])
    for rel in RELATIONS.values():
        cls = relation_class(rel.name)
        shape = KGSH[f"{cls.split('#')[-1]}Shape"]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, cls))
        # Closed: a qualifier the relation does not have is an error.
        g.add((shape, SH.closed, Literal(True)))
        g.add((shape, SH.ignoredProperties, _list(g, [RDF.type])))
        for term, types in (("subject", rel.subject_types), ("object", rel.object_types)):
            _property(g, shape, term, KG[term],
                      f"a {rel.name} statement has exactly one {term}: "
                      f"{' or '.join(types)}",
                      minCount=1, maxCount=1, nodeKind=SH.IRI, classes=_classes_of(types))
        _property(g, shape, "source", PROV.wasDerivedFrom,
                  "a statement is derived from at least one kg:Source with its evidence",
                  minCount=1, classes=[KG.Source])
        _property(g, shape, "generatedBy", PROV.wasGeneratedBy,
                  "a statement is generated by the extractions (prov:Activity) of its sources",
                  minCount=1, classes=[PROV.Activity])
        _property(g, shape, "confidence", KG.confidence,
                  "a statement has one confidence, an xsd:decimal from 0 to 1",
                  minCount=1, maxCount=1, datatype=XSD.decimal,
                  minInclusive=Literal(0), maxInclusive=Literal(1))
        _property(g, shape, "identifier", DCTERMS.identifier,
                  "a statement has one identifier (the fact id)", maxCount=1)
        _property(g, shape, "conflict", KG.conflict,
                  "a conflict names a qualifier of the relation",
                  datatype=XSD.string, values=list(rel.qualifiers))
        _property(g, shape, "report", KG.report, "a report is an rdf:JSON literal",
                  datatype=RDF.JSON)
        for term in ("firstSeen", "lastSeen"):
            _property(g, shape, term, KG[term], f"{term}: at most one xsd:dateTime",
                      maxCount=1, datatype=XSD.dateTime)
        g.add((KGSH[f"{cls.split('#')[-1]}Shape-firstSeen"], SH.lessThanOrEquals, KG.lastSeen))
        for q in rel.qualifier_specs():
            path, msg = qualifier_property(q.name), f"{q.name}: at most one, a {q.kind}"
            if q.kind == "date":
                _property(g, shape, q.name, path,
                          f"{q.name}: at most one xsd:gYear, xsd:gYearMonth or xsd:date",
                          maxCount=1, datatypes=list(DATE_TYPES))
                for term in ("dateStart", "dateEnd"):
                    _property(g, shape, term, KG[term],
                              f"{term}: at most one xsd:date (the interval the date covers)",
                              maxCount=1, datatype=XSD.date)
                g.add((KGSH[f"{cls.split('#')[-1]}Shape-dateStart"], SH.lessThanOrEquals,
                       KG.dateEnd))
            elif q.kind == "currency":
                _property(g, shape, q.name, path,
                          f"{q.name}: an ISO 4217 code in current use, like USD",
                          maxCount=1, datatype=XSD.string, **{"in": currencies})
            elif q.kind == "status":
                _property(g, shape, q.name, path, msg, maxCount=1, values=list(STATUSES))
            elif q.name in MONEY:
                _property(g, shape, q.name, path, f"{q.name}: at most one, a decimal above 0",
                          maxCount=1, datatype=XSD.decimal, minExclusive=Literal(0))
            elif q.name in PERCENTAGES:
                _property(g, shape, q.name, path,
                          f"{q.name}: at most one, a decimal from 0 to 100 (percent)",
                          maxCount=1, datatype=XSD.decimal, minInclusive=Literal(0),
                          maxInclusive=Literal(100))
            else:
                _property(g, shape, q.name, path, msg, maxCount=1,
                          datatype=XSD_OF_KIND[q.kind])
        if "amount" in rel.qualifiers:
            _property(g, shape, "amountUSD", KG.amountUSD,
                      "amountUSD: at most one, a decimal above 0", maxCount=1,
                      datatype=XSD.decimal, minExclusive=Literal(0))
        if rel.name == "INVESTED_IN":
            _property(g, shape, "roundTotal", KG.roundTotal,
                      "roundTotal: at most one, a decimal above 0", maxCount=1,
                      datatype=XSD.decimal, minExclusive=Literal(0))
        _direct_triple_shapes(g, rel.name, shape)

    for amount, currency in MONEY.items():
        shape = KGSH[f"{qualifier_property(amount).split('#')[-1]}NeedsCurrency"]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetSubjectsOf, qualifier_property(amount)))
        _property(g, shape, "currency", qualifier_property(currency),
                  f"{amount} requires {currency} (ISO 4217)", minCount=1)
    shape = KGSH.dateNeedsInterval
    g.add((shape, RDF.type, SH.NodeShape))
    g.add((shape, SH.targetSubjectsOf, qualifier_property("date")))
    g.add((shape, SH.targetSubjectsOf, SDO.datePublished))
    for term in ("dateStart", "dateEnd"):
        _property(g, shape, term, KG[term],
                  f"a dated statement or document has its {term} (xsd:date)", minCount=1)

    # Every statement is of one relation's class: kg:Statement alone says nothing.
    statement = KGSH.StatementShape
    g.add((statement, RDF.type, SH.NodeShape))
    g.add((statement, SH.targetClass, KG.Statement))
    g.add((statement, SH.targetSubjectsOf, KG.subject))
    g.add((statement, SH.targetSubjectsOf, KG.object))
    g.add((statement, SH.message, Literal(
        "a statement is typed with its relation's class (kg:Investment, kg:Hiring, ...)")))
    options = []
    for rel in RELATIONS.values():
        option = BNode()
        g.add((option, SH["class"], relation_class(rel.name)))
        options.append(option)
    g.add((statement, SH["or"], _list(g, options)))

    source = KGSH.SourceShape
    g.add((source, RDF.type, SH.NodeShape))
    g.add((source, SH.targetClass, KG.Source))
    _property(g, source, "evidence", KG.evidence,
              "a source carries one evidence sentence, not empty",
              minCount=1, maxCount=1, datatypes=[RDF.langString, XSD.string],
              pattern=r"\S")
    _property(g, source, "document", PROV.wasQuotedFrom, "a source quotes one kg:Document",
              minCount=1, maxCount=1, classes=[KG.Document])
    _property(g, source, "generatedBy", PROV.wasGeneratedBy,
              "a source is generated by the one extraction that read its document",
              minCount=1, maxCount=1, classes=[KG.Extraction])

    doc = KGSH.DocumentShape
    g.add((doc, RDF.type, SH.NodeShape))
    g.add((doc, SH.targetClass, KG.Document))
    _property(g, doc, "sha256", KG.sha256, "a document has one sha256 (64 hex digits)",
              minCount=1, maxCount=1, datatype=XSD.string, pattern="^[0-9a-f]{64}$")
    _property(g, doc, "path", KG.path,
              "a document has one path, relative to the ingest root (never absolute), or URL",
              minCount=1, maxCount=1, pattern=r"^([^/\\]|[A-Za-z][A-Za-z0-9+.\-]*://)")
    _property(g, doc, "url", SDO.url, "a document has at most one URL (an IRI)",
              maxCount=1, nodeKind=SH.IRI)
    _property(g, doc, "published", SDO.datePublished,
              "a publication date is one xsd:gYear, xsd:gYearMonth or xsd:date",
              maxCount=1, datatypes=list(DATE_TYPES))
    for term in ("dateStart", "dateEnd"):
        _property(g, doc, term, KG[term],
                  f"{term}: at most one xsd:date (the interval the publication date covers)",
                  maxCount=1, datatype=XSD.date)
    g.add((KGSH["DocumentShape-dateStart"], SH.lessThanOrEquals, KG.dateEnd))

    extraction = KGSH.ExtractionShape
    g.add((extraction, RDF.type, SH.NodeShape))
    g.add((extraction, SH.targetClass, KG.Extraction))
    _property(g, extraction, "extractor", KG.extractor,
              "an extraction names its extractors (strings)", datatype=XSD.string)
    _property(g, extraction, "used", PROV.used, "an extraction read one kg:Document",
              minCount=1, maxCount=1, classes=[KG.Document])
    _property(g, extraction, "startedAtTime", PROV.startedAtTime,
              "an extraction started at most once (xsd:dateTime, the ingestion time)",
              maxCount=1, datatype=XSD.dateTime)
    _property(g, extraction, "softwareVersion", SDO.softwareVersion,
              "an extraction names at most one version of kg", maxCount=1)

    for entity_type in ENTITY_TYPES:
        shape = KGSH[f"{entity_type}Shape"]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, ENTITY_CLASS[entity_type]))
        _property(g, shape, "name", SDO.name, "an entity has exactly one schema:name",
                  minCount=1, maxCount=1)
        _property(g, shape, "alternateName", SDO.alternateName,
                  "alternate names carry a language tag (@ko or @en)", datatype=RDF.langString)
        _property(g, shape, "sameAs", OWL.sameAs,
                  "owl:sameAs is a Wikidata entity IRI http://www.wikidata.org/entity/Q…",
                  nodeKind=SH.IRI, pattern=WIKIDATA_PATTERN)
    # Person and Organization are disjoint: an entity is one or the other.
    person, not_org = KGSH.PersonShape, BNode()
    g.add((not_org, SH["class"], SDO.Organization))
    g.add((person, SH["not"], not_org))
    g.add((person, SH.message, Literal("an entity is a Person or an Organization, not both")))
    return g


def build_context() -> dict[str, Any]:
    """The JSON-LD context: prefixes, and a short term for every kg and common property."""
    ctx: dict[str, Any] = dict(sorted(VOCAB_PREFIXES.items()))
    ids = {"subject": "kg:subject", "object": "kg:object", "sameAs": "owl:sameAs",
           "wasDerivedFrom": "prov:wasDerivedFrom", "wasGeneratedBy": "prov:wasGeneratedBy",
           "wasQuotedFrom": "prov:wasQuotedFrom", "parentOrganization": "schema:parentOrganization",
           "subOrganizationOf": "org:subOrganizationOf"}
    for rel in RELATIONS.values():
        ids[rel.rdf_property] = f"kg:{rel.rdf_property}"
    for term, iri in ids.items():
        ctx[term] = {"@id": iri, "@type": "@id"}
    for q in QUALIFIERS.values():
        name = qualifier_property(q.name).split("#")[-1]
        dt = {"number": "xsd:decimal", "integer": "xsd:integer"}.get(q.kind)
        ctx[name] = {"@id": f"kg:{name}", "@type": dt} if dt else f"kg:{name}"
    ctx["confidence"] = {"@id": "kg:confidence", "@type": "xsd:decimal"}
    ctx.update({"name": "schema:name", "alternateName": "schema:alternateName",
                "evidence": "kg:evidence", "sha256": "kg:sha256", "path": "kg:path",
                "extractor": "kg:extractor", "conflict": "kg:conflict",
                "report": {"@id": "kg:report", "@type": "@json"}})
    for term in ("dateStart", "dateEnd"):
        ctx[term] = {"@id": f"kg:{term}", "@type": "xsd:date"}
    for term in ("amountUSD", "roundTotal"):
        ctx[term] = {"@id": f"kg:{term}", "@type": "xsd:decimal"}
    for term in ("firstSeen", "lastSeen"):
        ctx[term] = {"@id": f"kg:{term}", "@type": "xsd:dateTime"}
    ctx["startedAtTime"] = {"@id": "prov:startedAtTime", "@type": "xsd:dateTime"}
    ctx["used"] = {"@id": "prov:used", "@type": "@id"}
    ctx["url"] = {"@id": "schema:url", "@type": "@id"}
    return {"@context": dict(sorted(ctx.items()))}


def investments_cypher() -> str:
    """The named Cypher query ``investments``, with the rate table written into it.

    It mirrors ``investments.rq`` over the export: a round total shared by
    co-investors (same amount, currency and sentence) is ``round_total``, not
    each one's ``amount``; ``amount_usd`` follows :mod:`kg.graph.money`.
    """
    per_usd = cypher_per_usd("r.currency", "y").replace("\n", "\n     ")
    return f"""\
// Investments with amounts, their US-dollar equivalent, stake and date; largest in USD first.
// params: min_amount=0
// min_amount is in US dollars. Generated by `python -m kg.graph.ontology` from the yearly
// average rates in kg/graph/data/usd_rates.csv (the rate of the investment's year).
MATCH (a)-[r:INVESTED_IN]->(b:Organization)
OPTIONAL MATCH (c)-[r2:INVESTED_IN]->(b)
WHERE c.id <> a.id AND r.amount IS NOT NULL AND r2.amount = r.amount
  AND r2.currency = r.currency AND any(e IN r.evidence WHERE e IN r2.evidence)
WITH a, r, b, count(r2) > 0 AS shared, left(coalesce(r.date, '9999'), 4) AS y
WITH a, r, b, shared,
     {per_usd} AS per_usd
WITH a, r, b, shared, CASE WHEN shared THEN NULL ELSE r.amount / per_usd END AS amount_usd
WHERE coalesce(amount_usd, 0) >= $min_amount
RETURN a.name AS investor, b.name AS investee,
       CASE WHEN shared THEN NULL ELSE r.amount END AS amount, r.currency AS currency,
       amount_usd, CASE WHEN shared THEN r.amount ELSE NULL END AS round_total,
       r.stake_pct AS stake_pct, r.date AS date, size(r.sources) AS sources
ORDER BY amount_usd IS NULL, amount_usd DESC, investor, investee
"""


def turtle_text(graph: Graph) -> str:
    """Deterministic Turtle: rdflib's longturtle with canonical blank nodes."""
    return graph.serialize(format="longturtle", canon=True)


def generated() -> dict[str, str]:
    """The text of each shipped file as the model gives it now."""
    return {
        "ontology": turtle_text(build_ontology()),
        "shapes": turtle_text(build_shapes()),
        "context": json.dumps(build_context(), ensure_ascii=False, indent=2) + "\n",
        "investments": investments_cypher(),
    }


def write_files() -> list[Path]:
    """Regenerate the shipped files; returns the paths written."""
    for name, text in generated().items():
        FILES[name].write_text(text, encoding="utf-8")
    return list(FILES.values())


def load(name: str) -> Graph:
    """A shipped file (``ontology`` or ``shapes``) as a Graph."""
    return Graph().parse(FILES[name], format="turtle")


if __name__ == "__main__":
    for path in write_files():
        print(path)
