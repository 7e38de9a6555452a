"""In a real chromium: the disclosure office signs in and finds the district's standing above its
to-do list, follows a unit's findings to the records, runs the checks, and opens a unit's score
breakdown from the ranking. A screenshot of the dashboard is kept ($GONGKAI_SCREENSHOT_DIR)."""

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import expect

from gongkai.supervision.tests.conftest import at

PASSWORD = "Gongkai-test-2024!"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_reads_the_dashboard_follows_a_finding_and_a_score(
    page, live_server, personas, put_application, screenshot
):
    with time_machine.travel(at(2026, 3, 2, 10, 0), tick=True):
        app = put_application(personas.department, dt.date(2026, 1, 5))
        personas.coordinator.set_password(PASSWORD)
        personas.coordinator.save()
        page.goto(live_server.url + "/staff/login/")
        page.get_by_label("用户名").fill("coordinator")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(live_server.url + "/staff/")

        expect(page.get_by_role("heading", name="全区政务公开督查概览")).to_be_visible()
        expect(page.get_by_role("heading", name="待办事项")).to_be_visible()
        # nothing run yet today: the office runs the checks from the findings page
        page.get_by_role("link", name="进入督查考核").click()
        page.get_by_role("link", name="督查问题").first.click()
        page.get_by_role("button", name="立即检查").click()
        expect(page.locator(".wb-message--success")).to_contain_text("检查完成")
        expect(page.locator("#findings")).to_contain_text(app.number)

        page.goto(live_server.url + "/staff/")
        panel = page.locator(".sv-home")
        row = panel.locator("tr", has_text=personas.department.name).first
        expect(row).to_be_visible()
        screenshot(page, "supervision-dashboard")
        row.get_by_role("link").first.click()
        expect(page.locator("#findings")).to_contain_text(app.number)
        expect(page.locator("#findings")).not_to_contain_text("从未发布信息")  # the district's own

        page.get_by_role("link", name="考核评分").first.click()
        page.locator("#scorecards").get_by_role("link", name=personas.department.name).click()
        expect(page.locator("#breakdown")).to_contain_text("督查问题")
        expect(page.locator("#breakdown")).to_contain_text("依申请按时答复率")
