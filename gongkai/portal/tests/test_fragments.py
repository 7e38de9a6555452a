"""Fragments of portal pages kept in each process (header, footer, the district): the same
answers as without them, and never stale after a public change."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from gongkai.orgs.models import LeadingGroup, Organisation
from gongkai.portal.tests.factories import make_beihu

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_caches(settings):
    """Real caches for pages' generation and for fragments, as in production."""
    caches_setting = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages-test"},
        "fragments": {"BACKEND": "gongkai.lib.processcache.ProcessCache", "LOCATION": "frag-test"},
    }
    with override_settings(CACHES=caches_setting):
        caches["pages"].clear()
        caches["fragments"].clear()
        yield
        caches["pages"].clear()
        caches["fragments"].clear()


STAFF = {"HTTP_COOKIE": "sessionid=not-a-session"}  # past the whole-page cache, as staff are


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **STAFF).status_code == 200
    return len(captured.captured_queries)


def test_pages_with_fragments_are_the_pages_without_them(client, settings):
    make_beihu()
    urls = ["/", "/xxgk/", "/xxgk/ml/"]
    plain = {url: client.get(url, **STAFF).content for url in urls}

    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p2"},
        "fragments": {"BACKEND": "gongkai.lib.processcache.ProcessCache", "LOCATION": "f2"},
    }
    for _ in range(2):  # filled, then served from the fragments
        for url in urls:
            assert client.get(url, **STAFF).content == plain[url], url
    caches["fragments"].clear()


def _nav(response) -> str:
    html = response.content.decode()
    return html[html.index('<nav class="site-nav"') : html.index("</nav>")]


def test_the_header_marks_the_section_of_each_page(client, shared_caches):
    make_beihu()
    for _ in range(2):
        home = _nav(client.get("/", **STAFF))
        catalog = _nav(client.get("/xxgk/ml/", **STAFF))
        assert home.count('aria-current="page"') == catalog.count('aria-current="page"') == 1
        assert 'href="/" aria-current="page"' in home
        assert 'href="/xxgk/ml/" aria-current="page"' in catalog


def test_the_footer_and_district_are_read_once_then_kept(client, shared_caches):
    make_beihu()
    first = _queries(client, "/xxgk/ml/")
    again = _queries(client, "/xxgk/ml/")

    assert again < first  # the leading group, its members and the district row are not read again


def test_a_change_to_the_office_shows_on_the_next_page(
    client, shared_caches, django_capture_on_commit_callbacks
):
    make_beihu()
    group = LeadingGroup.objects.select_related("office").get()
    assert group.office.name in client.get("/xxgk/ml/", **STAFF).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(pk=group.office_id).update(name="北湖区政务服务中心")
        group.office.refresh_from_db()
        group.office.save()  # what an edit in the staff pages does: a save, which bumps the generation

    html = client.get("/xxgk/ml/", **STAFF).content.decode()
    assert "承办：北湖区政务服务中心" in html


def test_a_renamed_district_shows_on_the_next_page(client, shared_caches, django_capture_on_commit_callbacks):
    district = make_beihu()
    client.get("/", **STAFF)

    with django_capture_on_commit_callbacks(execute=True):
        district.name = "郴州市北湖区人民政府（新）"
        district.save()

    assert "郴州市北湖区人民政府（新）" in client.get("/", **STAFF).content.decode()
