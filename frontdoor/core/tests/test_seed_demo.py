"""The demo data set builds from nothing, for every app, and a second run with --if-empty leaves it alone."""

from io import StringIO

from django.core.management import call_command

from frontdoor.accounts.models import Role, User
from frontdoor.people.models import Person


def test_seed_demo_makes_users_for_every_role_and_families(reference_data):
    out = StringIO()
    call_command("seed_demo", people=60, stdout=out)
    assert "Demo data ready." in out.getvalue()
    assert {u.role for u in User.objects.all()} == set(Role.values)
    assert Person.objects.count() >= 60
    count = Person.objects.count()
    call_command("seed_demo", people=60, if_empty=True, stdout=StringIO())
    assert Person.objects.count() == count


def test_demo_logins_lists_every_role(db):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    for role in Role:
        assert role.label in out.getvalue()
