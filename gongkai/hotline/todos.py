"""The hotline's items on the workbench to-do list.

Which tickets are overdue or due soon comes from ``hotline.deadlines``, the one rule; a ticket's
item carries the earliest date its deadline can turn out to be, the date reminders go by.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import has_any
from gongkai.hotline.deadlines import OVERDUE, deadlines_of, open_ticket_ids
from gongkai.hotline.models import Assignment, Status, Urgency
from gongkai.hotline.permissions import handled_tickets, office_tickets
from gongkai.lib.todos import Todo
from gongkai.lib.todos import Urgency as TodoUrgency

CATEGORY = gettext_lazy("区长公开电话")
MAX_TICKET_TODOS = 10  # beyond this, a unit's tickets are summed up in one item


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
    states = deadlines_of(tickets, today)
    pressing = sorted(
        (t for t in tickets if states[t.pk].overdue or states[t.pk].soon), key=lambda t: states[t.pk].earliest
    )
    todos = []
    for ticket in pressing[:MAX_TICKET_TODOS]:
        deadline = states[ticket.pk]
        todos.append(
            Todo(
                title=_("待答复：%(number)s %(matter)s")
                % {"number": ticket.number, "matter": ticket.matter[:20]},
                url=reverse("hotline_staff:detail", args=[ticket.pk]),
                due=deadline.earliest,
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
    overdue = open_ticket_ids(queryset, state=OVERDUE, today=today)
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
    """What waits for ``user`` in the hotline's loop (found by the workbench in ``PROVIDERS``)."""
    if not has_any(user, "ticket.view"):
        return []
    today = timezone.localdate()
    return [*_office_todos(user), *_unit_todos(user, today), *_escalation_todos(user, today)]


PROVIDERS = [hotline_todos]
