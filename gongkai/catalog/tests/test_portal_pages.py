"""The public side of proactive disclosure: what a citizen may see, and only that."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import make_org
from gongkai.catalog import actions
from gongkai.catalog.models import Attachment, Column, DocKind, Item, Topic, Validity, Version
from gongkai.catalog.public import Tombstone, public_attachments, public_item_or_404, public_items
from gongkai.catalog.views_public import is_bot
from gongkai.orgs.models import OrgKind

pytestmark = pytest.mark.django_db

HIT = {"HTTP_X_REQUESTED_WITH": "gongkai-hit"}
BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


@pytest.fixture
def public_version(make_version, publish):
    return publish(make_version(title="关于做好城乡低保资金发放工作的通知"))


@pytest.fixture
def hidden(make_version, publish, personas):
    """One item in every state the public must not see, by title."""
    future = timezone.now() + dt.timedelta(days=3)
    draft = make_version(title="草稿中的通知甲")
    scheduled = make_version(title="定时发布的通知乙", scheduled_at=future)
    actions.submit(scheduled, actor=personas.editor)
    actions.review(scheduled, actor=personas.reviewer, passed=True)
    actions.approve(scheduled, actor=personas.leader, approved=True)
    # A live version whose publication moment lies ahead (clock skew, imports): still not public.
    ahead = make_version(title="发布时间未到的通知丙")
    actions.submit(ahead, actor=personas.editor)
    actions.review(ahead, actor=personas.reviewer, passed=True)
    actions.approve(ahead, actor=personas.leader, approved=True, now=future)
    gone = publish(make_version(title="无痕撤回的通知丁"))
    actions.withdraw(gone.item, actor=personas.coordinator, reason="含有个人信息", public_notice=False)
    return {"draft": draft, "scheduled": scheduled, "ahead": ahead, "gone": gone}


def _html(response) -> str:
    return response.content.decode()


# ---- who sees what ----


def test_unpublished_scheduled_and_silently_withdrawn_items_are_not_found(client, hidden):
    for version in hidden.values():
        assert client.get(f"/xxgk/xx/{version.item_id}/").status_code == 404
    assert client.get("/xxgk/xx/999999/").status_code == 404


def test_hidden_items_appear_in_no_list_feed_or_search(client, hidden, public_version):
    pages = [
        "/",
        "/xxgk/ml/",
        "/xxgk/lm/gzdt/",
        "/xxgk/lm/zwdt/",
        "/xxgk/lm/gzdt/rss.xml",
        "/xxgk/lm/gzdt/atom.xml",
        "/search/?q=有关事项",  # in every body, so titles are not highlighted
    ]
    for url in pages:
        body = _html(client.get(url))
        assert "关于做好城乡低保资金发放工作的通知" in body, url
        for title in ("草稿中的通知甲", "定时发布的通知乙", "发布时间未到的通知丙", "无痕撤回的通知丁"):
            assert title not in body, (url, title)


def test_public_items_is_scoped_to_the_district(personas, public_version):
    from gongkai.accounts.factories import build_personas

    other = build_personas(prefix="乙", region="431003")
    assert list(public_items(personas.district)) == [public_version.item]
    assert list(public_items(other.district)) == []
    with pytest.raises(Http404):
        public_item_or_404(other.district, public_version.item_id)


def test_an_item_withdrawn_with_a_notice_shows_a_tombstone_without_its_content(
    client, make_version, publish, personas
):
    version = publish(make_version(title="关于调整作息时间的通知", body="<p>夏季作息时间调整如下。</p>"))
    actions.withdraw(version.item, actor=personas.coordinator, reason="通知内容已被新文件替代")

    response = client.get(f"/xxgk/xx/{version.item_id}/")

    assert response.status_code == 410
    html = _html(response)
    assert "该信息已于" in html and "撤回" in html
    assert "通知内容已被新文件替代" in html
    assert version.item.index_no in html
    assert "夏季作息时间调整如下" not in html
    assert isinstance(public_item_or_404(personas.district, version.item_id), Tombstone)
    assert "关于调整作息时间的通知" not in _html(client.get("/xxgk/ml/"))


def test_the_metadata_block_names_each_choice_as_its_model_does():
    from django.utils.translation import get_language

    from gongkai.catalog.views_public import _choice_labels

    shown = _choice_labels(get_language())
    for name in ("validity", "disclosure_mode"):
        field = Version._meta.get_field(name)
        assert set(shown[name]) == {value for value, _ in field.flatchoices}
        for value, _ in field.flatchoices:
            assert shown[name][value] == Version(**{name: value})._get_FIELD_display(field), (name, value)


def test_a_published_item_shows_all_its_metadata_and_body(client, make_version, publish, personas):
    topic = Topic.objects.get(name="民政、扶贫、救灾")
    version = publish(
        make_version(
            title="北湖区城乡低保管理办法",
            body="<p>第一条 为规范城乡低保管理，制定本办法。</p>",
            column=Column.objects.get(district=personas.district, slug="gfxwj"),
            topic=topic,
            doc_number="北政发〔2018〕10号",
            doc_kind=DocKind.NORMATIVE,
            validity=Validity.VALID,
            written_date=dt.date(2018, 3, 5),
            effective_date=dt.date(2018, 4, 1),
            keywords="低保 社会救助",
            summary="规范城乡最低生活保障的申请、审核和发放。",
        )
    )
    item = Item.objects.get(pk=version.item_id)

    response = client.get(f"/xxgk/xx/{item.pk}/")

    assert response.status_code == 200
    html = _html(response)
    for label in (
        "索引号",
        "主题分类",
        "发布机构",
        "成文日期",
        "发布日期",
        "文号",
        "有效性",
        "施行日期",
        "公开方式",
        "关键词",
    ):
        assert f"<dt>{label}</dt>" in html, label
    for value in (
        item.index_no,
        "民政、扶贫、救灾",
        personas.department.name,
        "2018年3月5日",
        "北政发〔2018〕10号",
        "有效",
        "2018年4月1日",
        "主动公开",
        "低保 社会救助",
        "规范城乡最低生活保障",
        "第一条 为规范城乡低保管理，制定本办法。",
        f"{timezone.localtime(item.first_published_at):%Y年%-m月%-d日}",
    ):
        assert value in html, value
    assert '<h1 id="item-title">北湖区城乡低保管理办法</h1>' in html
    assert f'data-hit-url="{reverse("catalog:hit", args=[item.pk])}"' in html
    assert f'<a href="{reverse("catalog:column", args=["gfxwj"])}">' in html  # breadcrumbs and the end
    assert "浏览次数" in html and "打印本页" in html
    assert "catalog/hit.js" in html
    assert "更正" not in html


def test_a_repealed_document_shows_its_repeal_date(client, make_version, publish, personas):
    version = publish(
        make_version(
            title="已废止的规范性文件",
            doc_kind=DocKind.NORMATIVE,
            doc_number="北政发〔2016〕3号",
            validity=Validity.REPEALED,
            repealed_date=dt.date(2018, 12, 31),
        )
    )
    html = _html(client.get(f"/xxgk/xx/{version.item_id}/"))
    assert "<dt>废止日期</dt>" in html and "2018年12月31日" in html and "废止" in html


def test_a_correction_is_marked_with_its_date(client, make_version, publish, personas):
    version = publish(make_version(title="低保标准"))
    correction = actions.start_correction(version.item, actor=personas.editor)
    actions.update_draft(correction, actor=personas.editor, title="低保标准（更正）")
    publish(correction)
    correction.refresh_from_db()

    html = _html(client.get(f"/xxgk/xx/{version.item_id}/"))

    assert "低保标准（更正）" in html
    assert "更正" in html and f"{timezone.localtime(correction.published_at):%Y年%-m月%-d日}" in html


def test_script_in_a_title_or_body_is_never_rendered_as_a_tag(client, make_version, publish):
    version = publish(
        make_version(
            title="<script>alert('标题')</script>通知",
            body="<p>正文</p><script>alert('正文')</script><img src=x onerror=alert(1)>",
            doc_number="<script>alert('文号')</script>",
            keywords="<script>alert('关键词')</script>",
            summary="<b onmouseover=alert('概述')>概述</b>",
        )
    )
    # A row written around the actions (an import) is cleaned on the way out too.
    Version.objects.filter(pk=version.pk).update(body="<p>导入</p><script>alert('导入')</script>")
    for url in (f"/xxgk/xx/{version.item_id}/", "/xxgk/ml/", "/xxgk/lm/gzdt/", "/", "/search/?q=通知"):
        html = _html(client.get(url))
        assert "<script>alert" not in html, url
        assert "onerror" not in html, url
        assert "<b onmouseover" not in html, url
    item_html = _html(client.get(f"/xxgk/xx/{version.item_id}/"))
    assert "&lt;script&gt;alert" in item_html
    assert "&lt;script&gt;alert(&#x27;文号&#x27;)" in item_html and "&lt;b onmouseover" in item_html


def test_interpretations_and_the_policy_they_explain_link_to_each_other(
    client, make_version, publish, personas
):
    policy = publish(make_version(title="北湖区房屋征收补偿办法"))
    interpretation = publish(
        make_version(
            title="《北湖区房屋征收补偿办法》政策解读",
            column=Column.objects.get(district=personas.district, slug="zcjd"),
            interprets=policy.item,
        )
    )
    policy_html = _html(client.get(f"/xxgk/xx/{policy.item_id}/"))
    assert f'href="/xxgk/xx/{interpretation.item_id}/"' in policy_html
    assert "政策解读" in policy_html
    interpretation_html = _html(client.get(f"/xxgk/xx/{interpretation.item_id}/"))
    assert f'href="/xxgk/xx/{policy.item_id}/"' in interpretation_html


def test_attachments_download_with_their_name_and_type_for_public_items_only(
    client, settings, tmp_path, public_version, make_version, personas
):
    settings.MEDIA_ROOT = tmp_path
    attachment = Attachment(
        version=public_version,
        name="低保名单.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        size=5,
        sha256="ab" * 32,
        extension=".xlsx",
    )
    attachment.file.save("x.xlsx", ContentFile(b"PK\x03\x04x"), save=False)
    attachment.save()
    url = f"/xxgk/xx/{public_version.item_id}/fj/{attachment.pk}/"

    assert url in _html(client.get(f"/xxgk/xx/{public_version.item_id}/"))
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == attachment.content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E4%BD%8E%E4%BF%9D" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"PK\x03\x04x"

    # Another item's address cannot serve it, and neither can the item once withdrawn.
    other = make_version(title="草稿")
    assert client.get(f"/xxgk/xx/{other.item_id}/fj/{attachment.pk}/").status_code == 404
    actions.withdraw(public_version.item, actor=personas.coordinator, reason="撤回")
    assert client.get(url).status_code == 404


# ---- catalog, columns, filters ----


def test_browse_lists_public_items_newest_first_with_the_catalog_columns(client, make_version, publish):
    first = publish(make_version(title="第一条信息", written_date=dt.date(2018, 1, 2)))
    second = publish(make_version(title="第二条信息"))
    Item.objects.filter(pk=first.item_id).update(first_published_at=timezone.now() - dt.timedelta(days=9))

    html = _html(client.get("/xxgk/ml/"))

    for header in ("索引号", "标题", "发布机构", "成文日期", "发布日期"):
        assert f">{header}</th>" in html
    assert html.index("第二条信息") < html.index("第一条信息")
    assert first.item.index_no in html and "2018-01-02" in html
    assert f'href="/xxgk/xx/{second.item_id}/"' in html


def test_browse_filters_by_column_with_sub_columns_organisation_topic_year_validity_and_kind(
    client, make_version, publish, personas
):
    columns = {c.slug: c for c in Column.objects.filter(district=personas.district)}
    topic = Topic.objects.get(name="科技、教育")
    publish(make_version(title="甲工作动态", column=columns["gzdt"], topic=topic))
    publish(make_version(title="乙通知公告", column=columns["tzgg"]))
    publish(
        make_version(
            title="丙规范性文件",
            column=columns["gfxwj"],
            doc_kind=DocKind.NORMATIVE,
            doc_number="北政发〔2018〕1号",
            validity=Validity.VALID,
        )
    )
    publish(
        make_version(
            title="丁废止文件",
            column=columns["gfxwj"],
            doc_kind=DocKind.NORMATIVE,
            doc_number="北政发〔2015〕1号",
            validity=Validity.REPEALED,
            repealed_date=dt.date(2018, 1, 1),
        )
    )
    other = publish(make_version(title="戊财政局动态", column=columns["gzdt"]))
    Item.objects.filter(pk=other.item_id).update(organisation=personas.other_department)
    old = publish(make_version(title="己往年信息"))
    Item.objects.filter(pk=old.item_id).update(first_published_at=dt.datetime(2017, 6, 1, tzinfo=dt.UTC))

    def titles(query: str) -> set[str]:
        html = _html(client.get("/xxgk/ml/" + query))
        return {
            t
            for t in ("甲工作动态", "乙通知公告", "丙规范性文件", "丁废止文件", "戊财政局动态", "己往年信息")
            if t in html
        }

    assert titles("?lm=zwdt") == {
        "甲工作动态",
        "乙通知公告",
        "戊财政局动态",
        "己往年信息",
    }  # with its sub-columns
    assert titles("?lm=tzgg") == {"乙通知公告"}
    assert titles(f"?org={personas.other_department.pk}") == {"戊财政局动态"}
    assert titles(f"?topic={topic.pk}") == {"甲工作动态"}
    assert titles("?year=2017") == {"己往年信息"}
    assert titles("?validity=repealed") == {"丁废止文件"}
    assert titles("?kind=normative&validity=valid") == {"丙规范性文件"}
    assert len(titles("?lm=nonsense&org=abc&year=x")) == 6  # bad values are ignored, not errors
    html = _html(client.get("/xxgk/ml/?year=2017"))
    assert '<option value="2017" selected>' in html


def test_browse_paginates_by_twenty(client, make_version, publish):
    for n in range(23):
        publish(make_version(title=f"分页测试信息{n:02d}"))
    first = _html(client.get("/xxgk/ml/"))
    second = _html(client.get("/xxgk/ml/?page=2"))
    assert first.count("分页测试信息") == 20
    assert second.count("分页测试信息") == 3
    assert "共 23 条信息" in first
    assert 'href="?page=2"' in first


def test_a_column_page_lists_its_sub_columns_as_tabs(client, make_version, publish, personas):
    tzgg = Column.objects.get(district=personas.district, slug="tzgg")
    publish(make_version(title="一条通知公告", column=tzgg))
    publish(make_version(title="一条工作动态"))

    parent_html = _html(client.get("/xxgk/lm/zwdt/"))
    child_html = _html(client.get("/xxgk/lm/tzgg/"))

    assert "一条通知公告" in parent_html and "一条工作动态" in parent_html
    assert 'href="/xxgk/lm/gzdt/"' in parent_html and 'href="/xxgk/lm/tzgg/"' in parent_html
    assert "一条通知公告" in child_html and "一条工作动态" not in child_html
    assert '<a href="/xxgk/lm/tzgg/" aria-current="page">通知公告</a>' in child_html
    assert client.get("/xxgk/lm/no-such-column/").status_code == 404
    Column.objects.filter(pk=tzgg.pk).update(is_active=False)
    assert client.get("/xxgk/lm/tzgg/").status_code == 404


def test_the_annual_report_column_has_its_own_address(client, make_version, publish, personas):
    ndbg = Column.objects.get(district=personas.district, slug="ndbg")
    publish(make_version(title="测试区2018年政府信息公开工作年度报告", column=ndbg))
    publish(make_version(title="无关的动态"))

    html = _html(client.get("/xxgk/nb/"))

    assert "测试区2018年政府信息公开工作年度报告" in html and "无关的动态" not in html
    assert '<a href="/xxgk/ndbg/">政府信息公开工作年度报告查询</a>' in html


# ---- feeds ----


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_are_valid_xml_with_absolute_links_to_public_items(client, kind, public_version, hidden):
    response = client.get(f"/xxgk/lm/gzdt/{kind}.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/rss+xml" if kind == "rss" else "application/atom+xml"
    )
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    if kind == "rss":
        entries = root.findall("./channel/item")
        links = [e.findtext("link") for e in entries]
        titles = [e.findtext("title") for e in entries]
    else:
        ns = {"a": "http://www.w3.org/2005/Atom"}
        entries = root.findall("a:entry", ns)
        links = [e.find("a:link", ns).get("href") for e in entries]
        titles = [e.findtext("a:title", namespaces=ns) for e in entries]
    assert titles == ["关于做好城乡低保资金发放工作的通知"]
    assert links == [f"http://testserver/xxgk/xx/{public_version.item_id}/"]


def test_a_feed_escapes_markup_and_keeps_the_latest_fifty(client, make_version, publish):
    for n in range(52):
        publish(make_version(title=f"信息{n} <b>&</b>"))
    root = ET.fromstring(client.get("/xxgk/lm/gzdt/rss.xml").content)  # noqa: S314 - our own feed
    titles = [e.findtext("title") for e in root.findall("./channel/item")]
    assert len(titles) == 50
    assert titles[0] == "信息51 <b>&</b>"
    assert client.get("/xxgk/lm/nothing/rss.xml").status_code == 404


# ---- view count ----


def test_the_item_page_itself_does_not_count(client, public_version):
    client.get(f"/xxgk/xx/{public_version.item_id}/")
    assert Item.objects.get(pk=public_version.item_id).view_count == 0


def test_hit_counts_once_per_post_and_answers_the_new_count(client, public_version):
    url = f"/xxgk/xx/{public_version.item_id}/hit/"

    first = client.post(url, HTTP_USER_AGENT=BROWSER_UA, **HIT)
    second = client.post(url, HTTP_USER_AGENT=BROWSER_UA, **HIT)

    assert first.status_code == 200 and first.json() == {"views": 1, "counted": True}
    assert second.json()["views"] == 2
    assert Item.objects.get(pk=public_version.item_id).view_count == 2
    assert "no-cache" in second["Cache-Control"] or "no-store" in second["Cache-Control"]


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
        "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
        "python-requests/2.31",
        "curl/8.5.0",
        "",
    ],
)
def test_hit_ignores_robots(client, public_version, user_agent):
    response = client.post(f"/xxgk/xx/{public_version.item_id}/hit/", HTTP_USER_AGENT=user_agent, **HIT)
    assert response.status_code == 200 and response.json() == {"views": 0, "counted": False}
    assert Item.objects.get(pk=public_version.item_id).view_count == 0


def test_headless_chrome_is_counted_as_a_browser():
    assert not is_bot(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36"
    )
    assert not is_bot(BROWSER_UA)
    assert not is_bot(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 MicroMessenger/8.0"
    )


def test_hit_refuses_get_posts_without_the_header_and_hidden_items(client, public_version, hidden):
    url = f"/xxgk/xx/{public_version.item_id}/hit/"
    assert client.get(url, HTTP_USER_AGENT=BROWSER_UA, **HIT).status_code == 405
    assert client.post(url, HTTP_USER_AGENT=BROWSER_UA).status_code == 403
    for version in hidden.values():
        response = client.post(f"/xxgk/xx/{version.item_id}/hit/", HTTP_USER_AGENT=BROWSER_UA, **HIT)
        assert response.status_code == 404
    assert Item.objects.filter(view_count__gt=0).count() == 0


def test_a_view_counts_only_on_the_portal_of_the_items_district(public_version, personas):
    from gongkai.accounts.factories import build_personas

    other = build_personas(prefix="乙", region="431003")
    assert actions.count_view(other.district, public_version.item_id) is False
    assert actions.count_view(None, public_version.item_id) is False
    assert actions.count_view(personas.district, public_version.item_id) is True
    assert Item.objects.get(pk=public_version.item_id).view_count == 1


def test_hit_needs_no_csrf_token(public_version):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        f"/xxgk/xx/{public_version.item_id}/hit/", HTTP_USER_AGENT=BROWSER_UA, **HIT
    )
    assert response.status_code == 200


# ---- the disclosure guide ----


def test_the_guide_is_generated_from_the_office_columns_and_organisations(client, personas):
    office = personas.office
    html = _html(client.get("/xxgk/zn/"))
    assert office.name in html and "0735-1234567" in html
    assert "20个工作日" in html
    assert 'href="/apply/"' in html
    assert "信息处理费" in html and "行政复议" in html and "行政诉讼" in html
    assert "财政预决算" in html and "财政预算、决算信息（第二十条第七项）" in html
    assert personas.department.name in html and personas.other_department.name in html

    office.address = "测试区人民路 8 号行政中心 5 楼"
    office.phone = "0735-7654321"
    office.fax = "0735-7654322"
    office.email = "gkb@test.gov.cn"
    office.office_hours = "工作日 9:00—17:00"
    office.save()
    make_org("测试区白鹭镇", OrgKind.TOWN, personas.district, phone="0735-5550001", address="白鹭镇政府")

    html = _html(client.get("/xxgk/zn/"))
    for value in (
        "人民路 8 号行政中心 5 楼",
        "0735-7654321",
        "0735-7654322",
        "gkb@test.gov.cn",
        "9:00—17:00",
    ):
        assert value in html
    assert "0735-1234567" not in html
    assert "测试区白鹭镇" in html and "0735-5550001" in html and "白鹭镇政府" in html


def test_navigation_lists_catalog_guide_and_annual_reports(client, personas):
    html = _html(client.get("/xxgk/zn/"))
    assert '<a href="/xxgk/ml/">信息公开目录</a>' in html
    assert '<a href="/xxgk/zn/" aria-current="page">信息公开指南</a>' in html
    # one 年报 entry: the reports' own page; the column's address stays, off the navigation
    assert html.count(">信息公开年报</a>") == 1 and '<a href="/xxgk/ndbg/">信息公开年报</a>' in html
    assert '<a href="/xxgk/nb/">信息公开年报</a>' not in html


# ---- home page ----


def test_home_shows_the_latest_six_items_of_each_home_column_and_a_search_box(
    client, make_version, publish, personas
):
    columns = {c.slug: c for c in Column.objects.filter(district=personas.district)}
    for n in range(8):
        publish(make_version(title=f"动态{n}", column=columns["gzdt"]))  # a sub-column of 政务动态
    publish(make_version(title="应急预案一", column=columns["yjgl"]))
    Column.objects.filter(pk=columns["ztbd"].pk).update(show_on_home=False)
    publish(make_version(title="不上首页的专题", column=columns["ztbd"]))

    html = _html(client.get("/"))

    assert ">政务动态</h2>" in html and ">应急管理</h2>" in html
    assert [f"动态{n}" in html for n in range(8)] == [False, False] + [True] * 6
    assert "不上首页的专题" not in html
    assert ">财政预决算</h2>" not in html  # blank columns are left off
    assert 'action="/search/"' in html and 'name="q"' in html


def test_the_home_panel_follows_publishing_and_withdrawal_at_once(client, make_version, publish, personas):
    first = publish(make_version(title="首页信息一"))
    assert "首页信息一" in _html(client.get("/"))
    publish(make_version(title="首页信息二"))
    assert "首页信息二" in _html(client.get("/"))
    actions.withdraw(first.item, actor=personas.coordinator, reason="撤回", public_notice=False)
    html = _html(client.get("/"))
    assert "首页信息一" not in html and "首页信息二" in html


# ---- query counts ----


def _many(make_version, publish, personas, n: int) -> None:
    columns = list(Column.objects.filter(district=personas.district, parent__isnull=True)[:5])
    for i in range(n):
        publish(make_version(title=f"信息{i}", column=columns[i % len(columns)]))


@pytest.mark.parametrize("n", [3, 15])
def test_query_counts_do_not_grow_with_the_number_of_items(
    client, make_version, publish, personas, django_assert_max_num_queries, n
):
    _many(make_version, publish, personas, n)
    item = Item.objects.first()
    with django_assert_max_num_queries(7):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get("/xxgk/ml/?lm=zwdt").status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(f"/xxgk/xx/{item.pk}/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/xxgk/lm/zwdt/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/xxgk/zn/").status_code == 200


# ---- the item page's precompiled reads (public.py) agree with the ORM's ----


def _fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_the_item_page_reads_exactly_what_the_orm_reads(
    client, make_version, publish, personas, hidden, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with_topic = publish(
        make_version(
            title="有主题、有日期的规范性文件",
            topic=Topic.objects.get(name="民政、扶贫、救灾"),
            doc_kind=DocKind.NORMATIVE,
            doc_number="北政发〔2018〕12号",
            validity=Validity.REPEALED,
            written_date=dt.date(2018, 3, 5),
            effective_date=dt.date(2018, 4, 1),
            repealed_date=dt.date(2019, 12, 31),
        )
    )
    without_topic = publish(make_version(title="没有主题分类的信息"))
    corrected = publish(make_version(title="将被更正的信息"))
    publish(actions.start_correction(corrected.item, actor=personas.editor))
    for name in ("b.pdf", "a.pdf"):
        attachment = Attachment(
            version=with_topic,
            name=name,
            content_type="application/pdf",
            size=4,
            sha256="cd" * 32,
            extension=".pdf",
        )
        attachment.file.save(name, ContentFile(b"%PDF"), save=False)
        attachment.save()

    explaining = publish(
        make_version(
            title="没有主题分类的信息的解读",
            column=Column.objects.get(district=personas.district, slug="zcjd"),
            interprets=without_topic.item,
        )
    )
    candidates = [with_topic.item_id, without_topic.item_id, corrected.item_id, explaining.item_id]
    candidates += [version.item_id for version in hidden.values()]
    for pk in candidates:
        expected = (
            public_items(personas.district)
            .select_related("live__column", "live__topic", "organisation")
            .filter(pk=pk)
            .first()
        )
        try:
            found = public_item_or_404(personas.district, pk)
        except Http404:
            found = None
        assert (found is None) == (expected is None), pk
        if expected is None:
            continue
        assert _fields(found) == _fields(expected)
        assert _fields(found.live) == _fields(expected.live)
        assert _fields(found.live.column) == _fields(expected.live.column)
        assert _fields(found.organisation) == _fields(expected.organisation)
        if expected.live.topic is None:
            assert found.live.topic is None
        else:
            assert _fields(found.live.topic) == _fields(expected.live.topic)
        assert [_fields(a) for a in public_attachments(found.live)] == [
            _fields(a) for a in expected.live.attachments.all()
        ]
        assert found.has_attachments == expected.live.attachments.exists()
        assert found.is_explained == Version.objects.filter(interprets_id=pk).exists()
    # Dates come back as dates and aware datetimes, on SQLite as on PostgreSQL.
    found = public_item_or_404(personas.district, with_topic.item_id)
    assert found.live.repealed_date == dt.date(2019, 12, 31)
    assert timezone.is_aware(found.first_published_at)
    assert [a.name for a in public_attachments(found.live)] == ["b.pdf", "a.pdf"]
    # An id beyond any column's range is simply not found, as by the ORM.
    with pytest.raises(Http404):
        public_item_or_404(personas.district, 2**70)
    assert client.get(f"/xxgk/xx/{2**70}/").status_code == 404


def test_an_item_page_costs_one_query_once_the_fragments_are_kept_and_more_only_for_what_it_has(
    client, settings, tmp_path, public_version, make_version, publish, personas, django_assert_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "items-p"},
        "fragments": {"BACKEND": "gongkai.lib.processcache.ProcessCache", "LOCATION": "items-f"},
    }
    url = f"/xxgk/xx/{public_version.item_id}/"
    client.cookies["sessionid"] = "staff"  # past the whole-page cache
    assert client.get(url).status_code == 200
    with django_assert_num_queries(1):  # the item with its version, column, organisation, topic
        assert client.get(url).status_code == 200

    # An attachment and an interpretation: one query for each, two for the public interpretations.
    attachment = Attachment(
        version=public_version, name="a.pdf", content_type="application/pdf", size=4, sha256="cd" * 32
    )
    attachment.file.save("a.pdf", ContentFile(b"%PDF"), save=False)
    attachment.save()
    publish(
        make_version(
            title="政策解读",
            column=Column.objects.get(district=personas.district, slug="zcjd"),
            interprets=public_version.item,
        )
    )
    with django_assert_num_queries(4):
        html = _html(client.get(url))
    assert "a.pdf" in html and "政策解读" in html
    from django.core.cache import caches

    caches["fragments"].clear()
    caches["pages"].clear()
