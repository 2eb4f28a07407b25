"""{% sso_sign_in_button %}: the "Sign in with your council account" button, only when single sign-on is on."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from frontdoor.accounts.sso import sso_enabled

register = template.Library()


@register.inclusion_tag("accounts/_sso_button.html", takes_context=True)
def sso_sign_in_button(context):
    if not sso_enabled():
        return {"enabled": False}
    next_url = context.get("next") or ""
    url = reverse("oidc_authentication_init") + (f"?{urlencode({'next': next_url})}" if next_url else "")
    return {"enabled": True, "url": url}
