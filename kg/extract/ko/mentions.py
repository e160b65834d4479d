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

import re
from functools import cache, lru_cache

from kg.extract.ko.discovery import NameDiscovery, TitleWords
from kg.extract.ko.rival_names import RivalNameDiscovery
from kg.extract.ko.text import (
    FIRM_WORD,
    HANGUL,
    PAREN_LATIN,
    PAREN_PAIR,
    QUOTED,
    DocState,
    Mention,
    Token,
    alternation,
    boundary_ok,
    lexicon,
    occurrences,
    particle_at,
    tokenize,
    words_pattern,
)
from kg.graph.model import ORGANIZATION, PERSON, Entity
from kg.graph.registry import Alias, Registry, fold
from kg.graph.substrings import SubstringIndex
from kg.loaders import normalize

__all__ = ["DocState", "Mention", "MentionFinder", "Token", "lexicon", "particle_at", "tokenize"]

# a former name in parentheses after a name: "(옛 종합기술원)", "(구 다음카카오)", "(舊 X)"
_FORMER_NAME = re.compile(r"\((?:옛|구|舊)\s[^()]{1,40}\)|\(옛[^()\s][^()]{0,39}\)")
# compiled once, not looked up in re's cache at each mention
_FORMER_GAP = re.compile(r"\s*(?:전\s+|前\s*)")  # "NAME 전 ORG"
_LATIN_LEAD = re.compile(r"([A-Z][A-Za-z0-9&]*) $")  # a Latin word before a "한글(English)" pair
_GLOSS = re.compile(r"\([^)]*\)")


@lru_cache(maxsize=8)
def _alias_tables(registry: Registry) -> tuple[
    list[Alias], list[tuple[Alias, str, bool]], SubstringIndex, dict[str, Entity]
]:
    """What the finder scans for, worked out once per registry rather than per document:
    the aliases (longest first), each with its lower-cased text and whether case is
    folded, those texts filed for lookup, and the first weak alias of each folded name."""
    aliases = [
        a
        for a in registry.aliases()
        if not (HANGUL.search(a.text) and len(a.text) < 2) and len(a.text) >= 2
    ]
    keys = [(a, a.text.lower(), len(a.text) > 3) for a in aliases]
    weak: dict[str, Entity] = {}
    for a in aliases:
        if a.weak:
            weak.setdefault(fold(a.text), a.entity)
    return aliases, keys, SubstringIndex([lowered for _, lowered, _ in keys]), weak


_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]{2,}")


@lru_cache(maxsize=8)
def given_names(registry: Registry) -> frozenset[str]:
    """The given names the registry's people are written with in Hangul ("마크" of "마크
    저커버그", "사티아" of "사티아 나델라"): a word of two or more syllables that opens a
    person's Hangul name of several words and is no organization's name. A new person in
    Korean news is told by such a given name and a family name new to the registry."""
    firsts = {a.split(" ")[0] for e in registry if e.type == PERSON for a in e.aliases if " " in a}
    return frozenset(w for w in firsts
                     if _HANGUL_WORD.fullmatch(w) and registry.lookup(w, ORGANIZATION) is None)


@lru_cache(maxsize=8)
def korean_given_syllables(registry: Registry) -> frozenset[str]:
    """The syllables of Korean given names: the lexicon's, and those of the registry's
    people written as a surname and two syllables in Hangul ("유영상")."""
    lex = lexicon()
    surnames, foreign = frozenset(lex["surnames"]), given_names(registry)
    own = {c for e in registry if e.type == PERSON for a in e.aliases
           if len(a) == 3 and a[0] in surnames and a not in foreign and _HANGUL_WORD.fullmatch(a)
           for c in a[1:]}
    return frozenset(lex["korean_given_syllables"]) | own


# the endings of "(이)란"/"(이)라는" (Kiwi: VCP + ETM) that name an entity as the noun after
_NAMED_AS = frozenset({"란", "라는"})
# a unit word ending a quoted phrase; a Latin name followed by a unit word ("TBD 랩스")
_UNIT_END = r"(?:{suffixes})$"
_LATIN_UNIT = r"\b([A-Z][A-Za-z0-9]*(?: [A-Z][A-Za-z0-9]*)?) ?({suffixes})(?![\uac00-\ud7a3]{2})"


@cache
def _title_tables() -> tuple[list, str, frozenset[str]]:
    """Titles longest first, their alternation for patterns, and the words no name is."""
    lex = lexicon()
    titles = sorted(lex["titles"], key=lambda t: -len(t[0]))
    # led by a test of the first character: where no title starts, the pattern fails at
    # once instead of trying every title in turn (what matches, and in what order, is the same)
    first = "".join(sorted({re.escape(t[0][0]) for t in titles}))
    alt = f"(?=[{first}])(?:{'|'.join(re.escape(t[0]) for t in titles)})"
    # no name is a title, a word of the non-name list or a place ("쿠퍼티노를 떠나")
    return titles, alt, frozenset({*lex["non_name_words"], *lex["place_names"], *(t[0] for t in titles)})


@cache
def _title_words() -> TitleWords:
    """The Korean title words in the forms the name tests ask for, made once."""
    words = tuple(t[0] for t in _title_tables()[0])
    long = tuple(w for w in words if len(w) > 1)
    hangul = tuple(w for w in long if HANGUL.match(w[0]))
    return TitleWords(words, long, hangul, frozenset(w[:n] for w in hangul for n in range(1, len(w) + 1)))


@cache
def _title_first_words() -> frozenset[str]:
    """The first words of titles of more than one word ("각자" of "각자 대표")."""
    return frozenset(t[0].split()[0] for t in _title_tables()[0] if " " in t[0])


@cache
def _title_glosses() -> frozenset[str]:
    """The English titles, upper-cased: a parenthesised gloss that is one ("최고재무책임자(CFO)")
    names no one."""
    return frozenset(t[1].upper() for t in _title_tables()[0])


# what joins two members of a group of names (bullets: ▲ and △ both mark the items of a
# list, "△A △B 등"), and a parenthesis opening the gap between two names, which is skipped;
# compiled once, not looked up in re's cache at each pair of mentions
# ("A은 물론 B": "B as well as A", both members of the list)
_AS_WELL_AS = r"[은는]\s+물론(?:이고|,)?"
_COORDINATION = re.compile(rf"\s*(?:와|과|및|,|·|ㆍ|、|/|-|▲|△|등 (?:총 )?\d+\s*명\s*\(|{_AS_WELL_AS})\s*"
                           r"|\s*[▲△]\s*")
_PAREN_OPENING = re.compile(r"^\([^)]*\)")
# the coordinators that join members of different kinds: a comma, 및, and the bullet marks
_MIXED_COORDINATION = re.compile(r"\s*(?:,|및|▲|△)\s*")
# a gapped list ("A가 300억원씩, B가 200억원을"): the particles that may repeat, what stands
# between a member and its sum, after the sum, and before the next member
_GAPPED_PARTICLES = frozenset({"이", "가", "은", "는", "도", "로부터", "으로부터", "에서"})
_GAP_LEAD = re.compile(r"\s*(?:각각\s*)?")
_GAP_COMMA = re.compile(r"\s*(?:씩|가량|규모)?\s*,\s*")
_GAP_DESCRIPTION = re.compile(r"[^,.\d]{0,30}")
# a coordinator followed by words that describe the next member ("A, 일본 B", "A와 경쟁사 B",
# "A은 물론 AI반도체 선두주자 B"): the members are coordinated when those words are nouns
_COORDINATION_DESCRIBED = re.compile(rf"\s*(?:와|과|및|,|·|ㆍ|▲|△|{_AS_WELL_AS})\s*(?=\S)")
# what a description between two members may be made of: nouns, foreign words, numbers
_DESCRIPTION_TAGS = ("NNG", "NNP", "SL", "SN", "SH", "XSN")


# "A를 비롯한 공동창업자들이": A is one of the noun phrase after, which the particle marks
_INCLUDING = re.compile(r"\s*(?:비롯한|비롯해|비롯하여|포함한|포함해|포함하여)\s+"
                        r"((?:[^\s,.()]+\s+){0,2}?[^\s,.()]+?)"
                        r"(이|가|은|는|을|를|에|에서|로부터|으로부터|와|과|의|도)(?=\s)")


def _including(sentence: str, m: Mention) -> None:
    """ "A를 비롯한 공동창업자들이 설립했다", "A를 포함한 투자사들이 참여했다": the name is one
    of the noun phrase that follows, so it takes that phrase's particle, and its role."""
    if m.particle in ("을", "를") and (t := _INCLUDING.match(sentence, m.pend)):
        m.particle, m.head, m.pend, m.included = t.group(2), "", t.end(), True


class MentionFinder(NameDiscovery, RivalNameDiscovery):
    """Finds mentions sentence by sentence, keeping document state."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.lex = lexicon()
        self.state = DocState()
        self._aliases, self._alias_keys, self._alias_index, self._weak_by_fold = _alias_tables(registry)
        self._titles, self._title_alt, self._non_names = _title_tables()
        self._title_words = _title_words()
        self._given_names = given_names(registry)
        self._given_syllables = korean_given_syllables(registry)
        self._title_glosses = _title_glosses()
        self.recognized: dict[str, str] = {}  # surface -> type, from a learned recognizer

    # -- entities -------------------------------------------------------
    def _ref(self, name: str, type_: str | None = None) -> tuple[str, str, str | None, str] | None:
        ent = self.registry.lookup(name, type_)
        if ent is None:
            ent = self._weak_by_fold.get(fold(name))
        if ent is None:
            return None
        return ent.name, ent.type, ent.id, self.registry.kinds.get(ent.id, "")

    def find(self, sentence: str, money: list[normalize.Span] | None = None) -> list[Mention]:
        """All mentions of ``sentence`` in text order, particles and groups set. ``money``:
        the sentence's sums (normalize.find_money), when the caller has read them already."""
        tokens = tokenize(sentence)
        found: list[Mention] = []
        taken = [False] * len(sentence)

        def free(s: int, e: int) -> bool:
            return not any(taken[s:e])

        def add(m: Mention) -> None:
            for i in range(m.start, m.end):
                taken[i] = True
            found.append(m)

        # 0. "X(옛 Y)", "X(구 Y)": Y is X's former name, no party of its own ("SAIT(옛
        # 종합기술원) 부사장으로"); nothing is looked for inside
        for m in _FORMER_NAME.finditer(sentence) if "(" in sentence else ():
            for i in range(m.start(), m.end()):
                taken[i] = True
        # 1. "한글(English)" pairs: the English form names the entity.
        # (the pattern backtracks over the words before every position: most sentences have
        # no "(" before a Latin letter)
        for m in PAREN_PAIR.finditer(sentence) if PAREN_LATIN.search(sentence) else ():
            ko, en = m.group(1), m.group(2).strip()
            self._paren_pair(sentence, m, ko, en, tokens, free, add)
        # 1b. names longer than a known name they hold: "<known>증권", "<LATIN>에코플랜트"
        self._compound_orgs(sentence, tokens, free, add)
        # 2. registry aliases and names this document introduced, longest first (those
        # written in the sentence picked out before sorting: most are not)
        local = [(text, v) for text, v in self.state.local_aliases.items() if text in sentence]
        for text, (name, type_, id_, kind) in sorted(local, key=lambda x: -len(x[0])):
            for s in occurrences(sentence, text):
                e = s + len(text)
                if free(s, e) and boundary_ok(sentence, s, e, tokens):
                    add(Mention(s, e, name, type_, id_, kind, discovered=id_ is None))
        low = sentence.lower()
        for i in self._alias_index.found_in(low):  # most aliases are absent: not scanned
            alias, lowered, fold_case = self._alias_keys[i]
            for s in occurrences(sentence, alias.text, fold_case=fold_case):
                e = s + len(alias.text)
                if not free(s, e) or not boundary_ok(sentence, s, e, tokens):
                    continue
                if alias.weak and not sentence[s:e][0].isupper():
                    continue
                ent = alias.entity
                add(Mention(s, e, ent.name, ent.type, ent.id, self.registry.kinds.get(ent.id, "")))
                if ent.type == PERSON and HANGUL.search(alias.text) and (
                        " " in alias.text or len(alias.text) == 3):
                    # "왕 CEO" of "알렉산더 왕", "김 대표" of "김성훈": short forms told with a title
                    self._remember_person(alias.text, ent.name, ent.id, titled_only=True)
        # 3. units named after their parent ("메타 초지능 연구소") and Latin-named units.
        self._units(sentence, found, free, add)
        # 4. organizations from cue words and quotes; people from titles.
        self._discover_orgs(sentence, tokens, free, add)
        if "본사" in sentence:
            self._seat_names(sentence, tokens, free, add)
        self._discover_people(sentence, found, free, add)
        self._employer_before_title(sentence, tokens, found, free, add)
        # 5. back-references: "왕 CEO", "이 연구소", "이 회사".
        self._backrefs(sentence, found, free, add)
        # 6. unknown names listed next to known ones: "A, B, C 등", "▲A ▲B", "8명(A·B·C)".
        self._list_items(sentence, tokens, found, free, add)
        self._discover_rival_names(sentence, tokens, found, free, add)
        # 6b. a word no reader took in a role a trigger's frame gives only to a company, and
        # two name-shaped words in one it gives only to people
        self._frame_slot_names(sentence, tokens, free, add)
        self._frame_slot_people(sentence, tokens, free, add)
        self._owner_of_unit(sentence, tokens, free, add)
        # 7. names a learned recognizer found, where nothing above found a name, or where
        # the title heuristics took a part of a foreign name it reads whole
        recognized = False
        for surface, type_ in self.recognized.items():
            if surface not in sentence or surface in self._title_words.all:
                continue  # (a post the recognizer read as a name: "수석연구원으로 합류했다")
            for s in occurrences(sentence, surface):
                e = s + len(surface)
                if not boundary_ok(sentence, s, e, tokens):
                    continue
                if not free(s, e):
                    parts = self._name_parts_found(found, s, e, surface, type_)
                    if not parts:
                        continue
                    for m in parts:
                        found.remove(m)
                        for i in range(m.start, m.end):
                            taken[i] = False
                add(Mention(s, e, surface, type_, None, "", discovered=True))
                recognized = True
                if type_ == PERSON and self._short_form_free(surface):
                    self._remember_person(surface, surface, None, titled_only=True)
        if recognized:
            # 7b. a list whose known members only the recognizer found: "A, B, C 등과" with
            # A and B read by it and C, in a context it scores lower, read as their fellow
            found.sort(key=lambda m: m.start)
            self._list_items(sentence, tokens, found, free, add)
        found.sort(key=lambda m: m.start)
        for m in found:
            m.surface = sentence[m.start : m.end]
        self._particles(sentence, found, tokens)
        for m in found:
            _including(sentence, m)
        self._title_apposition(sentence, found)
        self._groups(sentence, found, tokens, money)
        self._remember(found)
        return found

    def _name_parts_found(self, found: list[Mention], s: int, e: int, surface: str,
                          type_: str) -> list[Mention]:
        """The mentions a recognized name of several words spanning [s, e) holds whole, when
        each is a person the title heuristics found by a word of it: "마르코" (read as a
        Korean surname and given name) of "마르코 브라운 CEO", "도비다" of "하템 도비다". The
        recognizer reads such names whole (names of the registry are never displaced), unless
        a word of its span is no word of a name ("문태오 최고기술책임자": a title read in)."""
        if type_ != PERSON or " " not in surface:
            return []
        if any(map(self._cue_or_title, surface.split(" "))):
            return []
        if self._korean_full_name(surface.split(" ")[0]):
            return []  # "한수지 리갈시 대표": a Korean name is one word, her employer's after it
        overlapping = [m for m in found if m.start < e and s < m.end]
        if not overlapping or any(
            m.type != PERSON or m.id is not None or not m.discovered or m.start < s or m.end > e
            for m in overlapping
        ) or sum(m.end - m.start for m in overlapping) >= e - s:
            return []
        return overlapping

    def _title_apposition(self, sentence: str, found: list[Mention]) -> None:
        """ "NAME 전 ORG 담당 디렉터가": the particle after the title marks the person; the
        former employer only qualifies the title. ("NAME ORG CEO는" keeps the organization
        as the topic later sentences fall back on.)"""
        for p, o in zip(found, found[1:], strict=False):
            if p.type != PERSON or o.type != ORGANIZATION or p.particle or not o.particle:
                continue
            if not _FORMER_GAP.fullmatch(sentence[p.end : o.start]):
                continue
            if o.head and any(o.head.endswith(t[0]) for t in self._titles):
                p.particle, o.particle = o.particle, ""
                p.pend = o.pend

    def _paren_pair(self, sentence, m, ko, en, tokens, free, add) -> None:
        # Trim the Hangul side to as many words as the English side has.
        words = ko.split(" ")
        n_en = len(en.split())
        ko_words = words[-max(1, min(n_en, 3)) :]
        # leading words that are titles or cue nouns are not part of the name
        while len(ko_words) > 1 and (ko_words[0] in self._non_names or ko_words[0] in self.lex["org_cues"]):
            ko_words = ko_words[1:]
        if not HANGUL.search(ko_words[-1]) and (
                len(ko_words) < 2 or ko_words[-1].lower() != en.split()[-1].lower()):
            return  # "텍울달 AI(Tekuldal AI)": a Latin last word is the English name's own
        ko_name = " ".join(ko_words)
        s = m.start(1) + len(ko) - len(ko_name)
        if en.upper() in self._title_glosses:
            return  # "최고재무책임자(CFO)": a title and its gloss, whatever word stands before
        lead = _LATIN_LEAD.search(sentence[:s])
        if lead and self._cue_or_title(lead.group(1)):
            lead = None  # "준도 CEO 마커스 노텍(Marcus Notek)": a title before the name is no part of it
        if lead and not self._ref(ko_name) and not self._ref(en):
            en, ko_name, s = f"{lead.group(1)} {en}", f"{lead.group(1)} {ko_name}", lead.start(1)
        e = m.end()
        if not free(s, e):
            return
        if en.upper() in self._title_glosses or en.upper() in ("AI", "IT", "LLM"):
            return
        if en.split()[-1].lower() in self.lex["english_title_heads"]:
            return  # "엔지니어링 디렉터(Engineering Director)": the gloss of a title, not a name
        ref = self._ref(en) or self._ref(ko_name)
        if ref is None:
            if en[0].islower() or ko_name in self._non_names or ko_name in self.lex["org_cues"]:
                return
            if en.isupper() and len(en) <= 4:
                # an acronym glosses a common noun far more often than it names a company
                head = next((t for t in tokens if t.start == s), None)
                if head is None or head.tag != "NNP":
                    return
            # "레일라 보보(Leila Bobo)", and a Korean full name in one word ("김재훈(Kim Jae-hoon)")
            person = (
                (len(ko_words) >= 2 or self._korean_full_name(ko_name))
                and 2 <= n_en <= 3
                and all(w[:1].isupper() for w in en.split())
                and not FIRM_WORD.search(en)
                and not ko_name.endswith(tuple(self.lex["org_suffixes"]))
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
        suffixes = alternation(tuple(self.lex["unit_suffixes"]), longest_first=True)
        # "[parent] X 연구소" where the whole phrase is quoted or glossed
        for q in QUOTED.finditer(sentence):
            inner = q.group(1).strip()
            s, e = q.start(1), q.start(1) + len(inner)
            if not free(s, e) or not words_pattern(_UNIT_END, suffixes=suffixes).search(inner):
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
            self.state.local_aliases.setdefault(inner, (ref[0], ref[1], ref[2], ref[3] or "unit"))
            if parent is not None:
                self.state.units[inner] = (parent.name, parent.id)
        # "TBD 랩스": a Latin name followed by a unit word
        for m in words_pattern(_LATIN_UNIT, suffixes=suffixes).finditer(sentence):
            s, e = m.start(), m.end()
            if sentence[e : e + 1] and HANGUL.match(sentence[e : e + 1]) and not particle_at(sentence, e):
                continue
            if not free(s, e):
                continue
            name = m.group(0)
            ref = self._ref(name)
            if ref is None and m.group(1).upper() in self.lex["generic_latin_words"] \
                    and m.group(2) in self.lex["generic_unit_words"]:
                continue  # "AI 조직", "IT 부서": a unit described by its field, not named
            for long, short in self.lex["unit_variants"]:
                if ref is None and name.endswith(long):
                    ref = self._ref(name[: -len(long)] + short)
            ref = ref or (name, ORGANIZATION, None, "unit")
            add(Mention(s, e, ref[0], ref[1], ref[2], ref[3] or "unit", discovered=ref[2] is None))
            self.state.local_aliases[name] = ref

    # -- particles, groups, memory ---------------------------------------
    def _particles(self, sentence: str, found: list[Mention], tokens: list[Token]) -> None:
        starts = [m.start for m in found]
        for i, m in enumerate(found):
            limit = starts[i + 1] if i + 1 < len(found) else len(sentence)
            p = particle_at(sentence, m.end)
            if p and p not in _NAMED_AS:  # ("X라는 스타트업을": read below, the noun's particle)
                m.particle, m.pend = p, m.end + len(p)
                continue
            # skip a gloss in parentheses and nouns to the particle of the head noun
            pos = m.end
            g = _GLOSS.match(sentence[pos:])
            if g:
                pos += g.end()
                p = particle_at(sentence, pos)
                if p:
                    m.particle, m.pend = p, pos + len(p)
                    continue
            head_start = pos
            named_as, vcp = -1, None  # "(이)란"/"(이)라는" after the name: its end, its 이
            for k, t in enumerate(tokens):
                if t.start < pos or t.end <= named_as:
                    continue
                if t.start >= limit:
                    break
                nxt_t = tokens[k + 1] if k + 1 < len(tokens) else None
                if (t.tag == "VCP" and nxt_t is not None and nxt_t.tag == "ETM"
                        and nxt_t.form in _NAMED_AS and named_as < 0):
                    # "'X'란 스타트업을", "X라는 회사에": the name is said to be the noun that
                    # follows, so it takes that noun's particle (and role) in every frame
                    named_as, head_start, vcp = nxt_t.end, nxt_t.end, t
                    continue
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
                if (t.tag == "MAG" and t.form in self.lex["also_adverbs"]
                        and not sentence[head_start:t.start].strip()):
                    # "네이버 역시 투자자로 참여했다": the adverb marks the name as 도 does
                    m.particle, m.pend = "도", t.end
                    break
                if t.tag == "MAG" and t.form in _title_first_words():
                    continue  # "각자 대표는": Kiwi reads the title's first word as an adverb
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
            if vcp is not None and (not m.particle or m.particle.startswith("의")):
                # "X라는 자신의 회사": the noun after is not what the name is said to be
                m.head, m.particle, m.pend = sentence[pos : vcp.start].strip(), "인", vcp.end + 1
            if not m.pend:
                m.pend = m.end

    def _groups(self, sentence: str, found: list[Mention], tokens: list[Token],
                money: list[normalize.Span] | None = None) -> None:
        gid = 0
        for i, m in enumerate(found):
            if m.group < 0:
                m.group = gid
                gid += 1
            if i + 1 < len(found):
                nxt = found[i + 1]
                gap = sentence[m.end : nxt.start]
                gap = _PAREN_OPENING.sub("", gap)
                if (m.type == nxt.type and (_COORDINATION.fullmatch(gap)
                                            or self._described_member(sentence, m, nxt, tokens))) \
                        or _MIXED_COORDINATION.fullmatch(gap):
                    # a list may name people and organizations together ("MS, 엔비디아, 제프
                    # 베조스 등으로부터"): its members share the last one's particle; which of
                    # them a role takes is the reader's choice (BaseRules._nearest_group)
                    nxt.group = m.group
        if "," in sentence and any(c.isdigit() for c in sentence):
            self._gapped_members(sentence, found,
                                 normalize.find_money(sentence) if money is None else money)
        # a group shares the particle and head of its last member
        by_group: dict[int, list[Mention]] = {}
        for m in found:
            by_group.setdefault(m.group, []).append(m)
        for members in by_group.values():
            if len(members) > 1:
                last = members[-1]
                for m in members[:-1]:
                    m.particle, m.head, m.pend = last.particle, last.head, last.pend

    @staticmethod
    def _gapped_members(sentence: str, found: list[Mention], money: list[normalize.Span]) -> None:
        """Members of a list whose shared predicate is told once, each with its own sum:
        "A와 B가 각각 300억원씩, C가 200억원을 투자했다", "A로부터 20억 달러, B로부터 57억
        달러 투자를 받았다". Each member marked by the same particle and followed by a sum
        and a comma joins the group of the next member so marked (words describing that
        one may stand between), and every member keeps its own sum (``own_amount``)."""
        if len(money) < 2:
            return

        def sum_after(m: Mention) -> normalize.Span | None:
            lead = _GAP_LEAD.match(sentence, max(m.pend, m.end))
            return next((s for s in money if lead and s.start == lead.end()), None)

        for i, m in enumerate(found):
            if m.particle not in _GAPPED_PARTICLES or m.own_amount is not None:
                continue
            own = sum_after(m)
            comma = _GAP_COMMA.match(sentence, own.end) if own is not None else None
            if comma is None:
                continue
            after = comma.end()
            nxt = next((n for n in found[i + 1:] if n.type == m.type and n.particle == m.particle
                        and n.start >= after), None)
            if nxt is None or not _GAP_DESCRIPTION.fullmatch(sentence, after, nxt.start):
                continue
            theirs = sum_after(nxt)
            if theirs is None:
                continue
            for x in found:
                if x.group == m.group:
                    x.own_amount = own
            nxt.own_amount, nxt.group = theirs, m.group

    @staticmethod
    def _described_member(sentence: str, m: Mention, nxt: Mention, tokens: list[Token]) -> bool:
        """Whether ``nxt`` is the next member of ``m``'s list with a description before it:
        a coordinator, then at most three words of nouns ("A, 일본 B", "A은 물론 AI반도체
        선두주자 B"); a verb or a particle in between ("A와 손잡은 B") ends the list."""
        pos = m.end
        gloss = _PAREN_OPENING.match(sentence[pos : nxt.start])  # "A(영문), 일본 B"
        if gloss:
            pos += gloss.end()
        coordinator = _COORDINATION_DESCRIBED.match(sentence, pos, nxt.start)
        if coordinator is None:
            return False
        start = coordinator.end()
        if not 1 <= len(sentence[start : nxt.start].split()) <= 3:
            return False
        inside = [t for t in tokens if start <= t.start and t.end <= nxt.start]
        return bool(inside) and all(t.tag in _DESCRIPTION_TAGS for t in inside)

    def _short_form_free(self, surface: str) -> bool:
        """Whether the last word of a recognized person's name names nothing else: in
        "엘레나 모리시" the recognizer may have joined a person to a company."""
        if " " not in surface:
            return False  # a one-word name's first syllable is a surname only in a Korean name
        short = surface.split()[-1]
        return (short not in self.recognized and short not in self.state.local_aliases
                and self._ref(short) is None)

    def _remember(self, found: list[Mention]) -> None:
        # the mentions of each coordination group, counted in a dict: a Counter's
        # construction (an abstract-class test, then update) cost more than the count
        sizes: dict[int, int] = {}
        for m in found:
            sizes[m.group] = sizes.get(m.group, 0) + 1
        for m in found:
            if m.type != ORGANIZATION or self.is_media(m):
                continue
            if sizes[m.group] > 1:
                self.state.listed_orgs.add(id(m))
            # (str.endswith of a tuple tests every suffix in C)
            if m.kind == "unit" or m.name.endswith(tuple(self.lex["unit_suffixes"])):
                self.state.last_units.append(m)
            self.state.last_orgs.append(m)

    def is_media(self, m: Mention) -> bool:
        return m.kind == "media"


