"""The letter as an accessible PDF: WeasyPrint, tagged (PDF/UA-1), real text, a readable installed font.

Any failure (font missing, a letter too long to print, a WeasyPrint error) becomes LetterPdfError with
a message the worker can act on; callers keep the draft.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from . import domain
from .conf import int_setting, setting
from .content import letterhead

log = logging.getLogger(__name__)

DEFAULT_FONT = "Liberation Sans"


class LetterPdfError(Exception):
    """The PDF could not be made; the message is written for the worker."""


@lru_cache(maxsize=8)
def _installed_families() -> frozenset[str] | None:
    if not shutil.which("fc-list"):
        return None
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=10).stdout
    return frozenset(f.strip().lower() for line in out.splitlines() for f in line.split(","))


def letter_font() -> str:
    return setting("FRONTDOOR_LETTER_FONT", DEFAULT_FONT)


def max_pages() -> int:
    return int_setting("FRONTDOOR_LETTER_MAX_PAGES", 6)


def letter_html(letter, *, draft: bool = False, sent_on=None) -> str:
    sections = [
        {"name": name, "heading": label, "text": getattr(letter, name)}
        for name, label, _required in domain.SECTIONS
        if getattr(letter, name).strip()
    ]
    return render_to_string(
        "letters/pdf/letter.html",
        {
            "letter": letter,
            "contact": letter.contact,
            "head": letterhead(),
            "sections": sections,
            "draft": draft,
            "dated": timezone.localdate(sent_on) if sent_on else timezone.localdate(),
            "font": letter_font(),
            "worker_name": letter.contact.worker.get_full_name() or letter.contact.worker.username,
        },
    )


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    families = _installed_families()
    font = letter_font()
    if families is not None and font.lower() not in families:
        raise LetterPdfError(
            f"The letter could not be made into a PDF because the font '{font}' is not installed. "
            "Your draft has been kept. Ask your administrator to install the font or change FRONTDOOR_LETTER_FONT."
        )
    try:
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(pdf_variant="pdf/ua-1", pdf_tags=True)
    except Exception as exc:  # WeasyPrint raises many kinds; the worker needs one clear message
        log.exception("Letter PDF failed")
        raise LetterPdfError(
            "The letter could not be made into a PDF. Your draft has been kept. Try again, and if it happens "
            f"again tell your administrator ({type(exc).__name__})."
        ) from exc
    if len(document.pages) > max_pages():
        raise LetterPdfError(
            f"The letter is {len(document.pages)} pages long, which is too long to send. "
            f"Shorten it to {max_pages()} pages or fewer. Your draft has been kept."
        )
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def letter_pdf(letter, *, draft: bool = False, sent_on=None) -> bytes:
    return html_to_pdf(letter_html(letter, draft=draft, sent_on=sent_on))


def sha256_of(content: str, pdf: bytes) -> str:
    """The hash kept with a sent letter: its text and its PDF together."""
    digest = hashlib.sha256()
    digest.update(content.encode("utf-8"))
    digest.update(b"\0")
    digest.update(pdf)
    return digest.hexdigest()
