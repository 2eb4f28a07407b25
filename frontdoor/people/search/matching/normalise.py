"""Name normalisation: case, accents, apostrophes, hyphens, double-barrelled names and other scripts.

A name written in another script is folded to its Latin transliteration (anyascii: "李小龙" -> "lixiaolong",
"Ελένη" -> "eleni", "Мария" -> "mariya"), so it is found by typing the original or the transliteration.
Latin names with accents fold as before (accents dropped), without a transliteration table."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish
from anyascii import anyascii

_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "þ": "th"})
_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_LETTERS = re.compile(r"[^a-z]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case ASCII letters and spaces only: "O'Brien-Zoë" -> "obrien zoe"."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c))
    if not text.isascii():
        text = transliterate(text)
    text = text.lower()
    text = _APOSTROPHES.sub("", text)
    return _NOT_LETTERS.sub(" ", text).strip()


def transliterate(text: str) -> str:
    """Letters of other scripts in Latin letters (anyascii); anything else as it is (an emoji is not a name)."""
    return "".join(anyascii(c) if not c.isascii() and c.isalpha() else c for c in text)


def romanised(name: str) -> str:
    """The name's transliteration to show beside it, or "" when it is written in Latin letters already
    (accents alone do not need one: "Zoë" is shown as it is)."""
    latin = unicodedata.normalize("NFKD", (name or "").translate(_SPECIAL))
    latin = "".join(c for c in latin if not unicodedata.combining(c))
    if all(c.isascii() or not c.isalpha() for c in latin):
        return ""
    return " ".join(transliterate(latin).split())


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
