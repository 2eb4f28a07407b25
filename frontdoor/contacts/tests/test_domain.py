"""Pure rules of the call flow, tested without a database."""

from types import SimpleNamespace

import pytest

from frontdoor.contacts import domain


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("01603 223344", "01603223344"),
        ("07700 900982", "07700900982"),
        ("+44 7700 900982", "07700900982"),
        ("+44 (0)1603 223344", "01603223344"),
        ("0044 20 7946 0000", "02079460000"),
        ("(01603) 223-344", "01603223344"),
        ("0344 800 8021", "03448008021"),
        ("12345", None),
        ("0770090098", None),  # a mobile needs 11 digits
        ("01603 22334455", None),
        ("phone me", None),
        ("", None),
        ("00 1603 223344", None),
    ],
)
def test_uk_phone_numbers(typed, expected):
    """Phone numbers are UK numbers written any usual way; anything else is refused."""
    assert domain.normalise_uk_phone(typed) == expected


@pytest.mark.parametrize(
    "digits, shown",
    [("07700900982", "07700 900982"), ("02079460000", "020 7946 0000"), ("03448008021", "0344 800 8021")],
)
def test_phone_format(digits, shown):
    assert domain.format_uk_phone(digits) == shown


@pytest.mark.parametrize(
    "last, resume",
    [
        ("", "caller"),
        ("caller", "family"),
        ("family", "worries"),
        ("outcome", "actions"),
        ("actions", "check"),
        ("check", "check"),
    ],
)
def test_resume_step(last, resume):
    """A draft resumes at the step after the last one saved."""
    assert domain.resume_step(last) == resume


def test_steps_follow_the_cads_script():
    assert domain.STEP_SLUGS == (
        "caller",
        "family",
        "worries",
        "records",
        "consent",
        "relationship",
        "outcome",
        "actions",
        "check",
    )
    assert domain.previous_step("caller") is None
    assert domain.previous_step("family") == "caller"


def test_missing_for_recording_lists_each_unanswered_step():
    empty = SimpleNamespace(
        caller_type="",
        reason_for_call="",
        worried_about="",
        scale=None,
        immediacy="",
        records_checked_at=None,
        consent="",
        caller_relationship="",
        agreed_outcome="",
        named_problem="",
    )
    missing = domain.missing_for_recording(empty, children=0, actions=0)
    assert [s for s, _ in missing] == [
        "caller",
        "family",
        "worries",
        "records",
        "consent",
        "relationship",
        "outcome",
        "actions",
        "check",
    ]


def test_reference_is_readable():
    """C + yymmdd + 6 upper-case hexadecimal characters: short enough to read over the phone."""
    import datetime as dt

    from frontdoor.core.references import FORMATS

    contact = FORMATS["C"]
    ref = contact.stem("C", dt.date(2026, 11, 23)) + contact.number(42)
    assert ref == "C261123-00002A" and contact.parse(ref) == 42


CALLER = domain.caller_patterns(name="Jane  Smith", phone="07700 900123", email="jane@example.com")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Jane Smith", "The caller"),  # an action owner the system filled with the caller's name
        ("jane smith (neighbour)", "The caller (neighbour)"),
        ("Mrs Jane Smith rang about the children", "The caller rang about the children"),
        ("Ring Mrs Smith back", "Ring the caller back"),
        ("Smith, Jane said so", "The caller said so"),
        ("Call 07700900123 or +44 (0)7700 900 123", "Call the caller or the caller"),
        ("Email JANE@example.com", "Email the caller"),
        ("Janet Smithson, the teacher", "Janet Smithson, the teacher"),  # someone else
        ("", ""),
    ],
)
def test_a_confidential_caller_is_withheld_from_text(text, shown):
    assert domain.caller_withheld(text, CALLER) == shown


def test_no_caller_details_withhold_nothing():
    assert domain.caller_patterns(name="", phone="", email="") == []
    assert domain.caller_withheld("Jane Smith", []) == "Jane Smith"
