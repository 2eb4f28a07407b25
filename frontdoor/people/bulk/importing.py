"""Reading a person extract (CSV) row by row: column checks and per-row cleaning, no database.

Required columns: person_id, given_name, family_name, date_of_birth, sex, postcode, address, nhs_number.
Optional columns are listed in OPTIONAL_COLUMNS; any others are ignored (and reported once).

Never lose a person (issue 11): a value that cannot be stored as given (an empty name, an impossible date,
a postcode or NHS number that is not real) is stored blank and kept, quoted, in the record's "needs
checking" note, and the row is reported with its line. Only a row with no usable person_id, a repeated
person_id, the wrong number of fields, or no name and no date of birth at all is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from frontdoor.core import codes
from frontdoor.core.text import plain_text

from ..models import PERSON_FIELDS
from ..validators import (
    normalise_nhs_number,
    normalise_postcode,
    validate_birth_date,
    validate_nhs_number,
    validate_postcode,
    validate_upn,
)

REQUIRED_COLUMNS = (
    "person_id",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "postcode",
    "address",
    "nhs_number",
)
OPTIONAL_COLUMNS = tuple(name for name in PERSON_FIELDS if name not in REQUIRED_COLUMNS)  # the rest of the record
TEXT_LIMITS = {
    "given_name": 100,
    "family_name": 100,
    "middle_names": 100,
    "preferred_name": 100,
    "address": 300,
    "gender_identity": 60,
    "first_language": 60,
    "religion": 60,
    "nationality": 60,
    "immigration_status": 100,
    "school": 160,
    "phone": 40,
}
_PERSON_ID = re.compile(r"^[A-Za-z0-9]{1,20}$")
_SEX = {"m": "M", "male": "M", "f": "F", "female": "F", "u": "U", "unknown": "U", "not known": "U", "": "U"}


class ExtractError(Exception):
    """The file as a whole cannot be loaded (encoding, missing columns, broken CSV)."""


@dataclass
class BadRow:
    """A row reported with its line: refused (nothing loaded), or `loaded` with the faulty values left blank
    and kept in the record's "needs checking" note."""

    line: int
    person_id: str
    reason: str
    loaded: bool = False


def parse_date(value: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a calendar date: no time, no zone)
        except ValueError:
            continue
    raise ValidationError(f"{value} is not a date: use YYYY-MM-DD or DD/MM/YYYY")


_ETHNICITY = None


def _ethnicities() -> set[str]:
    global _ETHNICITY
    if _ETHNICITY is None:
        _ETHNICITY = {code for code, _ in codes.ethnicity_choices()}
    return _ETHNICITY


def _text(row: dict[str, str], name: str) -> str:
    return " ".join(plain_text(row.get(name) or "").split())


def _shown(value: str) -> str:
    """An original value as the note quotes it (short enough to read, with nothing hidden)."""
    value = " ".join((value or "").split())
    return f"“{value[:200]}{'…' if len(value) > 200 else ''}”"


def clean_row(row: dict[str, str], *, today: dt.date) -> tuple[dict, list[str], list[str]]:
    """(values ready to store, problems, refusals).

    A problem is a value that cannot be stored as given: the value is stored blank (sex "U") and the
    problem, quoting what was given, goes into the record's "needs checking" note. A refusal means the row
    cannot be loaded at all: no usable person_id, or no name and no date of birth at all. Both name the
    column and say what is wrong.
    """
    problems: list[str] = []
    refusals: list[str] = []
    values: dict = {}
    person_id = (row.get("person_id") or "").strip()
    if not _PERSON_ID.match(person_id):
        refusals.append("person_id must be 1 to 20 letters or digits")
    values["person_id"] = person_id
    for name, limit in TEXT_LIMITS.items():
        text = _text(row, name)
        if len(text) > limit:
            problems.append(f"{name} {_shown(text)} is longer than {limit} characters")
            text = ""
        values[name] = text
    for name in ("given_name", "family_name"):
        if not values[name] and not _text(row, name):
            problems.append(f"{name} was empty")
    for name in ("date_of_birth", "expected_date_of_birth"):
        raw = row.get(name) or ""
        try:
            values[name] = parse_date(raw)
            if name == "date_of_birth":
                validate_birth_date(values[name], today=today)
        except ValidationError as e:
            problems.append(f"{name} {_shown(raw)}: {e.messages[0]}")
            values[name] = None
    if not values["given_name"] and not values["family_name"]:  # rare: only then look at what was given
        given_a_name = _text(row, "given_name") or _text(row, "family_name")
        given_a_date = any((row.get(n) or "").strip() for n in ("date_of_birth", "expected_date_of_birth"))
        if not given_a_name and not given_a_date:
            refusals.append("no name and no date of birth")
    raw_sex = row.get("sex") or ""
    sex = _SEX.get(raw_sex.strip().lower())
    if sex is None:
        problems.append(f"sex {_shown(raw_sex)} is not M, F or U")
    values["sex"] = sex or "U"
    for name, validate, normalise in (
        ("postcode", validate_postcode, normalise_postcode),
        ("nhs_number", validate_nhs_number, normalise_nhs_number),
        ("upn", validate_upn, lambda v: (v or "").strip().upper()),
    ):
        raw = row.get(name) or ""
        try:
            validate(raw)
            values[name] = normalise(raw)
        except ValidationError as e:
            problems.append(f"{name} {_shown(raw)}: {e.messages[0]}")
            values[name] = ""
    age = (row.get("approximate_age") or "").strip()
    values["approximate_age"] = None
    if age:
        if age.isdigit() and int(age) <= 120:
            values["approximate_age"] = int(age)
        else:
            problems.append(f"approximate_age {_shown(age)} is not a whole number of years")
    raw_ethnicity = row.get("ethnicity") or ""
    ethnicity = raw_ethnicity.strip().upper()
    if ethnicity and ethnicity not in _ethnicities():
        problems.append(f"ethnicity {_shown(raw_ethnicity)} is not a DfE ethnicity code")
        ethnicity = ""
    values["ethnicity"] = ethnicity
    values["communication_needs"] = (row.get("communication_needs") or "").strip()
    return values, problems, refusals


def needs_checking_note(*, file_name: str, line: int, today: dt.date, problems: list[str]) -> str:
    """The note kept on the record: where the row came from and each value left blank, as it was given."""
    return (
        f"Imported from {file_name}, line {line}, on {today:%-d %B %Y}. Left blank or unknown because "
        + "; ".join(problems)
        + "."
    )


def check_header(fieldnames: list[str] | None) -> tuple[list[str], list[str]]:
    """(missing required columns, ignored unknown columns)."""
    names = [(f or "").strip().lower() for f in fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    ignored = [c for c in names if c and c not in REQUIRED_COLUMNS and c not in OPTIONAL_COLUMNS]
    return missing, ignored


def scan_file(path) -> tuple[int, list[str]]:
    """First pass: the file decodes as UTF-8, parses as CSV and has the columns. Returns (rows, ignored columns).

    Raises ExtractError with a message for people; nothing has been loaded at that point.
    """
    rows = 0
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f, strict=True)
            header = next(reader, None)
            if not header:
                raise ExtractError("The file is empty: it needs a header row with the column names")
            missing, ignored = check_header(header)
            if missing:
                raise ExtractError(
                    f"The file is missing the column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}"
                )
            for _ in reader:
                rows += 1
    except UnicodeDecodeError as e:
        raise ExtractError(
            f"The file is not UTF-8 text (unreadable byte at position {e.start}, after about {rows + 1} rows). "
            "Save it as ‘CSV UTF-8’ and try again. Nothing was loaded."
        ) from None
    except csv.Error as e:
        raise ExtractError(f"The CSV is broken at line {reader.line_num}: {e}. Nothing was loaded.") from None
    except FileNotFoundError:
        raise ExtractError(f"There is no file called {path}") from None
    return rows, ignored


def read_rows(path, *, today: dt.date) -> Iterator[tuple[int, dict | None, BadRow | None]]:
    """Second pass: (line number, values or None, BadRow or None) for every data row.

    Values None: the row is refused (the BadRow says why). Values and a BadRow: the row is loaded with
    the faulty values blank and `needs_checking` set. Values alone: a clean row."""
    seen: dict[str, int] = {}
    file_name = os.path.basename(str(path))
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, strict=True)
        header = [(h or "").strip().lower() for h in next(reader)]
        width = len(header)
        for fields in reader:
            line = reader.line_num
            if not any(fields):
                continue
            if len(fields) != width:
                yield (
                    line,
                    None,
                    BadRow(line, fields[0] if fields else "", f"has {len(fields)} fields, expected {width}"),
                )
                continue
            values, problems, refusals = clean_row(dict(zip(header, fields, strict=True)), today=today)
            pid = values["person_id"]
            if pid and pid in seen:
                refusals.append(f"person_id {pid} already appeared on line {seen[pid]}")
            if refusals:
                yield line, None, BadRow(line, pid, "; ".join(refusals + problems))
                continue
            seen[pid] = line
            if problems:
                values["needs_checking"] = needs_checking_note(
                    file_name=file_name, line=line, today=today, problems=problems
                )
                yield line, values, BadRow(line, pid, "; ".join(problems), loaded=True)
                continue
            yield line, values, None
