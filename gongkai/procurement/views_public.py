"""Public pages of procurement (the 政府采购 column): the projects with filters and the year's
figures, a project's page with its notices and amounts as tables, and the open data (CSV, JSON and
their schema).

Every read goes through ``public.py`` (projects with a public notice; the award once its result
notice is public) and every figure through ``stats.py``. Pages answer for ``request.district``.
"""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from gongkai.orgs.models import Organisation
from gongkai.procurement import deadlines, opendata, stats
from gongkai.procurement.models import Method, NoticeKind, ProcurementType, ProjectState
from gongkai.procurement.public import as_public, public_notices, public_project_or_404, public_projects

PER_PAGE = 30
FILTERS = ("org", "year", "type", "method", "kind", "q")


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def _filters(request: HttpRequest) -> dict:
    get = request.GET
    return {
        "org": _int(get.get("org")),
        "year": _int(get.get("year")),
        "type": get.get("type", "") if get.get("type", "") in ProcurementType.values else "",
        "method": get.get("method", "") if get.get("method", "") in Method.values else "",
        "kind": get.get("kind", "") if get.get("kind", "") in NoticeKind.values else "",
        "q": get.get("q", "").strip()[:50],
    }


def _projects(district: Organisation, filters: dict):
    """(the public projects narrowed by the filters, the notices found, the organisations that have
    public projects)."""
    found = public_notices(district)
    rows = public_projects(district, found)
    org_ids = set(rows.order_by().values_list("organisation_id", flat=True).distinct())
    organisations = list(Organisation.objects.filter(pk__in=org_ids).order_by("sort_order", "id"))
    org = next((o for o in organisations if o.pk == filters["org"]), None)
    if org is not None:
        rows = rows.filter(organisation_id__in=org.descendant_ids())
    if filters["year"]:
        rows = rows.filter(year=filters["year"])
    if filters["type"]:
        rows = rows.filter(type=filters["type"])
    if filters["method"]:
        rows = rows.filter(method=filters["method"])
    if filters["kind"]:
        rows = rows.filter(pk__in=[pk for pk, kinds in found.items() if filters["kind"] in kinds])
    if filters["q"]:
        q = filters["q"]
        rows = rows.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(supplier_name__icontains=q))
    rows = rows.select_related("organisation").order_by("-year", "-started_on", "code")
    return rows, found, organisations, org


def _query(filters: dict, **extra) -> str:
    cleaned = {k: v for k, v in {**{k: filters[k] or "" for k in FILTERS}, **extra}.items() if v}
    return "?" + urlencode(cleaned) if cleaned else ""


def project_list(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    context: dict = {"district": district}
    if district is not None:
        filters = _filters(request)
        rows, found, organisations, org = _projects(district, filters)
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
        years = stats.years(district)
        year = filters["year"] if filters["year"] in years else (years[0] if years else None)
        figures = None
        if year is not None:
            of = org or district
            figures = {
                "year": year,
                "org": org,
                # The table is per type: its total is the year's (of the method chosen), whatever the type.
                "total": stats.summary(of, year, method=filters["method"] or None),
                "by_type": [
                    (ProcurementType(t).label, totals)
                    for t, totals in stats.by_type(of, year, method=filters["method"] or None).items()
                ],
            }
        context.update(
            filters=filters,
            organisations=organisations,
            years=years,
            types=ProcurementType.choices,
            methods=Method.choices,
            kinds=NoticeKind.choices,
            page_obj=page,
            rows=as_public(page.object_list, found),
            figures=figures,
            export_query=_query(filters),
            filtered=any(request.GET.get(k) for k in FILTERS),
        )
    return render(request, "procurement/portal/list.html", context)


def project_detail(request: HttpRequest, code: str) -> HttpResponse:
    district = getattr(request, "district", None)
    p = public_project_or_404(district, code)
    today = timezone.localdate()
    notices = [
        (kind, label, ref, deadlines.timeliness(p.project, kind, p.published_on(kind), today=today))
        for kind, label, ref in p.ordered_notices
    ]
    return render(
        request,
        "procurement/portal/detail.html",
        {
            "district": district,
            "p": p,
            "project": p.project,
            "notices": notices,
            "terminated": p.project.state == ProjectState.TERMINATED,
        },
    )


# --- open data --------------------------------------------------------------------------------


def _export(request: HttpRequest):
    district = getattr(request, "district", None)
    if district is None:
        raise Http404
    filters = _filters(request)
    rows, found, _organisations, _org = _projects(district, filters)
    return district, as_public(rows, found)


def export_csv(request: HttpRequest) -> HttpResponse:
    _district, projects = _export(request)
    response = HttpResponse(opendata.to_csv(projects), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="procurement.csv"'
    return response


def export_json(request: HttpRequest) -> HttpResponse:
    district, projects = _export(request)
    data = opendata.to_json(
        projects, district=district.name, schema_url=request.build_absolute_uri(reverse("procurement:schema"))
    )
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8")


def schema_json(request: HttpRequest) -> HttpResponse:
    schema = opendata.table_schema(request.build_absolute_uri(reverse("procurement:schema")))
    return HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )


def data_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "procurement/portal/data.html",
        {
            "district": getattr(request, "district", None),
            "fields": opendata.FIELDS,
            "methods": Method.choices,
        },
    )
