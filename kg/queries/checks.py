"""Checks and hints around user queries: missing parameters, dialect mistakes.

LadybugDB runs a query whose ``$name`` has no value as if it were null (and
returns no rows), and answers Neo4j idioms with parser or catalog errors that
do not say what to write instead. These helpers turn both into errors a user
can act on; ``kg query`` calls them before and after running a query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kg.errors import QueryError

# String literals, comments and backquoted names: a ``$`` inside them is no parameter.
_NOT_CODE = re.compile(
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
_PARAMETER = re.compile(r"\$(?:([A-Za-z_][A-Za-z0-9_]*)|`([^`]+)`)")
_TYPE_CALL = re.compile(r"\btype\s*\(", re.IGNORECASE)
_LABEL_PREDICATE = re.compile(
    r"\b(WHERE|AND|OR|NOT|XOR)\s+\(?\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*`?([A-Za-z_][A-Za-z0-9_]*)",
    re.IGNORECASE)


def code_only(cypher: str) -> str:
    """The query with string literals and comments blanked out."""
    return _NOT_CODE.sub(lambda m: "`" + " " * (len(m.group()) - 2) + "`"
                         if m.group().startswith("`") else " " * len(m.group()), cypher)


def parameters(cypher: str) -> list[str]:
    """The ``$parameters`` a Cypher query uses, in order of first use."""
    found = []
    # Backquoted parameter names ($`my name`) survive: only literals and comments are blanked.
    text = _NOT_CODE.sub(lambda m: m.group() if m.group().startswith("`") else " ", cypher)
    for match in _PARAMETER.finditer(text):
        name = match.group(1) or match.group(2)
        if name not in found:
            found.append(name)
    return found


def check_parameters(cypher: str, given: Mapping[str, Any]) -> None:
    """Raise QueryError naming every parameter the query uses but was not given."""
    missing = [p for p in parameters(cypher) if p not in given]
    if missing:
        flags = " ".join(f"--param {p}=VALUE" for p in missing)
        names = ", ".join(f"${p}" for p in missing)
        raise QueryError(f"the query uses {names} but no value was given: add {flags}")


def ladybug_hint(cypher: str) -> str | None:
    """What to write instead, when the query uses a Neo4j idiom LadybugDB lacks."""
    code = code_only(cypher)
    hints = []
    if _TYPE_CALL.search(code):
        hints.append("LadybugDB names a relationship's type with label(r), not type(r)")
    label = _LABEL_PREDICATE.search(code)
    if label:
        var, name = label.group(2), label.group(3)
        hints.append(f"LadybugDB tests a label with label({var}) = '{name}', not "
                     f"WHERE {var}:{name} (or match it: MATCH ({var}:{name}))")
    return "; ".join(hints) or None


def with_hint(error: QueryError, cypher: str) -> QueryError:
    """The error with a dialect hint appended, when one applies."""
    hint = ladybug_hint(cypher)
    return QueryError(f"{error} (hint: {hint})") if hint else error
