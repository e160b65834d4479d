"""Term syntax for kg's own N-Triples and Turtle writers.

kg writes these two formats itself rather than through rdflib's serializers:
N-Triples so that it can stream, Turtle so that the output is sorted text
that depends only on the set of triples (and needs no rdflib Graph in memory).
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import XSD


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"')
            .replace("\n", "\\n").replace("\r", "\\r"))


def nt_term(term: URIRef | Literal) -> str:
    """A term in N-Triples syntax."""
    if isinstance(term, Literal):
        if term.language:
            return f'"{_escape(str(term))}"@{term.language}'
        if term.datatype and term.datatype != XSD.string:
            return f'"{_escape(str(term))}"^^<{term.datatype}>'
        return f'"{_escape(str(term))}"'
    return f"<{term}>"


_PN_LOCAL = re.compile(r"\w[\w\-.]*(?<!\.)")


class TurtleTerms:
    """Terms as Turtle prefixed names where the local part is a plain name."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        # Longest namespace first, so <base>organization/ wins over <base>.
        self._namespaces = sorted(((ns, p) for p, ns in prefixes.items()),
                                  key=lambda item: -len(item[0]))

    def term(self, term: URIRef | Literal) -> str:
        if isinstance(term, Literal):
            if term.datatype and term.datatype != XSD.string and not term.language:
                return f'"{_escape(str(term))}"^^{self.term(term.datatype)}'
            return nt_term(term)
        text = str(term)
        for namespace, prefix in self._namespaces:
            if text.startswith(namespace):
                local = text[len(namespace):]
                if _PN_LOCAL.fullmatch(local) and "%" not in local:
                    return f"{prefix}:{local}"
        return f"<{text}>"
