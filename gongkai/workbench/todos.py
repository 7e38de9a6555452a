"""The to-do list on the workbench home page: apps contribute items through providers.

    from gongkai.workbench.todos import Todo, Urgency, register_todo_provider, urgency_for_due

    def application_todos(user) -> list[Todo]:
        return [Todo(title=..., url=..., due=app.due, urgency=urgency_for_due(app.due), category="依申请公开")]

    register_todo_provider(application_todos)   # from AppConfig.ready()

Providers decide what their user must do and scope it with ``gongkai.accounts.permissions``.
A provider that raises is logged and skipped; the page says some items could not be loaded.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


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


TodoProvider = Callable[..., list[Todo]]

_PROVIDERS: list[TodoProvider] = []


def register_todo_provider(func: TodoProvider) -> TodoProvider:
    """Register ``func(user) -> list[Todo]``; usable as a decorator. Registering twice is a no-op."""
    if func not in _PROVIDERS:
        _PROVIDERS.append(func)
    return func


def unregister_todo_provider(func: TodoProvider) -> None:
    if func in _PROVIDERS:
        _PROVIDERS.remove(func)


def providers() -> list[TodoProvider]:
    return list(_PROVIDERS)


@dataclass
class TodoList:
    items: list[Todo] = field(default_factory=list)
    failed: int = 0  # providers that raised

    def __bool__(self) -> bool:
        return bool(self.items)


def collect_todos(user) -> TodoList:
    """Every provider's items for ``user``, most urgent and earliest due first."""
    result = TodoList()
    for provider in _PROVIDERS:
        try:
            result.items.extend(provider(user))
        except Exception:
            logger.exception("to-do provider %s failed for user %s", _name(provider), user.pk)
            result.failed += 1
    result.items.sort(key=Todo.sort_key)
    return result


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


def _name(func: Callable) -> str:
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"
