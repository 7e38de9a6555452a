"""The client's address, the one rule for sign-in lockouts, the audit trail and rate limits.

A request's ``REMOTE_ADDR`` is the client unless it is one of the reverse proxies listed in the
``TRUSTED_PROXIES`` setting (addresses or networks). Then the client is the right-most address of
``X-Forwarded-For`` that is not itself a trusted proxy: each proxy appends the address it saw, so
everything left of the last untrusted one may have been written by the client and is ignored.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(values: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(v, strict=False) for v in values)


def parse_networks(values: list[str] | tuple[str, ...]) -> tuple[Network, ...]:
    """The networks of a TRUSTED_PROXIES list; ValueError names the first bad entry."""
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ValueError(value) from None
    return _networks(tuple(values))


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_address(request: HttpRequest) -> str | None:
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    if remote is None:
        return None
    networks = parse_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _trusted(remote, networks):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for part in reversed(forwarded.split(",")):
        address = _address(part)
        if address is None:
            # Garbage in the header: stop at the last address a trusted proxy vouched for.
            break
        if not _trusted(address, networks):
            return str(address)
        remote = address
    return str(remote)
