"""Light throttling of the mailbox in Django's cache, shared by the web form and the Open311 API:
letters per client IP and per browser session (the Open311 POST counts against the same IP
limit), and failed lookups of a letter's number and query code."""

from __future__ import annotations

from django.http import HttpRequest

from gongkai.lib import throttle
from gongkai.lib.throttle import Limit

# Letters per client IP and per browser session; the Open311 POST counts against the same IP limit.
LETTERS_PER_IP = Limit("letters-ip", "MAILBOX_LETTERS_PER_IP_PER_HOUR", 10, 3600)
LETTERS_PER_SESSION = Limit("letters-session", "MAILBOX_LETTERS_PER_SESSION_PER_HOUR", 5, 3600)
FOLLOW_FAILURES = Limit("follow-failures", "MAILBOX_FOLLOW_FAILURES_PER_10_MIN", 10, 600)


def _scopes(limit: Limit, request: HttpRequest) -> list[str]:
    if limit is LETTERS_PER_SESSION:
        session_key = getattr(getattr(request, "session", None), "session_key", None)
        return [f"session:{session_key}"] if session_key else []
    return [throttle.client_ip(request)]


def limit_reached(limit: Limit, request: HttpRequest) -> bool:
    return any(throttle.reached(limit, scope) for scope in _scopes(limit, request))


def count_hit(limit: Limit, request: HttpRequest) -> None:
    for scope in _scopes(limit, request):
        throttle.hit(limit, scope)


def letters_limit_reached(request: HttpRequest) -> bool:
    return limit_reached(LETTERS_PER_IP, request) or limit_reached(LETTERS_PER_SESSION, request)


def count_letter(request: HttpRequest, *, per_session: bool = True) -> None:
    count_hit(LETTERS_PER_IP, request)
    if per_session and hasattr(request, "session"):
        if not request.session.session_key:
            request.session.save()  # a first-time writer: the session gets its key now
        count_hit(LETTERS_PER_SESSION, request)
