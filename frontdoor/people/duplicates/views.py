"""Manager pages for probable duplicates: list, compare side by side, merge, dismiss, undo."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.ui.pages import found_or_404
from frontdoor.ui.pagination import paginate

from ..permissions import can_manage_duplicates
from ..tasks import find_duplicates_task
from . import selectors
from .scan import duplicate_scan_start
from .services import duplicate_dismiss, person_merge, person_merge_undo

COMPARED = [
    ("Person ID", "person_id"),
    ("Given name", "given_name"),
    ("Family name", "family_name"),
    ("Date of birth", "date_of_birth"),
    ("Sex", "get_sex_display"),
    ("Address", "address"),
    ("Postcode", "postcode"),
    ("NHS number", "nhs_number"),
    ("School or nursery", "school"),
]


def _require_manager(request):
    if not can_manage_duplicates(request.user):
        raise PermissionDenied


def _merge_or_404(request, pk):
    merge = found_or_404(selectors.merge_get(user=request.user, pk=pk))
    return merge


def duplicate_list(request):
    _require_manager(request)
    context = {
        "pairs": paginate(request, selectors.duplicate_list(user=request.user)),
        "merges": selectors.merge_list(user=request.user),
        "running": selectors.running_scan(),
        "last_scan": selectors.last_finished_scan(),
    }
    return render(request, "people/duplicates.html", context)


@require_POST
def duplicate_scan(request):
    _require_manager(request)
    if selectors.running_scan():
        messages.info(request, "A scan is already running. Refresh this page to see how far it has got.")
        return redirect("people:duplicates")
    scan = duplicate_scan_start(actor=request.user, everyone=request.POST.get("scope") == "everyone")
    transaction.on_commit(lambda: find_duplicates_task.enqueue(scan.pk))
    messages.success(request, "Looking for duplicates in the background. Refresh this page to see how far it has got.")
    return redirect("people:duplicates")


def duplicate_compare(request, pk):
    _require_manager(request)
    pair = found_or_404(selectors.duplicate_get(user=request.user, pk=pk, audit=request.method == "GET"))
    a, b = pair.person_a, pair.person_b
    rows = []
    for label, attr in COMPARED:
        va, vb = getattr(a, attr), getattr(b, attr)
        va, vb = (va() if callable(va) else va), (vb() if callable(vb) else vb)
        rows.append({"label": label, "a": va or "", "b": vb or "", "same": va == vb})
    ca, cb = selectors.linked_counts(a), selectors.linked_counts(b)
    rows += [{"label": k, "a": ca[k], "b": cb[k], "same": True} for k in ca]
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "dismiss":
                duplicate_dismiss(actor=request.user, duplicate=pair)
                messages.success(request, "Marked as different people")
                return redirect("people:duplicates")
            if action in ("keep_a", "keep_b"):
                keep, other = (a, b) if action == "keep_a" else (b, a)
                merge = person_merge(actor=request.user, keep=keep, other=other, duplicate=pair)
                messages.success(request, f"Merged {other.person_id} into {keep.person_id}")
                return redirect("people:merge", pk=merge.pk)
        except ValidationError as e:
            messages.error(request, e.messages[0])
    return render(request, "people/duplicate_compare.html", {"pair": pair, "a": a, "b": b, "rows": rows})


def merge_detail(request, pk):
    _require_manager(request)
    merge = _merge_or_404(request, pk)
    moved = {label.replace("_", " "): len(ids) for label, ids in merge.moved.items()}
    return render(request, "people/merge.html", {"merge": merge, "moved": moved})


@require_POST
def merge_undo(request, pk):
    _require_manager(request)
    merge = _merge_or_404(request, pk)
    try:
        person_merge_undo(actor=request.user, merge=merge)
        messages.success(request, "The merge has been undone: both records are back as they were")
    except ValidationError as e:
        messages.error(request, e.messages[0])
    return redirect("people:merge", pk=merge.pk)
