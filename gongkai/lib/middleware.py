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
