"""Contact pages: my contacts, my drafts, the team's contacts, a contact, and the confirmation."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from frontdoor.audit.permissions import can_view_audit
from frontdoor.audit.selectors import audit_events_for_object
from frontdoor.mash.selectors import enquiries_for_contact
from frontdoor.referrals.permissions import can_decide
from frontdoor.referrals.selectors import contact_decisions_and_referrals
from frontdoor.ui.pages import found_or_404
from frontdoor.ui.pagination import paginate

from .. import domain, selectors
from ..permissions import (
    can_change_linked_record,
    can_edit_draft,
    can_open_contact_pages,
    can_see_caller_identity,
    can_view_contacts,
    can_view_team_contacts,
    reads_as_receiving_team,
)
from .common import person_url, record_required, step_url


def my_contacts(request):
    if not can_view_contacts(request.user):
        raise PermissionDenied
    page = paginate(request, selectors.contact_list_for_worker(user=request.user))
    page.object_list = selectors.with_children_counts(page.object_list)
    return render(request, "contacts/list.html", {"page": page, "title": "My contacts", "mine": True})


def team_contacts(request):
    if not can_view_team_contacts(request.user):
        raise PermissionDenied
    page = paginate(request, selectors.contact_list_for_team(user=request.user))
    page.object_list = selectors.with_children_counts(page.object_list)
    title = f"Contacts by {request.user.team.name}"
    return render(request, "contacts/list.html", {"page": page, "title": title, "mine": False})


@record_required
def drafts(request):
    page = paginate(request, selectors.draft_list_for_worker(user=request.user))
    for contact in page.object_list:
        contact.resume_url = step_url(contact, domain.resume_step(contact.last_step))
        contact.resume_title = domain.step_title(domain.resume_step(contact.last_step))
    return render(request, "contacts/drafts.html", {"page": page})


def detail(request, pk):
    """Everything about a contact. Opening it is audited; managers see the audit trail. A receiving
    practitioner gets the read-only view of a contact behind a referral routed to their team."""
    if not can_open_contact_pages(request.user):
        raise PermissionDenied
    contact = found_or_404(selectors.contact_get(user=request.user, pk=pk))
    people = list(contact.people.all())
    for cp in people:
        cp.person_url = person_url(cp.person)
    shown, actions = selectors.contact_as_read_by(user=request.user, contact=contact)
    if reads_as_receiving_team(request.user):
        return render(
            request,
            "contacts/received.html",
            {
                "contact": shown,
                "actions": actions,
                "children": [p for p in people if p.is_child],
                "others": [p for p in people if not p.is_child],
                "checks": selectors.records_check_for(user=request.user, contact=contact),
                "show_caller_identity": can_see_caller_identity(request.user, contact),
                "referrals": selectors.referrals_received(user=request.user, contact=contact),
                "mash_enquiries": enquiries_for_contact(user=request.user, contact=contact),
            },
        )
    context = {
        "contact": shown,
        "actions": actions,
        "children": [p for p in people if p.is_child],
        "others": [p for p in people if not p.is_child],
        "checks": selectors.records_check_for(user=request.user, contact=contact),
        "can_continue": can_edit_draft(request.user, contact),
        "resume_url": step_url(contact, domain.resume_step(contact.last_step)),
        "show_audit": can_view_audit(request.user),
        "show_caller_identity": can_see_caller_identity(request.user, contact),
        "audit_events": audit_events_for_object(user=request.user, obj=contact),
        "can_decide": can_decide(request.user, contact),
        "can_relink": can_change_linked_record(request.user, contact),
        "decisions": contact_decisions_and_referrals(user=request.user, contact=contact),
    }
    return render(request, "contacts/detail.html", context)


@record_required
def recorded(request, pk):
    """The confirmation after saving: reference and deadlines."""
    contact = found_or_404(selectors.contact_owned_get(user=request.user, pk=pk))
    if contact.is_draft:
        return redirect(step_url(contact, domain.resume_step(contact.last_step)))
    return render(request, "contacts/recorded.html", {"contact": contact})
