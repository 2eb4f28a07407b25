"""Making referrals without the referral pages: for the demo data set and the tests.

Shared by referrals/demo.py (and the MASH demo) and referrals/tests/factories.py. A referral is made
through the services, as a worker makes one, on a recorded contact from `frontdoor.contacts.builders`
(the one builder of recorded contacts). Never used by the live pages.
"""

from __future__ import annotations

from frontdoor.contacts.models import Contact

from . import services
from .models import Referral


def build_referral(
    *,
    worker,
    contact: Contact,
    level: int,
    reasons: str,
    indicators: list[str] | None = None,
    submit: bool = True,
    **details,
) -> Referral:
    """A referral as a worker makes one: the decision "progress to referral" for the contact's first child
    opens it; with `submit`, its `details` (disposal, reasons, receiving team, ...) are saved and it is
    sent for authorisation. Without, it stays a draft being prepared. (`build_referrals` for every child.)"""
    return build_referrals(
        worker=worker,
        contact=contact,
        level=level,
        reasons=reasons,
        indicators=indicators,
        submit=submit,
        first_only=True,
        **details,
    )[0]


def build_referrals(
    *,
    worker,
    contact: Contact,
    level: int,
    reasons: str,
    indicators: list[str] | None = None,
    submit: bool = True,
    first_only: bool = False,
    **details,
) -> list[Referral]:
    """A referral for every child on the contact ("the same decision for all children"), each prepared
    as `build_referral` prepares one; with `first_only`, for the first child alone."""
    children = services.contact_children(contact)
    if first_only or len(children) < 2:
        decisions = [
            services.decision_record(
                actor=worker,
                contact=contact,
                child=children[0] if children else None,
                level=level,
                outcome="referral",
                reasons=reasons,
                s47_indicators=indicators or [],
                version=0,
            )
        ]
    else:
        decisions = services.decisions_record_same(
            actor=worker, contact=contact, level=level, outcome="referral", reasons=reasons, s47_indicators=indicators
        )
    referrals = [Referral.objects.get(decision=d) for d in decisions]
    if submit:
        referrals = [
            services.referral_update(actor=worker, referral=r, version=r.version, submit=True, **details)
            for r in referrals
        ]
    return referrals
