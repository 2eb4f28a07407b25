"""Demo decisions and referrals: contacts waiting for a decision, referrals awaiting authorisation,
referrals with the FAST team, a strategy discussion to consider. Synthetic data only (Faker en_GB).

Contacts are made here with the ORM (status recorded) so the demo works whatever the call-flow app seeds.
"""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.contacts.builders import build_recorded_contact, child_with_mother, linked
from frontdoor.contacts.models import Contact
from frontdoor.directory.models import Team
from frontdoor.people.models import Person

from . import services
from .builders import build_referral, build_referrals
from .models import Referral

WORRIES = [
    "Bruise on the child's cheek; the child said their mum's partner hit them.",
    "Child arriving at school hungry and in the same clothes all week.",
    "Police called to the home twice this month for domestic abuse; the children were present.",
    "Young person missing overnight three times; seen with older men in cars.",
    "Parent appeared under the influence of alcohol at nursery pick-up.",
    "Baby with an unexplained injury seen at the GP surgery.",
    "Child says they are scared to go home.",
    "Teenager disclosed self-harm and arguments at home.",
]


def demo_contact(
    *, worker, child: Person, fake, rng, received_at, immediacy="urgent", n: int, sibling: Person | None = None
) -> Contact:
    """A recorded call about `child` (and `sibling`, a second child on the same call) with varied callers and
    worries (the MASH demo uses it too)."""
    people = child_with_mother(child, mother_given_name=fake.first_name_female())
    if sibling is not None:
        people.append(linked(sibling, match_decision=""))
    return build_recorded_contact(
        worker=worker,
        people=people,
        received_at=received_at,
        reference=f"CD{timezone.localdate().year % 100}{n:05d}",
        caller_type=rng.choice([Contact.CallerType.PROFESSIONAL] * 3 + [Contact.CallerType.PUBLIC]),
        caller_name=fake.name(),
        caller_role=rng.choice(["Designated safeguarding lead", "Health visitor", "GP", "Police officer"]),
        reason_for_call="Worried about a child",
        worried_about=rng.choice(WORRIES),
        child_location="At school",
        immediacy=immediacy,
        parents_aware=rng.choice(["yes", "no", "unknown"]),
        consent=Contact.Consent.OBTAINED,
    )


def _children(rng, count: int, norwich: bool) -> list[Person]:
    cutoff = timezone.localdate() - dt.timedelta(days=17 * 365)
    qs = Person.objects.filter(date_of_birth__gt=cutoff)
    if norwich:
        qs = qs.filter(postcode__regex=r"^NR[1-6] ")
    people = list(qs.order_by("person_id")[:200])
    rng.shuffle(people)
    return people[:count]


def seed(*, people: int, fake, rng) -> str:
    users = {u.username: u for u in User.objects.filter(username__in=["csw", "csw2", "manager", "fast"])}
    if len(users) < 4 or Referral.objects.exists():
        return "skipped (no demo users, or referrals already present)"
    csw, csw2, manager = users["csw"], users["csw2"], users["manager"]
    now = timezone.now()
    children = _children(rng, 14, norwich=True) + _children(rng, 6, norwich=False)
    if not children:
        return "skipped (no demo children)"
    n = Contact.objects.filter(reference__startswith="CD").count() + 1
    made = {"undecided": 0, "decided": 0, "referrals": 0}

    def contact(worker, child, days_ago, immediacy="urgent", sibling=None):
        nonlocal n
        c = demo_contact(
            worker=worker,
            child=child,
            sibling=sibling,
            fake=fake,
            rng=rng,
            received_at=now - dt.timedelta(days=days_ago, hours=1),
            immediacy=immediacy,
            n=n,
        )
        n += 1
        return c

    kids = itertools.cycle(children)  # a small data set repeats children: repeat contacts are real too
    # Waiting for a decision: one immediate, one overdue, some for the other worker.
    for worker, days, immediacy in [
        (csw, 0, "immediate"),
        (csw, 3, "urgent"),
        (csw, 0, "not_urgent"),
        (csw2, 0, "urgent"),
    ]:
        contact(worker, next(kids), days, immediacy)
        made["undecided"] += 1
    # Two children on one call, neither decided yet.
    contact(csw, next(kids), 0, "urgent", sibling=next(kids))
    made["undecided"] += 1
    # Decided without a referral.
    for outcome, level in [("advice", 1), ("early_help", 2)]:
        services.decision_record(
            actor=csw,
            contact=contact(csw, next(kids), 1),
            level=level,
            outcome=outcome,
            reasons="Advice given to the caller",
            version=0,
        )
        made["decided"] += 1
    # A strategy discussion to consider (draft referral).
    build_referral(
        worker=csw2,
        contact=contact(csw2, next(kids), 0, "immediate"),
        level=4,
        reasons="Unexplained injury to a baby",
        indicators=["non_mobile_injury"],
        submit=False,
    )
    fast = Team.objects.get(code="fast-norwich")
    family_support = Team.objects.get(code="family-support-norwich")

    def referral(worker, child, team, disposal, days=0, sibling=None):
        """A referral for `child` (and, with `sibling`, one for each of two children on the same call)."""
        made["referrals"] += 2 if sibling else 1
        made_ = build_referrals(
            worker=worker,
            contact=contact(worker, child, days, sibling=sibling),
            level=4 if disposal == 4 else 3,
            reasons="Needs a single assessment",
            disposal=disposal,
            disposal_reasons="Child in need of assessment",
            receiving_team=team,
            domestic_abuse="yes",
            mental_illness="no",
            substance_misuse="unknown",
            learning_difficulties="no",
            tell_professional_referrer="Told a single assessment will start",
            tell_child_and_family="A social worker will visit",
        )
        return made_ if sibling else made_[0]

    # Awaiting the manager's authorisation.
    referral(csw, next(kids), fast, 4)
    referral(csw2, next(kids), family_support, 3, days=2)
    referral(csw, next(kids), fast, 4)
    # Returned to the worker.
    r = referral(csw, next(kids), family_support, 2)
    services.referral_return(actor=manager, referral=r, version=r.version, reasons="Check the school's view first")
    # With FAST Norwich, unallocated; and one allocated to the demo FAST practitioner with milestones.
    for _ in range(2):
        r = referral(csw2, next(kids), fast, 4)
        services.referral_authorise(actor=manager, referral=r, version=r.version)
    r = referral(csw, next(kids), fast, 4)
    r = services.referral_authorise(actor=manager, referral=r, version=r.version)
    r = services.referral_take(actor=users["fast"], referral=r, version=r.version)
    # Two children on one call: each has their own referral. One pair awaits authorisation (to authorise
    # together); the other pair was authorised together and is with FAST Norwich.
    referral(csw, next(kids), fast, 4, sibling=next(kids))
    pair = referral(csw2, next(kids), fast, 4, sibling=next(kids))
    services.referrals_authorise_together(actor=manager, versions={p: p.version for p in pair})
    today = timezone.localdate()
    services.milestone_record(actor=users["fast"], referral=r, kind="strategy_discussion", date=today)
    services.milestone_record(actor=users["fast"], referral=r, kind="s47_started", date=today)
    return (
        f"{made['undecided']} contacts awaiting a decision, {made['decided']} decisions, {made['referrals']} referrals"
    )
