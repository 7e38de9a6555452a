"""``reverse`` remembered per process, for addresses a busy page builds on every request; and which
navigation link a path belongs to."""

from __future__ import annotations

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_REMEMBERED: dict[tuple, str] = {}
_MOST = 4096


def remembered_reverse(viewname: str, *args: str | int) -> str:
    """``reverse(viewname, args=args)``, worked out once per URLconf and script prefix.

    Reversing walks the URLconf's patterns and quotes each argument (about 20 µs); the answer only
    changes with the URLconf, the script prefix or the arguments, which are the key here.
    """
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), viewname, args)
    url = _REMEMBERED.get(key)
    if url is None:
        url = reverse(viewname, args=args)
        if len(_REMEMBERED) >= _MOST:
            _REMEMBERED.clear()
        _REMEMBERED[key] = url
    return url


def current_link(path: str, urls: list[str], roots: frozenset[str] = frozenset()) -> str | None:
    """The URL among ``urls`` that ``path`` belongs to: the longest prefix; a root only matches itself."""
    best = None
    for url in urls:
        belongs = path == url or (url not in roots and url.endswith("/") and path.startswith(url))
        if belongs and (best is None or len(url) > len(best)):
            best = url
    return best
