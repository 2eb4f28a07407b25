"""Rules for keeping a person's record right: pure functions, no database, tested table by table.

Each `*_errors` function returns {field name: message} (empty when all is well), in GOV.UK wording.
The services raise them as a ValidationError; the forms show each message next to its field.
"""

from __future__ import annotations

import datetime as dt

from ..search.matching.query_text import parse_search_text
from ..validators import EARLIEST_BIRTH_DATE

UNBORN_WINDOW_DAYS = 300  # about ten months: no expected date of birth further ahead than a pregnancy lasts
NO_DISABILITY = "NONE"  # the CIN census code for "No disability"

# from_person is <kind> of to_person. Kinds that read the same both ways are "symmetric".
SYMMETRIC_KINDS = ("sibling", "half_sibling", "partner", "other")
DIRECTED_KINDS = ("parent", "step_parent", "grandparent", "carer")
_NOUNS = {"parent": "parent", "step_parent": "step-parent", "grandparent": "grandparent", "carer": "carer"}
_PLURALS = {"sibling": "siblings", "half_sibling": "half-siblings", "partner": "partners"}


def relationship_sentence(kind: str, from_name: str, to_name: str, description: str = "") -> str:
    """Plain words a child could read: "Sarah Smith is the parent of Jack Smith"."""
    if kind in _NOUNS:
        return f"{from_name} is the {_NOUNS[kind]} of {to_name}"
    if kind in _PLURALS:
        return f"{from_name} and {to_name} are {_PLURALS[kind]}"
    if description:
        return f"{from_name} and {to_name}: {description}"
    return f"{from_name} and {to_name} have another relationship"


def relationship_options(this_name: str, other_name: str, *, this_first: bool = False) -> list[tuple[str, str]]:
    """Every kind and direction as one choice, each said as a sentence, for a radio list.

    Values: "parent:other" (the other person is the parent of this one), "parent:this" (this person
    is the parent of the other), or the bare kind for those that read the same both ways. The likelier
    direction comes first: the other person as the parent, unless `this_first` (this person is older).
    """
    options: list[tuple[str, str]] = []
    for kind in DIRECTED_KINDS:
        pair = [
            (f"{kind}:other", relationship_sentence(kind, other_name, this_name)),
            (f"{kind}:this", relationship_sentence(kind, this_name, other_name)),
        ]
        options.extend(reversed(pair) if this_first else pair)
    for kind in SYMMETRIC_KINDS:
        label = (
            f"Something else: {this_name} and {other_name} are related in another way (say how below)"
            if kind == "other"
            else relationship_sentence(kind, this_name, other_name)
        )
        options.append((kind, label))
    return options


def parse_relationship_option(value: str) -> tuple[str, bool]:
    """("parent", True) when this person is the from_person; symmetric kinds put this person first."""
    kind, _, side = value.partition(":")
    return kind, side != "other"


def new_person_from_search(text: str, *, today: dt.date) -> dict:
    """What the worker searched for, as the start of a new person's details (they check and correct it).

    "Sarah Smith 35" gives first name Sarah, last name Smith, about 35 years old. The last word is taken as
    the last name, and a single word as a last name alone. A date in the future is an expected date of birth.
    """
    names, date, age = parse_search_text(text)
    words = names.split()
    initial: dict = {}
    if words:
        initial["family_name"] = words[-1]
    if len(words) > 1:
        initial["given_name"] = " ".join(words[:-1])
    if date is not None:
        initial["expected_date_of_birth" if date > today else "date_of_birth"] = date
    elif age is not None:
        initial["approximate_age"] = age
    return initial


def person_details_errors(
    *,
    date_of_birth: dt.date | None,
    expected_date_of_birth: dt.date | None,
    approximate_age: int | None,
    sex: str,
    today: dt.date,
) -> dict[str, str]:
    """How old the person is, said one way only; an unborn child's sex is U (CIN census)."""
    errors: dict[str, str] = {}
    if date_of_birth is None and expected_date_of_birth is None and approximate_age is None:
        errors["date_of_birth"] = "Enter a date of birth, an expected date of birth or an approximate age"
        return errors
    if date_of_birth and expected_date_of_birth:
        errors["expected_date_of_birth"] = (
            "Enter a date of birth or an expected date of birth, not both: remove the expected date once the child is born"
        )
    if date_of_birth and approximate_age is not None:
        errors["approximate_age"] = "Remove the approximate age: it is only for when the date of birth is not known"
    if expected_date_of_birth:
        if expected_date_of_birth > today + dt.timedelta(days=UNBORN_WINDOW_DAYS):
            errors["expected_date_of_birth"] = "Expected date of birth must be within the next 10 months"
        elif expected_date_of_birth < EARLIEST_BIRTH_DATE:
            errors["expected_date_of_birth"] = "Expected date of birth must be after 1 January 1900"
        elif date_of_birth is None and expected_date_of_birth > today and sex != "U":
            errors["sex"] = "Select ‘Not known or unborn’ for an unborn child"
    return errors


def address_move_errors(*, moved_in: dt.date | None, current_moved_in: dt.date | None) -> dict[str, str]:
    if moved_in and current_moved_in and moved_in < current_moved_in:
        return {
            "moved_in": f"The date they moved in must be on or after {current_moved_in:%-d %B %Y}, "
            "when they moved in to their current address"
        }
    return {}


def date_order_errors(start: dt.date | None, end: dt.date | None, *, end_field: str, message: str) -> dict[str, str]:
    return {end_field: message} if start and end and end < start else {}


def involvement_errors(
    *,
    kind: str,
    start_date: dt.date | None,
    end_date: dt.date | None,
    cp_category: str,
    has_worker: bool,
    worker_name: str,
    today: dt.date,
) -> dict[str, str]:
    """A child protection plan needs its category of abuse and nothing else has one; it ends after it starts."""
    errors: dict[str, str] = {}
    if kind == "cp_plan" and not cp_category:
        errors["cp_category"] = "Select the category of abuse for the child protection plan"
    elif kind != "cp_plan" and cp_category:
        errors["cp_category"] = (
            "Only a child protection plan has a category of abuse: choose ‘Not a child protection plan’"
        )
    for name, value, noun in (("start_date", start_date, "Start date"), ("end_date", end_date, "End date")):
        if value and value > today:
            errors[name] = f"{noun} must be today or in the past"
        elif value and value < EARLIEST_BIRTH_DATE:
            errors[name] = f"{noun} must be after 1 January 1900"
    if "end_date" not in errors:
        errors.update(
            date_order_errors(
                start_date,
                end_date,
                end_field="end_date",
                message="End date must be the same as or after the start date",
            )
        )
    if has_worker and worker_name:
        errors["worker_name"] = "Choose a worker from the list or type their name, not both"
    return errors


def disability_errors(*, code: str, live_codes: set[str]) -> dict[str, str]:
    """‘No disability’ and a disability cannot both be recorded (the same code twice is caught by its caller)."""
    if code == NO_DISABILITY and live_codes - {NO_DISABILITY}:
        return {"code": "You cannot record ‘No disability’ while a disability is recorded: remove that first"}
    if code != NO_DISABILITY and NO_DISABILITY in live_codes:
        return {"code": "‘No disability’ is recorded: remove it before you add a disability"}
    return {}
