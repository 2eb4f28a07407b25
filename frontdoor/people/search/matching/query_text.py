"""Reading the one search box: names, and optionally a date of birth or an age typed with them."""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
# A Chinese, Japanese kanji or Korean name typed as one run, with no space: "李小龙", "김민준".
_HAN_OR_HANGUL_NAME = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]{2,4}$")
_AGE = re.compile(r"(?:\baged?\s*)?\b(\d{1,3})\b(?:\s*(?:years?|yrs?|y)\b)?", re.IGNORECASE)


def parse_search_text(text: str) -> tuple[str, dt.date | None, int | None]:
    """(name text, date of birth, age): "Jess Smith 4/3/2015" or "Jess Smith age 9"."""
    text = text or ""
    found_date = None
    match = _DATE.search(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            found_date = dt.date(year, month, day)
        except ValueError:
            try:
                found_date = dt.date(year, day, month)
            except ValueError:
                found_date = None
        text = text[: match.start()] + " " + text[match.end() :]
    age = None
    match = _AGE.search(text)
    if match and int(match.group(1)) <= 120:
        age = int(match.group(1))
        text = text[: match.start()] + " " + text[match.end() :]
    return _family_name_first(" ".join(text.split())), found_date, age


def _family_name_first(text: str) -> str:
    """A Chinese or Korean name typed without a space is read family name first, one character long
    (李小龙 is 李 小龙): the usual order and length, so the index's name keys can find it."""
    if _HAN_OR_HANGUL_NAME.match(text):
        return f"{text[0]} {text[1:]}"
    return text
