"""Banners on the workbench home page: each app's ``todos.py`` may declare ``BANNERS = [func]``,
each ``func(user) -> list[Banner]`` (see ``gongkai.lib.banners``), found at start-up by ``discover()``.

A provider that raises is logged and skipped: a banner is a reminder, not worth a broken page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from gongkai.lib.banners import Banner
from gongkai.lib.registry import declared

logger = logging.getLogger(__name__)

BannerProvider = Callable[..., list[Banner]]

_PROVIDERS: list[BannerProvider] = []


def register_banner_provider(func: BannerProvider) -> BannerProvider:
    """Register ``func(user) -> list[Banner]``; registering twice is a no-op."""
    if func not in _PROVIDERS:
        _PROVIDERS.append(func)
    return func


def discover() -> None:
    """Register every provider the apps' ``todos.py`` modules declare (``BANNERS``)."""
    for provider in declared("todos", "BANNERS"):
        register_banner_provider(provider)


def providers() -> list[BannerProvider]:
    return list(_PROVIDERS)


def collect_banners(user) -> list[Banner]:
    """Every provider's banners for ``user``, errors first."""
    banners: list[Banner] = []
    for provider in _PROVIDERS:
        try:
            banners.extend(provider(user))
        except Exception:
            logger.exception("banner provider %s.%s failed", provider.__module__, provider.__qualname__)
    return sorted(banners, key=lambda b: b.level != Banner.ERROR)
