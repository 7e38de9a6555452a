"""In a real chromium: the disclosure office generates the district's report, opens a traced cell,
edits the prose and approves it; once published through the catalog, a citizen reads it on a phone."""

import re

import pytest
from playwright.sync_api import expect

from gongkai.accounts.factories import make_staff
from gongkai.accounts.roles import Role
from gongkai.applications.models import Application
from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Version
from gongkai.conftest import PHONE
from gongkai.reports import actions
from gongkai.reports.models import Report, ReportState

PASSWORD = "Gongkai-test-2024!"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _publish(report, personas):
    """The office's editor releases it; the catalog's review and approval publish it."""
    editor = make_staff("officeeditor", personas.office, Role.EDITOR)
    report = actions.release_report(report, actor=editor)
    version = Version.objects.get(item_id=report.item_id)
    catalog_actions.submit(version, actor=editor)
    catalog_actions.review(version, actor=make_staff("officereviewer", personas.office, Role.REVIEWER), passed=True)
    catalog_actions.approve(version, actor=make_staff("officeleader", personas.office, Role.LEADER), approved=True)
    return report


def test_the_office_generates_traces_edits_and_approves_and_a_citizen_reads_it_on_a_phone(
    page, browser, live_server, ledger, personas, screenshot
):
    personas.coordinator.set_password(PASSWORD)
    personas.coordinator.save()
    page.goto(live_server.url + "/staff/login/")
    page.get_by_label("用户名").fill("coordinator")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/staff/")

    page.goto(live_server.url + "/staff/reports/")
    form = page.locator("form.rp-generate")
    form.get_by_label("报告单位").select_option(label=personas.district.name)
    form.get_by_label("年度").fill("2021")
    form.get_by_role("button", name="生成", exact=True).click()
    title = f"{personas.district.name}2021年政府信息公开工作年度报告"
    expect(page.get_by_role("heading", name=title, exact=True, level=1)).to_be_visible()
    report = Report.objects.get(organisation=personas.district, year=2021)
    new = report.figures["table_three"]["rows"]["new"]["total"]

    # A cell of table 三 opens the applications counted in it.
    page.locator('td[data-key="table_three.new.total"] a').click()
    expect(page.get_by_role("heading", name=re.compile("表三 一、本年新收政府信息公开申请数量 · 总计"))).to_be_visible()
    numbers = set(Application.objects.filter(received_on__year=2021).values_list("number", flat=True))
    listed = set(page.locator("table.rp-trace tbody tr td:first-child").all_inner_texts())
    assert listed == numbers and len(numbers) == new
    screenshot(page, "reports-trace")
    page.get_by_role("link", name="返回报告").click()

    page.get_by_role("link", name="修改文字").click()
    overview = page.get_by_label("一、总体情况")
    overview.fill(overview.input_value() + "\n（五）全区政务公开工作培训会议于年内召开两次。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存报告文字。")).to_be_visible()
    page.get_by_role("button", name="审定", exact=True).click()
    expect(page.get_by_text("报告已审定，数据和文字已固定。")).to_be_visible()
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED and "培训会议于年内召开两次" in report.overview
    screenshot(page, "reports-approved")

    report = _publish(report, personas)
    phone = browser.new_context(viewport=PHONE, locale="zh-CN", timezone_id="Asia/Shanghai", is_mobile=True)
    citizen = phone.new_page()
    try:
        citizen.goto(live_server.url + "/xxgk/ndbg/")
        assert citizen.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        citizen.get_by_role("link", name=title).click()
        expect(citizen.get_by_role("heading", name=title, exact=True, level=1)).to_be_visible()
        assert "培训会议于年内召开两次" in citizen.inner_text(".annual-report")
        assert citizen.locator('td[data-key="table_three.new.total"]').inner_text() == str(new)
        # The wide tables scroll inside their frame; the page itself stays within the screen.
        assert citizen.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        expect(citizen.get_by_role("link", name="下载 PDF 版")).to_be_visible()
        screenshot(citizen, "reports-phone")
    finally:
        phone.close()
