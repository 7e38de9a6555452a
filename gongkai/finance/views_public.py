"""Public pages of the 财政资金 column: the disclosures with filters (unit, year, kind), a
disclosure's page with its tables, the completeness summary of a year, the administrative fees,
and the open data (CSV, JSON and their schemas).

Every read goes through ``public.py`` (disclosures whose item is public) and ``stats.py``.
Pages answer for ``request.district``.
"""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from gongkai.finance import notices, opendata, stats
from gongkai.finance.figures import key_figures, sections_of, tables_of
from gongkai.finance.models import FeeCollection, Kind
from gongkai.finance.public import public_disclosure_or_404, public_disclosures
from gongkai.orgs.models import Organisation

PER_PAGE = 30


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def _year(request: HttpRequest, default: int) -> int:
    year = _int(request.GET.get("year"))
    return year if year and 2000 <= year <= 2100 else default


def _filters(request: HttpRequest) -> dict:
    kind = request.GET.get("kind", "")
    return {
        "unit": _int(request.GET.get("unit")),
        "year": _int(request.GET.get("year")),
        "kind": kind if kind in Kind.values else "",
        "q": request.GET.get("q", "").strip()[:50],
    }


def _disclosures(district: Organisation, filters: dict):
    rows = public_disclosures(district)
    unit_ids = set(rows.values_list("unit_id", flat=True))
    organisations = list(Organisation.objects.filter(pk__in=unit_ids).order_by("sort_order", "id"))
    years = sorted(set(rows.values_list("fiscal_year", flat=True)), reverse=True)
    if filters["unit"]:
        rows = rows.filter(unit_id=filters["unit"])
    if filters["year"]:
        rows = rows.filter(fiscal_year=filters["year"])
    if filters["kind"]:
        rows = rows.filter(kind=filters["kind"])
    if filters["q"]:
        rows = rows.filter(unit__name__icontains=filters["q"])
    rows = rows.select_related("unit", "organisation").prefetch_related("tables")
    return rows.order_by("-fiscal_year", "unit__sort_order", "kind", "pk"), organisations, years


def _query(filters: dict) -> str:
    cleaned = {k: v for k, v in filters.items() if v}
    return "?" + urlencode(cleaned) if cleaned else ""


def disclosure_list(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    context: dict = {"district": district}
    if district is not None:
        filters = _filters(request)
        rows, organisations, years = _disclosures(district, filters)
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
        found = notices.publications(district, list(page))
        entries = []
        for d in page:
            figures = key_figures(d, tables_of(d, list(d.tables.all())))
            entries.append((d, found[d.pk], figures[0] if figures else None, figures))
        today = timezone.localdate()
        board = stats.completeness(district, today.year)
        context.update(
            filters=filters,
            organisations=organisations,
            years=years,
            kinds=Kind.choices,
            page_obj=page,
            entries=entries,
            export_query=_query(filters),
            filtered=any(filters.values()),
            board=board,
        )
    return render(request, "finance/portal/list.html", context)


def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    district = getattr(request, "district", None)
    disclosure = public_disclosure_or_404(district, pk)
    entries = tables_of(disclosure)
    publication = notices.publications(district, [disclosure])[disclosure.pk]
    return render(
        request,
        "finance/portal/detail.html",
        {
            "district": district,
            "disclosure": disclosure,
            "publication": publication,
            "entries": entries,
            "figures": key_figures(disclosure, entries),
            "sections": sections_of(disclosure),
        },
    )


def completeness_page(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    context: dict = {"district": district}
    if district is not None:
        year = _year(request, timezone.localdate().year)
        board = stats.completeness(district, year)
        context.update(
            board=board,
            year=year,
            kinds=[(k, Kind(k).label) for k in stats.KINDS],
            years=range(timezone.localdate().year, 2015, -1),
            late_rows=[r for r in board.rows if r.late],
        )
    return render(request, "finance/portal/completeness.html", context)


def fee_page(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    context: dict = {"district": district}
    if district is not None:
        year = _year(request, timezone.localdate().year - 1)
        counts = stats.fee_items(district, year)
        amounts = {
            c.item_id: c.amount_yuan for c in FeeCollection.objects.filter(item__in=counts.items, year=year)
        }
        context.update(
            year=year,
            counts=counts,
            rows=[(item, amounts.get(item.pk)) for item in counts.items],
            total_wan=stats.fees_collected(district, year),
            by_org=stats.fees_collected_by_organisation(district, year),
        )
    return render(request, "finance/portal/fees.html", context)


# --- open data ------------------------------------------------------------------------------------


def _district_or_404(request: HttpRequest) -> Organisation:
    district = getattr(request, "district", None)
    if district is None:
        raise Http404
    return district


def _rows(request: HttpRequest, dataset: str) -> tuple[Organisation, list[dict], dict]:
    district = _district_or_404(request)
    if dataset == "disclosures":
        rows, _orgs, _years = _disclosures(district, _filters(request))
        return district, opendata.disclosure_rows(district, list(rows)), {}
    year = _year(request, timezone.localdate().year - (1 if dataset == "fees" else 0))
    if dataset == "completeness":
        return district, opendata.completeness_rows(stats.completeness(district, year)), {"year": year}
    return district, opendata.fee_rows(district, year), {"year": year}


def export_csv(request: HttpRequest, dataset: str) -> HttpResponse:
    if dataset not in opendata.DATASETS:
        raise Http404
    _district, rows, extra = _rows(request, dataset)
    response = HttpResponse(opendata.to_csv(dataset, rows), content_type="text/csv; charset=utf-8")
    suffix = f"-{extra['year']}" if "year" in extra else ""
    response["Content-Disposition"] = f'attachment; filename="finance-{dataset}{suffix}.csv"'
    return response


def export_json(request: HttpRequest, dataset: str) -> HttpResponse:
    if dataset not in opendata.DATASETS:
        raise Http404
    district, rows, extra = _rows(request, dataset)
    data = opendata.to_json(
        dataset,
        rows,
        district=district.name,
        schema_url=request.build_absolute_uri(reverse("finance:schema", args=[dataset])),
        **extra,
    )
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8")


def schema_json(request: HttpRequest, dataset: str) -> HttpResponse:
    if dataset not in opendata.DATASETS:
        raise Http404
    schema = opendata.table_schema(
        dataset, request.build_absolute_uri(reverse("finance:schema", args=[dataset]))
    )
    return HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )


def data_page(request: HttpRequest) -> HttpResponse:
    datasets = [
        (
            "disclosures",
            "预决算公开及主要数据",
            opendata.DISCLOSURE_FIELDS,
            "可用 unit（单位编号）、year（预决算年度）、kind（公开内容代码）筛选",
        ),
        ("completeness", "预决算公开完成情况", opendata.COMPLETENESS_FIELDS, "year：公开年度，默认今年"),
        ("fees", "行政事业性收费项目及收费金额", opendata.FEE_FIELDS, "year：年度，默认上年"),
    ]
    return render(
        request,
        "finance/portal/data.html",
        {"district": getattr(request, "district", None), "datasets": datasets},
    )
