"""Pure rules of the call flow: the steps in CADS script order, phone numbers, what a recording needs.

No ORM here: functions take plain values or objects with attributes, so they are tested without a database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    slug: str
    title: str


# The order of the CADS script (DOMAIN.md section 2); "check" is the read-back before saving.
STEPS: tuple[Step, ...] = (
    Step("caller", "Caller and reason for the call"),
    Step("family", "Children and family"),
    Step("worries", "Worries"),
    Step("records", "Records check"),
    Step("consent", "Consent"),
    Step("relationship", "Read back, the caller's relationship and hoped-for outcome"),
    Step("outcome", "Agreed outcome"),
    Step("actions", "Action plan"),
    Step("check", "Check your answers"),
)
STEP_SLUGS = tuple(s.slug for s in STEPS)

TEXT_SHORT = 120
TEXT_MEDIUM = 500
TEXT_LONG = 3000


def step_title(slug: str) -> str:
    return next((s.title for s in STEPS if s.slug == slug), slug)


def next_step(slug: str) -> str:
    """The step after `slug`; the check page is the last."""
    if slug not in STEP_SLUGS:
        return STEP_SLUGS[0]
    index = STEP_SLUGS.index(slug)
    return STEP_SLUGS[min(index + 1, len(STEP_SLUGS) - 1)]


def previous_step(slug: str) -> str | None:
    if slug not in STEP_SLUGS or slug == STEP_SLUGS[0]:
        return None
    return STEP_SLUGS[STEP_SLUGS.index(slug) - 1]


def resume_step(last_step: str) -> str:
    """Where a draft resumes: the step after the last one saved (the first step if none was)."""
    return next_step(last_step) if last_step in STEP_SLUGS else STEP_SLUGS[0]


_PHONE_STRIP = re.compile(r"[\s\-().]")


def normalise_uk_phone(value: str) -> str | None:
    """A UK phone number as digits starting 0 (10 or 11 digits), or None if it is not one.

    Accepts spaces, hyphens, brackets and a +44 / 0044 prefix ("+44 (0)1603 223344").
    """
    raw = _PHONE_STRIP.sub("", value or "")
    if raw.startswith("+44"):
        raw = "0" + raw[3:].removeprefix("0")
    elif raw.startswith("0044"):
        raw = "0" + raw[4:].removeprefix("0")
    if not re.fullmatch(r"0[1-9]\d{8,9}", raw):
        return None
    if raw.startswith("07") and len(raw) != 11:
        return None
    return raw


def format_uk_phone(digits: str) -> str:
    """Group digits for reading aloud: 07700 900123, 01603 223344, 020 7946 0000."""
    if digits.startswith(("020", "023", "024", "028", "029")) and len(digits) == 11:
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if digits.startswith(("03", "08")) and len(digits) == 11:
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:5]} {digits[5:]}"


def missing_for_recording(contact, *, children: int, actions: int) -> list[tuple[str, str]]:
    """What must be answered before a contact is recorded: a list of (step slug, message)."""
    missing: list[tuple[str, str]] = []
    if not contact.caller_type or not contact.reason_for_call:
        missing.append(("caller", "Add the caller's details and the reason for the call"))
    if children < 1:
        missing.append(("family", "Add at least one child"))
    if not contact.worried_about or contact.scale is None or not contact.immediacy:
        missing.append(("worries", "Answer the questions about the worries"))
    if contact.records_checked_at is None:
        missing.append(("records", "Check the records"))
    if not contact.consent:
        missing.append(("consent", "Say whether consent was obtained"))
    if not contact.caller_relationship:
        missing.append(("relationship", "Add the caller's relationship to the family"))
    if not contact.agreed_outcome:
        missing.append(("outcome", "Choose the agreed outcome"))
    if actions < 1:
        missing.append(("actions", "Add at least one action to the plan"))
    if not contact.named_problem:
        missing.append(("check", "Name the problem in one summary"))
    return missing


# The four questions the caller is asked about the household (the worries step); a referral keeps its own copy.
HOUSEHOLD_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("domestic_abuse", "Is there domestic abuse in the household?"),
    ("mental_illness", "Is there mental illness in the household?"),
    ("substance_misuse", "Is there substance misuse in the household?"),
    ("learning_difficulties", "Are there learning difficulties in the household?"),
)


def household_answers(contact) -> dict[str, str]:
    """The household answers from the call, for a referral opened from it: yes, no, or unknown (also when
    the question was not asked)."""
    return {name: getattr(contact, name, "") or "unknown" for name, _ in HOUSEHOLD_QUESTIONS}


def suggested_named_problem(contact) -> str:
    """A first draft of the named problem for the read-back, from the worries the worker recorded."""
    parts = [contact.worried_about.strip()]
    if contact.scale is not None:
        parts.append(f"Scaled at {contact.scale} out of 10.")
    return " ".join(p for p in parts if p)[:TEXT_LONG]


# The call feeds the person index (issue 11) ------------------------------------------------------

SAFEGUARDING_IMMEDIACY = ("immediate", "urgent")
SAFEGUARDING_OUTCOMES = ("mash", "police")


def child_record_allowed(*, consent: str, immediacy: str, outcome: str, section_47: bool = False) -> tuple[bool, str]:
    """May CADS create a person record for a child named on this call? (allowed, why in plain words)

    Seed 002 (Consultation, Contacts and Referrals), section 1: "Children's Advice and Duty Service will
    only create records for children where the consent criteria is met." DOMAIN.md section 5: CADS creates
    a child's record where consent was obtained or, if not, where there are safeguarding concerns. Here a
    safeguarding concern is a call that is immediate or urgent, an outcome of MASH / immediate protection or
    police notified, or Section 47 indicators. Refusal of consent alone is not a reason to escalate, so a
    refused or unsought consent with none of these keeps the child on the contact only.
    """
    if consent == "obtained":
        return True, "Consent was obtained."
    if immediacy in SAFEGUARDING_IMMEDIACY or outcome in SAFEGUARDING_OUTCOMES or section_47:
        return True, "Consent was not obtained, but there are safeguarding concerns."
    return False, (
        "No record is made for this child: consent was not obtained and there are no safeguarding concerns "
        "(the call is not immediate or urgent, and the outcome is not MASH or police). "
        "They stay on this contact only."
    )


_PARTNER = re.compile(r"\b(partner|boyfriend|girlfriend|husband|wife|fianc[eé]e?)\b", re.IGNORECASE)
_SIBLING = re.compile(r"\b(brother|sister|sibling)s?\b", re.IGNORECASE)
_HALF = re.compile(r"\bhalf\b", re.IGNORECASE)
_STEP = re.compile(r"\bstep", re.IGNORECASE)
_GRAND = re.compile(r"\bgrand", re.IGNORECASE)
_PARENT = re.compile(r"\b(mother|father|mum|mom|dad|parent|mummy|daddy)\b", re.IGNORECASE)


@dataclass(frozen=True)
class SaidRelationship:
    """A relationship said on the call, for the index: `kind` (people.Relationship.Kind) from this person
    to `to` ("child": each child on the call; "parents": each parent or carer on the call). `only_if_no_parent`:
    recorded only where the call has no parent or carer with a record to relate them to."""

    kind: str
    to: str
    parental_responsibility: bool = False
    same_household: bool = False
    description: str = ""
    only_if_no_parent: bool = False


def said_relationships(
    *, role: str, relationship: str, lives_with_child: bool, parental_responsibility: bool
) -> list[SaidRelationship]:
    """What the call says about one adult or sibling, as relationships for the index (pure).

    Parent or carer: parent (step-parent, grandparent or carer by the words used) of each child, with
    parental responsibility and the household as said. Partner of a parent ("mum's partner"): partner of each
    parent or carer on the call (sharing their household if they live with the child); with no parent on the
    call, a household member of each child if they live with the child. Sibling:
    sibling (half-sibling) of each child. Anyone else who lives with the child or holds parental
    responsibility: "other" with the caller's words."""
    words = (relationship or "").strip()
    household = bool(lives_with_child)
    pr = bool(parental_responsibility)
    if role == "parent_carer" and not _PARTNER.search(words):
        if _GRAND.search(words):
            kind = "grandparent"
        elif _STEP.search(words):
            kind = "step_parent"
        elif _PARENT.search(words) or not words:
            kind = "parent"
        else:
            kind = "carer"
        return [SaidRelationship(kind, "child", pr, household)]
    if role == "sibling" or (role != "parent_carer" and _SIBLING.search(words) and not _PARTNER.search(words)):
        return [SaidRelationship("half_sibling" if _HALF.search(words) else "sibling", "child", False, household)]
    partner = bool(_PARTNER.search(words))
    said: list[SaidRelationship] = []
    if partner:
        said.append(SaidRelationship("partner", "parents", False, household))
    if household or pr:
        description = (words or "Lives in the household")[:120]
        said.append(SaidRelationship("other", "child", pr, household, description, only_if_no_parent=partner))
    return said


# --- A confidential caller, withheld from readers who may not know who called ------------------------

WITHHELD_CALLER = "the caller"
_TITLES = r"(?:mr|mrs|ms|miss|mx|dr)\.?"


def _words(value: str) -> list[str]:
    return [w for w in re.split(r"\s+", (value or "").strip()) if w]


def caller_patterns(*, name: str, phone: str = "", email: str = "") -> list[re.Pattern]:
    """What names a caller in free text: their full name (either way round, any spacing or case), a title and
    their last name ("Mrs Smith"), their phone number however it is spaced, and their email address."""
    patterns: list[str] = []
    words = _words(name)
    if words:
        patterns.append(r"(?:" + _TITLES + r"\s+)?" + r"\s+".join(re.escape(w) for w in words))
        if len(words) > 1:
            patterns.append(re.escape(words[-1]) + r",?\s+" + r"\s+".join(re.escape(w) for w in words[:-1]))
            patterns.append(_TITLES + r"\s+" + re.escape(words[-1]))
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) >= 6:
        rest = digits[1:] if digits.startswith("0") else digits
        spaced = r"[\s\-().]*".join(re.escape(d) for d in rest)
        patterns.append(
            r"(?:\+44[\s\-().]*(?:\(0\)[\s\-]*)?|0)?[\s\-().]*" + spaced if digits.startswith("0") else spaced
        )
    if email and email.strip():
        patterns.append(re.escape(email.strip()))
    return [re.compile(r"(?<!\w)" + p + r"(?!\w)", re.IGNORECASE) for p in patterns]


def caller_withheld(text: str, patterns: list[re.Pattern]) -> str:
    """`text` with every mention of the caller (see `caller_patterns`) replaced by "the caller"; a text that is
    only the caller (an action owner the system filled with their name) becomes "The caller"."""
    if not text or not patterns:
        return text
    for pattern in patterns:
        text = pattern.sub(WITHHELD_CALLER, text)
    if text.startswith(WITHHELD_CALLER):
        text = WITHHELD_CALLER[0].upper() + text[1:]
    return text


# --- Known household members offered from the record (issue 11, a call in fewer screens) ---------------

_WORDS_BY_SEX = {
    "parent": ("Mother", "Father", "Parent"),
    "step_parent": ("Stepmother", "Stepfather", "Step-parent"),
    "grandparent": ("Grandmother", "Grandfather", "Grandparent"),
    "sibling": ("Sister", "Brother", "Sibling"),
    "half_sibling": ("Half-sister", "Half-brother", "Half-sibling"),
    "partner": ("Partner", "Partner", "Partner"),
    "carer": ("Carer", "Carer", "Carer"),
}


def role_for_relative(*, kind: str, sex: str, same_household: bool, description: str = "") -> tuple[str, str]:
    """The role on the call (ContactPerson.Role value) and the relationship words for a family member the
    record already holds, from the record's relationship kind: a parent, step-parent or carer is a parent or
    carer; a sibling a sibling; anyone else a household member if they live with the child, otherwise someone
    important to the child. Words follow the record's sex ("Mother", "Brother"), else the description."""
    female, male, either = _WORDS_BY_SEX.get(kind, ("", "", ""))
    words = {"F": female, "M": male}.get(sex, either) or (description or "Family member")
    if kind in ("parent", "step_parent", "carer"):
        role = "parent_carer"
    elif kind in ("sibling", "half_sibling"):
        role = "sibling"
    else:
        role = "household" if same_household else "important"
        if description and kind == "other":
            words = description
    return role, words[:120]
