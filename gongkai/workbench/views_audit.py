"""The audit trail in the staff workbench: browse and filter, never change."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from gongkai.accounts.permissions import has_any, visible_events
from gongkai.audit import history
from gongkai.audit.models import AuditKind


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@login_required
def event_list(request):
    if not has_any(request.user, "audit.view"):
        raise PermissionDenied
    events = visible_events(request.user).select_related("organisation")
    f = {k: request.GET.get(k, "").strip() for k in ("kind", "action", "actor", "target", "since", "until")}
    if f["kind"] in AuditKind.values:
        events = events.filter(kind=f["kind"])
    if f["action"]:
        events = events.filter(action__startswith=f["action"])
    if f["actor"]:
        events = events.filter(actor_name__icontains=f["actor"])
    if f["target"]:
        events = events.filter(target_repr__icontains=f["target"])
    if since := _date(f["since"]):
        events = events.filter(at__date__gte=since)
    if until := _date(f["until"]):
        events = events.filter(at__date__lte=until)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {
            "page_obj": page,
            "rows": [(e, history.entry(e)) for e in page],
            "filters": f,
            "kinds": AuditKind.choices,
            "actions": sorted(((code, str(label)) for code, label in history.labels().items()), key=lambda a: a[0]),
            "query": query.urlencode(),
        },
    )
