"""Panels on the portal home page: each app's ``nav.py`` declares its own (``HOME_PANELS``).

    HOME_PANELS = [HomePanel("catalog/portal/_home_latest.html", order=10, context=home_latest_context)]

``context`` is an optional ``func(request) -> dict`` whose result is added to the panel's template
context (the page's context — ``district``, ``request`` — is always there). Panels render below
the disclosure panels in ``order``. A panel whose context function fails is left out and logged,
so one broken capability never takes the home page down.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from gongkai.lib.registry import HomePanel, declared

logger = logging.getLogger(__name__)

PanelContext = Callable[[HttpRequest], dict[str, Any]]


@dataclass(frozen=True)
class RenderablePanel:
    template_name: str
    context: dict[str, Any]


_REGISTRY: dict[str, HomePanel] = {}


def register_home_panel(template_name: str, order: int = 0, context: PanelContext | None = None) -> None:
    """Add a panel to the home page; registering a template again replaces it."""
    _REGISTRY[template_name] = HomePanel(template_name=template_name, order=order, context=context)


def discover() -> None:
    """Register the panels every app's ``nav.py`` declares (``HOME_PANELS``)."""
    for panel in declared("nav", "HOME_PANELS"):
        register_home_panel(panel.template_name, order=panel.order, context=panel.context)


def unregister_home_panel(template_name: str) -> None:
    _REGISTRY.pop(template_name, None)


def home_panels() -> list[HomePanel]:
    return sorted(_REGISTRY.values(), key=lambda p: (p.order, p.template_name))


def panels_for(request: HttpRequest) -> list[RenderablePanel]:
    result = []
    for panel in home_panels():
        extra: dict[str, Any] = {}
        if panel.context is not None:
            try:
                extra = panel.context(request)
            except Exception:
                logger.exception("home panel %s failed; left out", panel.template_name)
                continue
        result.append(RenderablePanel(template_name=panel.template_name, context=extra))
    return result
