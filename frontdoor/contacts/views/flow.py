"""The question pages of the call flow in CADS script order. Each POST validates the whole step and
saves the draft through one service call before moving on."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.referrals import domain as referral_domain
from frontdoor.referrals import forms as referral_forms
from frontdoor.referrals import selectors as referral_selectors
from frontdoor.referrals import services as referral_services
from frontdoor.referrals.permissions import can_decide
from frontdoor.ui.forms import add_service_errors, posted_as_initial, submit
from frontdoor.ui.pages import found_or_404
from frontdoor.ui.templatetags.govuk import govuk_error_summary

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


class DecisionPart:
    """The decision fields on the check page, for a worker who may decide: one part per child (prefix c0, c1...)
    and, for two or more children, "the same decision for all children" (prefix all). `apply` is the button
    pressed: "all", "each", or None (the contact is only saved). Nothing typed is lost: the parts not applied
    show what was typed in them again."""

    def __init__(self, children, posted, apply: str | None):
        self.apply = apply
        self.rows = []
        for index, child in enumerate(children):
            prefix = f"c{index}"
            if apply == "each":
                form = referral_forms.DecisionForm(posted, initial={"version": 0}, prefix=prefix)
            else:
                initial = {"version": 0, **posted_as_initial(referral_forms.DecisionForm, prefix, posted)}
                form = referral_forms.DecisionForm(initial=initial, prefix=prefix)
            self.rows.append({"index": index, "child": child, "name": child.shown_name, "form": form})
        self.same_form = None
        if len(self.rows) >= 2:
            self.same_form = (
                referral_forms.SameDecisionForm(posted, prefix="all")
                if apply == "all"
                else referral_forms.SameDecisionForm(
                    initial=posted_as_initial(referral_forms.SameDecisionForm, "all", posted) or None, prefix="all"
                )
            )
        self.page_error = ""

    @property
    def each_typed(self) -> bool:
        """Something was typed in a child's own part (shown open again)."""
        fields = referral_forms.SameDecisionForm.DATA_FIELDS
        return any(not r["form"].is_blank() or any(r["form"].initial.get(f) for f in fields) for r in self.rows)

    def chosen(self) -> list[dict]:
        return [r for r in self.rows if not r["form"].is_blank()]

    def is_valid(self) -> bool:
        if self.apply == "all":
            return self.same_form is not None and self.same_form.is_valid()
        chosen = self.chosen()
        if not chosen:
            self.page_error = "Record a decision for at least one child, or save the call without a decision"
            return False
        return all(r["form"].is_valid() for r in chosen)

    def record(self, *, actor, contact):
        """Apply the decision fields to the contact just recorded (inside its transaction)."""
        if self.apply == "all":
            return referral_services.decisions_record_same(actor=actor, contact=contact, **self.same_form.cleaned_data)
        choices = [{"index": r["index"], "child": r["child"], **r["form"].cleaned_data} for r in self.chosen()]
        return referral_services.decisions_record_each(actor=actor, contact=contact, choices=choices)

    def refused(self, refused: referral_services.ChildDecisionRefused) -> None:
        row = next(r for r in self.rows if r["index"] == refused.index)
        if isinstance(refused.error, ValidationError):
            add_service_errors(row["form"], refused.error)
        else:
            row["form"].add_error(None, str(refused.error))

    def errors(self) -> list[dict]:
        errors = []
        if self.page_error:
            errors.append({"href": "#decisions", "message": self.page_error})
        if self.same_form is not None and self.same_form.is_bound:
            errors += govuk_error_summary(self.same_form)["errors"]
        for r in self.rows:
            if r["form"].is_bound:
                errors += [
                    {**e, "message": f"{r['name']}: {e['message']}"} for e in govuk_error_summary(r["form"])["errors"]
                ]
        return errors


@draft_page("GET", "POST")
def check(request, contact):
    """Check your answers: the named problem as one editable summary, the new people to add to the person
    index (a tick each), then save the contact. A worker who may decide can record each child's decision here
    too: "Save the call and record the decision" records the contact and then the decisions in one transaction
    (all or nothing; errors keep everything typed)."""
    missing = []
    plan = services.index_plan(contact, list(contact.people.all()))
    choices = _index_choices(plan)
    may_decide = can_decide(request.user, contact)
    posted = request.POST if request.method == "POST" else None
    apply = (posted.get("decide") or None) if posted is not None and may_decide else None
    children = [p for p in contact.people.all() if p.is_child]
    decisions = DecisionPart(children, posted, apply) if may_decide else None
    if request.method == "POST":
        posted_form = forms.CheckForm(request.POST, index_choices=choices)
        decided: list = []

        def record(data):
            try:
                with transaction.atomic():
                    recorded = services.contact_record(
                        actor=request.user,
                        contact=contact,
                        version=data["version"],
                        named_problem=data["named_problem"],
                        add_to_index=posted_form.index_choice_ids(),
                    )
                    if apply:
                        decided.extend(decisions.record(actor=request.user, contact=recorded))
                    return recorded
            except services.ContactIncompleteError as exc:
                # Keep the named problem as typed, then say what is still to answer.
                missing.extend(exc.missing)
                return services.contact_step_save(
                    actor=request.user,
                    contact=contact,
                    version=data["version"],
                    step=contact.last_step or "check",
                    values=posted_form.values(),
                )
            except referral_services.ChildDecisionRefused as refused:
                decisions.refused(refused)
                raise ValidationError("The call was not saved: correct the decision and save again") from None

        if apply and not decisions.is_valid():
            posted_form.is_valid()
            saved, form = None, posted_form
        else:
            saved, form = submit(request, posted_form, record, index_choices=choices)
        if saved and missing:
            form = forms.CheckForm(
                initial={**forms.CheckForm.initial_from(saved), "add_to_index": posted_form.index_choice_ids()},
                index_choices=choices,
            )
        elif saved:
            messages.success(request, f"Contact {saved.reference} recorded")
            opened = [r for r in (referral_selectors.referral_for_decision(d) for d in decided) if r is not None]
            if opened:
                names = ", ".join(f"{r.reference} for {r.child_name or 'the child'}" for r in opened)
                messages.success(
                    request, f"Referral{'s' if len(opened) > 1 else ''} {names}: complete each and send it"
                )
                return redirect("referrals:edit", pk=opened[0].pk)
            if decided:
                messages.success(request, f"Decision{'s' if len(decided) > 1 else ''} on {saved.reference} saved")
            return redirect("contacts:recorded", pk=saved.pk)
    else:
        initial = forms.CheckForm.initial_from(contact)
        initial["named_problem"] = contact.named_problem or domain.suggested_named_problem(contact)
        form = forms.CheckForm(initial=initial, index_choices=choices)
    contact = found_or_404(selectors.contact_get(user=request.user, pk=contact.pk, audit=False))
    people = list(contact.people.all())
    for cp in people:
        cp.person_url = person_url(cp.person)
    errors = govuk_error_summary(form)["errors"] + (decisions.errors() if decisions else [])
    return render(
        request,
        "contacts/steps/check.html",
        step_context(
            contact,
            "check",
            request,
            form=form,
            errors=errors,
            missing=[{"message": m, "href": step_url(contact, s, return_to_check=True)} for s, m in missing],
            editable=True,
            actions=list(contact.actions.all()),
            children=[p for p in people if p.is_child],
            others=[p for p in people if not p.is_child],
            index_plan=plan,
            stays_on_contact=[c for c in plan if not c.allowed],
            decision_days=settings.FRONTDOOR_DECISION_WORKING_DAYS,
            letter_days=settings.FRONTDOOR_LETTER_WORKING_DAYS,
            decisions=decisions,
            levels=referral_domain.LEVELS,
        ),
    )
