"""The OpenID Connect authentication backend: mozilla-django-oidc's, fitted to Front Door's accounts."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import domain
from .services import SSORefused, sso_user_sync

logger = logging.getLogger(__name__)

# Where the callback view finds why a sign-in was refused (the refusal page reads it once).
REFUSAL_SESSION_KEY = "frontdoor_sso_refused"


def sso_enabled() -> bool:
    return bool(getattr(settings, "FRONTDOOR_OIDC_ENABLED", False))


class FrontDoorOIDCBackend(OIDCAuthenticationBackend):
    """Signs in with the council's identity provider; inert (answers None) unless single sign-on is on.

    Accounts are matched by username (the IdP's preferred_username, e.g. the UPN), then e-mail address,
    made at first sign-in, and their role, team and agency follow the user's groups at every sign-in."""

    def __init__(self, *args, **kwargs):
        if sso_enabled():
            super().__init__(*args, **kwargs)
        else:  # not configured: no endpoints to check, nothing to sign in with
            from django.contrib.auth import get_user_model

            self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not sso_enabled() or request is None or "nonce" not in kwargs:
            return None  # a password sign-in, or single sign-on is off
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        return super().get_user(user_id) if sso_enabled() else None

    # --- claims -------------------------------------------------------------------------------
    def verify_token(self, token, **kwargs):
        """The library checks signature, expiry and nonce; Front Door also checks audience and issuer."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The id token was not issued to Front Door (aud)")
        issuer = self.get_settings("OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The id token was issued by an unexpected provider (iss)")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """Userinfo claims, with the id token's (Entra sends "groups" only in the id token)."""
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") and payload.get("sub") and userinfo["sub"] != payload["sub"]:
            raise SuspiciousOperation("Userinfo is about a different user from the id token")
        return {**payload, **userinfo, **({"groups": payload["groups"]} if "groups" in payload else {})}

    def verify_claims(self, claims):
        return bool(domain.username_from_claims(claims))

    def filter_users_by_claims(self, claims):
        username = domain.username_from_claims(claims)
        users = self.UserModel.objects.filter(username__iexact=username) if username else self.UserModel.objects.none()
        if not users.exists() and (email := domain.email_from_claims(claims)):
            users = self.UserModel.objects.filter(email__iexact=email)
        return users

    def describe_user_by_claims(self, claims):
        return f"username {domain.username_from_claims(claims)}"

    def create_user(self, claims):
        return self._sync(None, claims)

    def update_user(self, user, claims):
        return self._sync(user, claims)

    def _sync(self, user, claims):
        try:
            return sso_user_sync(user=user, claims=claims, mapping=domain.GroupMapping.from_settings(settings))
        except SSORefused as refused:
            request = getattr(self, "request", None)
            if request is not None:
                request.session[REFUSAL_SESSION_KEY] = refused.reason
            logger.warning("Single sign-on refused for %s: %s", self.describe_user_by_claims(claims), refused.reason)
            # The library turns SuspiciousOperation from here into "no user": the callback fails.
            raise SuspiciousOperation(refused.reason) from refused
