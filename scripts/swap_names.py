"""Write a copy of the English gold articles with every gold name swapped for an invented one.

On the tuning articles most companies and people are in the registry; on unseen
articles most are not, and finding them is what limits recall there. Scoring the same
articles with invented names (none in the registry, none seen in training) measures
name discovery on text that may be tuned on::

    python scripts/swap_names.py /tmp/swapped              # train fit + dev, English
    kg eval /tmp/swapped --lang en

Each gold entity's surface forms get new distinctive words, the same word for the same
word throughout a document ("Scale AI" and "Scale" -> "Korjun AI" and "Korjun"); generic
words (AI, Labs, Capital, Inc.) stay, people keep a common first name. The gold facts
and evidence are rewritten with them. The output holds real article text: write it
outside the project. The validation split is never written.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from kg.eval import load_gold
from kg.extract.corpus import split_records
from kg.graph.registry import default_registry

GENERIC = frozenset(
    "AI Labs Lab Inc Inc. Corp Corp. Capital Ventures Partners Group Holdings Technologies Technology "
    "Systems Computing Global Management Robotics Research Bank Securities Fund Investment Investments "
    "Co Co. Ltd Ltd. LLC Networks Software Cloud Web Services Semiconductor Electronics Motors Health "
    "Energy Intelligence Department Defense Ministry Commission Office Studio Studios Media Data "
    "Financial Foundation Institute Analytics of the and &".split())
FIRST_NAMES = ("Maya Daniel Sofia Lucas Elena Marcus Priya Jonas Clara Omar Nina Victor Hannah Rafael "
               "Leila Tomas Grace Arjun Iris Felix Zara Adrian Mira Henrik Julia Kenji Amara Oscar Lena "
               "Samuel Aisha Ethan Noor Simon Talia Mateo").split()
SYLLABLES = ("lu mo ra zen trix vo qua ren dal kor vi sa nex tor li ba quo ly mar cel dor fin gal hex is "
             "jun kai lex nov pra sol tek ul ver wyn xa").split()
PERSON_RELATIONS = ("HIRED", "DEPARTED", "WORKS_AT")


class Namer:
    """Invented words, none a registry name, none given twice."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.registry = default_registry()
        self.used: set[str] = set()

    def word(self) -> str:
        while True:
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.choice((2, 2, 3)))).capitalize()
            if len(word) >= 4 and word not in self.used and self.registry.lookup(word) is None:
                self.used.add(word)
                return word

    def first_name(self) -> str:
        return self.rng.choice(FIRST_NAMES)


def _is_person(name: str, gold: dict, namer: Namer) -> bool:
    known = namer.registry.lookup(name)
    if known is not None:
        return known.type == "Person"
    return any((f["relation"] in PERSON_RELATIONS and f["subject"] == name)
               or (f["relation"] == "HIRED" and f["object"] == name) for f in gold["facts"])


def _swap(text: str, surfaces: dict[str, str]) -> str:
    for old in sorted(surfaces, key=len, reverse=True):
        if surfaces[old] != old:
            text = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", lambda _m, new=surfaces[old]: new, text)
    return text


def swap_document(gold: dict, text: str, namer: Namer) -> tuple[dict, str]:
    """The gold record and the text of one document with its names swapped."""
    words: dict[str, str] = {}
    surfaces: dict[str, str] = {}
    for name, aliases in gold["entities"].items():
        person = _is_person(name, gold, namer)
        for surface in (name, *aliases):
            tokens = surface.split()
            out = []
            for i, token in enumerate(tokens):
                core = token.rstrip(".,")
                if core in GENERIC or "." in core or not core[:1].isupper():
                    out.append(token)
                    continue
                if core not in words:
                    given = person and i == 0 and len(tokens) > 1
                    words[core] = namer.first_name() if given else namer.word()
                out.append(token.replace(core, words[core]))
            surfaces[surface] = " ".join(out)

    def names(value: str | list[str]) -> str | list[str]:
        return surfaces.get(value, value) if isinstance(value, str) else [surfaces.get(v, v) for v in value]

    record = dict(gold)
    record["entities"] = {surfaces.get(n, n): [surfaces.get(a, a) for a in aliases]
                          for n, aliases in gold["entities"].items()}
    record["facts"] = [{**f, "subject": names(f["subject"]), "object": names(f["object"]),
                        "evidence": _swap(f.get("evidence", ""), surfaces)} for f in gold["facts"]]
    return record, _swap(text, surfaces)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="directory to write (outside the project)")
    parser.add_argument("--train", type=Path, default=Path("../shared/eval/train"))
    parser.add_argument("--dev", type=Path, default=Path("../shared/eval/dev"))
    parser.add_argument("--no-dev", action="store_true", help="only the fit split of train")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    namer = Namer(args.seed)
    sources = [(args.train, "fit", "")] + ([] if args.no_dev else [(args.dev, "all", "-d")])
    args.out.mkdir(parents=True, exist_ok=True)
    records = []
    for directory, split, suffix in sources:
        for gold in split_records(load_gold(directory), split):
            if gold.get("lang") != args.lang:
                continue
            record, text = swap_document(gold, (directory / gold["doc"]).read_text("utf-8"), namer)
            record["doc"] = f"{Path(gold['doc']).stem}{suffix}.txt"
            (args.out / record["doc"]).write_text(text, "utf-8")
            records.append(record)
    with open(args.out / "gold.jsonl", "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} documents written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
