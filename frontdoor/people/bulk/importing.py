"""Reading a person extract (CSV) row by row: column checks and per-row cleaning, no database.

Required columns: person_id, given_name, family_name, date_of_birth, sex, postcode, address, nhs_number.
Optional columns are listed in OPTIONAL_COLUMNS; any others are ignored (and reported once).
"""

from __future__ import annotations

import csv
import datetime as dt
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
    line: int
    person_id: str
    reason: str


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


def clean_row(row: dict[str, str], *, today: dt.date) -> tuple[dict, list[str]]:
    """(values ready to store, reasons the row is bad). Reasons name the column and what is wrong."""
    errors: list[str] = []
    values: dict = {}
    person_id = (row.get("person_id") or "").strip()
    if not _PERSON_ID.match(person_id):
        errors.append("person_id must be 1 to 20 letters or digits")
    values["person_id"] = person_id
    for name in ("given_name", "family_name"):
        text = " ".join(plain_text(row.get(name) or "").split())
        if not text:
            errors.append(f"{name} is empty")
        values[name] = text
    for name, limit in TEXT_LIMITS.items():
        if name in ("given_name", "family_name"):
            text = values[name]
        else:
            text = " ".join(plain_text(row.get(name) or "").split())
            values[name] = text
        if len(text) > limit:
            errors.append(f"{name} is longer than {limit} characters")
    for name in ("date_of_birth", "expected_date_of_birth"):
        try:
            values[name] = parse_date(row.get(name, ""))
            if name == "date_of_birth":
                validate_birth_date(values[name], today=today)
        except ValidationError as e:
            errors.append(f"{name}: {e.messages[0]}")
    sex = _SEX.get((row.get("sex") or "").strip().lower())
    if sex is None:
        errors.append("sex must be M, F or U")
    values["sex"] = sex or "U"
    for name, validate, normalise in (
        ("postcode", validate_postcode, normalise_postcode),
        ("nhs_number", validate_nhs_number, normalise_nhs_number),
        ("upn", validate_upn, lambda v: (v or "").strip().upper()),
    ):
        raw = row.get(name) or ""
        try:
            validate(raw)
        except ValidationError as e:
            errors.append(f"{name}: {e.messages[0]}")
        values[name] = normalise(raw)
    age = (row.get("approximate_age") or "").strip()
    values["approximate_age"] = None
    if age:
        if age.isdigit() and int(age) <= 120:
            values["approximate_age"] = int(age)
        else:
            errors.append("approximate_age must be a whole number of years")
    ethnicity = (row.get("ethnicity") or "").strip().upper()
    if ethnicity and ethnicity not in _ethnicities():
        errors.append(f"ethnicity {ethnicity} is not a DfE ethnicity code")
    values["ethnicity"] = ethnicity
    values["communication_needs"] = (row.get("communication_needs") or "").strip()
    return values, errors


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
    """Second pass: (line number, cleaned values or None, BadRow or None) for every data row."""
    seen: dict[str, int] = {}
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
            values, errors = clean_row(dict(zip(header, fields, strict=True)), today=today)
            pid = values["person_id"]
            if pid and pid in seen:
                errors.append(f"person_id {pid} already appeared on line {seen[pid]}")
            if errors:
                yield line, None, BadRow(line, pid, "; ".join(errors))
                continue
            seen[pid] = line
            yield line, values, None
