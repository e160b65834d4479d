"""``kg check``: is the store whole?"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import store_option
from kg.graph.store import Store, default_store_path


@click.command()
@click.option("--recover", is_flag=True,
              help="First replay the store's log up to its last complete record (after a full "
                   "disk or a crash), then check.")
@store_option
def check(recover: bool, store_path: str | None) -> None:
    """Verify the store: every table opens, every row reads, facts agree with documents.

    Prints one problem per line and exits 1 when something is wrong; says
    the store is fine and exits 0 otherwise. Nothing is changed, except with
    --recover, which opens the store for writing to finish an interrupted
    save (documents whose write had not committed are not in it).

    \b
    Examples:
      kg check
      kg check --store ./restored
      kg check --recover       # after "the store's log ends in an unfinished write"
    """
    path = Path(store_path) if store_path else default_store_path()
    if recover:
        Store(path, verify=False, recover=True).close()
        click.echo(f"{path}: replayed the log and saved the store", err=True)
    store = Store(path, read_only=True)
    try:
        problems = store.problems()
        counts = store.counts() if not problems else {}
    finally:
        store.close()
    for problem in problems:
        click.echo(problem)
    if problems:
        click.echo(f"{path}: {len(problems)} problem(s) found", err=True)
        raise SystemExit(1)
    facts = sum(counts[name] for name in counts if name.isupper() and name != "MENTIONS")
    entities = sum(counts[name] for name in counts if not name.isupper() and name != "Document")
    click.echo(f"{path}: fine: {counts['Document']} documents, {entities} entities, {facts} facts; "
               "every row read", err=True)


COMMANDS = [check]
