"""Train the name recognizers shipped in kg/extract/ner/data/.

Reads the annotated corpus (``../shared/eval`` by default: ``dev/`` and
``train/``), trains on dev and on train minus its validation split (every
fifth document, see kg.extract.ner.corpus.validation_docs), and writes
``ko.crfsuite`` and ``en.crfsuite``. The same corpus gives the same files,
byte for byte.

    python scripts/train.py                       # rebuild the shipped models
    python scripts/train.py --data DIR --out DIR  # another corpus, elsewhere
    python scripts/train.py --pairs               # also the pair relation model (not shipped:
                                                  # on the validation split it did not add)
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from kg.extract.ner.corpus import Document, corpus_split, load_documents
from kg.extract.ner.training import train_model, training_sentences

REPO = Path(__file__).resolve().parents[1]
PACKAGE_DATA = REPO / "kg" / "extract" / "ner" / "data"


def default_data() -> Path:
    """``../shared/eval`` next to the repository (or next to the worktree folder it sits in)."""
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "eval").is_dir():
            return base / "shared" / "eval"
    return REPO.parent / "shared" / "eval"


def training_documents(data: Path) -> list[Document]:
    """Dev (if present) and train minus the validation split."""
    dev, fit, _validation = corpus_split(data)
    docs = load_documents(data / "train", set(fit))
    if dev:
        docs = load_documents(data / "dev", set(dev)) + docs
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=None, help="corpus directory holding train/ (and dev/)")
    parser.add_argument("--out", type=Path, default=PACKAGE_DATA, help="where to write {ko,en}.crfsuite")
    parser.add_argument("--lang", choices=["ko", "en"], action="append", help="only this language")
    parser.add_argument("--pairs", action="store_true",
                        help="also train the pair relation model into kg/extract/data/ (needs scikit-learn)")
    args = parser.parse_args(argv)
    data = args.data or default_data()
    if not (data / "train" / "gold.jsonl").is_file():
        print(f"error: {data / 'train' / 'gold.jsonl'}: no such file (pass --data DIR)", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    docs = training_documents(data)
    unplaced = sum(d.unplaced for d in docs)
    print(f"read {len(docs)} documents from {data} ({unplaced} name occurrences off token boundaries)",
          file=sys.stderr)
    for lang in args.lang or ["ko", "en"]:
        t1 = time.perf_counter()
        path = args.out / f"{lang}.crfsuite"
        count = train_model(training_sentences(docs, lang), path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        print(f"{lang}: {count} sequences -> {path} ({path.stat().st_size / 1e6:.1f} MB, sha256 {digest}, "
              f"{time.perf_counter() - t1:.0f}s)", file=sys.stderr)
    if args.pairs:
        train_pairs(data, args.lang or ["ko", "en"])
    print(f"done in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    return 0


def train_pairs(data: Path, langs: list[str]) -> None:
    """The pair relation model (kg.extract.pairs) with cross-validated thresholds."""
    from kg.extract.corpus import documents
    from kg.extract.train_pairs import choose_thresholds, corpus_examples, fit, write_model
    from kg.loaders.read import read_document

    items = []
    for directory, split in ((data / "train", "fit"), (data / "dev", "all")):
        if (directory / "gold.jsonl").is_file():
            for record, path in documents(directory, split):
                doc = read_document(path, published=record.get("published"), lang=record["lang"])
                items.append((record, doc.text))
    examples = corpus_examples(items)
    for lang in langs:
        path = REPO / "kg" / "extract" / "data" / f"pairs-{lang}.json"
        write_model(path, fit(examples[lang]), choose_thresholds(examples[lang]),
                    {"examples": len(examples[lang])})
        print(f"{lang}: pair model -> {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
