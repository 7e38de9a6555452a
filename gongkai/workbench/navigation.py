"""The workbench's left navigation, by role: each app's ``nav.py`` declares its entries.

    # gongkai/audit/nav.py
    from django.utils.translation import gettext_lazy as _
    from gongkai.lib.registry import NavEntry

    WORKBENCH = [NavEntry(_("审计日志"), "audit:list", permission="audit.view", group=_("系统"), order=90)]

``discover()`` (from the workbench's ``AppConfig.ready()``) registers them all.

An entry is shown when the user holds ``permission`` anywhere
(``gongkai.accounts.permissions.has_any``), or always when ``permission`` is None. Showing an entry
is a convenience, not a check: the view behind it still checks the permission itself.
Entries whose URL name does not resolve are left out.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from gongkai.accounts.permissions import has_any
from gongkai.accounts.roles import roles_with
from gongkai.lib.registry import NavEntry, declared
from gongkai.lib.urls import current_link

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    is_current: bool


@dataclass
class NavGroup:
    label: str
    items: list[NavItem] = field(default_factory=list)


_REGISTRY: dict[str, NavEntry] = {}


def register_nav(
    label: str, url_name: str, *, permission: str | None = None, group: str = "", order: int = 0
) -> None:
    """Add an entry to the workbench navigation; registering a URL name again replaces it.

    An unknown permission fails here, at start-up, rather than hiding the entry from everyone.
    """
    if permission is not None:
        roles_with(permission)
    _REGISTRY[url_name] = NavEntry(
        label=label, url_name=url_name, permission=permission, group=group, order=order
    )


def discover() -> None:
    """Register the entries every app's ``nav.py`` declares (``WORKBENCH``)."""
    for entry in declared("nav", "WORKBENCH"):
        register_nav(
            entry.label, entry.url_name, permission=entry.permission, group=entry.group, order=entry.order
        )


def unregister_nav(url_name: str) -> None:
    _REGISTRY.pop(url_name, None)


def entries() -> list[NavEntry]:
    return sorted(_REGISTRY.values(), key=lambda e: (e.order, str(e.label)))


def nav_for(user, path: str = "") -> list[NavGroup]:
    """The entries ``user`` may see, grouped; ungrouped entries first, groups by their first entry."""
    visible: list[tuple[NavEntry, str]] = []
    for entry in entries():
        if entry.permission is not None and not has_any(user, entry.permission):
            continue
        try:
            visible.append((entry, reverse(entry.url_name)))
        except NoReverseMatch:
            logger.debug("workbench nav: URL name %s does not resolve", entry.url_name)
    home = reverse("workbench:home")
    current = current_link(path, [url for _e, url in visible], roots=frozenset({home}))
    groups: dict[str, NavGroup] = {}
    for entry, url in visible:
        key = str(entry.group)
        groups.setdefault(key, NavGroup(label=key))
        groups[key].items.append(NavItem(label=str(entry.label), url=url, is_current=url == current))
    ungrouped = groups.pop("", None)
    return ([ungrouped] if ungrouped else []) + list(groups.values())
