"""State changes of hotline tickets: one function per verb of ``hotline.workflow``, in one
transaction, permission-checked and audited (never with the caller's personal data in the trail).

Each verb begins the same way (``lock_for``): the ticket's row is locked, ``permissions.require``
checks who may, and ``workflow.check`` checks the state and the verb's guard.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_any
from gongkai.accounts.permissions import require as require_permission
from gongkai.audit.log import record
from gongkai.hotline import permissions, workflow
from gongkai.hotline.deadlines import limits_of
from gongkai.hotline.models import (
    SHIFT_HOURS,
    Assignment,
    Callback,
    Channel,
    DutyShift,
    Satisfaction,
    Status,
    Ticket,
    TicketCounter,
)
from gongkai.lib import counters, querycode
from gongkai.lib.segment import words
from gongkai.lib.text import CONTROL_CHARACTERS_MESSAGE, has_control_characters
from gongkai.orgs.models import Organisation
from gongkai.personal.fields import lookup_hash
from gongkai.workcal.calendar import estimate, working_days_between

SIMILARITY_THRESHOLD = 0.6


def find_by_query(number: str, code: str) -> Ticket | None:
    """The ticket a citizen follows with its number and query code (None when they do not match)."""
    ticket = Ticket.objects.filter(number=number.strip()).first()
    if ticket is None or not querycode.matches(ticket.query_code_hash, code):
        return None
    return ticket


def duty_for(district: Organisation, moment: dt.datetime) -> DutyShift | None:
    """The duty shift that covers ``moment`` (tickets taken during a duty are attributed to it)."""
    local = timezone.localtime(moment)
    for shift in DutyShift.objects.filter(district=district, date=local.date()):
        start, end = SHIFT_HOURS[shift.shift]
        if start <= local.hour < end:
            return shift
    return None


def _tokens(text: str) -> set[str]:
    return {w for w in words(text) if len(w) > 1}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' words (for flagging near-duplicate matters)."""
    ta, tb = _tokens(a), _tokens(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def _flag_duplicates(ticket: Ticket, window_days: int) -> None:
    since = ticket.received_at - dt.timedelta(days=window_days)
    recent = Ticket.objects.filter(district_id=ticket.district_id, received_at__gte=since).exclude(
        pk=ticket.pk
    )
    phone = ticket.phone.plaintext() if hasattr(ticket.phone, "plaintext") else (ticket.phone or "")
    if phone:
        ticket.is_repeat_caller = recent.filter(**lookup_hash(Ticket, "phone", phone)).exists()
    candidates = recent.filter(category=ticket.category) if ticket.category_id else recent
    best, best_score = None, 0.0
    for pk, matter in candidates.order_by("-received_at").values_list("pk", "matter")[:200]:
        score = similarity(ticket.matter, matter)
        if score > best_score:
            best, best_score = pk, score
    if best_score >= SIMILARITY_THRESHOLD:
        ticket.repeat_of_id = best


INTAKE_FIELDS = (
    "caller_name",
    "phone",
    "email",
    "address",
    "anonymous",
    "title",
    "matter",
    "category",
    "place",
    "place_detail",
    "urgency",
    "publish_allowed",
    "latitude",
    "longitude",
)


# Text fields of a ticket that may hold line breaks; every other text field is one line.
MULTILINE_FIELDS = frozenset({"matter"})


def _refuse_control_characters(values: dict[str, Any]) -> None:
    """A control character cannot be written to the XLSX export or a Word report: refused here,
    for every channel (the web form, Open311, staff intake), with the Chinese message."""
    errors = {
        name: CONTROL_CHARACTERS_MESSAGE
        for name, value in values.items()
        if isinstance(value, str) and has_control_characters(value, multiline=name in MULTILINE_FIELDS)
    }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def intake(
    *,
    office: Organisation,
    channel: str,
    data: dict[str, Any],
    actor=None,
    received_at: dt.datetime | None = None,
) -> tuple[Ticket, str]:
    """Record a call, a letter or a mailbox message. Returns the ticket and its query code.

    The serial is taken from a locked counter row inside this transaction: numbers have no gaps
    and no duplicates, whatever else is being recorded at the same moment.
    """
    if actor is not None:
        require_permission(actor, "ticket.intake", office)
    elif channel != Channel.MAILBOX:
        raise PermissionDenied("只有工作人员可以登记电话和来信。")
    district = office.district
    values = {k: v for k, v in data.items() if k in INTAKE_FIELDS}
    if not str(values.get("matter", "")).strip():
        raise ValidationError({"matter": "请填写诉求内容。"})
    _refuse_control_characters(values)
    serial = counters.next_value(TicketCounter, district=district)
    code = querycode.new_code()
    received_at = received_at or timezone.now()
    ticket = Ticket(
        district=district,
        office=office,
        serial=serial,
        number=f"{district.code[2:8]}{timezone.localtime(received_at):%y}{serial:07d}",
        channel=channel,
        received_at=received_at,
        operator=actor,
        query_code_hash=querycode.code_hash(code),
        **values,
    )
    ticket.duty = duty_for(district, received_at) if channel == Channel.PHONE else None
    _flag_duplicates(ticket, limits_of(district.pk).duplicate_window_days)
    ticket.full_clean(exclude=["query_code_hash"])
    ticket.save()
    record(
        "ticket.intake",
        actor=actor,
        target=ticket,
        organisation=office,
        changes={"status": [None, Status.NEW]},
        note=ticket.get_channel_display(),
    )
    return ticket, code


def lock_for(verb: str, ticket: Ticket, actor) -> tuple[Ticket, workflow.Transition]:
    """Lock the ticket's row, then check who may (``permissions``) and from which state
    (``workflow``), in that order: nothing about the ticket is told to whoever may not act on it."""
    ticket = Ticket.objects.select_for_update(of=("self",)).select_related("office", "lead").get(pk=ticket.pk)
    permissions.require(actor, verb, ticket)
    return ticket, workflow.check(verb, ticket)


@transaction.atomic
def dispatch(
    ticket: Ticket, lead: Organisation, *, actor, co: list[Organisation] = (), note: str = ""
) -> Ticket:
    """派单: send the ticket to a lead unit (and co-handlers)."""
    ticket, step = lock_for("dispatch", ticket, actor)
    if lead.district_id != ticket.district_id or any(o.district_id != ticket.district_id for o in co):
        raise ValidationError({"lead": "承办单位必须属于本区。"})
    now = timezone.now()
    Assignment.objects.create(
        ticket=ticket, organisation=lead, role=Assignment.Role.LEAD, dispatched_by=actor
    )
    for org in co:
        if org.pk != lead.pk:
            Assignment.objects.create(
                ticket=ticket, organisation=org, role=Assignment.Role.CO, dispatched_by=actor
            )
    before = ticket.status
    ticket.lead, ticket.dispatched_at, ticket.status = lead, now, step.target
    ticket.save(update_fields=["lead", "dispatched_at", "status"])
    record(
        "ticket.dispatch",
        actor=actor,
        target=ticket,
        organisation=lead,
        changes={"status": [before, step.target], "lead": [None, lead.name]},
        note=note,
    )
    return ticket


@transaction.atomic
def return_ticket(ticket: Ticket, *, actor, reason: str) -> Ticket:
    """退单: the lead unit sends a misassigned ticket back, with a reason, within the allowed time."""
    ticket, step = lock_for("return", ticket, actor)
    if not reason.strip():
        raise ValidationError({"reason": "请填写退单理由。"})
    limit = limits_of(ticket.district_id).return_within
    start, today = timezone.localtime(ticket.dispatched_at).date(), timezone.localdate()
    # Through a year not yet in the calendar, counted provisionally (weekends and statutory holidays
    # off, the fewest working days it can be): a unit is not refused a return it may still make.
    days = estimate(lambda basis: working_days_between(start, today, basis=basis)).value
    if days > limit:
        raise ValidationError(f"已超过退单时限（派单后{limit}个工作日内）。")
    lead, before = ticket.lead, ticket.status
    ticket.assignments.filter(outcome=Assignment.Outcome.ACTIVE).update(
        outcome=Assignment.Outcome.RETURNED, ended_at=timezone.now(), reason=reason.strip()
    )
    ticket.lead, ticket.dispatched_at, ticket.status = None, None, step.target
    ticket.save(update_fields=["lead", "dispatched_at", "status"])
    record(
        "ticket.return",
        actor=actor,
        target=ticket,
        organisation=lead,
        changes={"status": [before, step.target], "lead": [lead.name, None]},
        note=reason.strip(),
    )
    return ticket


@transaction.atomic
def transfer(ticket: Ticket, to: Organisation, *, actor, reason: str) -> Ticket:
    """转办: the office moves the ticket to another lead unit; the time limit runs from the transfer."""
    ticket, _step = lock_for("transfer", ticket, actor)
    if to.district_id != ticket.district_id:
        raise ValidationError({"to": "承办单位必须属于本区。"})
    old = ticket.lead
    ticket.assignments.filter(role=Assignment.Role.LEAD, outcome=Assignment.Outcome.ACTIVE).update(
        outcome=Assignment.Outcome.TRANSFERRED, ended_at=timezone.now(), reason=reason
    )
    Assignment.objects.create(ticket=ticket, organisation=to, role=Assignment.Role.LEAD, dispatched_by=actor)
    ticket.lead, ticket.dispatched_at = to, timezone.now()
    ticket.save(update_fields=["lead", "dispatched_at"])
    record(
        "ticket.transfer",
        actor=actor,
        target=ticket,
        organisation=to,
        changes={"lead": [old.name if old else None, to.name]},
        note=reason,
    )
    return ticket


@transaction.atomic
def extend(ticket: Ticket, *, actor, days: int, reason: str) -> Ticket:
    """One extension for a complex case, approved by the office (the workflow's guard: only one)."""
    ticket, _step = lock_for("extend", ticket, actor)
    limit = limits_of(ticket.district_id).extension_max
    if not 1 <= days <= limit:
        raise ValidationError({"days": f"延期最长{limit}个工作日。"})
    ticket.extension_days = days
    ticket.save(update_fields=["extension_days"])
    record("ticket.extend", actor=actor, target=ticket, changes={"extension_days": [0, days]}, note=reason)
    return ticket


@transaction.atomic
def escalate(ticket: Ticket, *, actor, note: str) -> Ticket:
    """督办: the office presses the lead unit."""
    ticket, _step = lock_for("escalate", ticket, actor)
    ticket.escalated = True
    ticket.save(update_fields=["escalated"])
    record("ticket.escalate", actor=actor, target=ticket, changes={"escalated": [False, True]}, note=note)
    return ticket


@transaction.atomic
def reply(ticket: Ticket, *, actor, text: str, at: dt.datetime | None = None) -> Ticket:
    """The lead unit's reply: what was done about the matter."""
    ticket, step = lock_for("reply", ticket, actor)
    if not text.strip():
        raise ValidationError({"text": "请填写办理结果。"})
    before = ticket.status
    ticket.reply, ticket.replied_at, ticket.status = text.strip(), at or timezone.now(), step.target
    ticket.save(update_fields=["reply", "replied_at", "status"])
    ticket.assignments.filter(organisation=ticket.lead, outcome=Assignment.Outcome.ACTIVE).update(
        outcome=Assignment.Outcome.DONE, ended_at=ticket.replied_at
    )
    record("ticket.reply", actor=actor, target=ticket, changes={"status": [before, step.target]})
    return ticket


REOPEN_AFTER_CALLBACK = "回访不满意，退回承办单位重新办理"


@transaction.atomic
def callback(
    ticket: Ticket,
    *,
    actor,
    reached: bool,
    satisfaction: str = "",
    no_callback_reason: str = "",
    note: str = "",
    at: dt.datetime | None = None,
) -> Callback:
    """回访. An unsatisfied citizen reopens the ticket to the lead unit (``reopen``, in the same
    transaction)."""
    ticket, _step = lock_for("callback", ticket, actor)
    if reached and satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": "请选择满意度。"})
    if not reached and not no_callback_reason.strip():
        raise ValidationError({"no_callback_reason": "请填写未能回访的原因。"})
    cb = Callback.objects.create(
        ticket=ticket,
        by=actor,
        reached=reached,
        satisfaction=satisfaction if reached else "",
        no_callback_reason="" if reached else no_callback_reason.strip(),
        note=note,
        at=at or timezone.now(),
    )
    record(
        "ticket.callback",
        actor=actor,
        target=ticket,
        changes={"satisfaction": [None, satisfaction or "未回访"]},
    )
    if reached and satisfaction == Satisfaction.UNSATISFIED:
        reopen(ticket, actor=actor, note=REOPEN_AFTER_CALLBACK)
    return cb


@transaction.atomic
def reopen(ticket: Ticket, *, actor, note: str) -> Ticket:
    """重新办理: a replied ticket goes back to its lead unit, which answers again."""
    ticket, step = lock_for("reopen", ticket, actor)
    if not note.strip():
        raise ValidationError({"note": "请说明重新办理的理由。"})
    before = ticket.status
    ticket.status, ticket.reopen_count = step.target, ticket.reopen_count + 1
    ticket.replied_at = None
    ticket.save(update_fields=["status", "reopen_count", "replied_at"])
    ticket.assignments.filter(organisation=ticket.lead, role=Assignment.Role.LEAD).update(
        outcome=Assignment.Outcome.ACTIVE, ended_at=None
    )
    record("ticket.reopen", actor=actor, target=ticket, changes={"status": [before, step.target]}, note=note)
    return ticket


@transaction.atomic
def close(ticket: Ticket, *, actor, at: dt.datetime | None = None) -> Ticket:
    """办结: only with a reply, and a callback or a recorded reason why none was possible."""
    ticket, step = lock_for("close", ticket, actor)
    if not ticket.reply:
        raise ValidationError("没有办理结果，不能办结。")
    last = ticket.callbacks.order_by("-at", "-pk").first()
    if last is None or (last.reached and last.satisfaction == Satisfaction.UNSATISFIED):
        raise ValidationError("办结前须回访，或记录无法回访的原因。")
    before = ticket.status
    ticket.status, ticket.closed_at = step.target, at or timezone.now()
    ticket.save(update_fields=["status", "closed_at"])
    record("ticket.close", actor=actor, target=ticket, changes={"status": [before, step.target]})
    return ticket


@transaction.atomic
def export_tickets(tickets: QuerySet[Ticket], *, actor, limit: int) -> list[Ticket]:
    """The tickets of a list, for a spreadsheet (at most ``limit``, newest first, each with its
    callbacks): those of ``tickets`` that ``actor`` may read, the export audited with their number.
    The spreadsheet masks personal data as the page does."""
    if not has_any(actor, "ticket.view"):
        raise PermissionDenied("ticket.view refused")
    rows = list(
        permissions.visible_tickets(actor)
        .filter(pk__in=tickets.values("pk"))
        .select_related("category", "lead", "place")
        .prefetch_related(Prefetch("callbacks", queryset=Callback.objects.order_by("at", "pk")))
        .order_by("-received_at", "-pk")[:limit]
    )
    record("ticket.export", actor=actor, note=_("导出工单%(n)s件（个人信息已脱敏）") % {"n": len(rows)})
    return rows
