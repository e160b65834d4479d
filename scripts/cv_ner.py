"""Cross-validated mention scores of the name recognizer on the fit split.

The fit documents (train minus its validation split) are cut into folds by
document (every k-th in sorted order); each fold is scored by a model trained
on dev and the other folds. Settings are compared this way, never on the
validation split.

    python scripts/cv_ner.py --lang ko                       # the shipped settings
    python scripts/cv_ner.py --lang en --params '{"c1": 0.02}' --params '{"c2": 0.1}'
    python scripts/cv_ner.py --lang ko --copies 3 --blind 1 --extraction
    python scripts/cv_ner.py --lang en --partial swap --detect cued --extraction --seed 7

``--extraction`` also scores the extractor (``kg eval``) on each held-out fold with
that fold's model in place of the shipped one (which has seen every fit name, so
that extraction on fit overstates what the recognizer finds in unseen text).
``--partial``/``--detect`` choose how sentences holding a name the gold leaves
unlabelled are trained (kg.extract.ner.training.PARTIAL, DETECT).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from kg.extract.ner.corpus import corpus_split, load_documents
from kg.extract.ner.evaluate import Counts, score
from kg.extract.ner.recognizer import MODELS_ENV, MentionRecognizer
from kg.extract.ner.training import SEED, train_model, training_sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train import default_data  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--lang", choices=["ko", "en"], required=True)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--params", action="append", default=None,
                        help="JSON crfsuite parameters over the shipped ones (repeat to compare)")
    parser.add_argument("--copies", type=int, default=None, help="name-swapped copies (default: COPIES)")
    parser.add_argument("--blind", type=int, default=None, help="of them, read without the gazetteer")
    parser.add_argument("--partial", choices=["keep", "drop", "swap", "label"], default=None,
                        help="sentences with a name-like run the gold leaves unlabelled (default: PARTIAL)")
    parser.add_argument("--detect", choices=["broad", "cued"], default=None,
                        help="which unlabelled runs count (default: DETECT)")
    parser.add_argument("--seed", type=int, default=SEED,
                        help="seed of the name swapping (default: %(default)s)"
                             "; a second seed shows the noise")
    parser.add_argument("--show", action="store_true",
                        help="print the held-out names missed and found wrongly, registry names aside")
    parser.add_argument("--extraction", action="store_true",
                        help="also kg eval each held-out fold with its fold's model")
    args = parser.parse_args(argv)
    data = args.data or default_data()
    dev, fit, _validation = corpus_split(data)
    dev_docs = [d for d in load_documents(data / "dev", set(dev)) if d.lang == args.lang]
    fit_docs = [d for d in load_documents(data / "train", set(fit)) if d.lang == args.lang]
    folds = [fit_docs[k :: args.folds] for k in range(args.folds)]
    for params_text in args.params or ["{}"]:
        params = json.loads(params_text)
        totals: dict[tuple[str, str], Counts] = {}
        facts = Counts()
        for k, held in enumerate(folds):
            train_docs = dev_docs + [d for j, f in enumerate(folds) if j != k for d in f]
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"{args.lang}.crfsuite"
                sents = training_sentences(train_docs, args.lang, copies=args.copies, blind=args.blind,
                                           partial=args.partial, detect=args.detect, seed=args.seed)
                train_model(sents, path, params)
                rec = MentionRecognizer(args.lang, path)
                scores = score(rec, held)
                if args.show:
                    show(rec, held)
                if args.extraction:
                    c = extraction(data, args.lang, held, Path(tmp))
                    facts.tp, facts.fp, facts.fn = facts.tp + c.tp, facts.fp + c.fp, facts.fn + c.fn
            for key, c in scores.counts.items():
                t = totals.setdefault(key, Counts())
                t.tp, t.fp, t.fn = t.tp + c.tp, t.fp + c.fp, t.fn + c.fn
        line = [f"{args.lang} copies={args.copies} blind={args.blind} partial={args.partial} "
                f"detect={args.detect} seed={args.seed} {json.dumps(params)}"]
        for scope in ("all", "unregistered"):
            for kind in ("*", "ORG", "PER"):
                c = totals.get((scope, kind), Counts())
                line.append(f"{scope[:5]}:{kind} {c.precision:.3f}/{c.recall:.3f}/{c.f1:.3f} "
                            f"({c.tp},{c.fp},{c.fn})")
        if args.extraction:
            line.append(f"facts {facts.precision:.3f}/{facts.recall:.3f}/{facts.f1:.3f} "
                        f"({facts.tp},{facts.fp},{facts.fn})")
        print("\n   ".join(line), flush=True)
    return 0


def extraction(data: Path, lang: str, docs: list, models: Path) -> Counts:
    """Fact counts of ``kg eval`` on ``docs`` with the recognizer read from ``models``."""
    cmd = [str(Path(sys.executable).with_name("kg")), "eval", str(data / "train"), "--lang", lang,
           "--format", "json"]
    for doc in docs:
        cmd += ["--doc", doc.name]
    run = subprocess.run(cmd, capture_output=True, text=True, check=True,
                         env={**os.environ, MODELS_ENV: str(models)})
    s = json.loads(run.stdout)["scores"][lang]
    return Counts(s["tp"], s["fp"], s["fn"])


def show(rec: MentionRecognizer, docs: list) -> None:
    """Unregistered names missed (FN) and spans found that are no gold name (FP), in context."""
    from kg.extract.ner.recognizer import TYPE_LABELS
    from kg.graph.registry import default_registry

    registry = default_registry()
    for doc in docs:
        for sent in doc.sentences:
            if sent.uncertain:
                continue
            gold = {(m.start, m.end, m.type): m.in_registry for m in sent.mentions}
            found = {(s.start, s.end, TYPE_LABELS[s.type]): s.score
                     for s in rec.find_in_tokens(sent.tokens, sent.text)}
            lo, hi = sent.tokens[0].start, sent.tokens[-1].end
            for (s, e, k), known in gold.items():
                if not known and (s, e, k) not in found:
                    print(f"FN {k} [{sent.text[s:e]}] | {sent.text[max(lo, s - 40):min(hi, e + 40)]}")
            for (s, e, k), p in found.items():
                if (s, e, k) not in gold and registry.lookup(sent.text[s:e]) is None:
                    print(f"FP {k} {p:.2f} [{sent.text[s:e]}] | {sent.text[max(lo, s - 40):min(hi, e + 40)]}")


if __name__ == "__main__":
    sys.exit(main())
