"""Role x view matrix: who may open each page of the contacts app (see docs/decisions/0003)."""

import pytest
from django.urls import reverse

from frontdoor.contacts import permissions
from frontdoor.contacts.models import Contact

from . import factories

pytestmark = pytest.mark.django_db

ROLES = ["csw", "csw2", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"]

# For a draft owned by "csw" and a recorded contact by "csw". 404 means "not yours", 403 "not your role".
RECORDERS = {"csw": 200, "csw2": 200, "manager": 200}
STEP_PAGES = [
    "caller",
    "family",
    "add_child",
    "add_person",
    "worries",
    "records",
    "consent",
    "relationship",
    "outcome",
    "actions",
    "check",
]
MATRIX = {
    "mine": RECORDERS,
    "drafts": RECORDERS,
    "start": RECORDERS,
    "team": {"manager": 200},
    # A receiving practitioner may open contact pages, but only those behind a referral routed to their team
    # (test_received.py): any other is 404, like one that does not exist.
    "detail_recorded": {**RECORDERS, "receiving": 404},
    "detail_draft": {"csw": 200, "csw2": 404, "manager": 200, "receiving": 404},
    "recorded": {"csw": 200, "csw2": 404, "manager": 404},
    "relink_recorded": {"manager": 200},  # a manager corrects a recorded contact's linked record
    "relink_draft": {"csw2": 404},  # 403 for its worker and manager: on a draft the worker changes the person
    **{f"step_{s}": {"csw": 200, "csw2": 404, "manager": 404} for s in STEP_PAGES},
}


@pytest.fixture
def contacts(users):
    draft = factories.draft(worker=users["csw"])
    recorded = factories.complete_draft(worker=users["csw"])
    Contact.objects.filter(pk=recorded.pk).update(status="recorded")
    recorded.refresh_from_db()
    return draft, recorded


def page_url(name, draft, recorded):
    if name in ("mine", "drafts", "start", "team"):
        return reverse(f"contacts:{name}")
    if name == "detail_recorded":
        return reverse("contacts:detail", kwargs={"pk": recorded.pk})
    if name == "detail_draft":
        return reverse("contacts:detail", kwargs={"pk": draft.pk})
    if name == "recorded":
        return reverse("contacts:recorded", kwargs={"pk": recorded.pk})
    if name.startswith("relink_"):
        contact = recorded if name == "relink_recorded" else draft
        cp = contact.people.first() or contact.people.create(role="child", given_name="Amy", family_name="Test")
        return reverse("contacts:relink_person", kwargs={"pk": contact.pk, "person_pk": cp.pk})
    return reverse(f"contacts:{name.removeprefix('step_')}", kwargs={"pk": draft.pk})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MATRIX))
def test_role_view_matrix(users, client_for, contacts, name, role):
    """Each role gets exactly the pages the permission module allows; others 403, other people's work 404."""
    draft, recorded = contacts
    response = client_for(users[role]).get(page_url(name, draft, recorded))
    assert response.status_code == MATRIX[name].get(role, 403), (name, role)


@pytest.mark.parametrize("role", ROLES)
def test_anonymous_and_post_matrix(users, client_for, contacts, role):
    """Posting to the call flow is refused the same way as opening it."""
    draft, _ = contacts
    response = client_for(users[role]).post(reverse("contacts:worries", kwargs={"pk": draft.pk}), {"version": 1})
    assert response.status_code == {"csw": 200, "csw2": 404, "manager": 404}.get(role, 403)


def test_signed_out_users_are_sent_to_sign_in(client, contacts):
    draft, _ = contacts
    response = client.get(reverse("contacts:caller", kwargs={"pk": draft.pk}))
    assert response.status_code == 302 and "/accounts/sign-in/" in response.url


@pytest.mark.parametrize("role", ROLES)
def test_predicates_match_the_queryset_filter(users, contacts, role):
    """can_view_contact and visible_contacts agree for every role."""
    user = users[role]
    visible = set(permissions.visible_contacts(user, Contact.objects.all()).values_list("pk", flat=True))
    for contact in contacts:
        assert (contact.pk in visible) == permissions.can_view_contact(user, contact), role


def test_manager_sees_team_drafts_but_not_other_teams(users, reference_data):
    from frontdoor.accounts.tests.factories import user_for_role
    from frontdoor.directory.models import Team

    other_team = Team.objects.exclude(pk=users["csw"].team_id).first()
    outsider = user_for_role("manager")
    outsider.team = other_team
    outsider.save()
    draft = factories.draft(worker=users["csw"])
    assert permissions.can_view_contact(users["manager"], draft)
    assert not permissions.can_view_contact(outsider, draft)
    assert not permissions.can_edit_draft(users["manager"], draft)
