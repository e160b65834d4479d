"""The way of one document: read, clean, extract, resolve, write.

Extraction never touches a store and stores never parse text: claims are
plain data resolved against the registry here, then written in one
transaction per document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from kg.errors import ValidationError
from kg.extract import extract
from kg.graph.model import RELATIONS, Claim, Document
from kg.graph.registry import Registry, default_registry
from kg.graph.store import ResolvedClaim, Store, WriteResult
from kg.loaders.read import read_document


def resolve(claims: Iterable[Claim], registry: Registry | None = None) -> list[ResolvedClaim]:
    """Claims with entities resolved; invalid claims, outlets and self-loops dropped."""
    registry = registry or default_registry()
    out: list[ResolvedClaim] = []
    for claim in claims:
        try:
            claim.validate()
        except ValidationError:
            continue
        subject, obj = registry.resolve(claim.subject), registry.resolve(claim.object)
        if registry.is_media(subject) or registry.is_media(obj):
            continue
        if subject.id == obj.id and claim.relation != "LAID_OFF":
            continue
        if RELATIONS[claim.relation].symmetric and obj.id < subject.id:
            subject, obj = obj, subject
        out.append(ResolvedClaim(claim.relation, subject, obj, dict(claim.qualifiers),
                                 claim.evidence, claim.confidence, claim.extractor))
    return out


def ingest_document(store: Store, document: Document,
                    registry: Registry | None = None) -> WriteResult:
    """Extract one loaded document and write its facts to ``store`` (atomically)."""
    if store.has_document(document.id):
        return WriteResult(document, skipped=True)
    claims = resolve(extract(document, registry), registry)
    return store.write(document, claims)


def ingest_file(store: Store, path: str | Path, *, published: str | None = None,
                lang: str = "auto", registry: Registry | None = None) -> WriteResult:
    """Read one file and write its facts to ``store`` (atomically)."""
    document = read_document(path, published=published, lang=lang)
    return ingest_document(store, document, registry)


def read_all(paths: Iterable[str | Path], *, published: str | None = None,
             lang: str = "auto") -> list[Document]:
    """Read every file first, so one bad file stops the run before anything is written."""
    return [read_document(path, published=published, lang=lang) for path in paths]


def ingest_documents(store: Store, documents: Iterable[Document], *,
                     on_result: Callable[[WriteResult], None] | None = None) -> list[WriteResult]:
    """Write loaded documents one transaction each, reporting each result."""
    results = []
    for document in documents:
        result = ingest_document(store, document)
        results.append(result)
        if on_result:
            on_result(result)
    return results
