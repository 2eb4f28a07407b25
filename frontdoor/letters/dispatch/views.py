"""Sending an approved letter: by e-mail (queued and retried) or recording that it was posted, and the PDF
of what was sent."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from frontdoor.ui.pages import found_or_404

from .. import selectors
from ..forms import PostForm, SendEmailForm
from ..pdf import LetterPdfError
from ..writing.views import writable_letter
from . import services


def sent_pdf(request, pk):
    sent = found_or_404(selectors.sent_letter_get(user=request.user, pk=pk, audit=True))
    response = HttpResponse(bytes(sent.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="letter-{sent.contact.reference}-{sent.sent_at:%Y%m%d%H%M}.pdf"'
    )
    return response


def _not_approved(request, letter):
    messages.error(request, "Approve the letter before sending it")
    return redirect("letters:letter", pk=letter.pk)


def _dispatch_page(request, pk, *, form_class, field: str, initial: str, template: str, busy: str, dispatch, done):
    """Send an approved letter one way: the form, one service call (`dispatch(letter, data)`), its refusals.

    `field` is the form's recipient field (its first value is the letter's `initial` attribute); a
    letter already being sent is refused with `busy`; `done(result)` gives the (level, message) after."""
    found = writable_letter(request, found_or_404(selectors.letter_get(user=request.user, pk=pk)))
    if found.status != found.Status.APPROVED:
        return _not_approved(request, found)
    form = form_class(request.POST if request.method == "POST" else None, initial={field: getattr(found, initial)})
    if request.method == "POST" and form.is_valid():
        try:
            result = dispatch(found, form.cleaned_data)
        except services.LetterInvalid as exc:
            form.add_error(field if field in exc.errors else None, next(iter(exc.errors.values())))
        except services.LetterBusy:
            messages.error(request, busy)
            return redirect("letters:contact", pk=found.contact_id)
        except LetterPdfError as exc:
            messages.error(request, str(exc))
            return redirect("letters:letter", pk=found.pk)
        else:
            messages.add_message(request, *done(result))
            return redirect("letters:contact", pk=found.contact_id)
    return render(request, template, {"letter": found, "form": form})


def _emailed(dispatch) -> tuple[int, str]:
    dispatch.refresh_from_db()
    if dispatch.status == dispatch.Status.FAILED:
        return messages.ERROR, f"The letter could not be emailed: {dispatch.last_error}. The letter has been kept."
    if dispatch.status == dispatch.Status.SENT:
        return messages.SUCCESS, f"Letter sent to {dispatch.recipient}"
    return messages.SUCCESS, f"The letter is being sent to {dispatch.recipient}"


def send(request, pk):
    return _dispatch_page(
        request,
        pk,
        form_class=SendEmailForm,
        field="email",
        initial="recipient_email",
        template="letters/send.html",
        busy="This letter is already being sent. Wait for it to finish before sending again.",
        dispatch=lambda letter, data: services.letter_send_email(
            actor=request.user,
            letter=letter,
            email=data["email"].strip(),
            idempotency_key=data["idempotency_key"],
        ),
        done=_emailed,
    )


def post(request, pk):
    return _dispatch_page(
        request,
        pk,
        form_class=PostForm,
        field="address",
        initial="recipient_address",
        template="letters/post.html",
        busy="This letter is already being sent by email. Wait for it to finish.",
        dispatch=lambda letter, data: services.letter_mark_posted(
            actor=request.user,
            letter=letter,
            address=data["address"],
            idempotency_key=data["idempotency_key"],
        ),
        done=lambda _: (messages.SUCCESS, "Letter marked as posted"),
    )
