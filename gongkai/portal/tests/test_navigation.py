import pytest
from django.test import RequestFactory

from gongkai.portal import navigation, panels
from gongkai.portal.tests.factories import make_beihu

pytestmark = pytest.mark.django_db


@pytest.fixture
def isolated_registries(monkeypatch):
    monkeypatch.setattr(navigation, "_REGISTRY", dict(navigation._REGISTRY))
    monkeypatch.setattr(panels, "_REGISTRY", dict(panels._REGISTRY))


@pytest.fixture
def extra_templates(settings):
    from pathlib import Path

    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"],
        }
    ]


def test_home_and_disclosure_sections_are_registered_by_the_portal():
    keys = [s.key for s in navigation.sections()]

    assert keys[:2] == ["home", "disclosure"]


def test_navigation_registry_renders_sections_in_order_and_skips_unresolvable_ones(
    client, isolated_registries
):
    make_beihu()
    navigation.register_section("admin", "政务服务", "admin:index", order=5)
    navigation.register_section("later", "尚未上线", "nowhere:index", order=6)

    html = client.get("/xxgk/").content.decode()

    assert 'href="/admin/">政务服务</a>' in html
    assert "尚未上线" not in html
    assert html.index(">首页<") < html.index(">政务服务<") < html.index(">政府信息公开</a>")
    assert '<a href="/xxgk/" aria-current="page">政府信息公开</a>' in html
    assert '<a href="/" aria-current="page">' not in html


def test_registering_a_key_again_replaces_the_section(isolated_registries):
    navigation.register_section("disclosure", "信息公开", "portal:disclosure", order=10)

    labels = [link.label for link in navigation.nav_links("/")]

    assert "信息公开" in labels and "政府信息公开" not in labels


def test_the_home_section_is_current_only_on_the_home_page():
    assert [link.key for link in navigation.nav_links("/") if link.is_current] == ["home"]
    assert [link.key for link in navigation.nav_links("/xxgk/some/item/") if link.is_current] == [
        "disclosure"
    ]
    assert not [link for link in navigation.nav_links("/elsewhere/") if link.is_current]


def test_registered_home_panels_render_with_their_context(client, isolated_registries, extra_templates):
    make_beihu()
    panels.register_home_panel(
        "portal_test/_latest.html",
        order=1,
        context=lambda request: {"latest_title": "关于2018年财政预算的公告"},
    )

    html = client.get("/").content.decode()

    assert "最新信息" in html and "关于2018年财政预算的公告" in html


def test_a_failing_home_panel_is_left_out_and_the_page_still_renders(
    client, isolated_registries, extra_templates, caplog
):
    make_beihu()

    def broken(request):
        raise RuntimeError("catalog down")

    panels.register_home_panel("portal_test/_latest.html", context=broken)

    response = client.get("/")

    assert response.status_code == 200
    assert "最新信息" not in response.content.decode()
    assert "catalog down" in caplog.text


def test_nav_links_without_request_path_still_resolve():
    request = RequestFactory().get("/")
    assert navigation.nav_links(request.path)


def test_breadcrumbs_lead_from_home_through_the_parent_to_the_page_with_text_escaped():
    from django.template import engines

    template = engines["django"].from_string(
        "{% load portal_tags %}{% breadcrumbs here parent_url=up parent_label=label %}|{% breadcrumbs here %}"
    )
    html = template.render({"here": "正文<b>", "up": "/xxgk/lm/gzdt/", "label": "工作动态&"})
    full, bare = html.split("|")
    assert '<a href="/">首页</a>' in full
    assert '<li><a href="/xxgk/lm/gzdt/">工作动态&amp;</a></li>' in full
    assert '<span aria-current="page">正文&lt;b&gt;</span>' in full
    assert full.index("首页") < full.index("工作动态") < full.index("正文")
    assert "/xxgk/lm/gzdt/" not in bare and '<span aria-current="page">正文&lt;b&gt;</span>' in bare


def test_remembered_breadcrumbs_tell_safe_html_from_text_and_nothing_from_none():
    from django.utils.safestring import mark_safe

    from gongkai.portal.templatetags.portal_tags import breadcrumbs

    text = breadcrumbs("<b>正文</b>", parent_url="/xxgk/", parent_label="<i>信息公开</i>")
    safe = breadcrumbs(mark_safe("<b>正文</b>"), parent_url="/xxgk/", parent_label=mark_safe("<i>信息公开</i>"))
    again = breadcrumbs("<b>正文</b>", parent_url="/xxgk/", parent_label="<i>信息公开</i>")

    assert "&lt;b&gt;正文&lt;/b&gt;" in text and "&lt;i&gt;信息公开&lt;/i&gt;" in text
    assert "<b>正文</b>" in safe and "<i>信息公开</i>" in safe
    assert again == text
    assert breadcrumbs("正文", parent_url=None, parent_label=None) == breadcrumbs("正文")
    assert "<li><a" not in breadcrumbs("正文", parent_url=None).split("首页", 1)[1]


def test_breadcrumbs_follow_the_script_prefix():
    from django.urls import clear_script_prefix, set_script_prefix

    from gongkai.portal.templatetags.portal_tags import breadcrumbs

    plain = breadcrumbs("正文")
    set_script_prefix("/gov/")
    try:
        assert '<a href="/gov/">首页</a>' in breadcrumbs("正文")
    finally:
        clear_script_prefix()
    assert breadcrumbs("正文") == plain
