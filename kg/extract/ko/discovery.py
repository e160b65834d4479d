"""Names the registry does not know, found in Korean sentences.

Organizations after cue words ("스타트업 X") and in quotes; people next to
titles ("NAME 대표", "CEO인 NAME"); members of lists whose other members are
known names ("A, B, C 등", "▲A ▲B", "8명(A·B·C)"). ``NameDiscovery`` is a mixin
of ``MentionFinder``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache
from typing import Any, NamedTuple

from kg.extract.document import enabled
from kg.extract.ko.text import (
    CLAUSE_WORD,
    CORPORATION_MARK,
    FIRM_WORD,
    HANGUL,
    ONE_WORD_NAME,
    QUOTED,
    DocState,
    Mention,
    alternation,
    is_verb,
    is_word,
    lexicon,
    occurrences,
    particle_at,
    tokenize,
    words_pattern,
)
from kg.graph.model import ORGANIZATION, PERSON
from kg.graph.names import has_final_consonant

_UNIT_PREFIX = re.compile(
    r"[A-Za-z0-9가-힣]*[A-Za-z][A-Za-z0-9가-힣]*|[가-힣]{2,}(?:사업부|연구소|센터|본부|실)"
)


# (a mark glued to the name before it is that name's: "SK㈜ 부회장직으로" marks no word after it)
_CORP_MARK = re.compile(rf"(?:(?<![\w]){CORPORATION_MARK}\s?|{CORPORATION_MARK})"
                        r"([\uac00-\ud7a3A-Za-z0-9]{2,})")
_BRIEF_PAIR = re.compile(r"\s*▲([\uac00-\ud7a3A-Za-z0-9]{2,12})·([\uac00-\ud7a3A-Za-z0-9]{2,12}), ")
_TAIL_WORD = re.compile(r" ([\uac00-\ud7a3]{1,12})(?![\uac00-\ud7a3A-Za-z0-9])")
_NEXT_ITEM = re.compile(r"(,|\s및)?\s+([\uac00-\ud7a3A-Za-z0-9]{2,})")

# A name told again (``_backrefs``): not inside a longer word, and followed by a title, a
# particle or "CEO". The name is found with str.find and what follows it matched with a
# pattern compiled once: a pattern per name, with the title alternation in it, cost
# milliseconds to compile for every new person of every document.
_SHORT_NAME_FOLLOW = re.compile(r"의\s|\s측")


@cache
def _backref_follow(titles: str, titled_only: bool) -> re.Pattern[str]:
    """What must follow a person's short name told again (``titles``: the title alternation);
    ``titled_only``: a short name that is a name only with a title ("왕 CEO")."""
    # "진 전 장관", "김 신임 대표": a former or new post between the short name and the title,
    # which may be a noun of address that is no company post ("교수", the lexicon's honorifics)
    honorifics = alternation(tuple(lexicon()["honorifics"]))
    if titled_only:
        return re.compile(rf" (?:전 |신임 )?(?:{titles}|{honorifics}|CEO|CTO)(?![가-힣]{{2}})")
    parts = "은|는|이|가|을|를|의|과|와|도"
    return re.compile(rf" (?:전 |신임 )?(?:{titles}|{honorifics})|(?:{parts}|에게) |(?:{parts})$| 외에"
                      rf"| (?:전 |신임 )?(?:CEO|CTO)")


def _name_then(sentence: str, name: str, follow: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each occurrence of ``name`` not preceded by a word character and
    followed by what ``follow`` matches, left to right without overlaps: the matches of
    ``(?<!WORD)NAME(?=FOLLOW)``, WORD a word character or syllable."""
    out = []
    size = len(name)
    start = sentence.find(name)
    while start >= 0:
        end = start + size
        if (start == 0 or not is_word(sentence[start - 1])) and follow.match(sentence, end):
            out.append((start, end))
            start = sentence.find(name, end)
        else:
            start = sentence.find(name, start + 1)
    return out


# "정하람 박사를": a Korean name before a person cue word ({cues})
_BEFORE_CUE = r"(?<![\w\uac00-\ud7a3])([\uac00-\ud7a3]{3}) (?:{cues})(?![\uac00-\ud7a3]{2})"


@cache
def _person_cue_alt(cues: tuple[str, ...]) -> str:
    """The person cue words of more than one letter as one alternation (built once)."""
    return alternation(tuple(c for c in cues if len(c) > 1))


@cache
def _org_cue_alt(cues: tuple[str, ...]) -> str:
    """The organization cue words as one alternation, longest first (built once, not per sentence)."""
    return "|".join(sorted(map(re.escape, cues), key=len, reverse=True))


# the last item of a list, of one, two or three words (tried in that order), before the
# particle or word that ends the list: "C의 3파전으로" is "C"; compiled at import, not
# built and looked up in re's cache at each list item
_LAST_ITEM = tuple(re.compile(
    rf"([^\s,·()]+(?: [^\s,·()]+){{{n}}})(?:\([A-Za-z][^)]*\))?"
    r"(?=\s*등|\)| 및 |(?:이|가|은|는|을|를|와|과|의|도|에|에서|로|으로)(?:\s|$))") for n in range(3))


@cache
def _quote_cue_res(cues: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An organization cue word right before a quoted name ("스타트업 'X'") and right after
    it ("'X'라는 회사"), compiled once (made at each quote, re's cache lookup hashed the
    whole cue alternation)."""
    return (re.compile(rf"(?:{cues})(?:인|이자)?\s*$"),
            re.compile(rf"\s*(?:이?라는|인)?\s*(?:{cues})"))


@cache
def _cue_re(cues: str) -> re.Pattern[str]:
    """A word right after an organization cue ("스타트업 X", "경쟁사인 X"), compiled once."""
    return re.compile(rf"(?:{cues})(?:인|이자|로는|으로는)? ([\uac00-\ud7a3A-Za-z0-9]{{2,}})")


@cache
def _title_end_re(titles: str) -> re.Pattern[str]:
    """A title word ending right before a name ("연구원 ", "CEO인 "), compiled once."""
    return re.compile(rf"(?:^|[\s(])(?:{titles})(?:\([A-Za-z]+\))?(?:인|이었던|였던)? $")


_PERSON_NAME = r"[\uac00-\ud7a3]{1,6}(?: [\uac00-\ud7a3]{1,6}){0,2}"


@cache
def _titled_name_res(titles: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "[title]( (ABBR))?(인|이자 ...)? NAME" and "NAME (ORG )?[title]", compiled once (made
    at each sentence with a title, they cost more to build and look up than to match)."""
    held = r"(?:인|이었던|였던|[을를] (?:지낸|역임한))?"  # "대표를 지낸 NAME"
    return (re.compile(rf"(?:{titles})(?:\([A-Za-z]+\))?{held} ({_PERSON_NAME})"),
            re.compile(rf"({_PERSON_NAME}) (?:[^\s]+ ){{0,2}}?(?:{titles})(?![\uac00-\ud7a3])"))


@cache
def _title_re(titles: str) -> re.Pattern[str]:
    """The alternation of title words, compiled once."""
    return re.compile(rf"(?:{titles})")


# Kiwi's tags of words no name is made of: common and bound nouns, noun suffixes, particles
_COMMON_TAGS = ("NNG", "NNB", "XSN", "J")


# a word in the genitive before a word for a subsidiary (or the parent of one)
_OWNER_OF_UNIT = re.compile(
    r"(?<![가-힣A-Za-z0-9])([가-힣]{2,8})의\s+(?:자회사|손자회사|계열사|모회사|지주회사)")


@cache
def _word_title_before_name(title_alt: str) -> re.Pattern[str]:
    """A word and a title right before a name (the search ends where the name starts)."""
    return re.compile(rf"(?:^|(?<=\s))(\S+) (?:{title_alt}) $")


def _common_words_only(sentence: str, s: int, e: int, words: int) -> bool:
    """Whether a name of several words is a phrase: every morpheme Kiwi found in it (in
    its sentence) a common or bound noun, a noun suffix or a particle ("직속 조직으",
    "외에도 검사"). A one-word Korean name is checked by its form instead; a foreign name
    in Hangul has a word Kiwi reads as a proper noun ("하템 도비다")."""
    if words < 2:
        return False
    inside = [t for t in tokenize(sentence) if t.start < e and s < t.end]
    if inside and all(t.tag.startswith(_COMMON_TAGS) for t in inside):
        return True
    # a predicate in it ("역임한 바 있다", "있다" a verb): words of a clause, no name
    return _clause(sentence, inside, e) or any(t.tag in ("VV", "VA", "VX", "EF") for t in inside)


def _clause(sentence: str, inside: list, e: int) -> bool:
    """Whether a word before the last ends in a subject, object or topic particle (as Kiwi
    reads it in its sentence): "세명이 이탈하", "영입이 불발됐다", "김하늘이 기자간담회" after a
    title are a clause's words, not a name (the name, if any, is the shorter one before)."""
    return any(t.tag in ("JKS", "JKO", "JX") and t.end < e and t.end < len(sentence)
               and sentence[t.end] == " " for t in inside)


def _coined(name: str, s: int, e: int, tokens: list) -> bool:
    """A coined company name the tagger splits: Hangul joined to Latin ("소리AI"), or a run
    of two or more noun pieces with no particle between them ("누리"+"브레인")."""
    if _COINED_WHOLE.fullmatch(name):
        return True
    inside = [t for t in tokens if s <= t.start < e]
    return (
        len(inside) >= 2
        and inside[0].start == s
        and inside[-1].end == e
        and all(t.tag in ("NNP", "NNG", "SL", "MM", "NNB") for t in inside)
        and 4 <= e - s <= 8
    )


def _proper_then_pieces(first, e: int, tokens: list) -> bool:
    """A proper noun the tagger cut into a name and pieces it read as a suffix or a
    particle ("리턴제로" as 리턴/NNP 제/XSN 로/JKB): after a cue word, the whole word up to
    its last particle is the name when it starts as a proper noun and ends where a piece does."""
    ends_on_a_piece = any(t.end == e for t in tokens if t.start > first.start)
    return first.tag == "NNP" and ends_on_a_piece and e - first.start <= 10


class TitleWords(NamedTuple):
    """The title words (longest first): all, those of two letters or more, those of them
    that start in Hangul, and every prefix of the latter."""

    all: tuple[str, ...]
    long: tuple[str, ...]
    hangul: tuple[str, ...]
    hangul_prefixes: frozenset[str]


# a word of three or more letters: where a compound company name may stand
_WORD = re.compile(r"[A-Za-z0-9\uac00-\ud7a3]{3,}")
# coined names anywhere: Hangul joined to Latin ("소리AI와"), or a run of Hangul
_COINED = re.compile(r"(?<![\w\uac00-\ud7a3])([\uac00-\ud7a3]{2,}[A-Z][A-Za-z0-9]+[\uac00-\ud7a3]{0,3}"
                     r"|[\uac00-\ud7a3]{4,11})(?![\w\uac00-\ud7a3])")
_UPPER = re.compile(r"[A-Z]")
_NAME_WORD = re.compile(r"[\uac00-\ud7a3]{1,6}")  # a word of a Korean name
# a company's name of Latin letters and the Hangul glued to it, if any: "Tekrek그룹"
_LATIN_FIRM_WORD = re.compile(r"[A-Z][A-Za-z0-9&.-]*([\uac00-\ud7a3]{0,6})")
# patterns of the name discovery's tests, compiled once: written inline (re.match(r"...")),
# each was looked up in re's cache at every sentence or candidate
_COINED_WHOLE = re.compile(r"[\uac00-\ud7a3]{2,}[A-Z][A-Za-z0-9]*|[A-Z][A-Za-z0-9]*[\uac00-\ud7a3]{2,}")
_FOUNDED_AFTER = re.compile(r"\s*를 (?:설립|창업|인수)")
_HEADLINE_OPENING = re.compile(r"([\uac00-\ud7a3A-Za-z0-9]{2,}), ")
_AFTER_ORIGIN = re.compile(r"(?:출신|출신인)\s([\uac00-\ud7a3]{3})(?=(?:을|를|이|가|은|는|도)?[\s,.])")
_LIST_SEPARATOR = re.compile(r"\s*(?:,|·|ㆍ|▲|△)\s*")
_HEAD_COUNT_LIST = re.compile(r"\d+\s*명\s*\(([^)]*[·,][^)]*)\)")
_SHORT_ITEM = re.compile(r"[^\s(]+(?: [^\s(]+){0,2}(?:\([^)]*\))?")
_TRAILING_DEUNG = re.compile(r"\s*등$")
_TRAILING_GLOSS = re.compile(r"\s*\([^)]*\)$")
_GLOSS_AFTER = re.compile(r"\s*\([^()]*\)")  # "모델자(Junhex)": a name's gloss after it
_NOT_IN_NAME = re.compile(r"[0-9%$]|[^\w\s&.'\-\uac00-\ud7a3]")


def org_shaped(name: str, lex: dict) -> bool:
    """Whether a name ends like a firm's ("아크 인베스트", "Ark Invest"): an organization
    suffix of the lexicon (``org_suffixes``) on its Korean words or on the gloss in
    parentheses after them."""
    korean = _TRAILING_GLOSS.sub("", name)
    gloss = name[len(korean):].strip(" ()")
    return korean.endswith(tuple(lex["org_suffixes"])) or bool(gloss and FIRM_WORD.search(gloss))


@cache
def _firm_list_end(cues: tuple[str, ...]) -> re.Pattern[str]:
    """What ends a list of companies: "등" and a kind of company or of backer ("등 세계적
    투자사가", "등 기존 투자자들도") or an investment ("등으로부터 1억 달러 규모의 투자를",
    "등의 투자를 유치")."""
    kinds = "|".join(map(re.escape, sorted(cues, key=len, reverse=True)))
    return re.compile(rf"\s*등(?:\s+(?:[^\s,.]+\s+){{0,2}}?(?:{kinds})"
                      rf"|(?:의|으로부터|에서|이|가)\s[^.,]{{0,25}}?투자)")


@lru_cache(maxsize=8)
def _suffix_tuples(org_suffixes: tuple[str, ...], coined: tuple[str, ...], non_prefixes: tuple[str, ...]
                   ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The suffix and prefix lists the name discovery tests words against, as tuples made
    once per lexicon (``str.endswith`` takes a tuple): the organization suffixes of three
    syllables or more, the coined-name suffixes, and the prefixes of no coined name."""
    return tuple(x for x in org_suffixes if len(x) >= 3), coined, non_prefixes


# the lexicon keys of _compound_words, in its arguments' order
_COMPOUND_KEYS = ("org_suffixes", "coined_org_suffixes", "compound_org_heads", "glued_common_heads",
                  "org_cues")


@cache
def _compound_words(
    suffixes: tuple[str, ...], coined: tuple[str, ...], compound: tuple[str, ...],
    glued_common: tuple[str, ...], cues: tuple[str, ...],
) -> tuple[tuple[str, ...], re.Pattern[str], frozenset[str]]:
    """The words a compound company name may end in (and a pattern finding any of them),
    and the common words a known name may be glued to without making a new name; built
    once, not at every sentence."""
    heads = suffixes + coined + compound
    alternation = "|".join(map(re.escape, sorted(set(heads), key=len, reverse=True)))
    return heads, re.compile(alternation), frozenset(glued_common) | frozenset(cues)


# a word before 본사 (headquarters) and its particle: "갈루리 본사에서"
_SEAT = re.compile(r"(?:(?<=\s)|^)([^\s,.·()'\"‘’“”]{2,12}) 본사(?=에서|를|을|의|로|에|가|는|\s)")
_LATIN = re.compile(r"[A-Za-z]")


@cache
def _roles_only_of(type_: str) -> frozenset[tuple[str, str, str]]:
    """(trigger class, voice, role) where every frame of the frame book that reads the role
    gives it to a side of a relation only ``type_`` takes."""
    from kg.extract.ko.frames import frame_book
    from kg.graph.model import RELATIONS

    book = frame_book()
    verdict: dict[tuple[str, str, str], bool] = {}
    for cls in book.classes:
        for voice, frames in cls.frames.items():
            for frame in frames:
                relation = RELATIONS[frame.relation]
                for roles, types in ((frame.subject, frame.subject_types or relation.subject_types),
                                     (frame.object, relation.object_types)):
                    for role in roles:
                        if role in ("agent", "patient", "goal", "source", "partner"):
                            key = (cls.name, voice, role)
                            verdict[key] = verdict.get(key, True) and tuple(types) == (type_,)
    return frozenset(k for k, ok in verdict.items() if ok)


class _Slots:
    """The slots the particles of one sentence mark in its trigger predicates (read once, at
    the first question): the role a particle gives the word before it, in the next trigger
    after it with no other verb between ("준달에 합류해": the goal of joining)."""

    def __init__(self, sentence: str, tokens: list) -> None:
        from kg.extract.ko.frames import frame_book

        self.sentence, self.tokens, self.book = sentence, tokens, frame_book()
        self._preds: list | None = None

    def after(self, at: int) -> tuple[Any, str] | None:
        """(predicate, role) of the word whose particle starts at ``at``, or None."""
        from kg.extract.ko.frames import predicates

        sentence, tokens = self.sentence, self.tokens
        word_end = sentence.find(" ", at)
        particles = sentence[at : word_end if word_end >= 0 else len(sentence)].rstrip(".,")
        role = self.book.particle_roles.get(particles)
        if role is None:
            return None
        if self._preds is None:
            self._preds = [p for p in predicates(tokens, self.book) if not p.modal and p.voice != "nominal"]
        pred = next((p for p in self._preds if p.start >= at), None)
        if pred is None or any(is_verb(t) for t in tokens if at <= t.start and t.end <= pred.start):
            return None
        return pred, role


# slots whose frames read a company but which as often hold something else: what one
# leads, oversees or takes on (이끌다, 총괄하다, 맡다) is a team, a project or a field
# ("전략 스카우팅을 이끌었다") as often as a company
_LOOSE_SLOTS = frozenset({("work", "patient")})
# the morphemes Kiwi makes an unknown name of: proper and common nouns, noun prefixes, suffixes
_NAME_PIECE_TAGS = ("NNP", "NNG", "XPN", "XSN")


def _read_as_name(word: str, inside: list) -> bool:
    """Whether Kiwi takes ``word`` for a name: proper nouns where it stands (``inside``: its
    morphemes in the sentence), or no word its dictionary knows when read alone."""
    return all(t.tag == "NNP" for t in inside) or _unknown_to_kiwi(word)


@lru_cache(maxsize=4096)
def _unknown_to_kiwi(word: str) -> bool:
    """Whether Kiwi, reading ``word`` alone, finds a word its dictionary lacks in it (its
    out-of-vocabulary flag): "라젠", "루셀토" are; "역할", "호텔", "프로젝트" are not."""
    from kg.loaders.morph import kiwi

    return any(t.oov for t in kiwi().tokenize(word))


class NameDiscovery:
    """Discovery of unknown organizations and people (mixin of ``MentionFinder``)."""

    lex: dict[str, Any]
    state: DocState
    _titles: list
    _title_alt: str
    _title_words: TitleWords
    _non_names: set[str]
    _given_names: frozenset[str]
    _given_syllables: frozenset[str]

    def _ref(self, name: str, type_: str | None = None) -> tuple[str, str, str | None, str] | None:
        raise NotImplementedError

    def _discover_orgs(self, sentence, tokens, free, add) -> None:
        cues = _org_cue_alt(tuple(self.lex["org_cues"]))
        # a quoted name right after or before an organization cue word
        for q in QUOTED.finditer(sentence):
            inner = q.group(1).strip()
            s, e = q.start(1), q.start(1) + len(inner)
            if not free(s, e) or len(inner) < 2 or " " in inner.strip() and len(inner.split()) > 3:
                continue
            before = sentence[max(0, q.start() - 8) : q.start()]
            after = sentence[q.end() : q.end() + 8]
            cue_before, cue_after = _quote_cue_res(cues)
            if not (
                cue_before.search(before)
                or cue_after.match(after)
                or _FOUNDED_AFTER.match(after)
            ):
                continue
            ref = self._ref(inner) or (inner, ORGANIZATION, None, "")
            add(Mention(s, e, ref[0], ref[1], ref[2], ref[3], discovered=ref[2] is None))
            self.state.local_aliases[inner] = ref
        # a proper noun (or Latin name) right after a cue word: "스타트업 트웰브랩스"
        # the cue pattern cannot match where no cue word is written
        has_cue = any(c in sentence for c in self.lex["org_cues"])
        starts = [
            (m.start(1), m.group(1))
            for m in (_cue_re(cues).finditer(sentence) if has_cue else ())
        ]
        # "경쟁사인 A와 B": the names coordinated with the first one after the cue
        coordinated: set[tuple[int, str]] = set()
        for m in _cue_re(cues).finditer(sentence) if has_cue else ():
            pos = m.end(1)
            word = m.group(1)
            while len(starts) < 40:
                c = _NEXT_ITEM.match(sentence, pos)
                if not c or not (word.endswith(("와", "과")) or c.group(1)):
                    break
                word = c.group(2)
                starts.append((c.start(2), word))
                coordinated.add((c.start(2), word))
                pos = c.end(2)
        starts += self._headline_and_suffix_names(sentence, tokens)
        # "㈜X", "(주)X": the corporation mark makes any word after it a company name
        marked = {(m.start(1), m.group(1)) for m in _CORP_MARK.finditer(sentence)}
        starts += sorted(marked)
        for s, word in starts:
            p = particle_at(sentence, s + len(word) - 3) if len(word) > 3 else ""
            name = word
            last = next((t for t in tokens if t.end == s + len(word)), None)
            for cut in range(3, 0, -1):  # the longest particle: "서지와도" is "서지"
                if (
                    len(word) > cut + 1
                    and not (last is not None and last.tag.startswith("NN")
                             and last.start < s + len(word) - cut)
                    and particle_at(sentence, s + len(word) - cut)
                    and particle_at(sentence, s + len(word) - cut) == word[-cut:]
                ):
                    name = word[:-cut]
                    break
            del p
            if name == word:
                name = self._name_tail(sentence, s, name)
            e = s + len(name)
            if not free(s, e) or name in self._non_names or name in self.lex["org_cues"]:
                continue
            tok = next((t for t in tokens if t.start == s), None)
            suffix_ok = any(name.endswith(x) for x in self.lex["org_suffixes"])
            # a coordinated item may be tagged a common noun; the conjunction before it (JC,
            # not the comitative JKB of "A와 협력했다") says it is another name of the list
            joined = (s, word) in coordinated and any(
                t.tag == "JC" and t.end <= s and not sentence[t.end : s].strip() for t in tokens
            )
            tags = ("NNP", "SL", "NNG") if joined else ("NNP", "SL")
            one_word = tok is not None and (tok.end >= e - 1 or _proper_then_pieces(tok, e, tokens))
            if not suffix_ok and (s, word) not in marked and not _coined(name, s, e, tokens) and (
                tok is None or tok.tag not in tags or not one_word
            ):
                continue
            ref = self._ref(name) or (name, ORGANIZATION, None, "")
            add(Mention(s, e, ref[0], ref[1], ref[2], ref[3], discovered=ref[2] is None))
            self.state.local_aliases[name] = ref
            suf = next((x for x in self.lex["coined_org_suffixes"] if name.endswith(x)), None)
            if suf and ref[2] is None and len(name) - len(suf) >= 2:
                self.state.short_names.setdefault(name[: -len(suf)], ref)  # "벼리로보틱스" -> "벼리"

    def _seat_names(self, sentence: str, tokens: list, free, add) -> None:
        """ "갈루리 본사에서", "르비AI 본사를 방문해": the word before 본사 (headquarters) names
        the company whose seat it is, when it reads as a name (a proper noun, a word Kiwi
        lacks, or pieces) and is no place, post or common word ("미국 본사", "서울 본사")."""
        for m in _SEAT.finditer(sentence):
            s, word = m.start(1), m.group(1)
            e = s + len(word)
            if not free(s, e) or word in self.lex["place_names"] or self._cue_or_title(word):
                continue
            inside = [t for t in tokens if s <= t.start < e]
            if not (_LATIN.search(word) or len(inside) >= 2 or _read_as_name(word, inside)):
                continue
            if any(t.tag.startswith(("J", "E", "V", "X", "M")) and t.tag not in ("XSN", "XPN")
                   for t in inside):
                continue  # a particle, an ending or a verb in it: no name
            self.state.local_aliases.setdefault(word, self._add_org(s, word, add))

    def _name_tail(self, sentence: str, s: int, name: str) -> str:
        """``name`` found after a cue word, with the next word when that word (its particle
        cut) is a company-name word (``name_tail_words``): "빅파이어 게임즈는" is one name."""
        e = s + len(name)
        m = _TAIL_WORD.match(sentence, e)
        if m is None:
            return name
        word = m.group(1)
        for cut in (0, 3, 2, 1):
            if cut and not (len(word) > cut + 1 and particle_at(sentence, m.end(1) - cut) == word[-cut:]):
                continue
            head = word[: len(word) - cut]
            tails = self.lex["name_tail_words"]
            if head in tails or any(len(t) >= 3 and head.endswith(t) for t in tails):
                return sentence[s : m.start(1) + len(head)]
        return name

    def _compound_orgs(self, sentence: str, tokens: list, free, add) -> None:
        """Company names longer than the known name they hold, taken before the registry's
        aliases take the shorter one (longest match): a known company's name glued to a
        company-name word ("<known>증권", "<known>그룹"), and a known Latin name glued to
        any other Hangul noun ("<LATIN>에코플랜트"). (A proper noun before a word that ends
        in a suffix, "<proper noun> 파트너스", was tried too and lost on unseen articles.)"""
        heads, any_head, common = _compound_words(*(tuple(self.lex[k]) for k in _COMPOUND_KEYS))
        starts = [t.start for t in tokens]
        for w in _WORD.finditer(sentence):
            s = w.start()
            if not sentence[s].isascii() and not any_head.search(sentence, s, w.end()):
                continue  # neither shape: no Latin piece to open it, no company word in it
            # the word's nouns, without the particle after them: "<known>증권과" is "<known>증권"
            inside = tokens[bisect_left(starts, s) : bisect_left(starts, w.end())]
            while inside and inside[-1].tag.startswith(("J", "S")) and inside[-1].tag != "SL":
                inside.pop()
            if len(inside) < 1 or inside[0].start != s or any(
                    t.tag not in ("NNP", "NNG", "SL") for t in inside):
                continue
            e = inside[-1].end
            name = sentence[s:e]
            first = inside[0]
            glued = first.tag == "SL" and len(inside) >= 2 and first.end == inside[1].start
            # the cheap tests first: most words are neither shape
            if not (glued or name.endswith(heads)) or not free(s, e) or self._ref(name) is not None:
                continue
            found = False
            if glued:
                # "<LATIN><Hangul noun>": a known company's Latin name is the first piece
                rest = sentence[first.end : e]
                ref = self._ref(sentence[s : first.end], ORGANIZATION)
                found = bool(ref and ref[1] == ORGANIZATION and first.form.isupper()
                             and HANGUL.match(rest[0]) and rest not in common and rest not in self._non_names
                             and not rest.endswith(tuple(self._title_words.long)))
            elif name.endswith(heads) and HANGUL.match(name[-1]):
                # "<known><company word>": the longest known company name the word opens with
                for k in range(len(name) - 2, 1, -1):
                    ref = self._ref(name[:k], ORGANIZATION)
                    if ref and ref[1] == ORGANIZATION and name[k:] not in common \
                            and name[k:] not in self._non_names:
                        found = True
                        break
            if found:
                ref = self._ref(name) or (name, ORGANIZATION, None, "")
                add(Mention(s, e, ref[0], ref[1], ref[2], ref[3], discovered=ref[2] is None))
                self.state.local_aliases[name] = ref

    def _headline_and_suffix_names(self, sentence: str, tokens: list) -> list[tuple[int, str]]:
        """Names without a cue word: a proper noun ending in an organization suffix
        ("소망벤처스가"), and the name a headline opens with ("X, 시리즈B 유치")."""
        out = []
        sufs, coined_sufs, non_prefixes = _suffix_tuples(
            *(tuple(self.lex[k]) for k in ("org_suffixes", "coined_org_suffixes", "coined_non_prefixes")))
        for t in tokens:
            # endswith(sufs) tests all the suffixes in C: most proper nouns end in none
            if t.tag == "NNP" and t.form.endswith(sufs) and any(
                t.form.endswith(x) and len(t.form) > len(x) + 1 for x in sufs
            ):
                # the text, not the lemma: Kiwi's form may differ ("도이체 텔레콤" for "도이체텔레콤")
                out.append((t.start, sentence[t.start : t.end]))
        # coined names anywhere: Hangul joined to Latin ("소리AI와"), or a run of noun pieces
        # ending in a company-name word ("두리데이터는")
        for w in _COINED.finditer(sentence):
            word = w.group(1)
            if word.startswith(non_prefixes):
                continue  # "생성형AI", "공공데이터": a kind of thing, not a name
            if HANGUL.match(word[-1]) and not _UPPER.search(word):
                stem = None
                # no prefix of the word ends in a suffix the word does not hold anywhere
                # (most words hold none: tested in C first)
                if any(map(word.__contains__, coined_sufs)):
                    stem = next((word[: len(word) - k] for k in range(0, 4)
                                 if word[: len(word) - k].endswith(coined_sufs)), None)
                if stem is None or stem in coined_sufs:
                    continue  # (tested before the tokens are gathered: most words have no such stem)
                s0, e0 = w.start(1), w.start(1) + len(stem)
                inside = [t for t in tokens if s0 <= t.start < e0]
                if not inside or inside[0].start != s0 or (
                    inside[-1].end != e0 or any(t.tag not in ("NNP", "NNG", "MM", "NNB") for t in inside)
                ):
                    continue
            out.append((w.start(1), word))
        m = _HEADLINE_OPENING.match(sentence)
        if m and ("…" in sentence or not sentence.rstrip().endswith(".")):
            inside = [t for t in tokens if t.start < m.end(1)]
            if inside and (inside[0].tag == "NNP" or _coined(m.group(1), 0, m.end(1), tokens)):
                out.append((0, m.group(1)))
        return out

    def _cue_or_title(self, word: str) -> bool:
        """Whether a word is no word of a name: a title ("이바다 씨", "... 최고기술책임자": the
        honorific or title after a name is no part of it), a cue word or another word the
        lexicon says no name is."""
        lex = self.lex
        return (word in self._non_names or word in lex["org_cues"] or word in lex["person_cues"]
                or word.endswith(self._title_words.long))

    def _name_words(self, words: list[str]) -> bool:
        if not 1 <= len(words) <= 3:
            return False
        # the title reader's own field words; imported here, as base imports this module
        from kg.extract.ko.base import title_field

        if all(title_field(w) is not None for w in words):
            return False  # "헬스케어 프로덕트 총괄 전무": the title's field, not a name before it
        for w in words:
            if not _NAME_WORD.fullmatch(w) or self._cue_or_title(w):
                return False
            titles = self._title_words
            # the front of a title cut off by the word-length limit: "최고기술책임(자)"
            if len(w) >= 3 and (w in titles.hangul_prefixes or w.startswith(titles.hangul)):
                return False
            # a word ending in a particle or verb ending is not part of a name
            given_seo = len(w) == 3 and w[-1] == "서" and w[1] != "에" and w[0] in self.lex["surnames"]
            if len(w) >= 2 and w[-1] in self.lex["non_name_endings"] and not given_seo or "것" in w:
                return False  # "강민서" is a name ("민서"); "전에서" is not
            # a title or person cue with its particle: "박사가", "대표와"
            if len(w) >= 2 and w[-1] in "이가와과도" and (
                w[:-1] in self._non_names or w[:-1] in self.lex["person_cues"]
            ):
                return False
        # inside a name of several words no word ends in a particle: "X과 함께 독자", "마커스
        # 준르렌이 라도의" (이 and 은 after a final consonant, as a subject's and a topic's)
        if len(words) > 1 and any(len(w) >= 2 and (w[-1] in "와과가를을는의" or w.endswith(("에게", "에서"))
                                                  or w[-1] in "이은" and has_final_consonant(w[-2]))
                                  for w in words[:-1]):
            return False
        if len(words) == 1:
            return self._korean_full_name(words[0])
        # a word ending as a company's name does is no word of a person's: "다니엘 프울젠
        # 텍루울그룹 CEO" names the group after the person
        firm_ends = (*self.lex["org_suffixes"], "그룹")
        return not any(w.endswith(firm_ends) and w not in firm_ends for w in words)

    def _discover_people(self, sentence, found, free, add) -> None:
        # the title reader's own field words; imported here, as base imports this module
        from kg.extract.ko.base import title_field

        titles = self._title_alt
        # the patterns below that hold the title alternation cannot match without a title
        # (one search of the alternation, led by a test of the first character: a fifth of
        # the time of testing each of the hundred titles with ``in``)
        has_title = _title_re(titles).search(sentence) is not None
        # "[title]( (ABBR))?(인|이자 ...)? NAME" and "NAME (ORG )?[title]"
        titled, name_titled = _titled_name_res(titles)
        for m in titled.finditer(sentence) if has_title else ():
            words = m.group(1).split(" ")
            for n in range(len(words), 0, -1):
                cand = words[:n]
                last = cand[-1]
                # the longest particle the word ends in: "요나스 벡모프에게" is 벡모프 told to
                p = next((last[-k:] for k in (3, 2, 1)
                          if len(last) > k and particle_at(last, len(last) - k) == last[-k:]), "")
                bare = cand[:-1] + (
                    [last[: -len(p)]] if p and last.endswith(p) and len(last) > len(p) else [last]
                )
                for option in (bare, cand):
                    s = m.start(1)
                    e = s + len(" ".join(option))
                    cut = e < len(sentence) and HANGUL.match(sentence[e]) and not particle_at(sentence, e)
                    if self._name_words(option) and free(s, e) and not cut and \
                            not _common_words_only(sentence, s, e, len(option)):
                        self._add_person(sentence, " ".join(option), s, e, add)
                        break
                else:
                    continue
                break
        # "정하람 박사를": a Korean name before a person cue word
        cue_re = words_pattern(_BEFORE_CUE, cues=_person_cue_alt(tuple(self.lex["person_cues"])))
        has_cue = any(len(c) > 1 and c in sentence for c in self.lex["person_cues"])  # else no match
        for m in ([*cue_re.finditer(sentence)] if has_cue else []) + (
                [*_AFTER_ORIGIN.finditer(sentence)] if "출신" in sentence else []):
            s, e = m.start(1), m.end(1)
            if self._name_words([m.group(1)]) and free(s, e) and self._ref(m.group(1), ORGANIZATION) is None:
                self._add_person(sentence, m.group(1), s, e, add)
        # "연구원 자오성자를": a one-word foreign name Kiwi tags as a proper noun after a title
        title_end = _title_end_re(titles)
        for t in tokenize(sentence) if has_title else ():
            s_, e_ = t.start, t.end
            if t.tag != "NNP" or not ONE_WORD_NAME.fullmatch(t.form) or t.form != sentence[s_:e_]:
                continue
            if e_ < len(sentence) and HANGUL.match(sentence[e_]) and not particle_at(sentence, e_):
                continue
            if not title_end.search(sentence[max(0, s_ - 24) : s_]) or not free(s_, e_):
                continue
            if t.form in self._non_names or self._ref(t.form, ORGANIZATION) is not None:
                continue
            self._add_person(sentence, t.form, s_, e_, add)
        # "NAME [unit words] TITLE": the nearest name-like word up to five words before a title
        for tm in _title_re(titles).finditer(sentence) if has_title else ():
            e = tm.end()
            if e < len(sentence) and HANGUL.match(sentence[e]) and not particle_at(sentence, e):
                continue
            head = sentence[max(0, tm.start() - 80) : tm.start()]
            words = head.split(" ")
            if words[-1] and (len(tm.group(0)) < 3 or not _UNIT_PREFIX.fullmatch(words[-1])):
                continue  # "시스템LSI연구소장" is a title; "회사이사" is not one
            end = tm.start() - len(words[-1]) - 1
            known = False  # the word just skipped was a known name, whatever it ends with
            unread: list[tuple[int, str]] = []  # (start, word) of the words passed that fit no name
            for k in range(6):
                idx = len(words) - 2 - k
                if idx < 0 or (k and not known and CLAUSE_WORD.search(words[idx + 1])):
                    break
                w = words[idx]
                if not w:
                    break
                known = False
                if w.endswith(tuple(self.lex["unit_suffixes"]) + ("부", "단", "국", "처")):
                    continue  # "기획팀", "개발실": a unit, not a name
                if w.endswith(("자", "사")):
                    break  # "소비자", "개발사": a role or kind of company, not a name
                if not w.isascii() and title_field(w) is not None:
                    continue  # "인프라 책임자": the title's field, not a name (a Latin word may be: "SK")
                s_ = end - sum(len(x) + 1 for x in words[idx + 1 : -1]) - len(w)
                if not free(s_, s_ + len(w)):
                    if any(m.type == PERSON and m.start <= s_ < m.end for m in found):
                        break  # the person is named already ("노바텍 김태호 부사장" after "김태호")
                    known = True
                    continue  # a known name ("전 오메가 CEO"): the person is further left
                three = words[idx - 2 : idx + 1]
                if idx >= 2 and self._foreign_name_then_org(sentence, three, s_, free, add):
                    break
                if self._name_words([w]):
                    if s_ == 0 or not is_word(sentence[s_ - 1]):
                        self._add_person(sentence, w, s_, s_ + len(w), add)
                        # (not before a unit's name glued to the title: "어플라이드 AI연구그룹장")
                        if k == 1 and not words[-1] and len(unread) == 1 and self._korean_full_name(w):
                            self._employer_between(sentence, *unread[0], free, add)
                    break
                unread.append((s_, w))
        for m in name_titled.finditer(sentence) if has_title else ():
            words = m.group(1).split(" ")
            for n in range(min(3, len(words)), 1, -1):
                cand = words[-n:]
                if self._name_words(cand):
                    e = m.start(1) + len(m.group(1))
                    s = e - len(" ".join(cand))
                    if (s == 0 or not is_word(sentence[s - 1])) and free(s, e) and \
                            not _common_words_only(sentence, s, e, len(cand)):
                        self._add_person(sentence, " ".join(cand), s, e, add)
                    break

    def _korean_full_name(self, word: str) -> bool:
        """Whether a word is a Korean person's full name, a surname and two syllables of
        Korean given names ("한수지"), and no given name the registry's people are told with."""
        return (len(word) == 3 and word[0] in self.lex["surnames"] and word[1] in self._given_syllables
                and word[2] in self._given_syllables and word not in self._given_names)

    def _frame_slot_names(self, sentence, tokens, free, add) -> None:
        """ "라젠은 ... 박사를 CTO로 영입했다", "준달에 합류해", "루셀토로 자리를 옮긴다": a word
        with the particle of a role that a trigger's frames give only to organizations (the
        hirer's, the company joined), standing where no reader found a name, is one. The
        roles and their types come from the frame book and the relations' argument types."""
        slots = _Slots(sentence, tokens)
        org_roles = _roles_only_of(ORGANIZATION)
        for j, particle_token in enumerate(tokens):
            # a word of noun morphemes ending in a particle: "라젠은", "준달에", "루셀토로"
            if j == 0 or not particle_token.tag.startswith("J"):
                continue
            s_, e_ = sentence.rfind(" ", 0, particle_token.start) + 1, particle_token.start
            k = j
            while k > 0 and tokens[k - 1].start >= s_ and tokens[k - 1].tag in _NAME_PIECE_TAGS:
                k -= 1
            if k == j or tokens[k].start != s_:
                continue
            name = sentence[s_:e_]
            if not 2 <= len(name) <= 8 or not all(map(HANGUL.match, name)) or not free(s_, e_):
                continue
            slot = slots.after(e_)
            if slot is None:
                continue
            pred, role = slot
            if (pred.cls.name, pred.voice, role) not in org_roles or (pred.cls.name, role) in _LOOSE_SLOTS:
                continue
            if self._cue_or_title(name) or name in self.lex["org_anaphora"] or self._ref(name, PERSON):
                continue
            if self._korean_full_name(name) or name in slots.book.company_nouns:
                continue
            if not _read_as_name(name, tokens[k:j]):
                continue
            self.state.local_aliases.setdefault(name, self._add_org(s_, name, add))

    def _frame_slot_people(self, sentence, tokens, free, add) -> None:
        """ "레일라 보보가 설립한 스타트업", "마야 쿤비루를 영입했다": two Hangul words ending in
        the particle of a role that a trigger's frames give only to people (the founder of a
        startup, who is hired, joins or leaves), standing where no reader found a name, are
        a foreign person's given name and surname. (One word there may be a post or a
        group, "연구원을 영입했다"; two name-shaped words are a name.)"""
        slots = _Slots(sentence, tokens)
        # (and the founder: a company founds units too, "카카오가 설립한 연구소", but not under
        # a two-word name of a person's shape)
        person_roles = _roles_only_of(PERSON) | {("found", "active", "agent")}
        for j, particle_token in enumerate(tokens):
            if j == 0 or not particle_token.tag.startswith("J"):
                continue
            e_ = particle_token.start
            s_ = sentence.rfind(" ", 0, sentence.rfind(" ", 0, e_)) + 1
            words = sentence[s_:e_].split(" ")
            if len(words) != 2 or not all(2 <= len(w) <= 4 and all(map(HANGUL.match, w)) for w in words):
                continue
            if not free(s_, e_) or any(t.tag not in _NAME_PIECE_TAGS for t in tokens if s_ <= t.start < e_):
                continue
            slot = slots.after(e_)
            if slot is None or (slot[0].cls.name, slot[0].voice, slot[1]) not in person_roles:
                continue
            if any(self._cue_or_title(w) or w in slots.book.company_nouns or self._korean_full_name(w)
                   for w in words):
                continue
            name = sentence[s_:e_]
            if self._org_shaped(name) or self._ref(name, ORGANIZATION) or not self._name_words(words):
                continue
            second = s_ + len(words[0]) + 1
            spans = ((s_, second - 1), (second, e_))
            pieces = [[t for t in tokens if a <= t.start < b] for a, b in spans]
            if not all(len(p) >= 2 or _read_as_name(w, p) for w, p in zip(words, pieces, strict=True)):
                # "절반 가까이가 떠났다": words of the dictionary, each one morpheme; a foreign
                # name Kiwi reads as a proper noun, a word it lacks, or pieces ("레일"+"라")
                continue
            self._add_person(sentence, name, s_, e_, add)

    def _owner_of_unit(self, sentence: str, tokens: list, free, add) -> None:
        """ "국부펀드 달준의 자회사 헥렉": a word in the genitive before 자회사, 계열사, 모회사
        is a company (what owns a subsidiary is one), when it is a name to Kiwi: proper
        nouns in the sentence, or no word it knows alone ("이 회사의 자회사" is none)."""
        for m in _OWNER_OF_UNIT.finditer(sentence):
            word, start = m.group(1), m.start(1)
            end = start + len(word)
            if not free(start, end) or self._cue_or_title(word) or self._ref(word, PERSON) is not None:
                continue
            if word in self.lex["org_anaphora"] or self._korean_full_name(word):
                continue
            if _read_as_name(word, [t for t in tokens if t.start < end and start < t.end]):
                self.state.local_aliases.setdefault(word, self._add_org(start, word, add))

    def _employer_before_title(self, sentence: str, tokens: list, found: list[Mention], free, add) -> None:
        """ "준도 CEO 마커스 노텍은": the one word right before a title that stands right
        before a person's name is the organization the title is held at, when it is a name
        (no title, cue or person, not common nouns only to Kiwi) and starts the sentence or
        follows a space."""
        before = _word_title_before_name(self._title_alt)
        for p in found:
            if p.type != PERSON:
                continue
            m = before.search(sentence, max(0, p.start - 40), p.start)
            if m is None:
                continue
            word, start = m.group(1), m.start(1)
            if not self._employer_word(sentence, start, word, free):
                continue
            if HANGUL.match(word):
                # a name to Kiwi ("투자하면서 CEO NAME" is a verb's, "당시 CEO NAME" an adverb's)
                inside = [t for t in tokens if t.start < start + len(word) and start < t.end]
                if not _read_as_name(word, inside):
                    continue
            elif word.isupper() and len(word) <= 3:
                continue  # "AI 엔지니어 NAME": a field of the title, not a company
            self._add_org(start, word, add)

    def _employer_between(self, sentence: str, start: int, word: str, free, add) -> None:
        """ "한수지 리갈시 대표": the one word between a Korean person's full name and a title
        is the organization the title is held at, when it is a name and not made of common
        nouns only to Kiwi (a Korean name, unlike a foreign given name, says little of the
        word after it): a Korean name is one word, so the word after it starts no second name."""
        if self._employer_word(sentence, start, word, free) and \
                not _common_words_only(sentence, start, start + len(word), 2):
            self._add_org(start, word, add)

    def _employer_word(self, sentence: str, start: int, word: str, free) -> bool:
        """Whether the word at ``start``, between a person's name and a title, can name the
        organization the title is held at: a word of Hangul or a Latin name (with a
        company word glued to it or not), free, and no title, cue or person."""
        end = start + len(word)
        latin = _LATIN_FIRM_WORD.fullmatch(word)
        # (the Hangul glued to a Latin name is part of the name, not a particle: "CEO와" is none)
        named = bool(_NAME_WORD.fullmatch(word)) or (
            latin is not None and not particle_at(word, latin.start(1)))
        return (named and free(start, end) and not self._cue_or_title(word)
                and self._ref(word, PERSON) is None)

    def _add_org(self, start: int, name: str, add) -> tuple[str, str, str | None, str]:
        """Add the organization ``name`` written at ``start`` (the registry's, else a new
        one) and return its reference."""
        ref = self._ref(name, ORGANIZATION) or (name, ORGANIZATION, None, "")
        add(Mention(start, start + len(name), *ref, discovered=ref[2] is None))
        return ref

    def _foreign_name_then_org(self, sentence: str, words: list[str], org_start: int, free, add) -> bool:
        """ "루카스 렌토 모비라 CEO": a given name the registry's people are told with, a
        family name, then the word before the title, which a Korean name would also fit
        ("모비라": 모 is a surname). A foreign name told in full comes first and its
        employer after it, as in "사티아 나델라 마이크로소프트 CEO": the two words are the
        person and the third the organization. Whether the reading was made."""
        given, family, org = words
        start = org_start - len(family) - len(given) - 2
        if given not in self._given_names or start < 0 or not self._name_words([given, family]):
            return False
        if (start and is_word(sentence[start - 1])) or not free(start, org_start - 1):
            return False
        if self._ref(family, ORGANIZATION) is not None:
            return False
        if not self._employer_word(sentence, org_start, org, free):
            return False
        self._add_person(sentence, f"{given} {family}", start, org_start - 1, add)
        self._add_org(org_start, org, add)
        return True

    def _add_person(self, sentence, text, s, e, add) -> None:
        ref = self._ref(text, PERSON)
        if ref is None:
            if text in self.state.local_aliases:
                ref = self.state.local_aliases[text]
            else:
                ref = (text, PERSON, None, "person")
        add(Mention(s, e, ref[0], ref[1], ref[2], ref[3], discovered=ref[2] is None))
        self._remember_person(text, ref[0], ref[2])

    def _remember_person(self, ko_name: str, name: str, id_: str | None, titled_only: bool = False) -> None:
        """Short forms for later back-references; a registry name's short form only with a
        title after it ("왕 CEO"), since its bare surname may be another word."""
        words = ko_name.split()
        if len(words) >= 2:
            if not titled_only:
                self.state.titled_only.discard(words[-1])
            elif words[-1] not in self.state.people:
                self.state.titled_only.add(words[-1])
            self.state.people[words[-1]] = (name, id_)
        elif len(ko_name) == 3:
            if titled_only and ko_name[0] not in self.state.people:
                self.state.titled_only.add(ko_name[0])
            elif not titled_only:
                self.state.titled_only.discard(ko_name[0])
            self.state.people[ko_name[0]] = (name, id_)  # "류 부사장"
        self.state.local_aliases.setdefault(ko_name, (name, PERSON, id_, "person"))

    def _backrefs(self, sentence, found, free, add) -> None:
        titles = self._title_alt
        for short, (name, id_) in self.state.people.items():
            if short not in sentence:
                continue
            follow = _backref_follow(titles, short in self.state.titled_only and len(short) < 3)
            for s, e in _name_then(sentence, short, follow):
                if free(s, e):
                    add(Mention(s, e, name, PERSON, id_, "person", discovered=id_ is None, anaphoric=True))
        for short, ref in self.state.short_names.items():
            if short not in sentence:
                continue
            # "벼리의 로봇", "벼리 측은": a coined name shortened to its first part
            for s, e in _name_then(sentence, short, _SHORT_NAME_FOLLOW):
                if free(s, e):
                    add(Mention(s, e, ref[0], ref[1], ref[2], ref[3], discovered=True))
        if not enabled("coreference"):
            return  # descriptions ("이 회사", "이 연구소") resolve to nothing
        # (each phrase tested in C first: most sentences hold none of the twenty-odd phrases)
        for phrase in filter(sentence.__contains__, self.lex["unit_anaphora"]):
            for s in occurrences(sentence, phrase):
                e = s + len(phrase)
                if free(s, e) and self.state.last_units and (s == 0 or not is_word(sentence[s - 1])):
                    u = self.state.last_units[-1]
                    add(Mention(s, e, u.name, u.type, u.id, u.kind, u.discovered, anaphoric=True))
        for phrase in filter(sentence.__contains__, self.lex["org_anaphora"]):
            if " " not in phrase and phrase not in ("동사", "同社"):
                continue  # bare "회사" is too vague to resolve on its own
            for s in occurrences(sentence, phrase):
                e = s + len(phrase)
                if free(s, e) and (s == 0 or not is_word(sentence[s - 1])):
                    org = self._demonstrative_antecedent(phrase, s, found)
                    last = self.state.last_orgs[-1] if self.state.last_orgs else None
                    org = org or self.state.topic or last
                    if org is not None:
                        add(
                            Mention(
                                s, e, org.name, org.type, org.id, org.kind, org.discovered, anaphoric=True
                            )
                        )

    def _demonstrative_antecedent(self, phrase: str, at: int, found: list[Mention]) -> Mention | None:
        """The organization a demonstrative description ("이 회사", "해당 기업", "이 스타트업")
        points back to: the one named last before it, in its own sentence or the ones before.

        A demonstrative picks up the company just introduced ("A는 B에 투자했다. 이 회사는
        ..." is B), while the bare word ("회사는", "회사 측은", "동사는") stays with the company the
        story is about (the topic). An organization the sentence itself names elsewhere is not
        the antecedent: "이 회사가 A의 서비스를 맡는다" does not say A serves A. Units ("이
        연구소") have their own description words and are left out.
        """
        if not phrase.startswith(("이 ", "해당 ")):
            return None
        here = [m for m in found if m.type == ORGANIZATION and m.kind not in ("media", "unit")]
        before = [m for m in here if m.end <= at]
        if before:
            return before[-1]
        named = {m.key for m in here}
        listed = self.state.listed_orgs
        earlier = [m for m in self.state.last_orgs
                   if m.kind != "unit" and m.key not in named and id(m) not in listed]
        return earlier[-1] if earlier else None

    def _list_items(self, sentence, tokens, found, free, add) -> None:
        """Discover the unknown members of a list whose other members are known names.

        Items are separated by commas, middle dots or bullets (▲, △); a list counts when
        one of its items is exactly a known mention (or it is a bulleted list, or a
        parenthesized list after a head count "N명(...)"), and every discovered item
        must look like a name: one to three words, no particle or verb ending, no
        digits, not a common noun of the lexicon.
        """
        pair = _BRIEF_PAIR.match(sentence)
        if pair and "=" in sentence and (sentence.rstrip().endswith("=") or all(
            sentence.find(n, sentence.find("=")) > 0 for n in pair.groups()
        )):
            # "▲A·B, 공동 개발 = A와 B는 ...": the two names of a brief item's headline
            for k in (1, 2):
                ref = self._ref(pair.group(k)) or (pair.group(k), ORGANIZATION, None, "")
                if ref[1] != ORGANIZATION:
                    continue
                for at in occurrences(sentence, pair.group(k)):
                    end = at + len(pair.group(k))
                    if free(at, end):
                        add(Mention(at, end, ref[0], ref[1], ref[2], ref[3], discovered=True))
                self.state.local_aliases.setdefault(pair.group(k), ref)
        seps = list(_LIST_SEPARATOR.finditer(sentence))
        if len(seps) < 1:
            return
        bounds = [0] + [x for m in seps for x in (m.start(), m.end())] + [len(sentence)]
        segs = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
        # (▲ and △ mark the items of a list alike: "참여한 기업은 △A △B △C 등이다")
        bullets = sentence.count("▲") + sentence.count("△") >= 2
        people_list = _HEAD_COUNT_LIST.search(sentence)
        exact = {(m.start, m.end): m for m in found}
        items: list[tuple[int, int, bool]] = []  # (start, end, last item of its run)
        for i, (a, b) in enumerate(segs):
            if people_list is not None and a < people_list.start(1) < b:
                a = people_list.start(1)  # the first name in "8명(A·B·C)"
            elif i == 0 and not (bullets and sentence[a:b].strip() == ""):
                # the first item is the known name the opening text ends with: "시장이 A, B, C의"
                head = next((m for m in found if m.start >= a and (
                    m.end == b or _GLOSS_AFTER.fullmatch(sentence, m.end, b))), None)
                if head is not None and len(segs) > 1:
                    items.append((head.start, b, False))
                continue
            text = sentence[a:b]
            last = i == len(segs) - 1 or not _SHORT_ITEM.fullmatch(text)
            if last:
                # the fewest words that end before a particle: "C의 3파전으로" is "C"
                m = next(filter(None, (pattern.match(text) for pattern in _LAST_ITEM)), None)
                if not m:
                    continue
                b = a + m.end(1)
            items.append((a, b, last))
        # a sentence may hold several lists ("A, B, C 등 16개 계열사가 ... 인재 확보, 연구·개발
        # 등에"): each run of items up to its last is judged on its own
        runs: list[list[tuple[int, int, bool]]] = [[]]
        for item in items:
            runs[-1].append(item)
            if item[2]:
                runs.append([])
        for run in runs:
            if run:
                self._list_run(sentence, run, found, exact, bullets, people_list, free, add)

    def _list_run(self, sentence, items, found, exact, bullets, people_list, free, add) -> None:
        """Discover the unknown members of one run of list items (see :meth:`_list_items`)."""
        known = [(a, b) for a, b, _ in items if (a, b) in exact or any(
            m.start == a and m.end >= b - 1 and m.end <= b for m in found)]
        types = [exact[k].type for k in known if k in exact]
        in_people = people_list is not None
        # "A, B, C 등 세계적 투자사가 참여했다", "A, B 등으로부터 투자를 유치했다": what the list
        # ends in says its members are companies (or backers), known or not
        kinds = (*self.lex["org_cues"], *self.lex["relations"]["INVESTED_IN"]["investor_nouns"])
        firms = bool(known or bullets) or (items[-1][2] and bool(
            _firm_list_end(kinds).match(sentence, items[-1][1])))
        if not known and not bullets and not in_people and not firms:
            return
        for a, b, _last in items:
            if people_list is not None and people_list.start(1) <= a < people_list.end(1):
                type_ = PERSON
            elif known or bullets or firms:
                type_ = max(set(types), key=types.count) if types else ORGANIZATION
            else:
                continue
            name = sentence[a:b].strip()
            name = _TRAILING_DEUNG.sub("", name)
            b = a + len(name)
            if type_ == PERSON and self._org_shaped(name):
                type_ = ORGANIZATION  # "A, 제프 베조스, 아크 인베스트(ARK Invest)": a firm's name
            if not self._listable(name, type_) or not free(a, b):
                continue
            ref = self._ref(name, type_) or self.state.local_aliases.get(name) or (
                name, type_, None, "person" if type_ == PERSON else "")
            add(Mention(a, b, ref[0], ref[1], ref[2], ref[3], discovered=ref[2] is None))
            if ref[1] == PERSON:
                self._remember_person(name, ref[0], ref[2])
            else:
                self.state.local_aliases.setdefault(name, ref)

    def _org_shaped(self, name: str) -> bool:
        return org_shaped(name, self.lex)

    def _listable(self, name: str, type_: str) -> bool:
        """Whether a list item looks like a proper name rather than a common noun."""
        words = name.split()
        if not 1 <= len(words) <= 3 or len(name) < 2 or len(name) > 24:
            return False
        if _NOT_IN_NAME.search(name):
            return False
        # a kind word may end a firm's name after a name of its own ("파크웨이 벤처캐피털")
        kind_ends = len(words) > 1 and type_ == ORGANIZATION and words[-1] in self.lex["org_suffixes"]
        if any((w in self._non_names or w in self.lex["org_cues"]) and not (kind_ends and k == len(words) - 1)
               for k, w in enumerate(words)):
            return False
        if any(w.endswith(tuple(self.lex["list_noun_endings"])) for w in words):
            return False
        last = words[-1]
        if HANGUL.match(last[-1]) and len(last) >= 2 and last[-1] in self.lex["non_name_endings"]:
            return bool(type_ == ORGANIZATION and any(name.endswith(x) for x in self.lex["org_suffixes"]))
        return True

