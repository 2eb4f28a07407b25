"""The person record page, and the pages for keeping the record right (each linked from it).

Thin: find the person (404 if the user may not see them), check `can_edit_person` (403), validate the
form, make one service call, and go back to the record with a success message. A refusal from the
service (a rule, a stale tab) is shown on the form with everything the worker typed kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from frontdoor.audit.permissions import can_see_who_looked, can_view_audit
from frontdoor.audit.selectors import audit_events_about, audit_events_for_object
from frontdoor.audit.services import audit_record
from frontdoor.core.locking import StaleEdit
from frontdoor.ui.forms import submit
from frontdoor.ui.pages import found_or_404
from frontdoor.ui.pagination import paginate

from ..family.selectors import repeat_concern_get
from ..permissions import can_clear_needs_checking, can_edit_person, can_list_needs_checking, can_restrict
from ..restricted.selectors import restriction_in_force
from . import forms, selectors, services
from .pages import confirm, done, editable_person, page, person_or_404

# The record page ---------------------------------------------------------------------------------


def detail(request, pk):
    person = person_or_404(request, pk)
    audit_record(actor=request.user, action="view", obj=person, summary=f"Viewed the record of {person.full_name}")
    context = {
        "person": person,
        "repeat_concern": repeat_concern_get(user=request.user, person=person),
        "can_edit": can_edit_person(request.user, person),
        "can_clear_needs_checking": can_clear_needs_checking(request.user, person),
        **selectors.person_detail_context(user=request.user, person=person),
    }
    if can_view_audit(request.user):
        context["audit_events"] = audit_events_for_object(user=request.user, obj=person, limit=50)
    context["can_see_who_looked"] = can_see_who_looked(request.user)
    context["can_restrict"] = can_restrict(request.user, person)
    context["restriction"] = restriction_in_force(person)
    return render(request, "people/detail.html", context)


def looks(request, pk):
    """Who has looked at this child, and at every call, referral, enquiry and letter about them (managers)."""
    person = person_or_404(request, pk)
    if not can_see_who_looked(request.user):
        raise Http404
    form = forms.LooksForm(request.GET if request.GET.keys() - {"page"} else None)
    since = until = None
    if form.is_bound and form.is_valid():
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
    events = audit_events_about(
        user=request.user, objects=selectors.person_record_objects(person), since=since, until=until
    ).select_related("actor")
    audit_record(
        actor=request.user,
        action="view",
        obj=person,
        summary=f"Viewed who has looked at the record of {person.full_name}",
    )
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request, "people/looks.html", {"person": person, "form": form, "page": paginate(request, events)}, status=status
    )


# Details and addresses -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def details_edit(request, pk):
    person = editable_person(request, pk)
    if request.method == "POST":
        form = forms.PersonDetailsForm(request.POST)
        saved, form = submit(
            request,
            form,
            lambda data: services.person_details_update(
                actor=request.user, person=person, version=data["version"], **form.values()
            ),
        )
        if saved:
            return done(request, person, "Details saved")
    else:
        form = forms.PersonDetailsForm(initial=forms.PersonDetailsForm.initial_from(person, person.version))
    return page(request, person, "people/record/details.html", form=form)


# Records that need checking (issue 11: the import keeps everyone, faulty values blank) -------------


def needs_checking(request):
    """The list for those who keep the index: each record links to the record page, where it is corrected."""
    if not can_list_needs_checking(request.user):
        raise PermissionDenied
    people = paginate(request, selectors.people_needing_checks(user=request.user))
    audit_record(
        actor=request.user,
        action="view",
        obj=None,  # a list: the people on the page are named in `changes`
        summary=f"Viewed the records that need checking (page {people.number}, {len(people.object_list)} people)",
        changes={"list": "people:needs_checking", "page": people.number, "people": [p.person_id for p in people]},
    )
    return render(request, "people/needs_checking.html", {"people": people})


@require_POST
def needs_checking_clear(request, pk):
    person = person_or_404(request, pk)
    if not can_clear_needs_checking(request.user, person):
        raise PermissionDenied("Your role cannot mark records as checked")
    try:
        services.person_needs_checking_clear(actor=request.user, person=person, version=request.POST.get("version"))
    except StaleEdit as exc:
        messages.error(request, exc.for_reader(request.user).action_message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The record of {person.full_name} is marked as checked")
    return redirect("people:detail", pk=person.pk)


@require_http_methods(["GET", "POST"])
def address_move(request, pk):
    person = editable_person(request, pk)
    form = forms.AddressMoveForm(request.POST or None)
    if request.method == "POST":
        saved, form = submit(
            request, form, lambda data: services.person_address_move(actor=request.user, person=person, **data)
        )
        if saved:
            return done(request, person, "New address recorded")
    return page(request, person, "people/record/address_move.html", form=form)


@require_http_methods(["GET", "POST"])
def address_correct(request, pk):
    """Correct the current address (a mistake, not a move)."""
    person = editable_person(request, pk)
    current = selectors.person_current_address(user=request.user, person=person)
    if request.method == "POST":
        form = forms.AddressCorrectForm(request.POST)
        saved, form = submit(
            request,
            form,
            lambda data: services.person_address_correct(
                actor=request.user,
                person=person,
                version=data["version"],
                address=data["address"],
                postcode=data["postcode"],
                moved_in=data["moved_in"],
            ),
        )
        if saved:
            return done(request, person, "Current address corrected")
    else:
        form = forms.AddressCorrectForm(
            initial={
                "address": person.address,
                "postcode": person.postcode,
                "moved_in": current.moved_in if current else None,
                "version": person.version,
            }
        )
    return page(request, person, "people/record/address_correct.html", form=form, earlier=False)


@require_http_methods(["GET", "POST"])
def address_history_correct(request, pk, row_pk):
    person = editable_person(request, pk)
    row = found_or_404(selectors.person_address_get(user=request.user, person=person, pk=row_pk))
    if row.moved_out is None:
        return redirect("people:address_correct", pk=person.pk)
    if request.method == "POST":
        form = forms.AddressCorrectForm(request.POST, earlier=True)
        saved, form = submit(
            request,
            form,
            lambda data: services.address_history_correct(
                actor=request.user,
                person=person,
                row=row,
                version=data["version"],
                address=data["address"],
                postcode=data["postcode"],
                moved_in=data["moved_in"],
                moved_out=data["moved_out"],
            ),
            earlier=True,
        )
        if saved:
            return done(request, person, "Earlier address corrected")
    else:
        initial = {f: getattr(row, f) for f in ("address", "postcode", "moved_in", "moved_out")}
        form = forms.AddressCorrectForm(initial={**initial, "version": row.version}, earlier=True)
    return page(request, person, "people/record/address_correct.html", form=form, earlier=True, row=row)


@require_http_methods(["GET", "POST"])
def address_history_archive(request, pk, row_pk):
    person = editable_person(request, pk)
    row = found_or_404(selectors.person_address_get(user=request.user, person=person, pk=row_pk))
    if row.moved_out is None:
        raise Http404("The current address is corrected or replaced, not removed")
    return confirm(
        request,
        person,
        thing=f"{row}",
        heading="Are you sure you want to remove this earlier address?",
        button="Yes, remove the address",
        row=row,
        archive=lambda version: services.address_history_archive(
            actor=request.user, person=person, row=row, version=version
        ),
        message="Earlier address removed",
    )


# Other names and disabilities ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def alias_add(request, pk):
    person = editable_person(request, pk)
    form = forms.AliasForm(request.POST or None)
    if request.method == "POST":
        saved, form = submit(request, form, lambda data: services.alias_add(actor=request.user, person=person, **data))
        if saved:
            return done(request, person, "Other name added")
    return page(request, person, "people/record/alias_add.html", form=form)


@require_http_methods(["GET", "POST"])
def alias_archive(request, pk, alias_pk):
    person = editable_person(request, pk)
    alias = found_or_404(selectors.person_alias_get(user=request.user, person=person, pk=alias_pk))
    return confirm(
        request,
        person,
        thing=f"{alias.get_kind_display()}: {alias}",
        heading=f"Are you sure you want to remove the name {alias}?",
        button="Yes, remove the name",
        row=alias,
        archive=lambda version: services.alias_archive(actor=request.user, person=person, alias=alias, version=version),
        message="Other name removed",
    )


@require_http_methods(["GET", "POST"])
def disability_add(request, pk):
    person = editable_person(request, pk)
    form = forms.DisabilityForm(request.POST or None)
    if request.method == "POST":
        saved, form = submit(
            request, form, lambda data: services.disability_add(actor=request.user, person=person, **data)
        )
        if saved:
            return done(request, person, "Disability recorded")
    return page(request, person, "people/record/disability_add.html", form=form)


@require_http_methods(["GET", "POST"])
def disability_archive(request, pk, disability_pk):
    person = editable_person(request, pk)
    disability = found_or_404(selectors.person_disability_get(user=request.user, person=person, pk=disability_pk))
    return confirm(
        request,
        person,
        thing=disability.get_code_display(),
        heading=f"Are you sure you want to remove ‘{disability.get_code_display()}’?",
        button="Yes, remove the disability",
        row=disability,
        archive=lambda version: services.disability_archive(
            actor=request.user, person=person, disability=disability, version=version
        ),
        message="Disability removed",
    )
