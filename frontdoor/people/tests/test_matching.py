"""The matching rules, table by table, with no database."""

import datetime as dt

import pytest

from frontdoor.people.search.matching.dates import compare_age, compare_dates, date_variants
from frontdoor.people.search.matching.keys import person_keys, query_keys
from frontdoor.people.search.matching.names import same_person_name
from frontdoor.people.search.matching.normalise import fold, joined, tokens
from frontdoor.people.search.matching.query_text import parse_search_text
from frontdoor.people.search.matching.scoring import Candidate, Query, score_candidate, strength

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),
        ("Zoë", "zoe"),
        ("Smith-Jones", "smith jones"),
        ("  JOSÉ  ", "jose"),
        ("Strauß", "strauss"),
        ("Ørsted", "orsted"),
    ],
)
def test_fold(typed, expected):
    """Accents, apostrophes, case and hyphens do not stop a match."""
    assert fold(typed) == expected


def test_double_barrelled_parts_and_whole():
    """Double-barrelled names split into parts and also run together."""
    assert tokens("Smith-Jones") == ["smith", "jones"]
    assert joined("Smith Jones") == joined("Smith-Jones") == "smithjones"


@pytest.mark.parametrize(
    "a, b",
    [
        ("bill", "william"),
        ("jess", "jessica"),
        ("alfie", "alfred"),
        ("billy", "bill"),
        ("liam", "william"),
        ("katie", "kate"),
    ],
)
def test_short_forms(a, b):
    """Common short forms, including British ones the nicknames package lacks, are the same name."""
    assert same_person_name(a, b) and same_person_name(b, a)


def test_unrelated_names_are_not_short_forms():
    assert not same_person_name("jessica", "william")


@pytest.mark.parametrize(
    "typed, recorded, score, reason",
    [
        (dt.date(2015, 3, 4), dt.date(2015, 3, 4), 1.0, "Same date of birth"),
        (dt.date(2015, 4, 3), dt.date(2015, 3, 4), 0.85, "Date of birth matches with day and month swapped"),
        (dt.date(2016, 3, 4), dt.date(2015, 3, 4), 0.8, "Date of birth matches but the year is one out"),
        (dt.date(2015, 3, 6), dt.date(2015, 3, 4), 0.6, "Date of birth within a few days"),
        (dt.date(2001, 1, 1), dt.date(2015, 3, 4), 0.0, "Different date of birth"),
    ],
)
def test_compare_dates(typed, recorded, score, reason):
    assert compare_dates(typed, recorded) == (score, reason)


def test_date_variants_include_swaps_and_years():
    assert date_variants(dt.date(2015, 3, 4)) == [
        dt.date(2015, 3, 4),
        dt.date(2015, 4, 3),
        dt.date(2014, 3, 4),
        dt.date(2016, 3, 4),
    ]
    assert date_variants(dt.date(2015, 3, 20)) == [dt.date(2015, 3, 20), dt.date(2014, 3, 20), dt.date(2016, 3, 20)]


def test_compare_age():
    assert compare_age(11, dt.date(2015, 3, 4), None, TODAY)[0] == 0.6
    assert compare_age(10, dt.date(2015, 3, 4), None, TODAY)[0] == 0.45
    assert compare_age(4, dt.date(2015, 3, 4), None, TODAY)[0] == 0.0
    assert compare_age(30, None, 30, TODAY)[0] == 0.6


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Jess Smith", ("Jess Smith", None, None)),
        ("Jess Smith 4/3/2015", ("Jess Smith", dt.date(2015, 3, 4), None)),
        ("Jess Smith age 9", ("Jess Smith", None, 9)),
        ("Jess Smith 9", ("Jess Smith", None, 9)),
    ],
)
def test_parse_search_text(text, expected):
    assert parse_search_text(text) == expected


RECORD = Candidate(
    given_name="Jessica", family_name="Smith-Jones", date_of_birth=dt.date(2015, 3, 4), sex="F", postcode="NR1 2AB"
)
OBRIEN = Candidate(given_name="Zoë", family_name="O'Brien", date_of_birth=dt.date(2012, 11, 30), sex="F")
WILLIAM = Candidate(given_name="William", family_name="Smith", date_of_birth=dt.date(2010, 1, 2), sex="M")
ALFRED = Candidate(given_name="Alfred", family_name="Taylor", date_of_birth=dt.date(2019, 6, 7), sex="M")


@pytest.mark.parametrize(
    "case, candidate, text, dob, age, want_strength, want_reason",
    [
        ("exact", RECORD, "Jessica Smith-Jones", dt.date(2015, 3, 4), None, "Strong", "Same date of birth"),
        ("typo", RECORD, "Jesica Smith-Jones", dt.date(2015, 3, 4), None, "Strong", "sounds like"),
        ("nickname", RECORD, "Jess Smith-Jones", dt.date(2015, 3, 4), None, "Strong", "forms of the same name"),
        ("nickname Bill", WILLIAM, "Bill Smith", dt.date(2010, 1, 2), None, "Strong", "Bill and William"),
        ("nickname Alfie", ALFRED, "Alfie Taylor", dt.date(2019, 6, 7), None, "Strong", "Alfie and Alfred"),
        ("one part of double-barrelled", RECORD, "Jessica Jones", dt.date(2015, 3, 4), None, "Strong", "part of"),
        ("double-barrelled without hyphen", RECORD, "Jessica Smith Jones", dt.date(2015, 3, 4), None, "Strong", ""),
        ("swapped names", RECORD, "Smith-Jones Jessica", dt.date(2015, 3, 4), None, "Strong", "other way round"),
        ("comma order", RECORD, "Smith-Jones, Jessica", dt.date(2015, 3, 4), None, "Strong", "Same given name"),
        ("accents and apostrophes", OBRIEN, "Zoe OBrien", dt.date(2012, 11, 30), None, "Strong", "Same"),
        ("swapped day and month", RECORD, "Jessica Smith-Jones", dt.date(2015, 4, 3), None, "Strong", "swapped"),
        ("a year out", RECORD, "Jessica Smith-Jones", dt.date(2016, 3, 4), None, "Strong", "one out"),
        ("age only", RECORD, "Jessica Smith-Jones", None, 11, "Possible", "Age 11 matches"),
        ("misspelt nickname, swapped date", RECORD, "Jes Smyth-Jones", dt.date(2015, 4, 3), None, "Strong", "swapped"),
        ("wrong person", WILLIAM, "Jessica Taylor", dt.date(2015, 3, 4), None, "Weak", "Different date of birth"),
    ],
)
def test_scoring_cases(case, candidate, text, dob, age, want_strength, want_reason):
    """Each listed slip still matches, and says why."""
    score, reasons = score_candidate(Query(text=text, date_of_birth=dob, age=age, today=TODAY), candidate)
    assert strength(score) == want_strength, (case, score, reasons)
    assert any(want_reason in r for r in reasons), (case, reasons)


def test_postcode_and_sex_support_a_match():
    base = Query(text="Jessica Smith-Jones", date_of_birth=dt.date(2015, 3, 4), today=TODAY)
    with_support = Query(text=base.text, date_of_birth=base.date_of_birth, sex="F", postcode="nr12ab", today=TODAY)
    wrong_sex = Query(text=base.text, date_of_birth=base.date_of_birth, sex="M", today=TODAY)
    assert (
        score_candidate(with_support, RECORD)[0]
        > score_candidate(base, RECORD)[0]
        > score_candidate(wrong_sex, RECORD)[0]
    )
    assert "Same postcode" in score_candidate(with_support, RECORD)[1]


@pytest.mark.parametrize(
    "text",
    [
        "Jessica Smith-Jones",
        "Jess Smith Jones",
        "Jessica Jones",
        "Smith Jessica",
        "Jessie Smyth",
        "jessica smith-jones",
    ],
)
def test_query_keys_meet_person_keys(text):
    """The indexed keys of the record are found from each way of typing the name."""
    stored = person_keys(["Jessica"], ["Smith-Jones"])
    assert query_keys(text) & stored


def test_nickname_keys_both_ways():
    assert query_keys("Bill Smith") & person_keys(["William"], ["Smith"])
    assert query_keys("William Smith") & person_keys(["Bill"], ["Smith"])
    assert query_keys("Alfie Taylor") & person_keys(["Alfred"], ["Taylor"])


def test_wide_keys_find_a_family_name_whose_sound_changed():
    assert not query_keys("Jessica Snith") & person_keys(["Jessica"], ["Smith"])
    assert query_keys("Jessica Snith", wide=True) & person_keys(["Jessica"], ["Smith"])
