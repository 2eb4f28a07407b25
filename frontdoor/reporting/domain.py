"""Pure mappings from stored codes to the Ofsted Annex A labels (data/standards/annex_a_lists_1-5_columns.csv).

A coded cell carries only the national code and label as the standard spells it ("t) NOBT", "q) 6: Police"):
each label is checked against the column's allowed values (`allowed_values`), so a note in a code list can
never reach a return (issue 11: "s) NOBT in liia schema; t) NOBT in D2I SSD Annex A script" did).
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import cache

from frontdoor.core.codes import STANDARDS_DIR

GENDER_LABELS = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded", "I": "d) Neither"}

# When a contact has no CIN source code recorded, derive one from who called.
AGENCY_KIND_SOURCE = {
    "police": "6",
    "health": "3F",
    "education": "2B",
    "housing": "4",
    "probation": "7",
    "adult_services": "5A",
    "childrens_services": "5B",
    "domestic_abuse": "8",
    "voluntary": "8",
    "other": "8",
}


@cache
def _code_labels(file: str, code_column: str, label_column: str) -> dict[str, str]:
    with (STANDARDS_DIR / file).open(encoding="utf-8-sig", newline="") as f:
        return {row[code_column]: row[label_column] for row in csv.DictReader(f) if row.get(label_column)}


@cache
def allowed_values(list_name: str, column: str) -> tuple[str, ...]:
    """The values a coded (category) column may hold, as the Annex A standard spells them; () for others."""
    with (STANDARDS_DIR / "annex_a_lists_1-5_columns.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["list"] == list_name and row["column"] == column and row["type"] == "category":
                return tuple(v.strip() for v in row["allowed_values"].split("|"))
    return ()


@cache
def _annex_labels(file: str, code_column: str, column: str) -> dict[str, str]:
    """Code -> Annex A cell for one coded column: the code list's label where the standard allows it, else the
    allowed value that names the code (so a label with a note after it is never used)."""
    allowed = allowed_values("List 1", column)
    labels = {}
    for code, label in _code_labels(file, code_column, "annex_a_label").items():
        if label not in allowed:
            label = next((a for a in allowed if a.partition(") ")[2].split(":")[0] == code), "")
        if label:
            labels[code] = label
    return labels


def gender_label(sex: str | None) -> str:
    return GENDER_LABELS.get(sex or "U", "c) Not stated/recorded")


def ethnicity_label(code: str | None) -> str:
    labels = _annex_labels("code_list_ethnicity.csv", "dfe_code", "Ethnicity")
    return labels.get(code or "NOBT") or labels["NOBT"]


def source_label(code: str | None) -> str:
    labels = _annex_labels("code_list_referral_contact_source.csv", "cin_code", "Contact Source")
    return labels.get(code or "10") or labels["10"]


def derive_source(*, source: str, caller_type: str, agency_kind: str | None, confidential: bool) -> str:
    """The CIN referral source code: as recorded, else from the caller's agency, else individual/anonymous."""
    if source:
        return source
    if caller_type == "public":
        return "9" if confidential else "1D"
    return AGENCY_KIND_SOURCE.get(agency_kind or "", "10")


def age_in_years(date_of_birth: dt.date | None, on: dt.date) -> int | None:
    if not date_of_birth:
        return None
    years = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    return max(years, 0)


def age_of_child(date_of_birth: dt.date | None, approximate_age: int | None, on: dt.date) -> int | None:
    """Age in whole years on the day: from the date of birth, else the approximate age (a child known only by
    their age is still counted by age; the age is the one given for the day of the contact)."""
    if date_of_birth:
        return age_in_years(date_of_birth, on)
    return approximate_age


def annex_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
