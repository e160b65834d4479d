"""The ``kg:`` vocabulary as an rdflib ``DefinedNamespace`` generated from the fact model.

``KG`` is closed (``_fail = True``): ``KG.investedIn`` is an IRI, ``KG.investedln``
(a typo) raises AttributeError instead of quietly minting a new term. Its terms
are generated from ``kg.graph.model`` -- one class and one direct property per
relation, one property per qualifier -- plus the fixed document and statement
terms below, so adding a relation to the model adds its RDF terms here.

Data IRIs live under a separate base (``DEFAULT_BASE``) that ``kg export --base``
overrides; the vocabulary IRI never changes with the data.
"""

from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from kg.graph.model import QUALIFIERS, RELATIONS

ONTOLOGY_IRI = "https://w3id.org/kg/ontology"
NAMESPACE = ONTOLOGY_IRI + "#"
# Bumped whenever a term is added, removed or changes meaning (owl:versionInfo).
ONTOLOGY_VERSION = "0.2.0"
DEFAULT_BASE = "https://w3id.org/kg/id/"
WIKIDATA = Namespace("http://www.wikidata.org/entity/")


def camel(name: str) -> str:
    """``amount_alt`` -> ``amountAlt``: qualifier names as RDF property names.

    >>> camel("stake_pct")
    'stakePct'
    """
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


# Terms that do not come from a relation or qualifier of the model.
FIXED_TERMS: dict[str, str] = {
    "Statement": "A fact read from news text: subject, object, qualifiers and sources.",
    "Source": "A sentence of a document that supports a statement.",
    "Document": "A news article (or other text) that kg read.",
    "Extraction": "The run of an extractor that produced statements.",
    "subject": "The subject entity of a statement.",
    "object": "The object entity of a statement.",
    "confidence": "How confident kg is in a statement, 0 to 1 (grows with sources).",
    "evidence": "The sentence a source quotes.",
    "sha256": "The SHA-256 of a document's normalized text; kg's document id.",
    "path": "Where the document was read from: a path relative to the ingest root (the "
            "deepest directory holding every document read from a file), or a URL.",
    "extractor": "The name (and version) of an extractor that ran in an extraction.",
    "relationName": "The fact model's name of the relation a statement class stands for.",
    "dateStart": "The first day of the interval a date covers at its precision "
                 "(2025-06 starts on 2025-06-01); comparable across precisions.",
    "dateEnd": "The last day of the interval a date covers at its precision "
               "(2025-06 ends on 2025-06-30); comparable across precisions.",
    "amountUSD": "The amount in US dollars: amount divided by the yearly average rate of the "
                 "currency for the statement's year (the table's last year when undated or "
                 "later, its first when earlier); the table's source is the property's "
                 "dcterms:source.",
    "roundTotal": "The total of a funding round that several investors joined, read from one "
                  "sentence: not this investor's own amount (which the text does not give).",
    "firstSeen": "When kg first read a source of the statement (the ingestion time).",
    "lastSeen": "When kg last read a source of the statement (the ingestion time).",
    "conflict": "A qualifier on which the sources of a statement disagree (its name).",
    "report": "One claim merged into a statement, as JSON: document, sentence, the "
              "qualifiers it gave, confidence, extractor.",
}

RELATION_TERMS: dict[str, tuple[str, str]] = {
    name: (rel.rdf_class, rel.rdf_property) for name, rel in RELATIONS.items()
}
QUALIFIER_TERMS: dict[str, str] = {name: camel(name) for name in QUALIFIERS}

_TERMS = [*FIXED_TERMS, *(t for pair in RELATION_TERMS.values() for t in pair),
          *QUALIFIER_TERMS.values()]
# Two generated names colliding would silently merge two meanings into one IRI.
assert len(_TERMS) == len(set(_TERMS)), "kg vocabulary terms collide"
assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", t) for t in _TERMS)

# DefinedNamespace reads its terms from the class annotations, so the class is
# built with type() from the generated list rather than written out by hand.
KG: type[DefinedNamespace] = type(
    "KG",
    (DefinedNamespace,),
    {
        "__annotations__": {term: URIRef for term in _TERMS},
        "__doc__": "The kg ontology: relation classes and properties, qualifiers, provenance.",
        "_NS": Namespace(NAMESPACE),
        "_fail": True,
    },
)


def relation_class(relation: str) -> URIRef:
    """The statement class of a relation (``INVESTED_IN`` -> ``kg:Investment``)."""
    return KG[RELATION_TERMS[relation][0]]


def relation_property(relation: str) -> URIRef:
    """The direct property of a relation (``INVESTED_IN`` -> ``kg:investedIn``)."""
    return KG[RELATION_TERMS[relation][1]]


def qualifier_property(qualifier: str) -> URIRef:
    """The property of a qualifier (``amount_alt`` -> ``kg:amountAlt``)."""
    return KG[QUALIFIER_TERMS[qualifier]]
