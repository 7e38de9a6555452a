"""The process-memory cache: Django's cache contract, objects by reference, expiry, LRU."""

import threading

import pytest
import time_machine
from django.core.cache import caches
from django.test import override_settings

from gongkai.lib.processcache import ProcessCache


@pytest.fixture(autouse=True)
def _empty():
    yield
    ProcessCache("test", {}).clear()
    ProcessCache("other", {}).clear()


def _cache(**options) -> ProcessCache:
    cache = ProcessCache("test", {"OPTIONS": options})
    cache.clear()
    return cache


def test_a_kept_value_is_the_object_itself_not_a_copy():
    cache = _cache()
    value = ("北湖区", [1, 2])
    cache.set("k", value)
    assert cache.get("k") is value
    assert cache.get("missing") is None
    assert cache.get("missing", "default") == "default"


def test_none_can_be_kept_and_told_apart_from_a_miss():
    cache = _cache()
    cache.set("k", None)
    assert cache.has_key("k")
    assert cache.get("k", "default") is None
    assert not cache.has_key("other")


def test_entries_expire_after_their_timeout_and_never_without_one():
    cache = _cache()
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False) as traveller:
        cache.set("short", 1, 60)
        cache.set("forever", 2, None)
        cache.set("default", 3)  # Django's default: 300 s
        traveller.shift(59)
        assert cache.get("short") == 1
        traveller.shift(2)
        assert cache.get("short") is None
        assert cache.get("default") == 3
        traveller.shift(300)
        assert cache.get("default") is None
        assert cache.get("forever") == 2


def test_a_zero_timeout_keeps_nothing():
    cache = _cache()
    cache.set("k", 1, 0)
    assert cache.get("k") is None


def test_the_least_recently_used_entry_goes_first_past_max_entries():
    cache = _cache(MAX_ENTRIES=3)
    for key in "abc":
        cache.set(key, key)
    cache.get("a")  # used: now the newest
    cache.set("d", "d")
    assert [k for k in "abcd" if cache.has_key(k)] == ["a", "c", "d"]


def test_add_touch_delete_incr_and_clear_follow_django_semantics():
    cache = _cache()
    assert cache.add("k", 1)
    assert not cache.add("k", 2)
    assert cache.get("k") == 1
    assert cache.incr("k") == 2
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False) as traveller:
        cache.set("t", "x", 10)
        assert cache.touch("t", 100)
        traveller.shift(50)
        assert cache.get("t") == "x"
        assert not cache.touch("absent")
    assert cache.delete("k")
    assert not cache.delete("k")
    cache.set("x", 1)
    cache.clear()
    assert cache.get("x") is None and cache.get("t") is None


def test_versions_and_prefixes_make_different_keys():
    cache = ProcessCache("test", {"KEY_PREFIX": "p"})
    cache.set("k", "v1", version=1)
    cache.set("k", "v2", version=2)
    assert cache.get("k", version=1) == "v1"
    assert cache.get("k", version=2) == "v2"


def test_threads_setting_and_reading_at_once_lose_nothing_kept():
    cache = _cache(MAX_ENTRIES=10_000)

    def work(n: int) -> None:
        for i in range(500):
            cache.set(f"{n}:{i}", i)
            assert cache.get(f"{n}:{i}") == i

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(cache.get(f"{n}:{i}") == i for n in range(8) for i in range(500))


def test_the_threads_of_a_process_share_one_store_per_location():
    setting = {"fragments": {"BACKEND": "gongkai.lib.processcache.ProcessCache", "LOCATION": "test"}}
    with override_settings(CACHES=setting):
        caches["fragments"].set("k", "shared")
        seen = []
        thread = threading.Thread(target=lambda: seen.append(caches["fragments"].get("k")))
        thread.start()
        thread.join()
    assert seen == ["shared"]
    assert ProcessCache("other", {}).get("k") is None
