"""The audit trail in the staff workbench: browse and filter, never change."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
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
            "actions": sorted(
                ((code, str(label)) for code, label in history.labels().items()), key=lambda a: a[0]
            ),
            "query": query.urlencode(),
        },
    )


LOGIN_RESULTS = {
    "auth.login": "登录成功",
    "auth.login_failed": "密码错误或账号不存在",
    "auth.locked_out": "失败次数过多，锁定",
    "auth.login_refused": "锁定期间被拒绝",
    "auth.unlock": "解除锁定",
}


@login_required
def login_list(request):
    """Sign-in records (等级保护 安全审计): successes, failures, lockouts and their lifting, with the
    address and time, from the same audit trail and with the same reach as the page above."""
    if not has_any(request.user, "audit.view"):
        raise PermissionDenied
    events = (
        visible_events(request.user).filter(action__in=list(LOGIN_RESULTS)).select_related("organisation")
    )
    f = {k: request.GET.get(k, "").strip() for k in ("result", "account", "ip", "since", "until")}
    if f["result"] in LOGIN_RESULTS:
        events = events.filter(action=f["result"])
    if f["account"]:
        events = events.filter(
            Q(target_repr__icontains=f["account"])
            | Q(note__icontains=f["account"])
            | Q(actor_name__icontains=f["account"])
        )
    if f["ip"]:
        events = events.filter(ip__startswith=f["ip"])
    if since := _date(f["since"]):
        events = events.filter(at__date__gte=since)
    if until := _date(f["until"]):
        events = events.filter(at__date__lte=until)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [(e, LOGIN_RESULTS[e.action]) for e in page]
    return render(
        request,
        "audit/logins.html",
        {
            "page_obj": page,
            "rows": rows,
            "filters": f,
            "results": LOGIN_RESULTS.items(),
            "query": query.urlencode(),
        },
    )
