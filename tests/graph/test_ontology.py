"""The ontology, shapes and context: generated from the model, shipped unchanged."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal
from rdflib import namespace as ns
from rdflib.collection import Collection

from kg.graph import ontology
from kg.graph.model import QUALIFIERS, RELATIONS
from kg.graph.vocab import KG, qualifier_property, relation_class, relation_property


def test_shipped_files_equal_what_the_model_generates_now() -> None:
    """Run `python -m kg.graph.ontology` after changing the model."""
    for name, text in ontology.generated().items():
        assert ontology.FILES[name].read_text(encoding="utf-8") == text, name


def test_generation_is_deterministic() -> None:
    assert ontology.generated() == ontology.generated()


def test_vocabulary_is_closed() -> None:
    assert str(KG.investedIn).endswith("#investedIn")
    with pytest.raises(AttributeError):
        KG.investedln  # noqa: B018 - a typo must raise


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology.load("ontology")


def _langs(graph: Graph, node: object, prop: object) -> set[str | None]:
    return {o.language for o in graph.objects(node, prop) if isinstance(o, Literal)}


@pytest.mark.parametrize("name", list(RELATIONS))
def test_every_relation_has_class_and_property_in_two_languages(onto: Graph, name: str) -> None:
    rel = RELATIONS[name]
    cls, prop = relation_class(name), relation_property(name)
    assert (cls, ns.RDFS.subClassOf, KG.Statement) in onto
    assert onto.value(cls, KG.relationName) == Literal(name)
    assert (prop, ns.RDF.type, ns.OWL.ObjectProperty) in onto
    for node in (cls, prop):
        assert _langs(onto, node, ns.RDFS.label) == {"en", "ko"}
        assert _langs(onto, node, ns.RDFS.comment) == {"en", "ko"}
    assert Literal(rel.label_ko, lang="ko") in set(onto.objects(prop, ns.RDFS.label))
    domains = set(onto.objects(prop, ns.RDFS.domain)) | set(
        onto.objects(prop, ns.SDO.domainIncludes))
    assert len(domains) == len(rel.subject_types)
    assert (prop, ns.RDF.type, ns.OWL.SymmetricProperty) in onto or not rel.symmetric


@pytest.mark.parametrize("name", list(QUALIFIERS))
def test_every_qualifier_has_a_typed_property(onto: Graph, name: str) -> None:
    prop = qualifier_property(name)
    assert (prop, ns.RDF.type, ns.OWL.DatatypeProperty) in onto
    assert _langs(onto, prop, ns.RDFS.label) == {"en", "ko"}
    assert onto.value(prop, ns.RDFS.range) or onto.value(prop, ns.SDO.rangeIncludes)


def test_alignments(onto: Graph) -> None:
    assert (KG.partOf, ns.RDFS.subPropertyOf, ns.ORG.subOrganizationOf) in onto
    assert (KG.worksAt, ns.RDFS.subPropertyOf, ns.SDO.worksFor) in onto
    assert (KG.Statement, ns.RDFS.subClassOf, ns.PROV.Entity) in onto
    assert (KG.competesWith, ns.RDFS.subPropertyOf, ns.ORG.linkedTo) in onto
    # investedIn can have a person as subject, so it must not imply org:linkedTo.
    assert (KG.investedIn, ns.RDFS.subPropertyOf, ns.ORG.linkedTo) not in onto


def test_shapes_cover_every_relation() -> None:
    shapes = ontology.load("shapes")
    targets = set(shapes.objects(None, ns.SH.targetClass))
    assert {relation_class(r) for r in RELATIONS} <= targets
    assert {KG.Source, KG.Document, ns.SDO.Organization, ns.SDO.Person} <= targets


def test_context_has_a_term_for_every_relation_and_qualifier() -> None:
    context = json.loads(ontology.FILES["context"].read_text(encoding="utf-8"))["@context"]
    for rel in RELATIONS.values():
        assert context[rel.rdf_property] == {"@id": f"kg:{rel.rdf_property}", "@type": "@id"}
    for name in QUALIFIERS:
        assert qualifier_property(name).split("#")[1] in context
    assert context["kg"] == str(KG)


def test_ontology_has_a_version_and_a_creator(onto: Graph) -> None:
    from kg.graph.vocab import ONTOLOGY_IRI, ONTOLOGY_VERSION

    node = ns.URIRef(ONTOLOGY_IRI)
    assert onto.value(node, ns.OWL.versionIRI) == ns.URIRef(f"{ONTOLOGY_IRI}/{ONTOLOGY_VERSION}")
    assert onto.value(node, ns.OWL.versionInfo) == Literal(ONTOLOGY_VERSION)
    assert onto.value(node, ns.DCTERMS.creator) is not None


WDT = ns.Namespace("http://www.wikidata.org/prop/direct/")


def _wikidata_matches(onto: Graph, prop: object) -> set[tuple[str, bool]]:
    """(Wikidata property id, inverse?) pairs a kg property is matched to."""
    out = set()
    for predicate in (ns.SKOS.closeMatch, ns.SKOS.relatedMatch, ns.OWL.equivalentProperty,
                      ns.OWL.inverseOf):
        for target in onto.objects(prop, predicate):
            inverse = onto.value(target, ns.OWL.inverseOf)
            if inverse is not None:
                out.add((str(inverse).rpartition("/")[2], True))
            elif str(target).startswith(str(WDT)):
                out.add((str(target).rpartition("/")[2], predicate == ns.OWL.inverseOf))
    return out


def test_wikidata_properties_are_aligned(onto: Graph) -> None:
    assert ("P108", False) in _wikidata_matches(onto, KG.worksAt)        # employer
    assert ("P112", True) in _wikidata_matches(onto, KG.founded)         # founded by
    assert {("P1830", False), ("P127", True)} <= _wikidata_matches(onto, KG.acquired)
    assert {("P1830", False), ("P127", True)} <= _wikidata_matches(onto, KG.investedIn)
    assert {("P749", False), ("P355", True)} <= _wikidata_matches(onto, KG.partOf)
    assert ("P2652", False) in _wikidata_matches(onto, KG.partneredWith)


def test_schema_org_inverses(onto: Graph) -> None:
    assert (KG.founded, ns.OWL.inverseOf, ns.SDO.founder) in onto
    assert (KG.partOf, ns.OWL.inverseOf, ns.SDO.subOrganization) in onto


def test_statement_subject_and_object_have_a_range(onto: Graph) -> None:
    for prop in (KG.subject, KG.object):
        union = onto.value(onto.value(prop, ns.RDFS.range), ns.OWL.unionOf)
        members = set(Collection(onto, union))
        assert members == {ns.SDO.Organization, ns.SDO.Person}


def test_new_terms_are_typed(onto: Graph) -> None:
    for term, range_ in ((KG.dateStart, ns.XSD.date), (KG.dateEnd, ns.XSD.date),
                         (KG.amountUSD, ns.XSD.decimal), (KG.roundTotal, ns.XSD.decimal),
                         (KG.firstSeen, ns.XSD.dateTime), (KG.lastSeen, ns.XSD.dateTime)):
        assert onto.value(term, ns.RDFS.range) == range_
        assert _langs(onto, term, ns.RDFS.label) == {"en", "ko"}


def test_person_and_organization_are_disjoint_in_the_ontology(onto: Graph) -> None:
    assert (ns.SDO.Person, ns.OWL.disjointWith, ns.SDO.Organization) in onto


def test_the_investments_cypher_query_is_generated_from_the_rate_table() -> None:
    from kg.graph import money

    text = ontology.FILES["investments"].read_text(encoding="utf-8")
    for currency, years in money.rates().items():
        assert f"WHEN '{currency}' THEN" in text
        assert all(rate in text for rate in years.values())
