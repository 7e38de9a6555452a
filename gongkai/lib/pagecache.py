"""A whole-page cache for the public portal, shared by all server processes.

Anonymous visitors (no session cookie) get pages that views marked with ``@public_page`` from
the cache before sessions, authentication or the district lookup run — the cheap path a busy
portal needs. Every cache key carries a *generation*; anything that changes what the public sees
(an item published or withdrawn, a column or organisation edited) bumps it after its
transaction commits, so no visitor is served a page that should no longer exist.

The cache is the ``pages`` alias: Redis where the deployment has one (TASK_BACKEND=redis),
else files under DATA_DIR, which every process on the machine shares. With files, the generation
is a token in a small file of that directory, replaced whole on each bump: every request reads it,
and one small read costs a fraction of a cache lookup (no pickling, no key hashing); a fresh random
token needs no lock between processes bumping at once.
"""

from __future__ import annotations

import functools
import hashlib
import os
import secrets
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction

ALIAS = "pages"
FRAGMENTS = "fragments"
GENERATION_KEY = "portal:generation"
GENERATION_FILE = "generation"
DEFAULT_SECONDS = 300
_MARK = "_gongkai_public_page"


def _cache():
    return caches[ALIAS]


def _generation_file() -> str | None:
    """The generation's file when the page cache is files on this machine, else None."""
    backend = _cache()
    if isinstance(backend, FileBasedCache):
        return os.path.join(backend._dir, GENERATION_FILE)
    return None


def _new_generation_file(path: str | Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".generation-")
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(8))
    os.replace(temporary, path)  # readers see the old token or the new one, never a partial file


def _read_token(path: str) -> str:
    fd = os.open(path, os.O_RDONLY)  # the bare system calls: a third of the cost of open().read()
    try:
        return os.read(fd, 64).decode()
    finally:
        os.close(fd)


def generation() -> int | str:
    """What the current public state is called: changes on every ``bump``, the same in every
    process of the deployment in between."""
    path = _generation_file()
    if path is not None:
        try:
            return _read_token(path)
        except FileNotFoundError:
            _new_generation_file(path)
            return _read_token(path)
    value = _cache().get(GENERATION_KEY)
    if value is None:
        value = 1
        _cache().add(GENERATION_KEY, value, None)
    return value


def request_generation(request) -> int | str:
    """``generation()`` read once per request (pages and their fragments agree on it)."""
    value = getattr(request, "_gongkai_generation", None)
    if value is None:
        value = generation()
        request._gongkai_generation = value
    return value


def fragments():
    """Each process's cache of page fragments; keys must carry ``request_generation``."""
    return caches[FRAGMENTS]


def bump() -> None:
    """Invalidate every cached public page (after the current transaction commits)."""

    def do() -> None:
        path = _generation_file()
        if path is not None:
            _new_generation_file(path)
            return
        try:
            _cache().incr(GENERATION_KEY)
        except ValueError:
            _cache().set(GENERATION_KEY, 2, None)

    transaction.on_commit(do)


def public_page(view=None, *, seconds: int = DEFAULT_SECONDS):
    """Mark a public view's successful responses as cacheable for anonymous visitors."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(request, *args, **kwargs):
            response = func(request, *args, **kwargs)
            setattr(response, _MARK, seconds)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate


def _key(request) -> str | None:
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None  # staff (or anyone with a session) always get a fresh page
    raw = f"{request.get_host()}|{request.get_full_path()}|{request_generation(request)}"
    return "portal:page:" + hashlib.sha256(raw.encode()).hexdigest()


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            key = _key(request)
        except Exception:  # e.g. a disallowed host: let the normal chain answer it
            key = None
        if key is not None:
            cached = _cache().get(key)
            if cached is not None:
                return cached
        response = self.get_response(request)
        seconds = getattr(response, _MARK, None)
        if (
            key is not None
            and seconds
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        ):
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
            _cache().set(key, response, seconds)
        return response
