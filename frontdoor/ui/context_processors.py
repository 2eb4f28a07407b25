"""Navigation: each app may offer `nav.items(request)`; the header shows what the role can do."""

from __future__ import annotations

from importlib import import_module

NAV_APPS = ["customer_service", "contacts", "people", "referrals", "mash", "letters", "reporting", "accounts"]


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {"nav_items": []}
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
    return {"nav_items": items}
