"""Turning a Family into genogram nodes and links, with a text alternative."""

from __future__ import annotations

from django.utils.safestring import mark_safe

from ..record import domain
from .genogram import Link, Node, direct_grandparent_links, render_svg
from .members import Family

DIRECT_GRANDPARENT_KEY = (
    "A dashed line from a grandparent to a grandchild two rows below means the parent in between is not recorded."
)


def genogram_for(family: Family) -> tuple[str, list[str]]:
    nodes = [
        Node(
            key=str(p.pk),
            label=p.full_name,
            sex=p.sex if p.sex in ("M", "F") else "U",
            generation=family.generation[p.pk],
            detail=f"born {p.date_of_birth:%Y}" if p.date_of_birth else "",
            is_root=p.pk == family.root.pk,
        )
        for p in family.people
    ]
    links = [Link(str(r.from_person_id), r.kind, str(r.to_person_id)) for r in family.relationships]
    # The plain sentence the record page uses: "Maureen Hall is the grandparent of Jack Smith".
    sentences = [
        domain.relationship_sentence(r.kind, r.from_person.full_name, r.to_person.full_name, r.description)
        + (" (parental responsibility)" if r.parental_responsibility else "")
        for r in family.relationships
    ]
    title = f"Genogram of the family of {family.root.full_name}"
    key = f"{DIRECT_GRANDPARENT_KEY} " if direct_grandparent_links(links) else ""
    description = (
        f"{len(nodes)} people. Squares are male, circles female, diamonds sex not known; "
        f"{family.root.full_name} has a double outline. {key}" + "; ".join(sentences[:30])
    )
    return mark_safe(render_svg(nodes, links, title=title, description=description)), sentences  # noqa: S308 (escaped)
