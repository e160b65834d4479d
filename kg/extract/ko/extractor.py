"""Rule-based extraction of corporate-relationship facts from Korean news.

Each sentence is read for entity mentions (``korean_mentions``), split into
clauses at connective endings, and scanned for trigger words of the 13
relations (``data/ko_lexicon.json``, rules in ``korean_rules``). The roles of
the mentions around a trigger come from the particles that mark them: 이/가
and 은/는 the agent, 을/를 the patient, 에/에게 the goal, 에서/로부터 the
source, 와/과 the partner. A subject Korean drops is carried over from the
previous sentence's topic. Rumours, plans, denials and conditionals are
filtered per trigger.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.extract.document import enabled
from kg.extract.ko.frames import Reading, remember
from kg.extract.ko.mentions import Mention, MentionFinder, Token, lexicon, tokenize
from kg.extract.ko.rules import EXTRACTOR, Sentence, SentenceRules
from kg.extract.ko.subjects import UNSAID_SUBJECT, chain_person, main_subject, on_person
from kg.graph.model import ORGANIZATION, Claim, Document, EntityRef
from kg.graph.registry import Registry, fold, ref_key
from kg.loaders import normalize

__all__ = ["EXTRACTOR", "extract"]


def _clauses(text: str, tokens: list[Token], mentions: list[Mention]) -> list[tuple[int, int]]:
    """Clause spans: cut after connective endings and after commas that end a clause."""
    breaks = set(lexicon()["clause_breaks"])
    cuts: list[int] = []
    for i, t in enumerate(tokens):
        if t.tag == "EC" and t.form in breaks:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            # "하고 있다" is one predicate, not two clauses
            if t.form == "고" and nxt is not None and nxt.form in ("있", "계시", "싶", "나"):
                continue
            cuts.append(t.end)
        elif t.tag == "SP" and t.form == ",":
            inside_group = any(
                a.group == b.group and a.end <= t.start < b.start
                for a, b in zip(mentions, mentions[1:], strict=False)
            )
            # "CIO(Chief Information Officer, 최고정보관리책임자)에": a comma in a
            # parenthesis ends no clause
            in_parenthesis = text.count("(", 0, t.start) > text.count(")", 0, t.start)
            if not inside_group and not in_parenthesis:
                cuts.append(t.end)
    bounds = [0, *sorted(set(cuts)), len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


@dataclass
class _Seen:
    """What the date filler needs of a sentence already read."""

    text: str
    dates: list[normalize.Span]
    keys: set[str]


def extract(document: Document, registry: Registry, names: Sequence[tuple[str, str]] = ()) -> list[Claim]:
    """Claims read from a Korean document's sentences.

    ``names`` are (surface, type) pairs a recognizer found in the document: the
    mention finder takes them where none of its own sources finds a name.
    """
    finder = MentionFinder(registry)
    # the lowest-priority source of names: registry, document aliases and discovery go first
    finder.recognized = {surface: type_ for surface, type_ in names if registry.lookup(surface) is None}
    rules = SentenceRules(registry, document.published)
    rules.name_orgs(document.text)
    claims: list[Claim] = []
    seen: list[_Seen] = []
    subjects: dict[str, list] = {}  # org key -> [times subject-marked, first sentence, mention]
    readings: list[Reading] = []  # what the frames stage reads again
    for n, text in enumerate(document.sentences):
        if not text.strip():
            continue
        if text.lstrip().startswith("▲"):
            # a bullet item of a news brief is a story of its own: nothing carries over
            finder.state.topic = finder.state.recent_topic = finder.state.last_hirer = None
            finder.state.on_person = False
            finder.state.chain_person = None
            finder.state.last_orgs = []
            finder.state.listed_orgs = set()
            subjects = {}
        bare = _BARE_COMPANY.match(text)
        topic_now = finder.state.topic
        coreference = enabled("coreference")
        if bare and subjects and coreference and (
                not bare.group(1) or topic_now is None or topic_now.name in _unit_names(claims)):
            # "회사는 ...": the company the document is about, not a unit just mentioned;
            # "이 회사는 ...": the company just told of, unless that is a unit
            main = max(subjects.values(), key=lambda v: (v[0], -v[1]))
            finder.state.topic = main[2]
        money = normalize.find_money(text)  # read once: the mentions' gapped lists use it too
        mentions = [m for m in finder.find(text, money) if not finder.is_media(m)]
        for m in mentions:
            if m.type == ORGANIZATION and not m.anaphoric and not m.included \
                    and m.particle in ("은", "는", "이", "가"):
                subjects.setdefault(m.key, [0, n, m])[0] += 1
        tokens = tokenize(text)
        sent = Sentence(
            text=text,
            mentions=mentions,
            tokens=tokens,
            clauses=_clauses(text, tokens, mentions),
            dates=normalize.find_dates(text, document.published),
            money=money,
            counts=normalize.find_counts(text),
            percents=normalize.find_percents(text),
        )
        # the chain moves to the sentence's own subject before its clauses are read: "그는
        # ... 인수했다" is the man's act in this sentence too
        subject = main_subject(tokens, mentions)
        state = finder.state
        state.on_person = on_person(subject, state.on_person)
        state.chain_person = chain_person(subject, state.chain_person, rules.pronoun_person, state.people)
        state.subject_unsaid = subject.kind == UNSAID_SUBJECT
        reading = Reading(sent, state.topic, state.on_person, state.chain_person, state.subject_unsaid)
        readings.append(reading)
        rules.bare_titles, rules.bare_units = [], []
        claims.extend(rules.apply(sent, finder.state))
        reading.bare_titles, reading.bare_units = rules.bare_titles, rules.bare_units
        seen.append(_Seen(text, sent.dates, {m.key for m in mentions}))
        topic = _topic(mentions)
        finder.state.recent_topic = topic
        if topic is not None:
            finder.state.topic = topic
    claims.extend(rules.units_named_after_parents([r.sentence for r in readings]))
    remember(document, readings, rules.deals)
    rules.deals.fill(claims)
    _hire_by_parent(claims)
    claims = _drop_moves_within_group(claims, registry)
    merged = _merge(claims) if enabled("merging") else claims
    _end_supplies(merged)
    if enabled("dating"):
        _date_undated_events(merged, seen, document.published)
    return merged


def _unit_names(claims: list[Claim]) -> set[str]:
    """The names of the units told so far (PART_OF subjects): asked only of a sentence that
    opens with the company word, not gathered at every sentence."""
    return {c.subject.name for c in claims if c.relation == "PART_OF"}


# a sentence opening with the bare company word: "회사는", "이 회사는", "동사는", "회사 측은"
_BARE_COMPANY = re.compile(r"(이\s)?(?:회사|동사|同社)(?:\s측)?(?:은|는|이|가)\s")

_EVENTS = (
    "HIRED", "DEPARTED", "FOUNDED", "ACQUIRED", "INVESTED_IN", "PARTNERED_WITH", "HIRED_FROM", "LAID_OFF",
)


@cache
def _event_words() -> dict[str, tuple[str, ...]]:
    """Every trigger word of each event relation (HIRED_FROM shares HIRED's)."""
    rel = lexicon()["relations"]
    out = {}
    for r in _EVENTS:
        src = rel["HIRED" if r == "HIRED_FROM" else r]
        out[r] = tuple(w for k, v in src.items() if isinstance(v, list) and k != "unit_marker" for w in v
                       if len(w) >= 2)
    out["DEPARTED"] += ("떠나는", "떠날", "사직")
    return out


@lru_cache(maxsize=16)
def _background(relation: str) -> re.Pattern[str]:
    """Words that set a told event of ``relation`` before the news (lexicon
    ``background_cues``; for a leaving also ``career_cues``, a person's past posts)."""
    words = lexicon()["background_cues"] + (lexicon()["career_cues"] if relation == "DEPARTED" else [])
    return re.compile("|".join(map(re.escape, words)))


def _date_undated_events(claims: list[Claim], seen: list[_Seen], published: str | None) -> None:
    """An event told without a date takes the date of the next sentences that tell it
    again (same entities, a trigger of the relation, a date) or of an earlier sentence that
    told of its object with such a trigger and a date; else it is news of the publication
    date, as in English, unless its sentence sets it in the past ("앞서", "당시", "바 있다",
    "출신"): then only an event of the lead paragraph (the first sentences that yield facts)
    takes the publication date. A founding is dated only so, from the lead."""
    index = {s.text: i for i, s in enumerate(seen)}
    productive = sorted({index[c.evidence] for c in claims if c.evidence in index})
    lead = set(productive[:2])
    words = _event_words()
    for c in claims:
        if c.relation not in _EVENTS or c.qualifiers.get("date") or c.evidence not in index:
            continue
        i = index[c.evidence]
        # as a mention's key (``Mention.key``): the id, else the folded name
        keys = {ref_key(c.subject), ref_key(c.object)}
        obj = {ref_key(c.object)}
        # the next sentences retelling the event, then earlier ones that introduced its object
        near = [] if c.relation == "FOUNDED" else [(s, keys) for s in seen[i + 1 : i + 3]]
        near += [(s, obj) for s in reversed(seen[max(0, i - 6) : i])]
        for other, need in near:
            if other.dates and need <= other.keys and any(w in other.text for w in words[c.relation]):
                # the date nearest before the trigger: "12일 ... 지난달 말 감축을 마무리했다"
                pos = min(other.text.find(w) for w in words[c.relation] if w in other.text)
                before = [d for d in other.dates if d.end <= pos]
                c.qualifiers["date"] = str((before[-1] if before else other.dates[0]).value)
                break
        else:
            then = _then_date(seen, i)
            if then is not None:
                # "당시 X는 ... 영입했다": the time the text pointed to, not the news's day
                c.qualifiers["date"] = then
                continue
            if published and c.relation != "FOUNDED" and not _background(c.relation).search(c.evidence):
                # news told without a time is news of the day it was published; a participant
                # of the round or deal the sentence tells shares that day
                c.qualifiers["date"] = published
                continue
            if c.confidence <= 0.7:
                continue  # an inferred participant says little about when
            if i in lead and published and c.relation != "FOUNDED" or (
                c.relation == "FOUNDED" and i in lead and published and c.subject.type == "Person"
                and re.search(r"(?:설립|창업|창립)(?:했|한다|하며|해)", c.evidence)
            ):
                c.qualifiers["date"] = published


# "당시" (at that time): bare ("당시 KT는 ...", "그 당시", "KT는 당시"), it points to the
# time the text told last; after an event noun ("조직개편 당시", "투자할 당시"), to the time
# of that event. A word ending in a particle is no event noun ("KT는 당시")
_THEN = re.compile(r"([가-힣A-Za-z]{2,}?)(?:할|했을|하던)?\s당시(?=[\s,의에])"
                   r"|(?:^|[\s,])(?:(?:그|이)\s)?당시(?=[\s,의에])")
_PARTICLE_END = re.compile(r"[은는이가을를도에의와과서]$")


def _then_date(seen: list[_Seen], i: int, depth: int = 2) -> str | None:
    """The date "당시" in sentence ``i`` points to: for "<event noun> 당시" the date nearest
    before that noun in another sentence that tells the event dated ("작년 11월 말 ...
    조직개편을 단행하며"); for a bare "당시" the time the sentence before it told (its "당시"
    resolved the same way, else its last date)."""
    m = _THEN.search(seen[i].text)
    if m is None or depth < 0:
        return None
    noun = m.group(1)
    if noun is not None and (noun in ("그", "이") or _PARTICLE_END.search(noun)):
        noun = None
    if noun is None:
        for j in range(i - 1, max(-1, i - 3), -1):
            told = _then_date(seen, j, depth - 1)
            if told is not None:
                return told
            if seen[j].dates:
                return str(seen[j].dates[-1].value)
        return None
    for j, other in enumerate(seen):
        at = other.text.find(noun)
        if j == i or at < 0 or other.text[at + len(noun) :].lstrip().startswith("당시"):
            continue
        before = [d for d in other.dates if d.end <= at]
        if before:
            return str(before[-1].value)
    return None


def _hire_by_parent(claims: list[Claim]) -> None:
    """A unit the document made part of a parent in the sentence telling of a hire hires
    for the parent: "Y는 X 내부 조직으로 운영되며, ... NAME을 영입했다" is X's hire."""
    parents = {(c.subject.name, c.evidence): c.object for c in claims if c.relation == "PART_OF"}
    for c in claims:
        if c.relation in ("HIRED", "HIRED_FROM") and (c.subject.name, c.evidence) in parents:
            c.subject = parents[(c.subject.name, c.evidence)]


def _drop_moves_within_group(claims: list[Claim], registry: Registry) -> list[Claim]:
    """A move between a company and its own unit, parent or sister company is an internal
    transfer (GUIDE.md: an internal appointment needs WORKS_AT, no more), not a hire from
    another organization: "노바클라우드는 CIO에 김도윤 전 노바 센터장을 선임했다" is no
    HIRED_FROM 노바. Two organizations are one group when the registry's parents of both
    meet, when the document makes one PART_OF the other or both PART_OF one parent, or when
    one's name is the other's followed by more of a word ("대동"/"대동모빌리티", "오픈AI"/
    "오픈AI코리아")."""
    parents: dict[str, set[str]] = {}
    for c in claims:
        if c.relation == "PART_OF":
            parents.setdefault(ref_key(c.subject), set()).add(ref_key(c.object))

    def group(ref: EntityRef) -> set[str]:
        key = ref_key(ref)
        out = {key, *parents.get(key, ())}
        if ref.id:
            out |= registry.lineage(ref.id)
        return out

    def named_after(a: str, b: str) -> bool:
        a, b = fold(a), fold(b)
        return len(b) >= 2 and a != b and a.startswith(b)

    def one_group(a: EntityRef, b: EntityRef) -> bool:
        return bool(group(a) & group(b)) or named_after(a.name, b.name) or named_after(b.name, a.name)

    return [c for c in claims if not (c.relation == "HIRED_FROM" and one_group(c.subject, c.object))]


def _end_supplies(claims: list[Claim]) -> None:
    """A supply between two organizations whose partnership the text says ended is ended."""
    ended = {
        frozenset((c.subject.id or c.subject.name, c.object.id or c.object.name))
        for c in claims
        if c.relation == "ENDED_PARTNERSHIP"
    }
    for c in claims:
        pair = frozenset((c.subject.id or c.subject.name, c.object.id or c.object.name))
        if c.relation == "VENDOR_TO" and pair in ended:
            c.qualifiers["status"] = "ended"


def _topic(mentions: list[Mention]) -> Mention | None:
    """The organization a sentence is about: its topic (은/는), else its first agent."""
    orgs = [m for m in mentions if m.type == ORGANIZATION and not m.included]
    for particles in (("은", "는"), ("이", "가")):
        for m in orgs:
            if m.particle in particles:
                return m
    return None


def _merge(claims: list[Claim]) -> list[Claim]:
    """One claim per (subject, relation, object): later sentences fill missing qualifiers."""
    out: dict[tuple[str, str, str], Claim] = {}
    for c in claims:
        key = (c.subject.id or c.subject.name, c.relation, c.object.id or c.object.name)
        if c.relation in ("PARTNERED_WITH", "COMPETES_WITH"):
            key = (min(key[0], key[2]), c.relation, max(key[0], key[2]))
        have = out.get(key)
        if have is None:
            out[key] = c
            continue
        money = ("amount", "currency", "amount_alt", "currency_alt")
        before = dict(have.qualifiers)
        # a sum given in two currencies says more than one given in one; the keys go together
        if "amount" in c.qualifiers and (
            "amount" not in have.qualifiers
            or ("amount_alt" in c.qualifiers and "amount_alt" not in have.qualifiers)
        ):
            for k in money:
                have.qualifiers.pop(k, None)
                if k in c.qualifiers:
                    have.qualifiers[k] = c.qualifiers[k]
        for k, v in c.qualifiers.items():
            if k not in money:
                have.qualifiers.setdefault(k, v)
        for k in ("title", "role"):
            if _says_more(c.qualifiers.get(k), have.qualifiers.get(k)):
                have.qualifiers[k] = c.qualifiers[k]
        if have.qualifiers != before and c.evidence and c.evidence not in have.evidence:
            # the sentence that gave the figures is evidence too, not only the first telling
            have.evidence = f"{have.evidence} {c.evidence}".strip()
        have.confidence = max(have.confidence, c.confidence)
    return list(out.values())


# what "NAME이 이끄는 X" or a bare "총괄"/"책임자" makes of a post: any title named says more
_GENERIC_TITLES = frozenset({"head", "lead"})


def _says_more(new: object, old: object) -> bool:
    """Whether a later telling of a post says more than the one kept: a named title over a
    generic one ("CEO" over "head"), a title with its scope or gloss over the bare title
    ("president (CEO)" over "president")."""
    if not isinstance(new, str) or not isinstance(old, str) or fold(new) == fold(old):
        return False
    return (old in _GENERIC_TITLES and new not in _GENERIC_TITLES) or fold(new).startswith(fold(old))
