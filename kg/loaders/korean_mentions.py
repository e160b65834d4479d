"""Entity mentions in Korean sentences: registry aliases, discovered names, back-references.

A ``Mention`` is a span of a sentence that names an organization or a person,
with the particle that marks its role in the clause (이/가, 을/를, 에서 ...).
Registry aliases are matched with token-boundary checks from kiwipiepy so that
"메타" is found in "메타는" but not in "메타버스"; unknown organizations and
people are discovered from "한글(English)" pairs, cue words and titles; a
short back-reference ("왕 CEO", "이 연구소") resolves to an entity named
earlier in the same document.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from kg.graph.model import ORGANIZATION, PERSON
from kg.graph.registry import Registry, fold

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_WORDCH = re.compile(r"[\w\uac00-\ud7a3]")
# "머코르(Mercor)", "루오밍 팡(Ruoming Pang)": Hangul words followed by a Latin gloss.
_PAREN_PAIR = re.compile(
    r"((?:[\uac00-\ud7a3A-Za-z0-9]+ ){0,3}[\uac00-\ud7a3A-Za-z0-9]*[\uac00-\ud7a3][\uac00-\ud7a3A-Za-z0-9]*)"
    r"\(([A-Za-z][A-Za-z0-9 .&'\-]*?)(?:[,·][^)]*)?\)"
)
_QUOTED = re.compile(r"['‘’\"“”]([^'‘’\"“”]{1,30}?)['‘’\"“”]")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9]*(?:[ .&\-][A-Za-z0-9]+){0,3}")


@cache
def lexicon() -> dict[str, Any]:
    """The Korean lexicon (``data/ko_lexicon.json``), loaded once."""
    text = resources.files("kg.loaders").joinpath("data/ko_lexicon.json").read_text("utf-8")
    return json.loads(text)


@cache
def kiwi() -> Any:
    """One Kiwi analyzer for the process: loading its model takes a second."""
    from kiwipiepy import Kiwi

    return Kiwi()


@dataclass(frozen=True)
class Token:
    form: str
    tag: str
    start: int
    end: int


def tokenize(sentence: str) -> list[Token]:
    """Kiwi morphemes with character offsets into ``sentence``."""
    return list(_tokenize(sentence))


@lru_cache(maxsize=512)
def _tokenize(sentence: str) -> tuple[Token, ...]:
    return tuple(Token(t.form, t.tag, t.start, t.start + t.len) for t in kiwi().tokenize(sentence))


@dataclass
class Mention:
    """One entity named in a sentence, with the particle that follows it."""

    start: int
    end: int
    name: str
    type: str
    id: str | None = None
    kind: str = ""
    discovered: bool = False
    particle: str = ""
    head: str = ""  # nouns between the name and its particle ("경쟁 데이터 라벨링 업체")
    pend: int = 0  # end of name + head + particle
    group: int = -1  # coordination group index
    title: str = ""  # English title when a title word stands next to a person
    title_org: Mention | None = None  # organization named with the title
    anaphoric: bool = False
    surface: str = ""

    @property
    def key(self) -> str:
        return self.id or fold(self.name)


@dataclass
class DocState:
    """What earlier sentences of the document established."""

    local_aliases: dict[str, tuple[str, str, str | None, str]] = field(default_factory=dict)
    people: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # last word -> person
    last_orgs: list[Mention] = field(default_factory=list)
    last_units: list[Mention] = field(default_factory=list)
    units: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # unit name -> parent
    topic: Mention | None = None


def _is_word(ch: str) -> bool:
    return bool(_WORDCH.match(ch))


def particle_at(sentence: str, pos: int) -> str:
    """The particle written right after position ``pos`` (longest that ends a word)."""
    rest = sentence[pos : pos + 6]
    for p in sorted(lexicon()["particles"], key=len, reverse=True):
        if rest.startswith(p) and (len(rest) == len(p) or not _HANGUL.match(rest[len(p)])):
            return p
    return ""


def _boundary_ok(sentence: str, start: int, end: int, tokens: list[Token]) -> bool:
    """Whether an alias occurrence is a whole name, not part of a longer word."""
    alias = sentence[start:end]
    if start > 0 and _is_word(sentence[start - 1]):
        prev = sentence[start - 1]
        if alias[0].isascii() and prev.isascii():
            return False
        if _HANGUL.match(prev) and _HANGUL.match(alias[0]):
            return False
    if end < len(sentence) and _is_word(sentence[end]):
        nxt = sentence[end]
        if alias[-1].isascii() and nxt.isascii():
            return False
        if _HANGUL.match(nxt):
            if particle_at(sentence, end):
                return True
            # a Hangul continuation is fine only when Kiwi cuts a token there
            starts = {t.start for t in tokens}
            ends = {t.end for t in tokens}
            if end not in starts or end not in ends:
                return False
            nxt_tok = next((t for t in tokens if t.start == end), None)
            if nxt_tok is None or nxt_tok.tag not in (
                "NNG",
                "NNB",
                "XSN",
                "JKS",
                "JKO",
                "JKB",
                "JKG",
                "JX",
                "JC",
                "VCP",
            ):
                return False
            if _HANGUL.match(alias[-1]) and nxt_tok.tag in ("NNG", "XSN"):
                return False
    return True


class MentionFinder:
    """Finds mentions sentence by sentence, keeping document state."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.lex = lexicon()
        self.state = DocState()
        self._aliases = [
            a
            for a in registry.aliases()
            if not (_HANGUL.search(a.text) and len(a.text) < 2) and len(a.text) >= 2
        ]
        self._titles = sorted(self.lex["titles"], key=lambda t: -len(t[0]))
        self._non_names = set(self.lex["non_name_words"]) | {t[0] for t in self._titles}

    # -- entities -------------------------------------------------------
    def _ref(self, name: str, type_: str | None = None) -> tuple[str, str, str | None, str] | None:
        ent = self.registry.lookup(name, type_)
        if ent is None:
            for alias in self._aliases:
                if alias.weak and fold(alias.text) == fold(name):
                    ent = alias.entity
                    break
        if ent is None:
            return None
        return ent.name, ent.type, ent.id, self.registry.kinds.get(ent.id, "")

    def find(self, sentence: str) -> list[Mention]:
        """All mentions of ``sentence`` in text order, particles and groups set."""
        tokens = tokenize(sentence)
        found: list[Mention] = []
        taken = [False] * len(sentence)

        def free(s: int, e: int) -> bool:
            return not any(taken[s:e])

        def add(m: Mention) -> None:
            for i in range(m.start, m.end):
                taken[i] = True
            found.append(m)

        # 1. "한글(English)" pairs: the English form names the entity.
        for m in _PAREN_PAIR.finditer(sentence):
            ko, en = m.group(1), m.group(2).strip()
            self._paren_pair(sentence, m, ko, en, tokens, free, add)
        # 2. registry aliases and names this document introduced, longest first.
        local = [(text, v) for text, v in self.state.local_aliases.items()]
        for text, (name, type_, id_, kind) in sorted(local, key=lambda x: -len(x[0])):
            for s in _occurrences(sentence, text):
                e = s + len(text)
                if free(s, e) and _boundary_ok(sentence, s, e, tokens):
                    add(Mention(s, e, name, type_, id_, kind, discovered=id_ is None))
        for alias in self._aliases:
            for s in _occurrences(sentence, alias.text, fold_case=len(alias.text) > 3):
                e = s + len(alias.text)
                if not free(s, e) or not _boundary_ok(sentence, s, e, tokens):
                    continue
                if alias.weak and not sentence[s:e][0].isupper():
                    continue
                ent = alias.entity
                add(Mention(s, e, ent.name, ent.type, ent.id, self.registry.kinds.get(ent.id, "")))
        # 3. units named after their parent ("메타 초지능 연구소") and Latin-named units.
        self._units(sentence, found, free, add)
        # 4. organizations from cue words and quotes; people from titles.
        self._discover_orgs(sentence, tokens, free, add)
        self._discover_people(sentence, found, free, add)
        # 5. back-references: "왕 CEO", "이 연구소", "이 회사".
        self._backrefs(sentence, free, add)
        # 6. unknown names listed next to known ones: "A, B, C 등", "▲A ▲B", "8명(A·B·C)".
        self._list_items(sentence, tokens, found, free, add)
        found.sort(key=lambda m: m.start)
        for m in found:
            m.surface = sentence[m.start : m.end]
        self._particles(sentence, found, tokens)
        self._groups(sentence, found)
        self._remember(found)
        return found

    def _paren_pair(self, sentence, m, ko, en, tokens, free, add) -> None:
        # Trim the Hangul side to as many words as the English side has.
        words = ko.split(" ")
        n_en = len(en.split())
        ko_words = words[-max(1, min(n_en, 3)) :]
        # leading words that are titles or cue nouns are not part of the name
        while len(ko_words) > 1 and (ko_words[0] in self._non_names or ko_words[0] in self.lex["org_cues"]):
            ko_words = ko_words[1:]
        ko_name = " ".join(ko_words)
        s = m.start(1) + len(ko) - len(ko_name)
        lead = re.search(r"([A-Z][A-Za-z0-9&]*) $", sentence[:s])
        if lead and not self._ref(ko_name) and not self._ref(en):
            en, ko_name, s = f"{lead.group(1)} {en}", f"{lead.group(1)} {ko_name}", lead.start(1)
        e = m.end()
        if not free(s, e):
            return
        if en.upper() in {t[1].upper() for t in self._titles} or en.upper() in ("AI", "IT", "LLM"):
            return
        ref = self._ref(en) or self._ref(ko_name)
        if ref is None:
            if en[0].islower() or ko_name in self._non_names or ko_name in self.lex["org_cues"]:
                return
            if en.isupper() and len(en) <= 4:
                # an acronym glosses a common noun far more often than it names a company
                head = next((t for t in tokens if t.start == s), None)
                if head is None or head.tag != "NNP":
                    return
            person = (
                len(ko_words) >= 2
                and 2 <= n_en <= 3
                and all(w[:1].isupper() for w in en.split())
                and not any(
                    w.lower()
                    in (
                        "ai",
                        "labs",
                        "lab",
                        "inc",
                        "inc.",
                        "corp",
                        "group",
                        "ventures",
                        "capital",
                        "technologies",
                        "studio",
                        "studios",
                        "systems",
                        "research",
                        "robotics",
                    )
                    for w in en.split()
                )
            )
            ref = (en, PERSON if person else ORGANIZATION, None, "")
            if ko_name.split()[0] in self.state.local_aliases and not person:
                pass
        name, type_, id_, kind = ref
        add(Mention(s, e, name, type_, id_, kind, discovered=id_ is None))
        self.state.local_aliases[ko_name] = ref
        if type_ == PERSON:
            self._remember_person(ko_name, name, id_)

    def _units(self, sentence, found, free, add) -> None:
        suffixes = "|".join(sorted(map(re.escape, self.lex["unit_suffixes"]), key=len, reverse=True))
        # "[parent] X 연구소" where the whole phrase is quoted or glossed
        for q in _QUOTED.finditer(sentence):
            inner = q.group(1).strip()
            s, e = q.start(1), q.start(1) + len(inner)
            if not free(s, e) or not re.search(rf"(?:{suffixes})$", inner):
                continue
            parent = next((m for m in found if m.type == ORGANIZATION and m.start == s and m.end < e), None)
            if parent is not None:
                found.remove(parent)
            ref = self._ref(inner)
            earlier = next(
                (
                    u
                    for u in reversed(self.state.last_units)
                    if u.surface.endswith(inner) or inner.endswith(u.surface)
                ),
                None,
            )
            if ref is None and earlier is not None:
                ref = (earlier.name, earlier.type, earlier.id, earlier.kind)
            if ref is None:
                known = next(
                    ((n, p) for n, p in self.state.units.items() if n.endswith(inner) or inner.endswith(n)),
                    None,
                )
                if known is not None:
                    ref = self._ref(known[0]) or (known[0], ORGANIZATION, None, "unit")
                else:
                    ref = (inner, ORGANIZATION, None, "unit")
            add(Mention(s, e, ref[0], ref[1], ref[2], ref[3] or "unit", discovered=ref[2] is None))
            if parent is not None:
                self.state.units[inner] = (parent.name, parent.id)
        # "TBD 랩스": a Latin name followed by a unit word
        for m in re.finditer(
            rf"\b([A-Z][A-Za-z0-9]*(?: [A-Z][A-Za-z0-9]*)?) ?({suffixes})(?![\uac00-\ud7a3]{{2}})", sentence
        ):
            s, e = m.start(), m.end()
            if sentence[e : e + 1] and _HANGUL.match(sentence[e : e + 1]) and not particle_at(sentence, e):
                continue
            if not free(s, e):
                continue
            name = m.group(0)
            ref = self._ref(name)
            for long, short in self.lex["unit_variants"]:
                if ref is None and name.endswith(long):
                    ref = self._ref(name[: -len(long)] + short)
            ref = ref or (name, ORGANIZATION, None, "unit")
            add(Mention(s, e, ref[0], ref[1], ref[2], ref[3] or "unit", discovered=ref[2] is None))
            self.state.local_aliases[name] = ref

    def _discover_orgs(self, sentence, tokens, free, add) -> None:
        cues = "|".join(sorted(map(re.escape, self.lex["org_cues"]), key=len, reverse=True))
        # a quoted name right after or before an organization cue word
        for q in _QUOTED.finditer(sentence):
            inner = q.group(1).strip()
            s, e = q.start(1), q.start(1) + len(inner)
            if not free(s, e) or len(inner) < 2 or " " in inner.strip() and len(inner.split()) > 3:
                continue
            before = sentence[max(0, q.start() - 8) : q.start()]
            after = sentence[q.end() : q.end() + 8]
            if not (
                re.search(rf"(?:{cues})\s*$", before)
                or re.match(rf"\s*(?:이?라는|인)?\s*(?:{cues})", after)
                or re.match(r"\s*를 (?:설립|창업|인수)", after)
            ):
                continue
            ref = self._ref(inner) or (inner, ORGANIZATION, None, "")
            add(Mention(s, e, ref[0], ref[1], ref[2], ref[3], discovered=ref[2] is None))
            self.state.local_aliases[inner] = ref
        # a proper noun (or Latin name) right after a cue word: "스타트업 트웰브랩스"
        for m in re.finditer(rf"(?:{cues}) ([\uac00-\ud7a3A-Za-z0-9]{{2,}})", sentence):
            s = m.start(1)
            word = m.group(1)
            p = particle_at(sentence, s + len(word) - 3) if len(word) > 3 else ""
            name = word
            for cut in range(1, 4):
                if (
                    len(word) > cut + 1
                    and particle_at(sentence, s + len(word) - cut)
                    and particle_at(sentence, s + len(word) - cut) == word[-cut:]
                ):
                    name = word[:-cut]
                    break
            del p
            e = s + len(name)
            if not free(s, e) or name in self._non_names or name in self.lex["org_cues"]:
                continue
            tok = next((t for t in tokens if t.start == s), None)
            suffix_ok = any(name.endswith(x) for x in self.lex["org_suffixes"])
            if not suffix_ok and (tok is None or tok.tag not in ("NNP", "SL") or tok.end < e - 1):
                continue
            ref = self._ref(name) or (name, ORGANIZATION, None, "")
            add(Mention(s, e, ref[0], ref[1], ref[2], ref[3], discovered=ref[2] is None))
            self.state.local_aliases[name] = ref

    def _name_words(self, words: list[str]) -> bool:
        if not 1 <= len(words) <= 3:
            return False
        for w in words:
            if not re.fullmatch(r"[\uac00-\ud7a3]{1,6}", w) or w in self._non_names:
                return False
            if w in self.lex["org_cues"] or any(w.endswith(t[0]) for t in self._titles if len(t[0]) > 1):
                return False
            # a word ending in a particle or verb ending is not part of a name
            if len(w) >= 2 and w[-1] in self.lex["non_name_endings"] or "것" in w:
                return False
        if len(words) == 1:
            w = words[0]
            return len(w) == 3 and w[0] in self.lex["surnames"]
        return True

    def _discover_people(self, sentence, found, free, add) -> None:
        titles = "|".join(re.escape(t[0]) for t in self._titles)
        name_re = r"[\uac00-\ud7a3]{1,6}(?: [\uac00-\ud7a3]{1,6}){0,2}"
        # "[title]( (ABBR))?(인|이자 ...)? NAME" and "NAME (ORG )?[title]"
        for m in re.finditer(rf"(?:{titles})(?:\([A-Za-z]+\))?(?:인|이었던|였던)? ({name_re})", sentence):
            words = m.group(1).split(" ")
            for n in range(len(words), 0, -1):
                cand = words[:n]
                last = cand[-1]
                p = particle_at(last, len(last) - 1) if len(last) > 1 else ""
                bare = cand[:-1] + (
                    [last[: -len(p)]] if p and last.endswith(p) and len(last) > len(p) else [last]
                )
                for option in (bare, cand):
                    s = m.start(1)
                    e = s + len(" ".join(option))
                    if self._name_words(option) and free(s, e):
                        self._add_person(sentence, " ".join(option), s, e, add)
                        break
                else:
                    continue
                break
        for m in re.finditer(rf"({name_re}) (?:[^\s]+ ){{0,2}}?(?:{titles})(?![\uac00-\ud7a3])", sentence):
            words = m.group(1).split(" ")
            for n in range(min(3, len(words)), 0, -1):
                cand = words[-n:]
                if self._name_words(cand):
                    e = m.start(1) + len(m.group(1))
                    s = e - len(" ".join(cand))
                    if (s == 0 or not _is_word(sentence[s - 1])) and free(s, e):
                        self._add_person(sentence, " ".join(cand), s, e, add)
                    break

    def _add_person(self, sentence, text, s, e, add) -> None:
        ref = self._ref(text, PERSON)
        if ref is None:
            if text in self.state.local_aliases:
                ref = self.state.local_aliases[text]
            else:
                ref = (text, PERSON, None, "person")
        add(Mention(s, e, ref[0], ref[1], ref[2], ref[3], discovered=ref[2] is None))
        self._remember_person(text, ref[0], ref[2])

    def _remember_person(self, ko_name: str, name: str, id_: str | None) -> None:
        words = ko_name.split()
        if len(words) >= 2:
            self.state.people[words[-1]] = (name, id_)
        elif len(ko_name) == 3:
            self.state.people[ko_name[0]] = (name, id_)  # "류 부사장"
        self.state.local_aliases.setdefault(ko_name, (name, PERSON, id_, "person"))

    def _backrefs(self, sentence, free, add) -> None:
        titles = "|".join(re.escape(t[0]) for t in self._titles)
        for short, (name, id_) in self.state.people.items():
            parts = "은|는|이|가|을|를|의|과|와|도"
            follow = rf"(?= (?:{titles})|(?:{parts}|에게) |(?:{parts})$| 외에| (?:CEO|CTO))"
            for m in re.finditer(rf"(?<![\w\uac00-\ud7a3]){re.escape(short)}{follow}", sentence):
                s, e = m.start(), m.end()
                if free(s, e):
                    add(Mention(s, e, name, PERSON, id_, "person", discovered=id_ is None, anaphoric=True))
        for phrase in self.lex["unit_anaphora"]:
            for s in _occurrences(sentence, phrase):
                e = s + len(phrase)
                if free(s, e) and self.state.last_units and (s == 0 or not _is_word(sentence[s - 1])):
                    u = self.state.last_units[-1]
                    add(Mention(s, e, u.name, u.type, u.id, u.kind, u.discovered, anaphoric=True))
        for phrase in self.lex["org_anaphora"]:
            if " " not in phrase and phrase not in ("동사",):
                continue  # bare "회사" is too vague to resolve on its own
            for s in _occurrences(sentence, phrase):
                e = s + len(phrase)
                if free(s, e) and (s == 0 or not _is_word(sentence[s - 1])):
                    org = self.state.topic or (self.state.last_orgs[-1] if self.state.last_orgs else None)
                    if org is not None:
                        add(
                            Mention(
                                s, e, org.name, org.type, org.id, org.kind, org.discovered, anaphoric=True
                            )
                        )

    def _list_items(self, sentence, tokens, found, free, add) -> None:
        """Discover the unknown members of a list whose other members are known names.

        Items are separated by commas, middle dots or ▲ bullets; a list counts when
        one of its items is exactly a known mention (or it is a ▲ list, or a
        parenthesized list after a head count "N명(...)"), and every discovered item
        must look like a name: one to three words, no particle or verb ending, no
        digits, not a common noun of the lexicon.
        """
        seps = list(re.finditer(r"\s*(?:,|·|ㆍ|▲)\s*", sentence))
        if len(seps) < 1:
            return
        bounds = [0] + [x for m in seps for x in (m.start(), m.end())] + [len(sentence)]
        segs = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
        bullets = sentence.count("▲") >= 2
        people_list = re.search(r"\d+\s*명\s*\(([^)]*[·,][^)]*)\)", sentence)
        exact = {(m.start, m.end): m for m in found}
        items: list[tuple[int, int, bool]] = []  # (start, end, last item of its run)
        for i, (a, b) in enumerate(segs):
            if people_list is not None and a < people_list.start(1) < b:
                a = people_list.start(1)  # the first name in "8명(A·B·C)"
            elif i == 0 and not (bullets and sentence[a:b].strip() == ""):
                continue
            text = sentence[a:b]
            last = i == len(segs) - 1 or not re.fullmatch(r"[^\s(]+(?: [^\s(]+){0,2}(?:\([^)]*\))?", text)
            if last:
                m = re.match(
                    r"([^\s,·()]+(?: [^\s,·()]+){0,2}?)(?:\([A-Za-z][^)]*\))?"
                    r"(?=\s*등|\)| 및 |(?:이|가|은|는|을|를|와|과|의|도|에|에서|로|으로)(?:\s|$))",
                    text,
                )
                if not m:
                    continue
                b = a + m.end(1)
            items.append((a, b, last))
        if not items:
            return
        known = [(a, b) for a, b, _ in items if (a, b) in exact or any(
            m.start == a and m.end >= b - 1 and m.end <= b for m in found)]
        types = [exact[k].type for k in known if k in exact]
        in_people = people_list is not None
        if not known and not bullets and not in_people:
            return
        for a, b, _last in items:
            if people_list is not None and people_list.start(1) <= a < people_list.end(1):
                type_ = PERSON
            elif known or bullets:
                type_ = max(set(types), key=types.count) if types else ORGANIZATION
            else:
                continue
            name = sentence[a:b].strip()
            name = re.sub(r"\s*등$", "", name)
            b = a + len(name)
            if not self._listable(name, type_) or not free(a, b):
                continue
            ref = self._ref(name, type_) or self.state.local_aliases.get(name) or (
                name, type_, None, "person" if type_ == PERSON else "")
            add(Mention(a, b, ref[0], ref[1], ref[2], ref[3], discovered=ref[2] is None))
            if ref[1] == PERSON:
                self._remember_person(name, ref[0], ref[2])
            else:
                self.state.local_aliases.setdefault(name, ref)

    def _listable(self, name: str, type_: str) -> bool:
        """Whether a list item looks like a proper name rather than a common noun."""
        words = name.split()
        if not 1 <= len(words) <= 3 or len(name) < 2 or len(name) > 24:
            return False
        if re.search(r"[0-9%$]|[^\w\s&.'\-\uac00-\ud7a3]", name):
            return False
        if any(w in self._non_names or w in self.lex["org_cues"] for w in words):
            return False
        if any(w.endswith(tuple(self.lex["list_noun_endings"])) for w in words):
            return False
        last = words[-1]
        if _HANGUL.match(last[-1]) and len(last) >= 2 and last[-1] in self.lex["non_name_endings"]:
            return bool(type_ == ORGANIZATION and any(name.endswith(x) for x in self.lex["org_suffixes"]))
        return True

    # -- particles, groups, memory ---------------------------------------
    def _particles(self, sentence: str, found: list[Mention], tokens: list[Token]) -> None:
        starts = [m.start for m in found]
        for i, m in enumerate(found):
            limit = starts[i + 1] if i + 1 < len(found) else len(sentence)
            p = particle_at(sentence, m.end)
            if p:
                m.particle, m.pend = p, m.end + len(p)
                continue
            # skip a gloss in parentheses and nouns to the particle of the head noun
            pos = m.end
            g = re.match(r"\([^)]*\)", sentence[pos:])
            if g:
                pos += g.end()
                p = particle_at(sentence, pos)
                if p:
                    m.particle, m.pend = p, pos + len(p)
                    continue
            head_start = pos
            for t in tokens:
                if t.start < pos:
                    continue
                if t.start >= limit:
                    break
                if t.tag.startswith("J"):
                    m.head = sentence[head_start : t.start].strip()
                    j = t
                    # join adjacent particles: 와 + 도 -> 와도
                    p = sentence[j.start : j.end]
                    nxt = next((u for u in tokens if u.start == j.end and u.tag.startswith("J")), None)
                    if nxt:
                        p += nxt.form
                    m.particle, m.pend = p, j.start + len(p)
                    break
                if t.tag == "VCP":
                    m.head = sentence[head_start : t.start].strip()
                    m.particle, m.pend = "인", t.end + 1
                    break
                if t.tag not in (
                    "NNG",
                    "NNP",
                    "NNB",
                    "SL",
                    "SN",
                    "SH",
                    "XSN",
                    "XPN",
                    "SSO",
                    "SSC",
                    "SW",
                    "NR",
                    "MM",
                ):
                    break
                if t.end - head_start > 24:
                    break
            if not m.pend:
                m.pend = m.end

    def _groups(self, sentence: str, found: list[Mention]) -> None:
        coord = r"\s*(?:와|과|및|,|·|ㆍ|、|/|-|▲|등 (?:총 )?\d+\s*명\s*\()\s*|\s*▲\s*"
        gid = 0
        for i, m in enumerate(found):
            if m.group < 0:
                m.group = gid
                gid += 1
            if i + 1 < len(found):
                nxt = found[i + 1]
                gap = sentence[m.end : nxt.start]
                gap = re.sub(r"^\([^)]*\)", "", gap)
                if re.fullmatch(coord, gap) and m.type == nxt.type:
                    nxt.group = m.group
        # a group shares the particle and head of its last member
        by_group: dict[int, list[Mention]] = {}
        for m in found:
            by_group.setdefault(m.group, []).append(m)
        for members in by_group.values():
            if len(members) > 1:
                last = members[-1]
                for m in members[:-1]:
                    m.particle, m.head, m.pend = last.particle, last.head, last.pend

    def _remember(self, found: list[Mention]) -> None:
        for m in found:
            if m.type != ORGANIZATION or self.is_media(m):
                continue
            if m.kind == "unit" or any(m.name.endswith(x) for x in self.lex["unit_suffixes"]):
                self.state.last_units.append(m)
            self.state.last_orgs.append(m)

    def is_media(self, m: Mention) -> bool:
        return m.kind == "media"


def _occurrences(text: str, needle: str, fold_case: bool = False) -> list[int]:
    if not needle:
        return []
    hay, pat = (text.lower(), needle.lower()) if fold_case else (text, needle)
    out, i = [], hay.find(pat)
    while i >= 0:
        out.append(i)
        i = hay.find(pat, i + 1)
    return out
