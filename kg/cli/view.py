"""``kg view``: a self-contained HTML page of one entity, or of the whole graph."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from kg.cli.analysis import relation_option, window_options
from kg.cli.options import store_option
from kg.errors import KgError
from kg.graph import analysis, html
from kg.graph.registry import fold


def _write(out: Path, text: str) -> None:
    """Write via a temporary file and rename, so a failed write leaves no half page."""
    out = out.resolve()
    if out.is_dir():
        raise KgError(f"{out}: is a directory; give a file name ending in .html")
    if not out.parent.is_dir():
        raise KgError(f"{out.parent}: no such directory")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a page is for sharing
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.command()
@click.argument("name", required=False)
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write. Default: NAME.html (graph.html without a NAME).")
@relation_option("all")
@window_options
@store_option
def view(name: str | None, out: Path | None, relations: tuple[str, ...], as_of: str | None,
         since: str | None, store_path: str | None) -> None:
    """Write a self-contained HTML page of an entity (or of the whole graph).

    With NAME (any alias, Korean or English, or an id): the entity's names,
    its ego graph with typed, coloured edges that carry amounts and dates, a
    timeline of its dated events and its facts with evidence and sources.
    Without NAME: every entity and fact, with filters by relation and date.
    The page needs no network: open it in any browser, or mail it.

    \b
    Examples:
      kg view Meta --out meta.html
      kg view 스케일AI
      kg view --relation INVESTED_IN --since 2025 --out investments.html
    """
    from kg.graph.store import open_store

    with open_store(store_path, read_only=True) as store:
        entities = store.entities()
        every = store.facts()
    facts = analysis.select(every, [r.upper() for r in relations] or None, as_of, since)
    if name:
        key = fold(name)
        found = [e for e in entities
                 if key in {fold(e.name), fold(e.id), *(fold(a) for a in e.aliases)}]
        if not found:
            raise KgError(f"no entity named {name!r} in the store")
        entity = found[0]
        page = html.entity_page(entity, facts)
        own = sum(entity.id in (f.subject.id, f.object.id) for f in facts)
        default = "".join(ch if ch.isalnum() else "-" for ch in entity.name).strip("-") or "entity"
        out = out or Path(f"{default}.html")
        summary = f"{entity.name}: {own} facts"
    else:
        page = html.graph_page(entities, facts)
        out = out or Path("graph.html")
        summary = f"the whole graph: {len(facts)} facts"
    _write(out, page)
    click.echo(f"wrote {out} ({summary}); open it in a browser", err=True)


COMMANDS = [view]
