"""Public pages of the 双公示 registry (xxgk/sgs/): the column with filters (organisation, year,
kind, category, text on 文书号 and name), a decision's page as a table, the notice of a withdrawn
one, and the open data (CSV, JSON and their schema).

Every read goes through ``public.py`` and every decision is shown through ``view.py``. Pages answer
for ``request.district``.
"""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from gongkai.decisions import notices, opendata, public, view
from gongkai.decisions.models import ALL_CATEGORY_CHOICES, CATEGORIES, DecisionKind
from gongkai.orgs.models import Organisation

PER_PAGE = 30
MAX_EXPORT = 50000


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def filters_of(params) -> dict:
    kind = params.get("kind", "")
    kind = kind if kind in DecisionKind.values else ""
    category = params.get("category", "")
    allowed = CATEGORIES[kind].values if kind else dict(ALL_CATEGORY_CHOICES)
    return {
        "org": _int(params.get("org")),
        "year": _int(params.get("year")),
        "kind": kind,
        "category": category if category in allowed else "",
        "q": params.get("q", "").strip()[:50],
    }


def narrowed(district: Organisation, filters: dict):
    """The decisions on the portal today, narrowed by the filters, newest first."""
    decisions = public.on_portal(district, timezone.localdate())
    if filters["org"]:
        org = Organisation.objects.filter(pk=filters["org"], district=district).first()
        if org is not None:
            decisions = decisions.filter(organisation_id__in=org.descendant_ids())
    if filters["year"]:
        decisions = decisions.filter(decided_on__year=filters["year"])
    if filters["kind"]:
        decisions = decisions.filter(kind=filters["kind"])
    if filters["category"]:
        decisions = decisions.filter(Q(category=filters["category"]) | Q(category_2=filters["category"]))
    if filters["q"]:
        q = filters["q"]
        # party_name holds a natural person's mask only: a full name typed here finds nothing.
        decisions = decisions.filter(
            Q(number__icontains=q)
            | Q(title__icontains=q)
            | Q(party_name__icontains=q)
            | Q(credit_code=q.upper())
        )
    return decisions.select_related("organisation", "source").order_by("-decided_on", "-pk")


def _query(filters: dict) -> str:
    cleaned = {k: v for k, v in filters.items() if v}
    return "?" + urlencode(cleaned) if cleaned else ""


def decision_list(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    context: dict = {"district": district}
    if district is not None:
        filters = filters_of(request.GET)
        all_public = public.on_portal(district, timezone.localdate())
        org_ids = set(all_public.order_by().values_list("organisation_id", flat=True).distinct())
        years = sorted({d.year for d in all_public.dates("decided_on", "year")}, reverse=True)
        decisions = narrowed(district, filters)
        counts = dict(decisions.order_by().values_list("kind").annotate(n=Count("pk")))
        page = Paginator(decisions, PER_PAGE).get_page(request.GET.get("page"))
        categories = CATEGORIES[filters["kind"]].choices if filters["kind"] else ALL_CATEGORY_CHOICES
        context.update(
            filters=filters,
            organisations=Organisation.objects.filter(pk__in=org_ids).order_by("sort_order", "id"),
            years=years,
            kinds=DecisionKind.choices,
            categories=categories,
            page_obj=page,
            kind_counts=[
                (label, counts[value]) for value, label in DecisionKind.choices if counts.get(value)
            ],
            export_query=_query(filters),
            filtered=any(filters.values()),
        )
    return render(request, "decisions/portal/list.html", context)


def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    district = getattr(request, "district", None)
    if district is None:
        raise Http404
    decision = (
        public.on_portal(district, timezone.localdate())
        .select_related("organisation", "source", "batch")
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        withdrawn = (
            public.withdrawn_after_publication(district).select_related("organisation").filter(pk=pk).first()
        )
        if withdrawn is None:
            raise Http404("没有这项决定，或其公示期已满。")
        return render(
            request, "decisions/portal/withdrawn.html", {"district": district, "decision": withdrawn}
        )
    publication = notices.publications(district, [decision.batch])[decision.batch_id]
    return render(
        request,
        "decisions/portal/detail.html",
        {
            "district": district,
            "decision": decision,
            "facts": view.facts(decision),
            "publication": publication,
        },
    )


# --- open data --------------------------------------------------------------------------------


def _records(request: HttpRequest) -> tuple[Organisation, list[dict[str, str]]]:
    district = getattr(request, "district", None)
    if district is None:
        raise Http404
    decisions = list(narrowed(district, filters_of(request.GET))[:MAX_EXPORT])
    found = notices.public_batches(district)
    return district, opendata.rows(decisions, found)


def export_csv(request: HttpRequest) -> HttpResponse:
    _district, records = _records(request)
    response = HttpResponse(opendata.to_csv(records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="decisions-{timezone.localdate().isoformat()}.csv"'
    )
    return response


def export_json(request: HttpRequest) -> HttpResponse:
    district, records = _records(request)
    data = opendata.to_json(
        records,
        district=district.name,
        generated_on=timezone.localdate(),
        schema_url=request.build_absolute_uri(reverse("decisions:schema")),
    )
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8")


def schema_json(request: HttpRequest) -> HttpResponse:
    schema = opendata.table_schema(request.build_absolute_uri(reverse("decisions:schema")))
    return HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )


def data_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "decisions/portal/data.html",
        {"district": getattr(request, "district", None), "fields": opendata.FIELDS},
    )
