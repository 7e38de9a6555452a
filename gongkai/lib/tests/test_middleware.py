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



def _through_messages(view, cookies: dict | None = None):
    from django.contrib.sessions.middleware import SessionMiddleware

    from gongkai.lib.middleware import LazyMessageMiddleware

    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    response = SessionMiddleware(LazyMessageMiddleware(view))(request)
    return request, response


def test_a_request_that_never_touches_messages_makes_no_storage_and_sets_no_cookie(db):
    from django.utils.functional import empty

    request, response = _through_messages(lambda request: HttpResponse("page"))
    assert request._messages._wrapped is empty
    assert "messages" not in response.cookies


def test_a_message_added_reaches_the_next_request_and_is_then_cleared(db):
    from django.contrib import messages

    def add(request):
        messages.success(request, "已提交")
        return HttpResponse("redirect")

    _, first = _through_messages(add)
    stored = first.cookies["messages"].value
    assert stored

    shown = []

    def show(request):
        shown.extend(str(message) for message in messages.get_messages(request))
        return HttpResponse("page")

    _, second = _through_messages(show, {"messages": stored})
    assert shown == ["已提交"]
    assert second.cookies["messages"].value == ""  # read, so cleared
