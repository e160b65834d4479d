"""The development articles ingested as a user with a manifest of their gold dates would."""

from __future__ import annotations

import json
from pathlib import Path

from kg.graph.store import open_store
from kg.ingest import ingest_documents
from kg.loaders.read import read_document


def gold(dev_dir: Path) -> list[dict]:
    lines = (dev_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def ingest_dev(dev_dir: Path, store_dir: Path, *, newest_first: bool = False) -> Path:
    """Every dev article with its gold ``published`` date, oldest (or newest) first."""
    entries = sorted(gold(dev_dir), key=lambda g: (g.get("published") or "", g["doc"]),
                     reverse=newest_first)
    documents = [read_document(dev_dir / g["doc"], published=g.get("published"))
                 for g in entries]
    with open_store(store_dir) as store:
        ingest_documents(store, documents)
    return store_dir
