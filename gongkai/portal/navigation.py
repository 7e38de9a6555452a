"""The portal's column navigation (栏目导航): apps add their sections from ``AppConfig.ready()``.

    from django.utils.translation import gettext_lazy as _
    from gongkai.portal.navigation import register_section

    register_section("hotline", _("区长公开电话"), "hotline:index", order=40)

Sections are shown in ``order``; a section whose URL name does not resolve is left out, so an app
can register before its URLs are wired up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    url_name: str
    order: int = 0


@dataclass(frozen=True)
class NavLink:
    key: str
    label: str
    url: str
    is_current: bool


_REGISTRY: dict[str, Section] = {}


def register_section(key: str, label: str, url_name: str, order: int = 0) -> None:
    """Add a column to the portal navigation; registering a key again replaces it."""
    _REGISTRY[key] = Section(key=key, label=label, url_name=url_name, order=order)


def unregister_section(key: str) -> None:
    _REGISTRY.pop(key, None)


def sections() -> list[Section]:
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))


def current_link(path: str, urls: list[str], roots: frozenset[str] = frozenset()) -> str | None:
    """The URL among ``urls`` that ``path`` belongs to: the longest prefix; a root only matches itself."""
    best = None
    for url in urls:
        belongs = path == url or (url not in roots and url.endswith("/") and path.startswith(url))
        if belongs and (best is None or len(url) > len(best)):
            best = url
    return best


def nav_links(path: str) -> list[NavLink]:
    """The registered sections that resolve, with the one ``path`` belongs to marked current."""
    resolved: list[tuple[Section, str]] = []
    for section in sections():
        try:
            resolved.append((section, reverse(section.url_name)))
        except NoReverseMatch:
            logger.debug("portal section %s: URL name %s does not resolve", section.key, section.url_name)
    home = reverse("portal:home")
    current = current_link(path, [url for _s, url in resolved], roots=frozenset({home}))
    return [NavLink(key=s.key, label=str(s.label), url=url, is_current=url == current) for s, url in resolved]
