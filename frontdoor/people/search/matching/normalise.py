"""Name normalisation: case, accents, apostrophes, hyphens and double-barrelled names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish

_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "þ": "th"})
_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_LETTERS = re.compile(r"[^a-z]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case ASCII letters and spaces only: "O'Brien-Zoë" -> "obrien zoe"."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _APOSTROPHES.sub("", text)
    return _NOT_LETTERS.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """Name parts: hyphens and spaces separate parts, apostrophes join ("O'Brien" is one part)."""
    return fold(text).split()


def joined(text: str) -> str:
    """A whole name with its parts run together: "Smith-Jones" and "Smith Jones" both give "smithjones"."""
    return "".join(tokens(text))


@lru_cache(maxsize=65536)
def phonetic(token: str) -> str:
    """A sound-alike key (Metaphone) for one normalised name part; empty for an empty part."""
    if not token:
        return ""
    return jellyfish.metaphone(token).upper()[:12] or token[:4].upper()


def family_forms(family_name: str) -> set[str]:
    """Each part of a family name and the whole, so "Smith-Jones" is found as Smith, Jones or Smith-Jones."""
    parts = tokens(family_name)
    forms = set(parts)
    if len(parts) > 1:
        forms.add("".join(parts))
    return forms
