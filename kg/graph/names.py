"""Names across scripts: is a Hangul name a rendering of a Latin one?

Korean news writes foreign names in Hangul, and not always the same way:
Mercor is 머코르, 머코어 or 머커; Shengjia Zhao is 셩지아 자오 or, family name
first, 자오성자; Andrej Karpathy is 안드레 카파시. Two kinds of names, two rules:

* **Foreign names** (loanword transcription). Both sides are reduced to a
  *consonant skeleton* in one small alphabet: vowels carry little signal
  across the two spelling systems (Mercor's "er" is 머's ㅓ), consonants carry
  most of it. English consonants that Korean transcription drops or adds
  cost less: a coda r ("Mercor" → 머코어, but also 머코르), h, a trailing l,
  th ↔ ㅅ, soft g ↔ ㅈ. The score is one minus the weighted edit distance over
  the longer skeleton, taken over every order of the Latin name's words.
* **Korean personal names** (a surname syllable and a given name of one or
  two syllables, like 김민수). They are romanized, not transcribed, so they
  match a Latin name only when that name is one of their romanizations
  (Revised Romanization and the common older spellings: Kim Min-su, Minsoo
  Kim, Lee/Yi/Rhee, Park/Pak ...). This keeps two people with the same
  surname and given-name initial apart (김민수 is not Kim Minseo).

Only names in different scripts are compared: two Hangul names, or two
Latin ones, are the same entity only when they fold to the same key.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

#: Below this, a pair is not reported (``kg entities --duplicates``).
CANDIDATE_SCORE = 0.75
#: At or above this, the resolver takes a transliteration as the same entity.
MATCH_SCORE = 0.8
#: A best match must beat the runner-up (another entity) by this much.
MATCH_MARGIN = 0.05
# the caches of one name's parts: a run's names that recur are few and hot, the rest are met
# once; an LRU of this size keeps the hot ones, and memory stays flat over an archive
PER_NAME_CACHE = 1 << 12

_HANGUL_BASE, _HANGUL_LAST = 0xAC00, 0xD7A3
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = ["", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ",
           "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"]

# Revised Romanization, letter by letter (no sound-change rules: names are
# spelled syllable by syllable more often than not).
_RR_INITIAL = dict(zip(_INITIALS, ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "",
                                   "j", "jj", "ch", "k", "t", "p", "h"], strict=True))
_RR_MEDIAL = dict(zip(_MEDIALS, ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
                                 "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"], strict=True))
_RR_FINAL = {"": "", "ㄱ": "k", "ㄲ": "k", "ㄳ": "k", "ㄴ": "n", "ㄵ": "n", "ㄶ": "n", "ㄷ": "t",
             "ㄹ": "l", "ㄺ": "k", "ㄻ": "m", "ㄼ": "l", "ㄽ": "l", "ㄾ": "l", "ㄿ": "p", "ㅀ": "l",
             "ㅁ": "m", "ㅂ": "p", "ㅄ": "p", "ㅅ": "t", "ㅆ": "t", "ㅇ": "ng", "ㅈ": "t", "ㅊ": "t",
             "ㅋ": "k", "ㅌ": "t", "ㅍ": "p", "ㅎ": "t"}

# The consonant-skeleton alphabet: K (ㄱㅋㄲ k c q g), T (ㄷㅌㄸ t d), P (ㅂㅍㅃ p b f v),
# S (ㅅㅆ s z sh), J (ㅈㅊㅉ j ch zh), L (ㄹ l r), M, N, G (the ng of 셩/"Sheng"), H.
_SK_INITIAL = dict(zip(_INITIALS, "K K N T T L M P P S S _ J J J K T P H".split(), strict=True))
_SK_FINAL = {"": "", "ㄱ": "K", "ㄲ": "K", "ㄳ": "K", "ㄴ": "N", "ㄵ": "N", "ㄶ": "N", "ㄷ": "T",
             "ㄹ": "L", "ㄺ": "LK", "ㄻ": "LM", "ㄼ": "LP", "ㄽ": "L", "ㄾ": "L", "ㄿ": "P", "ㅀ": "L",
             "ㅁ": "M", "ㅂ": "P", "ㅄ": "P", "ㅅ": "T", "ㅆ": "T", "ㅇ": "G", "ㅈ": "T", "ㅊ": "T",
             "ㅋ": "K", "ㅌ": "T", "ㅍ": "P", "ㅎ": "T"}

# Edit costs between skeleton letters: what transcription commonly changes is cheap.
_CHEAP_SUBSTITUTIONS = {frozenset(p) for p in ("TS", "KJ", "SJ", "NG", "KG", "TJ")}
_CHEAP_INDELS = {"L": 0.5, "H": 0.5}

# Korean surnames (the common ones cover nearly every name in the news), with
# their usual romanizations beyond Revised Romanization.
_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"), "이": ("lee", "yi", "rhee", "i", "ri"), "박": ("park", "pak", "bak"),
    "최": ("choi", "choe", "chey"), "정": ("jung", "jeong", "chung", "joung"),
    "강": ("kang", "gang"), "조": ("cho", "jo", "joe"), "윤": ("yoon", "yun"),
    "장": ("jang", "chang"), "임": ("lim", "im", "yim"), "한": ("han",), "오": ("oh", "o"),
    "서": ("seo", "suh", "so"), "신": ("shin", "sin"), "권": ("kwon", "gwon"),
    "황": ("hwang",), "안": ("ahn", "an"), "송": ("song",), "류": ("ryu", "yoo", "yu", "ryoo"),
    "유": ("yoo", "yu"), "전": ("jeon", "jun", "chun"), "홍": ("hong",), "고": ("ko", "go"),
    "문": ("moon", "mun"), "양": ("yang",), "손": ("son", "sohn"), "배": ("bae", "pae"),
    "백": ("baek", "paik", "baik"), "허": ("heo", "huh", "hur"), "남": ("nam",),
    "노": ("noh", "roh", "no"), "하": ("ha",), "곽": ("kwak", "gwak"), "성": ("sung", "seong"),
    "차": ("cha",), "주": ("joo", "ju", "chu"), "우": ("woo", "u"), "구": ("koo", "gu", "ku"),
    "민": ("min",), "진": ("jin", "chin"), "나": ("na", "ra"), "엄": ("um", "eom"),
    "채": ("chae",), "원": ("won",), "천": ("cheon", "chun"), "방": ("bang", "pang"),
    "공": ("kong", "gong"), "현": ("hyun", "hyeon"), "함": ("ham",), "변": ("byun", "byeon"),
    "염": ("yeom", "yum"), "여": ("yeo", "yuh"), "추": ("choo", "chu"), "도": ("do", "doh"),
    "소": ("so",), "석": ("seok", "suk"), "선": ("sun", "seon"), "설": ("seol", "sul"),
    "마": ("ma",), "길": ("gil", "kil"), "연": ("yeon", "yun"), "위": ("wi", "wee"),
    "표": ("pyo",), "명": ("myung", "myeong"), "기": ("ki", "gi"), "반": ("ban", "pan"),
    "왕": ("wang",), "금": ("keum", "geum"), "옥": ("ok",), "육": ("yook", "yuk"),
    "인": ("in",), "맹": ("maeng",), "제": ("je",), "모": ("mo",), "탁": ("tak",),
}
# Looser spellings of syllable parts seen in given names (Min-soo, Hyun-woo, Ji-hoon).
_INITIAL_VARIANTS = {"g": ("g", "k"), "d": ("d", "t"), "b": ("b", "p"), "j": ("j", "ch"),
                     "r": ("r", "l"), "s": ("s", "sh")}
_MEDIAL_VARIANTS = {"eo": ("eo", "u", "o"), "u": ("u", "oo"), "eu": ("eu", "u"), "yeo": ("yeo", "yo", "yu"),
                    "ae": ("ae", "ai", "e"), "oe": ("oe", "oi"), "ui": ("ui", "ee", "i"), "i": ("i", "ee"),
                    "o": ("o", "oh"), "yu": ("yu", "you")}
_FINAL_VARIANTS = {"ng": ("ng",), "k": ("k", "g"), "t": ("t", "d"), "p": ("p", "b"), "l": ("l", "r")}


# Patterns the name comparisons use, compiled once: the resolver compares every new name
# with the names of its block, and looking each pattern up in re's cache at every comparison
# was a twentieth of its time.
_DOUBLED = re.compile(r"(.)\1+")
_WORD_BREAK = re.compile(r"[\s\-‐·・.,'’()]+")
_NOT_LOWER = re.compile(r"[^a-z]")
_LATIN_RUN = re.compile(r"[A-Za-z0-9]+")
_NOT_LATIN_OR_DIGIT = re.compile(r"[^A-Za-z0-9]")
_VOWEL_GROUP = re.compile(r"[aeiou]+|y(?![aeiou])")
_FIRST_VOWEL_AND_NEXT = re.compile(r"[aeiouy](.?)")
_TWO_CONSONANTS = re.compile(r"[^aeiouy]{2}")
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_SPACES = re.compile(r"\s+")
_CAMEL_JOINT = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NOT_LATIN = re.compile(r"[^A-Za-z]")
_LATIN_CHAR = re.compile(r"[A-Za-z]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_VOWEL = re.compile(r"[aeiouy]")


# --- scripts and romanization ------------------------------------------------

def _is_syllable(ch: str) -> bool:
    return _HANGUL_BASE <= ord(ch) <= _HANGUL_LAST


# The resolver asks these of every candidate name for every new name: a
# character class is several times faster than a loop over the characters.
_HANGUL_SYLLABLE = re.compile("[\uac00-\ud7a3]")  # _HANGUL_BASE.._HANGUL_LAST
# The characters whose lower case lies between "a" and "z": ASCII letters,
# İ (U+0130, "i̇") and the Kelvin sign (U+212A, "k").
_LATIN_LETTER = re.compile("[A-Za-z\u0130\u212a]")


def has_hangul(text: str) -> bool:
    return _HANGUL_SYLLABLE.search(text) is not None


def has_latin(text: str) -> bool:
    return _LATIN_LETTER.search(text) is not None


def _jamo(ch: str) -> tuple[str, str, str]:
    n = ord(ch) - _HANGUL_BASE
    return _INITIALS[n // 588], _MEDIALS[(n % 588) // 28], _FINALS[n % 28]


def has_final_consonant(ch: str) -> bool:
    """Whether a Hangul syllable ends in a consonant (has a 받침): "렌" does, "라" and any
    character not a syllable do not. The particle after a word follows it (이/가, 은/는)."""
    return _is_syllable(ch) and _jamo(ch)[2] != _FINALS[0]


def romanize(text: str) -> str:
    """Hangul in Revised Romanization, letter by letter; other characters kept.

    >>> romanize("머코르 김민수")
    'meokoreu gimminsu'
    """
    out = []
    for ch in text:
        if _is_syllable(ch):
            i, m, f = _jamo(ch)
            out.append(_RR_INITIAL[i] + _RR_MEDIAL[m] + _RR_FINAL[f])
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=16384)  # the names of a block are folded again for every new name compared
def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


# --- consonant skeletons ------------------------------------------------------

_VOWELS = set("aeiouy")
# Latin letter groups, longest first, to skeleton letters.
_LATIN_GROUPS: tuple[tuple[str, str], ...] = (
    ("tch", "J"), ("sch", "S"), ("ng", "G"), ("wh", ""), ("tz", "J"), ("sh", "S"), ("ch", "J"),
    ("zh", "J"), ("th", "S"),
    ("ph", "P"), ("ck", "K"), ("qu", "K"), ("gh", ""), ("x", "KS"), ("c", "K"), ("k", "K"), ("q", "K"),
    ("g", "K"), ("t", "T"), ("d", "T"), ("p", "P"), ("b", "P"), ("f", "P"), ("v", "P"), ("s", "S"),
    ("z", "S"), ("j", "J"), ("l", "L"), ("r", "L"), ("m", "M"), ("n", "N"), ("h", "H"),
)


@lru_cache(maxsize=PER_NAME_CACHE)
def _latin_word_skeleton(word: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        if ch in _VOWELS or ch == "w" or not ch.isalpha():
            i += 1
            continue
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if ch == "j" and not nxt and i and word[i - 1] in _VOWELS:
            i += 1  # a glide: "Andrej" is 안드레(이)
            continue
        if ch == "r" and nxt not in _VOWELS:
            i += 1  # non-rhotic: "Mercor" is 머코어 as often as 머코르
            continue
        if ch == "c" and nxt in ("e", "i", "y"):
            out.append("S")  # "Cerebras" 세레브라스
            i += 1
            continue
        if ch == "n" and nxt in ("k", "c", "q"):
            out.append("G")  # "Bank" 뱅크: a velar n is ㅇ
            i += 1
            continue
        if ch == "g" and nxt in ("e", "i", "y"):
            out.append("J")  # "Gemini" 제미나이 (cheap to K for "Geoffrey" 제프리/"Google")
            i += 1
            continue
        for group, letters in _LATIN_GROUPS:
            if word.startswith(group, i):
                out.append(letters)
                if group == "ng" and i + 2 < len(word) and word[i + 2] in _VOWELS:
                    out.append("K")  # "Singapore" 싱가포르
                i += len(group)
                break
        else:
            i += 1
    return _collapse("".join(out))


@lru_cache(maxsize=PER_NAME_CACHE)
def _hangul_word_skeleton(word: str) -> str:
    out: list[str] = []
    for ch in word:
        if _is_syllable(ch):
            i, _, f = _jamo(ch)
            if i != "ㅇ":
                out.append(_SK_INITIAL[i])
            out.append(_SK_FINAL[f])
        elif ch.isascii() and ch.isalpha():
            out.append(_latin_word_skeleton(ch.lower()))
    return _collapse("".join(out))


def _collapse(skeleton: str) -> str:
    """Doubled letters once: 일론 has ㄹ twice where "Elon" has one l."""
    return _DOUBLED.sub(r"\1", skeleton)


@lru_cache(maxsize=PER_NAME_CACHE)
def _words(name: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD_BREAK.split(name) if w)


@lru_cache(maxsize=16384)
def skeletons(name: str) -> frozenset[str]:
    """The consonant skeletons of a name: one per order of its words (at most
    four words are permuted; "Shengjia Zhao" also reads "Zhao Shengjia")."""
    words = _words(name)
    if not words:
        return frozenset()
    hangul = has_hangul(name)
    parts = [_hangul_word_skeleton(w) if hangul else _latin_word_skeleton(_ascii(w)) for w in words]
    if len(parts) > 4 or hangul:
        # A Hangul rendering keeps its own order; the Latin side is permuted.
        return frozenset({_collapse("".join(parts))})
    return frozenset(_collapse("".join(p)) for p in itertools.permutations(parts))


# each skeleton letter's cheap substitutes (the pairs of _CHEAP_SUBSTITUTIONS from either side)
_CHEAP_PARTNERS: dict[str, frozenset[str]] = {
    letter: frozenset(other for pair in _CHEAP_SUBSTITUTIONS if letter in pair for other in pair - {letter})
    for pair in _CHEAP_SUBSTITUTIONS for letter in pair
}


def _distance(a: str, b: str) -> float:
    """Weighted edit distance between two skeletons.

    (Each letter's costs are looked up once per row or column, not at each cell: the
    resolver computes this for every pair of skeletons of a block, and making a
    frozenset per cell to test a cheap substitution was most of it.)"""
    indels_b = [_CHEAP_INDELS.get(ch, 1.0) for ch in b]
    prev = [0.0]
    for cost in indels_b:
        prev.append(prev[-1] + cost)
    for ca in a:
        indel_a = _CHEAP_INDELS.get(ca, 1.0)
        cheap = _CHEAP_PARTNERS.get(ca, frozenset())
        cur = [prev[0] + indel_a]
        for j, cb in enumerate(b, 1):
            sub = 0.0 if ca == cb else 0.5 if cb in cheap else 1.0
            cur.append(min(prev[j - 1] + sub, prev[j] + indel_a, cur[j - 1] + indels_b[j - 1]))
        prev = cur
    return prev[-1]


# Skeletons are short strings of ten letters: different names share them, so the
# resolver meets the same two skeletons again and again (about half the time).
@lru_cache(maxsize=1 << 16)
def skeleton_similarity(a: str, b: str) -> float:
    """1 for equal skeletons, 0 for nothing in common; short skeletons must be equal."""
    if not a or not b:
        return 0.0
    longest = max(len(a), len(b))
    cost = _distance(a, b)
    if longest <= 2 and cost > 0:
        return 0.0  # two consonants leave no room for error ("MK": Mercor, but also Mark)
    return max(0.0, 1.0 - cost / longest)


# --- Korean personal names ------------------------------------------------------

def korean_person_name(name: str) -> bool:
    """True for a name like 김민수: a known surname syllable and one or two more."""
    compact = name.replace(" ", "")
    return (2 <= len(compact) <= 4 and all(_is_syllable(c) for c in compact)
            and compact[0] in _SURNAMES and " " not in name.strip())


def _syllable_spellings(ch: str) -> set[str]:
    i, m, f = _jamo(ch)
    initial, medial, final = _RR_INITIAL[i], _RR_MEDIAL[m], _RR_FINAL[f]
    return {a + b + c
            for a in _INITIAL_VARIANTS.get(initial, (initial,))
            for b in _MEDIAL_VARIANTS.get(medial, (medial,))
            for c in _FINAL_VARIANTS.get(final, (final,))}


@lru_cache(maxsize=4096)
def korean_name_romanizations(name: str) -> frozenset[str]:
    """Folded Latin spellings of a Korean personal name, surname first or last.

    >>> "minsookim" in korean_name_romanizations("김민수")
    True
    """
    compact = name.replace(" ", "")
    surnames = set(_SURNAMES.get(compact[0], ())) | _syllable_spellings(compact[0])
    given = {"".join(p) for p in itertools.product(*(_syllable_spellings(c) for c in compact[1:]))}
    return frozenset({s + g for s in surnames for g in given} | {g + s for s in surnames for g in given})


def _fold_latin(name: str) -> str:
    return _NOT_LOWER.sub("", _ascii(name))


# --- comparing two names ----------------------------------------------------------

@lru_cache(maxsize=1 << 16)
def similarity(a: str, b: str, *, person: bool = False) -> float:
    """How likely two names in different scripts name the same thing, 0..1.

    Names in the same script score 0 here (their equality is the registry's
    folding). For people (``person``), a Korean personal name scores 1
    against its romanizations and 0 against anything else, and the words of
    a foreign name may come in either order (자오성자 is Zhao Shengjia).
    """
    hangul_a, hangul_b = has_hangul(a), has_hangul(b)
    if hangul_a == hangul_b:
        return 0.0
    hangul, latin = (a, b) if hangul_a else (b, a)
    if has_hangul(latin) or not has_latin(latin):
        return 0.0
    if person and korean_person_name(hangul):
        return 1.0 if _fold_latin(latin) in korean_name_romanizations(hangul.strip()) else 0.0
    return _transcription_score(hangul.strip(), latin.strip(), person)


# Company-form words (and "AI") that Korean copy leaves out or keeps in Latin.
_LEGAL_FORMS = {"inc", "corp", "corporation", "co", "ltd", "llc", "pbc", "gmbh", "ag", "sa", "plc",
                "company", "ai"}


def _latin_words(latin: str, hangul: str) -> list[str] | None:
    """The words of a Latin name that Hangul would transcribe: company forms
    and words the Hangul name also writes in Latin ("AI" in 스케일AI) dropped;
    None when a word is an acronym (AMD is 에이엠디, spelled out, not transcribed)."""
    kept_latin = {w.casefold() for w in _LATIN_RUN.findall(hangul)}
    words = []
    for word in _words(latin):
        plain = _NOT_LATIN_OR_DIGIT.sub("", word)
        if not plain or plain.casefold() in _LEGAL_FORMS or plain.casefold() in kept_latin:
            continue
        if (plain.isupper() and len(plain) > 1) or not plain.isalpha():  # (ASCII letters and digits)
            return None
        words.append(plain)
    return words


@lru_cache(maxsize=65536)
def _vowel_groups(word: str) -> int:
    return len(_VOWEL_GROUP.findall(_ascii(word)))


_FIRST_VOWEL = {  # a Hangul vowel and the Latin vowel letters that it transcribes first
    "ㅏ": "aoiy", "ㅐ": "ae", "ㅑ": "aiy", "ㅒ": "aey", "ㅓ": "eoua", "ㅔ": "ea", "ㅕ": "eiy", "ㅖ": "eay",
    "ㅗ": "oau",
    "ㅘ": "aouw", "ㅙ": "aw", "ㅚ": "oew", "ㅛ": "oy", "ㅜ": "uow", "ㅝ": "ouw", "ㅞ": "ew",
    "ㅟ": "iuw", "ㅠ": "uye", "ㅡ": "aeiouy", "ㅢ": "ie", "ㅣ": "iey",
}


def _first_vowels_agree(hangul: str, latin: str) -> bool:
    syllables = _HANGUL_SYLLABLE.findall(hangul)
    plain = _ascii(latin)
    m = _FIRST_VOWEL_AND_NEXT.search(plain)
    if not syllables or not m:
        return True
    cluster = _cluster_syllables(syllables)
    if cluster:
        # 스, 크, 프: the vowel-less syllables Korean writes for a consonant cluster ("Spark"
        # 스파크, "Krafton" 크래프톤), or for a first vowel i or e that it hardly sounds
        # ("Zhipu" 즈푸, "Renesas" 르네사스). Else the name is no such name: 스푼 is not
        # Sapien, and after a cluster the vowel to compare is the next syllable's (스푼랩스
        # is not SparkLabs). The Latin's first vowel group is read whole: "Friendli" 프렌들리.
        if m[0][0] in "ie":
            return True
        if _TWO_CONSONANTS.match(plain) is None:
            return False
        medial = _jamo(syllables[cluster])[1]
        group = _VOWEL_RUN.match(plain[m.start():])
        if medial in "ㅘㅙㅚㅝㅞㅟ" and (group and group[0][0] == "u" or "w" in plain[:m.start()]):
            return True  # "Square" 스퀘어, "Swift" 스위프트: qu and w are the glide
        return any(v in _FIRST_VOWEL.get(medial, "aeiouy") for v in (group[0] if group else m[0][0]))
    medial = _jamo(syllables[0])[1]
    if plain[:1] in "wy" and medial in _GLIDES[plain[0]]:
        return True  # "Waymo" 웨이모, "Yann" 얀
    if medial == "ㅓ" and m[0] == "ir":
        return True  # "Firm" 펌, "Bird" 버드
    return m[0][0] in _FIRST_VOWEL.get(medial, "aeiouy")


_GLIDES = {"w": "ㅘㅙㅚㅝㅞㅟㅜㅗ", "y": "ㅑㅒㅕㅖㅛㅠㅣ"}


def _cluster_syllables(syllables: list[str]) -> int:
    """How many of a Hangul name's first syllables are ㅡ with no final consonant (스, 트,
    크): what Korean writes for the consonants of a cluster, before a syllable with a vowel
    of its own (one at least is left to compare)."""
    n = 0
    while n + 1 < len(syllables) and _jamo(syllables[n])[1:] == ("ㅡ", ""):
        n += 1
    return n


# How Korean spells Latin letters out: AMD is 에이엠디, LG is 엘지, IBM is 아이비엠.
_LETTER_NAMES = {
    "A": ("에이",), "B": ("비",), "C": ("씨", "시"), "D": ("디",), "E": ("이",), "F": ("에프",),
    "G": ("지", "쥐"), "H": ("에이치", "에치"), "I": ("아이",), "J": ("제이",), "K": ("케이",),
    "L": ("엘",), "M": ("엠",), "N": ("엔",), "O": ("오",), "P": ("피",), "Q": ("큐",),
    "R": ("알", "아르"), "S": ("에스",), "T": ("티",), "U": ("유",), "V": ("브이",),
    "W": ("더블유",), "X": ("엑스",), "Y": ("와이",), "Z": ("지", "제트", "젯"),
}


def spelled_out(hangul: str, acronym: str) -> bool:
    """True when ``hangul`` spells ``acronym`` letter by letter (에이엠디 = AMD)."""
    text = _SPACES.sub("", hangul)
    letters = [c for c in acronym.upper() if c.isalpha()]
    if not letters or not text:
        return False

    def rest(i: int, j: int) -> bool:
        if j == len(letters):
            return i == len(text)
        return any(text.startswith(name, i) and rest(i + len(name), j + 1)
                   for name in _LETTER_NAMES.get(letters[j], ()))
    return rest(0, 0)


@lru_cache(maxsize=PER_NAME_CACHE)
def _camel_words(name: str) -> str:
    """"GitHub" reads as "Git Hub", "OpenAI" as "Open AI": each part is transcribed alone."""
    return _CAMEL_JOINT.sub(" ", name)


@lru_cache(maxsize=65536)
def _transcription_score(hangul: str, latin: str, person: bool) -> float:
    latin_keys = {w.casefold() for w in _LATIN_RUN.findall(_camel_words(latin))}
    if any(w.casefold() not in latin_keys | {"ai"} for w in _LATIN_RUN.findall(hangul)):
        return 0.0  # Latin the Hangul name writes must be in the other name (SK스퀘어 is not Sequoia)
    plain = _NOT_LATIN.sub("", latin)
    if plain.isupper() and 1 < len(plain) <= 6:
        return 1.0 if spelled_out(_LATIN_CHAR.sub("", hangul), plain) else 0.0
    words = _latin_words(_camel_words(latin), hangul)
    if not words:
        return 0.0
    hangul_only = _LATIN_RUN.sub("", hangul)
    if not _may_start_alike(hangul_only, words if person else words[:1]):
        return 0.0
    if all(len(w) == 1 for w in words):
        # Single letters are spelled out: xAI is 엑스AI, X Corp. is 엑스.
        return 1.0 if spelled_out(hangul_only, "".join(words)) else 0.0
    # "AI" on one side only (서지 for Surge AI) is likely, not certain.
    has_ai = [any(w.casefold() == "ai" for w in _LATIN_WORD.findall(_camel_words(n)))
              for n in (hangul, latin)]
    penalty = 0.1 if has_ai[0] != has_ai[1] else 0.0
    hangul_words = [w for w in _words(_LATIN_RUN.sub(" ", hangul)) if has_hangul(w)]
    if len(hangul_words) > len(words):
        penalty += 0.1 * (len(hangul_words) - len(words))  # a Hangul word with no Latin word
    syllables = len(_HANGUL_SYLLABLE.findall(hangul))
    # Transcription adds syllables (Mercor 머코르), it hardly ever drops a vowel.
    if syllables < sum(_vowel_groups(w) for w in words):
        return 0.0
    orders = itertools.permutations(words) if person and len(words) <= 4 else [tuple(words)]
    best = 0.0
    for order in orders:
        if len(hangul_words) == len(order) > 1:
            # Word by word: each Hangul word must render its Latin word.
            scores = [_word_score(h, w) for h, w in zip(hangul_words, order, strict=True)]
            score = sum(scores) / len(scores) if min(scores) >= 0.7 else 0.0
        else:
            score = _word_score("".join(hangul_words), "".join(order))
        best = max(best, score)
    return max(0.0, best - penalty)


def _may_start_alike(hangul: str, first_words: list[str]) -> bool:
    """A quick test that the Hangul name could begin like one of ``first_words``:
    the same or a cheaply changed first consonant (what ``_word_score`` requires)."""
    head = _hangul_word_skeleton(hangul.lstrip()[:2])[:1]
    if not head:
        return True
    for word in first_words:
        if len(word) == 1:
            return True  # a spelled-out letter: no transcription to compare
        first = _latin_word_skeleton(_ascii(word))[:1]
        if not first or first == head or first in _CHEAP_PARTNERS.get(head, ()):
            return True
    return False


def _word_score(hangul: str, latin: str) -> float:
    a = _hangul_word_skeleton(hangul)
    folded = _ascii(latin)
    b = _latin_word_skeleton(folded)
    latin_vowel_first = folded[:1] in "aeiouyw"
    if _is_syllable(hangul[:1]) and (_jamo(hangul[0])[0] == "ㅇ") != latin_vowel_first:
        return 0.0  # a name that starts with a vowel starts with ㅇ (포스텍 is not Upstage)
    if a and b and a[0] != b[0] and b[0] not in _CHEAP_PARTNERS.get(a[0], ()):
        return 0.0  # transcription keeps a name's first consonant (오라클 is not Google)
    if not _first_vowels_agree(hangul, latin):
        return 0.0  # nor its first vowel, loosely (머코르 is not Micro1 or Micron)
    return skeleton_similarity(a, b)


@dataclass(frozen=True)
class NameMatch:
    """The best candidate for a name, with the names that matched and the score."""

    key: str
    name: str
    matched: str
    score: float


def best_match(name: str, candidates: Iterable[tuple[str, Iterable[str]]], *, person: bool = False,
               threshold: float = MATCH_SCORE, margin: float = MATCH_MARGIN) -> NameMatch | None:
    """The one candidate (key, its names) whose names best transliterate ``name``.

    None when no candidate reaches ``threshold``, or when another candidate
    comes within ``margin`` of the best: an ambiguous rendering is left
    alone rather than guessed.
    """
    scored: dict[str, tuple[float, float, str]] = {}  # key -> (rank, score, matched name)
    for key, names in candidates:
        for other in names:
            score = similarity(name, other, person=person)
            if score <= 0:
                continue
            # Between equal scores, prefer the name whose vowels the rendering's syllables
            # follow (그레이록 is Greylock rather than Groq).
            rank = score - 0.05 * _syllable_gap(name, other)
            if rank > scored.get(key, (-1.0, 0.0, ""))[0]:
                scored[key] = (rank, score, other)
    ranked = sorted(scored.items(), key=lambda kv: -kv[1][0])
    if not ranked or ranked[0][1][1] < threshold:
        return None
    if len(ranked) > 1 and ranked[1][1][0] > ranked[0][1][0] - margin:
        return None
    key, (_, score, matched) = ranked[0]
    return NameMatch(key, name, matched, score)


def _syllable_gap(a: str, b: str) -> int:
    """How far a Hangul name's syllables (less the epenthetic ㅡ ones) are from
    the Latin name's vowel groups."""
    hangul, latin = (a, b) if has_hangul(a) else (b, a)
    syllables = sum(1 for c in hangul if _is_syllable(c) and _jamo(c)[1] != "ㅡ")
    return abs(syllables - sum(_vowel_groups(w) for w in _words(latin)))


# --- blocking: which names could score above zero at all ----------------------------
#
# ``similarity`` is a few dozen microseconds per pair and the resolver would
# compare every new name with every stored one. The keys below are necessary
# conditions of a positive score, read off the rules above: a pair of names
# scores more than 0 only if a key of the Hangul name is *compatible* with a
# key of the Latin name (``compatible_latin_keys``), so a resolver that
# compares only such pairs finds every candidate the exhaustive comparison
# finds (``kg.graph.blocking``). A change to the rules above must keep them
# necessary; ``tests/graph/test_blocking.py`` checks every pair of many names.
#
# Keys are tuples whose first item says which rule they stand for:
#   ("p", first and last letter)  a Korean personal name and its romanizations;
#   ("w", token)                  Latin letters or digits a Hangul name writes itself
#                                 (SK스퀘어): the Latin name has the token;
#   ("a", Hangul text)            an acronym or single letters spelled out (에이엠디, 엑스);
#   ("s", consonant, onset, vowel, count)  a transcription: the first consonant (what
#                                 ``_may_start_alike`` compares; "*" for any), whether the
#                                 name starts with a vowel, its first vowel (what
#                                 ``_word_score`` and ``_first_vowels_agree`` compare) and
#                                 the count of Hangul syllables, or of the Latin name's vowel
#                                 groups, that ``_transcription_score`` compares (capped).

BlockKey = tuple[str, ...]

_SKELETON_LETTERS = "KTPSJLMNGH"
_ANY = "*"
# Syllables and vowel groups are counted up to this: a name has fewer more often than not.
_COUNT_CAP = 12
# A Latin word's first vowel as _first_vowels_agree reads it: (w/y glide, vowel, "ir" possible).
_LATIN_VOWELS: tuple[tuple[str, str, bool], ...] = tuple(
    (glide, vowel, ir) for glide in ("", "w", "y") for vowel in "aeiouy"
    for ir in ((False, True) if vowel == "i" else (False,)))


def _vowels_agree(medial: str, vowel: tuple[str, str, bool] | str) -> bool:
    """``_first_vowels_agree`` on the parts a key keeps."""
    if vowel == _ANY:
        return True
    glide, letter, ir = vowel
    if glide and medial in _GLIDES[glide]:
        return True
    if medial == "ㅓ" and ir:
        return True
    return letter in _FIRST_VOWEL.get(medial, "aeiouy")


def _consonants_near(letter: str) -> tuple[str, ...]:
    """The first consonants ``_may_start_alike`` lets pair with ``letter`` (any, for "*")."""
    if letter == _ANY:
        return (*_SKELETON_LETTERS, _ANY)
    return (letter, *(other for other in _SKELETON_LETTERS if other in _CHEAP_PARTNERS.get(letter, ())),
            _ANY)


_MEDIALS_FOR_VOWEL = {vowel: tuple(m for m in _MEDIALS if _vowels_agree(m, vowel))
                      for vowel in (*_LATIN_VOWELS, _ANY)}
_VOWELS_FOR_MEDIAL = {m: (*(v for v in _LATIN_VOWELS if _vowels_agree(m, v)), _ANY) for m in _MEDIALS}
_LATIN_ONSETS = {"o": ("v",), "c": ("c",), _ANY: ("v", "c")}  # Hangul onset -> Latin ones
_HANGUL_ONSETS = {"v": ("o", _ANY), "c": ("c", _ANY)}  # Latin onset -> Hangul ones


def _spellings(letters: str) -> set[str]:
    """Every Hangul spelling of Latin letters that ``spelled_out`` accepts."""
    names = [_LETTER_NAMES.get(c, ()) for c in letters.upper() if c.isalpha()]
    if not names:
        return set()
    return {"".join(parts) for parts in itertools.product(*names)}


def _korean_name_ends(name: str) -> set[str]:
    """The first and last letters of ``korean_name_romanizations(name)``, without listing them."""
    compact = name.replace(" ", "")
    surnames = set(_SURNAMES.get(compact[0], ())) | _syllable_spellings(compact[0])
    firsts = _syllable_spellings(compact[1])
    lasts = _syllable_spellings(compact[-1])
    return ({s[0] + g[-1] for s in surnames for g in lasts}
            | {g[0] + s[-1] for g in firsts for s in surnames})


def _latin_vowel(word: str) -> tuple[str, str, bool] | str:
    low = word.lower()
    found = _VOWEL.search(low)
    if found is None:
        return _ANY  # the first vowel is in a later word, or there is none
    i = found.start()
    # "ir" (펌 for "Firm") also when the next word begins with r, once the words are joined.
    ir = low[i] == "i" and (i + 1 == len(low) or low[i + 1] == "r")
    return (low[0] if low[0] in "wy" else "", low[i], ir)


@lru_cache(maxsize=PER_NAME_CACHE)
def hangul_block_keys(name: str, *, person: bool = False) -> frozenset[BlockKey]:
    """The blocking keys of a Hangul name (see above)."""
    if person and korean_person_name(name):
        return frozenset(("p", ends) for ends in _korean_name_ends(name.strip()))
    text = name.strip()
    tokens = [t.casefold() for t in _LATIN_RUN.findall(text) if t.casefold() != "ai"]
    if tokens:
        return frozenset({("w", tokens[0])})
    keys: set[BlockKey] = set()
    spelled = _SPACES.sub("", _LATIN_CHAR.sub("", text))
    if spelled:
        keys.add(("a", spelled))
    hangul_only = _LATIN_RUN.sub("", text)
    head = _hangul_word_skeleton(hangul_only.lstrip()[:2])[:1] or _ANY
    words = [w for w in _words(_LATIN_RUN.sub(" ", text)) if has_hangul(w)]
    if words:
        first = words[0]
        onset = ("o" if _jamo(first[0])[0] == "ㅇ" else "c") if _is_syllable(first[0]) else _ANY
        medial = _jamo(next(c for c in first if _is_syllable(c)))[1]
        syllables = min(_COUNT_CAP, sum(1 for c in text if _is_syllable(c)))
        keys.add(("s", head, onset, medial, syllables))
    return frozenset(keys)


@lru_cache(maxsize=PER_NAME_CACHE)
def latin_block_keys(name: str, *, person: bool = False) -> frozenset[BlockKey]:
    """The blocking keys of a Latin name (see above); none for a name no Hangul name matches."""
    if has_hangul(name) or not has_latin(name):
        return frozenset()
    keys: set[BlockKey] = set()
    if person and (folded := _fold_latin(name)):
        keys.add(("p", folded[0] + folded[-1]))
    text = name.strip()
    keys.update(("w", t.casefold()) for t in _LATIN_RUN.findall(_camel_words(text)))
    plain = _NOT_LATIN.sub("", text)
    if plain.isupper() and 1 < len(plain) <= 6:
        keys.update(("a", s) for s in _spellings(plain))
        return frozenset(keys)
    # A Hangul name with keys of kind "s" writes no Latin but "AI", a company form:
    # the words are those of any such name.
    words = _latin_words(_camel_words(text), "")
    if not words:
        return frozenset(keys)
    if all(len(w) == 1 for w in words):
        keys.update(("a", s) for s in _spellings("".join(words)))
        return frozenset(keys)
    consonants = set()
    for word in words if person else words[:1]:
        first = _latin_word_skeleton(_ascii(word))[:1]
        consonants.add(first if len(word) > 1 and first else _ANY)
    leads = words if person and len(words) <= 4 else words[:1]  # the words an order can start with
    starts = {("v" if w[0].lower() in "aeiouyw" else "c", _latin_vowel(w)) for w in leads}
    groups = min(_COUNT_CAP, sum(_vowel_groups(w) for w in words))
    keys.update(("s", c, onset, vowel, groups) for c in consonants for onset, vowel in starts)
    return frozenset(keys)


def compatible_latin_keys(key: BlockKey) -> Iterable[BlockKey]:
    """The keys of Latin names that a Hangul name's ``key`` may pair with."""
    if key[0] != "s":
        return (key,)
    _, head, onset, medial, syllables = key
    # Transcription hardly drops a vowel: the Latin name has at most as many vowel groups.
    return [("s", c, o, v, n) for c in _consonants_near(head) for o in _LATIN_ONSETS[onset]
            for v in _VOWELS_FOR_MEDIAL[medial] for n in range(syllables + 1)]


def compatible_hangul_keys(key: BlockKey) -> Iterable[BlockKey]:
    """The keys of Hangul names that a Latin name's ``key`` may pair with."""
    if key[0] != "s":
        return (key,)
    _, first, onset, vowel, groups = key
    return [("s", c, o, m, n) for c in _consonants_near(first) for o in _HANGUL_ONSETS[onset]
            for m in _MEDIALS_FOR_VOWEL[vowel] for n in range(groups, _COUNT_CAP + 1)]
