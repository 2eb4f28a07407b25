"""Reads for decisions and referrals, always given the user. A record the user may not see is None (404)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.directory.models import Team
from frontdoor.directory.selectors import district_for_postcode
from frontdoor.people.models import Involvement

from . import checklist, domain, permissions
from .checklist import Checklist
from .models import ContactDecision, Referral

if TYPE_CHECKING:
    from frontdoor.accounts.models import User

REFERRAL_RELATED = (
    "contact",
    "decision",
    "decision__child__person",
    "child",
    "worker",
    "receiving_team",
    "allocated_worker",
    "authorised_by",
)


def contact_for_decision(*, user: User, pk, audit: bool = False) -> Contact | None:
    """A recorded contact the user may decide on; `audit` records the look (the decision page shown)."""
    if not permissions.can_decide(user):
        return None
    contact = (
        Contact.objects.filter(pk=pk, status=Contact.Status.RECORDED)
        .select_related("worker", "caller_agency")
        .prefetch_related("people__person")
        .first()
    )
    if contact is not None and audit:
        audit_record(actor=user, action="view", obj=contact, summary=f"Viewed the decision page of {contact.reference}")
    return contact


def decisions_for_contact(*, user: User, contact: Contact) -> dict:
    """The decisions on a contact by the child they are about ({ContactPerson pk or None: decision}), each
    with its referral if it became one (`decision.referral_or_none`)."""
    if not permissions.can_decide(user, contact):
        return {}
    decisions = ContactDecision.objects.filter(contact=contact).select_related("decided_by", "child__person")
    referrals = {r.decision_id: r for r in Referral.objects.filter(contact=contact)}
    out = {}
    for d in decisions:
        d.referral_or_none = referrals.get(d.pk)  # type: ignore[attr-defined]
        out[d.child_id] = d
    return out


def referral_for_decision(decision: ContactDecision) -> Referral | None:
    """The referral a decision became (None if it did not)."""
    return Referral.objects.filter(decision=decision).first()


def sibling_referrals(*, user: User, referral: Referral) -> list[Referral]:
    """The other children's referrals from the same contact that the user may see, by reference."""
    qs = Referral.objects.filter(contact_id=referral.contact_id).exclude(pk=referral.pk)
    qs = qs.select_related("decision__child__person", "receiving_team").order_by("reference")
    return list(permissions.referrals_visible_to(user, qs))


def contact_decisions_and_referrals(*, user: User, contact: Contact) -> list[dict]:
    """For the contact page: each child on the contact with their decision and referral (the referral
    only for a user who may see it). Empty for a user who may see neither decisions nor referrals."""
    if not (permissions.can_decide(user) or permissions.can_view_referrals(user)):
        return []
    decisions = {d.child_id: d for d in ContactDecision.objects.filter(contact=contact).select_related("child__person")}
    referrals = {
        r.decision_id: r for r in permissions.referrals_visible_to(user, Referral.objects.filter(contact=contact))
    }
    children: list[ContactPerson | None] = list(
        ContactPerson.objects.filter(contact=contact, role=ContactPerson.Role.CHILD, archived=False)
        .select_related("person")
        .order_by("position", "created_at")
    )
    rows = []
    for child in children or [None]:
        decision = decisions.get(child.pk if child else None)
        rows.append(
            {
                "child": child,
                "name": child.shown_name if child else "No child named",
                "decision": decision,
                "referral": referrals.get(decision.pk) if decision else None,
            }
        )
    return rows


def referral_get(*, user: User, pk, audit: bool = False) -> Referral | None:
    """A referral the user may see; `audit` records the look (the referral page shown)."""
    qs = Referral.objects.select_related(*REFERRAL_RELATED).prefetch_related("contact__people__person")
    referral = permissions.referrals_visible_to(user, qs).filter(pk=pk).first()
    if referral is not None and audit:
        audit_record(actor=user, action="view", obj=referral, summary=f"Viewed referral {referral.reference}")
    return referral


def referral_history(*, user: User, referral: Referral) -> dict:
    """What happened on a referral the user may see (empty lists for one they may not)."""
    if not permissions.can_view_referrals(user):
        return {"milestones": [], "sharing_decisions": [], "police_notifications": [], "mash_enquiries": []}
    return {
        "milestones": list(referral.milestones.select_related("recorded_by")),
        "sharing_decisions": list(referral.sharing_decisions.select_related("decided_by")),
        "police_notifications": list(referral.police_notifications.select_related("notified_by")),
        "mash_enquiries": list(referral.contact.mash_enquiries.all()),
    }


# --- Routing -------------------------------------------------------------------------------------


@dataclass
class RouteSuggestion:
    route: domain.Route
    team: Team | None
    worker: object | None


def child_postcode(referral: Referral) -> str:
    """The postcode of the child this referral is about (the record's, once linked)."""
    child = referral.decision.child if referral.decision_id else None
    if child is None:
        child = next((p for p in referral.contact.people.all() if p.is_child), None)
    if child is None:
        return ""
    return child.shown_postcode or child.postcode  # the record's postcode once linked


def open_case_for(person) -> Involvement | None:
    if person is None:
        return None
    return (
        Involvement.objects.filter(person=person, kind=Involvement.Kind.OPEN_CASE, end_date__isnull=True)
        .select_related("worker", "team")
        .first()
    )


def route_suggest(referral: Referral, disposal: int | None = None, youth_risk: bool | None = None) -> RouteSuggestion:
    """The receiving team the rules suggest for this referral's disposal and the child's locality."""
    district = district_for_postcode(child_postcode(referral))
    open_case = open_case_for(referral.child)
    route = domain.route_for(
        disposal=referral.disposal if disposal is None else disposal,
        level=referral.level,
        youth_risk=referral.youth_risk if youth_risk is None else youth_risk,
        locality=district.locality.code if district else "",
        district=district.code if district else "",
        open_case=open_case is not None,
    )
    if route.team_kind == "allocated_worker" and open_case is not None:
        return RouteSuggestion(route, open_case.team, open_case.worker)
    teams = Team.objects.filter(active=True, kind=route.team_kind)
    if route.district:
        teams = teams.filter(district__code=route.district)
    elif route.locality:
        teams = teams.filter(locality__code=route.locality)
    elif route.team_kind != "youth_fast":
        teams = teams.none()
    return RouteSuggestion(route, teams.first(), None)


def receiving_teams(*, user: User):
    """The teams a front door worker may route a referral to (none for anyone else)."""
    if not permissions.can_decide(user):
        return Team.objects.none()
    return Team.objects.filter(
        active=True, kind__in=["family_support", "fast", "youth_fast", "family_hub", "edt"]
    ).order_by("kind", "name")


# --- Checklist -----------------------------------------------------------------------------------


def referral_checklist(referral: Referral, *, user: User | None = None, next_url: str = "") -> Checklist:
    """The referral information checklist (referrals.checklist): what is known from the call and the person
    records, where to add what is not, coming back to `next_url`, in the wording for the referral's state."""
    return checklist.referral_checklist(referral, user=user, next_url=next_url)


def contacts_referred_to(user: User):
    """Contact ids behind the referrals the user's team holds (routed to it or allocated to them)."""
    return permissions.referrals_visible_to(user, Referral.objects.all()).values("contact_id")


def children_referred_to(user: User):
    """Person ids of the children whose referrals the user's team holds (routed to it or allocated to them)."""
    visible = permissions.referrals_visible_to(user, Referral.objects.filter(child__isnull=False))
    return visible.values("child_id")


def referrals_for_people(*, user: User, person_ids) -> dict:
    """The referrals the user may see about each of these people (the referral's child), newest first, by
    person pk: one query, whatever the number of people (the records check)."""
    if not permissions.can_view_referrals(user):
        return {}
    qs = permissions.referrals_visible_to(user, Referral.objects.filter(child_id__in=list(person_ids), archived=False))
    found: dict = {}
    for referral in qs.select_related("receiving_team").order_by("-created_at"):
        found.setdefault(referral.child_id, []).append(referral)
    return found
