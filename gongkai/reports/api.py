"""Public read-only API of the annual reports (in /api/openapi.json), a stable interface:

- ``GET /api/reports?year=YYYY&organisation=<code>``: the published reports of the district and
  its departments (one year, one organisation by its unified social credit code, or all), each
  with ``id``, ``title``, ``organisation`` (its code), ``organisation_name``, ``year``, ``format``
  (``2021`` | ``2019`` | ``narrative``), ``published_on``, ``index_no`` and ``url``;
- ``GET /api/reports/{id}``: one report with its ``figures`` under the stable keys documented in
  ``figures.py`` (``table_two``, ``table_three``, ``table_four``, ``narrative``).

Only what the portal shows (``public.py``): the frozen snapshot of each released report whose
item is public. A bad year or organisation is a 4xx with a Chinese ``detail``, never a 500.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai.lib.bounds import YEAR_MESSAGE, valid_year
from gongkai.orgs.models import Organisation
from gongkai.reports.public import PublicReport, public_report_or_404, public_reports

router = Router(tags=["政府信息公开工作年度报告"])


class ReportOut(Schema):
    id: int
    title: str
    organisation: str
    organisation_name: str
    year: int
    format: str
    published_on: dt.date | None
    index_no: str
    url: str


class ReportFiguresOut(ReportOut):
    figures: dict


def _district(request: HttpRequest) -> Organisation:
    district = getattr(request, "district", None)
    if district is None:
        raise HttpError(404, "本站尚未配置区。")
    return district


def _out(request: HttpRequest, shown: PublicReport) -> dict:
    r = shown.report
    return {
        "id": r.pk,
        "title": r.title,
        "organisation": r.organisation.code,
        "organisation_name": r.organisation.name,
        "year": r.year,
        "format": r.format,
        "published_on": shown.published_on,
        "index_no": shown.index_no,
        "url": request.build_absolute_uri(reverse("reports:detail", args=[r.pk])),
    }


@router.get(
    "/reports",
    response=list[ReportOut],
    summary="已公开的政府信息公开工作年度报告",
    description="year：年度（四位数字，默认全部）；organisation：报告单位的统一社会信用代码（默认全区各单位）。",
)
def reports(request: HttpRequest, year: str | None = None, organisation: str | None = None):
    district = _district(request)
    wanted_year = None
    if year:
        try:
            wanted_year = int(year.strip())
        except ValueError:
            raise HttpError(400, "年度应为四位数字，例如 2018。") from None
        if not valid_year(wanted_year):
            raise HttpError(400, YEAR_MESSAGE)
    org = None
    if organisation:
        org = Organisation.objects.filter(district=district, code=organisation.strip()).first()
        if org is None:
            raise HttpError(404, f"本区没有代码为 {organisation.strip()[:40]} 的机构。")
    return [_out(request, s) for s in public_reports(district, organisation=org, year=wanted_year)]


@router.get(
    "/reports/{report_id}",
    response=ReportFiguresOut,
    summary="一份年度报告及其全部数据",
    description="figures：表二、表三、表四的每一格和报告正文引用的数据，键名稳定（见 /xxgk/ndbg/sj/ 的说明）。",
)
def report(request: HttpRequest, report_id: int):
    district = _district(request)
    try:
        shown = public_report_or_404(district, report_id)
    except Http404:
        raise HttpError(404, "没有这份已公开的年度报告。") from None
    return {**_out(request, shown), "figures": shown.figures}
