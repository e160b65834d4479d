"""Named queries shipped with kg: ``kg/queries/NAME.cypher`` and ``NAME.rq``.

Each file starts with comment lines: the first is the description, and a
``params:`` line names the parameters it takes, with defaults::

    // Investments with their amounts, newest first.
    // params: min_amount=0

Queries are written once in the Cypher both engines understand; the few
dialect differences are rewritten in :func:`for_engine`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from kg.errors import QueryError

SUFFIX = {"cypher": ".cypher", "sparql": ".rq"}
# Ready-to-paste queries for the Neo4j Browser: a collection, not one named query.
NOT_NAMED = {"browser.cypher"}
_COMMENT = {"cypher": "//", "sparql": "#"}


@dataclass(frozen=True)
class NamedQuery:
    name: str
    language: str
    description: str
    text: str
    defaults: dict[str, Any] = field(default_factory=dict)

    def params(self, given: dict[str, Any] | None = None) -> dict[str, Any]:
        """Defaults overlaid with the caller's values; unknown names are an error."""
        given = given or {}
        unknown = set(given) - set(self.defaults)
        if unknown:
            raise QueryError(
                f"query {self.name} takes no parameter {', '.join(sorted(unknown))}; "
                f"it takes: {', '.join(self.defaults) or 'none'}"
            )
        return {**self.defaults, **given}


def _parse(name: str, language: str, text: str) -> NamedQuery:
    mark = _COMMENT[language]
    header = [ln[len(mark):].strip() for ln in text.splitlines() if ln.startswith(mark)]
    description = header[0] if header else ""
    defaults: dict[str, Any] = {}
    for line in header:
        if line.startswith("params:"):
            for item in line[len("params:"):].split(","):
                key, _, raw = item.strip().partition("=")
                if key:
                    try:
                        defaults[key] = json.loads(raw) if raw else None
                    except ValueError:
                        defaults[key] = raw
    return NamedQuery(name, language, description, text, defaults)


def named(language: str = "cypher") -> dict[str, NamedQuery]:
    """Every named query of a language, by name."""
    out = {}
    for entry in sorted(resources.files("kg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(SUFFIX[language]) and entry.name not in NOT_NAMED:
            name = entry.name[: -len(SUFFIX[language])]
            out[name] = _parse(name, language, entry.read_text(encoding="utf-8"))
    return out


def get(name: str, language: str = "cypher") -> NamedQuery:
    queries = named(language)
    if name not in queries:
        raise QueryError(f"no named {language} query {name!r}; available: {', '.join(queries)}")
    return queries[name]


def for_engine(cypher: str, engine: str) -> str:
    """Rewrite the portable Cypher for one engine.

    LadybugDB names a relationship's type with ``label(r)``; Neo4j with
    ``type(r)``. Queries are written with ``label(r)`` on relationships.
    """
    if engine == "neo4j":
        return re.sub(r"\blabel\(", "type(", cypher)
    return cypher
