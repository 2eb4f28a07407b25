"""National code lists (DfE CIN census, Annex A, Standard Safeguarding Dataset).

The CSV files in data/standards/ are copies of the national standards. Models store the codes;
pages show the labels. Loaded once per process.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

STANDARDS_DIR = Path(__file__).resolve().parents[2] / "data" / "standards"


@cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    with (STANDARDS_DIR / f"code_list_{name}.csv").open(encoding="utf-8-sig", newline="") as f:
        return tuple(csv.DictReader(f))


def ethnicity_choices() -> list[tuple[str, str]]:
    return [(r["dfe_code"], r["description"]) for r in _rows("ethnicity")]


def sex_choices() -> list[tuple[str, str]]:
    """CIN census Sex (from 2024-25): M, F, U (unknown or unborn)."""
    return [(r["code"], r["description"]) for r in _rows("sex_gender") if r["standard"].startswith("CIN census Sex")]


def referral_source_choices() -> list[tuple[str, str]]:
    return [(r["cin_code"], r["description"]) for r in _rows("referral_contact_source")]


def closure_reason_choices() -> list[tuple[str, str]]:
    return [(r["code"], r["description"]) for r in _rows("cin_reason_for_closure")]


def disability_choices() -> list[tuple[str, str]]:
    return [(r["code"], r["description"]) for r in _rows("cin_disability")]


def assessment_factor_choices() -> list[tuple[str, str]]:
    return [(r["code"], r["description"]) for r in _rows("cin_assessment_factors")]


def label(choices: list[tuple[str, str]], code: str | None) -> str:
    return dict(choices).get(code or "", code or "")
