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
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SH, XSD, Namespace

from kg.graph.model import ENTITY_TYPES, ORGANIZATION, QUALIFIERS, RELATIONS, STATUSES
from kg.graph.rdf import ENTITY_CLASS, VOCAB_PREFIXES
from kg.graph.vocab import (
    FIXED_TERMS,
    KG,
    ONTOLOGY_IRI,
    qualifier_property,
    relation_class,
    relation_property,
)

KGSH = Namespace("https://w3id.org/kg/shapes#")
HERE = Path(__file__).parent
FILES = {"ontology": HERE / "ontology.ttl", "shapes": HERE / "shapes.ttl",
         "context": HERE / "context.jsonld"}

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
# Standard terms close to a statement class, for readers (rdfs:seeAlso).
CLASS_SEE_ALSO: dict[str, list[URIRef]] = {
    "INVESTED_IN": [SDO.funder],
    "ACQUIRED": [ORG.ChangeEvent],
    "HIRED": [SDO.EmployeeRole],
    "WORKS_AT": [ORG.Membership, SDO.EmployeeRole],
    "FOUNDED": [SDO.founder],
    "PART_OF": [ORG.subOrganizationOf],
}
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

    for term, comment in FIXED_TERMS.items():
        node = KG[term]
        ko_label, ko_comment = FIXED_KO[term]
        _labels(g, node, re.sub(r"(?<=[a-z])(?=[A-Z])", " ", term).lower(), ko_label,
                comment, ko_comment)
        if term[0].isupper():
            g.add((node, RDF.type, OWL.Class))
            for parent in FIXED_SUPER.get(term, []):
                g.add((node, RDFS.subClassOf, parent))
    for term in ("subject", "object"):
        g.add((KG[term], RDF.type, OWL.ObjectProperty))
        g.add((KG[term], RDF.type, OWL.FunctionalProperty))
        g.add((KG[term], RDFS.domain, KG.Statement))
    for term, range_ in (("confidence", XSD.decimal), ("evidence", RDF.langString),
                         ("sha256", XSD.string), ("path", XSD.string),
                         ("extractor", XSD.string), ("conflict", XSD.string),
                         ("report", RDF.JSON)):
        g.add((KG[term], RDF.type, OWL.DatatypeProperty))
        g.add((KG[term], RDFS.range, range_))
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
            g.add((node, SH[key], value if isinstance(value, URIRef | Literal) else Literal(value)))


def build_shapes() -> Graph:
    """SHACL shapes every export conforms to by construction."""
    g = _new_graph({"sh": str(SH), "kgsh": str(KGSH)})
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
                  "a statement is generated by one extraction (prov:Activity)",
                  minCount=1, maxCount=1, classes=[PROV.Activity])
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
        for q in rel.qualifier_specs():
            path, msg = qualifier_property(q.name), f"{q.name}: at most one, a {q.kind}"
            if q.kind == "date":
                _property(g, shape, q.name, path,
                          f"{q.name}: at most one xsd:gYear, xsd:gYearMonth or xsd:date",
                          maxCount=1, datatypes=list(DATE_TYPES))
            elif q.kind == "currency":
                _property(g, shape, q.name, path, f"{q.name}: an ISO 4217 code like USD",
                          maxCount=1, datatype=XSD.string, pattern="^[A-Z]{3}$")
            elif q.kind == "status":
                _property(g, shape, q.name, path, msg, maxCount=1, values=list(STATUSES))
            else:
                _property(g, shape, q.name, path, msg, maxCount=1,
                          datatype=XSD_OF_KIND[q.kind])

    for amount, currency in MONEY.items():
        shape = KGSH[f"{qualifier_property(amount).split('#')[-1]}NeedsCurrency"]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetSubjectsOf, qualifier_property(amount)))
        _property(g, shape, "currency", qualifier_property(currency),
                  f"{amount} requires {currency} (ISO 4217)", minCount=1)

    source = KGSH.SourceShape
    g.add((source, RDF.type, SH.NodeShape))
    g.add((source, SH.targetClass, KG.Source))
    _property(g, source, "evidence", KG.evidence, "a source carries one evidence sentence",
              minCount=1, maxCount=1, datatypes=[RDF.langString, XSD.string])
    _property(g, source, "document", PROV.wasQuotedFrom, "a source quotes one kg:Document",
              minCount=1, maxCount=1, classes=[KG.Document])

    doc = KGSH.DocumentShape
    g.add((doc, RDF.type, SH.NodeShape))
    g.add((doc, SH.targetClass, KG.Document))
    _property(g, doc, "sha256", KG.sha256, "a document has one sha256 (64 hex digits)",
              minCount=1, maxCount=1, datatype=XSD.string, pattern="^[0-9a-f]{64}$")
    _property(g, doc, "path", KG.path, "a document has one path or URL", minCount=1,
              maxCount=1)
    _property(g, doc, "published", SDO.datePublished,
              "a publication date is one xsd:gYear, xsd:gYearMonth or xsd:date",
              maxCount=1, datatypes=list(DATE_TYPES))

    extraction = KGSH.ExtractionShape
    g.add((extraction, RDF.type, SH.NodeShape))
    g.add((extraction, SH.targetClass, KG.Extraction))
    _property(g, extraction, "extractor", KG.extractor, "an extraction names its extractor",
              minCount=1, maxCount=1, datatype=XSD.string)

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
    return {"@context": dict(sorted(ctx.items()))}


def turtle_text(graph: Graph) -> str:
    """Deterministic Turtle: rdflib's longturtle with canonical blank nodes."""
    return graph.serialize(format="longturtle", canon=True)


def generated() -> dict[str, str]:
    """The text of each shipped file as the model gives it now."""
    return {
        "ontology": turtle_text(build_ontology()),
        "shapes": turtle_text(build_shapes()),
        "context": json.dumps(build_context(), ensure_ascii=False, indent=2) + "\n",
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
