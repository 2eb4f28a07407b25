"""Navigation: each app may offer `nav.items(request)`; the header shows what the role can do.

The items (some with counts that cost queries) are worked out at most once per request, and only when
a template shows them: an HTMX partial response, which has no header, never computes them.
"""

from __future__ import annotations

from importlib import import_module

from django.utils.functional import SimpleLazyObject

NAV_APPS = ["customer_service", "contacts", "people", "referrals", "mash", "letters", "reporting", "accounts"]


def navigation(request):
    user = getattr(request, "user", None)
    unfinished = getattr(request, "frontdoor_sign_in_unfinished", False)  # a second factor or new password due
    if not user or not user.is_authenticated or is_partial(request) or unfinished:
        return {"nav_items": []}
    return {"nav_items": SimpleLazyObject(lambda: nav_items_for(request))}


def is_partial(request) -> bool:
    """An HTMX request for part of a page (not a boosted whole page)."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-Boosted")


def nav_items_for(request) -> list[dict]:
    """The header's items for this request, computed once and kept on the request."""
    cached = getattr(request, "_frontdoor_nav_items", None)
    if cached is not None:
        return cached
    items = []
    for app in NAV_APPS:
        try:
            module = import_module(f"frontdoor.{app}.nav")
        except ModuleNotFoundError:
            continue
        items.extend(module.items(request))
    for item in items:
        item.setdefault("active", request.path.startswith(item["url"]) and item["url"] != "/")
    items.sort(key=lambda i: i.get("order", 50))
    request._frontdoor_nav_items = items
    return items
