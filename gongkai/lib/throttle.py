"""Light throttling of public forms and lookups, counted in Django's cache.

A ``Limit`` is a number of events per period, overridable by a setting. Counts are kept per
scope — usually the client's address, sometimes its session.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    name: str
    setting: str  # a setting that may override the default count
    default: int
    seconds: int

    @property
    def count(self) -> int:
        return int(getattr(settings, self.setting, self.default))


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: a forwarded-for header is whatever the sender wants it to be.
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(limit: Limit, scope: str) -> str:
    return f"gongkai:throttle:{limit.name}:{scope}"


def reached(limit: Limit, scope: str) -> bool:
    return (cache.get(_key(limit, scope)) or 0) >= limit.count


def hit(limit: Limit, scope: str) -> None:
    key = _key(limit, scope)
    if not cache.add(key, 1, limit.seconds):
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, limit.seconds)
