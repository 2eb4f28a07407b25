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


# --- What was decided (issue 11): each child's authorised disposal, or that it is awaited ---------------

AVA_3 = domain.ChildDecision("Ava Hollis", 3, "A social worker will visit the family this week.")
LEO_AWAITED = domain.ChildDecision("Leo Hollis", None, "Not yet agreed.")
LEO_1 = domain.ChildDecision("Leo Hollis", 1, "A social worker will visit the family this week.")
PHRASE_3, PHRASE_4 = domain.disposal_phrase(3), domain.disposal_phrase(4)


@pytest.mark.parametrize(
    ("facts", "present", "absent"),
    [
        (
            replace(BASE, decisions=(AVA_3,)),
            [
                "Ava Hollis: the manager decided “Child in need, high need: single assessment”.",
                "What we can tell you: A social worker will visit the family this week.",
            ],
            ["progressing", "awaited", "A manager decides"],
        ),
        (
            replace(BASE, decisions=(AVA_3, LEO_AWAITED)),
            [
                "we made a referral to children's social care for each of the 2 children. A manager decides",
                "Ava Hollis: the manager decided “Child in need, high need",
                "Leo Hollis: the manager's decision is awaited. We will write to you again when it has been made.",
                "What we can tell you about Ava Hollis: A social worker will visit",
            ],
            ["Not yet agreed"],  # an awaited referral's wording is not the decision yet
        ),
        (
            replace(BASE, decisions=(AVA_3, LEO_1)),
            [
                "Ava Hollis: the manager decided “Child in need, high need",
                "Leo Hollis: the manager decided “Not a child in need",
                "for each of the 2 children. A manager has decided what happens next.",
            ],
            # The same wording for both children is said once; once both are decided, nothing says "decides".
            ["What we can tell you about", "A manager decides"],
        ),
        (replace(BASE, decisions=()), ["progressing to a referral", "The manager's decision is awaited"], []),
        (
            replace(PUBLIC, decisions=(replace(AVA_3, tell_referrer="We are helping the family."),)),
            ["cannot tell you more", "What we can tell you: We are helping the family."],
            ["Child in need", "single assessment"],  # a member of the public is not told the disposal
        ),
    ],
)
def test_the_letter_says_what_was_decided_for_each_child(facts, present, absent):
    agreed = domain.draft_sections(facts).sections["agreed"]
    for p in present:
        assert p in agreed, p
    for a in absent:
        assert a not in agreed, a


@pytest.mark.parametrize(
    ("decisions", "agreed", "problem"),
    [
        ((AVA_3,), f"Ava Hollis: the manager's decision is {domain.DISPOSALS[3]}.", None),
        ((AVA_3,), "Referral: the contact is progressing to a referral.", "does not give the manager's decision"),
        ((AVA_3,), f"Ava Hollis: {PHRASE_4}.", f"the decision '{PHRASE_4}'"),
        ((AVA_3,), f"We agreed: {PHRASE_4}.", f"says '{PHRASE_4}', but the record says Ava Hollis: 3."),
        ((AVA_3,), f"{PHRASE_3}. Ava Hollis: the manager's decision is awaited.", "says the decision is awaited"),
        ((LEO_AWAITED,), f"Leo Hollis: {PHRASE_3}.", "still awaited"),
        ((LEO_AWAITED,), "Leo Hollis: the manager's decision is awaited.", None),
        ((AVA_3, LEO_AWAITED), f"Ava Hollis: {PHRASE_3}.\nLeo Hollis: the decision is awaited.", None),
        ((AVA_3, LEO_AWAITED), f"{PHRASE_3}.\nAva Hollis: the decision is awaited.", "for Ava Hollis is awaited"),
        ((AVA_3, LEO_1), f"Ava Hollis: {PHRASE_3}.\nLeo Hollis: {domain.disposal_phrase(1)}.", None),
        (
            (AVA_3, LEO_1),
            f"Ava Hollis: {domain.disposal_phrase(1)}.\nLeo Hollis: {PHRASE_3}.",
            "the manager authorised",
        ),
        ((), "Referral: progressing.", None),  # no referral made: nothing to contradict
    ],
)
def test_an_outcome_the_record_contradicts_is_found(decisions, agreed, problem):
    problems = domain.outcome_contradictions({"agreed": agreed}, replace(BASE, decisions=decisions))
    if problem is None:
        assert problems == {}
    else:
        assert problem in problems["agreed"]
        assert "write the section again from the record" in problems["agreed"]


def test_the_drafted_wording_never_contradicts_the_record():
    for decisions in [(AVA_3,), (AVA_3, LEO_AWAITED), (LEO_AWAITED,), (AVA_3, LEO_1)]:
        for facts in (replace(BASE, decisions=decisions), replace(PUBLIC, decisions=decisions)):
            assert domain.outcome_contradictions(domain.draft_sections(facts).sections, facts) == {}


def test_a_public_letter_stating_a_disposal_the_record_does_not_hold_is_refused():
    facts = replace(PUBLIC, decisions=(LEO_AWAITED,))
    assert "still awaited" in domain.outcome_contradictions({"agreed": f"{PHRASE_4}."}, facts)["agreed"]


def test_the_record_name_is_shown_and_both_spellings_of_a_perpetrator_are_refused():
    child = PersonFact("Geraldene", "Hughs", "child", dt.date(2019, 1, 2), shown_name="Geraldine Hughes")
    perpetrator = PersonFact("Daren", "Coal", "alleged_perpetrator", shown_name="Darren Cole")
    facts = replace(BASE, people=(child, perpetrator))
    assert "Geraldine Hughes, born 2 January 2019" in domain.draft_sections(facts).sections["children"]
    assert "Geraldene" not in letter_text(facts)
    for said in ("Daren Coal", "Darren Cole"):
        assert "alleged perpetrator" in domain.confidentiality_problems({"agreed": f"{said} left."}, facts)["agreed"]
