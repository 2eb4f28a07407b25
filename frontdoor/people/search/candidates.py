"""Candidate retrieval for person search: indexed look-ups for a bounded set, then scoring in Python.

First pass: the sound-alike name keys, the date of birth and its usual slips, the postcode and the
exact family name with the given name's start. When that finds nothing close to the best possible
score, a second pass widens to given-name-sound-and-family-initial keys and family name prefixes.
"""

from __future__ import annotations

import datetime as dt
import heapq
import uuid
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from ..models import Alias, Person, PersonSearchKey
from ..validators import normalise_postcode
from .matching.card import Card, read_card
from .matching.dates import date_variants
from .matching.keys import query_keys, readings
from .matching.query_text import parse_search_text
from .matching.scoring import (
    DOB_WEIGHT,
    NAME_WEIGHT,
    POSTCODE_WEIGHT,
    SEX_WEIGHT,
    Candidate,
    Query,
    combined_score,
    name_agreement,
    other_agreement,
    score_bound,
    strength,
)
from .sql import prepared_cursor

PER_LOOKUP = 250
MIN_SCORE = 30.0
GOOD_ENOUGH = 0.85  # of the best score the query could reach
UNSCORED = -1.0  # a candidate that could not have reached the results, so was not compared


@dataclass
class ScoredId:
    pk: object
    score: float
    reasons: list[str] = field(default_factory=list)


def _prefix_range(prefix: str) -> tuple[str, str]:
    return prefix, prefix + "zzzzzzzz"


_tuned: set[int] = set()


def _tune(cursor) -> None:
    """SQLite: read the index through memory mapping and a larger page cache (once per connection)."""
    if connection.vendor == "sqlite" and id(connection.connection) not in _tuned:
        cursor.execute("PRAGMA mmap_size = 2147483648")
        cursor.execute("PRAGMA cache_size = -65536")
        _tuned.add(id(connection.connection))


class _Union:
    """One SQL statement: the union of several bounded index look-ups, each returning (id, card) rows.

    Key look-ups read the card from the keys' own index, without visiting the person's row; archived
    people have no keys. Duplicates across look-ups are dropped in Python (UNION ALL), which is cheaper
    than having the database compare whole rows."""

    def __init__(self):
        self.parts: list[str] = []
        self.params: list = []
        self.person = Person._meta.db_table
        self.keys = PersonSearchKey._meta.db_table
        # The id as text: hashing and comparing strings is cheaper than building UUID objects for
        # every row read, and only the few best are turned into UUIDs.
        text = connection.vendor == "postgresql"
        self.key_columns = "CAST(k.person_id AS text), k.card" if text else "k.person_id, k.card"
        self.person_columns = "CAST(p.id AS text), p.search_card" if text else "p.id, p.search_card"

    def add(self, sql: str, params: list, limit: int) -> None:
        self.parts.append(f"SELECT * FROM ({sql} LIMIT {int(limit)}) AS part{len(self.parts)}")
        self.params.extend(params)

    def keys_in(self, keys: set[str], limit: int = PER_LOOKUP) -> None:
        if keys:
            where, params = _in("k.key", sorted(keys))
            self.add(f"SELECT {self.key_columns} FROM {self.keys} k WHERE {where}", params, limit)

    def people_where(self, where: str, params: list, limit: int = PER_LOOKUP) -> None:
        self.add(
            f"SELECT {self.person_columns} FROM {self.person} p WHERE {where} AND p.archived = %s",
            [*params, False],
            limit,
        )

    def run(self) -> list[tuple]:
        if not self.parts:
            return []
        with prepared_cursor() as cursor:
            _tune(cursor)
            cursor.execute(" UNION ALL ".join(self.parts), self.params)
            return cursor.fetchall()


def _initials(query: Query) -> list[str]:
    return sorted({t[0] for r in readings(query.text) for t in (r.given, *r.family) if t})


def _first_pass(query: Query) -> list[tuple]:
    union = _Union()
    union.keys_in(query_keys(query.text))
    if query.date_of_birth:
        where, params = _in("p.date_of_birth", _dates(query))
        initials = _initials(query)
        if initials:  # either name starts with a typed initial: checked inside the index, before reading rows
            family_in, family_params = _in("substr(p.search_family, 1, 1)", initials)
            given_in, given_params = _in("substr(p.search_given, 1, 1)", initials)
            where += f" AND ({family_in} OR {given_in})"
            params += family_params + given_params
        union.people_where(where, params)
    postcode = normalise_postcode(query.postcode)
    if postcode:
        union.people_where("p.postcode = %s", [postcode])
    for reading in readings(query.text):
        family = "".join(reading.family)
        if family and reading.given:
            union.people_where(
                "p.search_family = %s AND p.search_given >= %s AND p.search_given <= %s",
                [family, *_prefix_range(reading.given)],
            )
        elif family:
            union.people_where("p.search_family >= %s AND p.search_family <= %s", list(_prefix_range(family)))
        elif reading.given:  # one word: also a person known by one (given) name, who has no family name
            union.people_where(
                "p.search_family = %s AND p.search_given >= %s AND p.search_given <= %s",
                ["", *_prefix_range(reading.given)],
            )
    return union.run()


def _second_pass(query: Query) -> list[tuple]:
    union = _Union()
    union.keys_in(query_keys(query.text, wide=True), 2 * PER_LOOKUP)
    if query.date_of_birth:  # the date's slips whatever the names
        union.people_where(*_in("p.date_of_birth", _dates(query)))
    for reading in readings(query.text):
        family = "".join(reading.family)
        if family and reading.given:
            union.people_where(
                "p.search_family >= %s AND p.search_family <= %s AND p.search_given >= %s AND p.search_given <= %s",
                [*_prefix_range(family[:3]), *_prefix_range(reading.given[:2])],
            )
    return union.run()


def _dates(query: Query) -> list:
    return [connection.ops.adapt_datefield_value(d) for d in date_variants(query.date_of_birth)]


def _in(column: str, values: list) -> tuple[str, list]:
    """`column` is one of `values`. On PostgreSQL one array parameter, so that the statement's text
    does not depend on how many values there are and its prepared plan can be reused."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _score(query: Query, rows: list[tuple], done: dict, limit: int) -> None:
    """Score the new candidates in `rows` into `done`. Names cost the most to compare, so candidates are
    taken in order of the best score they could reach, and once that is below the `limit`-th best
    score already found, the rest cannot be in the results: they are marked unscored (-1), not compared."""
    cards = {pk: card for pk, card in rows if pk not in done and card}
    people = {pk: read_card(card) for pk, card in cards.items()}
    more = [pk for pk, card in people.items() if card.aliases is None]
    aliases = _aliases_of(more) if more else {}
    waiting = []
    for pk, card in people.items():
        candidate = _candidate(card, aliases.get(pk, ()))
        parts, reasons = other_agreement(query, candidate)
        waiting.append((score_bound(parts), pk, candidate, parts, reasons))
    waiting.sort(key=lambda w: -w[0])
    best = heapq.nlargest(limit, (s.score for s in done.values() if s.score != UNSCORED))
    heapq.heapify(best)
    for bound, pk, candidate, parts, other_reasons in waiting:
        if bound < MIN_SCORE or (len(best) >= limit and bound < best[0]):
            done[pk] = ScoredId(pk, UNSCORED, [])
            continue
        name, reasons = name_agreement(query, candidate)
        score = combined_score(name, parts)
        done[pk] = ScoredId(pk, score, [*reasons, *other_reasons])
        if len(best) < limit:
            heapq.heappush(best, score)
        elif score > best[0]:
            heapq.heapreplace(best, score)


def _aliases_of(pks: list) -> dict:
    """Other names of people with more than fit on their card (rare), as the card would hold them."""
    found: dict = {}
    ids = [pk if isinstance(pk, uuid.UUID) else uuid.UUID(str(pk)) for pk in pks]
    rows = Alias.objects.filter(person_id__in=ids, archived=False).values_list("person_id", "given_name", "family_name")
    text = {uuid.UUID(str(pk)): pk for pk in pks}
    for person_id, given, family in rows:
        found.setdefault(text[person_id], set()).add((given, family))
    return found


def _candidate(card: Card, aliases) -> Candidate:
    return Candidate(
        given_name=card.given_name,
        family_name=card.family_name,
        other_given=tuple(n for n in (card.preferred_name, card.middle_names) if n),
        aliases=tuple(sorted(aliases if card.aliases is None else card.aliases)),
        date_of_birth=card.date_of_birth,
        approximate_age=card.approximate_age,
        sex=card.sex,
        postcode=card.postcode,
    )


def best_possible(query: Query) -> float:
    total = NAME_WEIGHT
    if query.date_of_birth:
        total += DOB_WEIGHT
    elif query.age is not None:
        total += DOB_WEIGHT * 0.6
    if query.postcode:
        total += POSTCODE_WEIGHT
    if query.sex in ("M", "F"):
        total += SEX_WEIGHT
    return total * 100


def build_query(
    text: str, date_of_birth: dt.date | None, sex: str | None, postcode: str | None, today: dt.date | None = None
) -> Query:
    name_text, typed_date, age = parse_search_text(text)
    return Query(
        text=name_text,
        date_of_birth=date_of_birth or typed_date,
        age=age,
        sex=(sex or "").upper()[:1] or None,
        postcode=postcode or None,
        today=today or timezone.localdate(),
    )


def _rank(s: ScoredId) -> tuple:
    """Best score first; equal scores in id order (ids are text here, as the database gave them)."""
    return -s.score, s.pk


def search_ids(query: Query, *, limit: int = 10) -> list[ScoredId]:
    """The best `limit` people for a query (ids, scores and reasons), best first."""
    if not query.text and not query.date_of_birth and not query.postcode:
        return []
    scored: dict = {}
    _score(query, _first_pass(query), scored, limit)
    top = max((s.score for s in scored.values()), default=0.0)
    if top < GOOD_ENOUGH * best_possible(query) and query.text:
        _score(query, _second_pass(query), scored, limit)
    ranked = sorted((s for s in scored.values() if s.score >= MIN_SCORE), key=_rank)
    for s in ranked[:limit]:
        s.pk = s.pk if isinstance(s.pk, uuid.UUID) else uuid.UUID(str(s.pk))
    return ranked[:limit]


def strength_of(score: float) -> str:
    return strength(score)


__all__ = ["ScoredId", "build_query", "search_ids", "strength_of"]
