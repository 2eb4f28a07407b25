"""Scoring one candidate against a query: a 0-100 score and the plain-English reasons for it.

Weights: names 60, date of birth (or age) 30, postcode 6, sex 4. A search without a date of birth
therefore tops out at 70 ("Possible"): a name alone is never a strong match in a county-sized index.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from .dates import compare_age, compare_dates
from .keys import Reading, readings
from .names import same_person_name, short_forms
from .normalise import phonetic, tokens

NAME_WEIGHT, DOB_WEIGHT, POSTCODE_WEIGHT, SEX_WEIGHT = 0.60, 0.30, 0.06, 0.04
STRONG, POSSIBLE = 80, 55


@dataclass(frozen=True)
class Query:
    text: str
    date_of_birth: dt.date | None = None
    age: int | None = None
    sex: str | None = None
    postcode: str | None = None
    today: dt.date = field(default_factory=dt.date.today)

    @cached_property
    def readings(self) -> list[Reading]:
        return readings(self.text)

    @cached_property
    def compact_postcode(self) -> str:
        return compact_postcode(self.postcode)


@dataclass(slots=True)
class Candidate:
    given_name: str
    family_name: str
    other_given: tuple[str, ...] = ()  # middle and preferred names
    aliases: tuple[tuple[str, str], ...] = ()  # previous names and aliases: (given, family)
    date_of_birth: dt.date | None = None
    approximate_age: int | None = None
    sex: str = ""
    postcode: str = ""


def strength(score: float) -> str:
    return "Strong" if score >= STRONG else "Possible" if score >= POSSIBLE else "Weak"


@lru_cache(maxsize=65536)
def compact_postcode(postcode: str | None) -> str:
    return "".join((postcode or "").split()).upper()


@lru_cache(maxsize=262144)
def token_similarity(typed: str, recorded: str) -> tuple[float, str]:
    """(0-1 similarity, reason) for one typed name part against one recorded part (both normalised)."""
    if not typed or not recorded:
        return 0.0, ""
    if typed == recorded:
        return 1.0, "same"
    if same_person_name(typed, recorded):
        return 0.92, "short"
    spelling = (
        JaroWinkler.normalized_similarity(typed, recorded) + DamerauLevenshtein.normalized_similarity(typed, recorded)
    ) / 2
    if phonetic(typed) == phonetic(recorded):
        return max(0.9, spelling), "sounds"
    if (
        spelling < 0.9
        and len(typed) <= 6
        and any(DamerauLevenshtein.distance(typed, short, score_cutoff=1) <= 1 for short in short_forms(recorded))
    ):
        return 0.9, "misspelt_short"
    if len(typed) >= 3 and recorded.startswith(typed):
        return max(0.85, spelling), "starts"
    return spelling, "spelt" if spelling >= 0.75 else ""


def _describe(kind: str, typed: str, recorded: str, what: str) -> str:
    t, r = typed.title(), recorded.title()
    return {
        "same": f"Same {what}",
        "short": f"{t} and {r} are forms of the same name",
        "starts": f"{r} starts with {t}",
        "misspelt_short": f"{t} looks like a short form of {r}",
        "sounds": f"{t} sounds like {r}",
        "spelt": f"{t} is spelt like {r}",
        "part": f"{t} is part of the family name {r}",
    }.get(kind, "")


def _best(typed: str, recorded_names) -> tuple[float, str, str]:
    best = (0.0, "", "")
    for recorded in recorded_names:
        sim, kind = token_similarity(typed, recorded)
        if sim > best[0]:
            best = (sim, kind, recorded)
    return best


@lru_cache(maxsize=262144)
def _family_similarity(typed: tuple[str, ...], recorded: str) -> tuple[float, str]:
    parts = tokens(recorded)
    if not typed or not parts:
        return 0.0, ""
    whole_typed, whole_recorded = "".join(typed), "".join(parts)
    sim, kind = token_similarity(whole_typed, whole_recorded)
    reason = _describe(kind, " ".join(typed), " ".join(parts), "family name")
    if len(parts) > 1 or len(typed) > 1:
        # One barrel typed of a double-barrelled record is likely; a record missing a typed barrel less so.
        factor = 0.95 if len(parts) > len(typed) else 0.85
        for t in typed:
            part_sim, part_kind, _ = _best(t, parts)
            part_sim *= factor
            if part_sim > sim:
                sim = part_sim
                if len(parts) > len(typed):
                    reason = _describe("part", t, "-".join(parts), "")
                else:
                    reason = f"Family name {'-'.join(parts).title()} is part of {' '.join(typed).title()}"
    return sim, reason


@lru_cache(maxsize=262144)
def _name_score(reading: Reading, given_names: tuple[str, ...], family: str) -> tuple[float, tuple[str, ...]]:
    reasons: list[str] = []
    family_sim = 0.0
    if reading.family:
        family_sim, why = _family_similarity(reading.family, family)
        if why and family_sim >= 0.75:
            reasons.append(why)
    given_sim = 0.0
    if reading.given:
        given_sim, kind, recorded = _best(reading.given, given_names)
        if kind and given_sim >= 0.75:
            reasons.append(_describe(kind, reading.given, recorded, "given name"))
    if reading.given and reading.family:
        score = (given_sim + family_sim) / 2
    elif reading.family:
        score = family_sim * 0.75
    else:
        score = given_sim * 0.6
    if reading.swapped and reading.given and reading.family:
        score *= 0.97
        reasons.append("Given and family names typed the other way round")
    return score, tuple(reasons)


@lru_cache(maxsize=65536)
def _given_tokens(given_name: str, other_given: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for n in (given_name, *other_given) for t in tokens(n))


def name_agreement(query: Query, candidate: Candidate) -> tuple[float, list[str]]:
    """Best agreement over the ways of reading the typed text and the person's names and aliases."""
    main_given = _given_tokens(candidate.given_name, candidate.other_given)
    best: tuple[float, list[str]] = (0.0, [])
    for reading in query.readings:
        if best[0] >= 0.9 and not candidate.aliases:
            break  # the names as typed already agree; the swapped reading (x0.97) cannot do much better
        score, reasons = _name_score(reading, main_given, candidate.family_name)
        if score > best[0]:
            best = (score, list(reasons))
        for alias_given, alias_family in candidate.aliases:
            score, reasons = _name_score(
                reading, tuple(tokens(alias_given)) or main_given, alias_family or candidate.family_name
            )
            score *= 0.95
            if score > best[0]:
                best = (score, [*reasons, f"Matches a previous name or alias ({alias_given} {alias_family})".strip()])
    return best


def other_agreement(query: Query, candidate: Candidate) -> tuple[list[float], list[str]]:
    """What the date of birth (or age), postcode and sex add to the score, and why. Cheap, so it is
    worked out first: with it, `score_bound` says how high the name could still take a candidate."""
    parts: list[float] = []
    reasons: list[str] = []
    if query.date_of_birth:
        if candidate.date_of_birth:
            agreement, why = compare_dates(query.date_of_birth, candidate.date_of_birth)
        else:
            agreement, why = 0.0, "No date of birth recorded"
        parts.append(DOB_WEIGHT * agreement)
        reasons.append(why)
    elif query.age is not None:
        agreement, why = compare_age(query.age, candidate.date_of_birth, candidate.approximate_age, query.today)
        parts.append(DOB_WEIGHT * agreement)
        reasons.append(why)
    typed_postcode = query.compact_postcode
    if typed_postcode:
        recorded = compact_postcode(candidate.postcode)
        if recorded == typed_postcode:
            parts.append(POSTCODE_WEIGHT)
            reasons.append("Same postcode")
        elif recorded and recorded[:-3] == typed_postcode[:-3]:
            parts.append(POSTCODE_WEIGHT / 2)
            reasons.append(f"Same postcode district ({recorded[:-3]})")
    if query.sex and query.sex in "MF":
        if candidate.sex == query.sex:
            parts.append(SEX_WEIGHT)
        elif candidate.sex in ("M", "F"):
            parts.append(-0.05)
            reasons.append("Recorded sex is different")
    return parts, reasons


def combined_score(name: float, parts: list[float]) -> float:
    """The 0-100 score: added up in one fixed order, so that the same agreement always rounds the same way."""
    total = NAME_WEIGHT * name
    for part in parts:
        total += part
    return round(max(0.0, min(total, 1.0)) * 100, 1)


def score_bound(parts: list[float]) -> float:
    """The highest score a candidate could reach if its names agreed completely (name agreement is at most 1)."""
    return combined_score(1.0, parts)


def score_candidate(query: Query, candidate: Candidate) -> tuple[float, list[str]]:
    """The 0-100 score and reasons for one candidate."""
    parts, other_reasons = other_agreement(query, candidate)
    name, reasons = name_agreement(query, candidate)
    return combined_score(name, parts), [*reasons, *other_reasons]
