"""The portal's column navigation (栏目导航): each app's ``nav.py`` declares its sections.

    # gongkai/hotline/nav.py
    from gongkai.lib.registry import PortalSection

    PORTAL = [PortalSection("hotline", _("区长公开电话"), "hotline:index", order=40)]

``discover()`` (from the portal's ``AppConfig.ready()``) registers them all.

Sections are shown in ``order``; a section whose URL name does not resolve is left out, so an app
can register before its URLs are wired up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise

from gongkai.lib.registry import declared
from gongkai.lib.urls import current_link

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
    label: str | Promise  # kept lazy: rendered in the language of the request that shows it
    url: str
    is_current: bool


_REGISTRY: dict[str, Section] = {}
# Sections with their URLs, per (URLconf, script prefix): every portal page needs them, and they
# change only with the registry or the URLconf.
_RESOLVED: dict[tuple, tuple[list[tuple[Section, str]], str]] = {}
# The navigation lists built from them, per (resolved sections, current URL).
_LINKS: dict[tuple, NavLinks] = {}


def register_section(key: str, label: str, url_name: str, order: int = 0) -> None:
    """Add a column to the portal navigation; registering a key again replaces it."""
    _REGISTRY[key] = Section(key=key, label=label, url_name=url_name, order=order)
    _forget()


def discover() -> None:
    """Register the sections every app's ``nav.py`` declares (``PORTAL``)."""
    for section in declared("nav", "PORTAL"):
        register_section(section.key, section.label, section.url_name, order=section.order)


def unregister_section(key: str) -> None:
    _REGISTRY.pop(key, None)
    _forget()


@receiver(setting_changed)
def _urlconf_changed(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _forget()


def _forget() -> None:
    _RESOLVED.clear()
    _LINKS.clear()


def sections() -> list[Section]:
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))


def _resolved() -> tuple[list[tuple[Section, str]], str]:
    """The sections that resolve, with their URLs, and the home page's URL."""
    key = (get_urlconf(), get_script_prefix())
    found = _RESOLVED.get(key)
    if found is None:
        resolved: list[tuple[Section, str]] = []
        for section in sections():
            try:
                resolved.append((section, reverse(section.url_name)))
            except NoReverseMatch:
                logger.debug("portal section %s: URL name %s does not resolve", section.key, section.url_name)
        found = _RESOLVED[key] = (resolved, reverse("portal:home"))
    return found


def home_url() -> str:
    """The portal home page's URL (resolved once per URLconf and script prefix)."""
    return _resolved()[1]


class NavLinks(list):
    """The navigation's links; ``current`` is the URL of the one marked current (or "")."""

    current: str = ""


def nav_links(path: str) -> NavLinks:
    """The registered sections that resolve, with the one ``path`` belongs to marked current.

    The same few lists serve every page (one per current section): each is built once per
    URLconf and script prefix, and must be read, not changed, by its users."""
    resolved, home = _resolved()
    current = current_link(path, [url for _s, url in resolved], roots=frozenset({home}))
    key = (id(resolved), current)
    links = _LINKS.get(key)
    if links is None:
        links = NavLinks(
            NavLink(key=s.key, label=s.label, url=url, is_current=url == current) for s, url in resolved
        )
        links.current = current or ""
        _LINKS[key] = links
    return links
