"""How the gold dates its facts, and how the extractor's dates compare: a table per
language and relation.

Reads the gold of the dev set and of the training corpus's *fit* split (the
validation split is never read) and classes every required gold fact by where its
``date`` comes from:

- ``absent``: the gold gives no date (not scored: qualifiers are checked only
  where the gold has them);
- ``published``: the publication date, at the gold's precision;
- ``evidence``: a date the gold's evidence sentence states (and not the
  publication date);
- ``elsewhere``: a date another sentence of the article states;
- ``none``: no date of the text gives it.

Each document is then extracted as ``kg eval`` does and every matched fact's date
is scored the way the scorer does (equal at the gold's precision), so the
table shows per class how often the emitted date is right, wrong or missing, and
how many facts of the class are not matched at all. A dating policy is built
from these counts, not from single articles.

    python scripts/date_conventions.py                  # table
    python scripts/date_conventions.py --format json
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

import click

from kg.eval import _matches
from kg.extract.corpus import load_gold, split_records
from kg.graph.model import Fact
from kg.graph.store import open_store
from kg.ingest import ingest_file
from kg.loaders import normalize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
CLASSES = ("absent", "published", "evidence", "elsewhere", "none")


def _at(gold: str, value: object) -> bool:
    """Whether ``value`` names the gold's date at the gold's precision (the scorer's test)."""
    return value is not None and str(value)[: len(gold)] == gold and len(str(value)) >= len(gold)


def date_class(fact: dict, published: str | None, text: str) -> str:
    """Where a gold fact's date comes from (one of ``CLASSES``)."""
    want = fact.get("date")
    if want is None:
        return "absent"
    if published and _at(want, published):
        return "published"
    evidence = fact.get("evidence") or ""
    if any(_at(want, d.value) for d in normalize.find_dates(evidence, published)):
        return "evidence"
    if any(_at(want, d.value) for d in normalize.find_dates(text, published)):
        return "elsewhere"
    return "none"


def _facts(directory: Path, gold: dict) -> list[Fact]:
    """The facts ``kg eval`` scores for one document."""
    with tempfile.TemporaryDirectory(prefix="kg-dates-") as tmp, open_store(tmp) as store:
        result = ingest_file(store, directory / gold["doc"], published=gold.get("published"),
                             lang=gold.get("lang", "auto"))
        return [f for f in store.facts() if any(s.doc == result.document.id for s in f.sources)]


def table(sets: list[tuple[Path, str]]) -> dict[tuple[str, str, str], Counter]:
    """(lang, relation, class) -> counts of ``ok``, ``wrong``, ``missing`` (matched, no date)
    and ``unmatched``, over the required gold facts of the given (directory, split) sets."""
    out: dict[tuple[str, str, str], Counter] = {}
    for directory, split in sets:
        for gold in split_records(load_gold(directory), split):
            text = (directory / gold["doc"]).read_text(encoding="utf-8")
            entities = gold.get("entities", {})
            # as the scorer pairs them: each fact takes the first required gold fact not
            # yet matched
            matched: dict[int, Fact] = {}
            for f in _facts(directory, gold):
                fresh = [i for i, g in enumerate(gold["facts"])
                         if not g.get("optional") and i not in matched and _matches(f, g, entities)]
                if fresh:
                    matched[fresh[0]] = f
            for i, g in enumerate(gold["facts"]):
                if g.get("optional"):
                    continue
                cls = date_class(g, gold.get("published"), text)
                if i not in matched:
                    outcome = "unmatched"
                else:
                    got = matched[i].qualifiers.get("date")
                    outcome = "-" if cls == "absent" else "missing" if got is None else (
                        "ok" if _at(g["date"], got) else "wrong")
                out.setdefault((gold.get("lang", "?"), g["relation"], cls), Counter())[outcome] += 1
    return out


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def main(fmt: str) -> None:
    """Print the table for dev and the training corpus's fit split."""
    counts = table([(SHARED / "dev", "all"), (SHARED / "train", "fit")])
    if fmt == "json":
        click.echo(json.dumps([{"lang": k[0], "relation": k[1], "class": k[2], **v}
                               for k, v in sorted(counts.items())], indent=2))
        return
    click.echo(f"{'lang':4} {'relation':18} {'class':10} {'facts':>5} {'ok':>4} {'wrong':>5} "
               f"{'missing':>7} {'unmatched':>9}")
    order = {c: i for i, c in enumerate(CLASSES)}
    for (lang, rel, cls), v in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1], order[kv[0][2]])):
        click.echo(f"{lang:4} {rel:18} {cls:10} {sum(v.values()):>5} {v['ok']:>4} {v['wrong']:>5} "
                   f"{v['missing']:>7} {v['unmatched']:>9}")


if __name__ == "__main__":
    main()
