"""Pure rules for feedback letters: what a letter may say to whom, what must be filled in, when it is
late, and the order of the professional disagreement steps. No database; tested with tables.

Confidentiality (DOMAIN.md section 5): a professional caller is told the decision; a member of the
public gets feedback that respects the child's confidentiality. Neither letter ever carries the
records check, an alleged perpetrator's details, or a reason for not seeking consent that could
reveal an investigation. A letter to a member of the public names only the children the call was
about (no dates of birth, no other family members), gives the outcome only where it is a service the
caller may know about, and lists only the actions the caller owns.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import models

from frontdoor.referrals.domain import DISPOSALS


class RecipientKind(models.TextChoices):
    PROFESSIONAL = "professional", "Professional"
    PUBLIC = "public", "Member of the public"


# (field name, heading, required on approval)
SECTIONS: list[tuple[str, str, bool]] = [
    ("greeting", "Opening", True),
    ("about_call", "About your call", True),
    ("children", "The children we spoke about", True),
    ("named_problem", "What we are worried about", True),
    ("agreed", "What we agreed", True),
    ("actions", "Who will do what, and by when", False),
    ("consent", "Consent and sharing information", True),
    ("if_things_change", "If things change", True),
    ("closing", "Closing words", False),
]
CHILD_ROLE = "child"  # ContactPerson.Role.CHILD: this module holds no models

SECTION_LABELS = {name: label for name, label, _ in SECTIONS}

# Outcomes a member of the public may be told in plain words; anything else gets the general wording.
PUBLIC_OUTCOME_WORDS = {
    "advice": "We gave you advice about how to help, and agreed that no further action is needed from us.",
    "signpost": "We agreed that another service is best placed to help, and gave you their details.",
    "early_help": "We agreed that early help from the Family Hub could support the family.",
}
PUBLIC_OUTCOME_GENERAL = (
    "We have taken your concerns seriously and are doing what is needed to keep the child safe. "
    "We cannot tell you more about what happens next, because the family's information is confidential."
)
PROFESSIONAL_OUTCOME_WORDS = {
    "advice": "Advice only: we gave advice and agreed that no further action is needed from children's services.",
    "signpost": "Signposting: we agreed that another service is best placed to help.",
    "early_help": "Early Help: we agreed that an Early Help assessment or the Family Hub is the right support.",
    "referral": "Referral: the contact is progressing to a referral to children's social care.",
    "allocated_worker": "The information has been passed to the child's allocated worker.",
    "mash": "The information has gone to the Multi-Agency Safeguarding Hub (MASH).",
    "police": "The police have been notified.",
}
CALLER_OWNER_WORDS = {"caller", "the caller", "you", "referrer", "the referrer"}
SENSITIVE_CONSENT_REASONS = {"undermine_investigation"}
# Words that would hint at an investigation in a letter to a member of the public.
PUBLIC_FORBIDDEN_WORDS = ("investigation", "section 47", "s47", "strategy discussion", "police enquir")


@dataclass(frozen=True)
class PersonFact:
    """A person on the call: given and family name as the caller said them, and `shown_name` (the record's,
    ContactPerson.shown_name) once linked. Letters use the shown name; confidentiality checks both, so
    neither spelling of an alleged perpetrator's name can slip into a letter."""

    given_name: str
    family_name: str
    role: str
    date_of_birth: dt.date | None = None
    approximate_age: int | None = None
    shown_name: str = ""

    @property
    def said_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def is_child(self) -> bool:
        """As ContactPerson.is_child: one of the children the call is about."""
        return self.role == CHILD_ROLE

    @property
    def full_name(self) -> str:
        return self.shown_name or self.said_name


@dataclass(frozen=True)
class ChildDecision:
    """One child's referral as the letter must report it: the manager's authorised disposal (1 to 4, see
    referrals.domain.DISPOSALS), or None while the decision is awaited, and what the referral says the
    referrer is to be told (the professional's or the public's wording, as the letter's recipient)."""

    child_name: str
    disposal: int | None = None
    tell_referrer: str = ""

    @property
    def authorised(self) -> bool:
        return self.disposal is not None

    @property
    def disposal_label(self) -> str:
        return DISPOSALS.get(self.disposal, "") if self.disposal is not None else ""

    @property
    def disposal_words(self) -> str:
        """The disposal as a letter says it, without the form's number ("Child in need, high need: single
        assessment"): a teacher is not told "3."."""
        return self.disposal_label.split(". ", 1)[-1]


@dataclass(frozen=True)
class ActionFact:
    what: str
    owner: str
    due_date: dt.date


@dataclass(frozen=True)
class LetterFacts:
    recipient_kind: str
    caller_name: str
    received_at: dt.datetime
    reference: str
    worker_name: str
    people: tuple[PersonFact, ...] = ()
    caller_role: str = ""
    caller_agency: str = ""
    named_problem: str = ""
    agreed_outcome: str = ""
    outcome_notes: str = ""
    actions: tuple[ActionFact, ...] = ()
    consent: str = ""
    consent_not_sought_reason: str = ""
    consent_plan: str = ""
    records_check_notes: str = ""
    cads_phone: str = ""
    public_phone: str = ""
    edt_phone: str = ""
    survey_url: str = ""
    decisions: tuple[ChildDecision, ...] = ()  # one per referral made on the contact (one per child)

    @property
    def is_public(self) -> bool:
        return self.recipient_kind == RecipientKind.PUBLIC

    @property
    def investigation_sensitive(self) -> bool:
        return self.consent_not_sought_reason in SENSITIVE_CONSENT_REASONS

    @property
    def children(self) -> list[PersonFact]:
        return [p for p in self.people if p.is_child]


@dataclass
class Draft:
    sections: dict[str, str]
    withheld: list[str] = field(default_factory=list)


def _date(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _when(t: dt.datetime) -> str:
    return f"{t.day} {t:%B %Y} at {t:%H:%M}"


def _is_caller_action(action: ActionFact, caller_name: str) -> bool:
    owner = action.owner.strip().lower()
    return owner in CALLER_OWNER_WORDS or (bool(caller_name) and owner == caller_name.strip().lower())


def _children_text(facts: LetterFacts) -> str:
    lines = []
    for child in facts.children:
        if facts.is_public:
            lines.append(child.full_name)
        elif child.date_of_birth:
            lines.append(f"{child.full_name}, born {_date(child.date_of_birth)}")
        elif child.approximate_age is not None:
            lines.append(f"{child.full_name}, about {child.approximate_age} years old")
        else:
            lines.append(child.full_name)
    return "\n".join(lines) or "The child we spoke about."


def _consent_text(facts: LetterFacts, withheld: list[str]) -> str:
    if facts.is_public:
        if facts.consent_not_sought_reason:
            withheld.append("The reason consent was not sought (never shared with a member of the public).")
        return (
            "We keep what you told us securely. We share information with other services only when it is "
            "needed to keep a child safe, and only what they need. We will not tell the family who you are "
            "unless you agree, or the law requires it."
        )
    if facts.consent == "obtained":
        text = "You told us the family agreed to you contacting us and to information being shared."
    elif facts.consent == "refused":
        text = "You told us the family did not agree to information being shared."
    elif facts.consent == "not_sought":
        if facts.consent_not_sought_reason in SENSITIVE_CONSENT_REASONS:
            withheld.append("The reason consent was not sought, because it could reveal an investigation.")
            text = "Consent was not sought. The reason is recorded on our file."
        else:
            text = "Consent was not sought, because asking could have put someone at greater risk or caused delay."
    else:
        text = "We did not record the family's consent during the call."
    if facts.consent_plan and facts.consent_not_sought_reason not in SENSITIVE_CONSENT_REASONS:
        text += f"\nWhat we agreed about consent: {facts.consent_plan}"
    return text


def _actions_text(facts: LetterFacts, withheld: list[str]) -> str:
    only_callers = facts.is_public or facts.investigation_sensitive
    shown = [a for a in facts.actions if not only_callers or _is_caller_action(a, facts.caller_name)]
    if len(shown) < len(facts.actions):
        withheld.append(
            "Actions owned by other people (only the caller's own actions go to a member of the public, "
            "or to anyone when an investigation could be revealed)."
        )
    lines = [f"{a.what}: {a.owner}, by {_date(a.due_date)}" for a in shown]
    return "\n".join(lines)


AWAITED_WORDS = "the manager's decision is awaited"
SECOND_LETTER_WORDS = "We will write to you again when it has been made."
_AWAITED = re.compile(r"decision (?:is |has )?(?:still )?(?:awaited|not (?:yet )?been made)", re.IGNORECASE)
REDRAFT_HINT = "Change the wording to match the record, or write the section again from the record"


def disposal_phrase(disposal: int) -> str:
    """The words that name a disposal in a letter: its label without the number and the service
    ("3. Child in need, high need: single assessment" -> "Child in need, high need")."""
    return DISPOSALS[disposal].split(". ", 1)[-1].split(":", 1)[0].strip()


def _decision_lines(facts: LetterFacts) -> list[str]:
    """Each child's decision on the referral made for them, and what the referral says the caller is told."""
    lines: list[str] = []
    for d in facts.decisions:
        if d.authorised and not facts.is_public:
            lines.append(f"{d.child_name}: the manager decided \u201c{d.disposal_words}\u201d.")
        elif d.authorised:
            continue  # a member of the public is not told the disposal, only what the referral says to tell them
        else:
            lines.append(f"{d.child_name}: {AWAITED_WORDS}. {SECOND_LETTER_WORDS}")
    told = [d for d in facts.decisions if d.authorised and d.tell_referrer.strip()]
    if len({d.tell_referrer.strip() for d in told}) == 1 and len(told) == len(facts.decisions):
        lines.append(f"What we can tell you: {told[0].tell_referrer.strip()}")
    else:
        lines += [f"What we can tell you about {d.child_name}: {d.tell_referrer.strip()}" for d in told]
    return lines


def _referral_made(facts: LetterFacts) -> str:
    """The line before each child's decision: one referral per child, and whether the manager has decided yet."""
    n = len(facts.decisions)
    made = "we made a referral to children's social care" + (f" for each of the {n} children" if n > 1 else "")
    if all(d.authorised for d in facts.decisions):
        return f"Referral: {made}. A manager has decided what happens next."
    return f"Referral: {made}. A manager decides what happens next."


def _agreed_text(facts: LetterFacts, withheld: list[str]) -> str:
    if facts.is_public:
        agreed = PUBLIC_OUTCOME_WORDS.get(facts.agreed_outcome, PUBLIC_OUTCOME_GENERAL)
        if facts.agreed_outcome not in PUBLIC_OUTCOME_WORDS:
            withheld.append("The decision itself (a member of the public gets the general wording).")
        if facts.outcome_notes:
            withheld.append("The worker's notes on the outcome.")
        return "\n".join([agreed, *_decision_lines(facts)])
    if facts.decisions:
        agreed = "\n".join([_referral_made(facts), *_decision_lines(facts)])
    elif facts.agreed_outcome == "referral":
        agreed = f"{PROFESSIONAL_OUTCOME_WORDS['referral']} {AWAITED_WORDS.capitalize()}. {SECOND_LETTER_WORDS}"
    else:
        agreed = PROFESSIONAL_OUTCOME_WORDS.get(facts.agreed_outcome, "We agreed the next steps described below.")
    if facts.outcome_notes and facts.investigation_sensitive:
        withheld.append("The worker's notes on the outcome, because they could reveal an investigation.")
    elif facts.outcome_notes:
        agreed += f"\n{facts.outcome_notes}"
    return agreed


def draft_sections(facts: LetterFacts) -> Draft:
    """The first draft of each section, from the contact's facts, following the confidentiality rules."""
    withheld: list[str] = []
    if facts.records_check_notes:
        withheld.append("What our records check found (never included in a feedback letter).")
    if any(not p.is_child for p in facts.people):
        withheld.append("Family members and other people named on the call (only the children are named).")
    if facts.is_public:
        about = f"Thank you for calling the Children's Advice and Duty Service on {_when(facts.received_at)}."
    else:
        who = ", ".join(x for x in (facts.caller_role, facts.caller_agency) if x)
        about = (
            f"Thank you for your call to the Children's Advice and Duty Service on {_when(facts.received_at)}"
            + (f" ({who})" if who else "")
            + f". Our reference is {facts.reference}."
        )
    agreed = _agreed_text(facts, withheld)
    phones = ["If you are worried a child is in immediate danger, call 999."]
    line = facts.public_phone if facts.is_public else facts.cads_phone
    if line:
        phones.insert(
            0, f"If things change or you have new worries, call the Children's Advice and Duty Service on {line}."
        )
    if facts.edt_phone:
        phones.append(f"Out of hours, call the Emergency Duty Team on {facts.edt_phone}.")
    closing = "Please tell us how helpful this conversation was"
    closing += f": {facts.survey_url}" if facts.survey_url else "."
    sections = {
        "greeting": f"Dear {facts.caller_name}," if facts.caller_name else "Dear caller,",
        "about_call": about,
        "children": _children_text(facts),
        "named_problem": facts.named_problem,
        "agreed": agreed,
        "actions": _actions_text(facts, withheld),
        "consent": _consent_text(facts, withheld),
        "if_things_change": "\n".join(phones),
        "closing": closing,
    }
    return Draft(sections=sections, withheld=withheld)


def missing_required(sections: dict[str, str]) -> dict[str, str]:
    """{section: GOV.UK error message} for each required section left empty."""
    return {
        name: f"Enter the text for '{label}'"
        for name, label, required in SECTIONS
        if required and not (sections.get(name) or "").strip()
    }


def _contains(text: str, needle: str) -> bool:
    return bool(needle.strip()) and re.search(rf"\b{re.escape(needle.strip())}\b", text, re.IGNORECASE) is not None


def confidentiality_problems(sections: dict[str, str], facts: LetterFacts) -> dict[str, str]:
    """{section: message} where edited wording would share what this recipient must not be told."""
    problems: dict[str, str] = {}
    for name, text in sections.items():
        if not text:
            continue
        for person in facts.people:
            for said in {person.full_name, person.said_name} - {""}:
                if person.role == "alleged_perpetrator" and _contains(text, said):
                    problems[name] = f"Remove {said}: a letter never names an alleged perpetrator"
                elif facts.is_public and not person.is_child and person.family_name and _contains(text, said):
                    problems[name] = f"Remove {said}: a letter to a member of the public names only the children"
        for chunk in re.split(r"[.\n]", facts.records_check_notes):
            if len(chunk.strip()) >= 20 and chunk.strip().lower() in text.lower():
                problems[name] = "Remove what our records check found: it is never included in a letter"
        if facts.is_public and name != "greeting":
            for word in PUBLIC_FORBIDDEN_WORDS:
                if word in text.lower():
                    problems[name] = (
                        f"Remove '{word}': a letter to a member of the public must not suggest an investigation"
                    )
    return problems


def _has(text: str, phrase: str) -> bool:
    return " ".join(phrase.lower().split()) in " ".join(text.lower().split())


def outcome_contradictions(sections: dict[str, str], facts: LetterFacts) -> dict[str, str]:
    """{section: message} where the letter states an outcome the record contradicts: a disposal no child's
    referral was authorised with (or another child's, on a line naming a child), "awaited" when every
    decision has been made, or (to a professional) no word of a child's authorised disposal at all."""
    if not facts.decisions:
        return {}
    problems: dict[str, str] = {}
    authorised = [d for d in facts.decisions if d.authorised]
    awaited = [d for d in facts.decisions if not d.authorised]
    record = "; ".join(f"{d.child_name}: {d.disposal_label}" for d in authorised) or "no decision has been made yet"
    for name, text in sections.items():
        if not text:
            continue
        for disposal in DISPOSALS:
            phrase = disposal_phrase(disposal)
            if not _has(text, phrase):
                continue
            if not any(d.disposal == disposal for d in authorised):
                problems[name] = (
                    f"The letter says '{phrase}', but the record says {record}. {REDRAFT_HINT}"
                    if authorised
                    else f"The letter says '{phrase}', but the manager's decision is still awaited. {REDRAFT_HINT}"
                )
            for line in text.splitlines():
                for d in authorised:
                    if d.disposal != disposal and _has(line, d.child_name) and _has(line, phrase):
                        problems[name] = (
                            f"The letter gives {d.child_name} the decision '{phrase}', but the manager authorised "
                            f"'{d.disposal_label}'. {REDRAFT_HINT}"
                        )
        if _AWAITED.search(text) and not awaited:
            problems[name] = f"The letter says the decision is awaited, but the record says {record}. {REDRAFT_HINT}"
        for line in text.splitlines():
            for d in authorised:
                if awaited and _AWAITED.search(line) and _has(line, d.child_name):
                    problems[name] = (
                        f"The letter says the decision for {d.child_name} is awaited, but the manager authorised "
                        f"'{d.disposal_label}'. {REDRAFT_HINT}"
                    )
    if not facts.is_public:
        everything = "\n".join(sections.values())
        for d in authorised:
            if d.disposal is not None and not _has(everything, disposal_phrase(d.disposal)):
                problems.setdefault(
                    "agreed",
                    f"The letter does not give the manager's decision for {d.child_name}: "
                    f"'{d.disposal_label}'. {REDRAFT_HINT}",
                )
    return problems


class LetterState(models.TextChoices):
    SENT = "sent", "Sent"
    OVERDUE = "overdue", "Overdue"
    DUE_TODAY = "due_today", "Due today"
    UPCOMING = "upcoming", "Not yet due"
    NO_DEADLINE = "none", "No deadline"


def letter_state(*, due: dt.datetime | None, now: dt.datetime, sent_at: dt.datetime | None, tz=None) -> str:
    """Where a contact's letter stands against its deadline. A letter sent late stays 'sent'."""
    if sent_at is not None:
        return LetterState.SENT
    if due is None:
        return LetterState.NO_DEADLINE
    if due < now:
        return LetterState.OVERDUE
    if due.astimezone(tz).date() == now.astimezone(tz).date():
        return LetterState.DUE_TODAY
    return LetterState.UPCOMING


class EscalationStep(models.TextChoices):
    LINE_MANAGER = "line_manager", "Talk to the line manager or safeguarding lead"
    RECORD_REVIEW = "record_review", "Review of the written record"
    JAGS = "jags", "Joint agency group supervision"
    RPD_POLICY = "rpd_policy", "Escalation under the Resolving Professional Disagreements policy"


STEP_ORDER = [s.value for s in EscalationStep]


def next_step(done: list[str]) -> str | None:
    """The next escalation step after those already recorded, or None when all are done."""
    for step in STEP_ORDER:
        if step not in done:
            return step
    return None


def step_error(*, step: str, done: list[str], resolved: bool, held_on: dt.date, previous_on: dt.date | None) -> str:
    """Why this step cannot be recorded now ('' when it can). Steps go in order, once each."""
    if resolved:
        return "This disagreement is resolved. No more steps can be added"
    if step not in STEP_ORDER:
        return "Select a step"
    if step in done:
        return "This step has already been recorded"
    expected = next_step(done)  # never None here: `step` itself is not done yet
    if expected is not None and step != expected:
        return f"Record '{EscalationStep(expected).label}' first"
    if previous_on and held_on < previous_on:
        return "The date must be the same as or after the previous step"
    return ""
