"""Text as a person meant it: no invisible characters that change how it looks or sorts.

Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), zero-width spaces and joiners
(U+200B-U+200D), the byte-order mark and soft hyphens are Unicode "format" characters (category Cf):
invisible, but they can make two different names look the same, or one name display backwards. They
are taken out of everything typed into a text field or loaded by the import, and the text is put in
Unicode's composed form (NFC) so that "é" typed two ways is stored one way. Line breaks and tabs are
kept (they are control characters, not format characters); other control characters are dropped.
"""

from __future__ import annotations

import unicodedata

_KEEP_CONTROLS = {"\n", "\r", "\t"}


def plain_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    return "".join(c for c in value if c in _KEEP_CONTROLS or unicodedata.category(c) not in ("Cf", "Cc", "Cs", "Co"))
