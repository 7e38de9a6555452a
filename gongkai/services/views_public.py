"""Public pages of the services app (办事指南 column at ``xxgk/bszn/``): the guides with filters
(department, type, search by name), each guide a printable page with its elements as tables,
the case figures per department and year, and the open data (CSV, JSON and their schemas).

Guides are read through ``public.py``; case figures through ``stats.py`` only — no page shows a
case. Pages answer for ``request.district``.
"""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from gongkai.orgs.models import Organisation
from gongkai.powers.interface import find_power
from gongkai.services import guides, notices, opendata, public, stats
from gongkai.services.models import ItemType

PER_PAGE = 30


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def _filters(request: HttpRequest) -> dict:
    kind = request.GET.get("type", "")
    return {
        "org": _int(request.GET.get("org")),
        "type": kind if kind in ItemType.values else "",
        "q": request.GET.get("q", "").strip()[:50],
    }


def _guides(district: Organisation, filters: dict):
    everything = public.public_guides(district)
    org_ids = set(everything.values_list("item__organisation_id", flat=True))
    organisations = list(Organisation.objects.filter(pk__in=org_ids).order_by("sort_order", "id"))
    found = everything
    org = next((o for o in organisations if o.pk == filters["org"]), None)
    if org is not None:
        found = found.filter(item__organisation_id__in=org.descendant_ids())
    if filters["type"]:
        found = found.filter(item__type=filters["type"])
    if filters["q"]:
        found = found.filter(Q(item__name__icontains=filters["q"]) | Q(item__code__icontains=filters["q"]))
    return public.for_display(found), organisations


def guide_list(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    context: dict = {"district": district}
    if district is not None:
        filters = _filters(request)
        found, organisations = _guides(district, filters)
        by_type = dict(found.order_by().values_list("item__type").annotate(n=Count("pk")))
        cleaned = {k: v for k, v in filters.items() if v}
        context.update(
            filters=filters,
            organisations=organisations,
            types=ItemType.choices,
            page_obj=Paginator(found, PER_PAGE).get_page(request.GET.get("page")),
            type_counts=[(label, by_type[value]) for value, label in ItemType.choices if by_type.get(value)],
            export_query="?" + urlencode(cleaned) if cleaned else "",
            filtered=bool(cleaned),
        )
    return render(request, "services/portal/list.html", context)


def guide_detail(request: HttpRequest, code: str) -> HttpResponse:
    district = getattr(request, "district", None)
    guide = public.public_guide_or_404(district, code)
    publication = notices.publications(district, [guide])[guide.pk]
    item = guide.item
    return render(
        request,
        "services/portal/detail.html",
        {
            "district": district,
            "guide": guide,
            "item": item,
            "notice": publication.notice,
            "materials": guides.material_rows(guide.materials),
            "legal_limit": guides.limit_text(guide.legal_limit_days),
            "promised_limit": guides.limit_text(guide.promised_limit_days),
            "power": find_power(district, item.power_code) if item.power_code else None,
        },
    )


def _year(request: HttpRequest, years: list[int]) -> int | None:
    asked = _int(request.GET.get("year"))
    return asked if asked in years else (years[0] if years else None)


def figures(request: HttpRequest) -> HttpResponse:
    """办件量, 按时办结率 and 好差评 per department, for a year."""
    district = getattr(request, "district", None)
    context: dict = {"district": district}
    if district is not None:
        years = stats.case_years(district)
        year = _year(request, years)
        context.update(
            years=years,
            year=year,
            total=stats.cases(district, year) if year else None,
            licensing=stats.licensing_decisions(district, year) if year else None,
            rows=stats.cases_by_organisation(district, year) if year else [],
            levels=[(value, label) for value, label in opendata.Rating.choices],
        )
    return render(request, "services/portal/figures.html", context)


# --- open data --------------------------------------------------------------------------------


def _district_or_404(request: HttpRequest) -> Organisation:
    district = getattr(request, "district", None)
    if district is None:
        raise Http404
    return district


def _guide_rows(request: HttpRequest, district: Organisation) -> list[dict]:
    found, _organisations = _guides(district, _filters(request))
    found = list(found)
    refs = notices.publications(district, found)
    return [opendata.guide_row(g, refs[g.pk].notice.index_no if refs[g.pk].notice else "") for g in found]


def _case_rows(request: HttpRequest, district: Organisation) -> list[dict]:
    years = stats.case_years(district)
    asked = _int(request.GET.get("year"))
    chosen = [asked] if asked in years else years
    rows = []
    for year in chosen:
        rows.append(opendata.case_row(year, None, stats.cases(district, year)))
        rows += [opendata.case_row(year, org, f) for org, f in stats.cases_by_organisation(district, year)]
    return rows


ROWS = {"guides": _guide_rows, "cases": _case_rows}


def export_csv(request: HttpRequest, dataset: str) -> HttpResponse:
    district = _district_or_404(request)
    if dataset not in ROWS:
        raise Http404
    response = HttpResponse(
        opendata.to_csv(dataset, ROWS[dataset](request, district)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="services-{dataset}.csv"'
    return response


def export_json(request: HttpRequest, dataset: str) -> HttpResponse:
    district = _district_or_404(request)
    if dataset not in ROWS:
        raise Http404
    data = opendata.to_json(
        dataset,
        ROWS[dataset](request, district),
        district=district.name,
        schema_url=request.build_absolute_uri(reverse("services:schema", args=[dataset])),
    )
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8")


def schema_json(request: HttpRequest, dataset: str) -> HttpResponse:
    if dataset not in ROWS:
        raise Http404
    schema = opendata.table_schema(
        dataset, request.build_absolute_uri(reverse("services:schema", args=[dataset]))
    )
    return HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )


def data_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "services/portal/data.html",
        {
            "district": getattr(request, "district", None),
            "datasets": [
                ("guides", "办事指南", opendata.GUIDE_FIELDS),
                ("cases", "办件统计（按年度、实施机关汇总，不含任何个人信息）", opendata.CASE_FIELDS),
            ],
        },
    )
