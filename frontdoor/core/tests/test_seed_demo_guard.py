"""seed_demo never runs against a live database by mistake (its own module: the demo tests share a seed)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from frontdoor.accounts.models import User


def test_seed_demo_refuses_without_debug(db, settings):
    """A live database never gets demo users with a published password (an administrator among them)."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--demo-server"):
        call_command("seed_demo", people=5, stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()
