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
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from operator import itemgetter
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
# What representative() chooses apart from the other qualifiers.
_TAKEN = frozenset({"date", *(name for pair in MONEY_PAIRS for name in pair)})


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

    def stored_json(self, source: int, sentences: Mapping[str, int], extractor: str,
                    seen: str) -> str:
        """The report as an edge stores it: its document as ``source``, the position of
        the document in the edge's ``sources``; its sentence as its position in
        ``sentences`` (that document's lines of the edge's ``evidence``, each line's
        first position) when it is one;
        its extractor and when it was written left out when they are the edge's own
        (``extractor``, and ``seen``: the edge's ``last_seen``).

        Not :meth:`to_json`: the edge already holds those, and the engine's checkpoint
        after each batch of a first load rewrites every report of the largest
        relationship tables, so its memory follows their bytes.
        """
        data: dict[str, Any] = {"s": source, "e": self.evidence, "q": self.qualifiers,
                                "c": self.confidence, "p": self.published, "i": self.index}
        if self.evidence and (position := sentences.get(self.evidence)) is not None:
            data["e"] = position
        if self.extractor != extractor:
            data["x"] = self.extractor
        if self.seen != seen:
            data["t"] = self.seen
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_stored(cls, text: str, sources: Sequence[str], lines: Sequence[Sequence[str]],
                    extractor: str, seen: str) -> Report:
        """A report as an edge stores it (:meth:`stored_json`, or :meth:`to_json` as stores
        written before held them), given the edge's ``sources``, the lines of each of
        its ``evidence`` texts, its ``extractor`` and ``last_seen``."""
        data = json.loads(text)
        if "doc" in data:
            return cls._of(data)
        source, sentence = data["s"], data["e"]
        if isinstance(sentence, int):
            sentence = lines[source][sentence]
        return cls(doc=sources[source], evidence=sentence, qualifiers=dict(data["q"] or {}),
                   confidence=float(data["c"]), extractor=data.get("x", extractor),
                   published=data["p"], index=int(data["i"]), seen=data.get("t", seen))

    @classmethod
    def from_json(cls, text: str) -> Report:
        return cls._of(json.loads(text))

    @classmethod
    def _of(cls, data: dict[str, Any]) -> Report:
        return cls(doc=data["doc"], evidence=data.get("evidence", ""),
                   qualifiers=dict(data.get("qualifiers") or {}),
                   confidence=float(data.get("confidence", 0.0)),
                   extractor=data.get("extractor", ""), published=data.get("published"),
                   index=int(data.get("index", 0)), seen=data.get("seen", ""))


def first_published(reports: Iterable[Report]) -> str | None:
    """The earliest publication date of the documents of ``reports`` (None: none dated):
    when a state's event was first told (kg.graph.lifecycle.Event)."""
    return min((r.published for r in reports if r.published), default=None)


# The columns of an edge that its stored reports need (see read_reports).
REPORT_COLUMNS = "r.reports, r.sources, r.evidence, r.extractor, r.last_seen"


def read_reports(texts: Iterable[str] | None, sources: Sequence[str] | None,
                 evidence: Sequence[str] | None, extractor: str | None,
                 last_seen: str | None) -> list[Report]:
    """An edge's stored reports from its :data:`REPORT_COLUMNS`."""
    if not texts:
        return []
    lines = [text.split("\n") for text in evidence or []]  # once per edge, not per report
    return [Report.from_stored(text, sources or [], lines, extractor or "", last_seen or "")
            for text in texts]


# -- dates -------------------------------------------------------------------

def interval(value: str | None) -> tuple[date, date] | None:
    """The days an ISO date at its precision covers: ``2025-06`` is June 1 to 30."""
    if not value:
        return None
    return _interval(value)


@lru_cache(maxsize=4096)  # clustering compares the same few dates again and again
def _interval(value: str) -> tuple[date, date] | None:
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
    return _same_event_values(relation, member.qualifiers, report.qualifiers)


def _same_event_values(relation: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    if rounds_differ(a, b):
        return False
    gap = gap_days(a.get("date"), b.get("date"))
    if gap is not None and gap <= STRONG_DAYS:
        return True
    if gap is not None and gap > WINDOW_DAYS.get(relation, DEFAULT_WINDOW_DAYS):
        return False
    return not disagreements(a, b)


def cluster(relation: str, reports: Iterable[Report]) -> list[list[Report]]:
    """The reports grouped into one list per real fact (see the module's rule), each
    in source order."""
    reports = list(reports)
    if not reports:
        return []
    if not RELATIONS[relation].event:
        return [sorted(reports, key=Report.order)]
    clustering = Clustering(relation)
    return [sorted(members, key=Report.order) for members in clustering.add(reports)]


class _Tally:
    """The sources that give one value: how many, their trusts, which documents."""

    __slots__ = ("count", "trusts", "docs")

    def __init__(self) -> None:
        self.count = 0
        self.trusts: Counter[float] = Counter()
        self.docs: dict[str, None] = {}


class _Representative:
    """An edge's (or a cluster's) qualifiers chosen from its sources, kept up to date as
    reports join it (:func:`representative` gives it all the reports at once).

    Each document is one source, with the first value its reports give for each
    qualifier and the trust of its most confident report. Per qualifier the value
    most sources give wins, then the most trusted, then the one whose first source
    comes first; a money amount is chosen with its currency; the date is the one
    most sources support (see :func:`_best_date_counts`); an ending ("ended") wins
    over a stale "active". Each source's values are tallied per value (how many
    sources give it, their trusts, which documents), so a join changes the tallies
    of one source: a cluster of n reports worked out afresh at each join cost n
    times all its sources.
    """

    def __init__(self) -> None:
        self._reports: dict[str, list[Report]] = {}  # document -> its reports, in join order
        # document -> (its values, its trust, its first report's order): see per_source.
        self._sources: dict[str, tuple[dict[str, Any], float, tuple[str, str, int, str]]] = {}
        self._slots: dict[tuple[str, str], dict[Any, _Tally]] = {}
        self._dates: Counter[str] = Counter()
        self._ended = 0
        self._values: dict[str, Any] | None = None

    def add(self, report: Report) -> None:
        self._reports.setdefault(report.doc, []).append(report)
        self._recount(report.doc)

    def remove_last(self, report: Report) -> None:
        """Take back ``report``, the last of its document to have joined."""
        reports = self._reports[report.doc]
        reports.pop()
        if not reports:
            del self._reports[report.doc]
        self._recount(report.doc)

    def _recount(self, doc: str) -> None:
        """The tallies with ``doc``'s values as its reports now give them."""
        previous = self._sources.pop(doc, None)
        if previous is not None:
            self._count(doc, *previous[:2], -1)
        self._values = None
        reports = self._reports.get(doc)
        if not reports:
            return
        said = per_source(reports)[doc]
        trust = max(member.confidence for member in reports)
        self._sources[doc] = (said, trust, min(member.order() for member in reports))
        self._count(doc, said, trust, 1)

    @staticmethod
    def _slots_of(said: dict[str, Any]) -> Iterator[tuple[tuple[str, str], Any]]:
        # The values representative() chooses among, by what it chooses: a money pair,
        # a qualifier, a currency given without an amount.
        for amount, currency in MONEY_PAIRS:
            if said.get(amount) is not None:
                yield ("money", amount), (said[amount], said.get(currency))
        for name, value in said.items():
            if name not in _TAKEN:
                yield ("name", name), value
        for _amount, currency in MONEY_PAIRS:
            if said.get(currency):
                yield ("currency", currency), said[currency]

    def _count(self, doc: str, said: dict[str, Any], trust: float, step: int) -> None:
        if said.get("date"):
            self._dates[said["date"]] += step
            if not self._dates[said["date"]]:
                del self._dates[said["date"]]
        if said.get("status") == "ended":
            self._ended += step
        for slot, value in self._slots_of(said):
            tallies = self._slots.setdefault(slot, {})
            tally = tallies.get(value)
            if tally is None:
                tally = tallies[value] = _Tally()
            tally.count += step
            tally.trusts[trust] += step
            if not tally.trusts[trust]:
                del tally.trusts[trust]
            if step > 0:
                tally.docs[doc] = None
            else:
                del tally.docs[doc]
            if not tally.count:
                del tallies[value]
                if not tallies:
                    del self._slots[slot]

    def _choose(self, tallies: dict[Any, _Tally]) -> Any:
        """As :func:`_choose` over the sources in source order: the value most sources
        give, then the most trusted, then the one whose first source comes first."""
        scored = [((tally.count, max(tally.trusts)), value) for value, tally in tallies.items()]
        best = max(score for score, _ in scored)
        winners = [value for score, value in scored if score == best]
        if len(winners) == 1:
            return winners[0]
        return min(winners, key=lambda value: min(self._sources[doc][2]
                                                  for doc in tallies[value].docs))

    def values(self) -> dict[str, Any]:
        if self._values is not None:
            return self._values
        out: dict[str, Any] = {}
        if self._dates:
            out["date"] = _best_date_counts(self._dates)
        for amount, currency in MONEY_PAIRS:
            tallies = self._slots.get(("money", amount))
            if tallies:
                out[amount], chosen_currency = self._choose(tallies)
                if chosen_currency:
                    out[currency] = chosen_currency
        for slot in sorted(slot for slot in self._slots if slot[0] == "name"):
            out[slot[1]] = self._choose(self._slots[slot])
        if self._ended:
            out["status"] = "ended"
        for _amount, currency in MONEY_PAIRS:
            tallies = self._slots.get(("currency", currency))
            if currency not in out and tallies:
                out[currency] = self._choose(tallies)
        self._values = out
        return out


class _Cluster:
    """One event being clustered: its reports, their values, the rounds they give, and
    one set of qualifiers per distinct figures (what an undated report is compared with)."""

    __slots__ = ("members", "representative", "_rounds", "_figures", "_figured")

    def __init__(self) -> None:
        self.members: list[Report] = []
        self.representative = _Representative()
        self._rounds: Counter[str] = Counter()
        self._figures: dict[str, dict[str, Any]] = {}
        self._figured = 0  # members whose figures are in _figures

    def contradicts(self, said: str | None) -> bool:
        """Whether a report giving round ``said`` contradicts the round of a member."""
        return said is not None and any(r != said for r in self._rounds)

    def join(self, report: Report) -> None:
        self.members.append(report)
        self.representative.add(report)
        said = _round(report.qualifiers)
        if said is not None:
            self._rounds[said] += 1

    def leave(self) -> Report:
        """Take back the member that joined last."""
        report = self.members.pop()
        self.representative.remove_last(report)
        said = _round(report.qualifiers)
        if said is not None:
            self._rounds[said] -= 1
            if not self._rounds[said]:
                del self._rounds[said]
        if self._figured > len(self.members):
            self._figures, self._figured = {}, 0
        return report

    def figures(self) -> Iterable[dict[str, Any]]:
        """The qualifiers of the members, one per distinct figures (only undated reports
        are compared with them: worked out when one is)."""
        for member in self.members[self._figured:]:
            self._figures.setdefault(_figures_key(member.qualifiers), member.qualifiers)
        self._figured = len(self.members)
        return self._figures.values()


class Clustering:
    """The clusters of one pair's reports (see :func:`cluster`), kept as reports are added.

    A batch writer counts what each document adds by clustering the pair's reports
    again after each document. Clustering is greedy over the reports in canonical
    order, so the clusters after any prefix of that order depend on the prefix
    alone: adding reports, only the reports from the first new one on are clustered
    again, from the clusters as the ones before it left them (the choices after it
    taken back, or those before it made again without comparisons, whichever is
    fewer).
    """

    def __init__(self, relation: str) -> None:
        self.relation = relation
        self._window = WINDOW_DAYS.get(relation, DEFAULT_WINDOW_DAYS)
        self._dated: list[tuple[tuple[int, str, tuple[str, str, int, str]], Report]] = []
        self._undated: list[tuple[tuple[str, str, int, str], Report]] = []
        self._choices: list[int] = []  # per report in canonical order: the cluster it joined
        self._clusters: list[_Cluster] = []

    def add(self, reports: Iterable[Report]) -> list[list[Report]]:
        """Add ``reports``; the clusters of all reports added so far (each in the order
        its reports joined it: sort them by :meth:`Report.order` for source order)."""
        first = len(self._dated) + len(self._undated)
        for report in reports:
            if interval(report.qualifiers.get("date")):
                key = (-_precision(report), report.qualifiers["date"], report.order())
                at = bisect_right(self._dated, key, key=itemgetter(0))
                self._dated.insert(at, (key, report))
                first = min(first, at)
            else:
                order = report.order()
                at = bisect_right(self._undated, order, key=itemgetter(0))
                self._undated.insert(at, (order, report))
                first = min(first, len(self._dated) + at)
        sequence = [r for _, r in self._dated] + [r for _, r in self._undated]
        clusters = self._clusters
        if first > len(self._choices) - first:
            # The new reports sort late: take back the choices after them (in reverse).
            for choice in reversed(self._choices[first:]):
                clusters[choice].leave()
                if not clusters[choice].members:
                    clusters.pop()  # created by that report: the last one
        else:
            # They sort early: make the choices before them again, without comparing.
            clusters = []
            for report, choice in zip(sequence[:first], self._choices, strict=False):
                if choice == len(clusters):
                    clusters.append(_Cluster())
                clusters[choice].join(report)
        del self._choices[first:]
        for position in range(first, len(sequence)):
            report = sequence[position]
            choice = (self._dated_choice(clusters, report) if position < len(self._dated)
                      else self._undated_choice(clusters, report))
            if choice is None:
                choice = len(clusters)
                clusters.append(_Cluster())
            clusters[choice].join(report)
            self._choices.append(choice)
        self._clusters = clusters
        return [c.members for c in clusters]

    def clustered(self) -> list[tuple[list[Report], dict[str, Any]]]:
        """The clusters as :func:`cluster` gives them for all the reports added, each
        with its qualifiers (kept as reports joined: those :func:`representative`
        works out from its members)."""
        return [(sorted(c.members, key=Report.order), dict(c.representative.values()))
                for c in self._clusters]

    def _dated_choice(self, clusters: list[_Cluster], report: Report) -> int | None:
        """The closest event whose values the report matches and whose rounds it does
        not contradict."""
        said = _round(report.qualifiers)
        options = []
        for i, event in enumerate(clusters):
            if event.contradicts(said):
                continue
            values = event.representative.values()
            if _same_event_values(self.relation, values, report.qualifiers):
                gap = gap_days(values.get("date"), report.qualifiers["date"])
                options.append((gap or 0, i))
        return min(options)[1] if options else None

    def _undated_choice(self, clusters: list[_Cluster], report: Report) -> int | None:
        """Of the events whose rounds it does not contradict and with a source whose
        figures it agrees with: the latest that had happened when the report was
        published, then any dated event, then undated ones."""
        said = _round(report.qualifiers)
        options = []
        published = interval(report.published)
        for i, event in enumerate(clusters):
            if event.contradicts(said):
                continue
            # Sources with equal figures disagree alike: one of each is compared.
            if all(disagreements(q, report.qualifiers) for q in event.figures()):
                continue
            when = interval(event.representative.values().get("date"))
            happened = when is not None and (published is None or when[0] <= published[1])
            options.append((not happened, when is None,
                            -(when[0].toordinal() if when else 0), i))
        return min(options)[3] if options else None


class Gathering:
    """All the reports of one pair of a state relation, kept as reports are added: a state
    is one edge of every report (see :func:`cluster`), its qualifiers tallied as they join."""

    def __init__(self) -> None:
        self._members: list[Report] = []
        self._representative = _Representative()

    def add(self, reports: Iterable[Report]) -> None:
        for report in reports:
            self._members.append(report)
            self._representative.add(report)

    def clustered(self) -> list[tuple[list[Report], dict[str, Any]]]:
        """As :meth:`Clustering.clustered`: the one edge's reports and qualifiers."""
        if not self._members:
            return []
        return [(sorted(self._members, key=Report.order), dict(self._representative.values()))]


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


def _best_date_counts(counts: Mapping[str, int]) -> str:
    """The date most sources support (a source supports the dates its own contains or
    is contained in), refined to the best supported more precise date inside it;
    ``counts``: date -> number of sources that give it."""
    if len(counts) == 1:  # most events: every source gives one date
        return next(iter(counts))
    support = {d: sum(n for other, n in counts.items() if dates_compatible(d, other)) for d in counts}
    best = min(support, key=lambda d: (-support[d], -len(d), d))
    finer = {d: n for d, n in counts.items() if len(d) > len(best) and d.startswith(best)}
    return _best_date_counts(finer) if finer else best


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
    """The edge's qualifiers: per qualifier the value most sources give (see module).

    The rules are those of :class:`_Representative`, which a clustering keeps up
    to date as reports join; here it is given all the reports at once.
    """
    values = _Representative()
    for report in reports:
        values.add(report)
    return values.values()


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

    def stored_reports(self, sources: list[str], evidence: list[str], extractor: str,
                       seen: str) -> list[str]:
        """The reports as the edge stores them (:meth:`Report.stored_json`), sorted, given the
        edge's own ``sources``, ``evidence``, ``extractor`` and last ``seen`` (its columns)."""
        position = {doc: i for i, doc in enumerate(sources)}
        # each line's first position in its document's evidence, looked up once per report
        lines: list[dict[str, int]] = []
        for text in evidence:
            first: dict[str, int] = {}
            for i, line in enumerate(text.split("\n")):
                first.setdefault(line, i)
            lines.append(first)
        return sorted(r.stored_json(position[r.doc], lines[position[r.doc]], extractor, seen)
                      for r in self.reports)

    def props(self) -> dict[str, Any]:
        """The edge's store columns (qualifiers included)."""
        seen = [r.seen for r in self.reports if r.seen]
        sources, evidence, extractor = self.sources, self.evidence, self.extractor
        last_seen = max(seen, default="")
        return {
            **{k: v for k, v in self.qualifiers.items() if v is not None},
            "fact_id": self.fact_id,
            "sources": sources,
            "evidence": evidence,
            "confidence": self.confidence,
            "extractor": extractor,
            "first_seen": min(seen, default=""),
            "last_seen": last_seen,
            "reports": self.stored_reports(sources, evidence, extractor, last_seen),
            "conflicts": list(self.conflicts),
        }


def event_key(relation: str, qualifiers: dict[str, Any]) -> str:
    if not RELATIONS[relation].event:
        return ""
    return f"{qualifiers.get('date') or ''}|{_round(qualifiers) or ''}"


def merge_pair(relation: str, subject_id: str, object_id: str,
               reports: Iterable[Report]) -> list[Edge]:
    """Every edge of one (subject, relation, object) from the set of its reports."""
    return edges_of(relation, subject_id, object_id,
                    ((members, representative(members)) for members in cluster(relation, reports)))


def edges_of(relation: str, subject_id: str, object_id: str,
             clustered: Iterable[tuple[list[Report], dict[str, Any]]]) -> list[Edge]:
    """The edges of one pair from its clusters (as :func:`cluster` orders them), each with
    its members in source order and their :func:`representative` qualifiers."""
    edges: list[Edge] = []
    used: Counter[str] = Counter()
    for members, qualifiers in clustered:
        key = event_key(relation, qualifiers)
        used[key] += 1
        if used[key] > 1:
            key = f"{key}#{used[key]}"
        edges.append(Edge(fact_id(subject_id, relation, object_id, key), relation,
                          qualifiers, members, conflicts(members)))
    return edges
