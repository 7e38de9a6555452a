"""Staff workbench pages of the district head's hotline (区长公开电话): intake, the ticket list and
export, the ticket page with one panel per step of the loop, a unit's own tickets, the duty roster,
the district's hotline settings, the monthly bulletins and hot issues (``hotline_bulletins``), and
publishing letters in the mailbox column (``hotline_publishing``).

Views parse input and call one action; the action decides who may (``hotline.permissions``) and
from which state (``hotline.workflow``), and the ticket page draws its panels from the same table.
Who sees which ticket comes from ``permissions.visible_tickets``: another unit's ticket is 404 (its
existence is not revealed); an action refused on a visible ticket is 403, the ticket page with the
reason on it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.accounts.permissions import has_any, primary_district_id
from gongkai.audit.history import history
from gongkai.hotline import (
    actions,
    bulletins,
    docx_reports,
    hotissues,
    publishing,
    roster,
    stats,
    suggest,
    workflow,
)
from gongkai.hotline.deadlines import deadline_of, deadlines_of, limits_of, open_ticket_ids
from gongkai.hotline.forms_staff import (
    CallbackForm,
    CategoryForm,
    DispatchForm,
    DutyShiftForm,
    EscalateForm,
    ExtendForm,
    IntakeForm,
    LimitsForm,
    PublishForm,
    ReasonForm,
    ReplyForm,
    RosterImportForm,
    TransferForm,
    units_of,
)
from gongkai.hotline.models import (
    Assignment,
    Category,
    Channel,
    DutyShift,
    DutyShiftKind,
    Satisfaction,
    Status,
    Ticket,
    Urgency,
)
from gongkai.hotline.offices import hotline_office
from gongkai.hotline.permissions import (
    can_configure,
    can_handle,
    can_publish_bulletin,
    can_publish_letters,
    can_read_reports,
    can_view_roster,
    handled_tickets,
    intake_office,
    publishable_letters,
    sees_caller,
    verbs_for,
    visible_tickets,
)
from gongkai.lib.forms import add_to_form, form_error_messages, validation_messages
from gongkai.lib.text import printable
from gongkai.orgs.models import Organisation

PAGE_SIZE = 30
EXPORT_LIMIT = 10_000
LOOKUP_SHOWN = 5
QUICK_FILTERS = {
    "waiting": gettext_lazy("待派单"),
    "returned": gettext_lazy("被退回"),
    "overdue": gettext_lazy("超期未答复"),
    "soon": gettext_lazy("即将到期"),
    "escalated": gettext_lazy("已督办"),
    "reopened": gettext_lazy("重办"),
}


# --- helpers ----------------------------------------------------------------------------------


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _district(user) -> Organisation:
    district_id = primary_district_id(user)
    if district_id is None:
        raise PermissionDenied
    return get_object_or_404(Organisation, pk=district_id)


def _ticket_or_404(user, pk: int) -> Ticket:
    return get_object_or_404(
        visible_tickets(user).select_related(
            "district", "office", "lead", "category", "place", "operator", "duty__organisation", "repeat_of"
        ),
        pk=pk,
    )


def _detail_url(ticket: Ticket, anchor: str = "") -> str:
    return reverse("hotline_staff:detail", args=[ticket.pk]) + (f"#{anchor}" if anchor else "")


# --- intake -----------------------------------------------------------------------------------


@login_required
def ticket_new(request: HttpRequest) -> HttpResponse:
    """接听登记: one compact form, built to record a call while it is going on."""
    user = request.user
    office = intake_office(user)
    if office is None:
        raise PermissionDenied
    form = IntakeForm(request.POST or None, district_id=office.district_id)
    if request.method == "POST" and form.is_valid():
        try:
            ticket, code = actions.intake(
                office=office, channel=form.cleaned_data["channel"], data=form.intake_data(), actor=user
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("已登记工单 %(number)s，查询码 %(code)s（请告知来电人，凭工单编号和查询码查询办理进度）。")
                % {"number": ticket.number, "code": code},
            )
            if request.POST.get("next") == "another":
                # The ticket page shows the flags; on the way back to an empty form, say them here.
                if ticket.is_repeat_caller or ticket.repeat_of_id:
                    messages.warning(request, _("注意：%(flags)s。") % {"flags": "；".join(_flags(ticket))})
                return redirect("hotline_staff:new")
            # The dispatch panel's unit select takes the focus (autofocus; a #fragment would stop it).
            return redirect(_detail_url(ticket))
    return render(
        request,
        "hotline/staff/new.html",
        {"form": form, "office": office, "lookup_url": reverse("hotline_staff:lookup")},
    )


@login_required
@require_GET
def caller_lookup(request: HttpRequest) -> JsonResponse:
    """The caller's recent tickets, found by the phone's keyed hash: count, numbers, dates, status.

    It returns no personal data (not even the number asked about), so it is not a personal-data
    view and is not audited.
    """
    user = request.user
    office = intake_office(user)
    if office is None:
        raise PermissionDenied
    phone = request.GET.get("phone", "").strip()
    if sum(c.isdigit() for c in phone) < 7:
        return JsonResponse({"count": 0, "tickets": [], "message": ""})
    window = limits_of(office.district_id).duplicate_window_days
    since = timezone.now() - dt.timedelta(days=window)
    recent = (
        visible_tickets(user)
        .filter(phone=phone, received_at__gte=since)
        .only("pk", "number", "received_at", "status")
        .order_by("-received_at", "-pk")
    )
    count = recent.count()
    tickets = [
        {
            "number": t.number,
            "url": reverse("hotline_staff:detail", args=[t.pk]),
            "received_at": f"{timezone.localtime(t.received_at):%Y-%m-%d %H:%M}",
            "status": str(t.get_status_display()),
        }
        for t in recent[:LOOKUP_SHOWN]
    ]
    message = _("重复来电：近%(days)s天已来电%(count)s次") % {"days": window, "count": count} if count else ""
    return JsonResponse({"count": count, "window_days": window, "tickets": tickets, "message": message})


def _flags(ticket: Ticket) -> list[str]:
    flags = []
    if ticket.is_repeat_caller:
        flags.append(_("重复来电"))
    if ticket.repeat_of_id:
        flags.append(_("疑似与工单 %(number)s 重复") % {"number": ticket.repeat_of.number})
    return flags


# --- the list and its export ------------------------------------------------------------------


def _filtered(request: HttpRequest, user) -> tuple[object, dict]:
    params = request.GET
    tickets = visible_tickets(user)
    filters = {
        "status": params.get("status", ""),
        "channel": params.get("channel", ""),
        "category": _int(params.get("category")),
        "lead": _int(params.get("lead")),
        "urgency": params.get("urgency", ""),
        "received_from": _date(params.get("received_from")),
        "received_to": _date(params.get("received_to")),
        "number": params.get("number", "").strip()[:30],
        "quick": params.get("quick", ""),
    }
    if filters["status"] in Status.values:
        tickets = tickets.filter(status=filters["status"])
    else:
        filters["status"] = ""
    if filters["channel"] in Channel.values:
        tickets = tickets.filter(channel=filters["channel"])
    else:
        filters["channel"] = ""
    if filters["urgency"] in Urgency.values:
        tickets = tickets.filter(urgency=filters["urgency"])
    else:
        filters["urgency"] = ""
    if filters["category"]:
        tickets = tickets.filter(category_id=filters["category"])
    if filters["lead"]:
        tickets = tickets.filter(lead_id=filters["lead"])
    if filters["received_from"]:
        tickets = tickets.filter(received_at__date__gte=filters["received_from"])
    if filters["received_to"]:
        tickets = tickets.filter(received_at__date__lte=filters["received_to"])
    if filters["number"]:
        tickets = tickets.filter(number__icontains=filters["number"])
    quick = filters["quick"]
    returned = Exists(Assignment.objects.filter(ticket=OuterRef("pk"), outcome=Assignment.Outcome.RETURNED))
    if quick == "waiting":
        tickets = tickets.filter(Q(status=Status.NEW) & ~Q(returned))
    elif quick == "returned":
        tickets = tickets.filter(Q(status=Status.NEW) & Q(returned))
    elif quick in ("overdue", "soon"):
        tickets = tickets.filter(pk__in=open_ticket_ids(tickets, state=quick))
    elif quick == "escalated":
        tickets = tickets.filter(escalated=True)
    elif quick == "reopened":
        tickets = tickets.filter(reopen_count__gt=0)
    else:
        filters["quick"] = ""
    return tickets, filters


@login_required
def ticket_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not has_any(user, "ticket.view"):
        raise PermissionDenied
    tickets, filters = _filtered(request, user)
    tickets = tickets.select_related("category", "lead", "place").order_by("-received_at", "-pk")
    page = Paginator(tickets, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    states = deadlines_of(rows)
    district_id = primary_district_id(user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "hotline/staff/list.html",
        {
            "page_obj": page,
            "rows": [(t, states[t.pk]) for t in rows],
            "filters": filters,
            "statuses": Status.choices,
            "channels": Channel.choices,
            "urgencies": Urgency.choices,
            "categories": Category.objects.filter(district_id=district_id),
            "units": units_of(district_id) if district_id else [],
            "quick_filters": list(QUICK_FILTERS.items()),
            "export_query": query.urlencode(),
            "can_intake": has_any(user, "ticket.intake"),
        },
    )


EXPORT_COLUMNS = (
    gettext_lazy("工单编号"),
    gettext_lazy("受理时间"),
    gettext_lazy("渠道"),
    gettext_lazy("来电人"),
    gettext_lazy("联系电话"),
    gettext_lazy("类别"),
    gettext_lazy("发生地"),
    gettext_lazy("诉求内容"),
    gettext_lazy("紧急程度"),
    gettext_lazy("状态"),
    gettext_lazy("承办单位"),
    gettext_lazy("派单时间"),
    gettext_lazy("答复期限"),
    gettext_lazy("答复时间"),
    gettext_lazy("办结时间"),
    gettext_lazy("时限情况"),
    gettext_lazy("督办"),
    gettext_lazy("重办次数"),
    gettext_lazy("回访满意度"),
)


def _local(value: dt.datetime | None) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


@login_required
def ticket_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as XLSX; personal data masked, as on the page."""
    from openpyxl import Workbook

    user = request.user
    tickets, _filters = _filtered(request, user)
    tickets = actions.export_tickets(tickets, actor=user, limit=EXPORT_LIMIT)
    states = deadlines_of(tickets)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("工单"))
    sheet.append([str(c) for c in EXPORT_COLUMNS])
    for t in tickets:
        state = states[t.pk]
        last = t.callbacks.all()[len(t.callbacks.all()) - 1] if t.callbacks.all() else None
        satisfaction = ""
        if last is not None:
            satisfaction = (
                last.get_satisfaction_display() if last.reached else _("未回访：") + last.no_callback_reason
            )
        row = [
            t.number,
            _local(t.received_at),
            t.get_channel_display(),
            _("匿名") if t.anonymous else str(t.caller_name or ""),
            "" if t.anonymous else str(t.phone or ""),
            t.category.name if t.category else "",
            t.place.name if t.place else "",
            t.matter,
            t.get_urgency_display(),
            t.get_status_display(),
            t.lead.name if t.lead else "",
            _local(t.dispatched_at),
            f"{state.due:%Y-%m-%d}" if state.due else "",
            _local(t.replied_at),
            _local(t.closed_at),
            f"{state.label}（{state.badge}）" if state.badge else state.label,
            _("是") if t.escalated else "",
            t.reopen_count or "",
            satisfaction,
        ]
        # A control character stored before intake refused them would make the file unwritable.
        sheet.append([printable(v) if isinstance(v, str) else v for v in row])
    buffer = BytesIO()
    workbook.save(buffer)
    filename = f"hotline-tickets-{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- a unit's own tickets -----------------------------------------------------------------------


@login_required
def my_tickets(request: HttpRequest) -> HttpResponse:
    """本单位工单: what my units must answer, overdue first, then by due date."""
    user = request.user
    if not has_any(user, "ticket.handle"):
        raise PermissionDenied
    tickets = list(handled_tickets(user).select_related("category", "lead", "place"))
    states = deadlines_of(tickets)
    rank = {"overdue": 0, "soon": 1}
    tickets.sort(key=lambda t: (rank.get(states[t.pk].state, 2), states[t.pk].earliest or dt.date.max, t.pk))
    rows = [(t, states[t.pk], can_handle(user, t)) for t in tickets]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "hotline/staff/mine.html", {"page_obj": page})


# --- the ticket page --------------------------------------------------------------------------


def _suggestions(ticket: Ticket) -> list[dict]:
    found = suggest.suggest(ticket.district_id, ticket.matter)
    if not found:
        return []
    orgs = Organisation.objects.in_bulk([s.organisation_id for s in found])
    rows = []
    for s in found:
        org = orgs.get(s.organisation_id)
        if org is None or not org.is_active:
            continue
        rows.append(
            {
                "organisation": org,
                "percent": round(s.score * 100),
                "reasons": "、".join(s.reasons),
                "text": (
                    _("建议派往：%(org)s（置信度 %(p)s%%，依据：%(why)s）")
                    if s.reasons
                    else _("建议派往：%(org)s（置信度 %(p)s%%）")
                )
                % {"org": org.name, "p": round(s.score * 100), "why": "、".join(s.reasons)},
            }
        )
    return rows


def _detail_context(request: HttpRequest, ticket: Ticket) -> dict:
    user = request.user
    limits = limits_of(ticket.district_id)
    deadline = deadline_of(ticket, limits=limits)
    # One panel for each verb of the workflow that the user may use on the ticket now.
    open_to = {t.verb for t in verbs_for(user, ticket)}
    panels = {t.verb: t.verb in open_to for t in workflow.PANELS}
    context = {
        "ticket": ticket,
        "flags": _flags(ticket),
        "deadline": deadline,
        "limits": limits,
        "assignments": list(ticket.assignments.select_related("organisation", "dispatched_by")),
        "callbacks": list(ticket.callbacks.select_related("by")),
        "history": history(ticket, newest_first=False),
        "panels": panels,
        "any_panel": any(panels.values()),
        "show_caller": sees_caller(user, ticket),
        "duty_calls": ticket.duty.tickets.count() if ticket.duty_id else 0,
    }
    if panels["dispatch"]:
        suggestions = _suggestions(ticket)
        default_org = ticket.category.default_organisation if ticket.category_id else None
        initial = suggestions[0]["organisation"] if suggestions else default_org
        form = DispatchForm(district_id=ticket.district_id, initial={"lead": initial.pk if initial else None})
        form.fields["lead"].widget.attrs["autofocus"] = True  # dispatch is the operator's next step
        context.update(
            suggestions=suggestions,
            default_org=default_org,
            dispatch_form=form,
        )
    if panels["transfer"]:
        context["transfer_form"] = TransferForm(district_id=ticket.district_id, prefix="transfer")
    if panels["return"]:
        context["return_form"] = ReasonForm(prefix="return")
    if panels["reply"]:
        context["reply_form"] = ReplyForm()
    if panels["extend"]:
        context["extend_form"] = ExtendForm(max_days=limits.extension_max, prefix="extend")
    if panels["escalate"]:
        context["escalate_form"] = EscalateForm(prefix="escalate")
    if panels["callback"]:
        context["callback_form"] = CallbackForm()
        context["has_callback"] = bool(context["callbacks"])
    return context


@login_required
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_or_404(request.user, pk)
    return render(request, "hotline/staff/detail.html", _detail_context(request, ticket))


def _refuse(request: HttpRequest, ticket: Ticket, message: str) -> HttpResponse:
    """403 for a ticket the user may see: the ticket page, with the reason as an error message."""
    messages.error(request, message)
    return render(request, "hotline/staff/detail.html", _detail_context(request, ticket), status=403)


def _step(request: HttpRequest, pk: int, verb: str, run: Callable[[Ticket], str]) -> HttpResponse:
    """One POST endpoint of a workflow verb: find the ticket (404 outside the user's reach), run
    one action and report its outcome as a message. The action decides who may: its refusal is
    403, the ticket page with the reason."""
    user = request.user
    ticket = _ticket_or_404(user, pk)
    try:
        message = run(ticket)
    except PermissionDenied:
        label = workflow.TRANSITIONS[verb].label
        refusal = _("您没有权限执行“%(label)s”。") % {"label": label}
        return _refuse(request, _ticket_or_404(user, pk), refusal)
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
        return redirect(_detail_url(ticket, verb))
    messages.success(request, message)
    return redirect(_detail_url(ticket))


def _valid(form) -> dict:
    """The form's cleaned data, or a ValidationError naming each field's problem."""
    if not form.is_valid():
        raise ValidationError(form_error_messages(form))
    return form.cleaned_data


@login_required
@require_POST
def ticket_dispatch(request: HttpRequest, pk: int) -> HttpResponse:
    def run(ticket: Ticket) -> str:
        data = _valid(DispatchForm(request.POST, district_id=ticket.district_id))
        co = [o for o in data["co"] if o.pk != data["lead"].pk]
        actions.dispatch(ticket, data["lead"], actor=request.user, co=co, note=data["note"])
        return _("已派单至%(org)s。") % {"org": data["lead"].name}

    return _step(request, pk, "dispatch", run)


@login_required
@require_POST
def ticket_return(request: HttpRequest, pk: int) -> HttpResponse:
    def run(ticket: Ticket) -> str:
        data = _valid(ReasonForm(request.POST, prefix="return"))
        actions.return_ticket(ticket, actor=request.user, reason=data["reason"])
        return _("已退单，工单退回区长公开电话办公室重新派单。")

    return _step(request, pk, "return", run)


@login_required
@require_POST
def ticket_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    def run(ticket: Ticket) -> str:
        data = _valid(TransferForm(request.POST, district_id=ticket.district_id, prefix="transfer"))
        actions.transfer(ticket, data["to"], actor=request.user, reason=data["reason"])
        return _("已转办至%(org)s，办理时限重新计算。") % {"org": data["to"].name}

    return _step(request, pk, "transfer", run)


@login_required
@require_POST
def ticket_extend(request: HttpRequest, pk: int) -> HttpResponse:
    def run(ticket: Ticket) -> str:
        limit = limits_of(ticket.district_id).extension_max
        data = _valid(ExtendForm(request.POST, max_days=limit, prefix="extend"))
        actions.extend(ticket, actor=request.user, days=data["days"], reason=data["reason"])
        return _("已延期%(n)s个工作日。") % {"n": data["days"]}

    return _step(request, pk, "extend", run)


@login_required
@require_POST
def ticket_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    def run(ticket: Ticket) -> str:
        data = _valid(EscalateForm(request.POST, prefix="escalate"))
        actions.escalate(ticket, actor=request.user, note=data["note"])
        return _("已督办。")

    return _step(request, pk, "escalate", run)


@login_required
@require_POST
def ticket_reply(request: HttpRequest, pk: int) -> HttpResponse:
    def run(ticket: Ticket) -> str:
        data = _valid(ReplyForm(request.POST))
        actions.reply(ticket, actor=request.user, text=data["text"])
        return _("已答复，等待区长公开电话办公室回访。")

    return _step(request, pk, "reply", run)


@login_required
@require_POST
def ticket_callback(request: HttpRequest, pk: int) -> HttpResponse:
    """回访; with "回访并办结", the callback and then the closure, each its own action."""

    def run(ticket: Ticket) -> str:
        data = _valid(CallbackForm(request.POST))
        actions.callback(
            ticket,
            actor=request.user,
            reached=data["reached"],
            satisfaction=data["satisfaction"] if data["reached"] else "",
            no_callback_reason=data["no_callback_reason"],
            note=data["note"],
        )
        if data["reached"] and data["satisfaction"] == Satisfaction.UNSATISFIED:
            return _("已记录回访：不满意，工单已退回承办单位重新办理。")
        if request.POST.get("and_close"):
            try:
                actions.close(ticket, actor=request.user)
            except ValidationError as exc:
                messages.error(request, "；".join(validation_messages(exc)))
                return _("已记录回访。")
            return _("已记录回访，工单已办结。")
        return _("已记录回访。")

    return _step(request, pk, "callback", run)


@login_required
@require_POST
def ticket_close(request: HttpRequest, pk: int) -> HttpResponse:
    def run(ticket: Ticket) -> str:
        actions.close(ticket, actor=request.user)
        return _("工单已办结。")

    return _step(request, pk, "close", run)


# --- duty roster ------------------------------------------------------------------------------


def _month(value: str | None) -> dt.date:
    try:
        year, month = (int(x) for x in (value or "").split("-"))
        return dt.date(year, month, 1)
    except (TypeError, ValueError):
        return timezone.localdate().replace(day=1)


def _roster_district(user) -> Organisation:
    if not can_view_roster(user):
        raise PermissionDenied
    return _district(user)


@login_required
def roster_month(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _roster_district(user)
    first = _month(request.GET.get("month"))
    after = roster.next_month(first)
    shifts = []
    for figures in stats.duty_figures(district, first, after):
        figures.shift.calls = figures.calls
        shifts.append(figures.shift)
    order = {
        k: i for i, k in enumerate((DutyShiftKind.FULL_DAY, DutyShiftKind.MORNING, DutyShiftKind.AFTERNOON))
    }
    by_day: dict[dt.date, list[DutyShift]] = {}
    for shift in shifts:
        by_day.setdefault(shift.date, []).append(shift)
    days = []
    for day in range(1, calendar.monthrange(first.year, first.month)[1] + 1):
        date = first.replace(day=day)
        day_shifts = sorted(by_day.get(date, []), key=lambda s: order.get(s.shift, 9))
        days.append({"date": date, "weekday": roster.WEEKDAYS[date.weekday()], "shifts": day_shifts})
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    return render(
        request,
        "hotline/staff/roster.html",
        {
            "district": district,
            "month": first,
            "days": days,
            "total_calls": sum(s.calls for s in shifts),
            "shift_count": len(shifts),
            "previous": f"{previous:%Y-%m}",
            "next": f"{after:%Y-%m}",
            "can_edit": can_configure(user, district.pk),
        },
    )


def _configure_district(user) -> Organisation:
    district = _district(user)
    if not can_configure(user, district.pk):
        raise PermissionDenied
    return district


def _roster_url(date: dt.date | None) -> str:
    url = reverse("hotline_staff:roster")
    return f"{url}?month={date:%Y-%m}" if date else url


@login_required
def roster_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    district = _configure_district(user)
    shift = get_object_or_404(DutyShift, pk=pk, district=district) if pk else DutyShift(district=district)
    initial = {}
    if pk is None and _date(request.GET.get("date")):
        initial["date"] = _date(request.GET.get("date"))
    form = DutyShiftForm(request.POST or None, instance=shift, district_id=district.pk, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            shift = actions.save_shift(form.instance, actor=user, district=district)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已保存接听安排：%(shift)s。") % {"shift": str(shift)})
            return redirect(_roster_url(shift.date))
    return render(request, "hotline/staff/roster_form.html", {"form": form, "shift": shift if pk else None})


@login_required
@require_POST
def roster_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _configure_district(user)
    shift = get_object_or_404(DutyShift, pk=pk, district=district)
    try:
        actions.delete_shift(shift, actor=user)
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
    else:
        messages.success(request, _("已删除接听安排：%(shift)s。") % {"shift": str(shift)})
    return redirect(_roster_url(shift.date))


@login_required
def roster_import(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _configure_district(user)
    form = RosterImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = actions.import_roster(
            upload, district=district, actor=user, publish=form.cleaned_data["publish"], name=upload.name
        )
        if report.ok:
            messages.success(
                request,
                _("已导入：新增%(created)s个班次，更新%(updated)s个班次。")
                % {"created": report.created, "updated": report.updated},
            )
            first = min(r.date for r in report.rows)
            return redirect(_roster_url(first))
        messages.error(request, _("表格有误，未导入任何内容。请按下面的提示修改后重新上传。"))
    return render(request, "hotline/staff/roster_import.html", {"form": form, "report": report})


@login_required
def roster_template(request: HttpRequest) -> HttpResponse:
    _configure_district(request.user)
    response = HttpResponse(
        roster.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="duty-roster-template.xlsx"'
    return response


# --- settings ---------------------------------------------------------------------------------


def _settings_page(request, district, *, category_form=None, limits_form=None, status=200) -> HttpResponse:
    categories = list(
        Category.objects.filter(district=district)
        .select_related("default_organisation")
        .order_by("sort_order", "pk")
    )
    return render(
        request,
        "hotline/staff/settings.html",
        {
            "district": district,
            "rows": [
                (c, CategoryForm(instance=c, district_id=district.pk, prefix=f"c{c.pk}")) for c in categories
            ],
            "category_form": category_form or CategoryForm(district_id=district.pk, prefix="new"),
            "limits_form": limits_form or LimitsForm(instance=limits_of(district.pk)),
        },
        status=status,
    )


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    district = _configure_district(request.user)
    return _settings_page(request, district)


@login_required
@require_POST
def category_save(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    district = _configure_district(user)
    instance = get_object_or_404(Category, pk=pk, district=district) if pk else None
    form = CategoryForm(
        request.POST, instance=instance, district_id=district.pk, prefix=f"c{pk}" if pk else "new"
    )
    if not form.is_valid():
        if pk:
            for text in form_error_messages(form):
                messages.error(request, text)
            return redirect("hotline_staff:settings")
        return _settings_page(request, district, category_form=form, status=400)
    category = actions.save_category(form.instance, actor=user, district=district)
    messages.success(request, _("已保存类别“%(name)s”。") % {"name": category.name})
    return redirect("hotline_staff:settings")


@login_required
@require_POST
def limits_save(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _configure_district(user)
    form = LimitsForm(request.POST, instance=limits_of(district.pk))
    if not form.is_valid():
        return _settings_page(request, district, limits_form=form, status=400)
    actions.update_limits(form.instance, actor=user, district=district)
    messages.success(request, _("已保存办理时限。"))
    return redirect("hotline_staff:settings")


# --- monthly bulletins (月度通报) and hot issues (热点问题): ``hotline_bulletins`` ------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _report_district(request: HttpRequest) -> Organisation:
    district = _district(request.user)
    if not can_read_reports(request.user, district):
        raise PermissionDenied("ticket.view refused")
    return district


def _check_month(year: int, month: int) -> None:
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404


@login_required
def bulletin_list(request: HttpRequest) -> HttpResponse:
    district = _report_district(request)
    months = stats.months_received(district)
    return render(request, "hotline/bulletins/list.html", {"district": district, "months": months})


@login_required
def bulletin_detail(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _check_month(year, month)
    district = _report_district(request)
    b = bulletins.monthly_bulletin(district, year, month)
    return render(
        request,
        "hotline/bulletins/detail.html",
        {"district": district, "b": b, "can_publish": can_publish_bulletin(request.user, district)},
    )


@login_required
def bulletin_docx(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _check_month(year, month)
    district = _report_district(request)
    b = bulletins.monthly_bulletin(district, year, month)
    response = HttpResponse(docx_reports.bulletin_docx(b), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="hotline-bulletin-{year}-{month:02d}.docx"'
    return response


@login_required
@require_POST
def bulletin_publish(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _check_month(year, month)
    district = _report_district(request)
    if not can_publish_bulletin(request.user, district):
        raise PermissionDenied("hotline.publish refused")
    b = bulletins.monthly_bulletin(district, year, month)
    try:
        version = actions.publish_bulletin(b, actor=request.user)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, str(exc.messages[0] if isinstance(exc, ValidationError) else exc))
    else:
        messages.success(
            request, _("已生成信息草稿“%(title)s”，请按信息发布流程送审。") % {"title": version.title}
        )
    return redirect("hotline_bulletins:detail", year=year, month=month)


def _date_or(value: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _hot_filters(request: HttpRequest, district: Organisation):
    end_default = stats.latest_received(district) or timezone.localdate()
    end = _date_or(request.GET.get("end"), end_default)
    start = _date_or(request.GET.get("start"), end - dt.timedelta(weeks=12) + dt.timedelta(days=1))
    if start > end:
        start, end = end, start
    categories = list(Category.objects.filter(district=district))
    category = None
    if request.GET.get("category", "").isdigit():
        category = next((c for c in categories if c.pk == int(request.GET["category"])), None)
    keyword = request.GET.get("keyword", "").strip()[:30]
    return start, end, categories, category, keyword


@login_required
def hot_issues(request: HttpRequest) -> HttpResponse:
    district = _report_district(request)
    start, end, categories, category, keyword = _hot_filters(request, district)
    hot = hotissues.hot_issues(district, start, end, category=category, keyword=keyword)
    return render(
        request,
        "hotline/bulletins/hot.html",
        {
            "district": district,
            "hot": hot,
            "categories": categories,
            "category": category,
            "keyword": keyword,
            "start": start,
            "end": end,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def special_report(request: HttpRequest) -> HttpResponse:
    district = _report_district(request)
    start, end, _categories, category, keyword = _hot_filters(request, district)
    report = hotissues.topic_report(district, start, end, keyword=keyword, category=category)
    office = hotline_office(district)
    data = docx_reports.special_report_docx(report, issuer=office.name if office else "")
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="hotline-special-{start:%Y%m%d}-{end:%Y%m%d}.docx"'
    )
    return response


# --- publishing letters in the mailbox column (信件公开): ``hotline_publishing`` -------------------
# The texts shown are already de-identified (``publishing.draft``); ``actions.publish_letter``
# de-identifies them once more, whatever was typed.


def _publishing_district(user) -> Organisation:
    if not can_publish_letters(user):
        raise PermissionDenied
    return _district(user)


@login_required
def publish_list(request: HttpRequest) -> HttpResponse:
    district = _publishing_district(request.user)
    tickets = publishable_letters(request.user, district)
    shown = request.GET.get("show", "")
    if shown == "pending":
        tickets = tickets.filter(published=False)
    elif shown == "published":
        tickets = tickets.filter(published=True)
    page = Paginator(tickets, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"ticket": t, "title": publishing.public_title(t)} for t in page.object_list]
    return render(request, "hotline/publishing/list.html", {"page_obj": page, "rows": rows, "show": shown})


@login_required
@require_http_methods(["GET", "POST"])
def publish_edit(request: HttpRequest, number: str) -> HttpResponse:
    district = _publishing_district(request.user)
    ticket = get_object_or_404(publishable_letters(request.user, district), number=number)
    if request.method == "POST" and request.POST.get("action") == "unpublish":
        try:
            actions.unpublish_letter(ticket, actor=request.user, reason=request.POST.get("reason", ""))
        except ValidationError as exc:
            messages.error(request, "；".join(validation_messages(exc)))
        else:
            messages.success(request, _("信件 %(number)s 已撤下。") % {"number": ticket.number})
        return redirect("hotline_publishing:list")
    if request.method == "POST":
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                actions.publish_letter(
                    ticket,
                    actor=request.user,
                    question=form.cleaned_data["question"],
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("信件 %(number)s 已公开。") % {"number": ticket.number})
                return redirect("hotline_publishing:list")
    else:
        question, answer = publishing.draft(ticket)
        form = PublishForm(initial={"question": question, "answer": answer})
    return render(
        request,
        "hotline/publishing/edit.html",
        {"ticket": ticket, "form": form, "title": publishing.public_title(ticket)},
    )
