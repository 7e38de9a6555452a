"""Every page carries the Content-Security-Policy and the Permissions-Policy; the staff pages, the
staff API and a citizen's own lookups are never stored by a browser or a proxy; /api/docs is
served from the platform's own files; the body sanitizer keeps no picture from elsewhere."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Column
from gongkai.catalog.sanitize import clean_html
from gongkai.lib.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/xxgk/",
    "/apply/",
    "/apply/deadline/",
    "/mailbox/",
    "/mailbox/letters/",
    "/api/docs",
    "/api/openapi.json",
    "/api/items",
    "/open311/v2/services.json",
    "/no-such-page/",
]
PRIVATE_PUBLIC = ["/mailbox/follow/", "/apply/status/"]
STAFF = [
    "/staff/",
    "/staff/catalog/",
    "/staff/applications/",
    "/staff/hotline/",
    "/staff/api/orgs",
    "/staff/api/openapi.json",
    "/staff/login/",
]


@pytest.fixture
def item_url(personas):
    column = Column.objects.get(district=personas.district, slug="gzdt")
    version = catalog_actions.create_item(
        actor=personas.editor,
        organisation=personas.department,
        title="一条公开的信息",
        body="<p>正文</p>",
        column=column,
    )
    catalog_actions.submit(version, actor=personas.editor)
    catalog_actions.review(version, actor=personas.reviewer, passed=True)
    catalog_actions.approve(version, actor=personas.leader, approved=True)
    return reverse("catalog:item", args=[version.item_id])


def _assert_policies(response, url):
    assert response.status_code < 500, url
    csp = response.headers.get("Content-Security-Policy", "")
    assert csp == CONTENT_SECURITY_POLICY, url
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in csp
    assert "geolocation=()" in response.headers.get("Permissions-Policy", ""), url


def test_public_pages_carry_the_policies_and_may_be_cached(client, personas, item_url):
    for url in [*PUBLIC, item_url]:
        response = client.get(url)
        _assert_policies(response, url)
        assert "no-store" not in response.headers.get("Cache-Control", ""), url
    # A page the public page cache answers the second time carries them too.
    _assert_policies(client.get(item_url), item_url)


def test_a_citizens_own_lookups_are_never_stored(client, personas):
    for url in PRIVATE_PUBLIC:
        response = client.get(url)
        _assert_policies(response, url)
        assert response.headers["Cache-Control"] == "no-store", url


@pytest.mark.parametrize("who", ["coordinator", "editor", None])
def test_staff_pages_and_the_staff_api_are_never_stored(client, personas, who):
    if who:
        client.force_login(getattr(personas, who))
    for url in STAFF:
        response = client.get(url)
        _assert_policies(response, url)
        assert response.headers["Cache-Control"] == "no-store", (url, response.status_code)
        assert "Expires" not in response.headers


def test_no_template_has_an_inline_script_or_handler():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|\son[a-z]+=\"|javascript:"
    )
    offenders = [
        str(path.relative_to(root))
        for path in [*root.rglob("*.html"), *root.rglob("*.jinja")]
        if "vendor" not in path.parts and inline.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_api_docs_are_served_by_the_platform_itself(client, personas):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert addresses and all(a.startswith("/") and not a.startswith("//") for a in addresses), addresses
    assert "swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", page)
    for address in addresses:
        if address.startswith("/static/"):
            assert client.get(address).status_code == 200, address


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ('<p><img src="https://tracker.example/p.gif" alt="x">正文</p>', "<p>正文</p>"),
        ('<p><img src="//tracker.example/p.gif">正文</p>', "<p>正文</p>"),
        ('<p><img src="http://evil.example/a.png" alt="a" width="1" height="1">正文</p>', "<p>正文</p>"),
        ('<p><img src="javascript:alert(1)">正文</p>', "<p>正文</p>"),
        ('<p><img alt="无图">正文</p>', "<p>正文</p>"),
        (
            '<p><img src="/media/catalog/a.png" alt="示意图">正文</p>',
            '<p><img src="/media/catalog/a.png" alt="示意图">正文</p>',
        ),
    ],
)
def test_the_sanitizer_keeps_only_pictures_on_the_platform(body, kept):
    assert clean_html(body) == kept


def test_a_picture_on_one_of_the_platforms_own_hosts_is_kept(settings):
    settings.ALLOWED_HOSTS = ["gk.example.gov.cn"]
    body = '<p><img src="https://gk.example.gov.cn/media/a.png" alt="图"></p>'
    assert clean_html(body) == body
    assert clean_html('<p><img src="https://gk.example.gov.cn.evil.example/a.png"></p>') == "<p></p>"
