"""Keeping the search keys of people up to date (called by services and the bulk import)."""

from __future__ import annotations

from collections.abc import Iterable

from .matching.keys import person_keys
from .matching.normalise import joined
from .models import Alias, Person, PersonSearchKey


def search_names(given_name: str, family_name: str) -> tuple[str, str]:
    """The folded names stored on Person for prefix searches."""
    return joined(given_name)[:100], joined(family_name)[:100]


def keys_for(
    given_name: str, family_name: str, preferred_name: str = "", aliases: Iterable[tuple[str, str]] = ()
) -> set[str]:
    aliases = list(aliases)
    givens = [given_name, preferred_name, *(g for g, _ in aliases)]
    families = [family_name, *(f for _, f in aliases)]
    return person_keys([g for g in givens if g], [f for f in families if f])


def person_index_update(person: Person) -> None:
    """Rebuild one person's search keys (inside the caller's transaction)."""
    given, family = search_names(person.given_name, person.family_name)
    if (person.search_given, person.search_family) != (given, family):
        Person.objects.filter(pk=person.pk).update(search_given=given, search_family=family)
        person.search_given, person.search_family = given, family
    aliases = Alias.objects.filter(person=person, archived=False).values_list("given_name", "family_name")
    keys = keys_for(person.given_name, person.family_name, person.preferred_name, aliases)
    PersonSearchKey.objects.filter(person=person).delete()
    PersonSearchKey.objects.bulk_create([PersonSearchKey(person=person, key=k) for k in sorted(keys)])


def index_new_people(people: Iterable[Person], batch_size: int = 2000) -> int:
    """Keys for people just bulk-created (no aliases yet). Returns keys written."""
    rows, written = [], 0
    for person in people:
        rows.extend(
            PersonSearchKey(person_id=person.pk, key=k)
            for k in keys_for(person.given_name, person.family_name, person.preferred_name)
        )
    PersonSearchKey.objects.bulk_create(rows, batch_size=batch_size)
    written += len(rows)
    return written


def index_rebuild_all(batch_size: int = 2000) -> int:
    """Rebuild every person's search keys (after a change to the matching rules). Returns people indexed."""
    done = 0
    qs = Person.objects.order_by("pk").values_list("pk", flat=True)
    ids = list(qs)
    for start in range(0, len(ids), batch_size):
        for person in Person.objects.filter(pk__in=ids[start : start + batch_size]):
            person_index_update(person)
            done += 1
    return done
