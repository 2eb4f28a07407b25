"""Demo contacts: one recorded call per 8 seeded people (or `contacts` calls), linked to seeded children and
parents, spread over the last 60 days (so some deadlines are overdue), plus two drafts for the demo "csw" user.
Bulk-created for speed, from the pieces of contacts.builders (deadlines from the configured timescales);
demo rows carry no audit events."""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.directory.models import Agency
from frontdoor.people.models import Person, Relationship

from .builders import contact_person, linked, recorded_fields
from .models import Action, Contact, ContactPerson

CONCERNS = [
    ("came to school with a bruise on {their} cheek and gave two different explanations", 4, "urgent"),
    ("has been arriving at school hungry and in the same clothes most days", 5, "not_urgent"),
    ("told a teaching assistant that {their} mum's partner shouts and throws things", 3, "urgent"),
    ("was found walking alone near the ring road late at night", 3, "immediate"),
    ("has missed 40% of school this term and the family are not answering calls", 6, "not_urgent"),
    ("disclosed that an older man online has been sending {them} gifts", 2, "immediate"),
    ("is caring for a parent with mental ill health and is very tired at school", 6, "not_urgent"),
    ("was seen at a house the police link to drug dealing", 3, "urgent"),
]
ROLES = [
    "Class teacher",
    "Designated safeguarding lead",
    "Health visitor",
    "School nurse",
    "GP",
    "PC",
    "Housing officer",
]
OUTCOMES = (
    ["advice"] * 4 + ["signpost"] * 2 + ["early_help"] * 3 + ["referral"] * 2 + ["allocated_worker", "mash", "police"]
)


def _reference(day: dt.date, used: set[str]) -> str:
    while True:
        ref = f"C{day:%y%m%d}-{secrets.token_hex(3).upper()}"
        if ref not in used:
            used.add(ref)
            return ref


def _received(rng, today: dt.date) -> dt.datetime:
    day = today - dt.timedelta(days=rng.choice([0] * 8 + [1] * 8 + [2] * 6 + [3] * 6 + list(range(4, 60))))
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.choice([0, 10, 25, 40, 55]))))


def _contact(rng, fake, worker, child: Person, agencies, used, *, draft: bool = False) -> Contact:
    received = (
        _received(rng, timezone.localdate()) if not draft else timezone.now() - dt.timedelta(minutes=rng.randint(5, 90))
    )
    concern, scale, immediacy = rng.choice(CONCERNS)
    pronouns = {"their": "her", "them": "her"} if child.sex == "F" else {"their": "his", "them": "him"}
    worry = f"{child.given_name} {concern.format(**pronouns)}."
    agency = rng.choice(agencies) if agencies else None
    contact = Contact(
        reference=_reference(timezone.localtime(received).date(), used),
        worker=worker,
        received_at=received,
        created_by=worker,
        modified_by=worker,
        caller_type="professional",
        caller_name=fake.name(),
        caller_role=rng.choice(ROLES),
        caller_agency=agency,
        caller_phone=f"01603 {rng.randint(200000, 799999)}",
        caller_email=f"{fake.user_name()}@example.org",
        phone_route=rng.choice(["general"] * 5 + ["allocated_worker", "exploitation", "domestic_abuse"]),
        reason_for_call=f"Worried because {worry}",
        worried_about=worry,
        last_step="caller",
        status=Contact.Status.DRAFT,
    )
    if draft:
        return contact
    contact.last_step = "check"
    contact.working_well = rng.choice(
        ["Attends school every day.", "Warm relationship with grandmother.", "Mum asks for help."]
    )
    contact.needs_to_happen = rng.choice(["Talk to mum today.", "A Family Hub worker to visit.", "Check with health."])
    contact.scale = scale
    contact.scale_reason = (
        "One worry, no earlier history." if scale > 4 else "Several worries and little is working well."
    )
    contact.child_location = rng.choice(["At school until 3pm.", "At home with mum.", "With grandmother."])
    contact.parents_aware = rng.choice(["yes", "no", "unknown"])
    contact.immediacy = immediacy
    contact.records_checked_at = received + dt.timedelta(minutes=10)
    contact.consent = rng.choice(["obtained", "obtained", "refused", "not_sought"])
    if contact.consent == "not_sought":
        contact.consent_not_sought_reason = "risk_to_child"
        contact.consent_plan = "The allocated worker will speak to the family after the strategy discussion."
    contact.caller_relationship = "Knows the family through " + rng.choice(["school", "health visits", "the tenancy"])
    contact.caller_hoped_outcome = rng.choice(["Advice on what to do next.", "Someone to visit the family."])
    contact.agreed_outcome = rng.choice(OUTCOMES)
    contact.named_problem = worry
    for name, value in recorded_fields(received, recorded_at=received + dt.timedelta(minutes=30)).items():
        setattr(contact, name, value)
    return contact


def _linked(contact, person, role: str, worker, *, position: int = 0, **fields) -> ContactPerson:
    """Someone named on the call and linked to their record, as the worker matched them."""
    return contact_person(contact, linked(person, role, **fields), position=position, worker=worker)


def seed(*, people: int, fake, rng, contacts: int | None = None) -> str:
    workers = list(User.objects.filter(username__in=["csw", "csw2", "manager"]).order_by("username"))
    if not workers:
        return "no demo workers: contacts skipped"
    csw = next((w for w in workers if w.username == "csw"), workers[0])
    weighted = [csw, csw] + workers
    cutoff = timezone.localdate() - dt.timedelta(days=17 * 365)
    children = list(
        Person.objects.filter(date_of_birth__gt=cutoff).only("id", "given_name", "family_name", "sex", "date_of_birth")
    )
    if not children:
        return "no children seeded: contacts skipped"
    wanted = contacts if contacts is not None else max(1, people // 8)
    chosen = [rng.choice(children) for _ in range(wanted)]
    agencies = list(Agency.objects.filter(active=True))
    used = set(Contact.objects.values_list("reference", flat=True))
    recorded = [_contact(rng, fake, rng.choice(weighted), child, agencies, used) for child in chosen]
    draft_children = [rng.choice(children) for _ in range(2)]
    drafts = [_contact(rng, fake, csw, child, agencies, used, draft=True) for child in draft_children]
    recorded += drafts
    Contact.objects.bulk_create(recorded, batch_size=500)

    parents: dict = {}
    child_ids = {c.pk for c in chosen}
    ids = list(child_ids)
    for i in range(0, len(ids), 900):
        for rel in Relationship.objects.filter(to_person_id__in=ids[i : i + 900], kind="parent").select_related(
            "from_person"
        ):
            parents.setdefault(rel.to_person_id, []).append(rel.from_person)
    links, actions = [], []
    for contact, child in zip(recorded, chosen, strict=False):
        links.append(_linked(contact, child, ContactPerson.Role.CHILD, contact.worker))
        for n, parent in enumerate(parents.get(child.pk, [])):
            links.append(
                _linked(
                    contact,
                    parent,
                    "parent_carer",
                    contact.worker,
                    relationship="Mother" if parent.sex == "F" else "Father",
                    lives_with_child=True,
                    parental_responsibility=True,
                    position=n + 1,
                )
            )
        actions.append(
            Action(
                contact=contact,
                what="Send the caller the feedback letter",
                owner=str(contact.worker),
                due_date=timezone.localtime(contact.letter_due_at).date(),
                created_by=contact.worker,
            )
        )
    for draft, child in zip(drafts, draft_children, strict=True):  # drafts: caller step done, one child
        links.append(_linked(draft, child, ContactPerson.Role.CHILD, csw))
    ContactPerson.objects.bulk_create(links, batch_size=1000)
    Action.objects.bulk_create(actions, batch_size=1000)
    overdue = sum(1 for c in recorded if c.decision_due_at and c.decision_due_at < timezone.now())
    return f"{len(chosen)} recorded contacts ({overdue} past their decision date), 2 drafts for csw"
