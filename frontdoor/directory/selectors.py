"""Reads of reference data."""

from __future__ import annotations

from .models import Authority, District


def authority_current() -> Authority | None:
    return Authority.objects.first()


def district_for_postcode(postcode: str | None) -> District | None:
    """The district whose postcode districts include this postcode's outward code."""
    if not postcode:
        return None
    outward = postcode.strip().upper().split(" ")[0] if " " in postcode.strip() else postcode.strip().upper()[:-3]
    for district in District.objects.filter(active=True).select_related("locality"):
        if outward in district.postcode_prefixes.upper().split():
            return district
    return None
