"""Public pages of the power list: the list (today's, or as it stood on a chosen day) with
filters, a power's page with its change history, the change record, a source document's changes,
and the open data (CSV, JSON and their schema).

Every read goes through ``public.py``: only changes of released documents whose notice is public
in the catalog. Pages answer for ``request.district``.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gongkai.orgs.models import Organisation
from gongkai.powers import listing, notices, opendata, stats
from gongkai.powers.models import ChangeKind, DocumentState, PowerType, SourceDocument
from gongkai.powers.public import public_changes, public_power_or_404

PER_PAGE = 30


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def _day(value: str | None) -> tuple[dt.date, bool, str]:
    """(the day, whether one was asked for, a problem to show)."""
    today = timezone.localdate()
    if not value:
        return today, False, ""
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return today, False, _("日期格式不正确，已显示今天的清单。")
    return day, True, ""


def _filters(request: HttpRequest) -> dict:
    day, dated, problem = _day(request.GET.get("date"))
    kind = request.GET.get("type", "")
    return {
        "date": day,
        "dated": dated,
        "problem": problem,
        "org": _int(request.GET.get("org")),
        "type": kind if kind in PowerType.values else "",
        "q": request.GET.get("q", "").strip()[:50],
    }


def _entries(district: Organisation, filters: dict):
    """(the list on the day narrowed by the filters, the organisations that have powers that day)."""
    entries = listing.in_force(public_changes(district), filters["date"])
    org_ids = set(entries.order_by().values_list("organisation_id", flat=True).distinct())
    organisations = list(Organisation.objects.filter(pk__in=org_ids).order_by("sort_order", "id"))
    org = next((o for o in organisations if o.pk == filters["org"]), None)
    narrowed = listing.narrowed(
        entries,
        organisation_ids=org.descendant_ids() if org else None,
        type=filters["type"],
        q=filters["q"],
    )
    return narrowed, organisations


def _query(filters: dict, **extra) -> str:
    params = {
        "date": filters["date"].isoformat() if filters["dated"] else "",
        "org": filters["org"] or "",
        "type": filters["type"],
        "q": filters["q"],
        **extra,
    }
    cleaned = {k: v for k, v in params.items() if v}
    return "?" + urlencode(cleaned) if cleaned else ""


def power_list(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    context: dict = {"district": district}
    if district is not None:
        filters = _filters(request)
        entries, organisations = _entries(district, filters)
        by_type = dict(entries.order_by().values_list("type").annotate(n=Count("pk")))
        page = Paginator(listing.for_display(entries), PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            filters=filters,
            organisations=organisations,
            types=PowerType.choices,
            page_obj=page,
            type_counts=[(label, by_type[value]) for value, label in PowerType.choices if by_type.get(value)],
            export_query=_query(filters),
            filtered=any(request.GET.get(k) for k in ("date", "org", "type", "q")),
        )
    return render(request, "powers/portal/list.html", context)


def power_detail(request: HttpRequest, code: str) -> HttpResponse:
    district = getattr(request, "district", None)
    power, changes = public_power_or_404(district, code)
    documents = {c.document_id: c.document for c in changes}
    found = notices.publications(district, list(documents.values()))
    current = listing.state_on(public_changes(district), power.pk, timezone.localdate())
    return render(
        request,
        "powers/portal/detail.html",
        {
            "district": district,
            "power": power,
            "current": current,
            "latest": changes[-1],
            "history": [(c, found[c.document_id].notice) for c in reversed(changes)],
        },
    )


def change_list(request: HttpRequest) -> HttpResponse:
    """The change record: every public change, by year and kind, with the year's counts."""
    district = getattr(request, "district", None)
    context: dict = {"district": district}
    if district is not None:
        changes = public_changes(district)
        years = sorted(
            {d.year for d in changes.order_by().values_list("effective_on", flat=True).distinct()},
            reverse=True,
        )
        year = _int(request.GET.get("year"))
        year = year if year in years else (years[0] if years else None)
        kind = request.GET.get("kind", "")
        kind = kind if kind in ChangeKind.values else ""
        rows = changes.filter(effective_on__year=year) if year else changes.none()
        if kind:
            rows = rows.filter(kind=kind)
        rows = rows.select_related("power", "organisation", "document").order_by(
            "-effective_on", "document_id", "power__code"
        )
        counts = stats.change_counts(district, year) if year else {}
        context.update(
            years=years,
            year=year,
            kind=kind,
            kinds=ChangeKind.choices,
            counts=[
                (value, label, counts.get(value, 0))
                for value, label in ChangeKind.choices
                if counts.get(value)
            ],
            report=stats.report_counts(district, year) if year else None,
            page_obj=Paginator(rows, PER_PAGE).get_page(request.GET.get("page")),
        )
    return render(request, "powers/portal/changes.html", context)


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    district = getattr(request, "district", None)
    if district is None:
        raise Http404
    document = SourceDocument.objects.filter(pk=pk, district=district, state=DocumentState.RELEASED).first()
    if document is None:
        raise Http404
    publication = notices.publications(district, [document])[document.pk]
    if not publication.is_public:
        raise Http404
    changes = list(
        document.changes.select_related("power", "organisation").order_by(
            "organisation__sort_order", "power__code"
        )
    )
    groups = [(label, [c for c in changes if c.kind == kind]) for kind, label in ChangeKind.choices]
    return render(
        request,
        "powers/portal/document.html",
        {
            "district": district,
            "document": document,
            "notice": publication.notice,
            "groups": [(label, rows) for label, rows in groups if rows],
            "total": len(changes),
        },
    )


# --- open data --------------------------------------------------------------------------------


def _export_entries(request: HttpRequest):
    district = getattr(request, "district", None)
    if district is None:
        raise Http404
    filters = _filters(request)
    entries, _organisations = _entries(district, filters)
    return district, filters, listing.for_display(entries)


def export_csv(request: HttpRequest) -> HttpResponse:
    _district, filters, entries = _export_entries(request)
    response = HttpResponse(opendata.to_csv(entries), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="powers-{filters["date"].isoformat()}.csv"'
    return response


def export_json(request: HttpRequest) -> HttpResponse:
    district, filters, entries = _export_entries(request)
    data = opendata.to_json(
        entries,
        district=district.name,
        as_of=filters["date"],
        schema_url=request.build_absolute_uri(reverse("powers:schema")),
    )
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8")


def schema_json(request: HttpRequest) -> HttpResponse:
    schema = opendata.table_schema(request.build_absolute_uri(reverse("powers:schema")))
    return HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )


def data_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "powers/portal/data.html",
        {
            "district": getattr(request, "district", None),
            "fields": opendata.FIELDS,
            "today": timezone.localdate(),
        },
    )
