"""``kg eval``: extraction quality against gold facts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.output import render_rows
from kg.extract.document import STAGES
from kg.graph.model import RELATIONS


@click.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--doc", "docs", multiple=True, help="Only this document (repeatable), e.g. ko-seed.txt.")
@click.option("--lang", type=click.Choice(["ko", "en"]), help="Only documents in this language.")
@click.option("--split", type=click.Choice(["all", "fit", "validation"]), default="all", show_default=True,
              help="Documents of the corpus to score: the validation split is every fifth file "
                   "(sorted), never used to fit or tune; fit is the rest.")
@click.option("--by-rule", is_flag=True,
              help="Also list true and false positives per rule that fired, per rule set "
                   "(its rules summed) and per learned component.")
@click.option("--ablate", "ablate", multiple=True, metavar="NAME",
              help="Also score with this document-layer stage switched off, or this rule "
                   "(e.g. en.invested_in.verb_in), and print the change in F1 (repeatable; "
                   f"stages: {', '.join(STAGES)}).")
@click.option("--verbose", "-v", is_flag=True,
              help="Also list every false positive and miss with its sentence.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
def evaluate_command(gold_dir: Path, docs: tuple[str, ...], lang: str | None, split: str,
                     by_rule: bool, ablate: tuple[str, ...], verbose: bool, fmt: str) -> None:
    """Score the extractor on a directory of articles with gold.jsonl.

    Each document is ingested into a temporary store with the gold's
    publication date, and its facts are matched to the gold on (subject,
    relation, object); qualifier accuracy is reported over matched facts.

    \b
    Example:
      kg eval ../shared/eval/dev --lang ko --verbose
      kg eval ../shared/eval/train --split fit --ablate coreference --ablate derived
    """
    from kg.eval import by_extractor, by_ruleset, evaluate, load_gold
    from kg.extract.corpus import split_records
    from kg.extract.rulebook import rule_names

    only = [g["doc"] for g in split_records(load_gold(gold_dir), split)
            if (not docs or g["doc"] in docs) and (not lang or g.get("lang") == lang)]
    with click.progressbar(length=len(only), label="Scoring", file=sys.stderr,
                           hidden=not sys.stderr.isatty()) as bar:
        score = evaluate(gold_dir, only=only, progress=lambda _doc: bar.update(1))
    for stage in ablate:
        if stage not in STAGES and stage not in rule_names():
            raise click.BadParameter(f"unknown stage {stage!r}; known: {', '.join(STAGES)}, "
                                     "or the name of a rule (see --by-rule)", param_hint="--ablate")
    ablations = {stage: evaluate(gold_dir, only=only, without=(stage,)) for stage in ablate}
    components = by_extractor(score) if by_rule else {}
    totals = by_ruleset(score) if by_rule else {}
    keys = [r for r in RELATIONS if score.tp[r] + score.fp[r] + score.fn[r]]
    keys += [k for k in ("ko", "en") if score.tp[k] + score.fp[k] + score.fn[k]]
    rows = [[k, *_fmt(score.prf(k))] for k in keys] + [["ALL", *_fmt(score.prf())]]
    # an ablation is scored per language too: a stage may help one and cost the other
    scopes = [k for k in ("en", "ko") if k in keys] + ["ALL"]
    if fmt == "json":
        out = {
            "documents": len(only),
            "scores": {r[0]: dict(zip(["precision", "recall", "f1", "tp", "fp", "fn"],
                                      [*score.prf(None if r[0] == "ALL" else r[0])], strict=True))
                       for r in rows},
            "qualifier_accuracy": score.qualifier_accuracy,
            "qualifiers_checked": score.qual_total,
            "qualifier_accuracy_by_kind": {
                kind: dict(zip(["accuracy", "correct", "checked"], score.qualifier_kind(kind == "normalized"),
                               strict=True))
                for kind in ("normalized", "free_text")},
            "qualifier_accuracy_by_key": {key: {"correct": c["ok"], "checked": c["checked"]}
                                          for key, c in sorted(score.qual_by_key.items())},
        }
        if by_rule:
            out["by_rule"] = {name: {"tp": c["tp"], "fp": c["fp"]} for name, c in components.items()}
            out["by_ruleset"] = {name: {"tp": c["tp"], "fp": c["fp"]} for name, c in totals.items()}
        if ablate:
            names = ["precision", "recall", "f1", "tp", "fp", "fn"]
            out["ablation"] = {stage: {"f1_without": abl.prf()[2], "f1_change": score.prf()[2] - abl.prf()[2],
                                       "qualifier_accuracy": abl.qualifier_accuracy,
                                       "scores": {k: dict(zip(names, abl.prf(None if k == "ALL" else k),
                                                              strict=True)) for k in scopes}}
                               for stage, abl in ablations.items()}
        if verbose:
            out["errors"] = [o.__dict__ for o in score.outcomes if o.kind != "tp"]
            out["qualifier_misses"] = score.qualifier_misses
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if verbose:
        for o in score.outcomes:
            if o.kind == "tp":
                continue
            click.echo(f"{o.kind.upper()} {o.doc}: {o.subject} {o.relation} {o.object} "
                       f"{o.qualifiers or ''}")
            if o.evidence:
                click.echo(f"    «{o.evidence}»")
        for miss in score.qualifier_misses:
            click.echo(f"QUAL {miss}")
        click.echo()
    render_rows(["relation", "precision", "recall", "f1", "tp", "fp", "fn"], rows, "table")
    click.echo(f"documents: {len(only)}  qualifier accuracy: {score.qualifier_accuracy:.3f} "
               f"({score.qual_ok}/{score.qual_total})")
    kinds = (("normalized (amounts, dates, counts, percentages)", score.qualifier_kind(True)),
             ("free text (titles, roles, rounds, statuses)", score.qualifier_kind(False)))
    click.echo("  of which " + ", ".join(f"{label} {acc:.3f} ({ok}/{checked})"
                                         for label, (acc, ok, checked) in kinds))
    if by_rule:
        click.echo()
        render_rows(["component", "tp", "fp", "precision"], _rule_rows(components, totals), "table")
    if ablate:
        click.echo()
        rows = []
        for stage, abl in ablations.items():
            for scope in scopes:
                p, r, f, *_ = abl.prf(None if scope == "ALL" else scope)
                full = score.prf(None if scope == "ALL" else scope)[2]
                # dating and merging change qualifiers more than which facts are found
                qual = f"{abl.qualifier_accuracy:.3f}" if scope == "ALL" else ""
                rows.append([stage, scope, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", f"{full - f:+.3f}", qual])
        render_rows(["without", "scope", "precision", "recall", "f1", "f1 it adds", "qualifier accuracy"],
                    rows, "table")


def _rule_rows(components: dict, totals: dict) -> list[list]:
    """A rule set's total, then each of its rules by name (indented); learned components alone."""
    from kg.extract.rulebook import rule_of, ruleset_of

    def row(name: str, c) -> list:
        return [name, c["tp"], c["fp"], f"{c['tp'] / (c['tp'] + c['fp']):.3f}"]

    rows = []
    for ruleset, total in totals.items():
        parts = [(name, c) for name, c in components.items() if ruleset_of(name) == ruleset]
        if parts == [(ruleset, total)]:
            rows.append(row(ruleset, total))
            continue
        rows.append(row(f"{ruleset} (all)", total))
        for name, c in parts:
            rows.append(row("  " + (rule_of(name) or "(no rule)"), c))
    return rows


def _fmt(prf: tuple[float, float, float, int, int, int]) -> list[str | int]:
    p, r, f, tp, fp, fn = prf
    return [f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", tp, fp, fn]


COMMANDS = [evaluate_command]
