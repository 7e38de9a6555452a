"""Participation analytics on the staff workbench (``/staff/analytics/``): the charts with their
data tables and filters (period, organisation), and the same figures as XLSX.

Who sees what is decided in ``permissions.py``: the office the district (and any organisation in
it), a unit's leader their own organisation. The figures come from ``figures.py``.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from gongkai.analytics import export, figures, permissions
from gongkai.analytics.forms_staff import FilterForm, month_end
from gongkai.catalog.stats import Period

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(request: HttpRequest) -> tuple[FilterForm, figures.Participation | None]:
    """The bound filter form (no filters: the defaults), and the figures when it is valid."""
    user = request.user
    district = permissions.district_of(user)
    form = FilterForm(
        request.GET.dict(),
        organisations=permissions.choosable(user, district),
        default_organisation=permissions.default_organisation(user, district),
        today=timezone.localdate(),
    )
    if not form.is_valid():
        return form, None
    organisation = form.cleaned_data["organisation"]
    permissions.require(user, district, organisation)
    period = Period(form.cleaned_data["start"], month_end(form.cleaned_data["end"]))
    searches = organisation.is_district and permissions.sees_district(user, district)
    return form, figures.participation(organisation, period, searches=searches)


def _page(request: HttpRequest, form: FilterForm, shown: figures.Participation | None) -> HttpResponse:
    query = {}
    if shown is not None:
        query = {
            "start": f"{shown.period.start:%Y-%m}",
            "end": f"{shown.period.end:%Y-%m}",
            "organisation": shown.organisation.pk,
        }
    return render(
        request,
        "analytics/staff/dashboard.html",
        {
            "form": form,
            "figures": shown,
            "charts_json": [c.as_json() for c in shown.charts] if shown else [],
            "export_query": urlencode(query),
        },
        status=200 if shown is not None else 400,
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    form, shown = _filters(request)
    return _page(request, form, shown)


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    form, shown = _filters(request)
    if shown is None:
        return _page(request, form, shown)
    who = shown.organisation.short_name or shown.organisation.name
    filename = f"公众参与分析-{who}-{shown.period.start:%Y%m}-{shown.period.end:%Y%m}.xlsx"
    response = HttpResponse(export.workbook(shown), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="participation-{shown.period.start:%Y%m}-{shown.period.end:%Y%m}.xlsx"; '
        f"filename*=UTF-8''{quote(filename)}"
    )
    return response
