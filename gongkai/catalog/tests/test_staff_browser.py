"""What an editor and a reviewer do on the proactive-disclosure pages, in a real chromium."""

import pytest
from playwright.sync_api import expect

from gongkai.catalog.models import Item, State, Version
from gongkai.catalog.tests.test_staff_attachments import minimal_pdf

PASSWORD = "Gongkai-test-2024!"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff(personas):
    for user in (personas.editor, personas.reviewer):
        user.set_password(PASSWORD)
        user.save()
    return personas


def log_in(page, live_server, username):
    page.goto(live_server.url + "/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/staff/")


def test_an_editor_writes_an_item_attaches_a_file_and_a_reviewer_sends_it_back(
    page, live_server, staff, tmp_path, settings, screenshot
):
    settings.MEDIA_ROOT = tmp_path / "media"
    log_in(page, live_server, "editor")
    page.get_by_role("link", name="主动公开").click()
    expect(page.get_by_role("heading", name="栏目更新情况")).to_be_visible()
    screenshot(page, "catalog-dashboard")
    page.get_by_role("link", name="新建信息").click()

    page.get_by_label("发布机构").select_option(label="测试区教育局")
    page.get_by_label("栏目", exact=True).select_option(label="政务动态 / 工作动态")
    page.get_by_label("标题").fill("北湖区召开2018年政务公开工作推进会")
    page.get_by_label("文件类型").select_option(label="行政规范性文件")
    page.get_by_label("正文").fill("<p>会议部署了全年政务公开重点工作。</p>")
    page.get_by_role("button", name="保存草稿").click()
    # A normative document needs a document number: the page says so and keeps the text.
    expect(page.get_by_text("规章和行政规范性文件须填写文号。")).to_be_visible()
    assert page.get_by_label("标题").input_value() == "北湖区召开2018年政务公开工作推进会"
    page.get_by_label("文件类型").select_option(label="一般信息")
    page.get_by_role("button", name="保存草稿").click()

    item = Item.objects.get()
    expect(page.get_by_text(f"已保存草稿，索引号 {item.index_no}。")).to_be_visible()
    pdf = tmp_path / "会议纪要.pdf"
    pdf.write_bytes(minimal_pdf())
    page.get_by_label("上传附件").set_input_files(str(pdf))
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.get_by_role("link", name="会议纪要.pdf")).to_be_visible()
    screenshot(page, "catalog-version-draft")
    page.get_by_role("button", name="提交审查").click()
    expect(page.get_by_text("已提交保密审查。")).to_be_visible()

    page.get_by_role("button", name="退出登录").click()
    log_in(page, live_server, "reviewer")
    page.goto(live_server.url + f"/staff/catalog/v/{Version.objects.get().pk}/")
    page.get_by_label("退回理由").fill("请删除会议纪要中的个人电话号码")
    page.get_by_role("button", name="保密审查退回").click()
    expect(page.get_by_text("已退回编辑修改。")).to_be_visible()
    assert Version.objects.get().state == State.DRAFT
    history = page.locator("#history").inner_text()
    assert "保密审查退回" in history and "个人电话号码" in history
    screenshot(page, "catalog-version-rejected")
