"""What waits on budgets and final accounts, for the workbench's to-do list: drafts whose due day
is near or past, for whoever may enter or publish them."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import org_filter
from gongkai.finance import deadlines
from gongkai.finance.models import Disclosure, State
from gongkai.lib.todos import Todo, urgency_for_due


def finance_todos(user) -> list[Todo]:
    drafts = (
        Disclosure.objects.filter(
            org_filter(user, "finance.edit"), state=State.DRAFT, approved_on__isnull=False
        )
        .select_related("unit")
        .order_by("approved_on", "pk")[:200]
    )
    today = timezone.localdate()
    days: dict[tuple[int, str], int] = {}
    todos = []
    for d in drafts:
        key = (d.district_id, d.level)
        if key not in days:
            days[key] = deadlines.days_allowed(d.district_id, d.level)
        due = deadlines.due_on(d.approved_on, days[key])
        todos.append(
            Todo(
                title=_("%(title)s 待公开") % {"title": d.title},
                url=reverse("finance_staff:disclosure", args=[d.pk]),
                due=due,
                urgency=urgency_for_due(due, today=today, soon_days=5),
                category=_("财政预决算"),
            )
        )
    todos.sort(key=lambda t: t.sort_key())
    return todos[:20]


PROVIDERS = [finance_todos]
