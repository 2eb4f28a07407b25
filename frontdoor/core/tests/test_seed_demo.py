"""The demo data set builds from nothing, for every app, and a second run with --if-empty leaves it alone.

The full demo is seeded once for this module (once per test worker that runs its tests) and rolled back;
each test runs inside it in its own savepoint.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from frontdoor.accounts.models import Role, User
from frontdoor.mash.models import InformationRequest
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral

DEMO_PEOPLE = 120
# One worker runs the whole module, so the demo is seeded once (make test uses --dist loadgroup).
pytestmark = pytest.mark.xdist_group("seed_demo")


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """`seed_demo --people 120` once, for every test here; what it printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        # Tests run with DEBUG off.
        call_command("seed_demo", people=DEMO_PEOPLE, allow_production_demo=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.mark.slow
def test_seed_demo_makes_users_for_every_role_and_families(demo_output, db):
    assert "Demo data ready." in demo_output
    assert {u.role for u in User.objects.all()} == set(Role.values)
    assert Person.objects.count() >= DEMO_PEOPLE
    count = Person.objects.count()
    call_command("seed_demo", people=DEMO_PEOPLE, if_empty=True, allow_production_demo=True, stdout=StringIO())
    assert Person.objects.count() == count


@pytest.mark.slow
def test_seed_demo_makes_referrals_and_mash_requests(demo_output, db):
    """The demo data set gives every role something to look at."""
    states = set(Referral.objects.values_list("state", flat=True))
    assert {"draft", "awaiting_authorisation", "returned", "with_team", "allocated"} <= states
    assert InformationRequest.objects.filter(agency__code="norfolk-police", state="sent").exists()
    # Some contacts are about two children, each with their own referral (decision 20).
    pairs = Referral.objects.values("contact").annotate(n=Count("id")).filter(n=2)
    assert pairs.count() >= 2


def test_demo_logins_lists_every_role(db):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    for role in Role:
        assert role.label in out.getvalue()


@pytest.mark.slow
def test_seed_demo_makes_as_many_contacts_as_asked(reference_data, settings):
    """`--contacts` sets how many recorded calls a large demo has (by default one per eight people)."""
    from frontdoor.contacts.models import Contact

    settings.DEBUG = True  # seed_demo's development setting, whatever its production flag is called
    out = StringIO()
    call_command("seed_demo", people=40, contacts=30, stdout=out)
    assert Contact.objects.filter(status=Contact.Status.RECORDED).count() >= 30
    assert "30 recorded contacts" in out.getvalue()
