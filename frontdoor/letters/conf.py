"""Letter settings: a Django setting if present, else the environment variable of the same name, else a default.

FRONTDOOR_LETTER_LOGO / _ADDRESS / _ORGANISATION / _SIGN_OFF   letterhead (default: the directory's Authority)
FRONTDOOR_LETTER_FONT (Liberation Sans)   FRONTDOOR_LETTER_MAX_PAGES (6)   FRONTDOOR_LETTER_SEND_ATTEMPTS (3)
FRONTDOOR_SURVEY_TOKEN_DAYS (30)   FRONTDOOR_PUBLIC_BASE_URL (http://127.0.0.1:8000, used in survey links)
GOVUK_NOTIFY_API_KEY, GOVUK_NOTIFY_TEMPLATE_ID   for EMAIL_BACKEND=frontdoor.letters.notify.NotifyEmailBackend
"""

from __future__ import annotations

import os

from django.conf import settings


def setting(name: str, default: str = "") -> str:
    value = getattr(settings, name, None)
    if value in (None, ""):
        value = os.environ.get(name, default)
    return str(value)


def int_setting(name: str, default: int) -> int:
    try:
        return int(setting(name, str(default)))
    except ValueError:
        return default
