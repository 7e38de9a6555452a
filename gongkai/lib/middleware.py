"""Middleware of the whole platform."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation


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
