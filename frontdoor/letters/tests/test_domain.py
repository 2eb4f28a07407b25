"""The pure letter rules, as tables: what each recipient is told, what approval needs, deadlines, escalation."""

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

from frontdoor.letters import domain
from frontdoor.letters.domain import ActionFact, LetterFacts, PersonFact

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)

BASE = LetterFacts(
    recipient_kind="professional",
    caller_name="Ruth Teacher",
    caller_role="Safeguarding lead",
    caller_agency="Oak School",
    received_at=NOW,
    reference="CT-1",
    worker_name="Sam Okafor",
    people=(
        PersonFact("Ava", "Hollis", "child", dt.date(2017, 4, 12)),
        PersonFact("Megan", "Hollis", "parent_carer"),
        PersonFact("Darren", "Cole", "alleged_perpetrator"),
    ),
    named_problem="Ava is hungry at school.",
    agreed_outcome="referral",
    outcome_notes="Family Support to visit.",
    actions=(
        ActionFact("Speak to Ava", "Ruth Teacher", dt.date(2026, 3, 3)),
        ActionFact("Visit the family", "Family Support", dt.date(2026, 3, 5)),
    ),
    consent="obtained",
    records_check_notes="Previous child protection plan for neglect in 2019.",
    cads_phone="0344 800 8021",
    public_phone="0344 800 8020",
    edt_phone="0344 800 8020",
    survey_url="https://example.org/s/1",
)
PUBLIC = replace(BASE, recipient_kind="public", caller_name="Pat Neighbour")
SENSITIVE = replace(BASE, consent="not_sought", consent_not_sought_reason="undermine_investigation")


def letter_text(facts):
    return "\n".join(domain.draft_sections(facts).sections.values())


@pytest.mark.parametrize(
    ("facts", "present", "absent"),
    [
        (
            BASE,
            [
                "Ava Hollis, born 12 April 2017",
                "Referral",
                "Family Support to visit",
                "Visit the family",
                "0344 800 8021",
            ],
            ["Megan", "Darren", "2019"],
        ),
        (
            PUBLIC,
            ["Ava Hollis", "cannot tell you more", "0344 800 8020"],
            ["born", "Referral", "Family Support to visit", "Visit the family", "Megan", "Darren", "2019"],
        ),
        (replace(PUBLIC, agreed_outcome="early_help"), ["Family Hub"], ["cannot tell you more"]),
        (
            SENSITIVE,
            ["Consent was not sought. The reason is recorded on our file."],
            ["investigation", "Family Support to visit", "Visit the family"],
        ),
        (
            replace(SENSITIVE, recipient_kind="public"),
            ["will not tell the family who you are"],
            ["investigation", "Consent was not sought"],
        ),
        (
            replace(BASE, consent="not_sought", consent_not_sought_reason="delay"),
            ["Consent was not sought, because asking"],
            [],
        ),
        (replace(BASE, consent="refused"), ["did not agree"], []),
        (replace(BASE, people=(PersonFact("Zed", "Ray", "child", None, 4),)), ["Zed Ray, about 4 years old"], []),
        (replace(BASE, survey_url=""), ["how helpful this conversation was."], []),
        (replace(BASE, edt_phone=""), ["999"], ["Emergency Duty Team"]),
    ],
)
def test_draft_sections_follow_the_confidentiality_rules(facts, present, absent):
    text = letter_text(facts)
    for p in present:
        assert p in text, p
    for a in absent:
        assert a not in text, a


@pytest.mark.parametrize(
    ("owner", "shown_to_public"),
    [
        ("Pat Neighbour", True),
        ("caller", True),
        ("You", True),
        (" the caller ", True),
        ("Family Support", False),
        ("Pat", False),
    ],
)
def test_public_letters_list_only_the_callers_own_actions(owner, shown_to_public):
    facts = replace(PUBLIC, actions=(ActionFact("Do the thing", owner, dt.date(2026, 3, 4)),))
    assert ("Do the thing" in domain.draft_sections(facts).sections["actions"]) is shown_to_public


def test_withheld_explains_what_was_left_out():
    withheld = domain.draft_sections(PUBLIC).withheld
    assert any("records check" in w for w in withheld)
    assert any("Family members" in w for w in withheld)
    assert any("decision itself" in w for w in withheld)


@pytest.mark.parametrize(
    ("sections", "missing"),
    [
        ({name: "x" for name, _, _ in domain.SECTIONS}, set()),
        ({name: "x" for name, _, req in domain.SECTIONS if req}, set()),
        ({name: "x" for name, _, _ in domain.SECTIONS} | {"agreed": "  "}, {"agreed"}),
        ({}, {name for name, _, req in domain.SECTIONS if req}),
    ],
)
def test_missing_required(sections, missing):
    assert set(domain.missing_required(sections)) == missing


@pytest.mark.parametrize(
    ("facts", "section_text", "problem"),
    [
        (BASE, "All fine.", None),
        (BASE, "Darren Cole has been spoken to.", "alleged perpetrator"),
        (BASE, "Megan Hollis agreed.", None),  # a professional may be told about the parent
        (PUBLIC, "Megan Hollis agreed.", "names only the children"),
        (PUBLIC, "Ava Hollis is safe.", None),
        (BASE, "We found a previous child protection plan for neglect in 2019", "records check"),
        (PUBLIC, "There is a police investigation.", "suggest an investigation"),
        (BASE, "There is a police investigation.", None),
    ],
)
def test_confidentiality_problems(facts, section_text, problem):
    problems = domain.confidentiality_problems({"agreed": section_text}, facts)
    if problem is None:
        assert problems == {}
    else:
        assert problem in problems["agreed"]


DUE = dt.datetime(2026, 3, 6, 10, 0, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("now", "sent_at", "state"),
    [
        (dt.datetime(2026, 3, 5, 10, 0, tzinfo=LONDON), None, "upcoming"),
        (dt.datetime(2026, 3, 6, 8, 0, tzinfo=LONDON), None, "due_today"),
        (dt.datetime(2026, 3, 6, 9, 59, tzinfo=LONDON), None, "due_today"),
        (dt.datetime(2026, 3, 6, 10, 1, tzinfo=LONDON), None, "overdue"),
        (dt.datetime(2026, 3, 9, 10, 1, tzinfo=LONDON), dt.datetime(2026, 3, 9, 9, 0, tzinfo=LONDON), "sent"),
    ],
)
def test_letter_state(now, sent_at, state):
    assert domain.letter_state(due=DUE, now=now, sent_at=sent_at, tz=LONDON) == state


def test_letter_state_without_deadline():
    assert domain.letter_state(due=None, now=NOW, sent_at=None) == "none"


D1, D2 = dt.date(2026, 3, 2), dt.date(2026, 3, 4)


@pytest.mark.parametrize(
    ("step", "done", "resolved", "held_on", "previous", "error"),
    [
        ("line_manager", [], False, D1, None, ""),
        ("record_review", [], False, D1, None, "first"),
        ("record_review", ["line_manager"], False, D2, D1, ""),
        ("line_manager", ["line_manager"], False, D2, D1, "already been recorded"),
        ("jags", ["line_manager", "record_review"], False, D1, D2, "same as or after"),
        ("rpd_policy", ["line_manager", "record_review", "jags"], False, D2, D2, ""),
        ("rpd_policy", ["line_manager"], True, D2, D1, "resolved"),
        ("nonsense", [], False, D1, None, "Select a step"),
    ],
)
def test_escalation_step_order(step, done, resolved, held_on, previous, error):
    result = domain.step_error(step=step, done=done, resolved=resolved, held_on=held_on, previous_on=previous)
    assert (error in result) if error else result == ""


def test_next_step():
    assert domain.next_step([]) == "line_manager"
    assert domain.next_step(["line_manager", "record_review"]) == "jags"
    assert domain.next_step(domain.STEP_ORDER) is None
