"""Decisions, referrals, authorisation, routing and milestones against the database."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.core.locking import StaleEdit
from frontdoor.directory.models import Team
from frontdoor.people.models import Involvement
from frontdoor.referrals import selectors, services
from frontdoor.referrals.models import ContactDecision, Milestone, Referral

from .factories import contact_make, decision_make, person_make, referral_make

pytestmark = pytest.mark.django_db


def test_decision_progress_to_referral_carries_what_is_known(users):
    """Progress to referral opens a draft referral with the child, level, deadline and flags from the contact."""
    contact = contact_make(worker=users["csw"], immediacy="immediate", support_so_far="School nurse involved")
    decision = decision_make(contact=contact, actor=users["csw"], indicators=["serious_neglect"])
    referral = Referral.objects.get(decision=decision)
    assert referral.state == "draft" and referral.reference.startswith("R")
    assert referral.child == contact.people.get(role="child").person
    assert referral.level == 4 and referral.due_at == contact.decision_due_at
    assert referral.immediate_protection and referral.consider_strategy_discussion
    assert referral.other_agencies == "School nurse involved"
    assert AuditEvent.objects.filter(object_id=str(referral.pk), action="create").exists()


def test_decision_without_referral_and_changing_it_with_versions(users):
    """A decision can be changed; a stale version is refused and nothing is saved."""
    contact = contact_make(worker=users["csw"])
    decision = decision_make(contact=contact, actor=users["csw"], outcome="advice", level=2)
    assert not Referral.objects.exists()
    services.decision_record(
        actor=users["csw2"], contact=contact, level=3, outcome="signpost", reasons="Changed", version=1
    )
    with pytest.raises(StaleEdit) as exc:
        services.decision_record(
            actor=users["csw"], contact=contact, level=1, outcome="nfa", reasons="Stale", version=decision.version
        )
    assert exc.value.current_version == 2 and exc.value.changed_by == users["csw2"].get_full_name()
    assert ContactDecision.objects.get().reasons == "Changed"


def test_two_workers_deciding_an_undecided_contact_at_once(users):
    """Both opened the page before any decision: the second save is refused, the first decision stands."""
    contact = contact_make(worker=users["csw"])
    services.decision_record(actor=users["csw"], contact=contact, level=2, outcome="advice", reasons="First", version=0)
    with pytest.raises(StaleEdit):
        services.decision_record(
            actor=users["csw2"], contact=contact, level=3, outcome="nfa", reasons="Second", version=0
        )
    assert ContactDecision.objects.get().reasons == "First"


@pytest.mark.parametrize("version", [None, "", "abc", "-1", "2"])
def test_first_decision_with_a_missing_or_forged_version_is_refused(users, version):
    """A first decision is made from a page that showed no decision (version 0); anything else is stale."""
    contact = contact_make(worker=users["csw"])
    with pytest.raises(StaleEdit):
        services.decision_record(
            actor=users["csw"], contact=contact, level=2, outcome="advice", reasons="x", version=version
        )
    assert not ContactDecision.objects.exists()


def test_decision_refused_for_draft_contact_and_other_roles(users):
    contact = contact_make(worker=users["csw"], status="draft")
    with pytest.raises(ValidationError, match="recorded contact"):
        decision_make(contact=contact, actor=users["csw"])
    with pytest.raises(PermissionDenied):
        decision_make(contact=contact_make(worker=users["csw"]), actor=users["receiving"])


def test_submit_without_reasons_or_team_saves_nothing(users):
    """Disposal 2-4 without a team, or without reasons: clear field errors and the referral is unchanged."""
    referral = referral_make(worker=users["csw"], submit=False)
    with pytest.raises(ValidationError) as exc:
        services.referral_update(
            actor=users["csw"],
            referral=referral,
            version=referral.version,
            submit=True,
            disposal=3,
            disposal_reasons="",
            receiving_team=None,
            domestic_abuse="yes",
        )
    assert set(exc.value.message_dict) == {"disposal_reasons", "receiving_team"}
    referral.refresh_from_db()
    assert referral.state == "draft" and referral.disposal is None and referral.domestic_abuse == "unknown"


def test_manager_authorises_and_referral_goes_to_fast(users):
    referral = referral_make(worker=users["csw"])
    assert referral.state == "awaiting_authorisation"
    referral = services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)
    assert referral.state == "with_team" and referral.receiving_team.code == "fast-norwich"
    assert referral.authorised_by == users["manager"] and referral.routed_at


def test_worker_cannot_authorise_their_own(users):
    """A manager who prepared the referral cannot authorise it; nor can a social worker."""
    referral = referral_make(worker=users["manager"])
    with pytest.raises(PermissionDenied):
        services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)
    with pytest.raises(PermissionDenied):
        services.referral_authorise(actor=users["csw"], referral=referral, version=referral.version)
    referral.refresh_from_db()
    assert referral.state == "awaiting_authorisation"


def test_disposal_one_is_closed_at_authorisation(users):
    referral = referral_make(worker=users["csw"], disposal=1)
    referral = services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)
    assert referral.state == "closed"


def test_return_needs_reasons_then_resubmit(users):
    referral = referral_make(worker=users["csw"])
    with pytest.raises(ValidationError):
        services.referral_return(actor=users["manager"], referral=referral, version=referral.version, reasons=" ")
    referral = services.referral_return(
        actor=users["manager"], referral=referral, version=referral.version, reasons="Find out about the school"
    )
    assert referral.state == "returned"
    assert referral.returned_by == users["manager"] and referral.returned_at is not None
    returned_at = referral.returned_at
    referral = services.referral_update(actor=users["csw"], referral=referral, version=referral.version, submit=True)
    assert referral.state == "awaiting_authorisation" and referral.return_reasons == ""
    assert referral.returned_at == returned_at  # kept: the chronology shows when it was last returned


def test_impossible_transitions_are_refused(users):
    """Authorising twice, routing before authorisation, editing after authorisation: refused, clear message."""
    referral = referral_make(worker=users["csw"])
    with pytest.raises(ValidationError, match="cannot allocate"):
        services.referral_take(actor=users["receiving"], referral=referral, version=referral.version)
    referral = services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)
    with pytest.raises(ValidationError, match="cannot authorise a referral that is with the receiving team"):
        services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)
    with pytest.raises(ValidationError, match="cannot change"):
        services.referral_update(actor=users["csw"], referral=referral, version=referral.version, disposal=1)


def test_concurrent_edit_is_refused(users):
    """Two workers open the same referral; the second save is refused and the first one's text stays."""
    referral = referral_make(worker=users["csw"], submit=False)
    opened_version = referral.version
    services.referral_update(actor=users["csw"], referral=referral, version=opened_version, other_agencies="First")
    with pytest.raises(StaleEdit, match="This referral was changed by"):
        services.referral_update(
            actor=users["csw2"], referral=referral, version=opened_version, other_agencies="Second"
        )
    referral.refresh_from_db()
    assert referral.other_agencies == "First"


@pytest.mark.parametrize("version", [None, "", "abc", "1.5"])
def test_referral_edit_without_a_real_version_is_refused(users, version):
    """A missing or forged version never skips the check: nothing is saved."""
    referral = referral_make(worker=users["csw"], submit=False)
    with pytest.raises(StaleEdit):
        services.referral_update(actor=users["csw2"], referral=referral, version=version, other_agencies="Blind")
    referral.refresh_from_db()
    assert referral.other_agencies != "Blind"


@pytest.mark.parametrize("service", ["referral_authorise", "referral_return", "referral_take"])
def test_authorise_return_and_take_refuse_a_stale_version(users, service):
    """Each change to a referral checks the version, and a refused one changes nothing."""
    referral = referral_make(worker=users["csw"])
    if service == "referral_take":
        referral = services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)
    actor = users["receiving"] if service == "referral_take" else users["manager"]
    extra = {"reasons": "Check the school"} if service == "referral_return" else {}
    state = referral.state
    with pytest.raises(StaleEdit):
        getattr(services, service)(actor=actor, referral=referral, version=referral.version - 1, **extra)
    referral.refresh_from_db()
    assert referral.state == state


def test_take_and_milestones_to_closure(users):
    referral = referral_make(worker=users["csw"])
    referral = services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)
    referral = services.referral_take(actor=users["receiving"], referral=referral, version=referral.version)
    assert referral.state == "allocated" and referral.allocated_worker == users["receiving"]
    today = timezone.localdate()
    services.milestone_record(
        actor=users["receiving"], referral=referral, kind="assessment_authorised", date=today, factors=["2B", "3A"]
    )
    with pytest.raises(ValidationError) as exc:
        services.milestone_record(actor=users["receiving"], referral=referral, kind="cp_plan", date=today)
    assert "cp_category" in exc.value.message_dict
    services.milestone_record(
        actor=users["receiving"], referral=referral, kind="cp_plan", date=today, cp_category="PHY"
    )
    with pytest.raises(ValidationError):
        services.milestone_record(
            actor=users["receiving"], referral=referral, kind="icpc", date=today + dt.timedelta(days=1)
        )
    services.milestone_record(
        actor=users["receiving"], referral=referral, kind="closure", date=today, closure_reason="RC8"
    )
    referral.refresh_from_db()
    assert referral.state == "closed" and Milestone.objects.filter(referral=referral).count() == 3
    with pytest.raises(ValidationError, match="closed"):
        services.milestone_record(actor=users["receiving"], referral=referral, kind="icpc", date=today)


def test_receiving_practitioner_of_another_team_cannot_take(users):
    referral = referral_make(worker=users["csw"], team=Team.objects.get(code="fast-west"))
    referral = services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)
    with pytest.raises(PermissionDenied):
        services.referral_take(actor=users["receiving"], referral=referral, version=referral.version)


def test_sharing_and_police_records(users):
    referral = referral_make(worker=users["csw"])
    with pytest.raises(PermissionDenied):
        services.sharing_decide(actor=users["csw"], referral=referral, authorised=True, what="x", reasons="y")
    with pytest.raises(ValidationError):
        services.sharing_decide(actor=users["manager"], referral=referral, authorised=True, what="", reasons="")
    services.sharing_decide(
        actor=users["manager"], referral=referral, authorised=True, what="Police checks", reasons="Risk to child"
    )
    from django.utils import timezone

    with pytest.raises(ValidationError):
        services.police_notify(
            actor=users["csw"],
            referral=referral,
            notified_at=timezone.now() + dt.timedelta(hours=1),
            police_reference="NC-1",
        )
    note = services.police_notify(
        actor=users["csw"], referral=referral, notified_at=timezone.now(), police_reference="NC-2"
    )
    assert note.notified_by == users["csw"]
    assert referral.sharing_decisions.count() == 1


@pytest.mark.parametrize(
    "postcode,disposal,level,youth,team_code",
    [
        ("NR2 1AB", 4, 4, False, "fast-norwich"),
        ("NR2 1AB", 3, 3, False, "family-support-norwich"),
        ("PE30 1AA", 4, 3, False, "fast-west"),
        ("NR12 8AA", 2, 3, False, "family-support-north-broadland"),
        ("NR30 2AA", 3, 3, True, "youth-fast"),
        ("NR14 7AA", 1, 2, False, "family-hub-south-norfolk"),
        ("ZZ1 1ZZ", 4, 4, False, None),
    ],
)
def test_route_suggestion_from_child_postcode(users, postcode, disposal, level, youth, team_code):
    """The child's postcode gives the district and locality; the disposal and level give the team."""
    referral = referral_make(worker=users["csw"], submit=False, postcode=postcode)
    referral.level = level
    suggestion = selectors.route_suggest(referral, disposal=disposal, youth_risk=youth)
    assert (suggestion.team.code if suggestion.team else None) == team_code


def test_open_case_routes_to_allocated_worker(users):
    child = person_make()
    Involvement.objects.create(
        person=child,
        kind="open_case",
        start_date=dt.date(2025, 1, 1),
        worker=users["receiving"],
        team=Team.objects.get(code="fast-norwich"),
    )
    contact = contact_make(worker=users["csw"], child=child)
    referral = Referral.objects.get(decision=decision_make(contact=contact, actor=users["csw"]))
    suggestion = selectors.route_suggest(referral, disposal=3)
    assert suggestion.route.team_kind == "allocated_worker" and suggestion.worker == users["receiving"]
    referral = services.referral_update(
        actor=users["csw"],
        referral=referral,
        version=referral.version,
        submit=True,
        disposal=3,
        disposal_reasons="Open case",
        receiving_team=suggestion.team,
        allocated_worker=suggestion.worker,
    )
    referral = services.referral_authorise(actor=users["manager"], referral=referral, version=referral.version)
    assert referral.state == "allocated" and referral.allocated_worker == users["receiving"]


def test_checklist_computed_from_contact_and_records(users):
    child = person_make(school="Lakenham Primary", ethnicity="WBRI")
    contact = contact_make(worker=users["csw"], child=child, child_location="At school")
    referral = Referral.objects.get(decision=decision_make(contact=contact, actor=users["csw"]))
    known = {i["code"] for i in selectors.referral_checklist(referral) if i["known"]}
    assert {"child_names", "child_dobs", "child_sex", "address", "school", "ethnicity", "concern"} <= known
    assert {"parental_responsibility", "location", "immediacy", "parents_aware"} <= known
    assert {"nationality", "perpetrator", "household_questions", "referrer_relationship"}.isdisjoint(known)


def test_a_referral_edit_is_audited_with_before_and_after(users):
    referral = referral_make(worker=users["csw"], submit=False)
    was = referral.other_agencies
    services.referral_update(actor=users["csw"], referral=referral, version=referral.version, other_agencies="Health")
    event = AuditEvent.objects.filter(object_id=str(referral.pk), action="change").latest("sequence")
    assert event.changes == {"other_agencies": [was, "Health"]}
