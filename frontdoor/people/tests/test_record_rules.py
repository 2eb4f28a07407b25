"""The record-keeping rules as plain functions: no database, one row per case."""

import datetime as dt

import pytest

from frontdoor.people.record import domain as rules

TODAY = dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    "searched, initial",
    [
        ("Sarah Smith", {"given_name": "Sarah", "family_name": "Smith"}),
        ("  Sarah   Smith-Jones ", {"given_name": "Sarah", "family_name": "Smith-Jones"}),
        ("Mary Ann Hall", {"given_name": "Mary Ann", "family_name": "Hall"}),
        ("Smith", {"family_name": "Smith"}),
        ("Sarah Smith 35", {"given_name": "Sarah", "family_name": "Smith", "approximate_age": 35}),
        ("Sarah Smith 1/5/1988", {"given_name": "Sarah", "family_name": "Smith", "date_of_birth": dt.date(1988, 5, 1)}),
        (
            "Baby Smith 1/6/2026",
            {"given_name": "Baby", "family_name": "Smith", "expected_date_of_birth": dt.date(2026, 6, 1)},
        ),
        ("", {}),
    ],
)
def test_a_new_person_starts_from_what_was_searched_for(searched, initial):
    """The last word is the last name; an age or a date typed with the names comes too (a future date: unborn)."""
    assert rules.new_person_from_search(searched, today=TODAY) == initial


@pytest.mark.parametrize(
    "dob, expected, age, sex, errors",
    [
        (dt.date(2015, 3, 4), None, None, "F", set()),
        (None, None, 7, "M", set()),
        (None, dt.date(2026, 6, 1), None, "U", set()),
        (None, None, None, "F", {"date_of_birth"}),
        (dt.date(2015, 3, 4), dt.date(2026, 6, 1), None, "U", {"expected_date_of_birth"}),
        (dt.date(2015, 3, 4), None, 10, "F", {"approximate_age"}),
        (None, dt.date(2027, 3, 1), None, "U", {"expected_date_of_birth"}),  # more than ten months ahead
        (None, dt.date(1899, 12, 31), None, "U", {"expected_date_of_birth"}),
        (None, dt.date(2026, 6, 1), None, "F", {"sex"}),  # an unborn child's sex is U in the census
        (None, dt.date(2026, 1, 1), None, "F", set()),  # the expected date has passed: not policed
    ],
)
def test_person_details(dob, expected, age, sex, errors):
    """Age is given one way only; an expected date of birth is for an unborn child, whose sex is U."""
    found = rules.person_details_errors(
        date_of_birth=dob, expected_date_of_birth=expected, approximate_age=age, sex=sex, today=TODAY
    )
    assert set(found) == errors


@pytest.mark.parametrize(
    "kind, start, end, category, worker, name, errors",
    [
        ("cp_plan", TODAY, None, "NEG", False, "", set()),
        ("cp_plan", TODAY, None, "", False, "", {"cp_category"}),
        ("open_case", TODAY, None, "NEG", False, "", {"cp_category"}),
        ("open_case", dt.date(2025, 1, 2), dt.date(2025, 1, 1), "", False, "", {"end_date"}),
        ("open_case", dt.date(2025, 1, 2), dt.date(2025, 1, 2), "", False, "", set()),  # same day is fine
        ("open_case", TODAY + dt.timedelta(days=1), None, "", False, "", {"start_date"}),
        ("open_case", dt.date(2025, 1, 2), TODAY + dt.timedelta(days=1), "", False, "", {"end_date"}),
        ("open_case", dt.date(1899, 1, 1), None, "", False, "", {"start_date"}),
        ("early_help", TODAY, None, "", True, "Pat Lee", {"worker_name"}),
        ("early_help", TODAY, None, "", False, "Pat Lee", set()),
    ],
)
def test_involvement(kind, start, end, category, worker, name, errors):
    """Only a child protection plan has a category of abuse, and it must; it ends on or after it starts."""
    found = rules.involvement_errors(
        kind=kind,
        start_date=start,
        end_date=end,
        cp_category=category,
        has_worker=worker,
        worker_name=name,
        today=TODAY,
    )
    assert set(found) == errors


@pytest.mark.parametrize(
    "code, live, refused",
    [("MOB", set(), False), ("NONE", set(), False), ("NONE", {"MOB"}, True), ("MOB", {"NONE"}, True)],
)
def test_disability(code, live, refused):
    """‘No disability’ and a disability are never recorded together."""
    assert bool(rules.disability_errors(code=code, live_codes=live)) is refused


@pytest.mark.parametrize(
    "kind, sentence",
    [
        ("parent", "Sarah Smith is the parent of Jack Smith"),
        ("step_parent", "Sarah Smith is the step-parent of Jack Smith"),
        ("grandparent", "Sarah Smith is the grandparent of Jack Smith"),
        ("carer", "Sarah Smith is the carer of Jack Smith"),
        ("sibling", "Sarah Smith and Jack Smith are siblings"),
        ("half_sibling", "Sarah Smith and Jack Smith are half-siblings"),
        ("partner", "Sarah Smith and Jack Smith are partners"),
        ("other", "Sarah Smith and Jack Smith have another relationship"),
    ],
)
def test_relationship_sentence(kind, sentence):
    """Each kind said in words a child could read later."""
    assert rules.relationship_sentence(kind, "Sarah Smith", "Jack Smith") == sentence


def test_relationship_options_say_both_directions_and_parse_back():
    """Directed kinds are offered both ways round; the chosen value says who is the from_person."""
    options = dict(rules.relationship_options("Jack Smith", "Sarah Smith"))
    assert options["parent:other"] == "Sarah Smith is the parent of Jack Smith"
    assert options["parent:this"] == "Jack Smith is the parent of Sarah Smith"
    assert options["sibling"] == "Jack Smith and Sarah Smith are siblings"
    assert len(options) == 12
    assert rules.parse_relationship_option("parent:other") == ("parent", False)
    assert rules.parse_relationship_option("parent:this") == ("parent", True)
    assert rules.parse_relationship_option("sibling") == ("sibling", True)


def test_a_move_cannot_predate_the_current_address():
    assert rules.address_move_errors(moved_in=dt.date(2020, 1, 1), current_moved_in=dt.date(2021, 1, 1))
    assert not rules.address_move_errors(moved_in=dt.date(2021, 1, 1), current_moved_in=dt.date(2021, 1, 1))
    assert not rules.address_move_errors(moved_in=dt.date(2021, 1, 1), current_moved_in=None)


def test_the_older_person_is_offered_as_the_parent_first():
    assert rules.relationship_options("Sarah", "Jack")[0][0] == "parent:other"
    assert rules.relationship_options("Sarah", "Jack", this_first=True)[0] == (
        "parent:this",
        "Sarah is the parent of Jack",
    )
