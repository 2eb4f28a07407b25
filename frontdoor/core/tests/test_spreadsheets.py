"""Cells a spreadsheet would run as a formula are written as text; everything else is left alone."""

import datetime as dt
import io

import pytest

from frontdoor.core.spreadsheets import SafeCsvWriter, safe_cell


@pytest.mark.parametrize(
    "value, written",
    [
        ('=HYPERLINK("http://x.invalid","click")', '\'=HYPERLINK("http://x.invalid","click")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("Geraldine Hughes", "Geraldine Hughes"),
        ("O'Brian", "O'Brian"),
        ("", ""),
        (-2, -2),
        (3.5, 3.5),
        (dt.date(2026, 12, 2), dt.date(2026, 12, 2)),
        (None, None),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written


def test_the_csv_writer_makes_every_row_safe():
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer)
    writer.writerow(["id", "name"])
    writer.writerows([["=1+1", "Amira"], ["2", "@x"]])
    assert buffer.getvalue().splitlines() == ["id,name", "'=1+1,Amira", "2,'@x"]
