"""The annual reports on the public portal (``xxgk/ndbg/``): the column of the district's and its
departments' published reports with filters (organisation, year, words of the title), each
report's page (the frozen snapshot as an HTML page, its DOCX and PDF), and the open data of the
published figures (CSV, JSON and their schema).

Every read goes through ``public.py``. Pages answer for ``request.district``.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gongkai.orgs.models import Organisation
from gongkai.reports import opendata, rendering
from gongkai.reports.public import PublicReport, public_report_or_404, public_reports

PER_PAGE = 30
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _int(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def _filters(request: HttpRequest, shown: list[PublicReport]) -> dict:
    organisations = sorted(
        {s.report.organisation for s in shown}, key=lambda o: (not o.is_district, o.sort_order, o.pk)
    )
    years = sorted({s.report.year for s in shown}, reverse=True)
    org_id, year = _int(request.GET.get("org")), _int(request.GET.get("year"))
    problem = ""
    if request.GET.get("year") and year is None:
        problem = _("年度应为四位数字，已显示全部年度。")
    return {
        "org": next((o for o in organisations if o.pk == org_id), None),
        "year": year,
        "q": request.GET.get("q", "").strip()[:50],
        "organisations": organisations,
        "years": years,
        "problem": problem,
    }


def _narrowed(shown: list[PublicReport], filters: dict) -> list[PublicReport]:
    out = shown
    if filters["org"] is not None:
        out = [s for s in out if s.report.organisation_id == filters["org"].pk]
    if filters["year"] is not None:
        out = [s for s in out if s.report.year == filters["year"]]
    if filters["q"]:
        out = [s for s in out if filters["q"] in s.report.title]
    return out


def _query(filters: dict) -> str:
    params = {"org": filters["org"].pk if filters["org"] else "", "year": filters["year"] or "", "q": filters["q"]}
    cleaned = {k: v for k, v in params.items() if v}
    return "?" + urlencode(cleaned) if cleaned else ""


def report_list(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    context: dict = {"district": district}
    if district is not None:
        shown = public_reports(district)
        filters = _filters(request, shown)
        rows = _narrowed(shown, filters)
        context.update(
            filters=filters,
            page_obj=Paginator(rows, PER_PAGE).get_page(request.GET.get("page")),
            export_query=_query(filters),
            filtered=any(request.GET.get(k) for k in ("org", "year", "q")),
        )
    return render(request, "reports/portal/list.html", context)


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    district = getattr(request, "district", None)
    shown = public_report_or_404(district, pk)
    return render(
        request,
        "reports/portal/detail.html",
        {"district": district, "shown": shown, "report": shown.report, "doc": rendering.document(shown.report)},
    )


def _filename(shown: PublicReport, ext: str) -> str:
    org = shown.report.organisation
    return quote(f"{org.short_name or org.name}{shown.report.year}年政府信息公开工作年度报告.{ext}")


def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    shown = public_report_or_404(getattr(request, "district", None), pk)
    if fmt == "docx":
        response = HttpResponse(rendering.docx(shown.report), content_type=DOCX)
    elif fmt == "pdf":
        response = HttpResponse(rendering.pdf(shown.report), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_filename(shown, fmt)}"
    return response


# --- open data --------------------------------------------------------------------------------


def _export(request: HttpRequest) -> tuple[Organisation, list[PublicReport]]:
    district = getattr(request, "district", None)
    if district is None:
        raise Http404
    shown = public_reports(district)
    return district, _narrowed(shown, _filters(request, shown))


def export_csv(request: HttpRequest) -> HttpResponse:
    _district, shown = _export(request)
    response = HttpResponse(opendata.to_csv(shown), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="annual-reports.csv"'
    return response


def export_json(request: HttpRequest) -> HttpResponse:
    district, shown = _export(request)
    data = opendata.to_json(
        shown,
        district=district.name,
        schema_url=request.build_absolute_uri(reverse("reports:schema")),
        url_of=lambda s: request.build_absolute_uri(reverse("reports:detail", args=[s.report.pk])),
    )
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8")


def schema_json(request: HttpRequest) -> HttpResponse:
    schema = opendata.table_schema(request.build_absolute_uri(reverse("reports:schema")))
    return HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )


def data_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/portal/data.html",
        {"district": getattr(request, "district", None), "fields": opendata.FIELDS},
    )
