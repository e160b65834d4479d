"""Scores of the name recognizers on the validation split and on their training data.

Mention-level, exact span and type, per language and type, for all names and
for names the registry does not know; then the time per sentence of
``MentionRecognizer.find`` (tokenizing included) on the validation texts.

    python scripts/eval_ner.py                  # the shipped models
    python scripts/eval_ner.py --models DIR     # models written by train.py --out DIR
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.extract.ner.corpus import corpus_split, load_documents
from kg.extract.ner.evaluate import mention_counts, score
from kg.extract.ner.recognizer import MentionRecognizer, model_path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train import default_data  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=None, help="corpus directory holding train/ and dev/")
    parser.add_argument("--models", type=Path, default=None, help="directory of {ko,en}.crfsuite")
    parser.add_argument("--no-train-scores", action="store_true", help="score the validation split only")
    args = parser.parse_args(argv)
    data = args.data or default_data()
    dev, fit, validation = corpus_split(data)
    sets = {"validation": load_documents(data / "train", set(validation))}
    if not args.no_train_scores:
        sets["training"] = load_documents(data / "train", set(fit)) + load_documents(data / "dev", set(dev))
    for name, docs in sets.items():
        counts = mention_counts(docs)
        print(f"# {name}: {len(docs)} documents; gold mentions "
              + ", ".join(f"{k[0]} {k[1]} {k[2]} {v}" for k, v in sorted(counts.items())))
    print(f"{'set':<11}{'lang':<5}{'names':<13}{'type':<5}{'gold':>6}{'found':>6}{'P':>7}{'R':>7}{'F1':>7}")
    for lang in ("ko", "en"):
        path = (args.models / f"{lang}.crfsuite") if args.models else model_path(lang)
        rec = MentionRecognizer(lang, path)
        for name, docs in sets.items():
            scores = score(rec, docs)
            for scope in ("all", "unregistered"):
                for kind in ("*", "ORG", "PER"):
                    c = scores.counts.get((scope, kind))
                    if c is None:
                        continue
                    print(f"{name:<11}{lang:<5}{scope:<13}{kind:<5}{c.tp + c.fn:>6}{c.tp + c.fp:>6}"
                          f"{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}")
        texts = [d.text for d in sets["validation"] if d.lang == lang]
        n_sents = sum(len(d.sentences) for d in sets["validation"] if d.lang == lang)
        rec.find(texts[0])  # warm up (Kiwi's model loads on first use)
        t0 = time.perf_counter()
        for text in texts:
            rec.find(text)
        elapsed = time.perf_counter() - t0
        per = elapsed * 1000 / n_sents
        print(f"# {lang}: find() on {n_sents} validation sentences: {per:.2f} ms per sentence")
    return 0


if __name__ == "__main__":
    sys.exit(main())
