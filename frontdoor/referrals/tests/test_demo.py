"""The demo data set gives every role something to look at."""

import pytest
from django.core.management import call_command

from frontdoor.mash.models import InformationRequest
from frontdoor.referrals.models import Referral

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_referrals_and_mash_requests(reference_data):
    call_command("seed_demo", people=120, verbosity=0)
    states = set(Referral.objects.values_list("state", flat=True))
    assert {"draft", "awaiting_authorisation", "returned", "with_team", "allocated"} <= states
    assert InformationRequest.objects.filter(agency__code="norfolk-police", state="sent").exists()
