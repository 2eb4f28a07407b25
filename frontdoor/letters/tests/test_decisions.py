"""The letter says what was decided (issue 11): each child's authorised disposal, or that it is awaited and a
second letter follows, and what the referral says the referrer is told; approval is refused while the letter
states an outcome the record contradicts, and the section can be written again from the record."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import ContactPerson
from frontdoor.directory.models import Team
from frontdoor.letters.content import facts_for_contact
from frontdoor.letters.writing import services
from frontdoor.people.models import Person
from frontdoor.referrals.builders import build_referral
from frontdoor.referrals.models import ContactDecision, Referral
from frontdoor.referrals.services import referral_authorise

from .conftest import pdf_text

pytestmark = pytest.mark.django_db
TOLD = "A social worker from FAST will start a single assessment and will call you this week."
_numbers = itertools.count(1)
PER_CHILD = not Referral._meta.get_field("contact").one_to_one  # one referral per child (issue 11, part 1)


@pytest.fixture(autouse=True)
def plain_staff_names(users):
    for n, user in enumerate(users.values(), start=1):
        user.first_name, user.last_name = "Worker", f"Number{n}"
        user.save(update_fields=["first_name", "last_name"])


def _child(contact, given: str) -> ContactPerson:
    return contact.people.get(role=ContactPerson.Role.CHILD, given_name=given)


def _referral(contact, child: ContactPerson, *, worker, state="authorised", disposal=3, told=TOLD) -> Referral:
    """A referral for one child on the contact, straight in the database (as the per-child model holds it)."""
    decision = ContactDecision(
        contact=contact, level=3, outcome="referral", reasons="Needs assessing", decided_by=worker,
        decided_at=timezone.now(), created_by=worker, modified_by=worker,
    )  # fmt: skip
    if any(f.name == "child" for f in ContactDecision._meta.get_fields()):
        decision.child = child
    decision.save()
    return Referral.objects.create(
        reference=f"R-L{next(_numbers):05d}", contact=contact, decision=decision, child=child.person,
        child_name=str(child), worker=worker, level=3, state=state, disposal=disposal,
        tell_professional_referrer=told, created_by=worker, modified_by=worker,
        receiving_team=Team.objects.get(code="fast-norwich") if disposal != 1 else None,
    )  # fmt: skip


def test_one_child_authorised_the_letter_gives_the_disposal_and_what_the_referrer_is_told(users, contact):
    """The manager authorised disposal 3 for Ava: the letter says so, in the record's spelling of her name."""
    ava = _child(contact, "Ava")
    ava.person = Person.objects.create(
        person_id="L0000001", given_name="Ava-Mae", family_name="Hollis", date_of_birth=dt.date(2017, 4, 12)
    )
    ava.save()
    _referral(contact, ava, worker=users["csw"], state="with_team", disposal=3)
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    assert "Ava-Mae Hollis: the manager decided “Child in need, high need: single assessment”." in letter.agreed
    assert f"What we can tell you: {TOLD}" in letter.agreed
    assert "progressing" not in letter.agreed
    assert "Ava-Mae Hollis, born" in letter.children and "Ava Hollis" not in letter.children
    approved = services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)
    text = " ".join(pdf_text(services.letter_pdf(approved)).split())
    assert "Child in need, high need" in text and "will call you this week" in text


def test_a_decision_not_yet_authorised_is_awaited_and_a_second_letter_follows(users, contact):
    _referral(contact, _child(contact, "Ava"), worker=users["csw"], state="awaiting_authorisation", disposal=4)
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    assert "Ava Hollis: the manager's decision is awaited. We will write to you again" in letter.agreed
    assert "Suspected significant harm" not in letter.agreed and TOLD not in letter.agreed
    services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)


@pytest.mark.skipif(not PER_CHILD, reason="one referral per contact until referrals are per child (issue 11, 1)")
def test_two_children_one_authorised_one_awaited(users, contact):
    _referral(contact, _child(contact, "Ava"), worker=users["csw"], disposal=3)
    _referral(contact, _child(contact, "Leo"), worker=users["csw"], state="awaiting_authorisation", disposal=2)
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    assert "Ava Hollis: the manager decided “Child in need, high need" in letter.agreed
    assert "Leo Hollis: the manager's decision is awaited. We will write to you again" in letter.agreed
    assert f"What we can tell you about Ava Hollis: {TOLD}" in letter.agreed
    approved = services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)
    text = pdf_text(services.letter_pdf(approved))
    assert "Leo Hollis: the manager's decision is awaited" in " ".join(text.split())


def test_approval_is_refused_while_the_letter_contradicts_the_record_then_redrafted_and_approved(
    users, contact, client_for
):
    """Drafted while the referral awaited a manager; authorised since: the letter's 'awaited' is refused with
    a GOV.UK error, and 'Write What we agreed again' brings the authorised disposal in, keeping other edits."""
    referral = build_referral(
        worker=users["csw"], contact=contact, level=4, reasons="Bruising", disposal=3,
        disposal_reasons="Needs assessment", receiving_team=Team.objects.get(code="fast-norwich"),
        tell_professional_referrer=TOLD,
    )  # fmt: skip
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    assert "awaited" in letter.agreed
    referral_authorise(actor=users["manager"], referral=referral, version=referral.version)

    with pytest.raises(services.LetterInvalid) as refused:
        services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)
    assert "says the decision is awaited" in refused.value.errors["agreed"]

    client = client_for(users["csw"])
    page = client.get(f"/letters/{letter.pk}/").content.decode()
    assert "This letter no longer matches the record" in page and "says the decision is awaited" in page
    form = {"version": letter.version, **letter.sections(), "recipient_name": letter.recipient_name}
    response = client.post(f"/letters/{letter.pk}/approve/", {"version": letter.version})
    body = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in body and "says the decision is awaited" in body
    assert 'value="agreed"' in body  # the way to write the section again

    response = client.post(f"/letters/{letter.pk}/edit/", {**form, "closing": "Kind regards", "redraft": "agreed"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert "the manager decided “Child in need, high need" in letter.agreed
    assert f"What we can tell you: {TOLD}" in letter.agreed
    assert letter.closing == "Kind regards"  # the worker's other wording is kept
    assert AuditEvent.objects.filter(summary__startswith="Wrote 'What we agreed' again").exists()

    approved = services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)
    assert approved.status == approved.Status.APPROVED
    assert "no longer matches the record" not in client.get(f"/letters/{letter.pk}/").content.decode()


def test_a_letter_stating_another_disposal_is_refused(users, contact):
    _referral(contact, _child(contact, "Ava"), worker=users["csw"], disposal=1, told="")
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    letter = services.letter_update(
        actor=users["csw"], letter=letter, version=letter.version,
        data={"agreed": "Ava Hollis: Suspected significant harm. A strategy discussion will be held."},
    )  # fmt: skip
    with pytest.raises(services.LetterInvalid) as refused:
        services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)
    assert "Not a child in need" in refused.value.errors["agreed"]


def test_a_public_caller_is_told_what_the_referral_says_for_them_not_the_disposal(users, public_contact):
    referral = _referral(public_contact, _child(public_contact, "Ava"), worker=users["csw"], disposal=4)
    referral.tell_public_referrer = "Thank you: we are making sure the family gets the right help."
    referral.save()
    facts = facts_for_contact(public_contact)
    assert facts.decisions[0].tell_referrer == referral.tell_public_referrer
    letter = services.letter_draft(actor=users["csw"], contact=public_contact)
    assert "we are making sure the family gets the right help" in letter.agreed
    assert "Suspected significant harm" not in letter.agreed and "Section 47" not in letter.agreed
    services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)


def test_an_unknown_section_cannot_be_written_again(users, contact, client_for):
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    form = {"version": letter.version, **letter.sections(), "recipient_name": letter.recipient_name}
    response = client_for(users["csw"]).post(f"/letters/{letter.pk}/edit/", {**form, "redraft": "greeting"})
    assert response.status_code == 404
