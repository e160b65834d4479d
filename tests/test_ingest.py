"""The whole dev set in one run, with no publication dates given."""

from __future__ import annotations

from pathlib import Path

from kg.graph.store import open_store
from kg.ingest import ingest_documents, read_all


def test_dev_set_without_published_dates_nothing_after_the_newest(dev_dir: Path, store_dir: Path) -> None:
    documents = read_all(sorted(dev_dir.glob("*.txt")))
    with open_store(store_dir) as store:
        results = ingest_documents(store, documents)
        facts = store.facts()
    published = [d.published for d in documents if d.published]
    # Some articles carry a date (bylines), most do not: those stay undated.
    assert published and len(published) < len(documents)
    assert all(d.published_source in ("document", "none") for d in documents)
    newest = max(published)
    dated = [f.qualifiers["date"] for f in facts if f.qualifiers.get("date")]
    assert dated and max(dated)[: len(newest)] <= newest
    # Relative dates in undated articles were counted, not resolved.
    assert sum(r.undated for r in results) > 0
    # Korean renderings found their entities: no Hangul-named Shengjia Zhao, Mercor or Karpathy.
    with open_store(store_dir, read_only=True) as store:
        names = {e.name for e in store.entities()}
    assert not names & {"머코르", "셩지아 자오", "자오성자", "안드레 카파시"}
