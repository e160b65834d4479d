"""The embedded store: idempotence, merging, atomicity, locking."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import StoreError, StoreLocked
from kg.graph.model import Document, Entity
from kg.graph.store import ResolvedClaim, Store, open_store

META = Entity("org:meta", "Organization", "Meta", ("메타",))
SCALE = Entity("org:scale-ai", "Organization", "Scale AI", ("스케일AI",))
OPENAI = Entity("org:openai", "Organization", "OpenAI")
WANG = Entity("person:alexandr-wang", "Person", "Alexandr Wang")


def doc(n: int) -> Document:
    return Document(id=f"doc{n}", path=f"article-{n}.txt", text="", lang="en",
                    published="2025-06-13")


def claim(relation: str, s: Entity, o: Entity, evidence: str = "e", conf: float = 0.8,
          **qualifiers: object) -> ResolvedClaim:
    return ResolvedClaim(relation, s, o, dict(qualifiers), evidence, conf, "test")


INVEST = claim("INVESTED_IN", META, SCALE, "Meta invested in Scale AI.",
               amount=14.3e9, currency="USD", date="2025-06")


def test_write_then_read_back(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        result = store.write(doc(1), [INVEST, claim("HIRED", META, WANG, date="2025-06")])
        assert (result.added, result.merged, result.skipped) == (2, 0, False)
        facts = store.facts()
    invest = next(f for f in facts if f.relation == "INVESTED_IN")
    assert invest.subject.name == "Meta" and invest.object.name == "Scale AI"
    assert invest.qualifiers == {"amount": 14.3e9, "currency": "USD", "date": "2025-06"}
    assert [(s.doc, s.path, s.evidence) for s in invest.sources] == [
        ("doc1", "article-1.txt", "Meta invested in Scale AI.")]


def test_same_document_twice_changes_nothing(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        before = store.counts()
        again = store.write(doc(1), [INVEST, claim("HIRED", META, WANG)])
        assert again.skipped
        assert store.counts() == before


def test_same_fact_from_two_documents_is_one_edge_with_two_sources(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        result = store.write(doc(2), [claim("INVESTED_IN", META, SCALE, "Again.", date="2025-06")])
        assert (result.added, result.merged) == (0, 1)
        (fact,) = store.facts("INVESTED_IN")
    assert [s.doc for s in fact.sources] == ["doc1", "doc2"]
    assert fact.confidence == pytest.approx(1 - 0.2 * 0.2)
    assert fact.qualifiers["amount"] == 14.3e9  # kept from the first source


def test_undated_report_joins_the_dated_event(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        store.write(doc(2), [claim("INVESTED_IN", META, SCALE)])
        assert store.counts()["INVESTED_IN"] == 1


def test_another_round_is_another_edge(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        store.write(doc(2), [claim("INVESTED_IN", META, SCALE, amount=1e9, currency="USD",
                                   date="2024-05")])
        assert store.counts()["INVESTED_IN"] == 2


def test_symmetric_relation_is_one_edge_whichever_way(store_dir: Path) -> None:
    from kg.graph.model import Claim, EntityRef
    from kg.graph.registry import Registry
    from kg.ingest import resolve

    reg = Registry([])
    a, b = EntityRef("Mercor", "Organization"), EntityRef("Surge AI", "Organization")
    with open_store(store_dir) as store:
        store.write(doc(1), resolve([Claim("COMPETES_WITH", a, b)], reg))
        store.write(doc(2), resolve([Claim("COMPETES_WITH", b, a)], reg))
        assert store.counts()["COMPETES_WITH"] == 1


def test_failure_mid_document_leaves_no_partial_facts(store_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        before = store.counts()
        real = Store._rewrite_pair
        calls = []

        def failing(self: Store, *args: object) -> object:
            calls.append(1)
            if len(calls) == 2:
                raise RuntimeError("disk on fire")
            return real(self, *args)

        monkeypatch.setattr(Store, "_rewrite_pair", failing)
        with pytest.raises(StoreError, match="article-2.txt: writing failed"):
            store.write(doc(2), [claim("HIRED", META, WANG), claim("FOUNDED", WANG, SCALE),
                                 claim("INVESTED_IN", META, OPENAI)])
        assert store.counts() == before
        assert not store.has_document("doc2")


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no kg store here"):
        Store(tmp_path / "nothing", read_only=True)


def test_second_writer_is_refused(store_dir: Path) -> None:
    with open_store(store_dir) as store:
        store.write(doc(1), [INVEST])
        code = (
            "import sys\nfrom kg.graph.store import Store\nfrom kg.errors import StoreLocked\n"
            f"try:\n    Store({str(store_dir)!r})\nexcept StoreLocked as e:\n"
            "    print(e); sys.exit(3)\n"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 3, proc.stderr
    assert "locked" in proc.stdout
    assert StoreLocked  # the error class the CLI turns into exit 1
