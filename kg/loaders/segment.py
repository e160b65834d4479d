"""Split an article body into sentences.

Paragraph breaks (any newline) always end a sentence, so a headline without
final punctuation is a sentence of its own. Korean paragraphs go through
kiwipiepy's sentence splitter: on the development articles it keeps quoted
speech that contains full stops in one sentence (``“…감사한다. 미라는
…”고 답했다``) where a regex on endings like ``다.`` splits it in two.
English paragraphs use a regex splitter that knows common abbreviations,
initials and decimals.
"""

from __future__ import annotations

import re
from typing import Any

from kg.loaders.morph import Morphemes


def _get_kiwi() -> Any:
    """The process's one Kiwi analyzer, shared with the Korean extractor.

    Each instance holds its model in memory (about 400 MB), so segmenting and
    extracting must not load two.
    """
    from kg.loaders.morph import kiwi

    return kiwi()


def split_sentences(text: str, lang: str) -> list[str]:
    """Sentences of ``text`` (``lang`` "ko" or "en"), stripped, none empty."""
    return segment(text, lang)[0]


def segment(text: str, lang: str, analyze_all: bool = False) -> tuple[list[str], dict[str, Morphemes]]:
    """Sentences of ``text`` as :func:`split_sentences` gives them, and the
    morphemes Kiwi found for those it cut from a paragraph (``kg.loaders.morph``).

    ``analyze_all``: also the morphemes of the other Korean sentences (headlines,
    one-sentence paragraphs, pieces rejoined), analyzed here one after another. The
    extractor would analyze each of them anyway, but between the name recognizer's
    and the rules' work on other sentences, which evict Kiwi's model from the CPU
    caches: on distinct Korean articles Kiwi's calls then cost about 1.2x what the
    same calls cost back to back."""
    out: list[str] = []
    analyses: dict[str, Morphemes] = {}
    for paragraph in _PARAGRAPH_BREAK.split(text):
        paragraph = " ".join(paragraph.split())  # whitespace runs made one space
        if not paragraph:
            continue
        if lang == "ko":
            parts = _split_korean(paragraph, analyses)
        else:
            parts = _split_english(paragraph)
        out.extend(p.strip() for p in parts if p.strip())
    kept = set(out)  # not the pieces of a sentence rejoined at an ellipsis
    found = {sentence: morphemes for sentence, morphemes in analyses.items() if sentence in kept}
    if analyze_all and lang == "ko":
        _analyze_rest(out, found)
    return out, found


def _analyze_rest(sentences: list[str], analyses: dict[str, Morphemes]) -> None:
    """Add the morphemes of each sentence ``analyses`` lacks, as the extractor would
    find them (Kiwi's tokenizer on the sentence alone, offsets into it)."""
    for sentence in sentences:
        if sentence in analyses:
            continue
        try:
            tokens = _get_kiwi().tokenize(sentence)
        except Exception:  # a broken model install: the extractor reports it, not the reader
            return
        analyses[sentence] = tuple((t.form, t.tag, t.start, t.start + t.len) for t in tokens)


# Korean fallback and post-check: a sentence ends after a predicate ending
# and a full stop, before whitespace.
_KO_END = re.compile(r"(?<=[다요음함됨임죠까][.!?])[\"'”’)\]]*\s+")


# "...하고 있다.17일 업계에 따르면": a predicate's full stop with the next sentence glued
# to it, where a page joined paragraphs without a break; Kiwi reads the two as one
# (an opening curly quote may start the next; a straight one may close a quote the stop is in)
_KO_GLUED_END = re.compile(r"(?<=[가-힣][다요]\.)(?=[가-힣0-9“‘\[])")


# compiled once, not looked up in re's cache at each paragraph and sentence piece
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")
_INNER_STOP = re.compile(r"[.!?…]\S*\s+\S")  # a possible sentence boundary inside a paragraph
_ENDS_IN_STOP = re.compile(r"[.!?…\"'”’)\]]$")
_PAUSING_ELLIPSIS = re.compile(r"[^다요음죠까](?:\.{2,}|…)$")  # after a noun: the phrase goes on


def _split_korean(paragraph: str, analyses: dict[str, Morphemes]) -> list[str]:
    if _KO_GLUED_END.search(paragraph):
        return [part for piece in _KO_GLUED_END.split(paragraph)
                for part in _split_korean(piece, analyses)]
    # Only paragraphs with a possible sentence boundary inside need Kiwi;
    # headlines and one-sentence paragraphs pass straight through.
    if not _INNER_STOP.search(paragraph):
        return [paragraph]
    try:
        # sentences inside quotes (``subs``) are not read: not making them saves a pass over the tokens
        sents = _get_kiwi().split_into_sents(paragraph, return_tokens=True, return_sub_sents=False)
    except Exception:  # a broken model install should degrade, not stop loading
        return [s for s in _KO_END.split(paragraph) if s]
    parts: list[str] = []
    for i, sent in enumerate(sents):
        if i and sent.start == sents[i - 1].end and not _ENDS_IN_STOP.search(parts[-1]):
            # Kiwi cut inside a word ("...했다. 同社" | "는 ..."): the word opens the next sentence
            analyses.pop(parts[-1].strip(), None)
            head, _, word = parts[-1].rstrip().rpartition(" ")
            if head and _ENDS_IN_STOP.search(head):
                parts[-1] = head
                parts.append(word + sent.text)
            else:
                parts[-1] += sent.text
            continue
        # offsets into the sentence as split_sentences strips it
        start = sent.start + len(sent.text) - len(sent.text.lstrip())
        analyses[sent.text.strip()] = tuple((t.form, t.tag, t.start - start, t.start - start + t.len)
                                            for t in sent.tokens)
        parts.append(sent.text)
    return _join_ellipses(parts)


def _join_ellipses(parts: list[str]) -> list[str]:
    """Rejoin pieces Kiwi split at a headline-style ellipsis ("SSI 설립... 가까워"):
    an ellipsis after a noun pauses a phrase, after a predicate it ends one."""
    out: list[str] = []
    for part in parts:
        if out and _PAUSING_ELLIPSIS.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


# Words after which a full stop does not end an English sentence.
_ABBREVIATIONS = frozenset(
    """
    inc corp ltd co llc plc mr mrs ms dr jr sr st prof gen col lt sgt rep sen gov pres
    vs etc e.g i.e a.m p.m u.s u.k u.n e.u no nos vol fig est approx dept univ
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd
    """.split()
)
# Abbreviations that often do end a sentence; split after them when the next
# word starts a new sentence in the usual way.
_SOFT_ABBREVIATIONS = frozenset({"inc", "corp", "ltd", "co", "llc", "plc", "etc", "u.s", "u.k"})
_EN_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")


def _split_english(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for m in _EN_CANDIDATE.finditer(paragraph):
        end = m.end()
        rest = paragraph[end:].lstrip()
        if not rest or not _is_boundary(paragraph[start:m.start() + 1], m.group(), rest):
            continue
        sentences.append(paragraph[start:end])
        start = len(paragraph) - len(rest)
    sentences.append(paragraph[start:])
    return sentences


def _is_boundary(before: str, mark: str, after: str) -> bool:
    """Whether the punctuation ``mark`` ending ``before`` ends a sentence."""
    nxt = after[0]
    if mark[0] in "!?…" or mark[-1] in "\"'”’)]":
        # "?" or a closing quote: a boundary unless the sentence plainly goes on.
        return not nxt.islower()
    word = re.search(r"(\S+)\.$", before)
    token = word.group(1) if word else ""
    bare = token.lower().lstrip("(\"'“‘[")
    if nxt.islower() or nxt in ",;:":
        return False
    if re.fullmatch(r"[A-Za-z]", bare):  # an initial: "J. R. Smith"
        return False
    if bare in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare):
        if bare in _SOFT_ABBREVIATIONS:
            # "... Nvidia Corp. The deal ..." ends a sentence; "Corp. Ltd" does not.
            return bool(re.match(r"(?:The|A|An|It|He|She|They|We|In|On|But|This|That)\b", after))
        return False
    if nxt.isdigit() and bare in {"no", "nos", "vol", "fig"}:
        return False
    return True
