"""The genogram layout and drawing, without a database."""

from frontdoor.people.genogram import Link, Node, layout, render_svg

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


def test_names_are_escaped():
    svg = render_svg([Node("a", "<script>", "M", 0)], [], title="t", description="d")
    assert "<script>" not in svg
