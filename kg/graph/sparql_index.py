"""A persistent SPARQL index of the store: pyoxigraph's on-disk Store.

Building an rdflib graph of the whole store for every ``kg sparql`` costs
minutes and gigabytes at archive scale. The index is built once from the
very triples the RDF export writes (:func:`kg.graph.rdf.generate`) plus the
kg ontology, kept in ``<store>/sparql-index/`` and stamped with the store
version it holds: the size and modification time of the store's database
files. A writer keeps a current index in step as it writes (below); an
index whose stamp is not the store's version (none built yet, ``kg import``,
a crash, a large first load) is rebuilt by the next query, and every query
after that answers from disk.

A rebuild goes to a temporary directory that replaces the old index only
when it is complete, so an interrupted build leaves the last good index.

The index also keeps the answers it has given (``results/``): every change
to the index comes with a new store version, so a query asked again with the same
parameters over the same store version is answered from the saved rows, not
evaluated again. That is what makes a repeated ``kg sparql --name
investments`` on 100k facts take a second instead of twenty: pyoxigraph
evaluates that query (joins over the reified statements, a count per
statement, a sort of 100k rows) in ~22 s of CPU, its index lookups costing
~10 us each. Rewritten with subqueries that force hash joins it takes ~5 s
but over 500 MB, and shapes between trade one for the other, so the query
stays the plain, readable one. The saved answers are keyed by the store
version, so they are never served for a store that changed, and they go
away with the index they came from.

Kept in step at write time. A writer that opens a store whose index is
current (:func:`current_base`) first takes the index's version stamp away,
then notes every entity and document its committed transactions touch, and
when it closes (after its checkpoint, so the database files are final)
replaces exactly the triples those touched (:func:`apply_changes`) and
stamps the index with the store's new version (:func:`stamp`). Every fact
is an edge between two entities, and every triple the export derives from
more than one fact (direct triples, round totals shared by co-investors)
lies between facts of one entity, so the triples of the touched entities'
facts are all a write can change; the rest of the index stays as it is.
A crash anywhere between the store's write and the stamp leaves an index
without a stamp, or with one that does not match the database files, and
the next query rebuilds it: an index is never read unless its stamp is the
store's current version.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.errors import StoreError

INDEX_DIR = "sparql-index"
VERSION_FILE = "kg-version.json"
RESULTS_DIR = "results"
# Saved answers kept per index; the least recently written go first.
MAX_RESULTS = 32
# Bumped when the saved rows' form changes (how terms become plain values).
RESULT_FORMAT = 1
# A write touching more entities than this leaves the index to be rebuilt by
# the next query: replacing their facts' triples one by one would cost more
# than the bulk rebuild (a first load, a large batch).
MAX_SYNC_ENTITIES = 5_000
# Quads handed to pyoxigraph's bulk loader at a time. The loader's memory
# grows with the chunk: 10k instead of 50k took ~55 MB off a build's peak RSS
# (20k facts: 268 -> 212 MiB) for ~15% more CPU.
_CHUNK = 10_000


def store_version(store_path: Path, base: str | None = None) -> str:
    """A fingerprint that changes whenever the store's database files change.

    The kg version and the base IRI are part of it, since both change the triples.
    """
    from kg.graph.rdf import Iris
    from kg.graph.store import kg_version

    parts: list[Any] = [kg_version(), Iris(base).base]
    for entry in sorted(store_path.iterdir(), key=lambda e: e.name):
        if entry.name == INDEX_DIR or entry.name.startswith("."):
            continue
        stat = entry.stat()
        parts.append([entry.name, stat.st_size, stat.st_mtime_ns])
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def to_ox(term: Any) -> Any:
    """An rdflib term as the pyoxigraph term of the same RDF value."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _quads(triples: Iterable[tuple[Any, Any, Any]]) -> Iterator[ox.Quad]:
    graph = ox.DefaultGraph()
    for s, p, o in triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)


def _chunks(quads: Iterator[ox.Quad], size: int) -> Iterator[list[ox.Quad]]:
    chunk: list[ox.Quad] = []
    for quad in quads:
        chunk.append(quad)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build(store_path: Path, target: Path, base: str | None = None) -> int:
    """Write the store's graph and the ontology into a new pyoxigraph store at ``target``."""
    from kg.graph.ontology import load
    from kg.graph.rdf import generate
    from kg.graph.store import open_store

    index = ox.Store(str(target))
    count = 0
    with open_store(store_path, read_only=True) as store:
        for chunk in _chunks(_quads(generate(store, base)), _CHUNK):
            index.bulk_extend(chunk)
            count += len(chunk)
    # The ontology names each statement class's relation (kg:relationName).
    index.bulk_extend(list(_quads(load("ontology"))))
    index.flush()
    del index  # closes the RocksDB files before the directory is moved
    return count


def _locate(store_path: str | Path, base: str | None) -> tuple[Path, Path, str]:
    """The store's path, its index directory and the store's current version."""
    store_path = Path(store_path)
    if not (store_path / "graph.lbug").exists():
        raise StoreError(f"{store_path}: no kg store here yet (run `kg ingest` first)")
    return store_path, store_path / INDEX_DIR, store_version(store_path, base)


def fresh_index(store_path: str | Path, base: str | None = None) -> tuple[Path, str]:
    """The store's index directory, rebuilt first if the store has changed, and its version."""
    store_path, index_dir, version = _locate(store_path, base)
    if _built_version(index_dir) != version:
        _rebuild(store_path, index_dir, version, base)
    return index_dir, version


def read_index(index_dir: Path) -> ox.Store:
    """The pyoxigraph store of an index directory, read-only."""
    try:
        return ox.Store.read_only(str(index_dir / "data"))
    except OSError as exc:
        raise StoreError(f"{index_dir}: cannot open the SPARQL index: {exc}") from None


def open_index(store_path: str | Path, base: str | None = None) -> ox.Store:
    """The store's SPARQL index, read-only, rebuilt first if the store has changed."""
    index_dir, _ = fresh_index(store_path, base)
    return read_index(index_dir)


# -- saved answers --------------------------------------------------------------

def result_key(version: str, query: str, params: dict[str, Any]) -> str:
    """The name of the saved answer to ``query`` with ``params`` over one store version.

    A parameter's type is part of the key: ``5`` and ``"5"`` bind different terms.
    """
    bound = sorted((name, type(value).__name__, repr(value)) for name, value in params.items())
    payload = json.dumps([RESULT_FORMAT, version, query, bound], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def saved_answer(store_path: str | Path, query: str, params: dict[str, Any],
                 base: str | None = None) -> tuple[list[str], list[list[Any]]] | None:
    """The answer saved for ``query`` with ``params``, if the index is current and has one."""
    _, index_dir, version = _locate(store_path, base)
    if _built_version(index_dir) != version:
        return None
    return load_result(index_dir, result_key(version, query, params))


def load_result(index_dir: Path, key: str) -> tuple[list[str], list[list[Any]]] | None:
    """The saved answer under ``key``, or None when there is none (or it cannot be read)."""
    try:
        saved = json.loads((index_dir / RESULTS_DIR / f"{key}.json").read_text(encoding="utf-8"))
        return saved["columns"], saved["rows"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_result(index_dir: Path, key: str, columns: list[str], rows: list[list[Any]]) -> None:
    """Save an answer under ``key``, written whole or not at all.

    Best effort: an index directory that cannot be written (a read-only
    store, a full disk, an index rebuilt meanwhile) just answers the next
    call by evaluating the query again.
    """
    results = index_dir / RESULTS_DIR
    tmp: Path | None = None
    try:
        results.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=results, prefix=".",
                                         suffix=".json", delete=False) as out:
            tmp = Path(out.name)
            json.dump({"columns": columns, "rows": rows}, out, ensure_ascii=False)
        os.replace(tmp, results / f"{key}.json")
        tmp = None
        saved = sorted(results.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
        for old in saved[:-MAX_RESULTS]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _built_version(index_dir: Path) -> str | None:
    return _built(index_dir).get("version")


def _built(index_dir: Path) -> dict[str, Any]:
    """The index's stamp: the store version it holds and the base IRI it was built with."""
    try:
        built = json.loads((index_dir / VERSION_FILE).read_text(encoding="utf-8"))
        return built if isinstance(built, dict) else {}
    except (OSError, ValueError):
        return {}


# -- kept in step at write time -------------------------------------------------

def current_base(store_path: Path) -> str | None:
    """The base IRI of the store's index when the index holds the store as it is now,
    else None (no index, or one a query must rebuild anyway).

    A writer asks before its first write; the base is what its triples are minted under.
    """
    index_dir = Path(store_path) / INDEX_DIR
    built = _built(index_dir)
    if "version" not in built or not (Path(store_path) / "graph.lbug").exists():
        return None
    base = built.get("base") or DEFAULT_BASE_MARK
    try:
        version = store_version(Path(store_path), None if base == DEFAULT_BASE_MARK else base)
    except OSError:
        return None
    return base if version == built["version"] else None


# The stamp's base for an index built without --base (the default data IRIs).
DEFAULT_BASE_MARK = ""


def unstamp(store_path: Path) -> int:
    """Take the index's stamp away before the store changes: until :func:`stamp` puts
    a new one, any query rebuilds the index instead of reading it.

    Returns the index directory's inode, for :func:`stamp` to check.
    """
    index_dir = Path(store_path) / INDEX_DIR
    (index_dir / VERSION_FILE).unlink(missing_ok=True)
    return index_dir.stat().st_ino


def stamp(store_path: Path, base: str, inode: int) -> None:
    """Stamp the index as holding the store's current version (the write is applied).

    Not when a query rebuilt the index meanwhile (a new directory, or a stamp
    already there): that index was read from the store in the middle of the
    write, and its own stamp, which no longer matches, makes the next query
    rebuild it again.
    """
    index_dir = Path(store_path) / INDEX_DIR
    try:
        if index_dir.stat().st_ino != inode or (index_dir / VERSION_FILE).exists():
            return
    except OSError:
        return
    version = store_version(Path(store_path), base or None)
    _write_stamp(index_dir, {"version": version, "base": base})


def _write_stamp(index_dir: Path, built: dict[str, Any]) -> None:
    tmp = index_dir / f".{VERSION_FILE}.{os.getpid()}"
    tmp.write_text(json.dumps(built), encoding="utf-8")
    os.replace(tmp, index_dir / VERSION_FILE)


def apply_changes(store: Any, base: str, entity_ids: set[str], doc_ids: set[str]) -> int:
    """Replace, in the store's index, the triples of the touched entities and documents.

    ``store`` is the writer's open store (its transactions committed). The
    touched entities' own triples, every direct triple and statement node of
    a fact with one of them at an end, and the new documents' nodes are
    taken out and written again from the store; source nodes no statement
    derives from any more go. Returns the number of quads written, or -1
    when the write touched too much to be worth it (the index stays
    unstamped and the next query rebuilds it).
    """
    from rdflib.namespace import ORG, PROV

    from kg.graph.model import RELATIONS
    from kg.graph.rdf import (
        Iris,
        direct_triples,
        document_triples,
        entity_triples,
        extraction_triples,
        path_roots,
        portable_paths,
        source_triples,
        split_evidence,
        statement_triples,
    )
    from kg.graph.rdf_facts import document_runs, incident_facts, shared_round_totals
    from kg.graph.vocab import KG, relation_property

    if len(entity_ids) > MAX_SYNC_ENTITIES:
        return -1
    iris = Iris(base or None)
    index = ox.Store(str(store.path / INDEX_DIR / "data"))
    graph = ox.DefaultGraph()
    kg_subject, kg_object = to_ox(KG.subject), to_ox(KG.object)
    derived_from = to_ox(PROV.wasDerivedFrom)
    direct = [to_ox(relation_property(name)) for name in RELATIONS] + [to_ox(ORG.subOrganizationOf)]

    # Out: the touched entities, their facts' statements and direct triples.
    removed: set[ox.Quad] = set()
    old_sources: set[Any] = set()
    for entity_id in entity_ids:
        node = to_ox(iris.entity(entity_id))
        statements = {q.subject for p in (kg_subject, kg_object)
                      for q in index.quads_for_pattern(None, p, node, graph)}
        for statement in statements:
            for quad in index.quads_for_pattern(statement, None, None, graph):
                removed.add(quad)
                if quad.predicate == derived_from:
                    old_sources.add(quad.object)
        removed.update(index.quads_for_pattern(node, None, None, graph))
        for predicate in direct:
            removed.update(index.quads_for_pattern(None, predicate, node, graph))

    # In: the same, as the store has them now.
    documents = store.documents()
    entities = {e.id: e for e in store.entities()}
    added: list[Any] = []
    for entity_id in sorted(entity_ids):
        if entity_id in entities:
            added.extend(entity_triples(entities[entity_id], iris))
    facts = incident_facts(store, entity_ids, entities, documents)
    totals = shared_round_totals(store, entity_ids)
    for fact in facts:
        added.extend(direct_triples(fact, iris))
        added.extend(statement_triples(fact, iris, fact.id in totals))
        for source in fact.sources:
            lang = documents[source.doc].lang if source.doc in documents else None
            for sentence in split_evidence(source.evidence):
                added.extend(source_triples(source.doc, sentence, lang, iris))
    # A new document can move the root its siblings' paths are written relative to.
    new_docs = doc_ids & documents.keys()
    if new_docs:
        roots = path_roots(doc.path for doc in documents.values())
        old_roots = path_roots(doc.path for doc_id, doc in documents.items()
                               if doc_id not in new_docs)
        paths = portable_paths({doc_id: documents[doc_id].path for doc_id in new_docs}, roots)
        if any(old_roots[absolute] != root for absolute, root in roots.items()
               if absolute in old_roots):
            path_property = to_ox(KG.path)
            for doc_id, path in portable_paths({d: doc.path for d, doc in documents.items()},
                                               roots).items():
                node = iris.document(doc_id)
                removed.update(index.quads_for_pattern(to_ox(node), path_property, None, graph))
                added.append((node, KG.path, Literal(path)))
        runs = document_runs(store, sorted(new_docs))
        for doc_id in sorted(new_docs):
            added.extend(document_triples(documents[doc_id], iris, paths[doc_id]))
            if doc_id in runs:
                added.extend(extraction_triples(doc_id, runs[doc_id], iris))

    fresh = set(_quads(added))
    for quad in removed - fresh:
        index.remove(quad)
    index.extend(fresh - removed)
    # Sources no statement derives from any more (their facts merged or replaced).
    for source in old_sources:
        if not any(True for _ in index.quads_for_pattern(None, derived_from, source, graph)):
            for quad in list(index.quads_for_pattern(source, None, None, graph)):
                index.remove(quad)
    index.flush()
    del index
    return len(fresh - removed)



def _rebuild(store_path: Path, index_dir: Path, version: str, base: str | None) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f".{INDEX_DIR}-", dir=store_path))
    try:
        triples = build(store_path, tmp / "data", base)
        (tmp / VERSION_FILE).write_text(json.dumps({"version": version, "triples": triples,
                                                    "base": base or DEFAULT_BASE_MARK}),
                                        encoding="utf-8")
        old = store_path / f".{INDEX_DIR}-old-{os.getpid()}"
        if index_dir.exists():
            index_dir.rename(old)
        os.replace(tmp, index_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
