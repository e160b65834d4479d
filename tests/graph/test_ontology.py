"""The ontology, shapes and context: generated from the model, shipped unchanged."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal
from rdflib import namespace as ns

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
