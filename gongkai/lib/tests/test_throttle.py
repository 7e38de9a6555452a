"""Citizen rate limits: counted in a cache every worker shares (here Django's database cache),
per client address behind a trusted proxy; an abusive request gets the form again with a Chinese
message and a 429, everything typed kept; a failing cache never answers 500."""

from __future__ import annotations

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from gongkai.hotline.models import Category, Ticket
from gongkai.lib import throttle
from gongkai.lib.throttle import Limit

pytestmark = pytest.mark.django_db

TABLE = "gongkai_throttle_test"
SHARED = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": TABLE}
LIMIT = Limit("test-limit", "TEST_LIMIT_PER_HOUR", 3, 3600)


@pytest.fixture
def shared_cache(settings):
    settings.CACHES = {**settings.CACHES, "throttle": SHARED}
    call_command("createcachetable", TABLE, verbosity=0)
    return settings


def test_counts_are_shared_by_every_worker_and_survive_a_restart(shared_cache):
    assert throttle.is_shared()
    for _ in range(3):
        throttle.hit(LIMIT, "203.0.113.7")
    # Another worker (a cache object of its own on the same table) sees the same count, and so
    # does a worker started afresh: nothing is kept in a process's memory.
    other_worker = DatabaseCache(TABLE, {})
    assert other_worker.get("gongkai:throttle:test-limit:203.0.113.7") == 3
    assert throttle.reached(LIMIT, "203.0.113.7")
    assert not throttle.reached(LIMIT, "203.0.113.8")


def test_a_count_lasts_the_limits_period_not_the_caches_default_timeout(shared_cache):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    hourly = Limit("test-hourly", "TEST_HOURLY", 3, 3600)
    start = timezone.now()
    for _ in range(3):
        throttle.hit(hourly, "203.0.113.7")  # the second and third go through the cache's incr
    with time_machine.travel(start + dt.timedelta(minutes=30)):
        assert throttle.count(hourly, "203.0.113.7") == 3 and throttle.reached(hourly, "203.0.113.7")
    with time_machine.travel(start + dt.timedelta(minutes=61)):
        assert throttle.count(hourly, "203.0.113.7") == 0


def test_a_cache_in_each_process_is_not_shared(settings):
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    assert not throttle.is_shared()


def test_behind_a_trusted_proxy_each_citizen_has_their_own_count(shared_cache):
    shared_cache.TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    factory = RequestFactory()
    a = factory.get("/", **proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")
    b = factory.get("/", **proxy, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert throttle.client_ip(a) == "198.51.100.1" and throttle.client_ip(b) == "198.51.100.2"
    # Without the setting, the forwarded header is whatever the sender wrote: not believed.
    shared_cache.TRUSTED_PROXIES = []
    assert throttle.client_ip(a) == "10.0.0.1"


def _letter(category, **extra):
    return {
        "title": "路灯不亮",
        "content": "建设路小区门口的路灯坏了两个星期，请尽快维修。",
        "category": str(category.pk),
        "name": "赵小明",
        "phone": "13907351234",
        "website": "",
        **extra,
    }


def test_the_mailbox_limit_holds_across_workers_and_keeps_the_text(shared_cache, personas):
    shared_cache.MAILBOX_LETTERS_PER_IP_PER_HOUR = 2
    shared_cache.TRUSTED_PROXIES = ["10.0.0.0/8"]
    category = Category.objects.create(district=personas.district, name="城市管理")
    citizen = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    # Each letter through a different "worker": a fresh client and session each time.
    for n in range(2):
        assert (
            Client(**citizen).post(reverse("mailbox:form"), _letter(category, title=f"第{n}封")).status_code
            == 302
        )
    response = Client(**citizen).post(reverse("mailbox:form"), _letter(category, title="第三封信的标题"))
    assert response.status_code == 429 and Ticket.objects.count() == 2
    page = response.content.decode()
    assert (
        "一小时后再提交" in page and "第三封信的标题" in page and "建设路小区门口的路灯坏了两个星期" in page
    )
    # Another citizen behind the same proxy is not refused.
    neighbour = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert neighbour.post(reverse("mailbox:form"), _letter(category)).status_code == 302


def test_a_failing_cache_never_answers_500(settings, personas, monkeypatch):
    class Broken:
        def __getattr__(self, name):
            raise ConnectionError("cache down")

    monkeypatch.setattr(throttle, "store", lambda: Broken())
    category = Category.objects.create(district=personas.district, name="城市管理")
    assert not throttle.reached(LIMIT, "203.0.113.7")
    throttle.hit(LIMIT, "203.0.113.7")
    assert Client().post(reverse("mailbox:form"), _letter(category)).status_code == 302
