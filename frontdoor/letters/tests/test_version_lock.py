"""The letter's edit and approve pages and the disagreement page refuse a stale, missing or forged version
the same way (core.locking): nothing saved, the message names who changed it, what was typed is kept with
the current version, and saving again from that page goes through."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.html import escape

from frontdoor.core.locking import StaleEdit
from frontdoor.letters.disagreements import services as disagreement_services
from frontdoor.letters.models import Disagreement, Letter
from frontdoor.letters.writing import services

pytestmark = pytest.mark.django_db

TYPED = "Wording typed in the second tab 5183"


@pytest.fixture
def worker(client_for, users):
    return client_for(users["csw"])


@pytest.fixture
def changed_letter(users, contact):
    """A draft letter then saved once by a manager: version 2, so version 1 is stale."""
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    return services.letter_update(actor=users["manager"], letter=letter, version=1, data={"closing": "From Sam"})


def _letter_form(letter, version, **changes):
    data = {
        "recipient_name": letter.recipient_name,
        "recipient_email": letter.recipient_email,
        "recipient_address": letter.recipient_address,
        **letter.sections(),
        **changes,
    }
    if version is not None:
        data["version"] = version
    return data


def test_letter_edit_old_version_refused_with_wording_kept_then_saved(worker, changed_letter, users):
    url = f"/letters/{changed_letter.pk}/edit/"
    response = worker.post(url, _letter_form(changed_letter, 1, agreed=TYPED))
    page = response.content.decode()
    assert response.status_code == 200
    assert "This letter was changed by" in page and escape(users["manager"].get_full_name()) in page
    assert TYPED in page and 'name="version" value="2"' in page
    assert Letter.objects.get(pk=changed_letter.pk).agreed != TYPED
    assert Letter.objects.get(pk=changed_letter.pk).version == 2

    again = worker.post(url, _letter_form(changed_letter, 2, agreed=TYPED))
    assert again.status_code == 302
    saved = Letter.objects.get(pk=changed_letter.pk)
    assert saved.agreed == TYPED and saved.version == 3


@pytest.mark.parametrize("version", [None, "", "abc", "1.5"])
def test_letter_edit_missing_or_forged_version_refused(worker, changed_letter, version):
    response = worker.post(f"/letters/{changed_letter.pk}/edit/", _letter_form(changed_letter, version, agreed=TYPED))
    page = response.content.decode()
    assert response.status_code == 200 and "This letter was changed by" in page
    assert TYPED in page and 'name="version" value="2"' in page
    assert Letter.objects.get(pk=changed_letter.pk).version == 2


def test_save_and_approve_from_an_old_version_approves_nothing(worker, changed_letter):
    data = _letter_form(changed_letter, 1, agreed=TYPED, approve="1")
    response = worker.post(f"/letters/{changed_letter.pk}/edit/", data)
    assert response.status_code == 200 and "This letter was changed by" in response.content.decode()
    assert Letter.objects.get(pk=changed_letter.pk).status == Letter.Status.DRAFT


@pytest.mark.parametrize("version", ["1", None, "", "abc"])
def test_approving_an_old_missing_or_forged_version_is_refused_then_approving_the_current_works(
    worker, changed_letter, version
):
    """The approve button carries the version the worker read: refused, the edit page shows the letter as it
    now stands with the current version, and approving from there goes through."""
    url = f"/letters/{changed_letter.pk}/approve/"
    response = worker.post(url, {} if version is None else {"version": version})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This letter was changed by" in page and 'name="version" value="2"' in page and "From Sam" in page
    assert "so nothing has been done" in page and "What you typed" not in page
    assert Letter.objects.get(pk=changed_letter.pk).status == Letter.Status.DRAFT

    again = worker.post(f"/letters/{changed_letter.pk}/edit/", _letter_form(changed_letter, 2, approve="1"))
    assert again.status_code == 302
    assert Letter.objects.get(pk=changed_letter.pk).status == Letter.Status.APPROVED


def test_letter_services_refuse_an_old_version(users, changed_letter):
    with pytest.raises(StaleEdit) as exc:
        services.letter_approve(actor=users["csw"], letter=changed_letter, version=1)
    assert exc.value.current_version == 2 and exc.value.noun == "letter"


@pytest.fixture
def changed_disagreement(users, contact):
    """A disagreement with its first step recorded (version 2), so version 1 is stale."""
    row = disagreement_services.disagreement_create(
        actor=users["csw"],
        contact=contact,
        raised_by="caller",
        raised_by_name="Ruth Teacher, DSL",
        raised_on=timezone.localdate() - dt.timedelta(days=3),
        decision="Advice only",
        reason="She thinks a referral is needed",
    )
    disagreement_services.disagreement_step_add(
        actor=users["manager"],
        disagreement=row,
        version=row.version,
        step="line_manager",
        held_on=timezone.localdate() - dt.timedelta(days=2),
        people="Team manager",
        outcome="Reviewed",
        resolved=False,
    )
    row.refresh_from_db()
    return row


def _step_form(version):
    today = timezone.localdate()
    data = {
        "step": "record_review",
        "held_on_0": today.day,
        "held_on_1": today.month,
        "held_on_2": today.year,
        "people": TYPED,
        "outcome": "Talked it through",
    }
    if version is not None:
        data["version"] = version
    return data


def test_disagreement_step_old_version_refused_with_text_kept_then_saved(worker, changed_disagreement):
    url = f"/letters/disagreements/{changed_disagreement.pk}/"
    response = worker.post(url, _step_form(1))
    page = response.content.decode()
    assert response.status_code == 200
    assert "This disagreement was changed by" in page and TYPED in page and 'name="version" value="2"' in page
    assert changed_disagreement.steps.count() == 1

    again = worker.post(url, _step_form(2))
    assert again.status_code == 302
    row = Disagreement.objects.get(pk=changed_disagreement.pk)
    assert row.steps.count() == 2 and row.version == 3


@pytest.mark.parametrize("version", [None, "", "abc"])
def test_disagreement_step_missing_or_forged_version_refused(worker, changed_disagreement, version):
    response = worker.post(f"/letters/disagreements/{changed_disagreement.pk}/", _step_form(version))
    page = response.content.decode()
    assert response.status_code == 200 and "This disagreement was changed by" in page and TYPED in page
    assert changed_disagreement.steps.count() == 1
