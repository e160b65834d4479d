"""The organization a Korean document is about, for the roles its clauses leave unsaid.

A Korean news story about one company rarely names it in every sentence: "AI 연구는
김민수 상무가 맡는다", "존 슐먼은 앤트로픽으로 이직했다" in a story about
the company they work at or left, "카카오벤처스가 300억원을 투자했다" in a story about
the company raising the round. The ``carry_over`` stage carries the last topic
(은/는) of the sentences before into a clause whose *agent* is unsaid; this module
names the organization the whole document is about (its *topic organization*),
and the frames (kg.extract.ko.frames) let it fill one role the relation's frame
marks as unsaid-able (``unsaid_topic`` in ``data/frames.json``): the employer of a
person who takes a post, the company a person left for another, the company a
round invests in. A person named with a current title that no organization of the
sentence holds ("데이터 책임자 NAME이"), and placed at no organization anywhere in the
text, holds it there too (``FrameReader.place_bare_titles``). This is the ``topic``
stage of the document layer.

The topic organization is read from the mentions the extractor already found:
each mention of an organization counts once, and once more when it is marked as a
subject (은/는/이/가/도), since a story is told with its company as the subject of
its sentences. The organization with the highest count is the topic only when it
leads the next by a clear margin (:data:`MARGIN`) and was named often enough
(:data:`MIN_SCORE`): a story of two companies' deal ("네이버와 카카오가 ...") has no
single company its unsaid roles belong to, and then nothing is filled.

A frame may name where else its unsaid side is told (``told_in``): an investor of
"이번 투자에" backs the company last told as raising a round ("X는 투자를
유치했다"), which in a story of a round often is not the organization named most.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg.graph.model import ORGANIZATION

if TYPE_CHECKING:
    from kg.extract.ko.frames import Reading
    from kg.extract.ko.text import Mention

SUBJECT_PARTICLES = frozenset({"은", "는", "이", "가", "도"})
# the topic organization must score this much more than the next one: measured on the
# train fit split, a lower margin chose a co-star of the story as often as its company
MARGIN = 1.3
MIN_SCORE = 4  # two subject mentions, or four named in passing: a story told about it


def scores(readings: Sequence[Reading]) -> tuple[Counter[str], dict[str, int], dict[str, Mention]]:
    """Each organization's score (one per mention, one more as a subject), the sentence
    that first named it, and its first mention, by entity key."""
    score: Counter[str] = Counter()
    first: dict[str, int] = {}
    seen: dict[str, Mention] = {}
    for i, reading in enumerate(readings):
        for m in reading.sentence.mentions:
            if m.type != ORGANIZATION or m.anaphoric:
                continue
            score[m.key] += 1 + (m.particle in SUBJECT_PARTICLES)
            first.setdefault(m.key, i)
            seen.setdefault(m.key, m)
    return score, first, seen


def document_topic(readings: Sequence[Reading]) -> Mention | None:
    """The organization the document is about, or None when no one organization leads."""
    score, first, seen = scores(readings)
    if not score:
        return None
    ranked = sorted(score, key=lambda k: (-score[k], first[k]))
    top = score[ranked[0]]
    if top < MIN_SCORE or (len(ranked) > 1 and top < MARGIN * score[ranked[1]]):
        return None
    return seen[ranked[0]]
