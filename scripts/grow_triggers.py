"""Grow the Korean trigger lexicon from data: the predicates of the gold evidence sentences.

Reads the gold evidence of the training corpus (its *fit* split only: the
validation split is never read) and of the dev set, finds the predicate lemmas
of every Korean evidence sentence with Kiwi (verbs, predicative nouns with
하다/되다, and "NOUN을 VERB" light-verb phrases), and ranks them per relation
by how much more often they occur in that relation's evidence than in the
corpus's sentences at large. With ``--neighbours`` it also lists, for the top
lemmas, their nearest morphemes in Kiwi's own CoNg embeddings (shipped with
kiwipiepy; nothing is downloaded).

The output is for a person to review: what survives review is kept as data in
``kg/extract/ko/data/frames.json`` (lemmas only, never article text).

    python scripts/grow_triggers.py                       # table of candidates
    python scripts/grow_triggers.py --neighbours 8 --top 15
    python scripts/grow_triggers.py --format json > candidates.json
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path

import click

from kg.extract.corpus import documents
from kg.loaders.morph import kiwi
from kg.loaders.read import read_document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
# verbs so common they carry no relation ("하다", "있다", "밝히다")
_STOP = {"하", "있", "되", "밝히", "않", "보", "말하", "전하", "알리", "따르", "이", "아니", "없"}


def predicates(sentence: str) -> list[str]:
    """Predicate lemmas of a sentence: 'X하다', 'X되다', 'VERB다', 'NOUN을 VERB다'."""
    toks = kiwi().tokenize(sentence)
    out: list[str] = []
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t.tag == "NNG" and nxt is not None and nxt.tag == "XSV":
            out.append(f"{t.form}{nxt.form}다")
        elif t.tag.startswith("VV") and t.form not in _STOP:
            out.append(f"{t.form}다")
        if t.tag == "NNG" and nxt is not None and nxt.tag == "JKO":
            verb = next((u for u in toks[i + 2 : i + 5] if u.tag.startswith("VV") or u.tag == "XSV"), None)
            if verb is not None:
                k = toks.index(verb)
                head = f"{toks[k - 1].form}{verb.form}" if verb.tag == "XSV" else verb.form
                out.append(f"{t.form}{nxt.form} {head}다")
        if t.tag == "NNG" and (nxt is None or nxt.tag in ("JKG", "JX", "JKB", "SF", "SP", "NNG")):
            out.append(t.form)  # the noun itself: "X의 Y 인수", "인수 발표"
    return out


def gather(corpora: list[tuple[Path, str]]) -> tuple[dict[str, Counter], Counter, Counter, int]:
    """Per relation, the lemma counts of its evidence and its number of evidence sentences;
    the lemma counts of all sentences and their number."""
    per_relation: dict[str, Counter] = {}
    n_evidence: Counter = Counter()
    background: Counter = Counter()
    n_sentences = 0
    for directory, split in corpora:
        for record, path in documents(directory, split):
            if record.get("lang") != "ko":
                continue
            document = read_document(path, published=record.get("published"), lang="ko")
            for sentence in document.sentences:
                n_sentences += 1
                background.update(set(predicates(sentence)))
            seen: set[tuple[str, str]] = set()
            for fact in record["facts"]:
                evidence = fact.get("evidence") or ""
                if not evidence or (fact["relation"], evidence) in seen:
                    continue
                seen.add((fact["relation"], evidence))
                n_evidence[fact["relation"]] += 1
                per_relation.setdefault(fact["relation"], Counter()).update(set(predicates(evidence)))
    return per_relation, n_evidence, background, n_sentences


def rank(per_relation: dict[str, Counter], n_evidence: Counter, background: Counter, n_sentences: int,
         top: int, min_count: int) -> dict[str, list[dict]]:
    """Lemmas per relation by count x log-lift over the background."""
    out: dict[str, list[dict]] = {}
    for relation, counts in sorted(per_relation.items()):
        total = max(1, n_evidence[relation])
        rows = []
        for lemma, c in counts.items():
            if c < min_count:
                continue
            p_rel = c / total
            p_all = (background[lemma] + 1) / (n_sentences + 1)
            lift = math.log(p_rel / p_all) if p_rel > p_all else 0.0
            if lift <= 0:
                continue
            rows.append({"lemma": lemma, "count": c, "background": background[lemma],
                         "score": round(c * lift, 2)})
        rows.sort(key=lambda r: -r["score"])
        out[relation] = rows[:top]
    return out


def neighbours(lemma: str, n: int) -> list[str]:
    """Nearest morphemes of a lemma's head in Kiwi's CoNg embeddings."""
    head = lemma.split()[-1] if " " in lemma else lemma
    for suffix in ("하다", "되다", "다"):
        if head.endswith(suffix) and len(head) > len(suffix):
            head = head[: -len(suffix)]
            break
    for tag in ("NNG", "VV"):
        try:
            similar = kiwi().most_similar_morphemes((head, tag), top_n=n)
        except (ValueError, RuntimeError):
            continue
        return [f"{m.form}/{m.tag}" for m in similar]
    return []


@click.command()
@click.option("--train", "train_dir", type=click.Path(file_okay=False, path_type=Path),
              default=SHARED / "train", show_default=True, help="Training corpus (its fit split is read).")
@click.option("--dev", "dev_dir", type=click.Path(file_okay=False, path_type=Path),
              default=SHARED / "dev", show_default=True, help="Dev set (read whole).")
@click.option("--top", default=25, show_default=True, help="Candidates per relation.")
@click.option("--min-count", default=2, show_default=True,
              help="Drop lemmas seen in fewer evidence sentences.")
@click.option("--neighbours", "n_neighbours", default=0, show_default=True,
              help="Also list this many CoNg neighbours of each candidate.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def main(train_dir: Path, dev_dir: Path, top: int, min_count: int, n_neighbours: int, fmt: str) -> None:
    """Rank predicate lemmas of the gold evidence per relation (for review)."""
    corpora = [(d, s) for d, s in ((train_dir, "fit"), (dev_dir, "all")) if (d / "gold.jsonl").is_file()]
    if not corpora:
        click.echo(f"grow_triggers: no gold.jsonl under {train_dir} or {dev_dir}", err=True)
        sys.exit(1)
    click.echo(f"reading {', '.join(f'{d} ({s})' for d, s in corpora)}", err=True)
    per_relation, n_evidence, background, n_sentences = gather(corpora)
    ranked = rank(per_relation, n_evidence, background, n_sentences, top, min_count)
    if n_neighbours:
        for rows in ranked.values():
            for row in rows:
                row["neighbours"] = neighbours(row["lemma"], n_neighbours)
    if fmt == "json":
        click.echo(json.dumps(ranked, ensure_ascii=False, indent=1))
        return
    for relation, rows in ranked.items():
        click.echo(f"== {relation}")
        for row in rows:
            extra = f"  ~ {' '.join(row['neighbours'])}" if row.get("neighbours") else ""
            counts = f"{row['score']:7.2f} {row['count']:4d} {row['background']:5d}"
            click.echo(f"  {counts}  {row['lemma']}{extra}")


if __name__ == "__main__":
    main()
