"""Options shared by several commands."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from kg.cli.output import FORMATS

F = Callable[..., Any]


def format_option(fn: F) -> F:
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default=None,
        help="Output format. Default: table at a terminal, json when piped.",
    )(fn)


def store_option(fn: F) -> F:
    return click.option(
        "--store", "store_path", type=click.Path(file_okay=False), envvar="KG_STORE",
        show_envvar=True, default=None,
        help="Store directory. Default: the per-user data directory (see `kg info`).",
    )(fn)


class ParamType(click.ParamType):
    """``NAME=VALUE`` for query parameters; VALUE is read as JSON when it parses."""

    name = "NAME=VALUE"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
        if isinstance(value, tuple):
            return value
        name, sep, raw = str(value).partition("=")
        if not sep or not name.isidentifier():
            self.fail(f"{value!r} is not NAME=VALUE", param, ctx)
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = raw
        return name, parsed


def param_option(fn: F) -> F:
    return click.option(
        "--param", "-p", "params", type=ParamType(), multiple=True,
        help="Query parameter NAME=VALUE (VALUE as JSON if it parses: 5, 0.9, \"x\", [1,2]).",
    )(fn)
