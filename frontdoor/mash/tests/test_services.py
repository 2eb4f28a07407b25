"""MASH enquiries against the database: deadlines, partner answers, refusals and audit."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from frontdoor.audit.models import AuditEvent
from frontdoor.core.locking import StaleEdit
from frontdoor.directory.models import Agency
from frontdoor.mash import services
from frontdoor.mash.models import InformationRequest

from .factories import enquiry_make, request_make

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    "now,rag,due",
    [
        (dt.datetime(2026, 12, 24, 15, tzinfo=LONDON), "red", dt.datetime(2026, 12, 29, 11, tzinfo=LONDON)),
        (dt.datetime(2026, 12, 24, 15, tzinfo=LONDON), "green", dt.datetime(2026, 12, 31, 15, tzinfo=LONDON)),
        (dt.datetime(2026, 3, 6, 16, 30, tzinfo=LONDON), "amber", dt.datetime(2026, 3, 9, 16, 30, tzinfo=LONDON)),
    ],
)
def test_default_deadline_from_rag_with_frozen_clock(users, now, rag, due):
    """Sent before Christmas or on a Friday afternoon, the deadline skips weekends and bank holidays."""
    with time_machine.travel(now, tick=False):
        request = request_make(actor=users["csw"], rag=rag)
    assert request.due_at == due


def test_deadline_in_the_past_is_refused_and_nothing_saved(users):
    enquiry = enquiry_make(actor=users["csw"])
    with (
        time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=LONDON), tick=False),
        pytest.raises(ValidationError) as exc,
    ):
        request_make(actor=users["csw"], enquiry=enquiry, due_at=dt.datetime(2026, 3, 2, 9, tzinfo=LONDON))
    assert exc.value.message_dict == {"due_at": ["The deadline must be in the future"]}
    assert not InformationRequest.objects.exists()


def test_only_partner_agencies(users):
    enquiry = enquiry_make(actor=users["csw"])
    with pytest.raises(ValidationError):
        services.request_send(
            actor=users["csw"], enquiry=enquiry, agency=Agency.objects.get(code="school"), rag="red", question="?"
        )


def test_partner_answers_own_agency_request(users):
    request = request_make(actor=users["csw"])
    answered = services.request_answer(actor=users["mash_partner"], request=request, answer="Two call-outs", version=1)
    assert answered.state == "answered" and answered.answered_by == users["mash_partner"]
    with pytest.raises(ValidationError, match="already been answered"):
        services.request_answer(actor=users["mash_partner"], request=answered, answer="Again", version=answered.version)


def test_partner_answering_another_agencys_request_is_refused_and_audited(users):
    """A police user cannot answer a health request: refused, audited as "refused", and nothing saved."""
    request = request_make(actor=users["csw"], agency_code="health-mash")
    with pytest.raises(PermissionDenied):
        services.request_answer(actor=users["mash_partner"], request=request, answer="Sneaky", version=None)
    request.refresh_from_db()
    assert request.state == "sent" and request.answer == ""
    event = AuditEvent.objects.get(object_id=str(request.pk), action="refused")
    assert event.actor == users["mash_partner"]


def test_empty_answer_and_stale_answer_refused(users):
    request = request_make(actor=users["csw"])
    with pytest.raises(ValidationError):
        services.request_answer(actor=users["mash_partner"], request=request, answer=" ", version=1)
    for version in (7, None, "", "abc"):
        with pytest.raises(StaleEdit):
            services.request_answer(actor=users["mash_partner"], request=request, answer="x", version=version)
    request.refresh_from_db()
    assert request.state == "sent" and request.answer == ""


def test_conclude_needs_analysis_and_outcome_then_closes(users):
    request = request_make(actor=users["csw"])
    enquiry = request.enquiry
    with pytest.raises(ValidationError) as exc:
        services.enquiry_conclude(actor=users["csw"], enquiry=enquiry, analysis="", outcome="", version=1)
    assert set(exc.value.message_dict) == {"analysis", "outcome"}
    enquiry = services.enquiry_conclude(
        actor=users["csw"], enquiry=enquiry, analysis="Police and health agree", outcome="strategy", version=1
    )
    assert enquiry.state == "concluded"
    with pytest.raises(ValidationError, match="concluded"):
        request_make(actor=users["csw"], enquiry=enquiry)
    with pytest.raises(ValidationError, match="concluded"):
        services.request_answer(actor=users["mash_partner"], request=request, answer="Late", version=request.version)


def test_conclude_with_a_stale_missing_or_forged_version_is_refused(users):
    enquiry = enquiry_make(actor=users["csw"])
    for version in (enquiry.version + 1, None, "", "abc"):
        with pytest.raises(StaleEdit):
            services.enquiry_conclude(
                actor=users["csw"], enquiry=enquiry, analysis="A", outcome="strategy", version=version
            )
    enquiry.refresh_from_db()
    assert enquiry.state == "open" and enquiry.analysis == ""


def test_partners_cannot_open_enquiries(users):
    with pytest.raises(PermissionDenied):
        enquiry_make(actor=users["mash_partner"])


def test_an_answer_and_a_conclusion_are_audited_with_before_and_after(users):
    request = request_make(actor=users["csw"])
    services.request_answer(actor=users["mash_partner"], request=request, answer="Two call-outs", version=1)
    answered = AuditEvent.objects.filter(object_id=str(request.pk), action="change").get()
    assert answered.changes["answer"] == ["", "Two call-outs"]
    assert answered.changes["state"][1] == "answered"
    services.enquiry_conclude(
        actor=users["csw"], enquiry=request.enquiry, analysis="Police and health agree", outcome="strategy", version=1
    )
    concluded = AuditEvent.objects.filter(object_id=str(request.enquiry.pk), action="change").get()
    assert concluded.changes["outcome"][1] == "strategy"
    assert concluded.changes["state"][1] == "concluded"
