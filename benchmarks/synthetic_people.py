"""Deterministic synthetic people (Faker en_GB name lists, seeded) and perturbed queries about them."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import random
from dataclasses import dataclass

from faker import Faker
from faker.providers.person.en_GB import Provider as Names

from frontdoor.people.search.matching.names import full_forms, short_forms

AREAS = ["NR1", "NR2", "NR3", "NR4", "NR5", "NR6", "NR7", "NR8", "NR9", "NR10", "NR11", "NR12", "NR13", "NR14",
         "NR15", "NR16", "NR17", "NR18", "NR19", "NR20", "NR21", "NR25", "NR26", "NR27", "NR28", "NR29", "NR30",
         "NR31", "NR32", "NR33", "NR34", "NR35", "PE30", "PE31", "PE32", "PE33", "PE34", "PE37", "PE38", "IP20",
         "IP21", "IP22", "IP24", "IP25", "IP26", "IP27"]  # fmt: skip
INWARD = "ABDEFGHJLNPQRSTUWXYZ"
EXTRA_FAMILY = ["O'Brien", "O'Neill", "D'Souza", "Müller", "Nowak", "Kowalski", "Brontë", "MacDonald", "McCarthy"]
EXTRA_GIVEN_F = ["Zoë", "Chloé", "Renée", "Siân", "Niamh", "Aoife", "Maja", "Zofia"]
EXTRA_GIVEN_M = ["José", "Seán", "Rhys", "Oisín", "Jakub", "Mateusz", "Luca", "Kacper"]
COLUMNS = ["person_id", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address", "nhs_number"]
TODAY = dt.date(2026, 11, 23)


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)


class Generator:
    def __init__(self, seed: int = 2026):
        self.rng = random.Random(seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.family = list(Names.last_names.keys()) + EXTRA_FAMILY
        weights = list(Names.last_names.values())
        self.family_weights = weights + [min(weights)] * len(EXTRA_FAMILY)
        self.male = list(Names.first_names_male) + EXTRA_GIVEN_M
        self.female = list(Names.first_names_female) + EXTRA_GIVEN_F
        self.streets = [self.fake.street_name() for _ in range(3000)]

    def person(self, number: int) -> dict:
        rng = self.rng
        sex = rng.choice("MF")
        given = rng.choice(self.male if sex == "M" else self.female)
        family = rng.choices(self.family, self.family_weights)[0]
        if rng.random() < 0.03:
            other = rng.choices(self.family, self.family_weights)[0]
            if other != family:
                family = f"{family}-{other}"
        dob = TODAY - dt.timedelta(days=rng.randint(0, 80 * 365))
        postcode = f"{rng.choice(AREAS)} {rng.randint(1, 9)}{rng.choice(INWARD)}{rng.choice(INWARD)}"
        return {
            "person_id": f"B{number:08d}",
            "given_name": given,
            "family_name": family,
            "date_of_birth": dob.isoformat(),
            "sex": sex,
            "postcode": postcode,
            "address": f"{rng.randint(1, 250)} {rng.choice(self.streets)}",
            "nhs_number": nhs_number(rng),
        }


def write_people(path, n: int, *, seed: int = 2026, sample: int = 0) -> list[dict]:
    """Write n people to a CSV; return `sample` of them (chosen evenly) to build queries from."""
    generator = Generator(seed)
    step = max(1, n // sample) if sample else 0
    picked = []
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        for i in range(1, n + 1):
            row = generator.person(i)
            writer.writerow(row)
            if step and i % step == 0 and len(picked) < sample:
                picked.append(row)
    return picked


@dataclass
class PerturbedQuery:
    query_id: str
    target: str
    text: str
    given_name: str
    family_name: str
    date_of_birth: dt.date | None
    sex: str | None
    postcode: str | None
    changes: list[str]


def typo(word: str, rng: random.Random) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    if len(word) < 4:
        return word + rng.choice(letters)
    i = rng.randint(1, len(word) - 2)
    kind = rng.choice(["substitute", "delete", "insert", "transpose"])
    if kind == "substitute":
        return word[:i] + rng.choice(letters) + word[i + 1 :]
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "insert":
        return word[:i] + rng.choice(letters) + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


PERTURBATIONS = [
    "typo_given", "typo_family", "nickname", "swap_day_month", "year_out", "swap_names",
    "drop_postcode", "drop_sex", "age_only", "no_dob", "lower_case_no_punctuation",
]  # fmt: skip


def perturb(row: dict, rng: random.Random, number: int) -> PerturbedQuery:
    given, family = row["given_name"], row["family_name"]
    dob: dt.date | None = dt.date.fromisoformat(row["date_of_birth"])
    sex, postcode = row["sex"], row["postcode"]
    age = None
    changes = rng.sample(PERTURBATIONS, rng.choice([1, 2, 2, 3]))
    if "age_only" in changes and "no_dob" in changes:
        changes.remove("no_dob")
    if ("age_only" in changes or "no_dob" in changes) and "drop_postcode" in changes:
        changes.remove("drop_postcode")  # keep enough to identify someone among a million
    swapped = False
    for change in changes:
        if change == "typo_given":
            given = typo(given, rng)
        elif change == "typo_family":
            family = typo(family, rng)
        elif change == "nickname":
            lower = given.lower()
            forms = sorted(short_forms(lower) | full_forms(lower))
            if forms:
                given = rng.choice(forms).title()
        elif change == "swap_day_month" and dob and dob.day <= 12 and dob.day != dob.month:
            dob = dob.replace(day=dob.month, month=dob.day)
        elif change == "year_out" and dob:
            with contextlib.suppress(ValueError):
                dob = dob.replace(year=dob.year + rng.choice([-1, 1]))
        elif change == "swap_names":
            swapped = True
        elif change == "drop_postcode":
            postcode = None
        elif change == "drop_sex":
            sex = None
        elif change == "age_only" and dob:
            original = dt.date.fromisoformat(row["date_of_birth"])
            age = TODAY.year - original.year - ((TODAY.month, TODAY.day) < (original.month, original.day))
            dob = None
        elif change == "no_dob":
            dob = None
        elif change == "lower_case_no_punctuation":
            given, family = given.lower(), family.lower().replace("-", " ").replace("'", "")
    text = f"{family} {given}" if swapped else f"{given} {family}"
    if age is not None:
        text += f" {age}"
    return PerturbedQuery(f"Q{number:06d}", row["person_id"], text, given, family, dob, sex, postcode, changes)


DUPLICATE_SLIPS = [
    "typo_given",
    "typo_family",
    "nickname",
    "swap_day_month",
    "drop_postcode",
    "lower_case_no_punctuation",
]


def plant_duplicates(path, rows: list[dict], *, seed: int = 2026) -> list[tuple[str, str]]:
    """Write a second record (person_id D...) for each row, with one or two everyday slips.
    Returns the (original, duplicate) person_id pairs."""
    rng = random.Random(seed + 1)
    pairs = []
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        for number, row in enumerate(rows, start=1):
            given, family = row["given_name"], row["family_name"]
            dob, postcode = row["date_of_birth"], row["postcode"]
            for slip in rng.sample(DUPLICATE_SLIPS, rng.choice([1, 2])):
                if slip == "typo_given":
                    given = typo(given, rng)
                elif slip == "typo_family":
                    family = typo(family, rng)
                elif slip == "nickname":
                    forms = sorted(short_forms(given.lower()) | full_forms(given.lower()))
                    given = rng.choice(forms).title() if forms else given
                elif slip == "swap_day_month":
                    day = dt.date.fromisoformat(dob)
                    if day.day <= 12 and day.day != day.month:
                        dob = day.replace(day=day.month, month=day.day).isoformat()
                elif slip == "drop_postcode":
                    postcode = ""
                else:
                    given, family = given.lower(), family.lower().replace("'", "")
            duplicate = {**row, "person_id": f"D{number:08d}", "given_name": given, "family_name": family}
            writer.writerow({**duplicate, "date_of_birth": dob, "postcode": postcode, "nhs_number": ""})
            pairs.append((row["person_id"], duplicate["person_id"]))
    return pairs
