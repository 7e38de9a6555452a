"""The to-do list on the workbench home page: each app's ``todos.py`` declares its providers
(``PROVIDERS = [func]``, each ``func(user) -> list[Todo]``; see ``gongkai.lib.todos``), found at
start-up by ``discover()``.

A provider that raises is logged and skipped; the page says some items could not be loaded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai.lib.registry import declared
from gongkai.lib.todos import Todo, Urgency, urgency_for_due

__all__ = ["Todo", "TodoList", "Urgency", "collect_todos", "discover", "register_todo_provider", "urgency_for_due"]

logger = logging.getLogger(__name__)


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


def discover() -> None:
    """Register every provider the apps' ``todos.py`` modules declare (``PROVIDERS``)."""
    for provider in declared("todos", "PROVIDERS"):
        register_todo_provider(provider)


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


def _name(func: Callable) -> str:
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"
