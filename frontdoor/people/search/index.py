"""Keeping the search keys and cards of people up to date (called by services and the bulk import).

Whatever the search scores (names, other names, date of birth or age, sex, postcode) is copied onto
the person's search card and their keys; so every write of those goes through `person_index_update`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from ..models import Alias, Person, PersonSearchKey
from .matching.card import card_text
from .matching.keys import person_keys
from .matching.normalise import joined

# The person's fields that are on the search card: a change to any of them must update the index.
SEARCHED_FIELDS = frozenset(
    {
        "given_name",
        "middle_names",
        "preferred_name",
        "family_name",
        "date_of_birth",
        "approximate_age",
        "sex",
        "postcode",
    }
)


def search_names(given_name: str, family_name: str) -> tuple[str, str]:
    """The folded names stored on Person for prefix searches."""
    return joined(given_name)[:100], joined(family_name)[:100]


def search_card(values, aliases: Iterable[tuple[str, str]] = ()) -> str:
    """The card for a person (a Person or a dict of its fields) and their other names."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    return card_text(**{name: get(name) for name in SEARCHED_FIELDS}, aliases=aliases)


def set_search_fields(person: Person, aliases: Iterable[tuple[str, str]] = ()) -> None:
    """Fill in the person's folded names and card (before a bulk create, or to compare)."""
    person.search_given, person.search_family = search_names(person.given_name, person.family_name)
    person.search_card = search_card(person, aliases)


def keys_for(
    given_name: str, family_name: str, preferred_name: str = "", aliases: Iterable[tuple[str, str]] = ()
) -> set[str]:
    aliases = list(aliases)
    givens = [given_name, preferred_name, *(g for g, _ in aliases)]
    families = [family_name, *(f for _, f in aliases)]
    return person_keys([g for g in givens if g], [f for f in families if f])


def person_index_update(person: Person) -> None:
    """Rebuild one person's search names, card and keys (inside the caller's transaction).
    An archived person keeps their card but has no keys: the search does not offer them."""
    aliases = list(Alias.objects.filter(person=person, archived=False).values_list("given_name", "family_name"))
    before = (person.search_given, person.search_family, person.search_card)
    set_search_fields(person, aliases)
    if (person.search_given, person.search_family, person.search_card) != before:
        Person.objects.filter(pk=person.pk).update(
            search_given=person.search_given, search_family=person.search_family, search_card=person.search_card
        )
    PersonSearchKey.objects.filter(person=person).delete()
    if person.archived:
        return
    keys = keys_for(person.given_name, person.family_name, person.preferred_name, aliases)
    PersonSearchKey.objects.bulk_create(
        [PersonSearchKey(person=person, key=k, card=person.search_card) for k in sorted(keys)]
    )


def index_new_people(people: Iterable[Person], batch_size: int = 2000) -> int:
    """Keys for people just bulk-created with `set_search_fields` (no aliases yet). Returns keys written."""
    rows = [
        PersonSearchKey(person_id=person.pk, key=k, card=person.search_card)
        for person in people
        for k in keys_for(person.given_name, person.family_name, person.preferred_name)
    ]
    PersonSearchKey.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


def index_rebuild_all(batch_size: int = 2000) -> int:
    """Rebuild every person's search keys and card, a batch per transaction. Returns people indexed."""
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            for person in Person.objects.filter(pk__in=ids[start : start + batch_size]):
                person_index_update(person)
    return len(ids)
