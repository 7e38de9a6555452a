"""Public pages of 公示公告: the column (the lists and notices public today, with filters), a list's
page (its summary and its masked rows as a paged table) or a notice's page (its facts as a table),
and the open data (CSV, JSON and their schemas).

Every read goes through ``public.py``: only released publicities whose item is public, within
their period, and only the masked projection. A list whose period is over answers 410 with the day
it came down. Pages answer for ``request.district``.
"""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gongkai.orgs.models import Organisation
from gongkai.publicity import opendata, public
from gongkai.publicity.kinds import Family, Kind, spec

PER_PAGE = 20
ROW_PAGE_SIZES = (50, 100, 500)


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def _filters(request: HttpRequest) -> dict:
    kind = request.GET.get("kind", "")
    family = request.GET.get("family", "")
    return {
        "org": _int(request.GET.get("org")),
        "year": _int(request.GET.get("year")),
        "kind": kind if kind in Kind.values else "",
        "family": family if family in Family.values else "",
        "q": request.GET.get("q", "").strip()[:50],
    }


def _narrowed(shown: list[public.Shown], filters: dict) -> list[public.Shown]:
    out = shown
    if filters["org"]:
        org = Organisation.objects.filter(pk=filters["org"]).first()
        ids = set(org.descendant_ids()) if org else set()
        out = [s for s in out if s.publicity.organisation_id in ids]
    if filters["year"]:
        out = [s for s in out if s.publicity.year == filters["year"]]
    if filters["kind"]:
        out = [s for s in out if s.publicity.kind == filters["kind"]]
    if filters["family"]:
        out = [s for s in out if spec(s.publicity.kind).family == filters["family"]]
    if filters["q"]:
        out = [s for s in out if filters["q"] in s.publicity.title]
    return sorted(out, key=lambda s: (s.publicity.period_starts_on, s.publicity.pk), reverse=True)


def _query(filters: dict, **extra) -> str:
    params = {k: v for k, v in {**filters, **extra}.items() if v}
    return "?" + urlencode(params) if params else ""


def column(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    context: dict = {"district": district}
    if district is not None:
        filters = _filters(request)
        shown = public.current(district)
        narrowed = _narrowed(shown, filters)
        page = Paginator(narrowed, PER_PAGE).get_page(request.GET.get("page"))
        totals = public.totals([s.publicity.pk for s in page])
        org_ids = {s.publicity.organisation_id for s in shown}
        context.update(
            filters=filters,
            page_obj=page,
            rows=[(s, totals.get(s.publicity.pk)) for s in page],
            organisations=Organisation.objects.filter(pk__in=org_ids).order_by("sort_order", "id"),
            years=sorted({s.publicity.year for s in shown}, reverse=True),
            kinds=Kind.choices,
            families=Family.choices,
            export_query=_query(filters),
            filtered=any(request.GET.get(k) for k in ("org", "year", "kind", "family", "q")),
        )
    return render(request, "publicity/portal/column.html", context)


def _gone(request: HttpRequest, gone: public.Gone) -> HttpResponse:
    return render(
        request,
        "publicity/portal/gone.html",
        {"district": getattr(request, "district", None), "publicity": gone.publicity, "ended_on": gone.ended_on},
        status=410,
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    district = getattr(request, "district", None)
    try:
        shown = public.public_or_gone(district, pk)
    except public.Gone as gone:
        return _gone(request, gone)
    publicity = shown.publicity
    context: dict = {
        "district": district,
        "publicity": publicity,
        "notice": shown.notice,
        "spec": spec(publicity.kind),
    }
    if publicity.is_list:
        rows = public.public_rows(publicity)
        towns = list(rows.order_by("town").values_list("town", flat=True).distinct())
        town = request.GET.get("town", "")
        if town in towns:
            rows = rows.filter(town=town)
        else:
            town = ""
        size = _int(request.GET.get("n"))
        size = size if size in ROW_PAGE_SIZES else ROW_PAGE_SIZES[0]
        totals = public.totals([publicity.pk]).get(publicity.pk, {"households": 0, "people": 0, "amount": None})
        context.update(
            page_obj=Paginator(rows, size).get_page(request.GET.get("page")),
            towns=towns,
            town=town,
            size=size,
            sizes=ROW_PAGE_SIZES,
            totals=totals,
        )
    return render(request, "publicity/portal/detail.html", context)


# --- open data ------------------------------------------------------------------------------------


def _json(data: dict) -> HttpResponse:
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8")


def _csv(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _column_records(request: HttpRequest):
    district = getattr(request, "district", None)
    if district is None:
        raise Http404
    narrowed = _narrowed(public.current(district), _filters(request))
    totals = public.totals([s.publicity.pk for s in narrowed])
    return district, [
        opendata.publicity_record(s, totals.get(s.publicity.pk) if s.publicity.is_list else None) for s in narrowed
    ]


def column_csv(request: HttpRequest) -> HttpResponse:
    _district, records = _column_records(request)
    return _csv(opendata.to_csv("publicity", records), f"publicity-{timezone.localdate().isoformat()}.csv")


def column_json(request: HttpRequest) -> HttpResponse:
    district, records = _column_records(request)
    return _json(
        opendata.to_json(
            "publicity",
            records,
            schema_url=request.build_absolute_uri(reverse("publicity:schema", args=["publicity"])),
            district=district.name,
            as_of=timezone.localdate().isoformat(),
        )
    )


def _list_rows(request: HttpRequest, pk: int):
    shown = public.public_or_gone(getattr(request, "district", None), pk)
    if not shown.publicity.is_list:
        raise Http404("公告没有名单。")
    return shown.publicity, [opendata.row_record(r) for r in public.public_rows(shown.publicity)]


def rows_csv(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        publicity, records = _list_rows(request, pk)
    except public.Gone as gone:
        return _gone(request, gone)
    return _csv(opendata.to_csv("rows", records), f"publicity-{publicity.pk}.csv")


def rows_json(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        publicity, records = _list_rows(request, pk)
    except public.Gone as gone:
        return _gone(request, gone)
    return _json(
        opendata.to_json(
            "rows",
            records,
            schema_url=request.build_absolute_uri(reverse("publicity:schema", args=["rows"])),
            publicity=publicity.pk,
            title=publicity.title,
            kind=publicity.get_kind_display(),
            organisation=publicity.organisation.name,
        )
    )


def schema_json(request: HttpRequest, which: str) -> HttpResponse:
    if which not in opendata.SCHEMAS:
        raise Http404
    url = request.build_absolute_uri(reverse("publicity:schema", args=[which]))
    return HttpResponse(
        json.dumps(opendata.table_schema(which, url), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )


def data_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publicity/portal/data.html",
        {
            "district": getattr(request, "district", None),
            "schemas": [
                ("publicity", _("公示公告目录"), opendata.PUBLICITY_FIELDS),
                ("rows", _("公示名单"), opendata.ROW_FIELDS),
            ],
        },
    )
