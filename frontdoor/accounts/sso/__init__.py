"""Single sign-on with the council's identity provider over OpenID Connect (docs/sso-entra.md)."""

from .backend import FrontDoorOIDCBackend, sso_enabled

__all__ = ["FrontDoorOIDCBackend", "sso_enabled"]
