"""Validating RDF against kg's shipped SHACL shapes (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.graph.ontology import load
from kg.graph.rdf import Iris
from kg.graph.rdf_syntax import TurtleTerms


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the node, the property path and the shape's message."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        return f"{self.focus} {self.path}: {self.message}"


def validate(data: Graph, base: str | None = None) -> list[Violation]:
    """Every violation of the shipped shapes in ``data``, sorted; empty means it conforms."""
    from pyshacl import validate as shacl_validate

    _, report, _ = shacl_validate(data, shacl_graph=load("shapes"), inference="none")
    terms = TurtleTerms(Iris(base).prefixes())
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        out.append(Violation(
            focus=terms.term(focus) if isinstance(focus, URIRef) else str(focus),
            path=terms.term(path) if isinstance(path, URIRef) else "-",
            message=str(message or "does not conform"),
            severity=str(severity).rpartition("#")[2] if severity else "Violation",
        ))
    return sorted(out)
