"""The letter pages as the worker uses them: preview, edit, approve, send, post, disagreements."""

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from frontdoor.letters.models import Disagreement, Letter, LetterDispatch, SentLetter
from frontdoor.letters.writing import services

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(client_for, users):
    return client_for(users["csw"])


def form_data(letter, **changes):
    data = {
        "version": letter.version,
        "recipient_name": letter.recipient_name,
        "recipient_email": letter.recipient_email,
        "recipient_address": letter.recipient_address,
        **letter.sections(),
    }
    data.update(changes)
    return data


def test_draft_preview_and_save(worker, contact):
    response = worker.post(f"/letters/contact/{contact.pk}/draft/")
    letter = Letter.objects.get(contact=contact)
    assert response["Location"] == f"/letters/{letter.pk}/"
    html = worker.get(response["Location"]).content.decode()
    assert "Ava Hollis, born 12 April 2017" in html and "Left out of this letter" in html
    response = worker.post(f"/letters/{letter.pk}/edit/", form_data(letter, agreed="We agreed a referral."))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.agreed == "We agreed a referral." and letter.version == 2


def test_save_and_approve_with_empty_sections_shows_errors_and_keeps_the_draft(worker, contact, users):
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    response = worker.post(f"/letters/{letter.pk}/edit/", form_data(letter, named_problem="", approve="1"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in html and "Enter the text for &#x27;What we are worried about&#x27;" in html
    assert 'href="#id_named_problem"' in html
    letter.refresh_from_db()
    assert letter.status == "draft" and letter.named_problem == ""


def test_stale_edit_keeps_the_users_wording(worker, contact, users):
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    services.letter_update(actor=users["manager"], letter=letter, version=letter.version, data={"agreed": "Manager"})
    response = worker.post(f"/letters/{letter.pk}/edit/", form_data(letter, agreed="My careful wording"))
    html = response.content.decode()
    assert response.status_code == 200 and "This letter was changed by" in html and "My careful wording" in html
    assert Letter.objects.get(pk=letter.pk).agreed == "Manager"


def test_too_long_section_is_refused_with_a_message(worker, contact, users):
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    response = worker.post(f"/letters/{letter.pk}/edit/", form_data(letter, agreed="x" * 4001))
    assert "must be 4000 characters or fewer" in response.content.decode()


def test_invalid_recipient_email_in_the_edit_form(worker, contact, users):
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    response = worker.post(f"/letters/{letter.pk}/edit/", form_data(letter, recipient_email="ruth@", agreed="Kept"))
    html = response.content.decode()
    assert "Enter an email address in the correct format" in html and "Kept" in html
    assert Letter.objects.get(pk=letter.pk).version == 1


def test_pdf_failure_shows_a_message_and_keeps_the_draft(worker, contact, users, settings):
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    settings.FRONTDOOR_LETTER_FONT = "Missing Font"
    response = worker.get(f"/letters/{letter.pk}/pdf/", follow=True)
    assert "could not be made into a PDF" in response.content.decode()
    response = worker.post(f"/letters/{letter.pk}/approve/", {"version": letter.version}, follow=True)
    assert "could not be made into a PDF" in response.content.decode()
    assert Letter.objects.get(pk=letter.pk).status == "draft"


def test_draft_pdf_is_marked_draft_and_tagged(worker, contact, users):
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    response = worker.get(f"/letters/{letter.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert "Draft: not approved" in pdf_text(response.content)
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert reader.metadata.title.startswith("Feedback letter")


def test_send_page_refuses_a_draft(worker, contact, users):
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    response = worker.get(f"/letters/{letter.pk}/send/", follow=True)
    assert "Approve the letter before sending it" in response.content.decode()


def test_send_by_email(worker, approved, django_capture_on_commit_callbacks):
    page = worker.get(f"/letters/{approved.pk}/send/").content.decode()
    assert 'value="ruth.teacher@school.example.org"' in page
    response = worker.post(f"/letters/{approved.pk}/send/", {"email": "bad@", "idempotency_key": "k1"})
    assert "Enter an email address in the correct format" in response.content.decode()
    assert not LetterDispatch.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = worker.post(f"/letters/{approved.pk}/send/", {"email": "ruth@example.org", "idempotency_key": "k2"})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        worker.post(f"/letters/{approved.pk}/send/", {"email": "ruth@example.org", "idempotency_key": "k2"})
    assert len(mail.outbox) == 1 and SentLetter.objects.count() == 1
    html = worker.get(f"/letters/contact/{approved.contact_id}/").content.decode()
    assert "Letters sent" in html and "ruth@example.org" in html


def test_print_for_post(worker, approved):
    page = worker.get(f"/letters/{approved.pk}/post/").content.decode()
    assert "Download the letter as a PDF" in page
    response = worker.post(f"/letters/{approved.pk}/post/", {"address": "", "idempotency_key": "p"})
    assert "Enter the address the letter was posted to" in response.content.decode()
    worker.post(f"/letters/{approved.pk}/post/", {"address": "School office", "idempotency_key": "p"})
    worker.post(f"/letters/{approved.pk}/post/", {"address": "School office", "idempotency_key": "p"})
    sent = SentLetter.objects.get()
    assert sent.method == "post"
    download = worker.get(f"/letters/sent/{sent.pk}/pdf/")
    assert download.content == bytes(sent.pdf)


def test_disagreement_walks_the_escalation_steps(worker, contact):
    today = timezone.localdate()
    response = worker.post(
        f"/letters/contact/{contact.pk}/disagreements/new/",
        {
            "raised_by": "caller",
            "raised_by_name": "Ruth Teacher, DSL",
            "raised_on_0": today.day,
            "raised_on_1": today.month,
            "raised_on_2": today.year,
            "decision": "Advice only",
            "reason": "She thinks a referral is needed",
        },
    )
    row = Disagreement.objects.get()
    url = f"/letters/disagreements/{row.pk}/"
    assert response["Location"] == url

    def step(name, resolved=False):
        row.refresh_from_db()
        data = {
            "version": row.version,
            "step": name,
            "held_on_0": today.day,
            "held_on_1": today.month,
            "held_on_2": today.year,
            "people": "Helen Marsh, team manager",
            "outcome": "Talked it through",
        }
        if resolved:
            data["resolved"] = "on"
        return worker.post(url, data)

    assert "Record &#x27;Talk to the line manager" in step("jags").content.decode()
    assert step("line_manager").status_code == 302
    assert step("record_review", resolved=True).status_code == 302
    row.refresh_from_db()
    assert row.status == "resolved" and row.steps.count() == 2
    html = worker.get(url).content.decode()
    assert "Review of the written record" in html and "Record the next step" not in html
    panel = worker.get(f"/letters/contact/{contact.pk}/").content.decode()
    assert "Ruth Teacher, DSL" in panel and "Resolved" in panel


def test_disagreement_form_errors(worker, contact):
    response = worker.post(f"/letters/contact/{contact.pk}/disagreements/new/", {})
    html = response.content.decode()
    for message in [
        "Select who disagrees with the decision",
        "Enter the decision they disagree with",
        "Enter why they disagree",
    ]:
        assert message in html


def test_contact_panel_partial_for_the_contact_page(users, contact):
    request = RequestFactory().get("/")
    request.user = users["csw"]
    html = Template('{% include "letters/_contact_panel.html" %}').render(
        Context({"contact": contact, "request": request})
    )
    assert "Feedback letter" in html and "Draft the letter" in html
    request.user = users["mash_partner"]
    html = Template('{% include "letters/_contact_panel.html" %}').render(
        Context({"contact": contact, "request": request})
    )
    assert html.strip() == ""
