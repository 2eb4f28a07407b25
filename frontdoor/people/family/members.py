"""The family around a person: who is connected through recorded relationships, and their generations."""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass

from ..models import Person, Relationship

MAX_FAMILY = 40
# from_person is <kind> of to_person: how many generations to_person is below from_person.
GENERATION_STEP = {
    Relationship.Kind.PARENT: 1,
    Relationship.Kind.STEP_PARENT: 1,
    Relationship.Kind.CARER: 1,
    Relationship.Kind.GRANDPARENT: 2,
    Relationship.Kind.SIBLING: 0,
    Relationship.Kind.HALF_SIBLING: 0,
    Relationship.Kind.PARTNER: 0,
    Relationship.Kind.OTHER: 0,
}


@dataclass
class Family:
    root: Person
    people: list[Person]
    relationships: list[Relationship]
    generation: dict  # person pk -> 0 (oldest) upwards
    restricted: int = 0  # family members left out: their records are restricted from the reader (decision 26)

    def without(self, hidden: set) -> Family:
        """The family less these people (never the root) and their relationships."""
        hidden = hidden - {self.root.pk}
        return Family(
            root=self.root,
            people=[p for p in self.people if p.pk not in hidden],
            relationships=[
                r for r in self.relationships if r.from_person_id not in hidden and r.to_person_id not in hidden
            ],
            generation={pk: g for pk, g in self.generation.items() if pk not in hidden},
            restricted=len(hidden),
        )


def family_for(person: Person, *, max_people: int = MAX_FAMILY) -> Family:
    """Everyone reachable through relationships (breadth first, at most `max_people`), with generations."""
    found: dict = {person.pk: person}
    generation = {person.pk: 0}
    relationships: dict = {}
    queue = deque([person.pk])
    while queue and len(found) < max_people:
        batch = list(queue)
        queue.clear()
        rels = Relationship.objects.filter(archived=False).filter(
            from_person_id__in=batch
        ) | Relationship.objects.filter(archived=False, to_person_id__in=batch)
        for rel in rels.select_related("from_person", "to_person"):
            relationships[rel.pk] = rel
            step = GENERATION_STEP.get(rel.kind, 0)
            for me, other, sign in ((rel.from_person, rel.to_person, 1), (rel.to_person, rel.from_person, -1)):
                if me.pk in generation and other.pk not in found and len(found) < max_people and not other.archived:
                    found[other.pk] = other
                    generation[other.pk] = generation[me.pk] + sign * step
                    queue.append(other.pk)
    rels = [r for r in relationships.values() if r.from_person_id in found and r.to_person_id in found]
    lowest = min(generation.values())
    generation = {pk: g - lowest for pk, g in generation.items()}
    people = sorted(
        found.values(),
        key=lambda p: (generation[p.pk], p.date_of_birth or p.expected_date_of_birth or dt.date.max, p.given_name),
    )
    return Family(root=person, people=people, relationships=rels, generation=generation)
