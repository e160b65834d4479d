"""The annotated corpus as labelled sentences for the name recognizer.

A corpus directory (``shared/eval`` layout) holds articles and ``gold.jsonl``
(GUIDE.md). Gold names each entity and lists its surface forms but neither
marks where they stand nor says whether an entity is a person or an
organization, so this module

- types each entity from the argument types of the relations it takes part
  in (``kg.graph.model.RELATIONS``), then from the registry, then (for
  investors, who may be either) from the shape of its canonical name;
- projects every surface form onto the text: all occurrences, longest form
  first, never overlapping, only at token boundaries;
- labels registry names the gold does not list (news outlets, bystanders) with
  their registry type, so they do not teach the model that such names are not
  names.

The *validation split* is fixed: every fifth document of a corpus in sorted
file-name order. Nothing is trained or tuned on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# One definition of the split for every learned part: ``sorted(names)[4::5]``.
from kg.extract.corpus import load_gold, validation_docs
from kg.extract.ner.features import cues
from kg.extract.ner.recognizer import TYPE_LABELS
from kg.extract.ner.tokens import Token, sentences
from kg.graph.model import ENTITY_TYPES, ORGANIZATION, PERSON, RELATIONS
from kg.graph.registry import default_registry

__all__ = ["corpus_split", "entity_types", "load_documents", "project", "validation_docs"]


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets into the sentence's document
    end: int
    type: str  # "ORG" or "PER"
    entity: str  # canonical name ("" for a registry name the gold does not list)
    in_registry: bool


@dataclass
class Sentence:
    """A tokenized sentence of a document and the names in it."""

    doc: str
    lang: str
    text: str  # the whole document: token offsets index it
    tokens: list[Token]
    mentions: list[Mention] = field(default_factory=list)
    uncertain: bool = False  # names an entity whose type is unknown
    gazetteer: bool = True  # False: trained as if the registry knew none of its names

    def labels(self) -> list[str]:
        """BIO labels of the tokens."""
        out = ["O"] * len(self.tokens)
        for m in self.mentions:
            inside = [i for i, t in enumerate(self.tokens) if t.start >= m.start and t.end <= m.end]
            for k, i in enumerate(inside):
                out[i] = f"{'B' if k == 0 else 'I'}-{m.type}"
        return out


@dataclass
class Document:
    name: str
    lang: str
    text: str
    entities: dict[str, list[str]]  # canonical name -> surface forms
    types: dict[str, str | None]  # canonical name -> "Organization"/"Person"/None
    sentences: list[Sentence] = field(default_factory=list)
    unplaced: int = 0  # surface forms found in the text but not at token boundaries


def entity_types(record: dict) -> dict[str, str | None]:
    """Each gold entity's type: from the relations it is an argument of, else the registry."""
    seen: dict[str, set[str]] = {name: set() for name in record["entities"]}
    for fact in record.get("facts", []):
        relation = RELATIONS.get(fact.get("relation", ""))
        if relation is None:
            continue
        for key, allowed in (("subject", relation.subject_types), ("object", relation.object_types)):
            values = fact.get(key)
            for name in values if isinstance(values, list) else [values]:
                if name in seen and len(allowed) == 1:
                    seen[name].add(allowed[0])
    registry = default_registry()
    out: dict[str, str | None] = {}
    for name, kinds in seen.items():
        if len(kinds) == 1:
            out[name] = next(iter(kinds))
            continue
        known = registry.lookup(name)
        if known is None:
            for form in record["entities"][name]:
                known = registry.lookup(form)
                if known is not None:
                    break
        if known is not None and (not kinds or known.type in kinds):
            out[name] = known.type
        elif not kinds:  # only in relations open to both types (investors, mostly), or in none
            out[name] = guess_type(name)
        else:
            out[name] = None
    return out


_ORG_WORDS = re.compile(
    r"\b(?:Capital|Ventures?|Partners|Investments?|Invest|Management|Securities|Fund|Group|Holdings|"
    r"Authority|Asset|Angels?|[Gg]overnment|Growth|Equity|Financial|Bank|Labs?|AI|Inc\.?|Corp\.?)\b"
    r"|[&\d]|투자|벤처|캐피|증권|자산|파트너스|은행|그룹"
)
_KOREAN_ROMANIZED = re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+$")  # "Jung Da-on"


def guess_type(name: str) -> str | None:
    """The type of an entity its relations leave open, from its canonical name, or None."""
    words = name.split()
    if _KOREAN_ROMANIZED.match(name) or (
        2 <= len(words) <= 3 and words[0] in cues("en")["first_name"] and not _ORG_WORDS.search(name)
    ):
        return PERSON
    if len(words) == 1 or _ORG_WORDS.search(name):
        return ORGANIZATION
    return None


# Gold lists some forms with a title ("탄 CEO", "이 전 CTO"): only the name before it is labelled.
_TRAILING_TITLE = re.compile(
    r"(?:\s+(?:전|현|신임|前)?\s*(?:CEO|CTO|CFO|COO|CPO|co-CEO|대표|의장|회장|사장))+$"
)


def _occurrences(text: str, form: str, lo: int, hi: int) -> Iterable[int]:
    start = text.find(form, lo, hi)
    while start >= 0:
        yield start
        start = text.find(form, start + 1, hi)


def project(sentence: Sentence, doc: Document) -> int:
    """Mark the document's gold names, then registry names, in ``sentence``.

    Returns the number of occurrences that were dropped because they do not
    start and end at token boundaries (a name inside a longer word)."""
    registry = default_registry()
    tokens = sentence.tokens
    lo, hi = tokens[0].start, tokens[-1].end
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    taken: list[tuple[int, int]] = []
    dropped = 0

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    candidates: list[tuple[str, int, str, str | None, bool]] = []  # form, name length, entity, type, known
    for name, forms in sorted(doc.entities.items()):
        etype = doc.types.get(name)
        in_reg = registry.lookup(name) is not None or any(registry.lookup(f) for f in forms)
        for form in {name, *forms}:
            if form.strip():
                candidates.append((form, len(_TRAILING_TITLE.sub("", form)), name, etype, in_reg))
    aliases = [a for a in registry.aliases() if not a.weak and (doc.lang == "ko" or a.lang == "en")]
    candidates.sort(key=lambda c: (-len(c[0]), c[0], c[2]))
    for form, name_len, name, etype, in_reg in candidates:
        if name_len == 0:
            continue
        for s in _occurrences(doc.text, form, lo, hi):
            if not free(s, s + len(form)):
                continue
            e = s + name_len  # "탄 CEO" is listed as a form; the name is "탄"
            if s not in starts or e not in ends:
                dropped += 1
                continue
            taken.append((s, s + len(form)))
            if etype is None:
                sentence.uncertain = True
            else:
                sentence.mentions.append(Mention(s, e, TYPE_LABELS[etype], name, in_reg))
    # Registry names the gold does not list: exact surface forms only, longest first.
    for alias in sorted(aliases, key=lambda a: (-len(a.text), a.text)):
        if len(alias.text) < 2:
            continue
        for s in _occurrences(doc.text, alias.text, lo, hi):
            e = s + len(alias.text)
            if free(s, e) and s in starts and e in ends:
                taken.append((s, e))
                sentence.mentions.append(Mention(s, e, TYPE_LABELS[alias.entity.type], "", True))
    sentence.mentions.sort(key=lambda m: m.start)
    return dropped


def load_documents(directory: Path, names: set[str] | None = None) -> list[Document]:
    """The documents of a corpus directory (only ``names`` when given), sentences projected."""
    docs: list[Document] = []
    for record in sorted(load_gold(directory), key=lambda r: r["doc"]):
        if names is not None and record["doc"] not in names:
            continue
        lang = record.get("lang") or record["doc"][:2]
        text = (directory / record["doc"]).read_text(encoding="utf-8")
        doc = Document(record["doc"], lang, text, record["entities"], entity_types(record))
        for tokens in sentences(text, lang):
            sent = Sentence(doc.name, lang, text, tokens)
            doc.unplaced += project(sent, doc)
            doc.sentences.append(sent)
        docs.append(doc)
    return docs


def corpus_split(data_dir: Path) -> tuple[list[str], list[str], list[str]]:
    """Document names of (dev, train minus validation, validation) under ``data_dir``."""
    dev = sorted(r["doc"] for r in load_gold(data_dir / "dev")) if (data_dir / "dev").is_dir() else []
    train = sorted(r["doc"] for r in load_gold(data_dir / "train"))
    held = validation_docs(train)
    return dev, [n for n in train if n not in held], sorted(held)


assert set(TYPE_LABELS) == set(ENTITY_TYPES)
