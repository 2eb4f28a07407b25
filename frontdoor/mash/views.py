"""MASH pages. A partner asking for a request of another agency gets 404, the same as a missing one."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.ui.forms import submit
from frontdoor.ui.pages import visible_or_404

from . import domain, forms, permissions, selectors, services


def _enquiry_or_404(request, pk, *, audit: bool = False):
    return visible_or_404(request, permissions.can_run_enquiries, selectors.enquiry_get, pk=pk, audit=audit)


def enquiry_open(request, contact_id):
    contact = visible_or_404(request, permissions.can_run_enquiries, selectors.contact_for_enquiry, pk=contact_id)
    enquiry, form = submit(
        request,
        forms.OpenForm(request.POST or None),
        lambda data: services.enquiry_open(
            # The enquiry is about the contact (every child on it); it points at the first child's referral, if any.
            actor=request.user,
            contact=contact,
            reason=data["reason"],
            referral=contact.referrals.order_by("reference").first(),
        ),
    )
    if enquiry:
        messages.success(request, f"MASH enquiry {enquiry.reference} opened")
        return redirect("mash:detail", pk=enquiry.pk)
    return render(request, "mash/open.html", {"contact": contact, "form": form})


def enquiry_detail(request, pk):
    """The enquiry: run by the MASH; read (only) by the receiving team of a referral on its contact."""
    enquiry = visible_or_404(request, permissions.can_open_enquiries, selectors.enquiry_get, pk=pk, audit=True)
    if not permissions.can_run_enquiries(request.user):
        shared = selectors.enquiry_as_shared(user=request.user, enquiry=enquiry)
        return render(request, "mash/received.html", {"shared": shared, "enquiry": enquiry, "contact": shared.contact})
    return render(
        request,
        "mash/detail.html",
        {
            "enquiry": enquiry,
            "contact": enquiry.contact,
            "requests": list(enquiry.requests.all()),
            "is_open": enquiry.state == domain.OPEN,
            "conclude_form": forms.ConcludeForm(initial={"version": enquiry.version}),
            "rag_deadlines": domain.rag_deadlines(),
        },
    )


def request_add(request, pk):
    enquiry = _enquiry_or_404(request, pk)
    agencies = selectors.partner_agencies(user=request.user)

    def save(data):
        due_at = None
        if data.get("due_on"):
            due_at = timezone.make_aware(dt.datetime.combine(data["due_on"], data.get("due_time") or dt.time(17, 0)))
        try:
            return services.request_send(
                actor=request.user,
                enquiry=enquiry,
                agency=data["agency"],
                rag=data["rag"],
                question=data["question"],
                due_at=due_at,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "due_at" in exc.error_dict:
                raise ValidationError({"due_on": exc.message_dict["due_at"][0]}) from None
            raise

    sent, form = submit(request, forms.RequestForm(request.POST or None, agencies=agencies), save, agencies=agencies)
    if sent:
        messages.success(request, f"Request sent to {sent.agency}")
        return redirect("mash:detail", pk=enquiry.pk)
    return render(request, "mash/request_add.html", {"enquiry": enquiry, "form": form})


def enquiry_conclude(request, pk):
    enquiry = _enquiry_or_404(request, pk)
    concluded, form = submit(
        request,
        forms.ConcludeForm(request.POST or None, initial={"version": enquiry.version}),
        lambda data: services.enquiry_conclude(actor=request.user, enquiry=enquiry, **data),
    )
    if concluded:
        messages.success(request, f"MASH enquiry {enquiry.reference} concluded")
        return redirect("mash:detail", pk=enquiry.pk)
    return render(request, "mash/conclude.html", {"enquiry": enquiry, "form": form})


def request_detail(request, pk):
    user = request.user
    if not permissions.can_use_requests(user):
        raise PermissionDenied
    info_request = selectors.request_get(user=user, pk=pk, audit=request.method == "GET")
    if info_request is None:
        if request.method == "POST":
            services.request_answer_refused(actor=user, request_id=pk)
        raise Http404
    can_answer = permissions.can_answer(user, info_request) and info_request.state == domain.SENT
    form = forms.AnswerForm(request.POST or None, initial={"version": info_request.version})
    if request.method == "POST" and not permissions.can_answer(user, info_request):
        raise PermissionDenied
    answered, form = submit(
        request, form, lambda data: services.request_answer(actor=user, request=info_request, **data)
    )
    if answered:
        messages.success(request, "Thank you: your answer has been sent to the MASH")
        return redirect("referrals:queue", name="requests")
    contact = info_request.enquiry.contact
    return render(
        request,
        "mash/request_detail.html",
        {
            "info_request": info_request,
            "form": form,
            "can_answer": can_answer,
            "children": [p for p in contact.people.all() if p.is_child],
            "adults": [p for p in contact.people.all() if not p.is_child],
        },
    )
