"""A to-do item, as apps hand them to the workbench (``<app>/todos.py``: ``PROVIDERS``).

    from gongkai.lib.todos import Todo, Urgency, urgency_for_due

    def application_todos(user) -> list[Todo]:
        return [Todo(title=..., url=..., due=app.due, urgency=urgency_for_due(app.due), category="依申请公开")]

    PROVIDERS = [application_todos]

Providers decide what their user must do and scope it with ``gongkai.accounts.permissions``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Urgency(TextChoices):
    OVERDUE = "overdue", _("已超期")
    SOON = "soon", _("即将到期")
    NORMAL = "normal", _("一般")


_URGENCY_RANK = {Urgency.OVERDUE: 0, Urgency.SOON: 1, Urgency.NORMAL: 2}


@dataclass(frozen=True)
class Todo:
    title: str
    url: str
    count: int | None = None
    due: dt.date | None = None
    urgency: str = Urgency.NORMAL
    category: str = ""

    @property
    def urgency_label(self) -> str:
        try:
            return str(Urgency(self.urgency).label)
        except ValueError:
            return ""

    def sort_key(self) -> tuple:
        return (
            _URGENCY_RANK.get(self.urgency, len(_URGENCY_RANK)),
            self.due is None,
            self.due or dt.date.max,
            str(self.category),
            str(self.title),
        )


def urgency_for_due(due: dt.date | None, *, today: dt.date | None = None, soon_days: int = 3) -> str:
    """Overdue after ``due``, soon within ``soon_days`` calendar days of it, else normal.

    Deadlines counted in working days should compute ``due`` with the working-day calendar first.
    """
    if due is None:
        return Urgency.NORMAL
    today = today or timezone.localdate()
    if due < today:
        return Urgency.OVERDUE
    if (due - today).days <= soon_days:
        return Urgency.SOON
    return Urgency.NORMAL
