"""Middleware of the whole platform."""

from __future__ import annotations

from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, empty


class ActivateLanguageMiddleware:
    """Activates the platform's language (``LANGUAGE_CODE``) and time zone for each request.

    The interface language is the deployment's, never negotiated from the browser, so this is not
    Django's ``LocaleMiddleware``. Activating them explicitly changes no answer (both are the
    defaults), but each of the request's many ``gettext``, ``get_language`` and ``localtime``
    calls then finds them set: with nothing activated, every one of them first fails a
    thread-local lookup (an exception raised and caught inside asgiref) before it falls back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(settings.LANGUAGE_CODE)
        timezone.activate(timezone.get_default_timezone())
        return self.get_response(request)


class LazyMessageMiddleware(MessageMiddleware):
    """Django's message middleware, with the message storage made on first use.

    Django's makes it for every request (a cookie storage and a session storage behind a
    fallback), though most requests, every public page among them, neither add nor show a
    message. Made lazily, an unused storage costs nothing on the way out either: an untouched
    storage has nothing to store and nothing to clear, as Django's own ``update`` finds.
    """

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response
        return super().process_response(request, response)


# Every asset is the platform's own: scripts only from its own files (no inline script, no eval),
# nothing framed from or sent elsewhere. Inline styles are allowed: they cannot run code, and
# charts and Swagger UI set style attributes; everything else is 'self'.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# No page of the platform uses any of these browser features.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
)
# Pages that show personal data to staff, or a citizen's own letter: never kept by a browser or proxy.
NO_STORE_PREFIXES = ("/staff/", "/admin/", "/mailbox/follow/", "/apply/status/")


class SecurityHeadersMiddleware:
    """Sets the Content-Security-Policy and Permissions-Policy of every response, and
    ``Cache-Control: no-store`` on the staff workbench, the staff API, the admin and a citizen's
    lookup of their own letter. Placed above the public page cache, so cached pages get them too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith(NO_STORE_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
            response.headers.pop("Expires", None)
        return response
