"""The survey link's token: signed (django.core.signing), expiring, naming one invitation and its contact.

Single use is enforced by the invitation row (used_at, and one response per invitation), not the token.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core import signing

from ..conf import int_setting

SALT = "frontdoor.letters.survey"


class SurveyTokenError(Exception):
    """Why a survey link cannot be used: kind is 'forged', 'expired', 'used' or 'unknown'."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def token_days() -> int:
    return int_setting("FRONTDOOR_SURVEY_TOKEN_DAYS", 30)


def make_token(*, invitation_id, contact_id) -> str:
    """Compact: the two ids as hex (a printed letter's link should be short enough to type)."""
    return signing.dumps([uuid.UUID(str(invitation_id)).hex, uuid.UUID(str(contact_id)).hex], salt=SALT)


def read_token(token: str) -> tuple[str, str]:
    """(invitation id, contact id) from a genuine, unexpired token; SurveyTokenError otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=dt.timedelta(days=token_days()))
    except signing.SignatureExpired as exc:
        raise SurveyTokenError("expired") from exc
    except signing.BadSignature as exc:
        raise SurveyTokenError("forged") from exc
    try:
        invitation_id, contact_id = (str(uuid.UUID(str(x))) for x in data)
    except (TypeError, ValueError):
        raise SurveyTokenError("forged") from None
    return invitation_id, contact_id
