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


# --- who viewed which personal data (个人信息查看记录, #15) --------------------------------------

EXPORT_LIMIT = 50_000


def _kind_of(target_type: str) -> str:
    from django.apps import apps

    try:
        return str(apps.get_model(target_type)._meta.verbose_name) if target_type else ""
    except (LookupError, ValueError):
        return target_type


def _personal_views(request):
    """The views of personal data the user may audit (same reach as the audit trail), filtered by
    person, record, kind of record and date."""
    if not (has_any(request.user, "audit.view") or has_any(request.user, "audit.admin")):
        raise PermissionDenied
    events = (
        visible_events(request.user)
        .filter(kind=AuditKind.PERSONAL_VIEW)
        .select_related("organisation", "actor")
    )
    f = {k: request.GET.get(k, "").strip() for k in ("person", "record", "type", "since", "until")}
    if f["person"]:
        events = events.filter(Q(actor_name__icontains=f["person"]) | Q(actor__username__iexact=f["person"]))
    if f["record"]:
        events = events.filter(Q(target_repr__icontains=f["record"]) | Q(target_id=f["record"]))
    if f["type"]:
        events = events.filter(target_type=f["type"])
    if since := _date(f["since"]):
        events = events.filter(at__date__gte=since)
    if until := _date(f["until"]):
        events = events.filter(at__date__lte=until)
    return events, f


@login_required
def personal_views(request):
    """个人信息查看记录: every reveal of a personal-data field, ID copy or letter, who did it, when,
    from where and why — the audit trail's PERSONAL_VIEW events, with counts per person."""
    events, f = _personal_views(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    from django.db.models import Count

    people = (
        events.order_by()
        .values("actor_name")
        .annotate(n=Count("id"), records=Count("target_id", distinct=True))
        .order_by("-n", "actor_name")[:20]
    )
    types = sorted(
        {
            (t, _kind_of(t))
            for t in visible_events(request.user)
            .filter(kind=AuditKind.PERSONAL_VIEW)
            .order_by()
            .values_list("target_type", flat=True)
            .distinct()
        },
        key=lambda pair: pair[1],
    )
    return render(
        request,
        "audit/personal.html",
        {
            "page_obj": page,
            "rows": [(e, history.action_label(e.action), _kind_of(e.target_type)) for e in page],
            "people": people,
            "filters": f,
            "types": types,
            "total": page.paginator.count,
            "query": query.urlencode(),
        },
    )


@login_required
def personal_views_export(request):
    """The filtered records as XLSX (for archiving or an inspection); no personal data is in them:
    the note names the field and the purpose, never the value."""
    from io import BytesIO

    from django.http import HttpResponse
    from django.utils import timezone
    from openpyxl import Workbook

    from gongkai.lib.text import printable

    events, _f = _personal_views(request)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("个人信息查看记录")
    sheet.append(
        ["时间", "查看人", "账号", "单位", "方式", "记录类别", "记录", "查看的内容和事由", "网络地址"]
    )
    for e in events[:EXPORT_LIMIT]:
        row = [
            f"{timezone.localtime(e.at):%Y-%m-%d %H:%M:%S}",
            e.actor_name,
            e.actor.username if e.actor else "",
            e.organisation.name if e.organisation else "",
            history.action_label(e.action),
            _kind_of(e.target_type),
            e.target_repr,
            e.note,
            e.ip or "",
        ]
        sheet.append([printable(v) for v in row])
    out = BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="personal-data-views-{timezone.localdate():%Y%m%d}.xlsx"'
    )
    return response
