"""A contact about two children: each child has their own decision and referral (decision 20)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.selectors import contact_get
from frontdoor.core.locking import StaleEdit
from frontdoor.directory.models import Team
from frontdoor.referrals import queues, services
from frontdoor.referrals.models import ContactDecision, Referral

from .factories import REASONS, contact_make, referrals_make

pytestmark = pytest.mark.django_db


def _children(contact):
    return services.contact_children(contact)


def _same_for_all(contact, **extra):
    """What the decision page posts for "the same decision for all children" (versions as shown)."""
    data = {"apply": "all", "all-level": "4", "all-outcome": "referral", "all-reasons": "Both children hurt"}
    for i, _ in enumerate(_children(contact)):
        data[f"c{i}-version"] = "0"
    data.update(extra)
    return data


def _queue_refs(user, name):
    rows = queues.queue_rows(user=user, queue=name)
    return {i.reference for i in rows[0 : len(rows)]}


def test_the_same_decision_for_all_children_makes_a_referral_for_each(users, client_for):
    """One form for both children: each child gets their own decision row and their own referral, with
    the record's name, its own reference, and a place in the queues."""
    contact = contact_make(worker=users["csw"], siblings=1)
    first, second = _children(contact)
    client = client_for(users["csw"])
    url = reverse("referrals:decision", args=[contact.pk])
    page = client.get(url).content.decode()
    assert "The same decision for all children" in page and "Save the same decision for all 2 children" in page
    assert first.shown_name in page and second.shown_name in page
    response = client.post(url, _same_for_all(contact))
    decisions = ContactDecision.objects.filter(contact=contact).order_by("child__position")
    assert [d.child_id for d in decisions] == [first.pk, second.pk]
    referrals = list(Referral.objects.filter(contact=contact).order_by("reference"))
    assert len(referrals) == 2 and referrals[0].reference != referrals[1].reference
    assert {r.child for r in referrals} == {first.person, second.person}
    assert {r.child_name for r in referrals} == {first.shown_name, second.shown_name}
    assert response.status_code == 302 and response["Location"] == reverse("referrals:edit", args=[referrals[0].pk])
    for r in referrals:
        assert AuditEvent.objects.filter(object_id=str(r.pk), action="create").exists()
    # Both drafts are in the worker's own work; the contact no longer awaits a decision.
    mine = _queue_refs(users["csw"], "mine")
    assert {r.reference for r in referrals} <= mine and contact.reference not in mine


def test_resubmitting_the_decision_never_makes_a_second_referral(users, client_for):
    """A double click, back and resubmit, or a retry: the same form again finds the decisions and
    referrals already made, and takes the worker to them."""
    contact = contact_make(worker=users["csw"], siblings=1)
    client = client_for(users["csw"])
    url = reverse("referrals:decision", args=[contact.pk])
    data = _same_for_all(contact)
    first = client.post(url, data)
    again = client.post(url, data)
    assert Referral.objects.filter(contact=contact).count() == 2
    assert ContactDecision.objects.filter(contact=contact).count() == 2
    assert again.status_code == 302 and again["Location"] == first["Location"]
    # And per child, the "each" form posted twice:
    other = contact_make(worker=users["csw"])
    each = {"apply": "each", "c0-version": "0", "c0-level": "3", "c0-outcome": "referral", "c0-reasons": "Hurt"}
    url = reverse("referrals:decision", args=[other.pk])
    client.post(url, each)
    client.post(url, each)
    assert Referral.objects.filter(contact=other).count() == 1


def test_service_resubmit_is_idempotent_and_a_changed_one_is_stale(users):
    contact = contact_make(worker=users["csw"], siblings=1)
    child = _children(contact)[1]
    args = {"actor": users["csw"], "contact": contact, "child": child, "level": 4, "outcome": "referral"}
    one = services.decision_record(**args, reasons=REASONS, version=0)
    two = services.decision_record(**args, reasons=REASONS, version=0)
    assert one.pk == two.pk and Referral.objects.filter(decision=one).count() == 1
    with pytest.raises(StaleEdit):
        services.decision_record(**{**args, "level": 3}, reasons="Different", version=0)


def test_a_decision_for_each_child_and_one_left_for_later(users, client_for):
    """Each child's own decision; a child left blank stays undecided, so the contact still awaits a decision."""
    contact = contact_make(worker=users["csw"], siblings=1)
    first, second = _children(contact)
    client = client_for(users["csw"])
    url = reverse("referrals:decision", args=[contact.pk])
    data = {
        "apply": "each",
        "c0-version": "0",
        "c0-level": "2",
        "c0-outcome": "early_help",
        "c0-reasons": "Family Hub",
        "c1-version": "0",
    }
    assert client.post(url, data).status_code == 302
    assert ContactDecision.objects.get(contact=contact).child == first
    assert contact.reference in _queue_refs(users["csw"], "mine")
    queue = client.get(reverse("referrals:queue", args=["mine"])).content.decode()
    assert "Decision needed for 1 of 2 children" in queue
    assert contact_get(user=users["csw"], pk=contact.pk, audit=False).decided_at is None
    data.update({"c0-version": "1", "c1-level": "4", "c1-outcome": "referral", "c1-reasons": "Bruising"})
    assert client.post(url, data).status_code == 302
    assert Referral.objects.get(contact=contact).decision.child == second
    assert contact.reference not in _queue_refs(users["csw"], "mine")
    assert contact_get(user=users["csw"], pk=contact.pk, audit=False).decided_at is not None
    # The decision for one child can change alone; the one that became a referral cannot.
    page = client.get(url).content.decode()
    assert "became referral" in page and "Save the same decision for all" not in page


def test_a_validation_error_keeps_everything_typed(users, client_for):
    contact = contact_make(worker=users["csw"], siblings=1)
    client = client_for(users["csw"])
    url = reverse("referrals:decision", args=[contact.pk])
    data = {
        "apply": "each",
        "c0-version": "0",
        "c0-level": "3",
        "c0-outcome": "referral",
        "c0-reasons": "",
        "c1-version": "0",
        "c1-level": "2",
        "c1-outcome": "advice",
        "c1-reasons": "Words for the second child",
        "all-reasons": "Typed in the shortcut",
    }
    html = client.post(url, data).content.decode()
    second = _children(contact)[1].shown_name
    assert "Enter the reasons for the decision" in html and "Words for the second child" in html
    assert "Typed in the shortcut" in html and 'value="3" aria-describedby="id_c0-level-3-hint" checked' in html
    assert f"{_children(contact)[0].shown_name}: Enter the reasons" in html and second in html
    assert not ContactDecision.objects.exists()
    # The shortcut's own error keeps the children's text too.
    html = client.post(url, {**data, "apply": "all", "all-level": ""}).content.decode()
    assert "Select the level of need" in html and "Words for the second child" in html
    assert not ContactDecision.objects.exists()


def test_both_referrals_awaiting_authorisation_and_authorised_together(users, client_for):
    """Both children's referrals are in the authorisation queue; one button authorises both, each audited."""
    first, second = referrals_make(worker=users["csw"])
    assert {first.reference, second.reference} <= _queue_refs(users["manager"], "authorisation")
    client = client_for(users["manager"])
    queue = client.get(reverse("referrals:queue", args=["authorisation"])).content.decode()
    assert queue.count("Authorise all 2 children together") == 2
    url = reverse("referrals:authorise", args=[first.pk])
    page = client.get(url).content.decode()
    assert "Authorise all 2" in page and second.reference in page
    detail = client.get(reverse("referrals:detail", args=[first.pk])).content.decode()
    assert "Other children on this contact" in detail and second.reference in detail
    data = {"together": "1", f"version-{first.pk}": first.version, f"version-{second.pk}": second.version}
    response = client.post(url, data)
    assert response.status_code == 302
    for r in (first, second):
        r.refresh_from_db()
        assert r.state == "with_team" and r.authorised_by == users["manager"]
        assert AuditEvent.objects.filter(object_id=str(r.pk), action="authorise").count() == 1
    fast = _queue_refs(users["receiving"], "team")
    assert {first.reference, second.reference} <= fast
    # The contact page shows each child's decision and referral.
    contact_page = client_for(users["csw"]).get(f"/contacts/{first.contact_id}/").content.decode()
    assert first.reference in contact_page and second.reference in contact_page


def test_authorising_together_is_refused_when_one_is_not_ready(users, client_for):
    """A sibling still in draft: nothing is authorised, and the reason is shown next to it."""
    first, second = referrals_make(worker=users["csw"], submit=False)
    services.referral_update(
        actor=users["csw"],
        referral=first,
        version=first.version,
        submit=True,
        disposal=4,
        disposal_reasons="Injury",
        receiving_team=Team.objects.get(code="fast-norwich"),
    )
    first.refresh_from_db()
    client = client_for(users["manager"])
    url = reverse("referrals:authorise", args=[first.pk])
    data = {"together": "1", f"version-{first.pk}": first.version, f"version-{second.pk}": second.version}
    html = client.post(url, data).content.decode()
    assert "not awaiting authorisation" in html and "Nothing has been authorised" in html
    first.refresh_from_db()
    assert first.state == "awaiting_authorisation"
    with pytest.raises(ValidationError):
        services.referrals_authorise_together(actor=users["manager"], versions={first: first.version, second: 1})


def test_a_manager_cannot_authorise_siblings_they_prepared(users):
    first, second = referrals_make(worker=users["manager"])
    with pytest.raises(ValidationError, match="another manager"):
        services.referrals_authorise_together(
            actor=users["manager"], versions={first: first.version, second: second.version}
        )
    assert Referral.objects.filter(state="awaiting_authorisation").count() == 2
