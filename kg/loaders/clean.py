"""Strip page furniture from a news page's text so only the article body remains.

Saved news pages carry weather widgets, menus, bylines, photo captions, share
buttons, copyright lines and, after the article, other columns. The cleaner
works line by line with general heuristics rather than per-site rules:

0. split each line into sentences and drop the sentences that are furniture
   (a credit, a caption, a copyright notice run into the last paragraph), so
   one furniture word never costs the rest of its paragraph;
1. classify every line as prose (sentence-like), furniture (matches a known
   kind of page furniture) or a short non-sentence line;
2. cut the page at the first end marker (a copyright line or a "related" /
   "more" section header) once some article prose has been seen;
3. keep headline-like lines before and between prose paragraphs, keep all
   prose, and drop everything after the last prose paragraph.

When in doubt prose is kept and non-prose is dropped: a lost caption costs
less than a lost sentence, and a kept menu item costs less than a lost fact.
``Cleaned`` counts what went in and what was kept, so a caller can say when
cleaning discarded most of a text (a page that is mostly something else, or
an article repeated many times).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")

# A temperature reading: the core of a weather widget.
_TEMPERATURE = re.compile(r"-?\d+(?:\.\d+)?\s*(?:℃|°\s*[CF]?|º\s*[CF]?)")
_DATE = re.compile(
    r"(?:19|20)\d\d\s*[-./년]\s*\d{1,2}\s*[-./월]\s*\d{1,2}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d\d"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+(?:19|20)\d\d",
    re.IGNORECASE,
)

# Furniture recognisable anywhere, even in a long line: captions and credits.
_FURNITURE_ANY = re.compile(
    r"""
    기상청\s*제공
    | 이\s*기사\s*AI가\s*핵심만
    | \((?:사진|출처|자료|그래픽|제공|이미지)\s*[=:：][^)]*\)\.?\s*$   # (사진=셔터스톡)
    | \[(?:사진|출처|자료|그래픽)\s*[=:：][^\]]*\]\s*\|?\s*$          # [사진=KT] |
    | \((?:AP|AFP|Reuters|Getty)\s+Photo[^)]*\)\s*$
    | \bphotographer:|\bvia\s+getty\s+images\b
    | ^!\[.*\]\(.*\)$                                             # markdown images
    | ^(?:related|read\s+(?:more|also)|also\s+read|see\s+also|관련\s*기사)\s*:      # link teasers
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Furniture only when the line is short: in a long line these words are prose.
_FURNITURE_SHORT = re.compile(
    r"""
    ^skip\s+to\s+(?:main\s+)?content
    | ^(?:more|menu|home|search|x|close|share|print|subscribe|sign\s+in|log\s*in|답)$
    | ^reporter-profile$
    | ^[A-Z가-힣]{1,4}\s*/\s*[A-Z가-힣]{1,4}$            # section labels: IT/과학
    | ^\d+\s*/\s*\d+$                                    # slideshow counters: 1 / 2
    | \b\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?)\s+ago\b
    | ^\d+\s*(?:분|시간|일)\s*전$
    | 기사\s*(?:공유|보내기|저장|스크랩)|SNS\s*기사|공유하기|구독하기|^댓글
    | ^(?:share|tweet|email|follow)\s+(?:this|on|us)\b
    | ^(?:sign\s+up|subscribe)\b.*newsletter
    | ^recommended(?:\s+videos?|\s+stories)?$|^advertisement$|^광고$
    | \bphoto:\s|\bimage\s+credit\b
    | ^\S+@\S+\.\w+$                                      # reporter e-mail
    | ^by\s+[^.]{2,60}$                                   # "By Jane Doe | Staff"
    | ^[가-힣]{2,4}\s*(?:기자|특파원|리포터)\b
    | ^\|\|
    | \bicon$
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SHORT = 60

# Headers that start the part of a page after the article: related-article
# lists, other columns, "more" blocks.
_END_HEADER = re.compile(
    r"""^(?:
        관련\s*기사|관련\s*뉴스|추천\s*기사|많이\s*본\s*(?:뉴스|기사)|인기\s*기사|최신\s*기사
        | 전문가\s*코너|오피니언|더보기|이\s*시각\s*주요뉴스|주요\s*뉴스
        | related(?:\s+(?:articles?|stories|posts|news|content|coverage))?
        | read\s+more|more\s+from\b.*|more\s+stories|you\s+may\s+also\s+like|trending(?:\s+now)?
        | most\s+(?:read|popular)|latest\s+news|further\s+reading|see\s+also
    )\s*:?$
    | ^\[[^\]]{0,20}(?:칼럼|초대석|기고|사설|시론|오피니언|인터뷰|노트)[^\]]{0,20}\]  # columns
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Article prose (in characters) that must precede an end marker: a copyright
# line above the article is a photo credit, not the article's end.
_MIN_PROSE_BEFORE_END = 60

# A line that is only a copyright notice ends the article.
_COPYRIGHT = re.compile(
    # The sign starts a notice ("ⓒ 가상일보", "Copyright © 2024"); glued to a word ("Widget©") it
    # is a trademark-like mark inside prose.
    r"무단\s*전재|재배포\s*금지|저작권자|(?:^|[\s(\[])[ⓒ©]|^copyright\b|all\s+rights\s+reserved",
    re.IGNORECASE,
)
_COPYRIGHT_MAX = 120  # a longer line mentioning copyright is prose about copyright

# Press tags that open a Korean article's first sentence, and English datelines.
_PRESS_TAGS = (
    # (조세금융신문=최주현 기자)
    re.compile(r"^\((?:[^()=]{1,25})=[^()]{1,25}\)\s*"),
    # the byline after that tag: "(서울=가상통신) 홍길동 기자 =", "홍길동·김철수 기자 =" (the
    # reporter is no participant of the story; left in, the name reads as the sentence's person)
    re.compile(r"^[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*\s*(?:기자|특파원)\s*=\s*"),
    # [서울=뉴스핌] 서영욱 기자 =
    re.compile(r"^\[[^\]]{1,25}=[^\]]{1,25}\]\s*(?:[가-힣]{2,4}\s*(?:기자|특파원)\s*)?=?\s*"),
    # [이데일리 방성훈 기자], [디지털투데이 AI리포터]
    re.compile(r"^\[[^\]]{1,30}(?:기자|특파원|리포터|통신원)\]\s*"),
    # WASHINGTON (dpa-AFX) -
    re.compile(r"^[A-Z][A-Z .,]{2,30}(?:\([^)]{1,20}\))?\s*[-–—]\s+"),
)
_LEADING_DATE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*", re.IGNORECASE)
_CITATION = re.compile(r"\[\d{1,3}\]")
_TRAILING_TAG = re.compile(r"(?<=[.!?。다”\"'])\s*\[[^\]]{1,40}\]$")
_LIST_MARK = re.compile(r"^(?:[-*•·▪◦]\s+)")

# Sentence-final shapes: Korean predicate endings, or terminal punctuation
# optionally followed by closing quotes and brackets.
_SENTENCE_END = re.compile(
    r"(?:[다요음함됨임죠니까][.!?…]*|[.!?…:;])[\"'”’」』)\]]*$"
)
# Where a line splits into sentences: after terminal punctuation (and closing
# quotes or brackets) followed by a space.
_PIECE_BREAK = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’」』)\]]))\s+(?=\S)")
# A photo or source credit between sentences: "(사진=가상일보 DB)", "[자료=KT]".
_INLINE_CAPTION = re.compile(
    r"\s*(?:\((?:사진|출처|자료|그래픽|제공|이미지)\s*[=:：][^()]{0,60}\)"
    r"|\[(?:사진|출처|자료|그래픽|제공|이미지)\s*[=:：][^\[\]]{0,60}\])\s*"
)

# A sentence ending inside a line ("...했다. 이어..."), so the line is prose
# even when it was cut off mid-sentence.
_INNER_END = re.compile(r"[다요][.!?][\"'”’]*\s+\S|[a-z0-9)][.!?][\"'”’]*\s+[A-Z\"“]")


@dataclass
class Cleaned:
    """The result of cleaning: the body, its headline and what was dropped (and why).

    ``input_chars`` and ``kept_chars`` count the non-space characters of the
    text before and after cleaning.
    """

    body: str
    title: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)
    input_chars: int = 0
    kept_chars: int = 0

    @property
    def discarded_share(self) -> float:
        """Share of the text's characters that cleaning dropped (0.0 to 1.0)."""
        if not self.input_chars:
            return 0.0
        return max(0.0, 1 - self.kept_chars / self.input_chars)


def normalize_line(line: str) -> str:
    """NFC, no-break and zero-width spaces made plain, whitespace runs collapsed."""
    line = unicodedata.normalize("NFC", line)
    line = line.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return " ".join(line.split())  # the whitespace str.split knows is what re's \s matches


def letter_share(text: str) -> float:
    """Share of characters in ``text`` (spaces ignored) that are letters."""
    chars = _count_chars(text)
    if not chars:
        return 0.0
    return _count_letters(text) / chars  # letters are never spaces


def hangul_share(text: str) -> float:
    """Share of letters in ``text`` that are Hangul syllables."""
    letters = _count_letters(text)
    if not letters:
        return 0.0
    return len(_HANGUL.findall(text)) / letters  # every Hangul syllable is a letter


def _count_letters(text: str) -> int:
    """How many characters of ``text`` match ``_LETTER``, counted in C without making
    them: ``[^\\W\\d_]`` is what ``re`` calls a word character (alphanumeric, or "_")
    but not a decimal digit nor "_", and every decimal digit is alphanumeric."""
    return sum(map(str.isalnum, text)) - sum(map(str.isdecimal, text))


def is_copyright(line: str) -> bool:
    """Whether a line is a copyright notice (which ends an article)."""
    return len(line) <= _COPYRIGHT_MAX and bool(_COPYRIGHT.search(line))


def is_furniture(line: str) -> bool:
    """Whether a line is page furniture by its look alone.

    The short-line signs ("3 hours ago", "Share this") mark furniture only
    in a line that is not a sentence: "Acme hired her 3 weeks ago." is prose.
    """
    if _FURNITURE_ANY.search(line) or is_copyright(line):
        return True
    return (len(line) <= _SHORT and bool(_FURNITURE_SHORT.search(line))
            and not _reads_as_sentence(line))


def _reads_as_sentence(line: str) -> bool:
    """A sentence by shape: four words or more, mostly letters, a sentence ending."""
    return (len(line.split()) >= 4 and bool(_SENTENCE_END.search(line))
            and letter_share(line) >= 0.6)


def _count_chars(text: str) -> int:
    return sum(map(len, text.split()))  # the characters that are not whitespace, counted in C


def split_furniture(line: str) -> tuple[str, list[str], bool]:
    """``line`` without the sentences in it that are furniture.

    Returns the kept text, the dropped sentences, and whether a dropped one
    was a copyright notice after kept text (which ends the article). A line
    that is one sentence, or all furniture, comes back unchanged: whether it
    is furniture as a whole is decided by the line's classification.
    """
    dropped: list[str] = []
    uncaptioned = _INLINE_CAPTION.sub(" ", line).strip()
    if uncaptioned and uncaptioned != line:
        dropped.extend(m.group().strip() for m in _INLINE_CAPTION.finditer(line))
        line = uncaptioned
    pieces = [p for p in _PIECE_BREAK.split(line) if p]
    kept: list[str] = []
    ends = False
    if len(pieces) < 2:
        return line, dropped, False
    for piece in pieces:
        if is_furniture(piece) or _is_weather_piece(piece):
            dropped.append(piece)
            ends = ends or (bool(kept) and is_copyright(piece))
        else:
            kept.append(piece)
    if not kept or len(kept) == len(pieces):
        return line, dropped, False
    return " ".join(kept), dropped, ends


def is_prose(line: str, lang: str) -> bool:
    """Whether a line reads as article prose.

    A sentence ending plus a little length, or a long line with mostly
    letters (the dev pages are cut mid-sentence, so the last paragraph has no
    ending but is still prose).
    """
    if is_furniture(line):
        return False
    minimum = 20 if lang == "ko" else 40
    words = len(line.split())
    if len(line) >= minimum and words >= 4 and (
        _SENTENCE_END.search(line) or _INNER_END.search(line)
    ):
        return letter_share(line) >= 0.5
    return len(line) >= 120 and words >= 12 and letter_share(line) >= 0.6


# compiled once, not looked up in re's cache at each line
_TITLE_WITH_SITE = re.compile(r"\s[-|–]\s\S{1,12}$")
_CAPTION_END = re.compile(r"(?:제공|이미지|사진|사장|대표|회장|부사장)$")


def is_headline(line: str, lang: str) -> bool:
    """Whether a non-prose line could be a headline or subhead worth keeping."""
    if len(line) < 8 or len(line) > 200 or len(line.split()) < 2:
        return False
    if letter_share(line) < 0.6 or _DATE.search(line):
        return False
    # "Some alt text - SiteName": image alt text or a page title, not a subhead.
    if _TITLE_WITH_SITE.search(line) and not _SENTENCE_END.search(line):
        return False
    # Short captions and credits: "네이버 제공", "애니메이션 이미지", "홍길동 사장".
    if len(line.split()) <= 3 and _CAPTION_END.search(line):
        return False
    return not line.endswith(",")


def _is_fragment(line: str, lang: str) -> bool:
    """Whether a line looks like the start of a sentence that was cut off."""
    words = len(line.split())
    long_enough = (len(line) >= 20 and words >= 4) if lang == "ko" else words >= 5
    return long_enough and letter_share(line) >= 0.7


def weather_lines(lines: list[str]) -> set[int]:
    """Indices of lines that make up a weather widget, with its header date.

    The widget's date is the day the page was saved, not the article's, so a
    date line directly above temperature readings is part of the widget.
    """
    out: set[int] = set()
    for i, line in enumerate(lines):
        if _is_weather_piece(line):
            out.add(i)
    for i, line in enumerate(lines):
        # the length first: a date search over every paragraph cost more than the rest
        if i in out or not line or len(line) > 40 or not _DATE.search(line):
            continue
        following = [j for j in range(i + 1, min(i + 6, len(lines))) if lines[j]][:2]
        if following and all(j in out for j in following):
            out.add(i)
    return out


def _is_weather_piece(line: str) -> bool:
    """A widget line: a short temperature reading or the weather service's credit.

    A sentence that names the weather service or a temperature is prose.
    """
    if len(line) >= 60 or _reads_as_sentence(line):
        return False
    return bool(_TEMPERATURE.search(line)) or "기상청" in line


def _strip_inline(line: str) -> str:
    """Remove press tags, datelines, citation markers and trailing tags from a kept line."""
    line = _LEADING_DATE.sub("", line)
    for tag in _PRESS_TAGS:
        line = tag.sub("", line, count=1)
    line = _CITATION.sub("", line)
    line = _TRAILING_TAG.sub("", line)
    line = _LIST_MARK.sub("", line)
    return line.rstrip("#").strip()


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines of one paragraph (a line ending mid-sentence
    followed, with no blank line, by one starting in lower case)."""
    out: list[str] = []
    for line in lines:
        if (out and out[-1] and line and line[0].islower() and len(out[-1]) >= 50
                and not _SENTENCE_END.search(out[-1])):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def clean_document(text: str, lang: str) -> Cleaned:
    """Clean ``text`` and report what was removed; see the module docstring."""
    lines = _unwrap([normalize_line(raw) for raw in text.splitlines()])
    lines = [_LEADING_DATE.sub("", ln) for ln in lines]
    removed: list[tuple[str, str]] = []
    # Furniture run into a paragraph goes sentence by sentence, not with the paragraph.
    ends_article: set[int] = set()
    for i, line in enumerate(lines):
        kept_text, dropped, ends = split_furniture(line)
        if dropped:
            lines[i] = kept_text
            removed.extend(("furniture sentence", piece) for piece in dropped)
            if ends:
                ends_article.add(i)
    weather = weather_lines(lines)

    kinds: list[str] = []  # "blank", "furniture", "prose", "short"
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        if not line:
            kinds.append("blank")
        elif line in seen:
            kinds.append("duplicate")
        elif i in weather:
            kinds.append("weather")
        elif is_prose(line, lang):
            kinds.append("prose")
        elif is_furniture(line) or _END_HEADER.match(line):
            kinds.append("furniture")
        elif line in seen:
            kinds.append("duplicate")
        else:
            kinds.append("short")
        seen.setdefault(line, i)
    if "prose" not in kinds:
        # A news brief of a sentence or two ("Meta hired X last week."): no line is long
        # enough for prose, so its sentences are the article, not page furniture.
        for i, line in enumerate(lines):
            if kinds[i] == "short" and len(line.split()) >= 3 and _SENTENCE_END.search(line) \
                    and letter_share(line) >= 0.5:
                kinds[i] = "prose"
    # A short line repeated right away is an image's alt text and its caption.
    for i in range(len(lines)):
        nxt = next((j for j in range(i + 1, len(lines)) if lines[j]), None)
        if nxt is not None and kinds[i] == "short" and lines[nxt] == lines[i]:
            kinds[i] = kinds[nxt] = "caption"

    # Cut at the first end marker once the article has begun.
    prose_chars = 0
    cut = len(lines)
    for i, line in enumerate(lines):
        if kinds[i] == "prose":
            prose_chars += len(line)
            if i in ends_article and prose_chars >= _MIN_PROSE_BEFORE_END:
                cut = i + 1  # the paragraph ended in a copyright notice
                break
        elif prose_chars >= _MIN_PROSE_BEFORE_END and (
            is_copyright(line) or _END_HEADER.match(line)
        ):
            cut = i
            break
    prose_at = [i for i in range(cut) if kinds[i] == "prose"]
    first = prose_at[0] if prose_at else cut
    last = prose_at[-1] if prose_at else -1

    # A page cut off mid-paragraph ends in a sentence fragment: keep it when
    # it is the very last line and directly follows the article's prose.
    nonblank = [i for i in range(cut) if lines[i]]
    if (last >= 0 and nonblank and nonblank[-1] > last and nonblank.index(nonblank[-1]) ==
            nonblank.index(last) + 1 and kinds[nonblank[-1]] == "short"
            and _is_fragment(lines[nonblank[-1]], lang)):
        last = nonblank[-1]

    kept: list[str] = []
    title: str | None = None
    for i, line in enumerate(lines):
        if not line:
            continue
        reason = ""
        if i >= cut:
            reason = "after end marker"
        elif kinds[i] in ("weather", "furniture", "duplicate", "caption"):
            reason = kinds[i]
        elif kinds[i] == "short":
            if i > last:
                reason = "after article"
            elif not is_headline(line, lang):
                reason = "short non-sentence"
            elif kept and len(line.split()) < (3 if lang == "ko" else 4):
                # Two-word kickers ("Memo insights", "Key Points") label page
                # sections; they carry no facts and are not sentences.
                reason = "section label"
        if not reason:
            stripped = _strip_inline(line)
            if not stripped:
                reason = "empty after stripping"
            else:
                if stripped != line:
                    removed.append(("inline", line))
                if title is None and not kept and i < first and kinds[i] == "short":
                    title = stripped
                kept.append(stripped)
                continue
        removed.append((reason, line))
    body = "\n\n".join(kept)
    return Cleaned(body=body, title=title, removed=removed,
                   input_chars=_count_chars(text), kept_chars=_count_chars(body))


def clean_text(text: str, lang: str) -> str:
    """The article body of ``text`` (``lang`` is "ko" or "en"), paragraphs
    separated by blank lines, page furniture removed."""
    return clean_document(text, lang).body
