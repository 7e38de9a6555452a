"""Public pages of sector figures (行业领域数据, ``xxgk/hysj/``): the figures of a year by sector and
department with filters, a department's figures of a year (its information item's index number),
an indicator's figures over the years, and the open data (CSV, JSON and their schema).

Every read goes through ``public.py``: confirmed versions whose information item is public.
Pages answer for ``request.district``.
"""

from __future__ import annotations

import json
from collections import OrderedDict

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from gongkai.orgs.models import Organisation
from gongkai.sectors import checks, notices, opendata
from gongkai.sectors.models import Indicator, Sector
from gongkai.sectors.public import public_figures, public_versions, public_years


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def _filters(request: HttpRequest, years: list[int]) -> dict:
    year = _int(request.GET.get("year"))
    sector = request.GET.get("sector", "")
    return {
        "year": year if year in years else (years[0] if years else None),
        "org": _int(request.GET.get("org")),
        "sector": sector if sector in Sector.values else "",
        "q": request.GET.get("q", "").strip()[:50],
    }


def _narrowed(figures, filters: dict):
    if filters["org"]:
        figures = figures.filter(version__report__organisation_id=filters["org"])
    if filters["sector"]:
        figures = figures.filter(indicator__sector=filters["sector"])
    if filters["q"]:
        figures = figures.filter(indicator__name__icontains=filters["q"])
    return figures


def _matches(figure, filters: dict) -> bool:
    """The same narrowing as ``_narrowed``, for figures already read."""
    if filters["org"] and figure.version.report.organisation_id != filters["org"]:
        return False
    if filters["sector"] and figure.indicator.sector != filters["sector"]:
        return False
    return not filters["q"] or filters["q"].lower() in figure.indicator.name.lower()


def _index_numbers(district: Organisation, figures) -> dict[int, object]:
    versions = {f.version_id: f.version for f in figures}
    return notices.notices_of(district, versions.values())


def _query(filters: dict) -> str:
    cleaned = {
        k: v
        for k, v in {
            "year": filters["year"],
            "org": filters["org"],
            "sector": filters["sector"],
            "q": filters["q"],
        }.items()
        if v
    }
    return "?" + urlencode(cleaned) if cleaned else ""


def figure_list(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    context: dict = {"district": district}
    if district is not None:
        years = public_years(district)
        filters = _filters(request, years)
        all_of_year = list(public_figures(district, filters["year"])) if filters["year"] else []
        organisations = sorted(
            {f.version.report.organisation for f in all_of_year}, key=lambda o: (o.sort_order, o.pk)
        )
        shown = [f for f in all_of_year if _matches(f, filters)]
        refs = _index_numbers(district, shown)
        groups: OrderedDict = OrderedDict()
        for value, label in Sector.choices:
            for f in shown:
                if f.indicator.sector != value:
                    continue
                report = f.version.report
                key = (value, report.organisation_id)
                if key not in groups:
                    groups[key] = {
                        "sector": label,
                        "organisation": report.organisation,
                        "report": report,
                        "notice": refs.get(f.version_id),
                        "rows": [],
                    }
                groups[key]["rows"].append(
                    (f, checks.show(f.value, f.indicator.decimals), opendata.notes_of(f))
                )
        context.update(
            years=years,
            filters=filters,
            organisations=organisations,
            sectors=[
                (v, label) for v, label in Sector.choices if any(f.indicator.sector == v for f in all_of_year)
            ],
            groups=list(groups.values()),
            count=len(shown),
            export_query=_query(filters),
            filtered=any(request.GET.get(k) for k in ("org", "sector", "q")),
        )
    return render(request, "sectors/portal/list.html", context)


def report_detail(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """A department's public figures of a year, as a table, with the item that published them."""
    district = getattr(request, "district", None)
    if district is None:
        raise Http404
    version = next((v for v in public_versions(district, year) if v.report.organisation.code == code), None)
    if version is None:
        raise Http404("没有该单位该年度的公开数据。")
    figures = list(
        version.figures.select_related(
            "indicator", "indicator__parent", "version", "version__report"
        ).order_by("indicator__sort_order", "indicator_id")
    )
    return render(
        request,
        "sectors/portal/report.html",
        {
            "district": district,
            "version": version,
            "report": version.report,
            "notice": notices.notices_of(district, [version]).get(version.pk),
            "rows": [(f, checks.show(f.value, f.indicator.decimals)) for f in figures],
            "checks": [c for c in version.checks if c.get("explanation")],
        },
    )


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One indicator's public figures, year by year."""
    district = getattr(request, "district", None)
    if district is None:
        raise Http404
    indicator = Indicator.objects.filter(district=district, code=code).select_related("parent").first()
    if indicator is None:
        raise Http404
    figures = [f for f in public_figures(district) if f.indicator_id == indicator.pk]
    if not figures:
        raise Http404
    refs = _index_numbers(district, figures)
    return render(
        request,
        "sectors/portal/indicator.html",
        {
            "district": district,
            "indicator": indicator,
            "parts": list(indicator.parts.filter(is_active=True).order_by("sort_order", "id")),
            "rows": [
                (f, checks.show(f.value, indicator.decimals), refs.get(f.version_id), opendata.notes_of(f))
                for f in figures
            ],
        },
    )


# --- open data --------------------------------------------------------------------------------


def _export_rows(request: HttpRequest) -> tuple[Organisation, int | None, list[dict]]:
    district = getattr(request, "district", None)
    if district is None:
        raise Http404
    year = _int(request.GET.get("year"))
    filters = {"year": year, "org": _int(request.GET.get("org")), "sector": "", "q": ""}
    sector = request.GET.get("sector", "")
    filters["sector"] = sector if sector in Sector.values else ""
    figures = list(_narrowed(public_figures(district, year), filters))
    refs = _index_numbers(district, figures)
    return district, year, [opendata.row(f, getattr(refs.get(f.version_id), "index_no", "")) for f in figures]


def export_csv(request: HttpRequest) -> HttpResponse:
    _district, year, rows = _export_rows(request)
    response = HttpResponse(opendata.to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sector-figures-{year or "all"}.csv"'
    return response


def export_json(request: HttpRequest) -> HttpResponse:
    district, year, rows = _export_rows(request)
    data = opendata.to_json(
        rows,
        district=district.name,
        year=year,
        schema_url=request.build_absolute_uri(reverse("sectors:schema")),
    )
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8")


def schema_json(request: HttpRequest) -> HttpResponse:
    schema = opendata.table_schema(request.build_absolute_uri(reverse("sectors:schema")))
    return HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )


def data_page(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    return render(
        request,
        "sectors/portal/data.html",
        {
            "district": district,
            "fields": opendata.FIELDS,
            "years": public_years(district) if district else [],
        },
    )
