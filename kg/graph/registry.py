"""The entity registry: canonical names, aliases in English and Korean, ids.

The registry turns any surface form ("Scale", "스케일AI", "스케일 AI") into one
entity, and gives an entity found only in text a stable id derived from its
folded name and type, so that the same unknown company read in two articles is
one node, and two different companies with similar names stay apart.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.errors import KgError
from kg.graph.model import ENTITY_TYPES, ID_PREFIX, PERSON, Entity, EntityRef
from kg.graph.substrings import SubstringIndex

_FOLD_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
_HANGUL_WORD = re.compile(r"[가-힣]+")


# bounded well below an archive's names: the hot ones stay, and a long ingest's memory stays flat
@lru_cache(maxsize=1 << 13)
def fold(name: str) -> str:
    """The comparison key of a name: NFKC, case-folded, without spaces or punctuation.

    >>> fold("Scale AI") == fold("scale-ai") == fold("ScaleAI")
    True
    """
    return _FOLD_DROP.sub("", unicodedata.normalize("NFKC", name).casefold())


def ref_key(ref: EntityRef) -> str:
    """Who a mention names within one document: its registry id, else its folded name
    (the key a Korean mention has, ``Mention.key``)."""
    return ref.id or fold(ref.name)


_WORDS = re.compile(r"\w+")  # compiled once: every new entity's id is made with it


def slug(name: str) -> str:
    """A readable id part: lower case words joined by hyphens (Hangul kept)."""
    words = _WORDS.findall(unicodedata.normalize("NFKC", name).casefold())
    return "-".join(words) or "unnamed"


@dataclass(frozen=True)
class Alias:
    """One surface form of a registry entity; ``weak`` forms are ordinary words too."""

    text: str
    entity: Entity
    lang: str
    weak: bool = False


class Registry:
    """Entities known by name, looked up by any alias after folding."""

    def __init__(self, records: Iterable[dict]) -> None:
        self._by_id: dict[str, Entity] = {}
        self._by_key: dict[str, Entity] = {}
        self._aliases: list[Alias] = []
        self._longest_first: list[Alias] | None = None  # aliases(), sorted once
        self._alias_index: SubstringIndex | None = None  # aliases_in(), built once
        # aliases_in()'s last text and answer: the name recognizer, the Korean rules and the
        # pairs stage each ask it of the same document
        self._aliases_in_last: tuple[str, list[Alias]] | None = None
        self.kinds: dict[str, str] = {}
        # a person's id -> the id of the organization the registry knows them at ("org")
        self.employers: dict[str, str] = {}
        self.products: dict[str, str] = {}  # folded product name -> maker's id
        for rec in records:
            self._add(rec)
        self._add_unspaced_forms()

    def _add(self, rec: dict) -> None:
        if rec["type"] not in ENTITY_TYPES:
            raise KgError(f"registry entry {rec.get('id')}: unknown type {rec['type']!r}")
        en = [a for a in rec.get("en", []) if a]
        ko = [a for a in rec.get("ko", []) if a]
        weak = [a for a in rec.get("weak", []) if a]
        entity = Entity(
            id=rec["id"],
            type=rec["type"],
            name=rec["name"],
            aliases=tuple(dict.fromkeys([*en, *ko, *weak])),
            wikidata=rec.get("wikidata"),
            parent=rec.get("parent"),
        )
        self._by_id[entity.id] = entity
        self.kinds[entity.id] = rec.get("kind", "")
        if rec.get("org"):
            self.employers[entity.id] = rec["org"]
        for product in rec.get("products", []):
            self.products.setdefault(fold(product), entity.id)
        for text, lang, is_weak in (
            [(entity.name, "en", False)]
            + [(a, "en", False) for a in en]
            + [(a, "ko", False) for a in ko]
            + [(a, "en", True) for a in weak]
        ):
            if not is_weak:
                self._by_key.setdefault(fold(text), entity)
            self._aliases.append(Alias(text, entity, lang, is_weak))
            self._longest_first = self._alias_index = self._aliases_in_last = None

    def _add_unspaced_forms(self) -> None:
        """Each name of several words also as written without its spaces, where writers
        join two: an organization's capitalized Latin words ("SurgeAI", "WeVentures",
        "LGU+" for "Surge AI", "We Ventures", "LG U+"), Hangul words ("샘알트만" for
        "샘 알트만").
        ``lookup`` folds spaces away already; this lets a text's scan find the joined form."""
        written = {a.text for a in self._aliases}
        for alias in list(self._aliases):
            if alias.weak or " " not in alias.text:
                continue
            parts = alias.text.split(" ")
            joined = "".join(parts)
            if len(parts) != 2 or len(joined) < 4 or joined in written:
                continue
            hangul = all(_HANGUL_WORD.fullmatch(p) for p in parts)
            # a person's Latin name is not written joined; a company's two words are
            camel = alias.entity.type != PERSON and alias.text.isascii() and parts[0][:1].isupper() \
                and (parts[1][:1].isupper() or parts[1][:1].isdigit() or parts[1][:1] == "+")
            if hangul or camel:
                written.add(joined)
                self._aliases.append(Alias(joined, alias.entity, alias.lang, False))

    @classmethod
    def load(cls, path: str | Path | None = None) -> Registry:
        """Read a registry data file (JSON lines); the bundled one by default."""
        if path is None:
            return default_registry()
        with open(path, encoding="utf-8") as fh:
            return cls(json.loads(line) for line in fh if line.strip())

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._by_id.values())

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def lineage(self, entity_id: str, levels: int = 3) -> set[str]:
        """The id and the ids of its parents, up to ``levels`` steps (a unit's company, that
        company's group)."""
        seen = {entity_id}
        for _ in range(levels):
            entity = self._by_id.get(entity_id)
            if entity is None or not entity.parent:
                break
            entity_id = entity.parent
            seen.add(entity_id)
        return seen

    def lookup(self, name: str, type: str | None = None) -> Entity | None:
        """The registry entity a name refers to, or None."""
        entity = self._by_key.get(fold(name))
        if entity is None or (type and entity.type != type):
            return None
        return entity

    def is_media(self, entity: Entity | EntityRef | None) -> bool:
        """True for news outlets: they report facts, they are not party to them."""
        return entity is not None and self.kinds.get(entity.id or "", "") == "media"

    def aliases(self) -> list[Alias]:
        """Every surface form, longest first (so scanners prefer the longest match)."""
        # Extractors ask for every document; sorting the registry each time was measurable.
        if self._longest_first is None:
            self._longest_first = sorted(self._aliases, key=lambda a: -len(a.text))
        return list(self._longest_first)

    def aliases_in(self, text: str) -> list[Alias]:
        """The aliases written in ``text`` (as they are spelled), longest first: what
        ``[a for a in aliases() if a.text in text]`` gives, without testing every alias."""
        if self._alias_index is None:
            self._alias_index = SubstringIndex([a.text for a in self.aliases()])
        last = self._aliases_in_last
        if last is not None and last[0] == text:
            return list(last[1])
        longest_first = self._longest_first
        assert longest_first is not None
        found = [longest_first[i] for i in self._alias_index.found_in(text)]
        self._aliases_in_last = (text, found)
        return list(found)

    def resolve(self, ref: EntityRef) -> Entity:
        """The entity a mention stands for: the registry's, or a new one with a stable id."""
        if ref.id and ref.id in self._by_id:
            return self._by_id[ref.id]
        known = self.lookup(ref.name, ref.type)
        if known is not None:
            return known
        return Entity(
            id=ref.id or f"{ID_PREFIX[ref.type]}:{slug(ref.name)}",
            type=ref.type,
            name=ref.name,
            description=ref.description,
        )


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The registry shipped with kg (``kg/graph/data/entities.jsonl``), loaded once."""
    data = resources.files("kg.graph").joinpath("data/entities.jsonl")
    text = data.read_text(encoding="utf-8") if data.is_file() else ""
    return Registry(json.loads(line) for line in text.splitlines() if line.strip())
