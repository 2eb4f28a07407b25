"""Letter pages: the queues, a contact's letters, drafting, editing, approving and the PDF. Thin views over
selectors (reads) and services (writes)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.audit.selectors import audit_events_for_object
from frontdoor.core.locking import StaleEdit
from frontdoor.ui.forms import submit
from frontdoor.ui.pages import found_or_404
from frontdoor.ui.pagination import paginate

from .. import domain, permissions, selectors
from ..forms import LetterForm
from ..pdf import LetterPdfError, letter_pdf
from . import services


def writable_letter(request, letter):
    if not permissions.can_write_letter(request.user, letter.contact):
        raise Http404
    return letter


def queue(request):
    if not permissions.can_use_letter_queue(request.user):
        raise PermissionDenied
    page = paginate(request, selectors.letter_queue_contacts(user=request.user))
    return render(
        request,
        "letters/queue.html",
        {
            "page": page,
            "rows": selectors.letter_rows(page.object_list),
            "can_team": permissions.can_view_team_letters(request.user),
        },
    )


def team(request):
    if not permissions.can_view_team_letters(request.user):
        raise PermissionDenied
    page = paginate(request, selectors.team_overdue_contacts(user=request.user))
    return render(request, "letters/team.html", {"page": page, "rows": selectors.letter_rows(page.object_list)})


def contact(request, pk):
    found = found_or_404(selectors.contact_for_letters(user=request.user, pk=pk, audit=True))
    panel = found_or_404(selectors.contact_panel(user=request.user, contact=found))
    return render(request, "letters/contact.html", {"contact": found, "view_panel": panel})


@require_POST
def draft(request, pk):
    found = found_or_404(selectors.contact_for_letters(user=request.user, pk=pk))
    if not permissions.can_write_letter(request.user, found):
        raise Http404
    letter = services.letter_draft(actor=request.user, contact=found)
    return redirect("letters:letter", pk=letter.pk)


def letter(request, pk):
    found = found_or_404(selectors.letter_get(user=request.user, pk=pk, audit="page"))
    panel = found_or_404(selectors.contact_panel(user=request.user, contact=found.contact))
    return render(
        request,
        "letters/letter.html",
        {
            **panel,
            "letter": found,
            "sections": [
                {"name": n, "heading": label, "text": getattr(found, n)}
                for n, label, _r in domain.SECTIONS
                if getattr(found, n).strip()
            ],
            "audit_events": audit_events_for_object(user=request.user, obj=found),
            "outcome_problems": selectors.letter_outcome_problems(found) if panel.get("can_write") else [],
        },
    )


def _initial(letter) -> dict:
    return {
        "version": letter.version,
        "recipient_name": letter.recipient_name,
        "recipient_email": letter.recipient_email,
        "recipient_address": letter.recipient_address,
        **letter.sections(),
    }


def _edit_page(request, letter, form, status=200):
    return render(request, "letters/edit.html", {"letter": letter, "form": form}, status=status)


def edit(request, pk):
    found = writable_letter(request, found_or_404(selectors.letter_get(user=request.user, pk=pk)))
    form = LetterForm(request.POST if request.method == "POST" else None, initial=_initial(found))
    redraft = request.POST.get("redraft", "") if request.method == "POST" else ""
    if redraft and redraft not in services.REDRAFTABLE:
        raise Http404

    def save(data):
        wording = {k: v for k, v in data.items() if k != "version"}
        if redraft:
            return services.letter_redraft(
                actor=request.user, letter=found, version=data["version"], data=wording, section=redraft
            )
        return services.letter_update(actor=request.user, letter=found, version=data["version"], data=wording)

    saved, form = submit(request, form, save)
    if saved is None:
        return _edit_page(request, found, form)
    if redraft:
        label = domain.SECTION_LABELS[redraft]
        messages.success(request, f"'{label}' written again from the record. Read it, then save or approve.")
        return redirect("letters:edit", pk=saved.pk)
    if "approve" in request.POST:
        return _approve(request, saved, saved.version)
    messages.success(request, "Draft saved")
    return redirect("letters:letter", pk=saved.pk)


def _approve(request, letter, version):
    """Approve the letter as it stood at `version`. Refused as stale, the edit page shows the letter as it now
    stands (current version) with the message saying who changed it, so approving is a deliberate choice."""
    try:
        services.letter_approve(actor=request.user, letter=letter, version=version)
    except StaleEdit as exc:
        letter.refresh_from_db()
        form = LetterForm({**_initial(letter), "version": exc.current_version})
        form.is_valid()
        form.add_error(None, exc.for_reader(request.user).action_message)
        return _edit_page(request, letter, form)
    except services.LetterInvalid as exc:
        letter.refresh_from_db()
        form = LetterForm({**_initial(letter)})
        form.is_valid()
        form.add_errors(exc.errors)
        return _edit_page(request, letter, form, status=400)
    except LetterPdfError as exc:
        messages.error(request, str(exc))
        return redirect("letters:letter", pk=letter.pk)
    messages.success(request, "Letter approved. You can now send it.")
    return redirect("letters:letter", pk=letter.pk)


@require_POST
def approve(request, pk):
    found = writable_letter(request, found_or_404(selectors.letter_get(user=request.user, pk=pk)))
    return _approve(request, found, request.POST.get("version"))


def pdf(request, pk):
    found = found_or_404(selectors.letter_get(user=request.user, pk=pk, audit="pdf"))
    try:
        content = letter_pdf(found, draft=found.status != found.Status.APPROVED)
    except LetterPdfError as exc:
        messages.error(request, str(exc))
        return redirect("letters:letter", pk=found.pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letter-{found.contact.reference}.pdf"'
    return response
