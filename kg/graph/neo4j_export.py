"""The graph as files Neo4j loads without kg: a Cypher script and neo4j-admin CSV.

``write_cypher`` writes the same constraints and ``UNWIND ... MERGE`` writes
that :mod:`kg.graph.neo4j` sends, with the rows as literals, so the script is
idempotent: run it with ``cypher-shell -f`` or paste it into the Browser,
twice if you like. Every statement ends a line with ``;`` and string literals
escape their line breaks, so splitting the script at ``;`` line ends is exact.

``write_admin_csv`` writes one header-first CSV file per node label and per
relationship type in the format of ``neo4j-admin database import full``, and
an ``import.sh`` with the matching command line.
"""

from __future__ import annotations

import math
import shlex
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from kg.errors import ExportError
from kg.graph.model import ENTITY_TYPES, RELATIONS
from kg.graph.neo4j import (
    DISPLAY_PROPERTIES,
    DOCUMENT,
    constraint_statements,
    fact_groups,
    fact_query,
    mention_query,
    mention_rows,
    node_query,
    node_rows,
)
from kg.graph.schema import DOCUMENT_COLUMNS, ENTITY_COLUMNS, edge_columns
from kg.graph.store import Store

SCRIPT_BATCH = 500  # rows per UNWIND statement: big enough to be quick, small enough to read

# -- Cypher literals -------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}


def cypher_string(text: str) -> str:
    """A single-quoted Cypher string literal; no raw line break survives in it."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\u2028\u2029\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_name(name: str) -> str:
    """A backticked identifier (``count``, ``date`` and ``round`` are Cypher words)."""
    return "`" + name.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a property value: null, bool, number, string, list or map."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"cannot write the non-finite number {value!r} as Cypher")
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{cypher_name(k)}: {cypher_literal(v)}"
                               for k, v in value.items()) + "}"
    raise ExportError(f"cannot write {type(value).__name__} value {value!r} as Cypher")


def _unwind_statement(query: str, rows: list[dict[str, Any]]) -> str:
    # The live push's query with its $rows parameter replaced by a literal list.
    body = ",\n  ".join(cypher_literal(row) for row in rows)
    return query.replace("UNWIND $rows AS row", "UNWIND [\n  " + body + "\n] AS row", 1) + ";\n"


def cypher_statements(store: Store) -> Iterable[str]:
    """The script's statements, constraints first, each ending with ``;`` and a newline."""
    for statement in constraint_statements():
        yield statement + ";\n"
    steps: list[tuple[str, list[dict[str, Any]]]] = []
    for label in (*ENTITY_TYPES, DOCUMENT):
        steps.append((node_query(label), node_rows(store, label)))
    for label in ENTITY_TYPES:
        steps.append((mention_query(label), mention_rows(store, label)))
    for (rel, s_label, o_label), rows in fact_groups(store.facts()).items():
        steps.append((fact_query(rel, s_label, o_label), rows))
    for query, rows in steps:
        for start in range(0, len(rows), SCRIPT_BATCH):
            yield _unwind_statement(query, rows[start:start + SCRIPT_BATCH])


def write_cypher(store: Store, out: IO[bytes], **options: Any) -> None:
    """Write an idempotent Cypher script (constraints, then MERGEs) to a binary stream."""
    out.write(b"// kg graph export: idempotent, run with `cypher-shell -f FILE` or paste into\n"
              b"// the Neo4j Browser (multi-statement editor). Re-running changes nothing.\n")
    for statement in cypher_statements(store):
        out.write(statement.encode("utf-8"))


# -- neo4j-admin CSV -------------------------------------------------------------

# Store column types to neo4j-admin header types; strings need no suffix.
_ADMIN_TYPES = {"DOUBLE": "double", "INT64": "long", "STRING[]": "string[]", "STRING": ""}
_DELIMITER_CANDIDATES = (";", "|", "\u001f")
ENTITY_SPACE = "Entity"
DOCUMENT_SPACE = "Document"


def _header(name: str, store_type: str) -> str:
    suffix = _ADMIN_TYPES[store_type]
    return f"{name}:{suffix}" if suffix else name


def _csv_cell(value: Any, delimiter: str) -> str:
    """One CSV field: null is empty and unquoted, strings always quoted (so '' stays '')."""
    if value is None or (isinstance(value, list | tuple) and not value):
        # neo4j-admin stores no empty arrays anyway; unquoted empty means "absent".
        return ""
    if isinstance(value, list | tuple):
        value = delimiter.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    return '"' + str(value).replace('"', '""') + '"'


def _choose_delimiter(store: Store) -> str:
    """``;`` (neo4j-admin's default) unless an array element contains it."""
    elements: list[str] = []
    for label in ENTITY_TYPES:
        elements += [a for row in node_rows(store, label) for a in row["props"]["aliases"] or []]
    for fact in store.facts():
        elements += [s.doc for s in fact.sources] + [s.evidence for s in fact.sources]
        elements += [*fact.reports, *fact.conflicts]
    for candidate in _DELIMITER_CANDIDATES:
        if not any(candidate in element for element in elements):
            return candidate
    raise ExportError("every array delimiter kg knows occurs in the data; cannot write CSV arrays")


def _write_csv(path: Path, header: list[str], rows: Iterable[list[Any]], delimiter: str) -> int:
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(header) + "\n")
        for row in rows:
            fh.write(",".join(_csv_cell(v, delimiter) for v in row) + "\n")
            count += 1
    return count


def _rel_columns(rel: str) -> list[str]:
    """A relation's edge columns, plus the display properties ``kg push`` writes too."""
    columns = list(edge_columns(RELATIONS[rel]))
    if "amount" in RELATIONS[rel].qualifiers:
        columns += list(DISPLAY_PROPERTIES)
    return columns


def write_admin_csv(store: Store, out_dir: str | Path, **options: Any) -> dict[str, int]:
    """Write ``nodes-<Label>.csv`` and ``rels-<TYPE>.csv`` plus ``import.sh``; rows per file.

    Entities share the id space ``Entity`` (their ids are already prefixed by
    type), documents have their own. Evidence can span lines, so the import
    needs ``--multiline-fields=true``; ``import.sh`` has the full command.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    delimiter = _choose_delimiter(store)
    written: dict[str, int] = {}
    node_files: list[str] = []
    rel_files: list[str] = []

    for label in (*ENTITY_TYPES, DOCUMENT):
        columns = DOCUMENT_COLUMNS if label == DOCUMENT else ENTITY_COLUMNS
        space = DOCUMENT_SPACE if label == DOCUMENT else ENTITY_SPACE
        header = [f"id:ID({space})"] + [_header(c, t) for c, t in columns.items() if c != "id"]
        header.append(":LABEL")
        rows = [[r["props"][c] for c in columns] + [label] for r in node_rows(store, label)]
        name = f"nodes-{label}.csv"
        written[name] = _write_csv(out / name, header, rows, delimiter)
        node_files.append(name)

    mentions = [[r["s"], r["o"], "MENTIONS"] for label in ENTITY_TYPES
                for r in mention_rows(store, label)]
    header = [f":START_ID({DOCUMENT_SPACE})", f":END_ID({ENTITY_SPACE})", ":TYPE"]
    written["rels-MENTIONS.csv"] = _write_csv(out / "rels-MENTIONS.csv", header, mentions,
                                              delimiter)
    rel_files.append("rels-MENTIONS.csv")

    by_relation: dict[str, list[list[Any]]] = {name: [] for name in RELATIONS}
    for (rel, _, _), rows in fact_groups(store.facts()).items():
        columns = _rel_columns(rel)
        by_relation[rel] += [[r["s"], r["o"]] + [r["props"][c] for c in columns] + [rel]
                             for r in rows]
    for rel, rows in by_relation.items():
        if not rows:
            continue
        header = [f":START_ID({ENTITY_SPACE})", f":END_ID({ENTITY_SPACE})"]
        header += [_header(c, "STRING" if c in DISPLAY_PROPERTIES else edge_columns(RELATIONS[rel])[c])
                   for c in _rel_columns(rel)] + [":TYPE"]
        name = f"rels-{rel}.csv"
        written[name] = _write_csv(out / name, header, rows, delimiter)
        rel_files.append(name)

    (out / "import.sh").write_text(_import_script(node_files, rel_files, delimiter),
                                   encoding="utf-8")
    return written


def import_arguments(out_dir: str | Path, database: str = "neo4j") -> list[str]:
    """Arguments after ``neo4j-admin`` that import the files ``write_admin_csv`` wrote."""
    out = Path(out_dir)
    delimiter = ";"
    for line in (out / "import.sh").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("--array-delimiter="):
            delimiter = shlex.split(line.strip().removesuffix("\\"))[0].partition("=")[2]
    args = ["database", "import", "full", database, "--multiline-fields=true",
            "--overwrite-destination=true", f"--array-delimiter={delimiter}"]
    for path in sorted(out.glob("nodes-*.csv")):
        args.append(f"--nodes={path}")
    for path in sorted(out.glob("rels-*.csv")):
        args.append(f"--relationships={path}")
    return args


def _import_script(node_files: list[str], rel_files: list[str], delimiter: str) -> str:
    lines = [
        "#!/bin/sh",
        "# Load these files into a new database with neo4j-admin (stop the DBMS first,",
        "# or import into a database that does not exist yet). Usage: sh import.sh [DATABASE]",
        'cd "$(dirname "$0")"',
        'neo4j-admin database import full "${1:-neo4j}" --multiline-fields=true \\',
        f"  --array-delimiter={shlex.quote(delimiter)} \\",
    ]
    lines += [f"  --nodes={name} \\" for name in node_files]
    lines += [f"  --relationships={name} \\" for name in rel_files]
    lines[-1] = lines[-1].removesuffix(" \\")
    return "\n".join(lines) + "\n"

