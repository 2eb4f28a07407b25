"""The question pages of the call flow in CADS script order. Each POST validates the whole step and
saves the draft through one service call before moving on."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.ui.forms import submit
from frontdoor.ui.pages import found_or_404

from .. import domain, forms, selectors, services
from .common import draft_page, person_url, record_required, save_step, step_context, step_url

SIMPLE_STEPS = {
    "caller": (forms.CallerForm, "contacts/steps/caller.html"),
    "worries": (forms.WorriesForm, "contacts/steps/form_step.html"),
    "records": (forms.RecordsForm, "contacts/steps/records.html"),
    "consent": (forms.ConsentForm, "contacts/steps/form_step.html"),
    "relationship": (forms.RelationshipForm, "contacts/steps/form_step.html"),
    "outcome": (forms.OutcomeForm, "contacts/steps/form_step.html"),
}


@record_required
@require_http_methods(["GET", "POST"])
def start(request):
    """Start a call: the draft is created (received now) only when the worker presses the button."""
    if request.method == "POST":
        contact = services.contact_start(actor=request.user)
        return redirect("contacts:caller", pk=contact.pk)
    return render(request, "contacts/start.html", {"steps": domain.STEPS})


@draft_page("GET", "POST")
def step(request, contact, slug: str):
    if slug not in SIMPLE_STEPS:
        raise Http404("No such step")
    form_class, template = SIMPLE_STEPS[slug]
    if request.method == "POST":
        saved, form = save_step(request, contact, form_class(request.POST), slug)
        if saved:
            return saved
    else:
        form = form_class(initial=form_class.initial_from(contact))
    extra = {"form": form}
    if slug == "records":
        extra["checks"] = selectors.records_check_for(user=request.user, contact=contact, audit=True)
    return render(request, template, step_context(contact, slug, request, **extra))


def _index_choices(plan) -> list[tuple[str, str]]:
    return [
        (str(c.contact_person.pk), f"{c.contact_person.shown_name} ({c.contact_person.get_role_display().lower()})")
        for c in plan
        if c.allowed
    ]


@draft_page("GET", "POST")
def check(request, contact):
    """Check your answers: the named problem as one editable summary, the new people to add to the person
    index (a tick each), then save the contact."""
    missing = []
    plan = services.index_plan(contact, list(contact.people.all()))
    choices = _index_choices(plan)
    if request.method == "POST":
        posted = forms.CheckForm(request.POST, index_choices=choices)

        def record(data):
            try:
                return services.contact_record(
                    actor=request.user,
                    contact=contact,
                    version=data["version"],
                    named_problem=data["named_problem"],
                    add_to_index=posted.index_choice_ids(),
                )
            except services.ContactIncompleteError as exc:
                # Keep the named problem as typed, then say what is still to answer.
                missing.extend(exc.missing)
                return services.contact_step_save(
                    actor=request.user,
                    contact=contact,
                    version=data["version"],
                    step=contact.last_step or "check",
                    values=posted.values(),
                )

        saved, form = submit(request, posted, record, index_choices=choices)
        if saved and missing:
            form = forms.CheckForm(
                initial={**forms.CheckForm.initial_from(saved), "add_to_index": posted.index_choice_ids()},
                index_choices=choices,
            )
        elif saved:
            messages.success(request, f"Contact {saved.reference} recorded")
            return redirect("contacts:recorded", pk=saved.pk)
    else:
        initial = forms.CheckForm.initial_from(contact)
        initial["named_problem"] = contact.named_problem or domain.suggested_named_problem(contact)
        form = forms.CheckForm(initial=initial, index_choices=choices)
    contact = found_or_404(selectors.contact_get(user=request.user, pk=contact.pk, audit=False))
    people = list(contact.people.all())
    for cp in people:
        cp.person_url = person_url(cp.person)
    return render(
        request,
        "contacts/steps/check.html",
        step_context(
            contact,
            "check",
            request,
            form=form,
            missing=[{"message": m, "href": step_url(contact, s, return_to_check=True)} for s, m in missing],
            editable=True,
            actions=list(contact.actions.all()),
            children=[p for p in people if p.is_child],
            others=[p for p in people if not p.is_child],
            index_plan=plan,
            stays_on_contact=[c for c in plan if not c.allowed],
            decision_days=settings.FRONTDOOR_DECISION_WORKING_DAYS,
            letter_days=settings.FRONTDOOR_LETTER_WORKING_DAYS,
        ),
    )
