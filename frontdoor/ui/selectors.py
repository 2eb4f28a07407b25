"""What the home page offers each role: each app may add `home.sections(request)`."""

from __future__ import annotations

from importlib import import_module

from .context_processors import NAV_APPS


def home_sections_for_user(request) -> list[dict]:
    sections = []
    for app in NAV_APPS:
        try:
            module = import_module(f"frontdoor.{app}.home")
        except ModuleNotFoundError:
            continue
        sections.extend(module.sections(request))
    return sorted(sections, key=lambda s: s.get("order", 50))
