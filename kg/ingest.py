"""The way of one document: read, clean, extract, resolve, write.

Extraction never touches a store and stores never parse text: claims are
plain data resolved here (``kg.graph.resolver``: the registry, entities
already in the store, the user's merges, transliterated names), then written
in one transaction per document together with every entity the document
names (``kg.graph.mentions``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from kg.errors import ValidationError
from kg.extract import extract
from kg.graph.mentions import mentioned_entities
from kg.graph.merges import load_merges
from kg.graph.model import RELATIONS, Claim, Document, Entity, EntityRef
from kg.graph.registry import Registry, default_registry
from kg.graph.resolver import EntityResolver
from kg.graph.store import ResolvedClaim, Store, WriteResult
from kg.loaders.dates import needs_anchor
from kg.loaders.published import ManifestEntry, manifest_key
from kg.loaders.read import read_document


def resolve(claims: Iterable[Claim], registry: Registry | EntityResolver | None = None
            ) -> list[ResolvedClaim]:
    """Claims with entities resolved; invalid claims, outlets and self-loops dropped.

    ``registry`` may be an :class:`EntityResolver`, which also knows the
    store's entities, merges and transliterated names.
    """
    resolver = registry or default_registry()
    out: list[ResolvedClaim] = []
    for claim in claims:
        try:
            claim.validate()
        except ValidationError:
            continue
        subject, obj = resolver.resolve(claim.subject), resolver.resolve(claim.object)
        if resolver.is_media(subject) or resolver.is_media(obj):
            continue
        if subject.id == obj.id and claim.relation != "LAID_OFF":
            continue
        if RELATIONS[claim.relation].symmetric and obj.id < subject.id:
            subject, obj = obj, subject
        out.append(ResolvedClaim(claim.relation, subject, obj, dict(claim.qualifiers),
                                 claim.evidence, claim.confidence, claim.extractor))
    if isinstance(resolver, EntityResolver):
        # One version of each entity, with every name the document gave it.
        for c in out:
            c.subject = resolver.entity(c.subject.id) or c.subject
            c.object = resolver.entity(c.object.id) or c.object
    return out


def store_resolver(store: Store, registry: Registry | None = None) -> EntityResolver:
    """A resolver that knows the store's entities and the merges recorded beside it."""
    return EntityResolver(registry or default_registry(), store.entities(), load_merges(store.path))


def mentions(document: Document, claims: Iterable[ResolvedClaim],
             registry: Registry | None = None, resolver: EntityResolver | None = None) -> list[Entity]:
    """Every entity the document names: those of its claims and the registry
    entities its text names anywhere (followed through merges)."""
    registry = registry or default_registry()
    found: dict[str, Entity] = {}
    for claim in claims:
        found.setdefault(claim.subject.id, claim.subject)
        found.setdefault(claim.object.id, claim.object)
    for entity in mentioned_entities(document.text, registry):
        if resolver is not None:
            entity = resolver.resolve(EntityRef(entity.name, entity.type, id=entity.id))
        found.setdefault(entity.id, entity)
    return list(found.values())


def undated_claims(document: Document, claims: Iterable[ResolvedClaim]) -> int:
    """Claims left without a date because the document has no publication
    date to resolve their relative date ("지난달", "last month") against."""
    if document.published:
        return 0
    return sum(1 for c in claims
               if "date" in RELATIONS[c.relation].qualifiers and not c.qualifiers.get("date")
               and needs_anchor(c.evidence))


def ingest_document(store: Store, document: Document,
                    registry: Registry | None = None,
                    resolver: EntityResolver | None = None) -> WriteResult:
    """Extract one loaded document and write its facts to ``store`` (atomically)."""
    if store.has_document(document.id):
        return WriteResult(document, skipped=True)
    registry = registry or default_registry()
    resolver = resolver or store_resolver(store, registry)
    claims = resolve(extract(document, registry), resolver)
    named = mentions(document, claims, registry, resolver)
    renames, resolver.renames = resolver.renames, []
    result = store.write(document, claims, named, renames=renames)
    return replace(result, undated=undated_claims(document, claims))


def ingest_file(store: Store, path: str | Path, *, published: str | None = None,
                lang: str = "auto", registry: Registry | None = None) -> WriteResult:
    """Read one file and write its facts to ``store`` (atomically)."""
    document = read_document(path, published=published, lang=lang)
    return ingest_document(store, document, registry)


def read_all(paths: Iterable[str | Path], *, published: str | None = None,
             lang: str = "auto", manifest: dict[str, ManifestEntry] | None = None,
             max_bytes: int | None = None) -> list[Document]:
    """Read every file first, so one bad file stops the run before anything is written.

    ``published`` dates every file; else a ``manifest`` entry for the file
    gives its date, URL and title; else the document's own. ``max_bytes``
    caps each file's size (default: ``KG_MAX_BYTES``, else 20 MB).
    """
    documents = []
    for path in paths:
        entry = (manifest or {}).get(manifest_key(path))
        if published is None and entry is not None:
            documents.append(read_document(path, published=entry.published, lang=lang, url=entry.url,
                                           title=entry.title, published_from="manifest",
                                           max_bytes=max_bytes))
        else:
            documents.append(read_document(path, published=published, lang=lang,
                                           url=entry.url if entry else None,
                                           title=entry.title if entry else None,
                                           max_bytes=max_bytes))
    return documents


def ingest_documents(store: Store, documents: Iterable[Document], *,
                     on_result: Callable[[WriteResult], None] | None = None) -> list[WriteResult]:
    """Write loaded documents one transaction each, reporting each result.

    One resolver serves the whole run, so a name transliterated in one
    document resolves the same way in the next.
    """
    registry = default_registry()
    resolver = store_resolver(store, registry)
    results = []
    for document in documents:
        result = ingest_document(store, document, registry, resolver)
        results.append(result)
        if on_result:
            on_result(result)
    return results

