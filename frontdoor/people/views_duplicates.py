"""Manager pages for probable duplicates: list, compare side by side, merge, dismiss, undo."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .duplicates import duplicate_scan_start, last_finished_scan, running_scan
from .merging import duplicate_dismiss, person_merge, person_merge_undo
from .models import PersonMerge, PossibleDuplicate
from .permissions import can_manage_duplicates
from .tasks import find_duplicates_task

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


def duplicate_list(request):
    _require_manager(request)
    pairs = PossibleDuplicate.objects.filter(status=PossibleDuplicate.Status.OPEN).select_related(
        "person_a", "person_b"
    )
    merges = PersonMerge.objects.select_related("kept", "merged").order_by("-created_at")[:20]
    context = {
        "pairs": pairs[:200],
        "merges": merges,
        "running": running_scan(),
        "last_scan": last_finished_scan(),
    }
    return render(request, "people/duplicates.html", context)


@require_POST
def duplicate_scan(request):
    _require_manager(request)
    if running_scan():
        messages.info(request, "A scan is already running. Refresh this page to see how far it has got.")
        return redirect("people:duplicates")
    scan = duplicate_scan_start(actor=request.user, everyone=request.POST.get("scope") == "everyone")
    transaction.on_commit(lambda: find_duplicates_task.enqueue(scan.pk))
    messages.success(request, "Looking for duplicates in the background. Refresh this page to see how far it has got.")
    return redirect("people:duplicates")


def _counts(person) -> dict:
    return {
        "Contacts": person.contact_links.count(),
        "Relationships": person.relationships_from.filter(archived=False).count()
        + person.relationships_to.filter(archived=False).count(),
        "Involvements": person.involvements.filter(archived=False).count(),
    }


def duplicate_compare(request, pk):
    _require_manager(request)
    pair = get_object_or_404(PossibleDuplicate.objects.select_related("person_a", "person_b"), pk=pk)
    a, b = pair.person_a, pair.person_b
    rows = []
    for label, attr in COMPARED:
        va, vb = getattr(a, attr), getattr(b, attr)
        va, vb = (va() if callable(va) else va), (vb() if callable(vb) else vb)
        rows.append({"label": label, "a": va or "", "b": vb or "", "same": va == vb})
    ca, cb = _counts(a), _counts(b)
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
    merge = get_object_or_404(PersonMerge.objects.select_related("kept", "merged"), pk=pk)
    moved = {label.replace("_", " "): len(ids) for label, ids in merge.moved.items()}
    return render(request, "people/merge.html", {"merge": merge, "moved": moved})


@require_POST
def merge_undo(request, pk):
    _require_manager(request)
    merge = get_object_or_404(PersonMerge, pk=pk)
    try:
        person_merge_undo(actor=request.user, merge=merge)
        messages.success(request, "The merge has been undone: both records are back as they were")
    except ValidationError as e:
        messages.error(request, e.messages[0])
    return redirect("people:merge", pk=merge.pk)
