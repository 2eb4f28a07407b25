"""Every letters view for every role: the contact's worker and the team's managers only; 404 for others."""

import pytest
from django.utils import timezone

from frontdoor.letters import permissions
from frontdoor.letters.disagreements import services as disagreement_services
from frontdoor.letters.dispatch import services as dispatch_services
from frontdoor.letters.models import SurveyInvitation
from frontdoor.letters.survey.tokens import make_token
from frontdoor.letters.writing import services

pytestmark = pytest.mark.django_db

ROLES = ["csw", "csw2", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"]
WORKER_AND_MANAGER = {"csw", "manager"}


@pytest.fixture
def world(users, contact, monkeypatch):
    monkeypatch.setattr(services, "letter_pdf", lambda letter, **kw: b"%PDF-1.7 stub")
    monkeypatch.setattr(dispatch_services, "letter_pdf", lambda letter, **kw: b"%PDF-1.7 stub")
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    letter = services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)
    sent = dispatch_services.letter_mark_posted(
        actor=users["csw"], letter=letter, address="1 Road", idempotency_key="p"
    )
    disagreement = disagreement_services.disagreement_create(
        actor=users["csw"],
        contact=contact,
        raised_by="caller",
        raised_by_name="Ruth Teacher, school",
        raised_on=timezone.localdate(),
        decision="No referral",
        reason="Worried",
    )
    invitation = SurveyInvitation.objects.create(contact=contact)
    return {
        "c": contact.pk,
        "l": letter.pk,
        "s": sent.pk,
        "d": disagreement.pk,
        "t": make_token(invitation_id=invitation.pk, contact_id=contact.pk),
    }


# (method, url template, roles allowed, status when allowed, status when refused)
VIEWS = [
    ("get", "/letters/", WORKER_AND_MANAGER | {"csw2"}, 200, 403),
    ("get", "/letters/team/", {"manager"}, 200, 403),
    ("get", "/letters/surveys/", {"manager", "analyst"}, 200, 403),
    ("get", "/letters/contact/{c}/", WORKER_AND_MANAGER, 200, 404),
    ("post", "/letters/contact/{c}/draft/", WORKER_AND_MANAGER, 302, 404),
    ("get", "/letters/contact/{c}/disagreements/new/", WORKER_AND_MANAGER, 200, 404),
    ("get", "/letters/{l}/", WORKER_AND_MANAGER, 200, 404),
    ("get", "/letters/{l}/edit/", WORKER_AND_MANAGER, 200, 404),
    ("post", "/letters/{l}/approve/", WORKER_AND_MANAGER, 200, 404),  # no version: refused as stale
    ("get", "/letters/{l}/pdf/", WORKER_AND_MANAGER, 200, 404),
    ("get", "/letters/{l}/send/", WORKER_AND_MANAGER, 200, 404),
    ("get", "/letters/{l}/post/", WORKER_AND_MANAGER, 200, 404),
    ("get", "/letters/sent/{s}/pdf/", WORKER_AND_MANAGER, 200, 404),
    ("get", "/letters/disagreements/{d}/", WORKER_AND_MANAGER, 200, 404),
    ("get", "/letters/survey/{t}/", set(ROLES), 200, 200),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "url", "allowed", "ok", "refused"), VIEWS)
def test_view_matrix(client_for, users, world, role, method, url, allowed, ok, refused):
    response = getattr(client_for(users[role]), method)(url.format(**world))
    assert response.status_code == (ok if role in allowed else refused)


@pytest.mark.parametrize(("method", "url", "allowed", "ok", "refused"), VIEWS)
def test_signed_out_users_go_to_sign_in_except_the_survey(client, world, method, url, allowed, ok, refused):
    response = getattr(client, method)(url.format(**world))
    if url.startswith("/letters/survey/{t}"):
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and "/accounts/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_predicates(users, contact, role):
    user = users[role]
    assert permissions.can_view_letters(user, contact) is (role in WORKER_AND_MANAGER)
    assert permissions.can_write_letter(user, contact) is (role in WORKER_AND_MANAGER)
    assert permissions.can_view_survey_results(user) is (role in {"manager", "analyst"})
    assert permissions.can_use_letter_queue(user) is (role in {"csw", "csw2", "manager"})


def test_a_draft_contact_has_no_letter_to_write(users, contact):
    contact.status = "draft"
    contact.save()
    assert permissions.can_view_letters(users["csw"], contact)
    assert not permissions.can_write_letter(users["csw"], contact)


def test_a_manager_of_another_team_cannot_see_the_letters(users, contact):
    from frontdoor.accounts.tests.factories import user_for_role
    from frontdoor.directory.models import Team

    other = user_for_role("manager")
    other.team = Team.objects.exclude(pk=users["csw"].team_id).first()
    other.save()
    assert not permissions.can_view_letters(other, contact)
