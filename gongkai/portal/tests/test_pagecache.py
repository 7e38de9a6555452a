"""The shared public page cache: fast for anonymous visitors, never stale after a change."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from gongkai.catalog import actions

pytestmark = pytest.mark.django_db

@pytest.fixture
def page_cache(settings):
    # Only the page cache is switched on; the default cache (host → district lookups) stays as is.
    caches_setting = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages-test"},
    }
    with override_settings(CACHES=caches_setting):
        caches["pages"].clear()
        yield caches["pages"]
        caches["pages"].clear()


def _published(personas):
    from gongkai.catalog.models import Column

    column = Column.objects.get(district=personas.district, slug="gzdt")
    version = actions.create_item(
        actor=personas.editor,
        organisation=personas.department,
        column=column,
        title="缓存测试信息",
        body="<p>正文</p>",
    )
    actions.submit(version, actor=personas.editor)
    actions.review(version, actor=personas.reviewer, passed=True)
    actions.approve(version, actor=personas.leader, approved=True)
    return version.item


def test_an_anonymous_page_is_served_from_the_cache_without_queries(
    client, personas, page_cache, django_assert_num_queries
):
    item = _published(personas)
    url = f"/xxgk/xx/{item.pk}/"
    assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        response = client.get(url)
    assert "缓存测试信息" in response.content.decode()


def test_a_withdrawal_is_never_served_from_the_cache(
    client, personas, page_cache, django_capture_on_commit_callbacks
):
    item = _published(personas)
    url = f"/xxgk/xx/{item.pk}/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(item, actor=personas.coordinator, reason="有误", public_notice=False)
    assert client.get(url).status_code == 404


def test_staff_with_a_session_always_get_a_fresh_page(client, personas, page_cache):
    from gongkai.catalog.models import Version

    item = _published(personas)
    url = f"/xxgk/xx/{item.pk}/"
    client.get(url)
    Version.objects.filter(item=item).update(title="改过的标题")  # no signal: the cache is stale
    assert "缓存测试信息" in client.get(url).content.decode()
    client.force_login(personas.editor)
    assert "改过的标题" in client.get(url).content.decode()


def test_search_pages_are_not_cached(client, personas, page_cache):
    _published(personas)
    client.get("/search/?q=缓存")
    from gongkai.catalog.models import SearchQuery

    client.get("/search/?q=缓存")
    assert SearchQuery.objects.count() == 2  # every query is logged, so none was a cache hit
