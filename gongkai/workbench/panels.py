"""Panels on the workbench home page, above the to-do list: each app's ``nav.py`` declares its
own (``STAFF_HOME_PANELS = [StaffHomePanel(...)]``, see ``gongkai.lib.registry``), as the portal's
home page finds ``HOME_PANELS``. A panel whose context is None is not for this user; one that
raises is logged and left out, so the to-do list below always shows."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from gongkai.lib.registry import StaffHomePanel, declared

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShownPanel:
    template_name: str
    context: dict[str, Any]


def collect_panels(request) -> list[ShownPanel]:
    panels: list[StaffHomePanel] = sorted(declared("nav", "STAFF_HOME_PANELS"), key=lambda p: p.order)
    shown = []
    for panel in panels:
        try:
            context = panel.context(request) if panel.context else {}
        except Exception:
            logger.exception("staff home panel %s failed", panel.template_name)
            continue
        if context is not None:
            shown.append(ShownPanel(panel.template_name, context))
    return shown
