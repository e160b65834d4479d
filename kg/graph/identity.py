"""Event identity across documents: which reports tell of one real event.

Every claim written to the store is kept on its edge as a :class:`Report`
(document, sentence, the qualifiers that claim gave, confidence, extractor).
The edges between one subject and object of one relation are a function of
the *set* of their reports -- :func:`merge_pair` -- so the store reaches the
same edges, ids and qualifiers whatever order the documents came in.

The rule (also in ``docs/events.md``):

* **State relations** (WORKS_AT, PART_OF, VENDOR_TO, ...) have one edge per
  pair: every report joins it.
* **Event relations** (INVESTED_IN, HIRED, LAID_OFF, ...): two reports tell of
  the same event when

  - their rounds do not differ (``Series A`` and ``Series B`` are two events), and
  - their dates are *close*: the intervals the dates cover (``2025-06`` is the
    whole of June, ``2025`` the whole year) are at most ``STRONG_DAYS`` (7)
    apart -- containment counts as 0 -- in which case they are one event even
    when their figures disagree (a conflict, see below); or at most the
    relation's window apart (``WINDOW_DAYS``: a year for a person's hire
    or departure, 45 days for the rest) and their figures (amount within
    ``TOLERANCE`` of 10 % in a common currency, valuation, stake, count) agree.
  - An undated report joins an event whose figures it agrees with and whose
    round it does not contradict: of several, the latest one that had
    happened by the report's publication date.

  Reports are clustered in a canonical order (most precise date first, then
  by date, then by publication date and document id), each joining the
  closest event whose representative values (below) it matches.
* **Representative values**: each qualifier takes the value most sources give,
  ties going to the most confident source, then the earliest published
  (but ``status`` is ``ended`` as soon as one source says so). A
  date is supported by every source whose date it contains or is contained
  in; the best supported date is then refined to the best supported more
  precise date inside it: ``2025-06`` from four sources and ``2025-06-12``
  from one give ``2025-06-12``).
* **Conflicts**: sources of one edge that disagree on a figure (beyond the
  tolerance; counts must be equal) or on a date (neither contains the other)
  keep their own values in their reports, and the edge lists the qualifier in
  ``conflicts`` (``kg facts --conflicts``).
* **Fact id**: subject, relation, object and, for events, the event key: the
  representative date and round (plus ``#2``, ``#3`` ... in canonical order
  should two events share them).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from kg.graph.model import RELATIONS, fact_id

STRONG_DAYS = 7
DEFAULT_WINDOW_DAYS = 45
# A person is rarely hired by (or leaves) the same organization twice within
# months, while reports of one move are often dated by when they were written.
WINDOW_DAYS = {"HIRED": 365, "DEPARTED": 365}
TOLERANCE = 0.10
# Figures that tell two events apart (or, for one event, conflict).
FIGURES = ("valuation", "stake_pct", "pct", "count")
MONEY_PAIRS = (("amount", "currency"), ("amount_alt", "currency_alt"))


@dataclass(frozen=True)
class Report:
    """One claim as written to an edge: what one sentence of one document said."""

    doc: str
    evidence: str
    qualifiers: dict[str, Any]
    confidence: float
    extractor: str
    published: str | None = None
    index: int = 0  # the claim's position among its document's claims
    seen: str = ""  # when it was written to the store

    def order(self) -> tuple[str, str, int, str]:
        """Source order: publication date, document id, position in the document."""
        return (self.published or "", self.doc, self.index, self.evidence)

    def to_json(self) -> str:
        return json.dumps(
            {"doc": self.doc, "evidence": self.evidence, "qualifiers": self.qualifiers,
             "confidence": self.confidence, "extractor": self.extractor,
             "published": self.published, "index": self.index, "seen": self.seen},
            ensure_ascii=False, sort_keys=True)

    def public_json(self) -> str:
        """The report as exports carry it: without the store's clock (``seen``) and the
        publication date (the document has it), so two exports of one graph are equal."""
        return json.dumps(
            {"doc": self.doc, "evidence": self.evidence, "qualifiers": self.qualifiers,
             "confidence": self.confidence, "extractor": self.extractor, "index": self.index},
            ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Report:
        data = json.loads(text)
        return cls(doc=data["doc"], evidence=data.get("evidence", ""),
                   qualifiers=dict(data.get("qualifiers") or {}),
                   confidence=float(data.get("confidence", 0.0)),
                   extractor=data.get("extractor", ""), published=data.get("published"),
                   index=int(data.get("index", 0)), seen=data.get("seen", ""))


# -- dates -------------------------------------------------------------------

def interval(value: str | None) -> tuple[date, date] | None:
    """The days an ISO date at its precision covers: ``2025-06`` is June 1 to 30."""
    if not value:
        return None
    try:
        if len(value) == 4:
            year = int(value)
            return date(year, 1, 1), date(year, 12, 31)
        if len(value) == 7:
            start = date.fromisoformat(value + "-01")
            following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
            return start, following - timedelta(days=1)
        day = date.fromisoformat(value)
        return day, day
    except ValueError:
        return None


def gap_days(a: str | None, b: str | None) -> int | None:
    """Days between the intervals two dates cover (0 when they overlap); None if undated."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return None
    if ia[1] < ib[0]:
        return (ib[0] - ia[1]).days
    if ib[1] < ia[0]:
        return (ia[0] - ib[1]).days
    return 0


def dates_compatible(a: str, b: str) -> bool:
    """One date contains the other (``2025-06`` and ``2025-06-12``), or they are equal."""
    return a.startswith(b) or b.startswith(a)


# -- figures -----------------------------------------------------------------

def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def _money(q: dict[str, Any]) -> list[tuple[float, str]]:
    return [(float(q[a]), q[c]) for a, c in MONEY_PAIRS
            if q.get(a) is not None and q.get(c)]


def disagreements(a: dict[str, Any], b: dict[str, Any]) -> set[str]:
    """The figures two reports of an event give differently (``amount`` for any money)."""
    out: set[str] = set()
    money_a, money_b = _money(a), _money(b)
    comparable = [(x, y) for x, cx in money_a for y, cy in money_b if cx == cy]
    if comparable and not any(_close(x, y) for x, y in comparable):
        out.add("amount")
    for name in FIGURES:
        x, y = a.get(name), b.get(name)
        if x is None or y is None:
            continue
        if name == "valuation" and a.get("currency") != b.get("currency"):
            continue
        if (x != y) if name == "count" else not _close(float(x), float(y)):
            out.add(name)
    return out


def _round(q: dict[str, Any]) -> str | None:
    value = q.get("round")
    return "".join(ch for ch in str(value).lower() if ch.isalnum()) if value else None


def rounds_differ(a: dict[str, Any], b: dict[str, Any]) -> bool:
    ra, rb = _round(a), _round(b)
    return ra is not None and rb is not None and ra != rb


# -- clustering --------------------------------------------------------------

def _precision(report: Report) -> int:
    return len(report.qualifiers.get("date") or "")


def _same_event(relation: str, member: Report, report: Report) -> bool:
    a, b = member.qualifiers, report.qualifiers
    if rounds_differ(a, b):
        return False
    gap = gap_days(a.get("date"), b.get("date"))
    if gap is not None and gap <= STRONG_DAYS:
        return True
    if gap is not None and gap > WINDOW_DAYS.get(relation, DEFAULT_WINDOW_DAYS):
        return False
    return not disagreements(a, b)


def _rounds(reports: Iterable[Report]) -> set[str]:
    return {r for r in (_round(report.qualifiers) for report in reports) if r is not None}


def cluster(relation: str, reports: Iterable[Report],
            memo: dict[frozenset[int], dict[str, Any]] | None = None) -> list[list[Report]]:
    """The reports grouped into one list per real fact (see the module's rule).

    ``memo`` keeps each cluster's representative values by its members (the
    ids of the report objects) across calls: a batch writer that clusters a
    pair's reports again after each document (to count what that document
    added) meets the same clusters again and again. An id names one object only
    while it lives, so the caller keeps every report it clustered alive for as
    long as it keeps the memo (the batch writer holds them all for the batch).
    """
    reports = list(reports)
    if not reports:
        return []
    if not RELATIONS[relation].event:
        return [sorted(reports, key=Report.order)]
    dated = sorted((r for r in reports if interval(r.qualifiers.get("date"))),
                   key=lambda r: (-_precision(r), r.qualifiers["date"], r.order()))
    undated = sorted((r for r in reports if not interval(r.qualifiers.get("date"))),
                     key=Report.order)
    clusters: list[list[Report]] = []
    # Per cluster, kept up to date as reports join: its representative values and the
    # rounds its reports give (what every later report is compared with; worked out
    # again for each report, they made a pair of many reports quadratic).
    values: list[dict[str, Any]] = []
    rounds: list[set[str]] = []

    keys: list[frozenset[int]] = []

    def values_of(i: int) -> dict[str, Any]:
        if memo is None:
            return representative(clusters[i])
        # The values depend only on which reports the cluster has (representative
        # puts them in source order), so the members' identities are a key.
        found = memo.get(keys[i])
        if found is None:
            found = memo[keys[i]] = representative(clusters[i])
        return found

    def join(i: int | None, report: Report) -> None:
        if i is None:
            clusters.append([report])
            keys.append(frozenset((id(report),)))
            values.append(values_of(len(clusters) - 1))
            rounds.append(_rounds(clusters[-1]))
            return
        clusters[i].append(report)
        keys[i] = keys[i] | {id(report)}
        values[i] = values_of(i)
        rounds[i] |= _rounds([report])

    for report in dated:
        said = _round(report.qualifiers)
        options = []
        for i in range(len(clusters)):
            # A report joins an event when it matches the event's representative values
            # and contradicts the round of none of its reports.
            if said is not None and rounds[i] - {said}:
                continue
            event = Report(doc="", evidence="", qualifiers=values[i], confidence=0.0, extractor="")
            if _same_event(relation, event, report):
                gap = gap_days(values[i].get("date"), report.qualifiers["date"])
                options.append((gap or 0, i))
        join(min(options)[1] if options else None, report)
    for report in undated:
        said = _round(report.qualifiers)
        options = []
        for i, members in enumerate(clusters):
            if said is not None and rounds[i] - {said}:
                continue
            if all(disagreements(m.qualifiers, report.qualifiers) for m in members):
                continue
            when = interval(values[i].get("date"))
            # Prefer events that had happened when the report was published,
            # the latest of those; then any dated event; then undated ones.
            published = interval(report.published)
            happened = when is not None and (published is None or when[0] <= published[1])
            options.append((not happened, when is None,
                            -(when[0].toordinal() if when else 0), i))
        join(min(options)[3] if options else None, report)
    return [sorted(members, key=Report.order) for members in clusters]


# -- merging -----------------------------------------------------------------

def per_source(reports: Sequence[Report]) -> dict[str, dict[str, Any]]:
    """Each document's values: the first value its claims give for each qualifier."""
    out: dict[str, dict[str, Any]] = {}
    for report in sorted(reports, key=Report.order):
        values = out.setdefault(report.doc, {})
        for key, value in report.qualifiers.items():
            if value is not None and key not in values:
                values[key] = value
    return out


def _best_date(dates: list[str]) -> str:
    """The date most sources support (a source supports the dates its own contains or
    is contained in), refined to the best supported more precise date inside it."""
    counts = Counter(dates)  # many sources give the same date
    support = {d: sum(n for other, n in counts.items() if dates_compatible(d, other)) for d in counts}
    best = min(support, key=lambda d: (-support[d], -len(d), d))
    finer = [d for d in dates if len(d) > len(best) and d.startswith(best)]
    return _best_date(finer) if finer else best


def _choose(values: list[tuple[Any, float]]) -> Any:
    """The value most sources give; ties go to the most confident source, then to the
    first in source order. ``values`` are (value, source confidence) in source order."""
    counts = Counter(v for v, _ in values)
    trust: dict[Any, float] = {}
    for value, confidence in values:
        trust[value] = max(trust.get(value, 0.0), confidence)
    best = max((counts[v], trust[v]) for v, _ in values)
    return next(v for v, _ in values if (counts[v], trust[v]) == best)


def representative(reports: Sequence[Report]) -> dict[str, Any]:
    """The edge's qualifiers: per qualifier the value most sources give (see module)."""
    said = per_source(reports)
    trust: dict[str, float] = {}
    for report in reports:
        trust[report.doc] = max(trust.get(report.doc, 0.0), report.confidence)
    sources = [(q, trust[doc]) for doc, q in said.items()]
    out: dict[str, Any] = {}
    dates = [q["date"] for q, _ in sources if q.get("date")]
    if dates:
        out["date"] = _best_date(dates)
    for amount, currency in MONEY_PAIRS:
        pairs = [((q[amount], q.get(currency)), c) for q, c in sources
                 if q.get(amount) is not None]
        if pairs:
            out[amount], chosen_currency = _choose(pairs)
            if chosen_currency:
                out[currency] = chosen_currency
    taken = {"date", *(name for pair in MONEY_PAIRS for name in pair)}
    for name in sorted({k for q, _ in sources for k in q} - taken):
        values = [(q[name], c) for q, c in sources if q.get(name) is not None]
        if values:
            out[name] = _choose(values)
    if any(q.get("status") == "ended" for q, _ in sources):
        # An ending is news; "active" is often a stale description.
        out["status"] = "ended"
    for _amount, currency in MONEY_PAIRS:
        # A currency no source gave with an amount (rare) is still kept.
        if currency not in out:
            values = [(q[currency], c) for q, c in sources if q.get(currency)]
            if values:
                out[currency] = _choose(values)
    return out


_COMPARED = ("date", "currency", *(name for pair in MONEY_PAIRS for name in pair), *FIGURES)


def _figures_key(values: dict[str, Any]) -> str:
    """What ``disagreements`` and ``conflicts`` read of one source's values. A value that
    is not equal to itself (NaN) keeps the source apart: it disagrees with its twin."""
    compared = tuple(values.get(name) for name in _COMPARED)
    if any(v != v for v in compared):
        return f"#{id(values)}"
    return repr(compared)


def conflicts(reports: Sequence[Report]) -> list[str]:
    """The qualifiers on which the edge's sources disagree, sorted."""
    # Sources that give the same figures and date never disagree: one of each will do
    # (many sources of one edge say the same; comparing every two was quadratic).
    sources = list({_figures_key(q): q for q in per_source(reports).values()}.values())
    out: set[str] = set()
    for i, a in enumerate(sources):
        for b in sources[i + 1:]:
            out |= disagreements(a, b)
            if a.get("date") and b.get("date") and not dates_compatible(a["date"], b["date"]):
                out.add("date")
    return sorted(out)


@dataclass
class Edge:
    """One merged edge: its id, qualifiers and provenance, all from its reports."""

    fact_id: str
    relation: str
    qualifiers: dict[str, Any]
    reports: list[Report]
    conflicts: list[str] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(r.doc for r in self.reports))

    @property
    def evidence(self) -> list[str]:
        """Per source, its sentences joined by newlines (the store's form)."""
        out: dict[str, list[str]] = {}
        for report in self.reports:
            sentences = out.setdefault(report.doc, [])
            if report.evidence and report.evidence not in sentences:
                sentences.append(report.evidence)
        return ["\n".join(out[doc]) for doc in self.sources]

    @property
    def confidence(self) -> float:
        # Independent sources raise confidence (noisy-or over each source's best
        # claim), multiplied in document-id order so the float is reproducible.
        best: dict[str, float] = {}
        for report in self.reports:
            best[report.doc] = max(best.get(report.doc, 0.0), report.confidence)
        doubt = 1.0
        for doc in sorted(best):
            doubt *= 1 - best[doc]
        return 1 - doubt

    @property
    def extractor(self) -> str:
        """The extractor of most of the reports (then of the most confident one)."""
        return _choose([(r.extractor, r.confidence) for r in self.reports]) if self.reports else ""

    def props(self) -> dict[str, Any]:
        """The edge's store columns (qualifiers included)."""
        seen = [r.seen for r in self.reports if r.seen]
        return {
            **{k: v for k, v in self.qualifiers.items() if v is not None},
            "fact_id": self.fact_id,
            "sources": self.sources,
            "evidence": self.evidence,
            "confidence": self.confidence,
            "extractor": self.extractor,
            "first_seen": min(seen, default=""),
            "last_seen": max(seen, default=""),
            "reports": sorted(r.to_json() for r in self.reports),
            "conflicts": list(self.conflicts),
        }


def event_key(relation: str, qualifiers: dict[str, Any]) -> str:
    if not RELATIONS[relation].event:
        return ""
    return f"{qualifiers.get('date') or ''}|{_round(qualifiers) or ''}"


def merge_pair(relation: str, subject_id: str, object_id: str,
               reports: Iterable[Report]) -> list[Edge]:
    """Every edge of one (subject, relation, object) from the set of its reports."""
    edges: list[Edge] = []
    used: Counter[str] = Counter()
    for members in cluster(relation, reports):
        qualifiers = representative(members)
        key = event_key(relation, qualifiers)
        used[key] += 1
        if used[key] > 1:
            key = f"{key}#{used[key]}"
        edges.append(Edge(fact_id(subject_id, relation, object_id, key), relation,
                          qualifiers, members, conflicts(members)))
    return edges
