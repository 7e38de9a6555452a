"""Throttling of public forms and lookups, counted in a cache every worker shares.

A ``Limit`` is a number of events per period, overridable by a setting. Counts are kept per
scope — usually the client's address (``gongkai.lib.clientip``, which honours ``TRUSTED_PROXIES``
behind a reverse proxy), sometimes its session.

The counts live in the cache named by the ``THROTTLE_CACHE`` setting (default ``"throttle"``,
else ``"default"``): it must be shared by all workers — Django's database cache
(``django.core.cache.backends.db.DatabaseCache``, after ``manage.py createcachetable``) or Redis.
A process-local cache would let each of N workers allow the limit, and forget it on restart.
A failing cache never fails the citizen's request: the limit is then not applied, and logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest

from gongkai.lib.clientip import client_address

logger = logging.getLogger(__name__)

CACHE_ALIAS = "throttle"


@dataclass(frozen=True)
class Limit:
    name: str
    setting: str  # a setting that may override the default count
    default: int
    seconds: int

    @property
    def count(self) -> int:
        return int(getattr(settings, self.setting, self.default))


def store() -> BaseCache:
    """The shared cache the counts are kept in."""
    alias = getattr(settings, "THROTTLE_CACHE", CACHE_ALIAS)
    return caches[alias if alias in settings.CACHES else "default"]


def is_shared() -> bool:
    """Whether every worker sees the same counts (not a cache in each process's memory)."""
    backend = type(store()).__module__
    return not backend.startswith(("django.core.cache.backends.locmem", "django.core.cache.backends.dummy"))


def client_ip(request: HttpRequest) -> str:
    """The client's address, the platform's one rule (``gongkai.lib.clientip``)."""
    return client_address(request) or "unknown"


def _key(limit: Limit, scope: str) -> str:
    return f"gongkai:throttle:{limit.name}:{scope}"


def count(limit: Limit, scope: str) -> int:
    """The events counted for ``scope`` in the limit's current window (0 if the cache is down)."""
    try:
        return int(store().get(_key(limit, scope)) or 0)
    except Exception:  # a cache that is down must not refuse the citizen, nor answer 500
        logger.exception("throttle: count of %s could not be read", limit.name)
        return 0


def reached(limit: Limit, scope: str) -> bool:
    return count(limit, scope) >= limit.count


def hit(limit: Limit, scope: str) -> None:
    key = _key(limit, scope)
    cache = store()
    try:
        if not cache.add(key, 1, limit.seconds):
            try:
                cache.incr(key)
                # Django's incr on the database cache is a get and a set with the cache's default
                # timeout (300 s): without this an hour's count would vanish five minutes after the
                # last event. The count now lasts the limit's period from the latest event.
                cache.touch(key, limit.seconds)
            except ValueError:  # expired in between
                cache.set(key, 1, limit.seconds)
    except Exception:
        logger.exception("throttle: count of %s could not be written", limit.name)
