"""``kg extract``: articles in, resolved claims out as JSON Lines (no store)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.ingest import reading_options, reading_setup


@click.command("extract")
@reading_options
@click.option("--out", "-o", type=click.File("w", encoding="utf-8", lazy=True), default="-",
              help="Write the JSON Lines here instead of stdout.")
def extract_(paths: tuple[Path, ...], published: str | None, manifest: Path | None, lang: str,
             max_bytes: int | None, workers: int, on_error: str, quiet: bool,
             out: click.utils.LazyFile) -> None:
    """Extract facts from articles and print them as JSON Lines, one document a line.

    Each line holds a document's metadata (sha256 id, path, language,
    publication date, title) and its claims with resolved entities, exactly
    what `kg load` writes into a store: `kg ingest` is the two composed.
    Nothing is read from or written to a store, so extraction can run on
    other machines and the files be loaded later.

    \b
    Examples:
      kg extract archive/ > claims.jsonl && kg load claims.jsonl
      kg extract --workers 8 'news/**/*.html' -o claims.jsonl
    """
    from kg.pipeline import Extracted, check_all, extract_paths, iter_paths, to_json_line

    paths, options = reading_setup(paths, published, manifest, lang, max_bytes)
    if on_error == "stop":
        check_all(iter_paths(paths), options)
    written = failed = 0
    for outcome in extract_paths(iter_paths(paths), options, workers=workers):
        if isinstance(outcome, Extracted):
            out.write(to_json_line(outcome) + "\n")
            written += 1
            if not quiet:
                click.echo(f"{outcome.document.path}: {len(outcome.claims)} claims", err=True)
        else:
            click.echo(f"Error: {outcome}", err=True)
            if on_error == "stop":
                raise SystemExit(1)
            failed += 1
    out.close()
    if failed or (not quiet and written > 1):
        click.echo(f"{written} documents extracted, {failed} failed", err=True)
    if failed:
        raise SystemExit(1)


COMMANDS = [extract_]
