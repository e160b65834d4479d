"""Ingest a gold set with its publication dates and report how events merged.

Prints, for the store built from every document of ``gold.jsonl`` (each read
with its gold ``published`` date): the number of fact edges, the (subject,
relation, object) triples carried by more than one edge with their dates, the
edges whose sources disagree (``kg facts --conflicts``), and, with
``--reverse``, whether ingesting newest first gives the same facts.

    python scripts/event_identity_report.py ../shared/eval/dev
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from kg.graph.store import open_store
from kg.ingest import ingest_documents
from kg.loaders.read import read_document


def build(gold_dir: Path, store_dir: Path, newest_first: bool = False) -> None:
    golds = [json.loads(line) for line in (gold_dir / "gold.jsonl").read_text().splitlines()
             if line.strip()]
    golds.sort(key=lambda g: (g.get("published") or "", g["doc"]), reverse=newest_first)
    documents = [read_document(gold_dir / g["doc"], published=g.get("published"))
                 for g in golds]
    with open_store(store_dir) as store:
        ingest_documents(store, documents)


def signature(store_dir: Path) -> list[str]:
    """Every fact as JSON, entity aliases sorted (they are a set; the list keeps the
    order the names were met in)."""
    out = []
    with open_store(store_dir, read_only=True) as store:
        for fact in store.facts():
            data = fact.to_json()
            for end in (data["subject"], data["object"]):
                end["aliases"] = sorted(end.get("aliases", []))
            out.append(json.dumps(data, sort_keys=True, ensure_ascii=False))
    return sorted(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--reverse", action="store_true",
                        help="also ingest newest first and compare the facts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        first = Path(tmp) / "oldest-first"
        build(args.gold_dir, first)
        with open_store(first, read_only=True) as store:
            facts = store.facts()
        by_triple: dict[tuple[str, str, str], list] = defaultdict(list)
        for fact in facts:
            by_triple[(fact.subject.name, fact.relation, fact.object.name)].append(fact)
        repeated = {k: v for k, v in by_triple.items() if len(v) > 1}
        print(f"edges: {len(facts)}")
        print(f"triples with more than one edge: {len(repeated)} "
              f"({sum(len(v) for v in repeated.values())} edges)")
        for (s, r, o), group in sorted(repeated.items()):
            parts = [f"{f.qualifiers.get('date') or 'undated'}"
                     + (f" {f.qualifiers['round']}" if f.qualifiers.get("round") else "")
                     + (f" count={f.qualifiers['count']}" if f.qualifiers.get("count") else "")
                     + (f" amount={f.qualifiers['amount']:g}" if f.qualifiers.get("amount")
                        else "")
                     + f" [{len(f.sources)} src]" for f in group]
            print(f"  {s} {r} {o}: " + "; ".join(parts))
        conflicted = [f for f in facts if getattr(f, "conflicts", None)]
        print(f"edges with disagreeing sources: {len(conflicted)}")
        for f in conflicted:
            print(f"  {f.subject.name} {f.relation} {f.object.name}: {', '.join(f.conflicts)}")
        if args.reverse:
            second = Path(tmp) / "newest-first"
            build(args.gold_dir, second, newest_first=True)
            a, b = signature(first), signature(second)
            print(f"newest first gives the same facts: {a == b} "
                  f"({len(set(a) ^ set(b))} differ)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
