"""Questions analysts ask of the relationship graph, answered with networkx.

How is A connected to B (:func:`shortest_paths`), where does talent flow
(:func:`talent_flows`), who are the central investors and hubs
(:func:`rank`), which organizations cluster together (:func:`communities`).

Every function takes a list of :class:`~kg.graph.model.Fact` (from
``Store.facts()``), so the same code runs on a store or on facts built in a
test; :func:`select` narrows them to relations and a date window first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.errors import KgError
from kg.graph.model import Entity, Fact, relation
from kg.graph.registry import fold

# networkx is imported in the functions that use it: importing it with the
# module cost every kg command (the CLI imports every command) ~0.3 s at start-up.
if TYPE_CHECKING:
    import networkx as nx


class AnalysisError(KgError):
    """An analysis cannot run as asked (unknown entity, no path, bad window)."""


# -- selecting facts -------------------------------------------------------------


def _check_date(value: str | None, option: str) -> None:
    if value is None:
        return
    parts = value.split("-")
    ok = (len(value) in (4, 7, 10) and all(p.isdigit() for p in parts)
          and [len(p) for p in parts] in ([4], [4, 2], [4, 2, 2]))
    if not ok:
        raise AnalysisError(f"{option} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")


def in_window(fact: Fact, as_of: str | None = None, since: str | None = None) -> bool:
    """Whether a fact belongs to the graph as of ``as_of``, counting from ``since``.

    Dates are compared at the fact's precision: a fact dated ``2025-06`` is
    in the graph as of ``2025-06-01`` and since ``2025-06-30``. An undated
    fact is in every ``as_of`` graph (it is not known to be later) but in no
    ``since`` window (it is not known to be recent). A fact that ended
    (``valid_to``) on or before ``as_of`` is out.
    """
    date = fact.qualifiers.get("date") or getattr(fact, "valid_from", None)
    if since is not None and (not date or date < since[:len(date)]):
        return False
    if as_of is not None:
        if date and date > as_of[:len(date)]:
            return False
        ended = getattr(fact, "valid_to", None)
        if ended and ended <= as_of[:len(ended)]:
            return False
    return True


def select(facts: Iterable[Fact], relations: Sequence[str] | None = None,
           as_of: str | None = None, since: str | None = None) -> list[Fact]:
    """The facts of some relation types (all when None) inside a date window."""
    _check_date(as_of, "--as-of")
    _check_date(since, "--since")
    wanted = {relation(r).name for r in relations} if relations else None
    return [f for f in facts
            if (wanted is None or f.relation in wanted) and in_window(f, as_of, since)]


def fact_graph(facts: Iterable[Fact]) -> nx.MultiDiGraph:
    """Entities as nodes (by id), each fact an edge keyed by its id with ``fact=``."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for fact in facts:
        for entity in (fact.subject, fact.object):
            graph.add_node(entity.id, entity=entity)
        graph.add_edge(fact.subject.id, fact.object.id, key=fact.id, fact=fact,
                       relation=fact.relation)
    return graph


def find_entity(candidates: Iterable[Fact | Entity], name: str) -> Entity:
    """The entity called ``name`` (any alias, Korean or English, or its id)."""
    key = fold(name)
    for item in candidates:
        for entity in (item.subject, item.object) if isinstance(item, Fact) else (item,):
            if key in {fold(entity.name), fold(entity.id), *(fold(a) for a in entity.aliases)}:
                return entity
    raise AnalysisError(f"no entity named {name!r}")


# -- paths -----------------------------------------------------------------------


@dataclass(frozen=True)
class Hop:
    """One step of a path: from one entity to the next, and every fact joining them."""

    source: Entity
    target: Entity
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Path:
    hops: tuple[Hop, ...]

    @property
    def entities(self) -> list[Entity]:
        return [self.hops[0].source, *(h.target for h in self.hops)] if self.hops else []


def shortest_paths(facts: Sequence[Fact], source: str, target: str, *, limit: int = 10,
                   entities: Sequence[Entity] | None = None) -> list[Path]:
    """The shortest paths from ``source`` to ``target`` (names or ids), ignoring direction.

    Names are looked up in ``entities`` (default: the facts' ends), so an
    entity that the selected facts leave out has no path rather than no name.

    A relationship graph is read both ways (Meta invested in Scale AI joins
    them whichever way one asks), so paths follow edges either way; each hop
    lists all the facts between its two entities, in either direction.
    """
    import networkx as nx

    candidates: Sequence[Fact | Entity] = entities if entities is not None else facts
    a, b = find_entity(candidates, source), find_entity(candidates, target)
    if a.id == b.id:
        raise AnalysisError(f"{source!r} and {target!r} are the same entity ({a.id})")
    graph = fact_graph(facts)
    if a.id not in graph or b.id not in graph:
        return []
    undirected = nx.Graph(graph.to_undirected(as_view=True))
    try:
        node_paths = list(nx.all_shortest_paths(undirected, a.id, b.id))
    except nx.NetworkXNoPath:
        return []
    node_paths.sort(key=lambda p: [graph.nodes[n]["entity"].name for n in p])
    out = []
    for nodes in node_paths[:limit]:
        hops = []
        for u, v in zip(nodes, nodes[1:], strict=False):
            between = [d["fact"] for d in graph.get_edge_data(u, v, default={}).values()]
            between += [d["fact"] for d in graph.get_edge_data(v, u, default={}).values()]
            between.sort(key=lambda f: (f.relation, f.qualifiers.get("date") or ""))
            hops.append(Hop(graph.nodes[u]["entity"], graph.nodes[v]["entity"], tuple(between)))
        out.append(Path(tuple(hops)))
    return out


# -- talent flows ----------------------------------------------------------------


@dataclass
class Flow:
    """People moving from one organization to another in one period."""

    source: Entity
    target: Entity
    period: str
    moves: int = 0  # reported moves (a HIRED_FROM fact or one person's departure and hire)
    people: int = 0  # head count where known: HIRED_FROM count, or 1 per person
    names: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)


def _period(date: str | None, by: str) -> str:
    if not date:
        return "undated"
    return date[:4] if by == "year" else date[:7] if len(date) >= 7 else date


def _same_or_before(a: str, b: str) -> bool:
    n = min(len(a), len(b))
    return a[:n] <= b[:n]


def _agree(a: str | None, b: str | None) -> bool:
    """Whether two dates can name the same day (an undated report agrees with any)."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def talent_flows(facts: Sequence[Fact], by: str = "year") -> list[Flow]:
    """Talent flows between organizations, counted per period (``year`` or ``month``).

    Two kinds of evidence: ``A HIRED_FROM B`` (people went from B to A), and
    a person who ``DEPARTED`` B and was ``HIRED`` by A no earlier than they
    left (dates compared at the coarser precision; undated counts). A
    move is dated by the hire. The same move reported both ways is counted once.
    """
    if by not in ("year", "month"):
        raise AnalysisError(f"flows are counted by year or month, not {by!r}")
    flows: dict[tuple[str, str, str], Flow] = {}
    person_moves: list[tuple[str, str, str | None, Flow]] = []

    def add(src: Entity, dst: Entity, date: str | None, people: int, name: str | None,
            fact_ids: list[str]) -> Flow:
        period = _period(date, by)
        flow = flows.setdefault((src.id, dst.id, period), Flow(src, dst, period))
        flow.moves += 1
        flow.people += people
        if name:
            flow.names.append(name)
        flow.facts.extend(fact_ids)
        return flow

    departed: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.relation == "DEPARTED":
            departed[fact.subject.id].append(fact)
    for fact in facts:
        if fact.relation != "HIRED":
            continue
        hired_on = fact.qualifiers.get("date")
        for left in departed.get(fact.object.id, []):
            if left.object.id == fact.subject.id:
                continue
            left_on = left.qualifiers.get("date")
            if hired_on and left_on and not _same_or_before(left_on, hired_on):
                continue  # joined before leaving: not a move from there
            flow = add(left.object, fact.subject, hired_on or left_on, 1, fact.object.name,
                       [left.id, fact.id])
            person_moves.append((left.object.id, fact.subject.id, hired_on or left_on, flow))
    for fact in facts:
        if fact.relation != "HIRED_FROM":
            continue
        date, count = fact.qualifiers.get("date"), fact.qualifiers.get("count")
        same = [flow for src, dst, moved_on, flow in person_moves
                if (src, dst) == (fact.object.id, fact.subject.id) and _agree(date, moved_on)]
        if same and not count:
            same[0].facts.append(fact.id)  # the same move, already counted per person
            continue
        add(fact.object, fact.subject, date, int(count or 1), None, [fact.id])
    return sorted(flows.values(), key=lambda f: (f.period, -f.people, f.source.name, f.target.name))


# -- ranking ---------------------------------------------------------------------


@dataclass(frozen=True)
class Rank:
    entity: Entity
    pagerank: float
    in_degree: int
    out_degree: int

    @property
    def degree(self) -> int:
        return self.in_degree + self.out_degree


RANK_ORDERS = ("pagerank", "degree", "in", "out")


def rank(facts: Sequence[Fact], *, by: str = "pagerank", top: int | None = None,
         entity_type: str | None = None) -> list[Rank]:
    """Entities by centrality over the given facts.

    Degrees count facts (two investment rounds are two). PageRank runs on
    the directed graph with one edge per pair weighted by its fact count, so
    rank flows from investor to investee, hirer to hired, and so on: with
    INVESTED_IN only, a high ``out`` degree is a central investor and a high
    PageRank an entity that central investors back.
    """
    import networkx as nx

    if by not in RANK_ORDERS:
        raise AnalysisError(f"rank by one of {', '.join(RANK_ORDERS)}, not {by!r}")
    graph = fact_graph(facts)
    if graph.number_of_nodes() == 0:
        return []
    weighted = nx.DiGraph()
    weighted.add_nodes_from(graph.nodes)
    for u, v in graph.edges():
        if weighted.has_edge(u, v):
            weighted[u][v]["weight"] += 1
        else:
            weighted.add_edge(u, v, weight=1)
    scores = nx.pagerank(weighted, weight="weight")
    rows = [Rank(graph.nodes[n]["entity"], scores[n], graph.in_degree(n), graph.out_degree(n))
            for n in graph.nodes]
    if entity_type:
        rows = [r for r in rows if r.entity.type == entity_type]
    key: dict[str, Any] = {
        "pagerank": lambda r: (-r.pagerank, -r.degree, r.entity.name),
        "degree": lambda r: (-r.degree, -r.pagerank, r.entity.name),
        "in": lambda r: (-r.in_degree, -r.pagerank, r.entity.name),
        "out": lambda r: (-r.out_degree, -r.pagerank, r.entity.name),
    }
    rows.sort(key=key[by])
    return rows[:top] if top else rows


# -- communities -----------------------------------------------------------------


@dataclass(frozen=True)
class Community:
    members: tuple[Entity, ...]
    facts: int  # facts inside the community
    relations: dict[str, int]  # those facts by relation


def communities(facts: Sequence[Fact], *, resolution: float = 1.0, seed: int = 0) -> list[Community]:
    """Groups of entities more tied to each other than to the rest (Louvain, fixed seed).

    Runs on the undirected graph with one edge per pair weighted by its fact
    count; the seed makes the answer repeatable. Largest communities first.
    """
    import networkx as nx

    graph = fact_graph(facts)
    if graph.number_of_nodes() == 0:
        return []
    weighted = nx.Graph()
    weighted.add_nodes_from(graph.nodes)
    for u, v in graph.edges():
        if u == v:
            continue
        w = weighted.get_edge_data(u, v, default={"weight": 0})["weight"]
        weighted.add_edge(u, v, weight=w + 1)
    groups = nx.community.louvain_communities(weighted, weight="weight", resolution=resolution,
                                              seed=seed)
    out = []
    for group in groups:
        inside = [d["fact"] for u, v, d in graph.edges(data=True) if u in group and v in group]
        members = sorted((graph.nodes[n]["entity"] for n in group), key=lambda e: e.name)
        out.append(Community(tuple(members), len(inside),
                             dict(Counter(f.relation for f in inside).most_common())))
    out.sort(key=lambda c: (-len(c.members), -c.facts, c.members[0].name))
    return out
