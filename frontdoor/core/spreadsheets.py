"""Cells that a spreadsheet will show, never run.

A text cell starting with =, +, -, @, a tab or a carriage return is read by Excel, LibreOffice and
openpyxl as a formula (CSV or formula injection: `=HYPERLINK(...)`, `+cmd|...`, `-2+3`, `@SUM(...)`).
Every CSV or workbook Front Door writes passes its rows through `safe_row`, which puts an apostrophe
before such text, as OWASP recommends; numbers and dates are left as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


class SafeCsvWriter:
    """csv.writer whose rows are made safe first."""

    def __init__(self, f, **kwargs):
        self._writer = csv.writer(f, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        self._writer.writerows(safe_row(row) for row in rows)
