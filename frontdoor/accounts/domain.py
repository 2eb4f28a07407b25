"""Rules of signing in that need no database: how a session was signed in, whether its second factor is
done, and how codes are written. Single sign-on (OpenID Connect) and password sign-in share these."""

from __future__ import annotations

from typing import Any

# The session key saying how this session was signed in. The single sign-on callback sets BY_SSO, our
# password sign-in page BY_PASSWORD. A session signed in through the council's identity provider has had
# that provider's own multi-factor check, so it counts as verified here.
SIGNED_IN_BY = "frontdoor_signed_in_by"
BY_SSO = "sso"
BY_PASSWORD = "password"
RECOVERY_CODE_COUNT = 10


def signed_in_by_identity_provider(session: Any) -> bool:
    return session.get(SIGNED_IN_BY) == BY_SSO


def second_factor_done(request: Any) -> bool:
    """True when this session needs no (more) second factor: signed in by single sign-on, or a code from the
    user's authenticator app or a recovery code was accepted in it (django-otp's `is_verified`)."""
    if signed_in_by_identity_provider(request.session):
        return True
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def second_factor_needed(*, required: bool, has_device: bool) -> bool:
    """Whether a password session must show a code: always when the service requires it
    (FRONTDOOR_REQUIRE_2FA), and for anyone who has chosen to set up an authenticator app."""
    return required or has_device


def normalise_code(text: str) -> str:
    """What a person typed as a code, as stored: spaces and dashes taken out, lower case."""
    return "".join(ch for ch in text if ch not in " -\t").lower()


def grouped(secret: str, size: int = 4) -> str:
    """A secret or recovery code written in groups of `size` characters, easier to read and copy."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))
