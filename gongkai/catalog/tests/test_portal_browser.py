"""A citizen finds and reads published information on the portal, in a real chromium."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from gongkai.catalog.models import Attachment, Column, DocKind, Item, Topic, Validity
from gongkai.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "<p>各乡镇（街道）、区直有关单位：</p>"
    "<p>为切实保障城乡困难群众基本生活，根据《社会救助暂行办法》和省、市有关规定，现就做好2018年城乡低保"
    "资金发放工作通知如下。</p>"
    "<h3>一、提高保障标准</h3>"
    "<p>城市低保标准由每人每月480元提高到510元，农村低保标准由每人每年3400元提高到3700元。</p>"
    "<h3>二、规范发放程序</h3>"
    "<p>低保资金实行社会化发放，由区财政局直接拨付至保障对象的银行账户，严禁截留、挪用。</p>"
    '<p align="right">测试区民政局<br>2018年3月5日</p>'
)


@pytest.fixture
def dibao(personas, make_version, publish, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    columns = {c.slug: c for c in Column.objects.filter(district=personas.district)}
    for n, slug in enumerate(["gzdt", "tzgg", "yjgl", "zcjd", "shjz", "zdfw"]):
        publish(make_version(title=f"测试区{columns[slug].name}信息第{n + 1}条", column=columns[slug]))
    version = publish(
        make_version(
            title="关于做好2018年城乡低保资金发放工作的通知",
            body=BODY,
            column=columns["gfxwj"],
            topic=Topic.objects.get_or_create(name="民政、扶贫、救灾")[0],  # flushed in transactional tests
            doc_number="北政发〔2018〕10号",
            doc_kind=DocKind.NORMATIVE,
            validity=Validity.VALID,
            written_date=dt.date(2018, 3, 5),
            effective_date=dt.date(2018, 4, 1),
            keywords="低保 社会救助 资金发放",
        )
    )
    attachment = Attachment(
        version=version,
        name="2018年城乡低保保障对象名单（已脱敏）.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        size=18432,
        sha256="cd" * 32,
        extension=".xlsx",
    )
    attachment.file.save("a.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    attachment.save()
    publish(
        make_version(
            title="《关于做好2018年城乡低保资金发放工作的通知》政策解读",
            column=columns["zcjd"],
            interprets=version.item,
        )
    )
    publish(make_version(title="城乡低保对象动态管理情况公示", column=columns["shjz"]))
    Item.objects.filter(pk=version.item_id).update(view_count=41)
    return version


def font_size(page, selector: str) -> float:
    return page.eval_on_selector(selector, "el => parseFloat(getComputedStyle(el).fontSize)")


def shown_views(page) -> int:
    page.wait_for_selector("[data-hit-url][data-hit-done]")
    return int(page.locator("[data-hit-count]").inner_text())


@pytest.mark.parametrize("viewport", [PHONE])
def test_citizen_on_a_phone_searches_reads_and_enlarges_an_item(page, live_server, dibao, screenshot):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="检索词").fill("低保")
    page.get_by_role("searchbox", name="检索词").press("Enter")

    page.wait_for_url("**/search/?q=*")
    assert page.locator(".result-summary").inner_text().startswith("找到与“低保”相关的信息")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "catalog-phone-search", full_page=False)

    page.get_by_role("link", name="关于做好2018年城乡低保资金发放工作的通知", exact=True).click()
    page.wait_for_url(f"**/xxgk/xx/{dibao.item_id}/")
    assert page.locator("h1#item-title").inner_text() == "关于做好2018年城乡低保资金发放工作的通知"
    first = shown_views(page)
    assert first == 42
    page.reload()
    assert shown_views(page) == first + 1
    assert Item.objects.get(pk=dibao.item_id).view_count == first + 1

    normal = font_size(page, ".item-body p")
    page.get_by_role("button", name="大号字体").click()
    larger = font_size(page, ".item-body p")
    assert larger > normal

    page.get_by_role("button", name="关怀模式").click()
    assert page.get_by_role("button", name="关怀模式").get_attribute("aria-pressed") == "true"
    assert font_size(page, ".item-body p") > larger
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "catalog-phone-item-care", full_page=True)

    # Reading preferences last; the count goes up once per page load, never more.
    page.reload()
    assert shown_views(page) == first + 2
    assert "care-mode" in page.evaluate("document.documentElement.className")


def test_desktop_pages_look_like_an_official_portal(page, live_server, dibao, screenshot):
    page.goto(live_server.url + f"/xxgk/xx/{dibao.item_id}/")
    assert shown_views(page) == 42
    assert page.get_by_role("link", name="2018年城乡低保保障对象名单（已脱敏）.xlsx").is_visible()
    assert page.get_by_role("button", name="打印本页").is_visible()
    screenshot(page, "catalog-item")

    page.goto(live_server.url + "/search/?q=低保")
    assert page.locator(".search-hit").count() == 3
    screenshot(page, "catalog-search")

    for path, name in [
        ("/", "catalog-home"),
        ("/xxgk/ml/", "catalog-browse"),
        ("/xxgk/lm/zwdt/", "catalog-column"),
        ("/xxgk/zn/", "catalog-guide"),
        ("/search/?q=不存在的词语", "catalog-search-empty"),
    ]:
        page.goto(live_server.url + path)
        screenshot(page, name)


@pytest.mark.parametrize("viewport", [PHONE])
def test_catalog_and_guide_fit_a_phone(page, live_server, dibao, screenshot):
    for path, name in [
        ("/xxgk/ml/", "catalog-phone-browse"),
        ("/xxgk/zn/", "catalog-phone-guide"),
        ("/", None),
    ]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        if name:
            screenshot(page, name, full_page=False)
