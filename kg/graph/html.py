"""Self-contained HTML pages of the graph: one entity's page, or the whole graph.

The drawings are SVG written here, positioned by networkx layouts; the
page's little script (filters on the whole-graph page) is kg's own. Nothing
is fetched when the page opens, so it works offline and can be mailed.

* :func:`entity_page`: the entity's Korean and English names, its ego graph
  (typed, coloured edges with amounts and dates written on them), a timeline
  of its dated events and its facts with evidence and sources.
* :func:`graph_page`: every entity and fact, with filters by relation and
  by date.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from kg.graph.captions import edge_caption, edge_detail
from kg.graph.model import RELATIONS, Entity, Fact

# One colour per relation (the Neo4j Browser style in kg.grass uses the same families).
COLOURS = {
    "INVESTED_IN": "#1f8fb4",
    "ACQUIRED": "#8c6d31",
    "HIRED": "#2e9e4f",
    "HIRED_FROM": "#17becf",
    "DEPARTED": "#d62728",
    "WORKS_AT": "#7f7f7f",
    "FOUNDED": "#9467bd",
    "PART_OF": "#bcbd22",
    "VENDOR_TO": "#e377c2",
    "PARTNERED_WITH": "#ff7f0e",
    "ENDED_PARTNERSHIP": "#a0522d",
    "COMPETES_WITH": "#555599",
    "LAID_OFF": "#c0392b",
}
NODE_COLOURS = {"Organization": "#4C8EDA", "Person": "#F79767"}
def has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" for ch in text)


def names(entity: Entity) -> tuple[str | None, str | None]:
    """The entity's Korean and English names (the first alias in each script)."""
    ko = en = None
    for name in (entity.name, *entity.aliases):
        if has_hangul(name):
            ko = ko or name
        elif any(ch.isalpha() for ch in name):
            en = en or name
    return ko, en


def qualifier_cells(fact: Fact) -> str:
    def text(value: Any) -> str:
        if isinstance(value, float) and value.is_integer():
            return f"{value:,.0f}"
        return f"{value:g}" if isinstance(value, float) else str(value)

    return "<br>".join(f"{escape(k)}={escape(text(v))}" for k, v in fact.qualifiers.items())


# -- SVG -------------------------------------------------------------------------


@dataclass
class Drawing:
    width: int
    height: int
    positions: dict[str, tuple[float, float]]


def _node_svg(entity: Entity, x: float, y: float, radius: float, centre: bool = False) -> str:
    ko, en = names(entity)
    first = entity.name
    second = ko if ko and ko != first else (en if en and en != first else None)
    colour = NODE_COLOURS.get(entity.type, "#A5ABB6")
    first_lang = ' lang="ko"' if has_hangul(first) else ""
    lines = [f'<circle r="{radius:.0f}" fill="{colour}" stroke="#333" '
             f'stroke-width="{3 if centre else 1}"/>',
             f'<text class="name" y="{radius + 16:.0f}" text-anchor="middle"'
             f"{first_lang}>{escape(first)}</text>"]
    if second:
        cls = "name-ko" if has_hangul(second) else "name-en"
        lang = ' lang="ko"' if has_hangul(second) else ""
        lines.append(f'<text class="{cls}" y="{radius + 32:.0f}" text-anchor="middle"{lang}>'
                     f"{escape(second)}</text>")
    return (f'<g class="node" data-id="{escape(entity.id)}" data-name="{escape(entity.name)}" '
            f'transform="translate({x:.1f},{y:.1f})"><title>{escape(entity.name)} '
            f'({entity.type}, {escape(entity.id)})</title>{"".join(lines)}</g>')


def _edge_svg(fact: Fact, a: tuple[float, float], b: tuple[float, float], bend: float,
              radius: float) -> str:
    colour = COLOURS.get(fact.relation, "#888")
    caption = edge_caption(fact)
    attrs = (f'class="edge" data-relation="{fact.relation}" data-fact="{escape(fact.id)}" '
             f'data-date="{escape(fact.qualifiers.get("date") or "")}" '
             f'data-source="{escape(fact.subject.id)}" data-target="{escape(fact.object.id)}"')
    evidence = escape(" | ".join(s.evidence for s in fact.sources))[:600]
    if a == b:  # a self loop (LAID_OFF its own staff): a circle above the node
        x, y = a
        cy = y - radius - 22 - bend
        return (f'<g {attrs}><title>{evidence}</title>'
                f'<circle cx="{x:.1f}" cy="{cy:.1f}" r="{22 + bend / 2:.0f}" fill="none" '
                f'stroke="{colour}" stroke-width="2"/>'
                f'<text class="caption" x="{x:.1f}" y="{cy - 26 - bend / 2:.1f}" '
                f'text-anchor="middle" fill="{colour}">{escape(caption)}</text></g>')
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    # Start and end on the circles' rims, so the arrowhead stays visible.
    sx, sy = x1 + ux * radius, y1 + uy * radius
    ex, ey = x2 - ux * (radius + 4), y2 - uy * (radius + 4)
    mx, my = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
    # The curve's midpoint is halfway between the chord's middle and the control point.
    lx, ly = (sx + ex) / 4 + mx / 2, (sy + ey) / 4 + my / 2
    angle = math.degrees(math.atan2(dy, dx))
    if angle > 90 or angle < -90:
        angle += 180  # keep captions upright
    return (f'<g {attrs}><title>{evidence}</title>'
            f'<path d="M{sx:.1f},{sy:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}" fill="none" '
            f'stroke="{colour}" stroke-width="2" marker-end="url(#arrow-{fact.relation})"/>'
            f'<text class="caption" transform="translate({lx:.1f},{ly:.1f}) rotate({angle:.1f})" '
            f'dy="-4" text-anchor="middle" fill="{colour}">{escape(caption)}</text></g>')


def _markers() -> str:
    return "".join(
        f'<marker id="arrow-{rel}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{colour}"/></marker>'
        for rel, colour in COLOURS.items())


def _svg(facts: Sequence[Fact], entities: dict[str, Entity], drawing: Drawing,
         centre: str | None = None, radius: float = 14) -> str:
    bends: dict[frozenset[str], int] = defaultdict(int)
    edges = []
    for fact in facts:
        pair = frozenset((fact.subject.id, fact.object.id))
        n = bends[pair]
        bends[pair] += 1
        # Parallel edges fan out: 0, +90, -90, +180, ... (loops grow instead).
        offset = 0 if n == 0 else (90 * ((n + 1) // 2) * (1 if n % 2 else -1))
        if fact.subject.id == fact.object.id:
            offset = 18 * n
        edges.append(_edge_svg(fact, drawing.positions[fact.subject.id],
                               drawing.positions[fact.object.id], offset, radius))
    nodes = [_node_svg(entities[n], x, y, radius * (1.4 if n == centre else 1), n == centre)
             for n, (x, y) in drawing.positions.items()]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="{drawing.width}" '
            f'height="{drawing.height}" viewBox="0 0 {drawing.width} {drawing.height}">'
            f"<defs>{_markers()}</defs>"
            f'<g class="edges">{"".join(edges)}</g><g class="nodes">{"".join(nodes)}</g></svg>')


def ego_layout(entity: Entity, neighbours: Sequence[str], width: int = 1000,
               height: int = 640) -> Drawing:
    """The entity in the middle, its neighbours on a circle around it."""
    cx, cy = width / 2, height / 2
    positions = {entity.id: (cx, cy)}
    r = min(width, height) / 2 - 90
    for i, node in enumerate(neighbours):
        angle = 2 * math.pi * i / max(len(neighbours), 1) - math.pi / 2 + 0.3
        positions[node] = (cx + r * 1.35 * math.cos(angle), cy + r * math.sin(angle))
    return Drawing(width, height, positions)


def component_layout(facts: Sequence[Fact], entity_ids: Iterable[str],
                     width: int = 1400) -> Drawing:
    """Each connected part laid out on its own (Kamada-Kawai), the parts packed in rows.

    Laying out the whole graph at once squeezes unrelated clusters together;
    packing them side by side, largest first, keeps every cluster readable.
    The layout is deterministic: the same graph gives the same page.
    """
    import networkx as nx  # here, not at the top: every kg command imports this module

    graph = nx.Graph()
    graph.add_nodes_from(sorted(entity_ids))
    graph.add_edges_from((f.subject.id, f.object.id) for f in facts if f.subject.id != f.object.id)
    parts = sorted((sorted(c) for c in nx.connected_components(graph)),
                   key=lambda c: (-len(c), c[0]))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    margin = 100.0
    for part in parts:
        size = min(width - 2 * margin, 230.0 * math.sqrt(len(part)) + 60)
        if x + size > width and x > 0:
            x, y, row_height = 0.0, y + row_height, 0.0
        if len(part) == 1:
            raw = {part[0]: (0.5, 0.5)}
        else:
            laid = nx.kamada_kawai_layout(graph.subgraph(part))
            xs, ys = [p[0] for p in laid.values()], [p[1] for p in laid.values()]
            span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
            raw = {n: ((p[0] - min(xs)) / span, (p[1] - min(ys)) / span) for n, p in laid.items()}
        inner = size - 2 * margin
        for node, (px, py) in raw.items():
            positions[node] = (x + margin + px * inner, y + margin + py * inner)
        x += size
        row_height = max(row_height, size)
    return Drawing(width, int(y + row_height) or 200, positions)


# -- pages -----------------------------------------------------------------------

_CSS = """
body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic",
       system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { margin-bottom: 0.1em; } .aka { color: #555; margin-top: 0; }
svg.graph { border: 1px solid #ddd; background: #fcfcfc; max-width: 100%; height: auto; }
svg text { font-size: 12px; } svg text.name { font-weight: 600; }
svg text.caption { font-size: 11px; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg text.name, svg text.name-ko, svg text.name-en { paint-order: stroke; stroke: #fff;
       stroke-width: 3px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
ol.timeline { list-style: none; padding-left: 0; border-left: 3px solid #4C8EDA; }
ol.timeline li { margin: 0 0 0.6em 0; padding-left: 1em; position: relative; }
ol.timeline li::before { content: ""; position: absolute; left: -8px; top: 5px; width: 13px;
       height: 13px; border-radius: 50%; background: #4C8EDA; }
ol.timeline time { font-weight: 600; margin-right: 0.6em; }
.rel { font-family: ui-monospace, monospace; font-size: 12px; padding: 1px 4px;
       border-radius: 3px; color: #fff; }
.legend span { margin-right: 1em; } .filters { margin: 0.5em 0 1em; }
.filters label { margin-right: 0.8em; white-space: nowrap; }
.evidence { color: #444; } .source { color: #666; font-size: 12px; }
"""


def _page(title: str, body: str, script: str = "") -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><link rel=\"icon\" href=\"data:,\">"
            '<meta name="generator" content="kg">'
            f"<style>{_CSS}</style></head><body>{body}"
            + (f"<script>{script}</script>" if script else "") + "</body></html>\n")


def _rel_badge(name: str) -> str:
    return f'<span class="rel" style="background:{COLOURS.get(name, "#888")}">{name}</span>'


def _legend(relations: Iterable[str]) -> str:
    return '<p class="legend">' + "".join(
        f"<span>{_rel_badge(r)} {escape(RELATIONS[r].label_en)} / "
        f'<span lang="ko">{escape(RELATIONS[r].label_ko)}</span></span>'
        for r in relations) + "</p>"


def _facts_table(facts: Sequence[Fact]) -> str:
    rows = []
    for f in facts:
        evidence = "".join(f'<p class="evidence">{escape(s.evidence)}</p>' for s in f.sources)
        sources = "<br>".join(
            f'<span class="source">{escape(s.path)}'
            f'{" (" + escape(s.published) + ")" if s.published else ""}</span>'
            for s in f.sources)
        rows.append(
            f'<tr data-relation="{f.relation}" data-date="{escape(f.qualifiers.get("date") or "")}">'
            f'<td>{escape(f.qualifiers.get("date") or "")}</td>'
            f"<td>{escape(f.subject.name)}</td><td>{_rel_badge(f.relation)}</td>"
            f"<td>{escape(f.object.name)}</td><td>{qualifier_cells(f)}</td>"
            f"<td>{f.confidence:.2f}</td><td>{evidence}</td><td>{sources}</td></tr>")
    return ('<table class="facts"><thead><tr><th>date</th><th>subject</th><th>relation</th>'
            "<th>object</th><th>qualifiers</th><th>confidence</th><th>evidence</th>"
            f'<th>sources</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _by_date(facts: Iterable[Fact]) -> list[Fact]:
    return sorted(facts, key=lambda f: (f.qualifiers.get("date") or "9999", f.relation,
                                        f.subject.name, f.object.name))


def entity_page(entity: Entity, facts: Sequence[Fact]) -> str:
    """The page of one entity: names, ego graph, timeline, facts with evidence and sources.

    ``facts`` are the facts the entity takes part in (others are ignored).
    """
    own = _by_date(f for f in facts if entity.id in (f.subject.id, f.object.id))
    entities = {entity.id: entity}
    for f in own:
        entities[f.subject.id], entities[f.object.id] = f.subject, f.object
    neighbours = sorted((n for n in entities if n != entity.id),
                        key=lambda n: (entities[n].type, entities[n].name))
    drawing = ego_layout(entity, neighbours)
    ko, en = names(entity)
    aka = [a for a in entity.aliases if a != entity.name]
    header = (f'<h1 class="entity-name">{escape(entity.name)}</h1>'
              f'<p class="aka">{escape(entity.type)} · <code>{escape(entity.id)}</code>'
              + (f' · 한국어 <span class="name-ko" lang="ko">{escape(ko)}</span>' if ko else "")
              + (f' · English <span class="name-en">{escape(en)}</span>' if en else "")
              + (f' · <a href="http://www.wikidata.org/entity/{escape(entity.wikidata)}">'
                 f"{escape(entity.wikidata)}</a>" if entity.wikidata else "") + "</p>"
              + (f'<p class="aka">also: <span lang="ko">{escape(", ".join(aka))}</span></p>'
                 if aka else ""))
    dated = [f for f in own if f.qualifiers.get("date")]
    timeline = "".join(
        f'<li data-date="{escape(f.qualifiers["date"])}"><time>{escape(f.qualifiers["date"])}'
        f"</time>{escape(f.subject.name)} {_rel_badge(f.relation)} {escape(f.object.name)}"
        f' <span class="source">{escape(edge_detail(f))}</span></li>'
        for f in dated)
    body = (header
            + f"<h2>Graph</h2>{_legend(dict.fromkeys(f.relation for f in own))}"
            + _svg(own, entities, drawing, centre=entity.id)
            + f'<h2>Timeline</h2><ol class="timeline">{timeline}</ol>'
            + ("" if dated else "<p>No dated events.</p>")
            + f"<h2>Facts ({len(own)})</h2>{_facts_table(own)}")
    return _page(f"{entity.name} — kg", body)


_FILTER_SCRIPT = """
(function () {
  const boxes = Array.from(document.querySelectorAll('input[name=relation]'));
  const from = document.getElementById('from'), to = document.getElementById('to');
  function within(date) {
    if (!date) return !from.value;  // undated facts only when no start date is set
    const f = from.value, t = to.value;
    return (!f || date >= f.slice(0, date.length)) && (!t || date <= t.slice(0, date.length));
  }
  function apply() {
    const on = new Set(boxes.filter(b => b.checked).map(b => b.value));
    const shown = new Set();
    let count = 0;
    document.querySelectorAll('g.edge').forEach(e => {
      const visible = on.has(e.dataset.relation) && within(e.dataset.date);
      e.style.display = visible ? '' : 'none';
      if (visible) { shown.add(e.dataset.source); shown.add(e.dataset.target); count++; }
    });
    document.querySelectorAll('g.node').forEach(n => {
      n.style.display = shown.has(n.dataset.id) ? '' : 'none';
    });
    document.querySelectorAll('table.facts tbody tr').forEach(r => {
      r.style.display = on.has(r.dataset.relation) && within(r.dataset.date) ? '' : 'none';
    });
    document.getElementById('shown').textContent = count;
  }
  boxes.forEach(b => b.addEventListener('change', apply));
  [from, to].forEach(i => i.addEventListener('input', apply));
  apply();
})();
"""


def graph_page(entities: Sequence[Entity], facts: Sequence[Fact], title: str = "kg graph") -> str:
    """The whole graph, with relation checkboxes and a date range that filter it in place."""
    used = {e for f in facts for e in (f.subject.id, f.object.id)}
    by_id = {e.id: e for e in entities if e.id in used}
    for f in facts:
        by_id.setdefault(f.subject.id, f.subject)
        by_id.setdefault(f.object.id, f.object)
    drawing = component_layout(facts, by_id)
    relations = list(dict.fromkeys(r for r in RELATIONS if any(f.relation == r for f in facts)))
    boxes = "".join(f'<label><input type="checkbox" name="relation" value="{r}" checked> '
                    f"{_rel_badge(r)}</label>" for r in relations)
    filters = (f'<form class="filters" onsubmit="return false">{boxes}<br>'
               '<label>from <input id="from" placeholder="YYYY-MM-DD" size="10"></label>'
               '<label>to <input id="to" placeholder="YYYY-MM-DD" size="10"></label>'
               f'<span><span id="shown">{len(facts)}</span> of {len(facts)} facts shown</span>'
               "</form>")
    table = _facts_table(_by_date(facts))
    body = (f"<h1>{escape(title)}</h1><p class=\"aka\">{len(by_id)} entities, {len(facts)} facts."
            " Hover an edge for its evidence.</p>" + filters + _legend(relations)
            + _svg(facts, by_id, drawing) + f"<h2>Facts</h2>{table}")
    return _page(title, body, _FILTER_SCRIPT)
