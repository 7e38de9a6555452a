"""Each request runs in the platform's language and time zone, whatever the thread had before."""

from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone, translation

from gongkai.lib.middleware import ActivateLanguageMiddleware


def _seen_during_a_request() -> tuple[str, str]:
    seen = []

    def view(request):
        seen.append((translation.get_language(), timezone.get_current_timezone_name()))
        return HttpResponse()

    ActivateLanguageMiddleware(view)(RequestFactory().get("/"))
    return seen[0]


def test_the_request_gets_the_platform_language_and_zone_not_the_threads(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    translation.activate("en")
    timezone.activate("UTC")
    try:
        assert _seen_during_a_request() == ("zh-hans", "Asia/Shanghai")
    finally:
        translation.deactivate()
        timezone.deactivate()


def test_the_language_follows_the_setting(settings):
    settings.LANGUAGE_CODE = "en"
    try:
        assert _seen_during_a_request()[0] == "en"
    finally:
        translation.deactivate()

