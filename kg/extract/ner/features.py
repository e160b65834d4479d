"""Features of a token in its sentence, for the CRF.

The features describe what a name looks like (shape, script, affixes, part of
speech) and where it stands (neighbouring words and tags, cue words such as
titles, "스타트업", "startup", "said", the sentence's end) rather than which
name it is: training swaps names, so the weights that matter are the
contextual ones. One feature says whether the words are a registry name.

Every token has each feature of a template that takes a value everywhere, and the
tagger's cost grows with the features it is handed: for Korean, templates whose
weights were small (a constant "bias", the token's position from the sentence start,
the shape of the words two away) are left out (``_FULL_TEMPLATES``), about 4 fewer
per token with no loss on the development and training articles. English keeps
them: without them it lost recall on the synthetic articles.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from kg.extract.ner.tokens import Token
from kg.graph.names import has_hangul
from kg.graph.registry import default_registry, fold

MAX_NAME_TOKENS = 8  # longest registry name the gazetteer looks for, in tokens


@cache
def cues(lang: str) -> dict[str, frozenset[str]]:
    """Cue word classes of a language (``data/cues.json``)."""
    data = json.loads(resources.files("kg.extract.ner").joinpath("data/cues.json").read_text("utf-8"))
    return {name: frozenset(words) for name, words in data[lang].items()}


@cache
def _cue_index(lang: str) -> dict[str, tuple[str, ...]]:
    """Word (as written, and lower-cased for English) -> the cue classes it belongs to."""
    index: dict[str, list[str]] = {}
    for name, words in sorted(cues(lang).items()):
        if name == "surname":
            continue  # a prefix test, not a word test
        for word in words:
            keys = {word, word.lower()} if lang == "en" and name not in ("first_name", "not_name") else {word}
            for key in keys:
                index.setdefault(key, []).append(name)
    return {word: tuple(dict.fromkeys(names)) for word, names in index.items()}


@cache
def gazetteer(lang: str) -> dict[str, str]:
    """Folded registry name -> entity type ("ORG"/"PER"); Korean text also carries English names."""
    out: dict[str, str] = {}
    for alias in default_registry().aliases():
        if alias.weak or (lang == "en" and alias.lang != "en"):
            continue
        key = fold(alias.text)
        if len(key) >= 2:
            out.setdefault(key, "ORG" if alias.entity.type == "Organization" else "PER")
    return out


@cache
def _longest_key(lang: str) -> int:
    return max(map(len, gazetteer(lang)), default=0)


@cache
def _key_prefixes(lang: str) -> dict[str, str]:
    """Every prefix of every gazetteer key, the empty one too -> the key's entity type when
    the prefix is a key itself, else ""."""
    names = gazetteer(lang)
    prefixes = {key[:k]: "" for key in names for k in range(len(key))}
    prefixes.update(names)
    return prefixes


@cache
def _key_starts(lang: str) -> frozenset[str]:
    """The first two characters of every gazetteer key (keys have two or more)."""
    return frozenset(key[:2] for key in gazetteer(lang))


# Over text made only of these characters, fold() works character by character
# (NFKC leaves them alone and composes none of them with a neighbour): ASCII
# letters and digits and Hangul syllables fold to themselves in lower case,
# ASCII punctuation and spaces and the typographic quotes and dashes of news
# copy to nothing. The fold of any span of such text is then a slice of the
# sentence's fold, which is far cheaper than folding every span of up to
# MAX_NAME_TOKENS tokens at every token.
_PLAIN_KEPT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                        + "".join(map(chr, range(0xAC00, 0xD7A4))))
_PLAIN_DROPPED = frozenset(
    [chr(c) for c in range(0x80) if not chr(c).isalnum()] + list("\u2018\u2019\u201c\u201d\u00b7\u2014\u2013")
)


def _fold_index(text: str) -> tuple[str, list[int], list[int]]:
    """The fold of ``text``'s plain characters, and for each offset x the length of that
    fold up to x and the number of other characters up to x."""
    folded: list[str] = []
    lengths, others = [0], [0]
    kept = other = 0
    for ch in text:
        if ch in _PLAIN_KEPT:
            folded.append(ch.lower())
            kept += 1
        elif ch not in _PLAIN_DROPPED:
            other += 1
        lengths.append(kept)
        others.append(other)
    return "".join(folded), lengths, others


def gazetteer_tags(tokens: list[Token], text: str, lang: str) -> list[str]:
    """B-/I- tags of registry names in the sentence (longest match first), "" elsewhere.

    Names are matched on the text the tokens cover, folded, so "스케일 AI" and
    "스케일AI" match the same entry whatever Kiwi makes of them.
    """
    names = gazetteer(lang)
    longest = _longest_key(lang)
    tags = [""] * len(tokens)
    if not tokens:
        return tags
    # only the sentence's own stretch of ``text`` (which may be a whole document) is indexed
    lo = tokens[0].start
    starts_at = [t.start - lo for t in tokens]
    ends_at = [t.end - lo for t in tokens]
    folded, lengths, others = _fold_index(text[lo : lo + max(ends_at)])
    starts = _key_starts(lang)
    count = len(tokens)
    i = 0  # the first token not inside a name found already
    if others[-1] == 0:
        # no character of the stretch folds in context (most sentences): every span is
        # plain, so only a token where a key starts with the fold's next two characters
        # can start a name, and spans are tried from the shortest up while their fold is
        # the start of a key: most stop at one or two tokens instead of trying all eight
        # from the longest down (the tags cost a sixth less)
        prefixes = _key_prefixes(lang)
        for candidate in [j for j, start in enumerate(starts_at)
                          if folded[lengths[start] : lengths[start] + 2] in starts]:
            if candidate < i:
                continue
            i = candidate
            at = lengths[starts_at[i]]
            matched, found = 0, ""
            for n in range(1, min(MAX_NAME_TOKENS, count - i) + 1):
                kind = prefixes.get(folded[at : lengths[ends_at[i + n - 1]]])
                if kind is None:
                    break  # no key starts so: none of the longer spans is a key
                if kind:
                    matched, found = n, kind  # a longer one may match still
            if matched:
                tags[i] = f"B-{found}"
                for k in range(i + 1, i + matched):
                    tags[k] = f"I-{found}"
            i += matched or 1
        return tags
    for candidate in range(count):
        if candidate < i:
            continue
        i = candidate
        start = starts_at[i]
        at = lengths[start]
        # no key starts with the fold's next two characters: only spans that hold a
        # character folded in context (the longest ones, if any) can still match
        plain_may_match = folded[at : at + 2] in starts
        longest_span = min(MAX_NAME_TOKENS, count - i)
        if not plain_may_match and others[ends_at[i + longest_span - 1]] == others[start]:
            continue  # the longest span is plain, so all are: none can match
        matched = 0
        for n in range(longest_span, 0, -1):
            end = ends_at[i + n - 1]
            if others[end] != others[start]:
                key = fold(text[start + lo : end + lo])  # a character fold() may change with its neighbours
            elif not plain_may_match:
                break  # shorter spans end earlier: they are plain too
            elif lengths[end] - at > longest:
                continue
            else:
                key = folded[at : lengths[end]]
            kind = names.get(key)
            if kind:
                tags[i] = f"B-{kind}"
                for k in range(i + 1, i + n):
                    tags[k] = f"I-{kind}"
                matched = n
                break
        i += matched or 1
    return tags


def _shape(form: str) -> str:
    """Character classes with runs collapsed: "Zentrix" -> "Xx", "GPT-4" -> "X-d", "박서준" -> "가"."""
    out = []
    for ch in form:
        if "가" <= ch <= "힣":
            c = "가"
        elif ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


_LATIN = re.compile(r"[A-Za-z]")


def _script(form: str) -> str:
    hangul = has_hangul(form)
    latin = _LATIN.search(form) is not None
    if hangul and latin:
        return "mixed"
    if hangul:
        return "hangul"
    if latin:
        return "latin"
    if any(ch.isdigit() for ch in form):
        return "digit"
    return "other"


_LENGTHS = ("0", "1", "2", "3", "4", "5")


def _length(form: str) -> str:
    return _LENGTHS[min(len(form), 5)]


_PUNCT_TAGS = frozenset({"SF", "SP", "SSO", "SSC", "SE", "SO", "SW"})


class _Trailing(dict[str, bool]):
    """Kiwi tag -> whether a token of it trails a word (particles, endings, suffixes other
    than the noun suffix, punctuation), worked out once per tag."""

    def __missing__(self, tag: str) -> bool:
        value = self[tag] = tag[:1] in ("J", "E", "X") and tag != "XSN" or tag in _PUNCT_TAGS
        return value


_TRAILING = _Trailing()


def _korean_words(tokens: list[Token], text: str) -> list[str]:
    """For each token, the space-delimited word (eojeol) it is in, without trailing particles
    and endings: Kiwi cuts an unknown name into pieces ("퀀텀" "리프"), the word keeps it whole."""
    if not tokens:
        return []
    out = [""] * len(tokens)
    # the last token of each word: the next one starts after it ends (a comprehension over
    # the gaps, then a step per word, and a tag's test looked up: a fifth less time than
    # stepping token by token)
    lasts = [j for j, (a, b) in enumerate(zip(tokens, tokens[1:], strict=False)) if b.start > a.end]
    lasts.append(len(tokens) - 1)
    trailing = _TRAILING
    i = 0
    for j in lasts:
        k = j
        while k > i and trailing[tokens[k].tag]:
            k -= 1
        out[i : k + 1] = [text[tokens[i].start : tokens[k].end]] * (k + 1 - i)
        i = j + 1
    return out


# A feature is a str, or when the tagger is handed the features (``encoded``) the UTF-8
# bytes of it: crfsuite takes attribute names as bytes and encodes every str it is
# given, at every sentence; bytes made once per word are handed over as they are.
Feature = str | bytes


class AttributeKeys:
    """The names a model's attributes go by in a tagger that loaded them renamed (see
    ``kg.extract.ner.recognizer``): passed as ``encoded``, each feature the model knows
    is handed over as its attribute's name there, any other as its UTF-8 bytes, which
    that tagger does not know either. Compared and hashed by identity, like a model."""

    __slots__ = ("_names",)

    def __init__(self, names: dict[str, bytes]) -> None:
        self._names = names

    def __call__(self, feature: str) -> bytes:
        return self._names.get(feature) or feature.encode()


Encoding = bool | AttributeKeys  # False: str features; True: their UTF-8 bytes


def _key(feature: str, encoded: Encoding) -> Feature:
    """What the tagger is handed for ``feature``."""
    if encoded is True:
        return feature.encode()
    return encoded(feature) if encoded else feature


def _encode(feats: tuple[str, ...], encoded: Encoding) -> tuple[Feature, ...]:
    if not encoded:
        return feats
    return tuple(map(str.encode if encoded is True else encoded, feats))  # map and filter below: loops in C


@dataclass(slots=True)
class _Word:
    """What the features say of one token form, whatever its sentence: worked out once
    per (form, tag), since the same words come back in every sentence. (Not frozen: a
    frozen dataclass sets each field through object.__setattr__, which made building
    one cost as much as its features; nothing changes one once made.)"""

    w: str
    t: str
    cue: tuple[str, ...]
    head: tuple[Feature, ...]  # "bias" (English), then the token's own features, in order
    cues: tuple[Feature, ...]  # "cue=..." features
    surname: bool  # a Korean noun of 2-4 syllables that starts with a surname
    particle: Feature | None  # "particle_next=..." for the token before, when this is a particle
    # the features this word gives a token two before it, one before, one after, two after
    before2: tuple[Feature, ...]
    before1: tuple[Feature, ...]
    after1: tuple[Feature, ...]
    after2: tuple[Feature, ...]
    # with a model's attributes: word before -> its "w-1|w=..." feature, word after -> its
    # "w|w+1=..." feature, for the pairs the model knows (None: it knows none with this word)
    left_pairs: dict[str, Feature] | None = None
    right_pairs: dict[str, Feature] | None = None
    # most tokens are in no registry name and not at a sentence's end: for them, the
    # features from ``head`` to the surname's in order ("gz=O" and no "end=...") made
    # once (Korean; None elsewhere), and ``before1``/``after1`` with the "gz=O" of the
    # word they follow or precede
    plain_head: tuple[Feature, ...] | None = None
    before1_plain: tuple[Feature, ...] = ()
    after1_plain: tuple[Feature, ...] = ()
    # "cue_before=..." ("cue_after=...") of a token that has this cue word alone up to
    # four tokens before (after) it
    cues_before: tuple[Feature, ...] = ()
    cues_after: tuple[Feature, ...] = ()


@cache
def _known_word_pairs(known: frozenset[str], encoded: Encoding
                      ) -> tuple[dict[str, dict[str, Feature]], dict[str, dict[str, Feature]]]:
    """({word: {word before: "w-1|w=..."}}, {word: {word after: "w|w+1=..."}}) for the word
    pairs ``known`` holds: a model knows a few hundred, so most words have none and the
    two strings need not be made at each of their tokens.

    A word may hold "|" itself, so every split of a known feature is a key: the feature
    made from a pair (A, B) is in ``known`` exactly when B -> A (A -> B) is a key."""
    left: dict[str, dict[str, Feature]] = {}
    right: dict[str, dict[str, Feature]] = {}
    for name, side in (("w-1|w=", left), ("w|w+1=", right)):
        for feature in sorted(f for f in known if f.startswith(name)):
            rest = feature[len(name):]
            encoded_feature = _key(feature, encoded)
            cut = rest.find("|")
            while cut >= 0:
                first, second = rest[:cut], rest[cut + 1:]
                if side is left:
                    left.setdefault(second, {})[first] = encoded_feature
                else:
                    right.setdefault(first, {})[second] = encoded_feature
                cut = rest.find("|", cut + 1)
    return left, right


@cache
def _known_index(known: frozenset[str], encoded: Encoding) -> dict[str, dict[str, Feature]]:
    """A model's attributes by feature name and value: "sh" -> {"Xx": "sh=Xx", ...}.

    No feature name holds "=" (a value may), so ``f"{name}={value}"`` is in ``known``
    exactly when ``index[name][value]`` is: a new word's features are looked up by their
    values instead of each being made as a string, looked up and encoded."""
    index: dict[str, dict[str, Feature]] = {}
    for feature in known:
        name, sep, value = feature.partition("=")
        if sep:
            index.setdefault(name, {})[value] = _key(feature, encoded)
    return index


_NONE: dict[str, Feature] = {}
# languages whose tokens also have "bias", "pos" and the shape of the words two away
_FULL_TEMPLATES = frozenset({"en"})
_OWN = ("w", "t", "sh", "sc", "len", "p1", "p2", "s1", "s2", "s3")  # a word's own features, in order
_NEIGHBOURS = (-2, -1, 1, 2)
_EOJEOL = ("ew_s2", "ew_s3", "ew_p2", "ew_len", "ew_sh")  # the features of a token's word, in order


@cache
def _known_tables(known: frozenset[str], encoded: Encoding
                  ) -> tuple[tuple[dict[str, Feature], ...], tuple[tuple[dict[str, Feature], ...], ...],
                             dict[str, Feature], tuple[dict[str, Feature], ...]]:
    """:func:`_known_index`'s tables of a word's own features (in ``_OWN`` order), of the
    features it gives each neighbour (w, t, sh (Korean: -1, 1 only), cue for -2, -1, 1, 2), of its cues and of
    the features of a Korean token's word (``_EOJEOL``)."""
    index = _known_index(known, encoded)
    own = tuple(index.get(name, _NONE) for name in _OWN)
    near = tuple(tuple(index.get(f"{d}:{name}", _NONE) for name in ("w", "t", "sh", "cue"))
                 for d in _NEIGHBOURS)
    eojeol = tuple(index.get(name, _NONE) for name in _EOJEOL)
    return own, near, index.get("cue", _NONE), eojeol


# (known, encoded) -> (tag, shape) -> the features a word of them gives each neighbour
_NEAR_PARTS: dict[tuple[frozenset[str], Encoding],
                  dict[tuple[str, str], tuple[tuple[Feature, ...], ...]]] = {}


def _word(form: str, tag: str, lang: str, known: frozenset[str] | None = None,
          encoded: Encoding = False) -> _Word:
    """``known``: leave out features not in this set (see :func:`sentence_features`);
    ``encoded``: the features as bytes (:data:`Encoding`). Made once per word and kept in
    :data:`_WORDS`, the table sentence_features looks words up in."""
    low = form.lower()
    shape, script, length = _shape(form), _script(form), _length(form)
    cue = _cue_index(lang).get(form) or _cue_index(lang).get(low) or ()
    surname = (form[:1] in cues(lang).get("surname", frozenset()) and 2 <= len(form) <= 4
               and script == "hangul" and tag.startswith("NN"))
    particle: Feature | None = f"particle_next={tag}" if tag.startswith("J") else None
    if particle is not None:
        particle = _key(particle, encoded)
    head: tuple[Feature, ...]
    neighbour: list[tuple[Feature, ...]]
    left_pairs = right_pairs = None
    if known is not None:  # the same features as below, those ``known`` holds
        own, near, cue_table, _ = _known_tables(known, encoded)
        values = (low, tag, shape, script, length, low[:1], low[:2], low[-1:], low[-2:], low[-3:])
        # filter(None, ...): the features found (never empty: each starts with its name)
        head = tuple(filter(None, map(dict.get, own, values)))
        # the tag's and shape's features for each neighbour are the same for every word of
        # that tag and shape: looked up once per pair, not per word (a new word costs 15% less)
        parts = _NEAR_PARTS.setdefault((known, encoded), {})
        tag_shape = parts.get((tag, shape))
        if tag_shape is None:
            tag_shape = parts[(tag, shape)] = tuple(tuple(filter(None, (t_.get(tag), sh_.get(shape))))
                                                    for _, t_, sh_, _ in near)
        if cue:
            neighbour = [tuple(filter(None, (w_.get(low), *part, *map(cue_.get, cue))))
                         for (w_, _, _, cue_), part in zip(near, tag_shape, strict=True)]
        else:
            neighbour = [(feature, *part) if (feature := w_.get(low)) else part
                         for (w_, _, _, _), part in zip(near, tag_shape, strict=True)]
        cue_feats = tuple(filter(None, map(cue_table.get, cue)))
        left, right = _known_word_pairs(known, encoded)
        left_pairs, right_pairs = left.get(low), right.get(low)
    else:
        head = (f"w={low}", f"t={tag}", f"sh={shape}", f"sc={script}", f"len={length}",
                f"p1={low[:1]}", f"p2={low[:2]}", f"s1={low[-1:]}", f"s2={low[-2:]}", f"s3={low[-3:]}")
        neighbour = [(f"{d}:w={low}", f"{d}:t={tag}",
                      *((f"{d}:sh={shape}",) if d in (-1, 1) or lang in _FULL_TEMPLATES else ()),
                      *(f"{d}:cue={c}" for c in cue))
                     for d in _NEIGHBOURS]
        cue_feats = tuple(f"cue={c}" for c in cue)
        head, cue_feats = _encode(head, encoded), _encode(cue_feats, encoded)
        neighbour = [_encode(feats, encoded) for feats in neighbour]
    if lang in _FULL_TEMPLATES:
        head = (_key("bias", encoded), *head)
    fixed = _fixed(encoded)
    plain_head = ((*head, fixed.gaz_own[""], *cue_feats, *((fixed.surname,) if surname else ()))
                  if lang == "ko" else None)
    before2, before1, after1, after2 = neighbour
    return _Word(low, tag, cue, head, cue_feats, surname, particle, before2, before1, after1, after2,
                 left_pairs, right_pairs, plain_head,
                 (*before1, fixed.gaz_near[-1][""]), (*after1, fixed.gaz_near[1][""]),
                 _window_features(frozenset(cue), "cue_before", encoded) if cue else (),
                 _window_features(frozenset(cue), "cue_after", encoded) if cue else ())


# (lang, known, encoding) -> (form, tag) -> its _Word: the words of every sentence are
# looked up here by two strings, not through a cache keyed on all five arguments
_WORDS: dict[tuple[str, frozenset[str] | None, Encoding], dict[tuple[str, str], _Word]] = {}
_MAX_WORDS = 1 << 14  # a table that grows past this many words starts again (its hot words come back)


def _add_word(table: dict[tuple[str, str], _Word], token: Token, lang: str,
              known: frozenset[str] | None, encoded: Encoding) -> _Word:
    word = table[(token.form, token.tag)] = _word(token.form, token.tag, lang, known, encoded)
    return word


def _only(feats: tuple[str, ...], known: frozenset[str]) -> tuple[str, ...]:
    return tuple(filter(known.__contains__, feats))


@lru_cache(maxsize=8192)
def _eojeol_features(word: str, lang: str, known: frozenset[str] | None = None,
                     encoded: Encoding = False) -> tuple[Feature, ...]:
    """The features of the word (eojeol) a Korean token is part of."""
    surnames = cues(lang).get("surname", frozenset())
    surname = word[:1] in surnames and 2 <= len(word) <= 4 and _script(word) == "hangul"
    if known is not None:  # the same features as below, those ``known`` holds
        values = (word[-2:], word[-3:], word[:2], _length(word), _shape(word))
        feats = tuple(filter(None, map(dict.get, _known_tables(known, encoded)[3], values)))
        if surname and "ew_surname" in known:
            feats += (_key("ew_surname", encoded),)
        return feats
    feats = (f"ew_s2={word[-2:]}", f"ew_s3={word[-3:]}", f"ew_p2={word[:2]}",
             f"ew_len={_length(word)}", f"ew_sh={_shape(word)}")
    if surname:
        feats += ("ew_surname",)
    return _encode(feats, encoded)


@dataclass(frozen=True)
class _Fixed:
    """Feature strings that take one of a few values, made once (as str or as bytes)."""

    gaz_own: dict[str, Feature]  # gazetteer tag -> "gz=..."
    gaz_near: dict[int, dict[str, Feature]]  # -1/1 -> gazetteer tag -> "-1:gz=..."
    end: tuple[Feature, ...]  # by distance from the last token (none further away)
    position: tuple[Feature, ...]  # "pos=0" .. "pos=4"
    surname: Feature
    glued_left: Feature
    glued_right: Feature
    bos2: Feature
    bos1: Feature
    eos1: Feature
    eos2: Feature


_GAZ = ("", "B-ORG", "I-ORG", "B-PER", "I-PER")


@cache
def _fixed(encoded: Encoding) -> _Fixed:
    def f(feature: str) -> Feature:
        return _key(feature, encoded)

    return _Fixed(
        gaz_own={tag: f(f"gz={tag or 'O'}") for tag in _GAZ},
        gaz_near={d: {tag: f(f"{d}:gz={tag or 'O'}") for tag in _GAZ} for d in (-1, 1)},
        position=tuple(f(f"pos={i}") for i in range(5)),
        end=(f("end=0"), f("end=1")),
        surname=f("surname"), glued_left=f("glued_left"), glued_right=f("glued_right"),
        bos2=f("-2:BOS"), bos1=f("-1:BOS"), eos1=f("1:EOS"), eos2=f("2:EOS"),
    )


_WINDOWS: dict[tuple[frozenset[str], str, Encoding], tuple[Feature, ...]] = {}


def _window_features(cues: frozenset[str], side: str, encoded: Encoding) -> tuple[Feature, ...]:
    """ "cue_before=title", ... for a set of cue classes, in sorted order, made once per set."""
    feats = _WINDOWS.get((cues, side, encoded))
    if feats is None:
        feats = _WINDOWS[(cues, side, encoded)] = _encode(tuple(f"{side}={c}" for c in sorted(cues)), encoded)
    return feats


_Pair = tuple[tuple[Feature, ...], tuple[Feature, ...]]  # ("t-1|t=A|B",) and ("t|t+1=A|B",), or empty
# (known, encoded) -> tag -> next tag -> :func:`_tag_pair`: looked up by the two tags alone
# at each gap between tokens, without making and hashing a key that holds ``known``
_TAG_PAIR_TABLES: dict[tuple[frozenset[str] | None, Encoding], dict[str, dict[str, _Pair]]] = {}
_NO_PAIRS: dict[str, _Pair] = {}


def _tag_pair(tag: str, next_tag: str, known: frozenset[str] | None, encoded: Encoding) -> _Pair:
    """(("t-1|t=A|B",) for the token tagged B, ("t|t+1=A|B",) for the token tagged A),
    each empty when ``known`` lacks it: tag pairs are few, so each pair's features are
    made once (kept in :data:`_TAG_PAIR_TABLES`)."""
    left, right = (f"t-1|t={tag}|{next_tag}",), (f"t|t+1={tag}|{next_tag}",)
    if known is not None:
        left, right = _only(left, known), _only(right, known)
    return _encode(left, encoded), _encode(right, encoded)


def sentence_features(tokens: list[Token], text: str, lang: str,
                      known: frozenset[str] | None = None, encoded: Encoding = False,
                      use_gazetteer: bool = True) -> list[list[Feature]]:
    """One list of feature strings per token of a sentence (``text`` is what offsets index).

    Features that depend only on a token's form and tag, or on the word it is
    part of, are made once per form (``_word``, ``_eojeol_features``): the
    same few thousand words make up every sentence.

    ``known`` (a model's attributes) leaves out the features the model has no
    weight for, most word features (rare words, word pairs): crfsuite skips an
    attribute it does not know, so the tags and marginals are the same, and
    looking them up cost more than the rest of tagging. Training passes none.

    ``encoded``: each feature as the UTF-8 bytes of the string, which is what
    crfsuite reads (a str it encodes first, every time it is handed one), or as its
    attribute's name in a model loaded with the attributes renamed (:class:`AttributeKeys`).

    ``use_gazetteer=False``: as if the registry knew no name in the sentence (training
    copies where the model must tell a name from its context and shape alone)."""
    fixed = _fixed(encoded)
    # each token's word, from a table of this (lang, known, encoded) keyed by (form, tag):
    # a fifth cheaper than _word's cache, whose key holds all five arguments
    word_table = _WORDS.get((lang, known, encoded))
    if word_table is None or len(word_table) > _MAX_WORDS:
        word_table = _WORDS[(lang, known, encoded)] = {}
    base = [word_table.get((t.form, t.tag)) or _add_word(word_table, t, lang, known, encoded) for t in tokens]
    korean = lang == "ko"
    words = _korean_words(tokens, text) if korean else None
    n = len(tokens)
    gaz = gazetteer_tags(tokens, text, lang) if use_gazetteer else [""] * n
    # positions of tokens that are cue words: most sentences have few, many none
    cue_at = [j for j in range(n) if base[j].cue]
    # the tag pairs across each gap between tokens (BOS and EOS at the ends): token i
    # takes pairs[i][0] ("t-1|t=...") and pairs[i + 1][1] ("t|t+1=...")
    tags = ["BOS", *(f.t for f in base), "EOS"]
    table = _TAG_PAIR_TABLES.get((known, encoded))
    if table is None:
        table = _TAG_PAIR_TABLES[(known, encoded)] = {}
    pairs = []
    for tag, next_tag in zip(tags, tags[1:], strict=False):
        pair = table.get(tag, _NO_PAIRS).get(next_tag)
        if pair is None:
            pair = table.setdefault(tag, {})[next_tag] = _tag_pair(tag, next_tag, known, encoded)
        pairs.append(pair)
    # the cue word up to four tokens before and after each token (-1: none, -2: several):
    # most tokens near a cue word have one, whose window features its word made once
    before = [-1] * n if cue_at else []
    after = [-1] * n if cue_at else []
    for j in cue_at:
        for k in range(j + 1, min(n, j + 5)):
            before[k] = j if before[k] == -1 else -2
        for k in range(max(0, j - 4), j):
            after[k] = j if after[k] == -1 else -2
    gaz_own, end = fixed.gaz_own, fixed.end
    position = fixed.position if lang in _FULL_TEMPLATES else None
    gaz_before, gaz_after = fixed.gaz_near[-1], fixed.gaz_near[1]
    out: list[list[Feature]] = []
    for i, token in enumerate(tokens):
        f = base[i]
        low = f.w
        if korean and i < n - 2 and not gaz[i]:
            feats = list(f.plain_head)  # type: ignore[arg-type]  # Korean words have one
        else:
            if position is None:
                feats = [*f.head, gaz_own[gaz[i]]]
            else:
                feats = [*f.head, position[i if i < 4 else 4], gaz_own[gaz[i]]]
            if i >= n - 2:
                feats.append(end[n - 1 - i])
            feats.extend(f.cues)
            if korean and f.surname:
                feats.append(fixed.surname)
        if korean:
            if i + 1 < n and base[i + 1].particle is not None:
                feats.append(base[i + 1].particle)
            # a space before or after: Kiwi joins "퀀텀 리프"-like names from parts
            if i > 0 and tokens[i - 1].end == token.start:
                feats.append(fixed.glued_left)
            if i + 1 < n and tokens[i + 1].start == token.end:
                feats.append(fixed.glued_right)
            word = words[i]
            if word and word != token.form:
                feats.extend(_eojeol_features(word, lang, known, encoded))
        if i >= 2:
            feats.extend(base[i - 2].before2)
        else:
            feats.append(fixed.bos2)
        if i >= 1:
            if gaz[i - 1]:
                feats.extend(base[i - 1].before1)
                feats.append(gaz_before[gaz[i - 1]])
            else:
                feats.extend(base[i - 1].before1_plain)
        else:
            feats.append(fixed.bos1)
        if i + 1 < n:
            if gaz[i + 1]:
                feats.extend(base[i + 1].after1)
                feats.append(gaz_after[gaz[i + 1]])
            else:
                feats.extend(base[i + 1].after1_plain)
        else:
            feats.append(fixed.eos1)
        if i + 2 < n:
            feats.extend(base[i + 2].after2)
        else:
            feats.append(fixed.eos2)
        feats.extend(pairs[i][0])
        feats.extend(pairs[i + 1][1])
        if known is None:
            prev_w = base[i - 1].w if i else "BOS"
            next_w = base[i + 1].w if i + 1 < n else "EOS"
            feats.append(f"w-1|w={prev_w}|{low}")
            feats.append(f"w|w+1={low}|{next_w}")
            if encoded:
                feats[-2:] = _encode((feats[-2], feats[-1]), encoded)  # type: ignore[arg-type]  # str here
        else:
            if f.left_pairs is not None:
                pair = f.left_pairs.get(base[i - 1].w if i else "BOS")
                if pair is not None:
                    feats.append(pair)
            if f.right_pairs is not None:
                pair = f.right_pairs.get(base[i + 1].w if i + 1 < n else "EOS")
                if pair is not None:
                    feats.append(pair)
        if cue_at:
            # cue words a little further away: "..., the startup's CEO, Maya Orlov"
            j = before[i]
            if j >= 0:
                feats.extend(base[j].cues_before)
            elif j == -2:
                feats.extend(_window_features(frozenset(
                    c for k in cue_at if i - 4 <= k < i for c in base[k].cue), "cue_before", encoded))
            j = after[i]
            if j >= 0:
                feats.extend(base[j].cues_after)
            elif j == -2:
                feats.extend(_window_features(frozenset(
                    c for k in cue_at if i < k <= i + 4 for c in base[k].cue), "cue_after", encoded))
        out.append(feats)
    return out
