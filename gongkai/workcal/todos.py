"""The office's reminder to enter next year's holidays before deadlines need them."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import has_any
from gongkai.workbench.todos import Todo, Urgency
from gongkai.workcal.calendar import missing_years


def calendar_todos(user) -> list[Todo]:
    if not has_any(user, "calendar.edit"):
        return []
    today = timezone.localdate()
    return [
        Todo(
            title=f"录入{year}年法定节假日和调休安排（国务院办公厅通知公布后）",
            url=reverse("workcal:year_create") + f"?year={year}",
            due=dt.date(year - 1, 12, 31) if year > today.year else today,
            urgency=Urgency.OVERDUE if year <= today.year else Urgency.SOON,
            category="工作日历",
        )
        for year in missing_years(today)
    ]
