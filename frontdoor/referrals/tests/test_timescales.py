"""One definition of "decision overdue", "letter overdue" and "answered within the RAG time"
(referrals.timescales): the queues, the reporting dashboard and the returns agree on one data set.

Before, the dashboard said no decision was late ("outcome agreed after the deadline", which a recorded
contact never is) while the Overdue queue held 53 undecided contacts.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from frontdoor.contacts.models import Contact
from frontdoor.directory.models import Agency
from frontdoor.letters import selectors as letter_selectors
from frontdoor.letters.dispatch import services as dispatch_services
from frontdoor.letters.tests.factories import recorded_contact
from frontdoor.letters.writing import services as letter_services
from frontdoor.mash import services as mash_services
from frontdoor.referrals import queues, services, timescales
from frontdoor.reporting.selectors import annex_a_list_1, contact_timeliness

from .factories import contact_make

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A time in March 2026 (Monday 2 March is the first call): decisions are due 1 working day later,
    letters 5 working days later."""
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=LONDON)


NOW = at(11, 12)  # Wednesday 11 March, noon


def _decide_all(contact, actor, when, outcome="advice"):
    with time_machine.travel(when, tick=False):
        return services.decisions_record_same(
            actor=actor, contact=contact, level=2, outcome=outcome, reasons="Family Hub support"
        )


def _decide_one(contact, actor, when, index, outcome="advice"):
    with time_machine.travel(when, tick=False):
        child = services.contact_children(contact)[index]
        return services.decision_record(
            actor=actor, contact=contact, child=child, level=4, outcome=outcome, reasons="Injury", version=0
        )


def _send_letter(contact, actor, when):
    with time_machine.travel(when, tick=False):
        letter = letter_services.letter_draft(actor=actor, contact=contact)
        letter = letter_services.letter_approve(actor=actor, letter=letter, version=letter.version)
        dispatch_services.letter_mark_posted(
            actor=actor, letter=letter, address="1 Road", idempotency_key=f"post-{contact.pk}"
        )


def _queue(user, name, kind=None):
    rows = queues.queue_rows(user=user, queue=name, now=NOW, kinds=[kind] if kind else ())
    return [i.reference for i in rows[0 : len(rows)]]


@pytest.fixture
def data_set(users, django_capture_on_commit_callbacks):
    """Six contacts, four about two children: decided on time, one child decided late, undecided past the
    deadline (one child of two, and a whole contact), not yet due, and a late decision that became a
    referral; letters sent on time, late and not at all; MASH requests answered in time, late and not."""
    csw, partner = users["csw"], users["mash_partner"]
    with time_machine.travel(at(2), tick=False):
        on_time = recorded_contact(worker=csw, received_at=at(2), agreed_outcome="advice")  # two children
        one_late = recorded_contact(worker=csw, received_at=at(2), agreed_outcome="advice")  # two children
        undecided = contact_make(worker=csw, received_at=at(2))  # one child
        half = contact_make(worker=csw, received_at=at(3), siblings=1)  # two children, one decided
        late_referral = contact_make(worker=csw, received_at=at(4))
    with time_machine.travel(at(11, 11), tick=False):
        not_due = contact_make(worker=csw, received_at=at(11, 11), siblings=1)  # due tomorrow
    _decide_all(on_time, csw, at(2, 15))
    _decide_one(one_late, csw, at(2, 16), 0)
    _decide_one(one_late, csw, at(4, 9), 1)  # due 3 March 10:00: late
    _decide_one(half, csw, at(3, 12), 0)
    _decide_one(late_referral, csw, at(6), 0, outcome="referral")  # due 5 March: late
    _send_letter(on_time, csw, at(5))  # due 9 March 10:00: on time
    _send_letter(one_late, csw, at(10))  # late
    with time_machine.travel(at(2, 11), tick=False):
        enquiry = mash_services.enquiry_open(actor=csw, contact=on_time, reason="Police history")
        agency = Agency.objects.get(pk=partner.agency_id)
        requests = [
            mash_services.request_send(
                actor=csw, enquiry=enquiry, agency=agency, rag="amber", question=f"Question {n}", due_at=at(3, 11)
            )
            for n in range(3)
        ]
    with time_machine.travel(at(3, 9), tick=False):
        mash_services.request_answer(actor=partner, request=requests[0], answer="Nothing known", version=1)
    with time_machine.travel(at(4, 9), tick=False):
        mash_services.request_answer(actor=partner, request=requests[1], answer="Known to police", version=1)
    return {
        "overdue": {undecided.reference, half.reference},
        "awaiting": {undecided.reference, half.reference, not_due.reference},
        "contacts": [on_time, one_late, undecided, half, late_referral, not_due],
    }


def test_queues_dashboard_and_returns_agree(users, data_set, client_for):
    csw, manager, analyst = users["csw"], users["manager"], users["analyst"]
    with time_machine.travel(NOW, tick=False):
        figures = contact_timeliness(user=analyst, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31), now=NOW)
        overdue_contacts = _queue(csw, "overdue", "decision")
        awaiting = _queue(csw, "mine", "decision")
        letters_late_list = letter_selectors.team_overdue_count(user=manager, now=NOW)
        partner_late = _queue(users["mash_partner"], "overdue")
        front_door_late_requests = _queue(csw, "overdue", "request")
        rows = annex_a_list_1(user=analyst, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
        page = client_for(analyst).get(
            reverse("reporting:dashboard"),
            {"start_0": "1", "start_1": "3", "start_2": "2026", "end_0": "31", "end_1": "3", "end_2": "2026"},
        )
    # Decisions: the Overdue queue and the dashboard hold the same contacts.
    assert set(overdue_contacts) == data_set["overdue"] and figures.decision_overdue == len(overdue_contacts) == 2
    assert set(awaiting) == data_set["awaiting"] and figures.awaiting_decision == len(awaiting) == 3
    assert figures.children_decided_late == 2 and figures.contacts_decided_late == 2
    assert Contact.objects.filter(timescales.decision_overdue(NOW)).count() == 2
    # Letters: on time, late, and the manager's overdue list.
    assert (figures.letters_on_time, figures.letters_late) == (1, 1)
    assert figures.letters_overdue == letters_late_list == 3  # undecided, half, late_referral
    # MASH information requests: answered within the RAG time, late, and overdue in both queues.
    assert (figures.requests_in_time, figures.requests_late) == (1, 1)
    assert figures.requests_overdue == len(partner_late) == len(front_door_late_requests) == 1
    # The return: one Annex A row per child, as the dashboard counts children.
    assert len(rows) == figures.children == 10
    html = page.content.decode()
    assert f'id="decision-overdue">{figures.decision_overdue}<' in html
    assert f'id="letters-overdue">{figures.letters_overdue}<' in html


def test_the_overdue_queue_counts_what_it_lists(users, data_set):
    with time_machine.travel(NOW, tick=False):
        total = queues.queue_count(user=users["csw"], queue="overdue", now=NOW)
        assert total == len(_queue(users["csw"], "overdue"))
