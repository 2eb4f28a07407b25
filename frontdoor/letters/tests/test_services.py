"""Drafting, editing, approving and sending letters: content, confidentiality, hashing and idempotency."""

import hashlib

import pytest
from django.core import mail

from frontdoor.audit.models import AuditEvent
from frontdoor.core.locking import StaleEdit
from frontdoor.letters.dispatch import services as dispatch_services
from frontdoor.letters.models import Letter, LetterDispatch, SentLetter
from frontdoor.letters.pdf import LetterPdfError
from frontdoor.letters.writing import services

from .conftest import pdf_text
from .factories import RECORDS_NOTE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def plain_staff_names(users):
    """Staff names come from Faker and could hold a word these tests must not find ("Megan", "Cole")."""
    for n, user in enumerate(users.values(), start=1):
        user.first_name, user.last_name = "Worker", f"Number{n}"
        user.save(update_fields=["first_name", "last_name"])


def test_professional_letter_pdf_says_what_a_professional_is_told(users, approved):
    """The professional gets the children with dates of birth, the problem, the decision and phones, not our records."""
    text = pdf_text(services.letter_pdf(approved))
    for expected in [
        "Ruth Teacher",
        "Ava Hollis, born 12 April 2017",
        "Leo Hollis",
        "hungry on most days",
        "Referral",
        "0344 800 8021",
        "999",
        "Emergency Duty Team",
        "/letters/survey/",
        approved.contact.reference,
    ]:
        assert expected in text, expected
    for absent in ["Darren", "Cole", "Megan", "arrested", "Known to police", "investigation", "Strategy discussion"]:
        assert absent not in text, absent


def test_public_letter_pdf_shares_only_what_the_service_may_share(users, public_contact):
    """A member of the public: children's names only, the general outcome, own actions, nothing restricted."""
    letter = services.letter_draft(actor=users["csw"], contact=public_contact)
    letter = services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)
    text = pdf_text(services.letter_pdf(letter))
    assert "PRIVATE AND CONFIDENTIAL" in text
    assert "Ava Hollis" in text and "Pat Neighbour" in text
    assert "0344 800 8020" in text
    assert "cannot tell you more" in text
    for absent in [
        "2017",  # no dates of birth
        "Megan",  # no other family members
        "Darren",  # never the alleged perpetrator
        "Known to police",  # no records check
        "investigation",
        "Strategy",  # no outcome notes, no other people's actions
        "Referral",
        "Consent was not sought",
    ]:
        assert absent not in text, absent
    assert any("records check" in w for w in letter.withheld)


def test_drafting_twice_returns_the_same_letter(users, contact):
    first = services.letter_draft(actor=users["csw"], contact=contact)
    assert services.letter_draft(actor=users["csw"], contact=contact).pk == first.pk
    assert AuditEvent.objects.filter(object_id=str(first.pk), action="create").count() == 1


def test_stale_edit_is_refused(users, contact):
    """Two people edit at once: the second save, made from the old version, is refused."""
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    services.letter_update(actor=users["csw"], letter=letter, version=letter.version, data={"agreed": "One"})
    with pytest.raises(StaleEdit):
        services.letter_update(actor=users["manager"], letter=letter, version=letter.version, data={"agreed": "Two"})
    assert Letter.objects.get(pk=letter.pk).agreed == "One"


def test_editing_an_approved_letter_returns_it_to_draft(users, approved):
    letter = services.letter_update(
        actor=users["csw"], letter=approved, version=approved.version, data={"agreed": "New"}
    )
    assert letter.status == Letter.Status.DRAFT and letter.approved_at is None


def test_approval_with_empty_required_sections_is_refused_and_the_draft_kept(users, contact):
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    letter = services.letter_update(
        actor=users["csw"], letter=letter, version=letter.version, data={"named_problem": "  ", "agreed": ""}
    )
    with pytest.raises(services.LetterInvalid) as exc:
        services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)
    assert exc.value.errors["named_problem"] == "Enter the text for 'What we are worried about'"
    assert "agreed" in exc.value.errors
    assert Letter.objects.get(pk=letter.pk).status == Letter.Status.DRAFT


def test_approval_refuses_edited_wording_that_breaks_confidentiality(users, public_contact):
    letter = services.letter_draft(actor=users["csw"], contact=public_contact)
    letter = services.letter_update(
        actor=users["csw"],
        letter=letter,
        version=letter.version,
        data={"agreed": "Megan Hollis will be told. " + RECORDS_NOTE},
    )
    with pytest.raises(services.LetterInvalid) as exc:
        services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)
    assert "agreed" in exc.value.errors


def test_pdf_failure_gives_a_clear_message_and_keeps_the_draft(users, contact, settings):
    settings.FRONTDOOR_LETTER_FONT = "No Such Font Family"
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    with pytest.raises(LetterPdfError, match="font 'No Such Font Family' is not installed"):
        services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)
    assert Letter.objects.get(pk=letter.pk).status == Letter.Status.DRAFT


def test_huge_letter_is_refused_as_too_long(users, contact, settings):
    settings.FRONTDOOR_LETTER_MAX_PAGES = 2
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    letter = services.letter_update(
        actor=users["csw"], letter=letter, version=letter.version, data={"agreed": "Words and more words.\n" * 400}
    )
    with pytest.raises(LetterPdfError, match="too long"):
        services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)


def test_sending_stores_an_unchangeable_hashed_record(users, approved, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch_services.letter_send_email(
            actor=users["csw"], letter=approved, email="r@example.org", idempotency_key="k1"
        )
    sent = SentLetter.objects.get()
    assert sent.recipient == "r@example.org" and sent.sent_by == users["csw"]
    assert sent.sha256 == hashlib.sha256(sent.content.encode() + b"\0" + bytes(sent.pdf)).hexdigest()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][1] == bytes(sent.pdf)
    sent.recipient = "other@example.org"
    with pytest.raises(ValueError, match="cannot be changed"):
        sent.save()
    with pytest.raises(ValueError):
        sent.delete()
    assert SentLetter.objects.get().recipient == "r@example.org"


def test_double_send_with_the_same_key_sends_once(users, approved, django_capture_on_commit_callbacks):
    """A double click posts the same idempotency key twice: one dispatch, one email, one record."""
    with django_capture_on_commit_callbacks(execute=True):
        a = dispatch_services.letter_send_email(
            actor=users["csw"], letter=approved, email="r@example.org", idempotency_key="k"
        )
        b = dispatch_services.letter_send_email(
            actor=users["csw"], letter=approved, email="r@example.org", idempotency_key="k"
        )
    assert a.pk == b.pk
    assert len(mail.outbox) == 1 and SentLetter.objects.count() == 1


def test_a_second_send_while_one_waits_is_refused(users, approved):
    dispatch_services.letter_send_email(
        actor=users["csw"], letter=approved, email="r@example.org", idempotency_key="k1"
    )
    with pytest.raises(dispatch_services.LetterBusy):
        dispatch_services.letter_send_email(
            actor=users["csw"], letter=approved, email="r@example.org", idempotency_key="k2"
        )


def test_resending_makes_a_new_record_and_keeps_the_old(users, approved, django_capture_on_commit_callbacks):
    for email, key in [("a@example.org", "k1"), ("b@example.org", "k2")]:
        with django_capture_on_commit_callbacks(execute=True):
            dispatch_services.letter_send_email(actor=users["csw"], letter=approved, email=email, idempotency_key=key)
    assert sorted(SentLetter.objects.values_list("recipient", flat=True)) == ["a@example.org", "b@example.org"]


def test_attempting_a_sent_dispatch_again_never_sends_twice(users, approved, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = dispatch_services.letter_send_email(
            actor=users["csw"], letter=approved, email="a@example.org", idempotency_key="k1"
        )
    assert dispatch_services.dispatch_attempt(dispatch_id=dispatch.pk) == "sent"
    assert len(mail.outbox) == 1


def test_invalid_email_address_is_refused_and_nothing_queued(users, approved):
    with pytest.raises(services.LetterInvalid) as exc:
        dispatch_services.letter_send_email(
            actor=users["csw"], letter=approved, email="not an address", idempotency_key="k"
        )
    assert "correct format" in exc.value.errors["email"]
    assert not LetterDispatch.objects.exists()


def test_a_draft_cannot_be_sent(users, contact):
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    with pytest.raises(services.LetterInvalid):
        dispatch_services.letter_send_email(
            actor=users["csw"], letter=letter, email="a@example.org", idempotency_key="k"
        )


def test_marking_as_posted_is_recorded_once(users, approved):
    one = dispatch_services.letter_mark_posted(
        actor=users["csw"], letter=approved, address="1 Road\nNR1 1AA", idempotency_key="p"
    )
    two = dispatch_services.letter_mark_posted(
        actor=users["csw"], letter=approved, address="1 Road\nNR1 1AA", idempotency_key="p"
    )
    assert one.pk == two.pk and one.method == "post"
    assert pdf_text(one.pdf).count("Ava Hollis") >= 1
