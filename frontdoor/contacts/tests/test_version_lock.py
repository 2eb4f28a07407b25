"""Every page of the call flow refuses a stale, missing or forged version the same way (core.locking):
nothing is saved, the page says who changed the call and when, keeps what was typed, and carries the
current version, so saving again from that page goes through."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.contacts import services
from frontdoor.contacts.models import Contact

from . import factories
from .test_views import WORRIES, caller_data, child_data

pytestmark = pytest.mark.django_db

TYPED = "Typed in the second tab 4721"


def _soon() -> dict:
    due = timezone.localdate() + dt.timedelta(days=3)
    return {"due_date_0": due.day, "due_date_1": due.month, "due_date_2": due.year}


# (url name, extra url kwargs from the draft, the form as typed (without version), whether TYPED shows on the page)
PAGES = {
    "caller": (lambda c: {}, lambda c: caller_data(c, reason_for_call=TYPED), True),
    "worries": (lambda c: {}, lambda c: {**WORRIES, "worried_about": TYPED}, True),
    "records": (lambda c: {}, lambda c: {"records_check_notes": TYPED}, True),
    "consent": (lambda c: {}, lambda c: {"consent": "obtained", "consent_notes": TYPED}, True),
    "relationship": (
        lambda c: {},
        lambda c: {"named_problem": "Named", "caller_relationship": TYPED, "caller_hoped_outcome": "Advice"},
        True,
    ),
    "outcome": (lambda c: {}, lambda c: {"agreed_outcome": "advice", "outcome_notes": TYPED}, True),
    "family": (lambda c: {}, lambda c: {}, False),
    "add_child": (lambda c: {}, lambda c: child_data(c, given_name=TYPED), True),
    "change_person": (
        lambda c: {"person_pk": c.people.get().pk},
        lambda c: child_data(c, given_name=TYPED),
        True,
    ),
    "remove_person": (lambda c: {"person_pk": c.people.get().pk}, lambda c: {}, False),
    "actions": (lambda c: {}, lambda c: {}, False),
    "action_add": (lambda c: {}, lambda c: {"what": TYPED, "owner": "The caller", **_soon()}, True),
    "action_remove": (lambda c: {"action_pk": c.actions.get().pk}, lambda c: {}, False),
    "check": (lambda c: {}, lambda c: {"named_problem": TYPED}, True),
}


@pytest.fixture
def csw_client(users, client_for):
    return client_for(users["csw"])


@pytest.fixture
def changed_draft(users):
    """A draft ready to record, then saved once in another tab: version 2, so version 1 is stale."""
    contact = factories.complete_draft(worker=users["csw"])
    return services.contact_step_save(
        actor=users["csw"], contact=contact, version=1, step="records", values={"records_check_notes": "Other tab"}
    )


def _post(client, contact, name, version):
    kwargs_for, data_for, _shows = PAGES[name]
    data = {k: v for k, v in data_for(contact).items() if k != "version"}
    if version is not None:
        data["version"] = version
    url = reverse(f"contacts:{name}", kwargs={"pk": contact.pk, **kwargs_for(contact)})
    return client.post(url, data)


def _unchanged(contact) -> bool:
    fresh = Contact.objects.get(pk=contact.pk)
    return (
        fresh.version == 2
        and fresh.is_draft
        and fresh.people.count() == 1
        and fresh.actions.count() == 1
        and TYPED not in str([fresh.reason_for_call, fresh.worried_about, fresh.records_check_notes])
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_an_old_version_is_refused_with_the_typed_text_kept_then_saving_again_works(csw_client, changed_draft, name):
    """Refused: nothing saved, the message names the change, what was typed is kept, with the current
    version in the form; posting that form again (the current version) then saves."""
    response = _post(csw_client, changed_draft, name, version=1)
    page = response.content.decode()
    assert response.status_code == 200, name
    assert "This call was changed by" in page and "after you opened this page" in page
    assert 'name="version" value="2"' in page
    if PAGES[name][2]:
        assert TYPED in page
    assert _unchanged(changed_draft)

    again = _post(csw_client, changed_draft, name, version=2)
    assert again.status_code == 302, again.content.decode()[:2000]
    assert Contact.objects.get(pk=changed_draft.pk).version == 3


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("version", [None, "abc", "", "-1"])
def test_a_missing_or_forged_version_is_refused_as_stale(csw_client, changed_draft, name, version):
    response = _post(csw_client, changed_draft, name, version=version)
    page = response.content.decode()
    assert response.status_code == 200, name
    assert "This call was changed by" in page and 'name="version" value="2"' in page
    assert _unchanged(changed_draft)


def test_services_need_the_version(users):
    """No service of the call flow edits without a version: leaving it out is a programming error."""
    contact = factories.draft(worker=users["csw"])
    with pytest.raises(TypeError):
        services.contact_step_save(actor=users["csw"], contact=contact, step="records", values={})  # type: ignore[call-arg]
