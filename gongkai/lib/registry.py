"""What an app declares for the shells above it to find, as plain data.

Arrows point down: a domain app never imports a shell (workbench, portal, demo) to register
itself. It declares entries in a conventionally named module, and each shell discovers those
modules at start-up, as Django's admin discovers ``admin.py``:

- ``<app>/nav.py``: ``WORKBENCH = [NavEntry(...)]`` (the workbench's left navigation),
  ``PORTAL = [PortalSection(...)]`` (the portal's column navigation) and
  ``HOME_PANELS = [HomePanel(...)]`` (panels on the portal home page) and
  ``STAFF_HOME_PANELS = [StaffHomePanel(...)]`` (panels on the workbench home, above the to-do list);
- ``<app>/todos.py``: ``PROVIDERS = [func]``, each ``func(user) -> list[lib.todos.Todo]``, and
  ``BANNERS = [func]``, each ``func(user) -> list[lib.banners.Banner]`` (the workbench home's notices);
- ``<app>/audit_labels.py``: ``LABELS = {code: label}`` and ``DESCRIBE = {code: func}`` (audit/history.py);
- ``<app>/demo_steps.py``: ``DEMO_STEPS = [DemoStep(...)]``;
- ``<app>/retention.py``: ``RULES = [personal.retention.RetentionRule(...)]`` (how long personal data is kept);
- ``<app>/apps.py``: ``public_models = ["Model", …]`` on the AppConfig, the models whose rows
  public pages show (the portal's page cache is dropped when one changes).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from django.apps import apps
from django.utils.module_loading import module_has_submodule


@dataclass(frozen=True)
class NavEntry:
    """An entry of the workbench navigation, shown to users holding ``permission`` anywhere
    (always when None). Showing is a convenience, not a check: the view checks again."""

    label: str
    url_name: str
    permission: str | None = None
    group: str = ""
    order: int = 0


@dataclass(frozen=True)
class PortalSection:
    """A column of the portal navigation (栏目导航)."""

    key: str
    label: str
    url_name: str
    order: int = 0


@dataclass(frozen=True)
class HomePanel:
    """A panel on the portal home page; ``context(request) -> dict`` adds to its template context."""

    template_name: str
    order: int = 0
    context: Callable[[Any], dict[str, Any]] | None = None


@dataclass(frozen=True)
class StaffHomePanel:
    """A panel on the workbench home page, above the to-do list. ``context(request)`` returns its
    template context, or None when the panel is not for this user (it is then not shown)."""

    template_name: str
    order: int = 0
    context: Callable[[Any], dict[str, Any] | None] | None = None


@dataclass(frozen=True)
class DemoStep:
    """A step of ``load_demo``: ``func(district, *, stdout)``, idempotent (the loader may run again)."""

    name: str
    order: int
    func: Callable


def app_modules(name: str) -> Iterator[ModuleType]:
    """Each installed app's module ``name`` (e.g. "nav"), in INSTALLED_APPS order.

    An app without one is skipped; an error inside one is raised, not hidden.
    """
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, name):
            yield importlib.import_module(f"{config.name}.{name}")


def declared(module_name: str, attribute: str) -> list:
    """Everything the apps' ``module_name`` modules declare under ``attribute``."""
    return [entry for module in app_modules(module_name) for entry in getattr(module, attribute, ())]
