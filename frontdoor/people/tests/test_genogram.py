"""The genogram layout and drawing, without a database."""

import re

import pytest

from frontdoor.people.family.genogram import (
    LABEL_DEPTH,
    LANE_CLEARANCE,
    SIZE,
    Link,
    Node,
    direct_grandparent_links,
    layout,
    render_svg,
)

NODES = [
    Node("mum", "Sarah", "F", 0),
    Node("dad", "Liam", "M", 0),
    Node("kid", "Jessica", "F", 1, is_root=True),
    Node("baby", "Unborn", "U", 1),
]
LINKS = [
    Link("mum", "partner", "dad"),
    Link("mum", "parent", "kid"),
    Link("dad", "parent", "kid"),
    Link("mum", "parent", "baby"),
    Link("kid", "sibling", "baby"),
]


def test_layout_puts_generations_in_rows_and_partners_side_by_side():
    placed = layout(NODES, LINKS)
    assert placed.positions["mum"][1] == placed.positions["dad"][1] < placed.positions["kid"][1]
    assert abs(placed.positions["mum"][0] - placed.positions["dad"][0]) <= 160


def test_svg_uses_standard_shapes_and_is_accessible():
    svg = render_svg(NODES, LINKS, title="Genogram", description="Four people")
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count("<circle") == 3  # mum, Jessica with a double outline
    assert svg.count("<rect") == 1 and svg.count("<polygon") == 1
    assert "<line" in svg


@pytest.mark.parametrize("sex, shape", [("M", "rect"), ("F", "circle"), ("U", "polygon")])
def test_the_person_the_page_is_about_has_a_double_outline_with_both_lines_showing(sex, shape):
    """The outer outline is drawn first, so the inner one (drawn over its white fill) still shows."""
    svg = render_svg([Node("me", "Jack", sex, 0, is_root=True)], [], title="t", description="d")
    outlines = re.findall(rf"<{shape} ([^>]*)/>", svg)
    assert len(outlines) == 2

    def extent(attrs: str) -> float:
        values = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
        if shape == "rect":
            return float(values["width"])
        if shape == "circle":
            return 2 * float(values["r"])
        xs = [float(point.split(",")[0]) for point in values["points"].split()]
        return max(xs) - min(xs)

    assert extent(outlines[0]) > extent(outlines[1])  # the bigger one first, underneath


def test_names_are_escaped():
    svg = render_svg([Node("a", "<script>", "M", 0)], [], title="t", description="d")
    assert "<script>" not in svg


# Grandparents recorded directly ----------------------------------------------------------------

_LINE = re.compile(r'<line x1="([-\d.]+)" y1="([-\d.]+)" x2="([-\d.]+)" y2="([-\d.]+)" class="([^"]+)"([^/]*)/>')


def _segments(svg: str, *, grandparent: bool) -> list[tuple]:
    """(x1, y1, x2, y2, dashed) of the grandparent lines, or of all the other lines."""
    found = []
    for x1, y1, x2, y2, cls, rest in _LINE.findall(svg):
        if ("fd-genogram__line--grandparent" in cls) == grandparent:
            found.append((float(x1), float(y1), float(x2), float(y2), "stroke-dasharray" in rest))
    return found


def _path(segments: list[tuple]) -> list[tuple[float, float]]:
    """The segments of one grandparent line joined end to end (each starts where the last one ended)."""
    points = [segments[0][:2]]
    for x1, y1, x2, y2, _ in segments:
        assert (x1, y1) == points[-1], "the segments join up"
        points.append((x2, y2))
    return points


@pytest.mark.parametrize(
    "links, drawn",
    [
        pytest.param([Link("gran", "grandparent", "kid")], [("gran", "kid")], id="no parent recorded"),
        pytest.param(
            [Link("gran", "parent", "mum"), Link("mum", "parent", "kid"), Link("gran", "grandparent", "kid")],
            [],
            id="the parent in between is recorded",
        ),
        pytest.param(
            [Link("gran", "parent", "mum"), Link("mum", "carer", "kid"), Link("gran", "grandparent", "kid")],
            [],
            id="a carer in between counts",
        ),
        pytest.param(
            [Link("gran", "parent", "mum"), Link("dad", "parent", "kid"), Link("gran", "grandparent", "kid")],
            [("gran", "kid")],
            id="her child is not a parent of this grandchild",
        ),
        pytest.param(
            [Link("mum", "parent", "kid"), Link("gran", "grandparent", "kid")],
            [("gran", "kid")],
            id="a parent recorded but not as her child",
        ),
        pytest.param(
            [Link("gran", "grandparent", "kid"), Link("gran", "grandparent", "kid")],
            [("gran", "kid")],
            id="the same pair twice is drawn once",
        ),
        pytest.param(
            [Link("gran", "grandparent", "kid"), Link("gran", "grandparent", "sis")],
            [("gran", "kid"), ("gran", "sis")],
            id="two grandchildren",
        ),
        pytest.param([Link("mum", "parent", "kid"), Link("kid", "sibling", "sis")], [], id="no grandparent"),
    ],
)
def test_which_grandparents_get_a_line_of_their_own(links, drawn):
    assert [(link.from_key, link.to_key) for link in direct_grandparent_links(links)] == drawn


GRAN_ALONE = (
    [Node("gran", "Maureen Hall", "F", 0), Node("kid", "Jack Smith", "M", 2, is_root=True)],
    [Link("gran", "grandparent", "kid")],
)
GRAN_AND_MUM = (  # mum is recorded as Jack's parent, but not as Maureen's daughter: both lines show
    [
        Node("gran", "Maureen Hall", "F", 0),
        Node("mum", "Sarah Smith", "F", 1),
        Node("kid", "Jack Smith", "M", 2, is_root=True),
    ],
    [Link("mum", "parent", "kid"), Link("gran", "grandparent", "kid")],
)
GRANDPARENTS_AND_A_FAMILY = (  # a couple in the row between; two grandparents, partners, of one child
    [
        Node("gran", "Maureen Hall", "F", 0),
        Node("grandad", "Ken Hall", "M", 0),
        Node("mum", "Sarah Smith", "F", 1),
        Node("dad", "Liam Jones", "M", 1),
        Node("aunt", "Kerry Hall", "F", 1),
        Node("kid", "Jack Smith", "M", 2, is_root=True),
        Node("sis", "Jessica Smith", "F", 2),
    ],
    [
        Link("gran", "partner", "grandad"),
        Link("gran", "parent", "aunt"),
        Link("grandad", "parent", "aunt"),
        Link("mum", "partner", "dad"),
        Link("mum", "parent", "kid"),
        Link("dad", "parent", "kid"),
        Link("mum", "parent", "sis"),
        Link("dad", "parent", "sis"),
        Link("gran", "grandparent", "kid"),
        Link("grandad", "grandparent", "kid"),
    ],
)
LONE_GRAN_OF_AN_AUNT = (  # Maureen's own line down to her daughter leaves from where the dashed one does
    [
        Node("gran", "Maureen Hall", "F", 0),
        Node("aunt", "Kerry Hall", "F", 1),
        Node("kid", "Jack Smith", "M", 2, is_root=True),
    ],
    [Link("gran", "parent", "aunt"), Link("gran", "grandparent", "kid")],
)


@pytest.mark.parametrize(
    "nodes, links, beside_gran, beside_kid",
    [
        pytest.param(*GRAN_ALONE, False, False, id="alone: one straight line"),
        pytest.param(*GRAN_AND_MUM, False, True, id="around the mother, beside her line"),
        pytest.param(*GRANDPARENTS_AND_A_FAMILY, False, True, id="both grandparents, past a couple"),
        pytest.param(*LONE_GRAN_OF_AN_AUNT, True, False, id="beside her line to her own child"),
    ],
)
def test_a_direct_grandparent_has_a_dashed_line_down_two_generations(nodes, links, beside_gran, beside_kid):
    """From under the grandparent's name to the grandchild, dashed, clear of everyone in the row between."""
    pos = layout(nodes, links).positions
    svg = render_svg(nodes, links, title="t", description="d")
    segments = _segments(svg, grandparent=True)
    assert segments and all(dashed for *_, dashed in segments)
    assert all(x1 == x2 or y1 == y2 for x1, y1, x2, y2, _ in segments), "straight across or down"
    kid_x, kid_y = pos["kid"]
    between = [(x, y) for x, y in pos.values() if pos["gran"][1] < y < kid_y]
    grandparents = [link.from_key for link in links if link.kind == "grandparent"]
    for grandparent in grandparents:
        gx, gy = pos[grandparent]
        start = (gx + (SIZE / 2 - 6 if beside_gran else 0), gy + SIZE + LABEL_DEPTH)  # under the name
        mine = []
        for segment in segments:  # this grandparent's line, followed from its start
            if (mine and segment[:2] == mine[-1][2:4]) or (not mine and segment[:2] == start):
                mine.append(segment)
        assert mine, f"a line starts under {grandparent}"
        end_x, end_y = _path(mine)[-1]
        if beside_kid:  # beside the parent line, running on under the shape (drawn over it)
            assert (abs(end_x - kid_x), end_y) == (SIZE / 2 - 6, kid_y + SIZE / 2)
        else:
            assert (end_x, end_y) == (kid_x, kid_y)
        for x1, y1, x2, y2, _ in mine:
            for x, y in between:
                passes_row = min(y1, y2) <= y + SIZE + LABEL_DEPTH and max(y1, y2) >= y
                if x1 == x2 and passes_row:
                    assert abs(x1 - x) >= LANE_CLEARANCE, "clear of the shape and name of everyone between"


@pytest.mark.parametrize(
    "nodes, links",
    [
        pytest.param(NODES + [Node("gran", "Maureen", "F", 0)], LINKS, id="the example family"),
        pytest.param(*GRANDPARENTS_AND_A_FAMILY, id="grandparents and a family"),
        pytest.param(*LONE_GRAN_OF_AN_AUNT, id="a lone grandparent"),
    ],
)
def test_the_other_shapes_and_lines_are_unchanged_by_a_grandparent_line(nodes, links):
    without = [link for link in links if link.kind != "grandparent"]
    with_gran = without + [Link("gran", "grandparent", "kid")]
    plain = render_svg(nodes, without, title="t", description="d")
    drawn = render_svg(nodes, with_gran, title="t", description="d")
    assert _segments(drawn, grandparent=False) == _segments(plain, grandparent=False)
    assert re.findall(r"<(?:rect|circle|polygon|text)[^>]*>", drawn) == re.findall(
        r"<(?:rect|circle|polygon|text)[^>]*>", plain
    )
    assert _segments(drawn, grandparent=True)


@pytest.mark.parametrize(
    "nodes, links",
    [
        pytest.param(
            [Node("gran", "Maureen", "F", 0), Node("mum", "Sarah", "F", 1), Node("kid", "Jack", "M", 2)],
            [Link("gran", "parent", "mum"), Link("mum", "parent", "kid"), Link("gran", "grandparent", "kid")],
            id="the parent lines already show it",
        ),
        pytest.param(
            [Node("gran", "Maureen", "F", 2), Node("kid", "Jack", "M", 0)],
            [Link("gran", "grandparent", "kid")],
            id="recorded the wrong way up: not drawn upwards",
        ),
        pytest.param(
            [Node("kid", "Jack", "M", 0)], [Link("gran", "grandparent", "kid")], id="grandparent not in the family"
        ),
    ],
)
def test_no_grandparent_line(nodes, links):
    assert not _segments(render_svg(nodes, links, title="t", description="d"), grandparent=True)
