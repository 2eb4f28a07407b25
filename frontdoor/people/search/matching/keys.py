"""Search keys: short strings stored (indexed) for each person and generated for each query.

A query finds its candidates by asking the index for any of its keys, so a search reads a few hundred
rows at most whatever the size of the index. Two kinds of key:

- ``n:<family sound>:<given sound>``: both names sound alike (after short forms are expanded);
- ``g:<given sound>:<first letter of family name>``: given name sounds alike and the family name
  starts with the same letter (finds a family name with a typo that changes its sound).

Dates of birth and postcodes are searched through their own indexed columns on Person.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .names import query_forms, record_forms
from .normalise import family_forms, phonetic, tokens

MAX_KEY_LENGTH = 40


def _given_sounds(given_names: Iterable[str], forms) -> set[str]:
    sounds = set()
    for name in given_names:
        for token in tokens(name)[:2]:
            sounds.update(phonetic(form) for form in forms(token))
    sounds.discard("")
    return sounds


def _family_sounds_and_initials(family_names: Iterable[str]) -> tuple[set[str], set[str]]:
    sounds, initials = set(), set()
    for name in family_names:
        for form in family_forms(name):
            sounds.add(phonetic(form))
            initials.add(form[0])
    sounds.discard("")
    return sounds, initials


def _keys(given_sounds: set[str], family_sounds: set[str], family_initials: set[str]) -> set[str]:
    keys = {f"n:{f}:{g}" for f in family_sounds for g in given_sounds}
    keys |= {f"g:{g}:{i}" for g in given_sounds for i in family_initials}
    return {k[:MAX_KEY_LENGTH] for k in keys}


def person_keys(given_names: Iterable[str], family_names: Iterable[str]) -> set[str]:
    """Keys stored for a person from their given names (incl. preferred name, aliases) and family names."""
    family_sounds, initials = _family_sounds_and_initials(family_names)
    return _keys(_given_sounds(given_names, record_forms), family_sounds, initials)


class Reading(NamedTuple):
    """One way of reading the typed text: which part is the given name and which the family name.

    A named tuple rather than a dataclass: it is a key of the scoring caches, hashed for every
    candidate of every search, and a tuple hashes in C."""

    given: str
    family: tuple[str, ...]
    swapped: bool = False


def readings(text: str) -> list[Reading]:
    """Ways to read typed text. "Bill Smith-Jones" -> given bill, family smith jones; and swapped.

    A comma means "family name, given name" ("Smith, Bill"). One word is read as a family name and,
    swapped, as a given name.
    """
    if "," in text:
        family_part, _, given_part = text.partition(",")
        family, given = tokens(family_part), tokens(given_part)
        if family and given:
            return [Reading(given[0], tuple(family)), Reading(family[0], tuple(given), swapped=True)]
        text = text.replace(",", " ")
    parts = tokens(text)
    if not parts:
        return []
    if len(parts) == 1:
        return [Reading("", (parts[0],)), Reading(parts[0], (), swapped=True)]
    return [Reading(parts[0], tuple(parts[1:])), Reading(parts[-1], tuple(parts[:-1]), swapped=True)]


def query_keys(text: str, *, wide: bool = False) -> set[str]:
    """Keys to look up for typed text. `wide` adds the given-name-and-initial keys (second pass)."""
    keys: set[str] = set()
    for reading in readings(text):
        if not reading.given or not reading.family:
            continue
        family_sounds, initials = _family_sounds_and_initials([" ".join(reading.family)])
        given_sounds = _given_sounds([reading.given], query_forms)
        if wide:
            keys |= {f"g:{g}:{i}"[:MAX_KEY_LENGTH] for g in given_sounds for i in initials}
        else:
            keys |= {f"n:{f}:{g}"[:MAX_KEY_LENGTH] for f in family_sounds for g in given_sounds}
    return keys
