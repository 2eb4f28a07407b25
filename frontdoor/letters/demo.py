"""Demo letters: recorded contacts (made here with the ORM) with drafts, sent and overdue letters, a failed
email, survey answers and a professional disagreement. Synthetic data only (Faker en_GB)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from frontdoor.accounts.models import Role, User
from frontdoor.contacts.builders import build_recorded_contact
from frontdoor.contacts.models import Contact, ContactPerson

from .content import plain_text
from .disagreements import services as disagreement_services
from .dispatch import services as dispatch_services
from .models import DispatchAttempt, LetterDispatch, SurveyInvitation, SurveyResponse
from .pdf import letter_pdf, sha256_of
from .writing import services

PROBLEMS = [
    "{child} has arrived at school hungry and in the same clothes most days for three weeks.",
    "{child} told a teacher there is shouting at home most nights and they are scared to go home.",
    "{child} has missed 12 days of nursery this term and the family has not answered calls.",
    "{child} has a bruise on the cheek; the explanation given did not match the injury.",
    "{child} is staying out late with older young people and has new, expensive belongings.",
    "The health visitor is worried {child} is not gaining weight and the parent seems very low.",
]
OUTCOMES = ["advice", "signpost", "early_help", "referral", "early_help", "advice"]
COMMENTS = [
    "",
    "It took a long time to get through on the phone.",
    "The social worker listened and explained what would happen next.",
    "",
    "I would have liked to know sooner what was decided.",
]


def _contact(*, n: int, worker, fake, rng, days_ago: int, public: bool) -> Contact:
    now = timezone.now()
    received = (now - dt.timedelta(days=days_ago)).replace(hour=rng.randint(9, 15), minute=rng.choice([5, 20, 40]))
    family = fake.last_name()
    child = fake.first_name()
    parent = fake.first_name()
    while parent == child:  # a parent with the child's own full name would be "named" by the letter
        parent = fake.first_name()
    caller_name = fake.name()
    return build_recorded_contact(
        worker=worker,
        received_at=received,
        reference=f"DEMO-L{n:04d}",
        caller_type=Contact.CallerType.PUBLIC if public else Contact.CallerType.PROFESSIONAL,
        caller_name=caller_name,
        caller_role="" if public else rng.choice(["Designated safeguarding lead", "Health visitor", "GP"]),
        caller_agency_name="" if public else f"{fake.city()} {rng.choice(['Primary School', 'Health Centre'])}",
        caller_email=fake.email(),
        caller_address=fake.address(),
        caller_confidential=public,
        named_problem=rng.choice(PROBLEMS).format(child=child),
        records_check_notes="Previous early help plan closed last year." if n % 2 else "",
        consent=Contact.Consent.OBTAINED if n % 3 else Contact.Consent.NOT_SOUGHT,
        consent_not_sought_reason="" if n % 3 else Contact.ConsentNotSoughtReason.RISK_TO_CHILD,
        agreed_outcome=OUTCOMES[n % len(OUTCOMES)],
        people=[
            {
                "role": ContactPerson.Role.CHILD,
                "given_name": child,
                "family_name": family,
                "date_of_birth": fake.date_of_birth(minimum_age=1, maximum_age=15),
            },
            {"role": ContactPerson.Role.PARENT_CARER, "given_name": parent, "family_name": family},
        ],
        actions=[
            {
                "what": "Talk to the family about the Family Hub",
                "owner": caller_name,
                "due_date": timezone.localdate(received) + dt.timedelta(days=3),
            }
        ],
    )


def seed(*, people: int, fake, rng) -> str:
    workers = list(
        User.objects.filter(role=Role.CONSULTANT_SOCIAL_WORKER, username__in=["csw", "csw2"]).order_by("username")
    )
    if not workers:
        workers = list(User.objects.filter(role=Role.CONSULTANT_SOCIAL_WORKER)[:2])
    if not workers or Contact.objects.filter(reference__startswith="DEMO-L").exists():
        return "letters: nothing to do"
    plan = [  # (days ago, public, what happens)
        (1, False, "none"),
        (2, True, "draft"),
        (3, False, "draft"),
        (12, False, "none"),  # overdue, not started
        (9, True, "approved"),  # overdue, approved but not sent
        (6, False, "emailed"),
        (8, True, "posted"),
        (4, False, "failed"),
        (15, False, "emailed"),
    ]
    counts: dict[str, int] = {}
    sent_contacts = []
    for n, (days_ago, public, what) in enumerate(plan, start=1):
        worker = workers[1 % len(workers)] if n in {4, 6} else workers[0]  # most on the first demo worker
        contact = _contact(n=n, worker=worker, fake=fake, rng=rng, days_ago=days_ago, public=public)
        counts[what] = counts.get(what, 0) + 1
        if what == "none":
            continue
        letter = services.letter_draft(actor=worker, contact=contact)
        if what == "draft":
            continue
        letter = services.letter_approve(actor=worker, letter=letter, version=letter.version)
        if what == "emailed":
            dispatch = dispatch_services.letter_send_email(
                actor=worker, letter=letter, email=contact.caller_email, idempotency_key=f"demo-{n}"
            )
            dispatch_services.dispatch_attempt(dispatch_id=dispatch.pk)
            sent_contacts.append(contact)
        elif what == "posted":
            dispatch_services.letter_mark_posted(
                actor=worker, letter=letter, address=contact.caller_address, idempotency_key=f"demo-{n}"
            )
            sent_contacts.append(contact)
        elif what == "failed":
            pdf = letter_pdf(letter)
            content = plain_text(letter)
            dispatch = LetterDispatch.objects.create(
                letter=letter,
                method=LetterDispatch.Method.EMAIL,
                idempotency_key=f"demo-{n}",
                recipient="no-such-person@invalid",
                status=LetterDispatch.Status.FAILED,
                content=content,
                pdf=pdf,
                sha256=sha256_of(content, pdf),
                attempt_count=1,
                last_error="The email server refused the address no-such-person@invalid",
                requested_by=worker,
            )
            DispatchAttempt.objects.create(dispatch=dispatch, number=1, error=dispatch.last_error)
    for i, contact in enumerate(sent_contacts * 2):
        invitation = SurveyInvitation.objects.create(contact=contact, used_at=timezone.now())
        SurveyResponse.objects.create(
            invitation=invitation,
            contact=contact,
            helpfulness=rng.choice([3, 4, 4, 5, 5, 2]),
            could_be_better=COMMENTS[i % len(COMMENTS)],
        )
    if sent_contacts:
        contact = sent_contacts[0]
        today = timezone.localdate()
        disagreement = disagreement_services.disagreement_create(
            actor=contact.worker,
            contact=contact,
            raised_by="caller",
            raised_by_name=f"{contact.caller_name}, {contact.caller_role or 'caller'}",
            raised_on=today - dt.timedelta(days=3),
            decision="Advice only, no referral to children's social care",
            reason="The school has seen more worries since the call and thinks a referral is needed.",
        )
        disagreement_services.disagreement_step_add(
            actor=contact.worker,
            disagreement=disagreement,
            version=disagreement.version,
            step="line_manager",
            held_on=today - dt.timedelta(days=2),
            people="Team manager and the caller",
            outcome="Manager reviewed the call; agreed to look at the written record with the school.",
            resolved=False,
        )
    return (
        f"{len(plan)} contacts with letters: {counts.get('draft', 0)} drafts, "
        f"{counts.get('emailed', 0) + counts.get('posted', 0)} sent, {counts.get('failed', 0)} failed email, "
        f"{SurveyResponse.objects.count()} survey answers, 1 disagreement"
    )
