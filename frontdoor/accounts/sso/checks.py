"""`manage.py check`: single sign-on switched on but not fully configured is an error, not a 500 at sign-in."""

from django.conf import settings
from django.core.checks import Error, register

from . import domain

REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


@register()
def single_sign_on_configuration(app_configs=None, **kwargs):
    if not getattr(settings, "FRONTDOOR_OIDC_ENABLED", False):
        return []
    errors = [
        Error(f"Single sign-on is on but {name} is not set", hint="See docs/sso-entra.md", id="frontdoor.E101")
        for name in REQUIRED
        if not getattr(settings, name, "")
    ]
    mapping = domain.GroupMapping.from_settings(settings)
    if not mapping.roles:
        errors.append(
            Error(
                "Single sign-on is on but FRONTDOOR_OIDC_GROUP_ROLES maps no group to a role: nobody could sign in",
                hint='e.g. FRONTDOOR_OIDC_GROUP_ROLES=\'{"<group object id>": "csw"}\'',
                id="frontdoor.E102",
            )
        )
    errors += [Error(problem, id="frontdoor.E103") for problem in mapping.problems()]
    return errors
