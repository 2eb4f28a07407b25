"""The team that receives a referral reads its contact and MASH enquiry (issue 11, deliverable 6).

A receiving practitioner reads the contact behind each referral routed to their team (or allocated to them)
and the MASH enquiry's analysis and partner answers, except an answer marked not for onward sharing. A
confidential caller stays hidden from them everywhere, including in action owners and text the system
filled with the caller's name. Every read is audited; nothing can be changed; other teams get 404."""

import datetime as dt

import pytest
from django.urls import reverse

from frontdoor.accounts.tests.factories import user_for_role
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import permissions
from frontdoor.contacts.models import Action, Contact
from frontdoor.directory.models import Team
from frontdoor.mash import services as mash_services
from frontdoor.mash.tests.factories import request_make
from frontdoor.referrals import services
from frontdoor.referrals.models import Referral
from frontdoor.referrals.tests.factories import referral_make

pytestmark = pytest.mark.django_db

CALLER = "Maureen Pettigrew"
PHONE = "07700 900461"


def _routed(users, team_code="fast-norwich", **contact_kwargs) -> Referral:
    referral = referral_make(worker=users["csw"], team=Team.objects.get(code=team_code), **contact_kwargs)
    return services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)


@pytest.fixture
def confidential(users):
    """A routed referral whose contact's caller is a confidential member of the public, named by the system
    in an action owner and in the summary it suggested, and by the worker in the reason for the call."""
    referral = _routed(
        users,
        caller_type=Contact.CallerType.PUBLIC,
        caller_name=CALLER,
        caller_phone=PHONE,
        caller_email="m.pettigrew@example.com",
        caller_address="3 Mill Lane, Norwich",
        caller_confidential=True,
        reason_for_call="Mrs Pettigrew lives next door and hears shouting every night",
        named_problem=f"{CALLER} ({PHONE}) is worried about shouting next door. Scaled at 3 out of 10.",
        caller_relationship="Neighbour for ten years",
    )
    contact = referral.contact
    Action.objects.create(
        contact=contact, what="Ring back with the outcome", owner=CALLER, due_date=dt.date(2030, 1, 2)
    )
    Action.objects.create(
        contact=contact, what="Visit the family", owner="FAST duty worker", due_date=dt.date(2030, 1, 3)
    )
    return referral


def test_receiving_practitioner_reads_the_contact_of_a_referral_routed_to_their_team(users, client_for):
    """Worries, consent, action plan and records check are on the page, read only, and the read is audited."""
    referral = _routed(users)
    url = reverse("contacts:detail", args=[referral.contact_id])
    response = client_for(users["receiving"]).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    contact = referral.contact
    assert contact.worried_about.split(";")[0].replace("'", "&#x27;") in html
    assert "Consent not sought" in html and "What the records showed" in html
    assert contact.caller_name in html  # a professional caller is named to the team
    assert referral.reference in html
    assert "Continue the call" not in html and "Record or view the decision" not in html
    assert AuditEvent.objects.filter(
        action="view", actor=users["receiving"], object_id=str(contact.pk), summary__startswith="Viewed contact"
    ).exists()


def test_other_teams_unrouted_referrals_and_plain_contacts_answer_404(users, client_for):
    """Not allowed looks the same as not found: another team's referral, one not yet routed, a contact with none."""
    elsewhere = _routed(users, team_code="fast-west")
    awaiting = referral_make(worker=users["csw"])
    plain = referral_make(worker=users["csw"], submit=False).contact
    client = client_for(users["receiving"])
    for contact_id in (elsewhere.contact_id, awaiting.contact_id, plain.pk):
        assert client.get(reverse("contacts:detail", args=[contact_id])).status_code == 404


def test_allocated_practitioner_in_another_team_reads_it(users, client_for):
    referral = _routed(users)
    other = user_for_role("receiving")
    other.team = Team.objects.get(code="fast-west")
    other.save()
    url = reverse("contacts:detail", args=[referral.contact_id])
    assert client_for(other).get(url).status_code == 404
    Referral.objects.filter(pk=referral.pk).update(allocated_worker=other)
    assert client_for(other).get(url).status_code == 200


def test_the_practitioner_cannot_change_the_contact(users, client_for, confidential):
    client = client_for(users["receiving"])
    contact = confidential.contact
    for name in ("caller", "worries", "check", "actions"):
        assert (
            client.post(reverse(f"contacts:{name}", args=[contact.pk]), {"version": contact.version}).status_code == 403
        )
    assert not permissions.can_edit_draft(users["receiving"], contact)
    assert not permissions.can_record_call(users["receiving"])


def test_a_confidential_caller_never_appears_to_the_receiving_team(users, client_for, confidential):
    """Not in the caller's details, not in the action owner the system filled, not in the summary it wrote."""
    html = client_for(users["receiving"]).get(reverse("contacts:detail", args=[confidential.contact_id])).content
    html = html.decode()
    for secret in (CALLER, "Pettigrew", PHONE, "900461", "m.pettigrew@example.com", "3 Mill Lane"):
        assert secret not in html, secret
    assert "Withheld: the caller asked to keep their identity confidential" in html
    assert "Ring back with the outcome: The caller" in html
    assert "Visit the family: FAST duty worker" in html
    assert "the caller lives next door" in html or "The caller lives next door" in html
    assert "Neighbour for ten years" in html
    # The worker who took the call and managers still see who called.
    for role in ("csw", "manager"):
        assert (
            CALLER
            in client_for(users[role]).get(reverse("contacts:detail", args=[confidential.contact_id])).content.decode()
        )
    # Nothing was changed by showing it.
    confidential.contact.refresh_from_db()
    assert confidential.contact.caller_name == CALLER
    assert Action.objects.filter(owner=CALLER).exists()


def test_a_confidential_caller_is_withheld_on_the_mash_enquiry_too(users, client_for, confidential):
    enquiry = mash_services.enquiry_open(
        actor=users["csw"], contact=confidential.contact, reason=f"{CALLER} heard threats", referral=confidential
    )
    html = client_for(users["receiving"]).get(reverse("mash:detail", args=[enquiry.pk])).content.decode()
    assert "Pettigrew" not in html and "The caller heard threats" in html


@pytest.fixture
def enquiry(users):
    """A concluded MASH enquiry on a referral routed to FAST Norwich: police answered for sharing, health
    answered not for onward sharing, NIDAS not yet."""
    referral = _routed(users)
    enquiry = mash_services.enquiry_open(
        actor=users["csw"], contact=referral.contact, reason="Injury to a baby", referral=referral
    )
    police = request_make(actor=users["csw"], enquiry=enquiry)
    health = request_make(actor=users["csw"], enquiry=enquiry, agency_code="health-mash")
    mash_services.request_answer(
        actor=users["mash_partner"],
        request=police,
        answer="Two call-outs for domestic abuse in May",
        version=police.version,
    )
    nurse = user_for_role("mash_partner", agency=health.agency)
    mash_services.request_answer(
        actor=nurse,
        request=health,
        answer="Mother disclosed a sensitive health matter",
        version=health.version,
        not_for_onward_sharing=True,
    )
    enquiry.refresh_from_db()
    mash_services.enquiry_conclude(
        actor=users["csw"],
        enquiry=enquiry,
        analysis="Pattern of domestic abuse; the baby is at risk",
        outcome="strategy",
        version=enquiry.version,
    )
    return enquiry


def test_receiving_team_reads_the_analysis_and_answers_except_not_for_onward_sharing(users, client_for, enquiry):
    response = client_for(users["receiving"]).get(reverse("mash:detail", args=[enquiry.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pattern of domestic abuse; the baby is at risk" in html
    assert "Two call-outs for domestic abuse in May" in html
    assert "sensitive health matter" not in html
    assert "Not for onward sharing" in html
    assert "Ask an agency for information" not in html and "Record the combined analysis" not in html
    assert AuditEvent.objects.filter(action="view", actor=users["receiving"], object_id=str(enquiry.pk)).exists()
    # The front door reads every answer, with the flag shown.
    front = client_for(users["csw"]).get(reverse("mash:detail", args=[enquiry.pk])).content.decode()
    assert "sensitive health matter" in front and "Not for onward sharing" in front


def test_the_referral_page_links_the_receiving_team_to_the_contact_and_the_enquiry(users, client_for, enquiry):
    html = client_for(users["receiving"]).get(reverse("referrals:detail", args=[enquiry.referral_id])).content.decode()
    assert reverse("mash:detail", args=[enquiry.pk]) in html
    assert f"/contacts/{enquiry.contact_id}/" in html


def test_receiving_team_cannot_run_the_enquiry(users, client_for, enquiry):
    client = client_for(users["receiving"])
    assert client.get(reverse("mash:request_add", args=[enquiry.pk])).status_code == 403
    assert (
        client.post(reverse("mash:conclude", args=[enquiry.pk]), {"analysis": "x", "outcome": "nfa"}).status_code == 403
    )
    request = enquiry.requests.first()
    assert client.get(reverse("mash:request", args=[request.pk])).status_code == 403


def test_another_teams_practitioner_gets_404_on_the_enquiry(users, client_for, enquiry):
    other = user_for_role("receiving")
    other.team = Team.objects.get(code="fast-west")
    other.save()
    assert client_for(other).get(reverse("mash:detail", args=[enquiry.pk])).status_code == 404


def test_partner_marks_an_answer_not_for_onward_sharing_on_the_form(users, client_for):
    police = request_make(actor=users["csw"])
    response = client_for(users["mash_partner"]).post(
        reverse("mash:request", args=[police.pk]),
        {"version": police.version, "answer": "An open investigation", "not_for_onward_sharing": "on"},
    )
    assert response.status_code == 302
    police.refresh_from_db()
    assert police.not_for_onward_sharing and police.answer == "An open investigation"
    assert AuditEvent.objects.filter(object_id=str(police.pk), summary__contains="not for onward sharing").exists()


@pytest.mark.parametrize("role", ["csw", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"])
def test_predicates_match_the_queryset_filter_for_routed_contacts(users, role):
    """can_view_contact and visible_contacts agree for routed, elsewhere and unrouted contacts."""
    contacts = [_routed(users).contact, _routed(users, team_code="fast-west").contact]
    contacts.append(referral_make(worker=users["csw"]).contact)
    user = users[role]
    visible = set(permissions.visible_contacts(user, Contact.objects.all()).values_list("pk", flat=True))
    for contact in contacts:
        assert (contact.pk in visible) == permissions.can_view_contact(user, contact), role


def test_withheld_copy_is_never_saved(users, confidential):
    from frontdoor.contacts.selectors import contact_as_read_by

    shown, actions = contact_as_read_by(user=users["receiving"], contact=confidential.contact)
    assert shown.caller_name == "" and actions[0].owner == "The caller"
    with pytest.raises(RuntimeError):
        shown.save()
    assert Contact.objects.get(pk=confidential.contact_id).caller_name == CALLER


def test_the_records_check_lists_earlier_contacts_routed_to_the_team(users, client_for):
    """An earlier contact about the same child is listed (and opens) when its referral came to the team too;
    one that did not come to them is not (the repeat-concern alert still counts every contact)."""
    first = _routed(users)
    child = first.contact.people.get(role="child").person
    second = _routed(users, child=child)
    unrouted = referral_make(worker=users["csw"], child=child, submit=False).contact
    html = client_for(users["receiving"]).get(reverse("contacts:detail", args=[second.contact_id])).content.decode()
    assert reverse("contacts:detail", args=[first.contact_id]) in html
    assert reverse("contacts:detail", args=[unrouted.pk]) not in html
