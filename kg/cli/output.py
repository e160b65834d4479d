"""Rendering rows for the shared ``--format table|json|jsonl|csv`` option."""

from __future__ import annotations

import csv
import json
import math
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from kg.graph.model import Fact

FORMATS = ("table", "json", "jsonl", "csv")


def resolve_format(fmt: str | None) -> str:
    """``None`` means: a table for a person at a terminal, JSON for a pipe."""
    if fmt:
        return fmt.lower()
    return "table" if sys.stdout.isatty() else "json"


_AS_IS = (str, int, bool, type(None))


def _plain(value: Any) -> Any:
    """JSON-safe form of a store value (nodes and rels come back as dicts)."""
    if type(value) in _AS_IS:  # the common case first: 100k-row answers are mostly these
        return value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in ("_ID", "_SRC", "_DST")}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _cell(value: Any) -> str:
    if type(value) is str:
        return value
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _width(text: str) -> int:
    # Hangul and other wide characters take two terminal columns.
    return sum(2 if "\u1100" <= ch <= "\uffdc" and not "\u2000" <= ch <= "\u2bff" else 1
               for ch in text)


# Each scalar type's JSON text, as json.dumps(..., ensure_ascii=False) writes it.
def _float_json(value: float) -> str:
    # As json.dumps(_plain(value)): whole numbers without ".0", NaN and infinities by name.
    if value.is_integer() and abs(value) < 1e18:
        return int.__repr__(int(value))
    return float.__repr__(value) if math.isfinite(value) else json.dumps(value)


# Each scalar type's JSON text, as json.dumps(_plain(v), ensure_ascii=False) writes it.
_SCALAR_JSON: dict[type, Callable[[Any], str]] = {
    str: json.encoder.encode_basestring,  # type: ignore[attr-defined]
    int: int.__repr__,
    float: _float_json,
    bool: lambda v: "true" if v else "false",
    type(None): lambda v: "null",
}


def _json_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """``json.dumps(rows as objects, ensure_ascii=False, indent=2)``, the same text, faster.

    With ``indent`` json uses its pure-Python encoder, ~1 s for 100k rows of
    nine columns; rows of scalars are laid out here with json's C string
    encoder doing each value. A value of any other type (a list, a dict, a
    date) sends the whole answer to json.dumps itself.
    """
    # A repeated column name keeps its first place and its last value, as in a dict.
    last = {c: i for i, c in enumerate(columns)}
    order = [(json.dumps(c, ensure_ascii=False) + ": ", i) for c, i in last.items()]
    text = _SCALAR_JSON
    try:
        if order and rows:
            return "[\n  " + ",\n  ".join([
                "{\n    " + ",\n    ".join([key + text[type(r[i])](r[i]) for key, i in order])
                + "\n  }" for r in rows]) + "\n]"
    except KeyError:
        pass
    return json.dumps([dict(zip(columns, map(_plain, r), strict=True)) for r in rows],
                      ensure_ascii=False, indent=2)


def render_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str | None) -> None:
    """Print rows to stdout in the chosen format."""
    fmt = resolve_format(fmt)
    if fmt == "json":
        click.echo(_json_rows(columns, rows))
    elif fmt == "jsonl":
        if rows:
            click.echo("\n".join(json.dumps(dict(zip(columns, map(_plain, r), strict=True)),
                                            ensure_ascii=False) for r in rows))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(v) for v in r] for r in rows)
    else:
        cells = [[_cell(v) for v in r] for r in rows]
        widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]

        def line(values: Sequence[str]) -> str:
            return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))

        click.echo(line(columns).rstrip())
        click.echo("  ".join("-" * w for w in widths))
        for r in cells:
            click.echo(line(r).rstrip())


def render_objects(objects: Sequence[dict[str, Any]], fmt: str | None,
                   table_columns: Sequence[str]) -> None:
    """Print whole objects as JSON/JSON lines, or chosen columns as a table/CSV."""
    fmt = resolve_format(fmt)
    if fmt == "json":
        click.echo(json.dumps(list(objects), ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for obj in objects:
            click.echo(json.dumps(obj, ensure_ascii=False))
    else:
        render_rows(table_columns, [[o.get(c) for c in table_columns] for o in objects], fmt)


def number_text(value: Any, grouped: bool = True) -> str:
    """A qualifier value as text: whole numbers without a decimal point.

    ``grouped`` puts thousands separators in, for people; CSV takes them out
    so spreadsheets read the numbers as numbers.
    """
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e18:
            return f"{value:,.0f}" if grouped else f"{value:.0f}"
        return f"{value:g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if grouped else str(value)
    return str(value)


def qualifier_text(qualifiers: dict[str, Any], grouped: bool = True) -> str:
    """``amount=14,300,000,000, currency=USD`` for a table cell."""
    return ", ".join(f"{k}={number_text(v, grouped)}" for k, v in qualifiers.items())


def render_fact_csv(facts: Sequence[Fact], leading: Sequence[str],
                    lead: Callable[[Fact], list[Any]], trailing: Sequence[str],
                    trail: Callable[[Fact], list[Any]]) -> None:
    """Facts as CSV with one column per qualifier that any of them has.

    Qualifier columns come in the model's order; numbers are plain
    (``14300000000``, no thousands separators), so spreadsheets read them as numbers.
    """
    from kg.graph.model import QUALIFIERS

    present = {k for f in facts for k in f.qualifiers}
    qualifiers = [q for q in QUALIFIERS if q in present and q not in leading]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([*leading, *qualifiers, *trailing])
    for f in facts:
        values = [number_text(f.qualifiers[q], grouped=False) if q in f.qualifiers else ""
                  for q in qualifiers]
        writer.writerow([_cell(v) for v in lead(f)] + values + [_cell(v) for v in trail(f)])
