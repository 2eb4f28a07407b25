"""Finding probable duplicate people with the matching engine (run as a background task)."""

from __future__ import annotations

from django.db.models import Q

from .matching.scoring import Query
from .models import Person, PossibleDuplicate
from .search import search_ids

DUPLICATE_SCORE = 85.0


def find_duplicates(*, people=None, threshold: float = DUPLICATE_SCORE) -> int:
    """Check each person against the index; record pairs scoring at least `threshold`. Returns pairs added."""
    people = people if people is not None else Person.objects.filter(archived=False).order_by("pk")
    added = 0
    for person in people.iterator(chunk_size=2000):
        query = Query(
            text=f"{person.given_name} {person.family_name}",
            date_of_birth=person.date_of_birth,
            sex=person.sex if person.sex in ("M", "F") else None,
            postcode=person.postcode or None,
        )
        for found in search_ids(query, limit=5):
            if found.pk == person.pk or found.score < threshold:
                continue
            a, b = sorted([person.pk, found.pk], key=str)
            exists = PossibleDuplicate.objects.filter(Q(person_a_id=a, person_b_id=b)).exists()
            if not exists:
                PossibleDuplicate.objects.create(person_a_id=a, person_b_id=b, score=found.score, reasons=found.reasons)
                added += 1
    return added
