"""The Jinja2 pages: the same shell as the Django templates' and the same helpers' answers."""

import datetime as dt
import zoneinfo

import pytest
from django.template import defaultfilters, engines
from django.test import RequestFactory
from django.urls import reverse

from gongkai.orgs.middleware import district_for_host
from gongkai.portal.tests.factories import make_beihu

pytestmark = pytest.mark.django_db

BLOCKS = {
    "title": "页面标题",
    "extra_head": '<link rel="stylesheet" href="/static/x.css">',
    "body_class": "some-page",
    "breadcrumbs": "<nav>当前位置</nav>",
    "page_tools": "<button>打印</button>",
    "content": "<article>正文</article>",
    "scripts": '<script src="/static/x.js"></script>',
}


def _child(base: str, blocks: dict[str, str]) -> str:
    return f'{{% extends "{base}" %}}' + "".join(
        f"{{% block {name} %}}{body}{{% endblock %}}" for name, body in blocks.items()
    )


def _request(path: str = "/xxgk/ml/"):
    request = RequestFactory().get(path)
    request.district = district_for_host(request.get_host())
    return request


@pytest.mark.parametrize("blocks", [BLOCKS, {}], ids=["every block", "no block"])
def test_the_jinja_base_draws_the_shell_the_django_base_draws(blocks):
    make_beihu()
    request = _request()
    django_page = engines["django"].from_string(_child("portal/base.html", blocks)).render({}, request)
    jinja_page = engines["jinja2"].from_string(_child("portal/base.jinja", blocks)).render({}, request)

    assert jinja_page == django_page
    assert 'class="site-nav"' in jinja_page and "郴州市北湖区人民政府" in jinja_page  # header and footer drawn
    if blocks:
        assert "<article>正文</article>" in jinja_page and "<title>页面标题</title>" in jinja_page


def test_without_a_district_both_bases_title_the_platform():
    request = RequestFactory().get("/")
    request.district = None
    django_page = engines["django"].from_string(_child("portal/base.html", {})).render({}, request)
    jinja_page = engines["jinja2"].from_string(_child("portal/base.jinja", {})).render({}, request)
    assert jinja_page == django_page
    assert "<title>政府信息公开平台</title>" in jinja_page


def test_values_are_escaped_and_translated_text_with_placeholders_escapes_its_values():
    template = engines["jinja2"].from_string(
        '{{ title }}|{{ _("返回“%(name)s”栏目", name=name) }}|{{ _("附件") }}'
    )
    html = template.render({"title": "<script>alert(1)</script>", "name": "<b>低保</b>"})
    assert html == "&lt;script&gt;alert(1)&lt;/script&gt;|返回“&lt;b&gt;低保&lt;/b&gt;”栏目|附件"


def test_plural_translations_fill_the_number_and_escape_other_values():
    template = engines["jinja2"].from_string(
        '{{ ngettext("%(num)s 个附件", "%(num)s 个附件", n) }}|{{ ngettext("%(num)s 条：%(what)s", "%(num)s 条：%(what)s", 2, what=w) }}'
        '|{{ gettext("100%") }}'
    )
    assert template.render({"n": 1, "w": "<i>"}) == "1 个附件|2 条：&lt;i&gt;|100%"


def test_autoescaping_cannot_be_switched_off_by_settings(settings):
    from gongkai.portal.jinja import environment

    env = environment(autoescape=False)
    assert env.from_string("{{ x }}").render(x="<i>") == "&lt;i&gt;"


def test_the_helpers_answer_what_the_django_templates_answer():
    moment = dt.datetime(2018, 3, 4, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))  # 3月5日 07:30 in Beijing
    context = {"moment": moment, "day": dt.date(2018, 4, 1), "size": 123456}
    jinja = engines["jinja2"].from_string(
        '{{ moment|date("Y年n月j日 H:i") }}|{{ day|date("Y年n月j日") }}|{{ size|filesizeformat }}'
        "|{{ url('catalog:item', 7) }}|{{ url('catalog:attachment', 7, 9) }}|{{ static('css/portal.css') }}"
        "|{{ print_button() }}"
    ).render(context)
    django = engines["django"].from_string(
        '{% load static portal_tags %}{{ moment|date:"Y年n月j日 H:i" }}|{{ day|date:"Y年n月j日" }}'
        "|{{ size|filesizeformat }}|{% url 'catalog:item' 7 %}|{% url 'catalog:attachment' 7 9 %}"
        "|{% static 'css/portal.css' %}|{% print_button %}"
    ).render(context)

    assert jinja == django
    assert jinja.startswith("2018年3月5日 07:30|2018年4月1日|")
    assert reverse("catalog:attachment", args=[7, 9]) in jinja
    assert defaultfilters.filesizeformat(123456) in jinja


def test_breadcrumbs_are_the_tags_and_escape_what_they_are_given():
    jinja = engines["jinja2"].from_string(
        "{{ breadcrumbs(_('正文'), parent_url='/xxgk/lm/a/', parent_label=label) }}"
    ).render({"label": "<i>栏目</i>"})
    django = engines["django"].from_string(
        '{% load i18n portal_tags %}{% translate "正文" as here %}'
        "{% breadcrumbs here parent_url='/xxgk/lm/a/' parent_label=label %}"
    ).render({"label": "<i>栏目</i>"})
    assert jinja == django
    assert "&lt;i&gt;栏目&lt;/i&gt;" in jinja
