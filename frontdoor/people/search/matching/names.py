"""Short forms of given names: the `nicknames` package plus a small list of common British forms."""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from nicknames import NickNamer

_BRITISH = Path(__file__).with_name("british_nicknames.csv")
_LIMIT = 8


@lru_cache(maxsize=1)
def _namer() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=1)
def _british() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    full_of: dict[str, set[str]] = defaultdict(set)
    short_of: dict[str, set[str]] = defaultdict(set)
    with _BRITISH.open(encoding="utf-8") as f:
        rows = (line for line in f if not line.startswith("#"))
        for row in csv.DictReader(rows):
            short, full = row["short"].strip(), row["full"].strip()
            if short != full:
                full_of[short].add(full)
                short_of[full].add(short)
    return dict(full_of), dict(short_of)


@lru_cache(maxsize=65536)
def full_forms(name: str) -> frozenset[str]:
    """The full names a short form stands for: "bill" -> {"william", ...}. Normalised lower case in and out."""
    if not name:
        return frozenset()
    british = _british()[0].get(name, set())
    package = sorted(_namer().canonicals_of(name))[:_LIMIT]
    return frozenset(british | set(package))


@lru_cache(maxsize=65536)
def short_forms(name: str) -> frozenset[str]:
    """The short forms of a full name: "william" -> {"bill", "will", "liam", ...}."""
    if not name:
        return frozenset()
    british = _british()[1].get(name, set())
    package = sorted(_namer().nicknames_of(name))[:_LIMIT]
    return frozenset(british | set(package))


@lru_cache(maxsize=65536)
def record_forms(name: str) -> frozenset[str]:
    """Forms stored for a name on a record: itself and the full names it may stand for."""
    return frozenset({name}) | full_forms(name) if name else frozenset()


@lru_cache(maxsize=65536)
def query_forms(name: str) -> frozenset[str]:
    """Forms looked up for a typed name: itself, its full forms and its short forms.

    A record "William" is found from "Bill" (full form), a record "Bill" from "William" (the record's
    stored full form), and "Billy" finds "Bill" through their shared full form "william".
    """
    return frozenset({name}) | full_forms(name) | short_forms(name) if name else frozenset()


def same_person_name(a: str, b: str) -> bool:
    """True when one name is a short form of the other or both are short forms of one full name."""
    if not a or not b or a == b:
        return False
    return bool(record_forms(a) & query_forms(b)) or bool(record_forms(b) & query_forms(a))
