import datetime as dt
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.core.spreadsheets import SafeCsvWriter, safe_row

from .forms import PeriodForm
from .permissions import can_view_reports
from .selectors import LIST_1_COLUMNS, annex_a_list_1, contact_timeliness


def _default_period() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return today - dt.timedelta(days=183), today


def dashboard(request):
    if not can_view_reports(request.user):
        raise PermissionDenied
    start, end = _default_period()
    form = PeriodForm(request.GET or None, initial={"start": start, "end": end})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    figures = contact_timeliness(user=request.user, start=start, end=end)
    return render(request, "reporting/dashboard.html", {"form": form, "figures": figures, "start": start, "end": end})


def annex_a_list_1_download(request):
    if not can_view_reports(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET)
    if not form.is_valid():
        start, end = _default_period()
        figures = contact_timeliness(user=request.user, start=start, end=end)
        return render(
            request,
            "reporting/dashboard.html",
            {"form": form, "figures": figures, "start": start, "end": end},
            status=400,
        )
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    as_xlsx = form.cleaned_data.get("format") == "xlsx"
    rows = annex_a_list_1(user=request.user, start=start, end=end, audit="xlsx" if as_xlsx else "csv")
    name = f"annex-a-list-1-contacts-{start:%Y%m%d}-{end:%Y%m%d}"
    if as_xlsx:
        return _xlsx(name, rows)
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer)
    writer.writerow(LIST_1_COLUMNS)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _xlsx(name: str, rows: list[list]) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "List 1 Contacts"
    sheet.append(LIST_1_COLUMNS)
    for row in rows:
        sheet.append(safe_row(row))
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
