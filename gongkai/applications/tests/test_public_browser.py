"""A citizen applies on a phone and follows the application, in a real chromium."""

from __future__ import annotations

import pytest
from django.db import connection
from playwright.sync_api import expect

from gongkai.applications.models import Application
from gongkai.applications.tests.conftest import fake_id
from gongkai.conftest import PHONE
from gongkai.workcal.calendar import clear_cache

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ensure_calendar() -> None:
    from gongkai.workcal.models import CalendarYear
    from gongkai.workcal.seed import seed_from_package

    if not CalendarYear.objects.filter(year=2025).exists():
        seed_from_package()
    clear_cache()


@pytest.fixture
def calendar():
    """Transactional tests empty every table after each test, the seeded calendar included."""
    _ensure_calendar()


@pytest.fixture(autouse=True, scope="module")
def _leave_the_calendar_seeded(django_db_setup, django_db_blocker):
    """Leave the calendar as the migrations left it, for the tests that run after this module."""
    yield
    with django_db_blocker.unblock():
        _ensure_calendar()
        connection.close()  # or PostgreSQL refuses to drop the test database at the end


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_citizen_applies_on_a_phone_and_follows_the_application(
    page, live_server, personas, calendar, screenshot
):
    page.goto(live_server.url + "/apply/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # With JavaScript only the chosen applicant block shows.
    legal_block = page.locator("#block-legal")
    assert page.locator("#block-natural").is_visible() and not legal_block.is_visible()
    page.get_by_label("法人或其他组织").check()
    assert legal_block.is_visible() and not page.locator("#block-natural").is_visible()
    page.get_by_label("自然人").check()
    screenshot(page, "apply-form-phone")

    page.get_by_label("姓名").fill("张晓明")
    page.get_by_label("证件号码").fill(fake_id())
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("受理机关").select_option(label=personas.department.name)
    page.get_by_label("所需信息的内容描述").fill("2018年城乡低保资金发放明细")
    page.get_by_role("button", name="提交申请").click()

    page.wait_for_url("**/apply/receipt/")
    number = page.get_by_test_id("number").inner_text().strip()
    code = page.get_by_test_id("code").inner_text().strip()
    app = Application.objects.get()
    assert number == app.number and len(code) == 8
    assert "138****8000" in page.content() and "13800138000" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "apply-receipt-phone")

    page.get_by_role("link", name="查询办理进度").first.click()
    page.wait_for_url("**/apply/status/")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()

    assert page.get_by_test_id("number").inner_text().strip() == number
    assert page.get_by_test_id("status").inner_text().strip() == "已收到"
    due = page.locator(".due-date").first.inner_text()
    assert due.endswith("日") and "年" in due
    assert page.locator(".deadline-steps li").count() >= 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "apply-status-phone")


def test_a_wrong_entry_keeps_what_was_typed_in_the_browser(page, live_server, personas, calendar):
    page.goto(live_server.url + "/apply/")
    page.get_by_label("姓名").fill("张晓明")
    page.get_by_label("证件号码").fill("431002198506121231")  # wrong check digit
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("受理机关").select_option(label=personas.department.name)
    page.get_by_label("所需信息的内容描述").fill("2018年城乡低保资金发放明细")
    page.get_by_role("button", name="提交申请").click()

    summary = page.locator("#error-summary")
    assert "身份证号码校验位不正确" in summary.inner_text()
    expect(summary).to_be_focused()
    assert page.get_by_label("姓名").input_value() == "张晓明"
    assert page.get_by_label("所需信息的内容描述").input_value() == "2018年城乡低保资金发放明细"
    assert not Application.objects.exists()


def test_the_calculator_page_shows_a_due_date(page, live_server, personas, calendar, screenshot):
    page.goto(live_server.url + "/apply/deadline/")
    page.get_by_label("收到申请之日").fill("2025-09-25")
    page.get_by_role("button", name="计算").click()
    assert page.get_by_test_id("due").inner_text() == "2025年10月29日"
    assert "国庆节" in page.get_by_test_id("deadline-result").inner_text()
    screenshot(page, "apply-deadline")


def test_the_form_page_on_a_desktop(page, live_server, personas, calendar, screenshot):
    page.goto(live_server.url + "/apply/")
    assert page.locator("form button[type=submit]").count() >= 1
    # nothing wider than the window: no sideways scrolling on a desktop either
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "apply-form-desktop")
