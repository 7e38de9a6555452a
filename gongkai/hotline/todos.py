"""Reply deadlines of many tickets at once, and the hotline's items on the workbench to-do list.

``actions.due_date`` reads the district's limits for every ticket it is given (one query each); a
list page or a to-do provider reads them once per district here and applies the same rule, so the
number of queries does not grow with the number of rows. ``test_staff_lists`` checks that both
give the same date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import has_any
from gongkai.hotline.models import Assignment, HotlineSettings, Status, Ticket, Urgency
from gongkai.hotline.permissions import handled_tickets, office_tickets
from gongkai.workbench.todos import Todo
from gongkai.workbench.todos import Urgency as TodoUrgency
from gongkai.workcal.calendar import UnknownCalendarYear, add_working_days

CATEGORY = gettext_lazy("区长公开电话")
MAX_TICKET_TODOS = 10  # beyond this, a unit's tickets are summed up in one item


def limits_for(district_ids: Iterable[int]) -> dict[int, HotlineSettings]:
    """Each district's time limits; a district that never saved any gets the defaults (unsaved)."""
    ids = set(district_ids)
    found = {s.district_id: s for s in HotlineSettings.objects.filter(district_id__in=ids)}
    return {i: found.get(i) or HotlineSettings(district_id=i) for i in ids}


def compute_due(
    dispatched_at: dt.datetime | None, urgency: str, extension_days: int, limits: HotlineSettings
) -> dt.date | None:
    """The rule of ``actions.due_date``: the urgency's limit in working days from dispatch, plus
    any extension."""
    if dispatched_at is None:
        return None
    start = timezone.localtime(dispatched_at).date()
    return add_working_days(start, limits.limit_for(urgency) + extension_days)


@dataclass(frozen=True)
class Deadline:
    due: dt.date | None
    state: str  # overdue / soon / ok / normal / "" (not dispatched)
    label: str

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def soon(self) -> bool:
        return self.state == "soon"


def deadline_of(ticket: Ticket, due: dt.date | None, today: dt.date) -> Deadline:
    """Where a ticket stands against its due date (overdue as in ``actions.is_overdue``)."""
    if due is None:
        return Deadline(None, "", "")
    if ticket.replied_at is not None:
        if timezone.localtime(ticket.replied_at).date() > due:
            return Deadline(due, "overdue", _("超期答复"))
        return Deadline(due, "ok", _("按时答复"))
    if today > due:
        return Deadline(due, "overdue", _("已超期"))
    try:
        tomorrow = add_working_days(today, 1)
    except UnknownCalendarYear:
        tomorrow = today
    if due <= tomorrow:
        return Deadline(due, "soon", _("即将到期"))
    return Deadline(due, "normal", _("办理中"))


def deadlines(tickets: Iterable[Ticket], today: dt.date | None = None) -> dict[int, Deadline]:
    """``deadline_of`` for each ticket, keyed by pk; one query for the limits.

    A due date in a year the working-day calendar does not know yet is shown as unknown rather
    than guessed (and rather than failing the whole page).
    """
    tickets = list(tickets)
    today = today or timezone.localdate()
    limits = limits_for(t.district_id for t in tickets)
    result = {}
    for t in tickets:
        try:
            due = compute_due(t.dispatched_at, t.urgency, t.extension_days, limits[t.district_id])
            result[t.pk] = deadline_of(t, due, today)
        except UnknownCalendarYear as exc:
            result[t.pk] = Deadline(None, "unknown", _("工作日历缺少%(year)s年") % {"year": exc.year})
    return result


def open_ticket_ids(queryset, *, state: str, today: dt.date | None = None) -> list[int]:
    """IDs of the tickets in ``queryset`` waiting for a reply whose deadline is in ``state``
    ("overdue" or "soon"). Two queries, whatever the size: open tickets are few."""
    today = today or timezone.localdate()
    rows = list(
        queryset.filter(status=Status.DISPATCHED, dispatched_at__isnull=False)
        .order_by()
        .values_list("pk", "district_id", "dispatched_at", "urgency", "extension_days")
    )
    limits = limits_for(row[1] for row in rows)
    try:
        tomorrow = add_working_days(today, 1)
    except UnknownCalendarYear:
        tomorrow = today
    found = []
    for pk, district_id, dispatched_at, urgency, extension in rows:
        try:
            due = compute_due(dispatched_at, urgency, extension, limits[district_id])
        except UnknownCalendarYear:
            continue  # due in a year not yet in the calendar: later than any known day
        if (state == "overdue" and today > due) or (state == "soon" and today <= due <= tomorrow):
            found.append(pk)
    return found


# --- the to-do provider -------------------------------------------------------------------------


def _list_url(**params) -> str:
    return reverse("hotline_staff:list") + "?" + urlencode(params)


def _office_todos(user) -> list[Todo]:
    todos = []
    if has_any(user, "ticket.dispatch"):
        returned = Assignment.objects.filter(ticket=OuterRef("pk"), outcome=Assignment.Outcome.RETURNED)
        found = (
            office_tickets(user, "ticket.dispatch")
            .filter(status=Status.NEW)
            .annotate(was_returned=Exists(returned))
            .aggregate(
                waiting=Count("pk", filter=Q(was_returned=False)),
                urgent=Count("pk", filter=Q(was_returned=False) & ~Q(urgency=Urgency.NORMAL)),
                returned=Count("pk", filter=Q(was_returned=True)),
            )
        )
        if found["waiting"]:
            todos.append(
                Todo(
                    title=_("待派单的工单"),
                    url=_list_url(quick="waiting"),
                    count=found["waiting"],
                    urgency=TodoUrgency.SOON if found["urgent"] else TodoUrgency.NORMAL,
                    category=str(CATEGORY),
                )
            )
        if found["returned"]:
            todos.append(
                Todo(
                    title=_("被退回待重新派单的工单"),
                    url=_list_url(quick="returned"),
                    count=found["returned"],
                    urgency=TodoUrgency.SOON,
                    category=str(CATEGORY),
                )
            )
    if has_any(user, "ticket.callback"):
        waiting = office_tickets(user, "ticket.callback").filter(status=Status.REPLIED).count()
        if waiting:
            todos.append(
                Todo(
                    title=_("已答复待回访的工单"),
                    url=_list_url(status=Status.REPLIED),
                    count=waiting,
                    category=str(CATEGORY),
                )
            )
    return todos


def _unit_todos(user, today: dt.date) -> list[Todo]:
    if not has_any(user, "ticket.handle"):
        return []
    tickets = list(
        handled_tickets(user).only(
            "pk",
            "number",
            "matter",
            "district_id",
            "dispatched_at",
            "urgency",
            "extension_days",
            "replied_at",
        )
    )
    if not tickets:
        return []
    states = deadlines(tickets, today)
    pressing = sorted(
        (t for t in tickets if states[t.pk].state in ("overdue", "soon")), key=lambda t: states[t.pk].due
    )
    todos = []
    for ticket in pressing[:MAX_TICKET_TODOS]:
        deadline = states[ticket.pk]
        todos.append(
            Todo(
                title=_("待答复：%(number)s %(matter)s")
                % {"number": ticket.number, "matter": ticket.matter[:20]},
                url=reverse("hotline_staff:detail", args=[ticket.pk]),
                due=deadline.due,
                urgency=TodoUrgency.OVERDUE if deadline.overdue else TodoUrgency.SOON,
                category=str(CATEGORY),
            )
        )
    rest = len(tickets) - len(todos)
    if rest:
        todos.append(
            Todo(
                title=_("本单位待答复的工单") if not todos else _("本单位其他待答复的工单"),
                url=reverse("hotline_staff:mine"),
                count=rest,
                category=str(CATEGORY),
            )
        )
    return todos


def _escalation_todos(user, today: dt.date) -> list[Todo]:
    if not has_any(user, "ticket.escalate"):
        return []
    queryset = office_tickets(user, "ticket.escalate").filter(escalated=False)
    overdue = open_ticket_ids(queryset, state="overdue", today=today)
    if not overdue:
        return []
    return [
        Todo(
            title=_("超期未答复、待督办的工单"),
            url=_list_url(quick="overdue"),
            count=len(overdue),
            urgency=TodoUrgency.OVERDUE,
            category=str(CATEGORY),
        )
    ]


def hotline_todos(user) -> list[Todo]:
    """What waits for ``user`` in the hotline's loop (registered in ``apps.py``)."""
    if not has_any(user, "ticket.view"):
        return []
    today = timezone.localdate()
    return [*_office_todos(user), *_unit_todos(user, today), *_escalation_todos(user, today)]
