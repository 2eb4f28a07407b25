"""One version lock: a missing, forged or old version is refused, naming who changed the row and when."""

import datetime as dt

import pytest
import time_machine
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import RequestFactory

from frontdoor.accounts.models import Role
from frontdoor.accounts.tests.factories import user_for_role
from frontdoor.core.locking import StaleEdit, bump_version, lock_for_change, parse_version
from frontdoor.people.models import Person
from frontdoor.ui.forms import submit, version_field


@pytest.mark.parametrize(
    "sent, parsed",
    [(3, 3), ("3", 3), (" 12 ", 12), ("", None), (None, None), ("abc", None), ("3.5", None), ("-1", None)],
)
def test_parse_version(sent, parsed):
    assert parse_version(sent) == parsed


@pytest.fixture
def person(db):
    return Person.objects.create(person_id="L0000001", given_name="Amira", family_name="Shah", sex="F")


def save(row, *, actor, version, **values):
    """A service of the usual shape: lock, change, raise the version, save."""
    with transaction.atomic():
        current = lock_for_change(row, version=version, noun="record")
        for name, value in values.items():
            setattr(current, name, value)
        bump_version(current, actor=actor)
        current.save()
        return current


@pytest.mark.parametrize("sent", [None, "", "abc", 0, 2])
def test_a_missing_forged_or_old_version_is_refused_and_nothing_is_written(person, sent):
    with pytest.raises(StaleEdit) as refused:
        save(person, actor=None, version=sent, given_name="Changed")
    assert refused.value.current_version == 1
    person.refresh_from_db()
    assert person.given_name == "Amira" and person.version == 1


def test_the_refusal_names_who_changed_the_row_and_when(person):
    other = user_for_role(Role.TEAM_MANAGER, first_name="Sam", last_name="Patel")
    with time_machine.travel(dt.datetime(2026, 12, 2, 10, 42, tzinfo=dt.UTC), tick=False):
        save(person, actor=other, version=1, given_name="Amirah")
    with pytest.raises(StaleEdit) as refused:
        save(person, actor=None, version=1, given_name="Mine")
    assert refused.value.current_version == 2
    assert refused.value.changed_by == "Sam Patel"
    assert "This record was changed by Sam Patel at 10:42 on 2 December 2026" in refused.value.message


def test_the_current_version_is_accepted_and_raised(person):
    saved = save(person, actor=None, version="1", given_name="Amirah")
    assert saved.version == 2
    person.refresh_from_db()
    assert (person.given_name, person.version) == ("Amirah", 2)


class NameForm(forms.Form):
    given_name = forms.CharField(max_length=100)
    version = version_field()


def post(data):
    request = RequestFactory().post("/", data)
    return request, NameForm(request.POST)


def test_submit_keeps_the_typed_text_and_rebinds_the_current_version_after_a_stale_save(person):
    save(person, actor=None, version=1, given_name="Someone else's")
    request, form = post({"given_name": "What I typed", "version": "1"})
    saved, form = submit(request, form, lambda data: save(person, actor=None, **data))
    assert saved is None
    assert form["given_name"].value() == "What I typed"
    assert form["version"].value() == "2"
    assert "changed by someone else" in form.non_field_errors()[0]
    request, again = post(form.data)
    saved, _ = submit(request, again, lambda data: save(person, actor=None, **data))
    assert saved.given_name == "What I typed" and saved.version == 3


def test_submit_treats_a_missing_version_as_stale(person):
    request, form = post({"given_name": "No version sent"})
    saved, form = submit(request, form, lambda data: save(person, actor=None, **data))
    assert saved is None and form["version"].value() == "1"
    person.refresh_from_db()
    assert person.given_name == "Amira"


def test_submit_puts_a_service_refusal_next_to_its_field(person):
    def refuse(data):
        raise ValidationError({"given_name": "Enter a name the record can keep"})

    request, form = post({"given_name": "x", "version": "1"})
    saved, form = submit(request, form, refuse)
    assert saved is None and form.errors["given_name"] == ["Enter a name the record can keep"]


def test_a_change_made_in_another_tab_by_the_same_worker_says_so(person):
    """The worker who saved in another tab is told it was them, not shown their own name as 'someone'."""
    worker = user_for_role(Role.CONSULTANT_SOCIAL_WORKER)
    save(person, actor=worker, version=1, given_name="From the other tab")
    request, form = post({"given_name": "From this tab", "version": "1"})
    request.user = worker
    saved, form = submit(request, form, lambda data: save(person, actor=worker, **data))
    assert saved is None
    assert "This record was changed by you, in another tab or window, at" in form.non_field_errors()[0]


def test_a_button_with_nothing_typed_is_told_nothing_was_done(person):
    """Approve, take and remove pages have no text to keep: the refusal says nothing has been done."""
    save(person, actor=None, version=1, given_name="Changed")
    with pytest.raises(StaleEdit) as refused:
        save(person, actor=None, version=1, given_name="Mine")
    assert refused.value.action_message.endswith("so nothing has been done. Check it as it is now and try again.")
    assert "What you typed" not in refused.value.action_message
