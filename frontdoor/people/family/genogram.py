"""A genogram drawn as SVG from recorded relationships (pure layout; no database).

Standard shapes: square for male, circle for female, diamond when sex is not known; the person the
page is about has a double outline. Partners are joined by a horizontal line at mid height; a
parent line drops from between the parents (or from a lone parent) to a bar over their children;
siblings recorded without parents share a bar of their own; step-parent and carer lines are dashed.
A grandparent recorded directly, with no parent in between (grandparent, parent of, parent of), has a
dashed line of its own down to the grandchild two generations below, kept clear of the people between.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from typing import NamedTuple

SIZE, GAP_X, GAP_Y, MARGIN = 40, 120, 110, 40
LABEL_DEPTH = 38  # the name and year under a shape
PARENT_KINDS = {"parent", "step_parent", "carer"}
DASHED_KINDS = {"step_parent", "carer"}
GRANDPARENT = "grandparent"
LANE_CLEARANCE = 60  # a line passing a row keeps this far from each person's centre (shape and name)
LINE_CLEARANCE = 10  # nor does it run along another upright line closer than this
BAND_DROP = SIZE + LABEL_DEPTH + 17  # the grandparent line's level under a row: below the names, above bars
END_OFFSET = SIZE / 2 - 6  # beside the centre, where a parent line already meets the person


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    sex: str  # M, F or U
    generation: int
    detail: str = ""
    is_root: bool = False


@dataclass(frozen=True)
class Link:
    from_key: str
    kind: str
    to_key: str


@dataclass
class Layout:
    positions: dict = field(default_factory=dict)  # key -> (x centre, y top)
    width: int = 0
    height: int = 0


def layout(nodes: list[Node], links: list[Link]) -> Layout:
    partners = defaultdict(list)
    for link in links:
        if link.kind == "partner":
            partners[link.from_key].append(link.to_key)
            partners[link.to_key].append(link.from_key)
    by_generation: dict[int, list[str]] = defaultdict(list)
    generation = {n.key: n.generation for n in nodes}
    for node in nodes:
        row = by_generation[node.generation]
        if node.key in row:
            continue
        row.append(node.key)
        for partner in partners[node.key]:
            if generation.get(partner) == node.generation and partner not in row:
                row.append(partner)
    result = Layout()
    widest = max((len(r) for r in by_generation.values()), default=1)
    for gen, row in by_generation.items():
        offset = (widest - len(row)) * (SIZE + GAP_X) / 2
        for i, key in enumerate(row):
            result.positions[key] = (MARGIN + offset + i * (SIZE + GAP_X) + SIZE / 2, MARGIN + gen * (SIZE + GAP_Y))
    result.width = int(2 * MARGIN + widest * (SIZE + GAP_X))
    result.height = int(2 * MARGIN + (max(by_generation, default=0) + 1) * (SIZE + GAP_Y))
    return result


def _shape(node: Node, x: float, y: float) -> str:
    half = SIZE / 2
    cls = "fd-genogram__person"
    if node.sex == "M":
        shapes = [f'<rect x="{x - half}" y="{y}" width="{SIZE}" height="{SIZE}" class="{cls}"/>']
        if node.is_root:
            # The outer outline first: drawn after, its white fill would hide the inner one.
            shapes.insert(
                0, f'<rect x="{x - half - 4}" y="{y - 4}" width="{SIZE + 8}" height="{SIZE + 8}" class="{cls}"/>'
            )
    elif node.sex == "F":
        shapes = [f'<circle cx="{x}" cy="{y + half}" r="{half}" class="{cls}"/>']
        if node.is_root:
            shapes.insert(0, f'<circle cx="{x}" cy="{y + half}" r="{half + 5}" class="{cls}"/>')
    else:
        points = f"{x},{y} {x + half},{y + half} {x},{y + SIZE} {x - half},{y + half}"
        shapes = [f'<polygon points="{points}" class="{cls}"/>']
        if node.is_root:
            big = f"{x},{y - 5} {x + half + 5},{y + half} {x},{y + SIZE + 5} {x - half - 5},{y + half}"
            shapes.insert(0, f'<polygon points="{big}" class="{cls}"/>')
    label = f'<text x="{x}" y="{y + SIZE + 16}" text-anchor="middle" fill="#0b0c0c" stroke="none" class="fd-genogram__label">{escape(node.label)}</text>'
    detail = (
        f'<text x="{x}" y="{y + SIZE + 31}" text-anchor="middle" fill="#505a5f" stroke="none" font-size="12" class="fd-genogram__detail">{escape(node.detail)}</text>'
        if node.detail
        else ""
    )
    return "".join(shapes) + label + detail


class Segment(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    dashed: bool = False
    modifier: str = ""  # an extra class, fd-genogram__line--<modifier>

    @property
    def upright(self) -> bool:
        return self.x1 == self.x2

    def svg(self) -> str:
        dash = ' stroke-dasharray="6 4"' if self.dashed else ""
        cls = "fd-genogram__line" + (f" fd-genogram__line--{self.modifier}" if self.modifier else "")
        return f'<line x1="{self.x1}" y1="{self.y1}" x2="{self.x2}" y2="{self.y2}" class="{cls}"{dash}/>'


def direct_grandparent_links(links: list[Link]) -> list[Link]:
    """Grandparent links with no recorded parent in between: each is drawn with a dashed line of its own.

    When the grandparent is recorded as the parent of one of the grandchild's parents, the parent lines
    already show it and nothing more is drawn. The same pair recorded twice is drawn once.
    """
    parents_of: dict[str, set] = defaultdict(set)
    for link in links:
        if link.kind in PARENT_KINDS:
            parents_of[link.to_key].add(link.from_key)
    found: dict[tuple[str, str], Link] = {}
    for link in links:
        if link.kind != GRANDPARENT or (link.from_key, link.to_key) in found:
            continue
        if not any(link.from_key in parents_of[parent] for parent in parents_of[link.to_key]):
            found[(link.from_key, link.to_key)] = link
    return list(found.values())


def _crosses(x: float, y1: float, y2: float, drawn: list[Segment]) -> bool:
    """Whether an upright line at x from y1 to y2 would run along (or within LINE_CLEARANCE of) one drawn."""
    return any(
        seg.upright and abs(seg.x1 - x) < LINE_CLEARANCE and min(seg.y1, seg.y2) < y2 and max(seg.y1, seg.y2) > y1
        for seg in drawn
    )


def _beside(x: float, y1: float, y2: float, drawn: list[Segment]) -> float:
    """x, or just beside it when a line already runs there (a parent line leaving or arriving)."""
    for candidate in (x, x + END_OFFSET, x - END_OFFSET):
        if not _crosses(candidate, y1, y2, drawn):
            return candidate
    return x


def _free_lane(start_x: float, end_x: float, between: list[float], span: tuple[float, float], drawn) -> float:
    """Where a line may pass the rows between two people without touching anyone in them or running
    along another line: the nearest of the two ends, a gap between the people, or beside them."""
    pitch = (SIZE + GAP_X) / 2
    gaps = {start_x, end_x, *(x + d for x in between for d in (-pitch, pitch))}
    candidates = {c + nudge for c in gaps for nudge in (0, END_OFFSET, -END_OFFSET)}
    free = [
        c
        for c in candidates
        if c > 0 and all(abs(c - x) >= LANE_CLEARANCE for x in between) and not _crosses(c, *span, drawn)
    ]
    if not free:  # everywhere is taken: pass beside the rightmost person
        return max([start_x, end_x, *between]) + pitch
    return min(free, key=lambda c: (abs(c - start_x) + abs(c - end_x), abs(c - start_x), c))


def _grandparent_route(link: Link, pos: dict, drawn: list[Segment]) -> list[Segment]:
    """A dashed line from under the grandparent's name down to the grandchild: down, across to a free
    lane, down past the generation between, across, and down onto the grandchild."""
    (gx, gy), (cx, cy) = pos[link.from_key], pos[link.to_key]
    if cy <= gy:
        return []  # only ever drawn downwards; the list below the genogram still says it
    top, upper = gy + SIZE + LABEL_DEPTH, gy + BAND_DROP
    lower = max(upper, cy - (SIZE + GAP_Y) + BAND_DROP)
    sx = _beside(gx, top, upper, drawn)
    ex = _beside(cx, lower, cy, drawn)
    between = [x for x, y in pos.values() if gy < y < cy]
    lane = _free_lane(sx, ex, between, (upper, lower), drawn)
    # Beside the centre, the last segment runs on under the shape (drawn over it) to meet its outline.
    bottom = cy if ex == cx else cy + SIZE / 2
    corners = _corners([(sx, top), (sx, upper), (lane, upper), (lane, lower), (ex, lower), (ex, bottom)])
    return [
        Segment(x1, y1, x2, y2, dashed=True, modifier="grandparent")
        for (x1, y1), (x2, y2) in zip(corners, corners[1:], strict=False)
    ]


def _corners(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points of a path of straight segments without repeats or points in the middle of a straight run."""
    kept: list[tuple[float, float]] = []
    for point in points:
        if kept and point == kept[-1]:
            continue
        if len(kept) >= 2:
            (x0, y0), (x1, y1) = kept[-2], kept[-1]
            if (x0 == x1 == point[0]) or (y0 == y1 == point[1]):
                kept[-1] = point
                continue
        kept.append(point)
    return kept


def _lines(nodes: list[Node], links: list[Link], pos: dict) -> list[Segment]:
    out: list[Segment] = []
    half = SIZE / 2
    parents_of: dict[str, set] = defaultdict(set)
    dashed_child: set = set()
    sibling_groups: list[set] = []
    for link in links:
        if link.from_key not in pos or link.to_key not in pos:
            continue
        if link.kind == "partner":
            (x1, y1), (x2, _) = pos[link.from_key], pos[link.to_key]
            left, right = sorted((x1, x2))
            out.append(Segment(left + half, y1 + half, right - half, y1 + half))
        elif link.kind in PARENT_KINDS:
            parents_of[link.to_key].add(link.from_key)
            if link.kind in DASHED_KINDS:
                dashed_child.add((link.from_key, link.to_key))
        elif link.kind in {"sibling", "half_sibling"}:
            for group in sibling_groups:
                if link.from_key in group or link.to_key in group:
                    group.update((link.from_key, link.to_key))
                    break
            else:
                sibling_groups.append({link.from_key, link.to_key})
    families: dict[frozenset, list[str]] = defaultdict(list)
    for child, parents in parents_of.items():
        families[frozenset(parents)].append(child)
    for parents, children in families.items():
        px = sum(pos[p][0] for p in parents) / len(parents)
        # From the partner line between two parents; below the name and year of a lone parent.
        py = max(pos[p][1] for p in parents) + (half if len(parents) > 1 else SIZE + LABEL_DEPTH)
        child_top = min(pos[c][1] for c in children)
        bar_y = child_top - GAP_Y / 3
        dashed = all((p, c) in dashed_child for p in parents for c in children)
        out.append(Segment(px, py, px, bar_y, dashed))
        xs = [pos[c][0] for c in children] + [px]
        out.append(Segment(min(xs), bar_y, max(xs), bar_y, dashed))
        out.extend(Segment(pos[c][0], bar_y, pos[c][0], pos[c][1], dashed) for c in children)
    with_parents = set(parents_of)
    for group in sibling_groups:
        group = {k for k in group if k not in with_parents and k in pos}
        if len(group) < 2:
            continue
        top = min(pos[k][1] for k in group) - 15
        xs = [pos[k][0] for k in group]
        out.append(Segment(min(xs), top, max(xs), top))
        out.extend(Segment(pos[k][0], top, pos[k][0], pos[k][1]) for k in group)
    for link in direct_grandparent_links(links):
        if link.from_key in pos and link.to_key in pos:
            out.extend(_grandparent_route(link, pos, out))
    return out


def render_svg(nodes: list[Node], links: list[Link], *, title: str, description: str) -> str:
    """The genogram as an accessible SVG string (role img, <title> and <desc>)."""
    if not nodes:
        return ""
    placed = layout(nodes, links)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="fd-genogram" role="img" aria-labelledby="genogram-title genogram-desc" '
        f'width="{placed.width}" height="{placed.height}" viewBox="0 0 {placed.width} {placed.height}">',
        f'<title id="genogram-title">{escape(title)}</title>',
        f'<desc id="genogram-desc">{escape(description)}</desc>',
        '<g fill="none" stroke="#0b0c0c" stroke-width="2">',
        *(segment.svg() for segment in _lines(nodes, links, placed.positions)),
        "</g>",
        '<g fill="#ffffff" stroke="#0b0c0c" stroke-width="2" font-family="arial, sans-serif" font-size="13">',
        *(_shape(n, *placed.positions[n.key]) for n in nodes),
        "</g></svg>",
    ]
    return "".join(parts)
