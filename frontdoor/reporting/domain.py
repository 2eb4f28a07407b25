"""Pure mappings from stored codes to the Ofsted Annex A labels (data/standards/annex_a_lists_1-5_columns.csv)."""

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


def gender_label(sex: str | None) -> str:
    return GENDER_LABELS.get(sex or "U", "c) Not stated/recorded")


def ethnicity_label(code: str | None) -> str:
    labels = _code_labels("code_list_ethnicity.csv", "dfe_code", "annex_a_label")
    return labels.get(code or "NOBT", "s) NOBT")


def source_label(code: str | None) -> str:
    labels = _code_labels("code_list_referral_contact_source.csv", "cin_code", "annex_a_label")
    return labels.get(code or "10", "u) 10: Unknown")


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


def annex_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
