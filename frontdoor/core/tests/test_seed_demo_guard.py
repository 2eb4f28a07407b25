"""seed_demo never runs against a live database by mistake (its own module: the demo tests share a seed)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from frontdoor.accounts.models import User


def test_seed_demo_refuses_without_debug(db, settings):
    """A live database never gets demo users with a published password (an administrator among them)."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production-demo"):
        call_command("seed_demo", people=5, stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()


def test_seed_demo_runs_on_a_demonstration_server_when_told(db, settings):
    """--allow-production-demo is the one way past the guard (a demonstration server, never a live one)."""
    from frontdoor.people.tests.factories import make_person

    settings.DEBUG = False
    make_person()  # --if-empty then stops just past the guard, without seeding
    out = StringIO()
    call_command("seed_demo", people=5, if_empty=True, allow_production_demo=True, stdout=out)
    assert "Demo data already present" in out.getvalue()
