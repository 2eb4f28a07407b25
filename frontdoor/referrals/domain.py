"""Pure rules for decisions and referrals: the continuum of need, Section 47 indicators, disposals,
the referral state machine, routing to a receiving team and the referral information checklist.

No ORM here: every function takes plain values and is tested with tables (tests/test_domain.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# --- Continuum of need (Norfolk Guide to Understanding Continuum of Needs, seed 003) ---------------

LEVELS: dict[int, dict[str, str]] = {
    1: {
        "label": "Level 1: Universal",
        "words": "Thriving, community based, low level",
        "descriptor": "Needs met by services open to every family: schools, nurseries, health visitors, GPs "
        "and community groups.",
    },
    2: {
        "label": "Level 2: Early help, additional need",
        "words": "Emerging needs, universal plus, getting advice",
        "descriptor": "Emerging needs that universal services can meet with extra support, advice or an "
        "Early Help Assessment and Plan.",
    },
    3: {
        "label": "Level 3: Targeted, complex",
        "words": "Multiple needs, child in need, getting help",
        "descriptor": "Multiple or complex needs: a child in need who may need a single assessment and Family Support.",
    },
    4: {
        "label": "Level 4: Specialist, acute",
        "words": "Statutory, child protection, getting more help and risk support",
        "descriptor": "A child who is suffering, or likely to suffer, significant harm: statutory social "
        "work from FAST.",
    },
}


def level_choices() -> list[tuple[int, str]]:
    return [(n, v["label"]) for n, v in LEVELS.items()]


# --- Section 47 indicators (a guide, not exhaustive) ---------------------------------------------

S47_INDICATORS: list[tuple[str, str]] = [
    ("non_mobile_injury", "Any allegation of abuse or neglect, or a suspicious injury, in a pre- or non-mobile child"),
    ("serious_injury_or_sexual_abuse", "Allegation or suspicion of serious injury or sexual abuse"),
    (
        "two_minor_injuries",
        "Two or more minor injuries in a pre-mobile or non-verbal baby or young child (including disabled children)",
    ),
    ("inconsistent_explanation", "Inconsistent explanations, or an admitted non-accidental injury"),
    ("repeated_nai", "Repeated allegations or suspicions of non-accidental injury"),
    ("domestic_violence_harm", "A child traumatised, injured or neglected through domestic violence"),
    ("threats_emotional_abuse", "Repeated serious verbal threats or emotional abuse"),
    ("serious_neglect", "Serious neglect"),
    ("failure_to_thrive", "Non-organic failure to thrive in a child under five"),
    ("direct_allegation", "Direct allegation of sexual abuse by a child, or a confession by an abuser"),
    ("linked_abuse", "Links between sexually abused children in different families, or more than one abuser"),
    ("person_posing_risk", "An adult or child posing a risk to children"),
    ("cp_or_lac_injury", "A suspicious injury or allegation about a child on a child protection plan or looked after"),
    ("no_parent", "No available parent and the child is vulnerable (for example an abandoned baby)"),
    ("fii", "Fabricated or induced illness"),
    ("parental_delusions", "A child who is the subject of parental delusions"),
    ("exploitation_trafficking", "Risk of sexual exploitation or trafficking"),
    ("pregnancy_under_13", "Pregnancy in a child under 13"),
    ("fgm_hbv_forced_marriage", "Risk of FGM, honour-based violence or forced marriage"),
]
S47_CODES = frozenset(code for code, _ in S47_INDICATORS)


def consider_strategy_discussion(indicators: list[str] | tuple[str, ...] | set[str]) -> bool:
    """Any one Section 47 indicator means a strategy discussion should be considered."""
    unknown = set(indicators) - S47_CODES
    if unknown:
        raise ValueError(f"Unknown Section 47 indicators: {', '.join(sorted(unknown))}")
    return bool(indicators)


# --- Disposals ------------------------------------------------------------------------------------

DISPOSALS: dict[int, str] = {
    1: "1. Not a child in need: information, advice, signposting or no further action",
    2: "2. Child in need, moderate need: single assessment authorised by a manager",
    3: "3. Child in need, high need: single assessment",
    4: "4. Suspected significant harm: single assessment, strategy discussion before a Section 47 enquiry",
}


def disposal_needs_team(disposal: int | None) -> bool:
    return disposal in (2, 3, 4)


def disposal_errors(*, disposal: int | None, reasons: str, receiving_team_set: bool) -> dict[str, str]:
    """Field errors for a disposal about to go for authorisation (empty dict when it is complete)."""
    errors: dict[str, str] = {}
    if disposal not in DISPOSALS:
        errors["disposal"] = "Select the initial disposal"
    if not (reasons or "").strip():
        errors["disposal_reasons"] = "Enter the reasons for the disposal"
    if disposal_needs_team(disposal) and not receiving_team_set:
        errors["receiving_team"] = "Select the receiving team for a child in need or a child at risk of harm"
    return errors


# --- The referral state machine -------------------------------------------------------------------

DRAFT = "draft"
AWAITING = "awaiting_authorisation"
RETURNED = "returned"
AUTHORISED = "authorised"
WITH_TEAM = "with_team"
ALLOCATED = "allocated"
CLOSED = "closed"

STATE_LABELS = {
    DRAFT: "Being prepared",
    AWAITING: "Awaiting authorisation",
    RETURNED: "Returned to the worker",
    AUTHORISED: "Authorised",
    WITH_TEAM: "With the receiving team",
    ALLOCATED: "Allocated to a practitioner",
    CLOSED: "Closed",
}

# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "edit": (frozenset({DRAFT, RETURNED}), ""),
    "submit": (frozenset({DRAFT, RETURNED}), AWAITING),
    "authorise": (frozenset({AWAITING}), AUTHORISED),
    "return": (frozenset({AWAITING}), RETURNED),
    "route": (frozenset({AUTHORISED}), WITH_TEAM),
    "allocate": (frozenset({WITH_TEAM}), ALLOCATED),
    "record_milestone": (frozenset({WITH_TEAM, ALLOCATED}), ""),
    "close": (frozenset({AUTHORISED, WITH_TEAM, ALLOCATED}), CLOSED),
}

ACTION_WORDS = {
    "edit": "change",
    "submit": "send for authorisation",
    "authorise": "authorise",
    "return": "return",
    "route": "route to a team",
    "allocate": "allocate",
    "record_milestone": "record what happened next for",
    "close": "close",
}


class TransitionError(Exception):
    """An action that is not possible from the record's current state."""


def next_state(state: str, action: str) -> str:
    """The state after `action`, or TransitionError with a message a worker can act on."""
    if action not in TRANSITIONS:
        raise TransitionError(f"Unknown action: {action}")
    allowed_from, target = TRANSITIONS[action]
    if state not in allowed_from:
        label = STATE_LABELS.get(state, state).lower()
        raise TransitionError(f"You cannot {ACTION_WORDS[action]} a referral that is {label}")
    return target or state


def can_transition(state: str, action: str) -> bool:
    try:
        next_state(state, action)
    except TransitionError:
        return False
    return True


# --- Routing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """Where a referral goes: a team kind plus where (locality or district), or the allocated worker."""

    team_kind: str  # family_support, fast, youth_fast, family_hub, allocated_worker, none
    locality: str = ""
    district: str = ""
    why: str = ""


def route_for(
    *,
    disposal: int | None,
    level: int | None,
    youth_risk: bool,
    locality: str,
    district: str,
    open_case: bool,
) -> Route:
    """The receiving team for a disposal and the child's place. Open cases go to their worker."""
    if disposal is None:  # not chosen yet: suggest from the level of need
        disposal = {4: 4, 3: 3}.get(level or 0, 1)
    if open_case:
        return Route("allocated_worker", why="The child's case is open: the information goes to the allocated worker")
    if disposal == 1:
        if level == 2 and district:
            return Route("family_hub", district=district, why="Early help: the Family Hub for the child's district")
        return Route("none", why="No receiving team: information, advice or signposting")
    if youth_risk:
        return Route("youth_fast", why="Young person at high risk of exploitation or serious youth violence")
    if disposal == 4 or level == 4:
        return Route("fast", locality=locality, why="Specialist need or suspected significant harm: FAST")
    return Route("family_support", locality=locality, why="Child in need: Family Support for the locality")


# --- Referral information checklist (DOMAIN section 3) -------------------------------------------

CHECKLIST: list[tuple[str, str]] = [
    ("child_names", "Full names of the children"),
    ("child_dobs", "Dates of birth of the children"),
    ("child_sex", "Gender of the children"),
    ("address", "Family address"),
    ("school", "School or nursery"),
    ("parental_responsibility", "Who holds parental responsibility"),
    ("household", "Names and dates of birth of household members"),
    ("ethnicity", "Ethnicity of the children"),
    ("language_religion", "First language and religion"),
    ("nationality", "Nationality and immigration status"),
    ("communication", "Additional needs and how the children communicate"),
    ("concern", "The cause for concern"),
    ("location", "The child's current location and condition"),
    ("immediacy", "Whether the child needs immediate protection"),
    ("perpetrator", "Details of any alleged perpetrator"),
    ("referrer_relationship", "The referrer's relationship to and knowledge of the family"),
    ("other_agencies", "Other agencies involved"),
    ("parents_aware", "Whether the parents know of the referral"),
    ("household_questions", "Domestic abuse, mental illness, substance misuse and learning difficulties"),
]


def checklist(known: dict[str, bool]) -> list[dict]:
    """Each checklist item with whether it is known yet; `known` maps item codes to True/False."""
    return [{"code": code, "label": label, "known": bool(known.get(code))} for code, label in CHECKLIST]


@dataclass(frozen=True)
class ChecklistWording:
    heading: str
    intro: str
    missing: str  # the tag on an item not known
    tag_colour: str  # govuk-tag--<colour>
    fixes: bool  # whether to offer the places to add what is missing


def checklist_wording(state: str) -> ChecklistWording:
    """What the checklist panel says in each referral state. It is worked out afresh on every read (never
    stored), so once the referral has been sent it says what is "not known yet", not what was missing then."""
    if state in (DRAFT, RETURNED):
        return ChecklistWording(
            "Referral information",
            "What we know so far, from the call and the family's records. Find out what is still missing "
            "before you send the referral.",
            "Still missing",
            "yellow",
            True,
        )
    if state == AWAITING:
        return ChecklistWording(
            "Referral information",
            "Sent for authorisation. What is still not known, from the call and the family's records: the "
            "manager may return the referral to have it found first.",
            "Not known yet",
            "yellow",
            True,
        )
    if state == CLOSED:
        return ChecklistWording(
            "Referral information",
            "The referral is closed. What the call and the family's records did not tell us:",
            "Not known",
            "grey",
            False,
        )
    return ChecklistWording(
        "Referral information",
        "The referral has been authorised. What is still not known, from the call and the family's records: "
        "the receiving team finds it out and adds it to the records.",
        "Not known yet",
        "grey",
        True,
    )


# --- Queues -----------------------------------------------------------------------------------


def queue_sort_key(*, immediate: bool, due_at: dt.datetime | None) -> tuple:
    """Immediate protection (or a strategy discussion to consider) first, then the earliest deadline."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return (0 if immediate else 1, due_at or far)


def is_overdue(due_at: dt.datetime | None, now: dt.datetime, done: bool = False) -> bool:
    return due_at is not None and not done and due_at < now
