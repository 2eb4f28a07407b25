"""The search card: everything the scoring reads about a person, in one short text column.

The card is stored on the person and on each of their search keys, so that a search reads its
candidates straight out of an index (the keys' index holds the card) instead of visiting each
person's row and their other names: on PostgreSQL that is most of what a search costs.

Fields are separated by control characters, which are taken out of the names first, so a name can
never break a card. Other names (aliases) go in while the card stays short enough for an index
entry; if they do not all fit, the card says so and the search reads them from the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

FIELD, ALIAS, PART = "\x1f", "\x1d", "\x1e"
MORE_ALIASES = "\x1c"  # in place of the aliases: there are more than fit; read them from the database
CARD_BYTES = 2000  # well inside PostgreSQL's limit for one B-tree index entry (about 2,700 bytes)
_CONTROL = str.maketrans(dict.fromkeys((FIELD, ALIAS, PART, MORE_ALIASES), " "))


class Card(NamedTuple):
    given_name: str
    middle_names: str
    preferred_name: str
    family_name: str
    date_of_birth: dt.date | None
    approximate_age: int | None
    sex: str
    postcode: str
    aliases: tuple[tuple[str, str], ...] | None  # None: more than fit on the card


def _clean(value) -> str:
    return str(value or "").translate(_CONTROL)


def card_text(
    *,
    given_name: str,
    middle_names: str,
    preferred_name: str,
    family_name: str,
    date_of_birth: dt.date | str | None,
    approximate_age: int | None,
    sex: str,
    postcode: str,
    aliases: Iterable[tuple[str, str]] = (),
) -> str:
    if isinstance(date_of_birth, dt.date):
        date_of_birth = date_of_birth.isoformat()
    age = "" if approximate_age is None else str(int(approximate_age))
    head = FIELD.join(
        _clean(v) for v in (given_name, middle_names, preferred_name, family_name, date_of_birth, age, sex, postcode)
    )
    others = ALIAS.join(f"{_clean(g)}{PART}{_clean(f)}" for g, f in sorted(set(aliases)))
    card = f"{head}{FIELD}{others}"
    if len(card.encode()) > CARD_BYTES:
        card = f"{head}{FIELD}{MORE_ALIASES}"
    return card


def read_card(card: str) -> Card:
    given, middle, preferred, family, dob, age, sex, postcode, others = card.split(FIELD)
    if others == MORE_ALIASES:
        aliases = None
    elif others:
        aliases = tuple(tuple(a.split(PART, 1)) for a in others.split(ALIAS))
    else:
        aliases = ()
    return Card(
        given,
        middle,
        preferred,
        family,
        dt.date.fromisoformat(dob) if dob else None,
        int(age) if age else None,
        sex,
        postcode,
        aliases,
    )
