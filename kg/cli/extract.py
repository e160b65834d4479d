"""``kg extract``: articles in, resolved claims out as JSON Lines (no store)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.ingest import reading_options, reading_setup


@click.command("extract")
@reading_options
@click.option("--out", "-o", type=click.File("w", encoding="utf-8", lazy=True), default="-",
              help="Write the JSON Lines here instead of stdout.")
def extract_(paths: tuple[Path, ...], published: str | None, manifest: Path | None,
             since_manifest: Path | None, lang: str, max_bytes: int | None, workers: int,
             on_error: str, quiet: bool, out: click.utils.LazyFile) -> None:
    """Extract facts from articles and print them as JSON Lines, one document a line.

    Each line holds a document's metadata (sha256 id, path, language,
    publication date, title) and its claims with resolved entities, exactly
    what `kg load` writes into a store: `kg ingest` is the two composed.
    Nothing is read from or written to a store, so extraction can run on
    other machines and the files be loaded later.

    With --since-manifest FILE only new and changed files are extracted: FILE
    lists every file extracted before (path, size, mtime_ns, sha256) and is
    updated with this run's. With --on-error stop nothing is printed unless
    every file is extracted (each file is still read once).

    \b
    Examples:
      kg extract archive/ > claims.jsonl && kg load claims.jsonl
      kg extract --workers 8 'news/**/*.html' -o claims.jsonl
      kg extract --since-manifest seen.csv archive/ -o today.jsonl   # only what is new
    """
    from kg.ingest_manifest import FileManifest
    from kg.pipeline import Extracted, Known, all_or_nothing, extract_paths, iter_paths, to_json_line

    paths, options = reading_setup(paths, published, manifest, lang, max_bytes)
    seen = FileManifest.read(since_manifest) if since_manifest else None
    outcomes = extract_paths(iter_paths(paths), options, workers=workers,
                             since=seen.entries if seen is not None else None, freeze_models=True)
    if on_error == "stop":
        outcomes = all_or_nothing(outcomes)
    written = unchanged = failed = 0
    # With --on-error stop the first bad file raises here, before anything is printed.
    for outcome in outcomes:
        if isinstance(outcome, Extracted):
            out.write(to_json_line(outcome) + "\n")
            written += 1
            if seen is not None and outcome.stamp is not None:
                seen.record(outcome.stamp, outcome.document.id)
            if not quiet:
                click.echo(f"{outcome.document.path}: {len(outcome.claims)} claims", err=True)
        elif isinstance(outcome, Known):
            unchanged += 1
            if not quiet:
                click.echo(f"{outcome.document.path}: unchanged since {since_manifest}, skipped",
                           err=True)
        else:
            click.echo(f"Error: {outcome}", err=True)
            failed += 1
    out.close()
    if seen is not None:
        seen.save()  # after the output is complete: a failed write leaves it as it was
    if failed or (not quiet and written + unchanged > 1):
        skipped = f", {unchanged} unchanged" if seen is not None else ""
        click.echo(f"{written} documents extracted{skipped}, {failed} failed", err=True)
    if failed:
        raise SystemExit(1)


COMMANDS = [extract_]
