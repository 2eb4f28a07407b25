"""How a person's name is shown when they do not have a given and a family name (pure; no database).

Not everyone has both: a baby not yet named, an unborn child, a person known by one name. GOV.UK's
guidance on names is not to assume people have a first and a last name, and never to make one up;
health records call a baby who has no name yet "Baby of" and the family name. So:

- both names: "Geraldine Hughes";
- one name only: that name ("Madonna", or "Hughes" for an adult recorded under a family name alone);
- no given name, a family name, and unborn or under a year old: "Baby of Hughes";
- no name at all: "Unnamed".
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

UNNAMED = "Unnamed"


def _is_baby(
    date_of_birth: dt.date | None, expected_date_of_birth: dt.date | None, approximate_age: int | None, today: dt.date
) -> bool:
    if date_of_birth is not None:
        return (today - date_of_birth).days < 365
    if expected_date_of_birth is not None:
        return True  # unborn (or born and the date of birth not yet recorded)
    return approximate_age == 0


def display_name(
    given_name: str,
    family_name: str,
    *,
    date_of_birth: dt.date | None = None,
    expected_date_of_birth: dt.date | None = None,
    approximate_age: int | None = None,
    today: dt.date | None = None,
) -> str:
    given, family = (given_name or "").strip(), (family_name or "").strip()
    if given:
        return f"{given} {family}" if family else given
    if not family:
        return UNNAMED
    if _is_baby(date_of_birth, expected_date_of_birth, approximate_age, today or timezone.localdate()):
        return f"Baby of {family}"
    return family
