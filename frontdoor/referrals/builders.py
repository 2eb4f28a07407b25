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
    """A referral as a worker makes one: the decision "progress to referral" on the contact opens it;
    with `submit`, its `details` (disposal, reasons, receiving team, ...) are saved and it is sent for
    authorisation. Without, it stays a draft being prepared."""
    decision = services.decision_record(
        actor=worker,
        contact=contact,
        level=level,
        outcome="referral",
        reasons=reasons,
        s47_indicators=indicators or [],
        version=0,
    )
    referral = decision.referral
    if submit:
        referral = services.referral_update(
            actor=worker, referral=referral, version=referral.version, submit=True, **details
        )
    return referral
