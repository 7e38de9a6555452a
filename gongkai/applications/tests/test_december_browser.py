"""The turn of the year in a real chromium: a citizen applies on 20 December 2026 while 2027's
holidays are not yet announced, sees the rule and a provisional date; the office pastes the State
Council's notice; the citizen's status page then shows the definitive date."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from playwright.sync_api import expect

from gongkai.applications.models import Application
from gongkai.applications.tests.conftest import fake_id
from gongkai.conftest import PHONE
from gongkai.workcal.calendar import clear_cache
from gongkai.workcal.models import CalendarYear

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Gongkai-test-2024!"
RULE = "自收到申请之日起20个工作日内答复；如需延长，最长不超过20个工作日"
NOTE = "暂按法定节假日和周末计算，2027年节假日安排公布后确定，可能前后相差一两天"
# Written for this test in the form of the State Council's notices. Saturday 9 January is worked.
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。1月9日（周六）上班。
二、春节：2月5日（农历腊月二十九、周五）至11日（农历正月初五、周四）放假调休，共7天。1月31日（周日）、2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
国务院办公厅
2026年12月10日
"""


@pytest.fixture
def without_2027(django_db_setup, django_db_blocker):
    """2027 not yet entered, whatever the installed package knows; the seeded calendar is left as
    the migrations left it for the tests that follow."""
    from gongkai.workcal.seed import seed_from_package

    if not CalendarYear.objects.filter(year=2025).exists():
        seed_from_package()
    CalendarYear.objects.filter(year=2027).delete()
    clear_cache()
    yield
    with django_db_blocker.unblock():
        CalendarYear.objects.filter(year=2027, source="manual").delete()
        if not CalendarYear.objects.filter(year=2025).exists():
            seed_from_package()
        clear_cache()
        connection.close()  # or PostgreSQL refuses to drop the test database at the end


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_december_application_gets_a_provisional_date_then_the_definitive_one(
    page, browser, browser_context_args, live_server, personas, without_2027, screenshot
):
    personas.coordinator.set_password(PASSWORD)
    personas.coordinator.save()
    # Sunday 20 December 2026, 10:00 in Beijing; the clock runs on from there.
    with time_machine.travel(dt.datetime(2026, 12, 20, 2, tzinfo=dt.UTC), tick=True):
        page.goto(live_server.url + "/apply/")
        page.get_by_label("姓名").fill("李晓红")
        page.get_by_label("证件号码").fill(fake_id())
        page.get_by_label("联系电话").fill("13900139000")
        page.get_by_label("受理机关").select_option(label=personas.department.name)
        page.get_by_label("所需信息的内容描述").fill("2026年农村公路养护资金使用情况")
        page.get_by_role("button", name="提交申请").click()
        page.wait_for_url("**/apply/receipt/")
        expect(page.get_by_test_id("deadline-rule")).to_have_text(RULE)
        # Weekdays from 21 December, less 元旦 (Friday 1 January 2027): Monday 18 January.
        expect(page.locator(".due-date").first).to_have_text("2027年1月18日")
        expect(page.get_by_test_id("provisional-note")).to_contain_text(NOTE)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, "apply-receipt-provisional-phone")
        number = page.get_by_test_id("number").inner_text().strip()
        code = page.get_by_test_id("code").inner_text().strip()
        assert Application.objects.get().received_on == dt.date(2026, 12, 20)

        office = browser.new_context(**browser_context_args).new_page()
        office.goto(live_server.url + "/staff/login/")
        office.get_by_label("用户名").fill(personas.coordinator.username)
        office.get_by_label("密码").fill(PASSWORD)
        office.get_by_role("button", name="登录").click()
        office.wait_for_url(live_server.url + "/staff/")
        office.goto(live_server.url + "/staff/calendar/paste/?year=2027")
        office.get_by_label("通知全文").fill(NOTICE_2027)
        office.get_by_role("button", name="预览").click()
        expect(office.get_by_role("button", name="确认录入2027年")).to_be_visible()
        screenshot(office, "calendar-paste-preview-phone")
        office.get_by_role("button", name="确认录入2027年").click()
        expect(office.get_by_text("2027年", exact=False).first).to_be_visible()
        office.context.close()
        assert CalendarYear.objects.filter(year=2027).exists()

        page.goto(live_server.url + "/apply/status/")
        page.get_by_label("申请编号").fill(number)
        page.get_by_label("查询码").fill(code)
        page.get_by_role("button", name="查询").click()
        # With Saturday 9 January worked: 12/21–25(5) 12/28–31(9) 1/4–8(14) 1/9(15) 1/11–15(20).
        expect(page.locator(".due-date").first).to_have_text("2027年1月15日")
        expect(page.get_by_test_id("provisional-note")).to_have_count(0)
        expect(page.get_by_test_id("deadline-rule")).to_have_text(RULE)
        screenshot(page, "apply-status-definitive-phone")
