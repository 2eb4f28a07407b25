"""Loading and replacing the authority's reference data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import Agency, Authority, District, Locality, Service, Team


class ReferenceDataError(ValueError):
    pass


def _upsert(model, rows: list[dict[str, Any]], resolve=lambda row: row) -> int:
    for row in rows:
        row = dict(resolve(dict(row)))
        code = row.pop("code")
        obj, _ = model.objects.update_or_create(code=code, defaults={**row, "active": True})
        obj.full_clean()
    return len(rows)


@transaction.atomic
def reference_data_load(*, path: Path) -> dict[str, int]:
    """Create or update every row in the file; rows no longer in it are archived, not deleted."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ReferenceDataError(f"Cannot read reference data file {path}: {exc}") from exc

    authority = dict(data["authority"])
    Authority.objects.update_or_create(code=authority.pop("code"), defaults=authority)

    counts = {"localities": _upsert(Locality, data.get("localities", []))}

    def with_locality(row):
        if row.get("locality"):
            row["locality"] = Locality.objects.get(code=row["locality"])
        if row.get("district"):
            row["district"] = District.objects.get(code=row["district"])
        return row

    counts["districts"] = _upsert(District, data.get("districts", []), with_locality)
    counts["teams"] = _upsert(Team, data.get("teams", []), with_locality)
    counts["agencies"] = _upsert(Agency, data.get("agencies", []))
    counts["services"] = _upsert(Service, data.get("services", []))
    for model, key in (
        (Locality, "localities"),
        (District, "districts"),
        (Team, "teams"),
        (Agency, "agencies"),
        (Service, "services"),
    ):
        codes = [r["code"] for r in data.get(key, [])]
        model.objects.exclude(code__in=codes).update(active=False)
    return counts
