"""Every look at a child's data leaves an audit row: who, "view", which record; a refused page leaves no view."""

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.letters.disagreements import services as disagreement_services
from frontdoor.letters.dispatch import services as dispatch_services
from frontdoor.letters.tests.factories import recorded_contact
from frontdoor.letters.writing import services as letter_services
from frontdoor.mash.tests.factories import enquiry_make, request_make
from frontdoor.people.models import PossibleDuplicate
from frontdoor.people.tests.factories import make_person
from frontdoor.referrals.tests.factories import contact_make, referral_make

pytestmark = pytest.mark.django_db


def views_of(obj):
    return AuditEvent.objects.filter(action="view", object_type=obj._meta.label_lower, object_id=str(obj.pk))


def assert_one_view(obj, user):
    rows = list(views_of(obj))
    assert len(rows) == 1, rows
    assert rows[0].actor == user and rows[0].actor_username == user.username and rows[0].actor_role == user.role


def test_referral_page_records_the_view(users, client_for):
    referral = referral_make(worker=users["csw"])
    assert client_for(users["manager"]).get(reverse("referrals:detail", args=[referral.pk])).status_code == 200
    assert_one_view(referral, users["manager"])


def test_refused_referral_page_records_no_view(users, client_for):
    referral = referral_make(worker=users["csw"])
    assert client_for(users["csa"]).get(reverse("referrals:detail", args=[referral.pk])).status_code in (403, 404)
    assert not views_of(referral).exists()


def test_decision_page_records_the_view_of_the_contact(users, client_for):
    contact = contact_make(worker=users["csw"])
    assert client_for(users["csw"]).get(reverse("referrals:decision", args=[contact.pk])).status_code == 200
    assert_one_view(contact, users["csw"])
    assert client_for(users["mash_partner"]).get(reverse("referrals:decision", args=[contact.pk])).status_code == 403
    assert views_of(contact).count() == 1


def test_mash_enquiry_page_records_the_view(users, client_for):
    enquiry = enquiry_make(actor=users["csw"])
    assert client_for(users["csw"]).get(reverse("mash:detail", args=[enquiry.pk])).status_code == 200
    assert_one_view(enquiry, users["csw"])
    assert client_for(users["mash_partner"]).get(reverse("mash:detail", args=[enquiry.pk])).status_code == 403
    assert views_of(enquiry).count() == 1


def test_mash_request_page_records_the_view_and_not_another_agencys(users, client_for):
    police = request_make(actor=users["csw"])
    health = request_make(actor=users["csw"], enquiry=police.enquiry, agency_code="health-mash")
    partner = client_for(users["mash_partner"])
    assert partner.get(reverse("mash:request", args=[police.pk])).status_code == 200
    assert_one_view(police, users["mash_partner"])
    assert partner.get(reverse("mash:request", args=[health.pk])).status_code == 404
    assert not views_of(health).exists()


@pytest.fixture
def approved(users):
    contact = recorded_contact(worker=users["csw"])
    letter = letter_services.letter_draft(actor=users["csw"], contact=contact)
    return letter_services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)


def test_letter_page_and_pdf_record_each_look(users, client_for, approved):
    client = client_for(users["csw"])
    assert client.get(reverse("letters:letter", args=[approved.pk])).status_code == 200
    assert client.get(reverse("letters:pdf", args=[approved.pk])).status_code == 200
    rows = list(views_of(approved).order_by("sequence"))
    assert [r.changes for r in rows] == [{"as": "page"}, {"as": "pdf"}]
    assert {r.actor for r in rows} == {users["csw"]}


def test_refused_letter_records_no_view(users, client_for, approved):
    for role in ("csa", "mash_partner"):
        assert client_for(users[role]).get(reverse("letters:pdf", args=[approved.pk])).status_code in (403, 404)
    assert not views_of(approved).exists()


def test_sent_letter_pdf_records_the_view(users, client_for, approved):
    sent = dispatch_services.letter_mark_posted(
        actor=users["csw"], letter=approved, address="1 Road, Norwich", idempotency_key="p"
    )
    assert client_for(users["csw"]).get(reverse("letters:sent_pdf", args=[sent.pk])).status_code == 200
    assert_one_view(sent, users["csw"])
    assert client_for(users["csa"]).get(reverse("letters:sent_pdf", args=[sent.pk])).status_code in (403, 404)
    assert views_of(sent).count() == 1


def test_a_contacts_letters_page_and_a_disagreement_record_the_view(users, client_for, approved):
    contact = approved.contact
    disagreement = disagreement_services.disagreement_create(
        actor=users["csw"],
        contact=contact,
        raised_by="caller",
        raised_by_name="Ruth Teacher, school",
        raised_on=timezone.localdate(),
        decision="No referral",
        reason="Worried",
    )
    client = client_for(users["csw"])
    assert client.get(reverse("letters:contact", args=[contact.pk])).status_code == 200
    assert client.get(reverse("letters:disagreement", args=[disagreement.pk])).status_code == 200
    assert_one_view(contact, users["csw"])
    assert_one_view(disagreement, users["csw"])
    for role in ("csa", "mash_partner"):
        client_for(users[role]).get(reverse("letters:contact", args=[contact.pk]))
        client_for(users[role]).get(reverse("letters:disagreement", args=[disagreement.pk]))
    assert views_of(contact).count() == 1 and views_of(disagreement).count() == 1


def test_comparing_possible_duplicates_records_a_view_of_each_person(users, client_for):
    a = make_person("Jess", "Smith")
    b = make_person("Jessica", "Smith")
    pair = PossibleDuplicate.objects.create(person_a=a, person_b=b, score=90.0)
    url = reverse("people:duplicate", args=[pair.pk])
    assert client_for(users["manager"]).get(url).status_code == 200
    assert_one_view(a, users["manager"])
    assert_one_view(b, users["manager"])
    assert client_for(users["csw"]).get(url).status_code in (403, 404)
    assert views_of(a).count() == 1 and views_of(b).count() == 1
