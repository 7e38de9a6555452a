"""In a real chromium: a department's editor finds an overdue work-plan task on the workbench home,
opens it, looks up its own published notice, reports the task done with that notice as evidence,
and the office accepts the report, after which the task reads 逾期完成. A screenshot of the report
form is kept ($GONGKAI_SCREENSHOT_DIR)."""

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import expect

from gongkai.supervision import actions
from gongkai.supervision.tests.conftest import at

PASSWORD = "Gongkai-test-2024!"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user):
    page.goto(live_server.url + "/staff/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/staff/")


def test_a_unit_reports_progress_with_its_own_item_and_the_office_accepts(
    page, live_server, personas, put, screenshot
):
    with time_machine.travel(at(2026, 3, 10, 10, 0), tick=True):
        put("2026年义务教育招生入学政策解读", "tzgg", at(2026, 3, 5, 9, 0))
        put("财政局预算公开通知", "tzgg", at(2026, 3, 5, 9, 0), organisation=personas.other_department)
        task = actions.create_task(
            personas.district,
            {
                "year": 2026,
                "number": "3",
                "text": "公开义务教育招生入学政策并做好解读",
                "due_on": dt.date(2026, 3, 7),  # a Saturday: the last day is Monday 9 March
                "units": [personas.department],
            },
            actor=personas.coordinator,
        )
        for user in (personas.editor, personas.coordinator):
            user.set_password(PASSWORD)
            user.save()

        _sign_in(page, live_server, personas.editor)
        page.get_by_role("link", name=task.text).first.click()
        expect(page.locator("#task")).to_contain_text("已逾期")
        expect(page.locator("#task")).to_contain_text("遇节假日顺延至2026年3月9日")
        evidence = page.locator("#evidence")
        expect(evidence).to_contain_text("2026年义务教育招生入学政策解读")
        expect(evidence).not_to_contain_text("财政局预算公开通知")  # another unit's item is not offered
        page.get_by_label("查找本单位已公开的信息").fill("招生")
        page.get_by_role("button", name="查找").click()
        page.get_by_label("进度").select_option(label="已完成")
        page.get_by_label("进展情况").fill("已于3月5日公开招生入学政策并同步发布解读。")
        page.get_by_label("2026年义务教育招生入学政策解读", exact=False).check()
        screenshot(page, "supervision-plan-report")
        page.get_by_role("button", name="报送").click()
        expect(page.locator(".wb-message--success")).to_contain_text("进展已报送")
        part = page.locator(".sv-part", has_text=personas.department.name)
        expect(part).to_contain_text("待审核")
        expect(part.get_by_role("link", name="2026年义务教育招生入学政策解读")).to_be_visible()
        expect(page.locator("#report")).to_have_count(0)  # one report waits for review at a time

        page.context.clear_cookies()
        _sign_in(page, live_server, personas.coordinator)
        page.goto(live_server.url + f"/staff/supervision/plan/{task.pk}/")
        page.get_by_label("审核意见").fill("佐证充分")
        page.get_by_role("button", name="审核通过").click()
        expect(page.locator(".wb-message--success")).to_contain_text("已审核通过")
        expect(page.locator("#task")).to_contain_text("逾期完成")
        expect(page.locator(".sv-part")).to_contain_text("佐证充分")
