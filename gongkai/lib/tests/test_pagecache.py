"""The shared public page cache: fast for anonymous visitors, never stale after a change."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from gongkai.catalog import actions
from gongkai.lib import pagecache

pytestmark = pytest.mark.django_db

BACKENDS = {
    # Files under DATA_DIR (the default: every process of a machine shares them), and a stand-in
    # for Redis (a shared cache that counts the generation itself).
    "files": "django.core.cache.backends.filebased.FileBasedCache",
    "shared": "django.core.cache.backends.locmem.LocMemCache",
}


@pytest.fixture(params=sorted(BACKENDS))
def page_cache(request, settings, tmp_path):
    # Only the page cache is switched on; the default cache (host → district lookups) stays as is.
    location = str(tmp_path / "pages") if request.param == "files" else "pages-test"
    caches_setting = {
        **settings.CACHES,
        "pages": {"BACKEND": BACKENDS[request.param], "LOCATION": location},
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


def test_every_bump_gives_a_generation_never_seen_before(page_cache, django_capture_on_commit_callbacks):
    seen = [pagecache.generation()]
    assert pagecache.generation() == seen[0]  # stable between bumps
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            pagecache.bump()
        seen.append(pagecache.generation())
    assert len(set(seen)) == len(seen)


def test_with_files_the_generation_is_a_whole_token_in_its_own_file(settings, tmp_path):
    caches_setting = {
        **settings.CACHES,
        "pages": {"BACKEND": BACKENDS["files"], "LOCATION": str(tmp_path / "pages")},
    }
    with override_settings(CACHES=caches_setting):
        first = pagecache.generation()
        token = (tmp_path / "pages" / pagecache.GENERATION_FILE).read_text()
        assert first == token and len(token) == 16
        pagecache._new_generation_file(tmp_path / "pages" / pagecache.GENERATION_FILE)
        assert pagecache.generation() not in ("", first)
        caches["pages"].clear()  # clearing the cached pages leaves the generation be
        assert (tmp_path / "pages" / pagecache.GENERATION_FILE).exists()
        assert [p.name for p in (tmp_path / "pages").iterdir()] == [pagecache.GENERATION_FILE]
