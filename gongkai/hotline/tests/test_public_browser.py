"""A citizen writes to the mailbox on a phone and follows the letter, in a real chromium."""

from __future__ import annotations

import pytest

from gongkai.accounts.factories import make_org
from gongkai.conftest import DESKTOP, PHONE
from gongkai.hotline import actions
from gongkai.hotline.models import Channel, Ticket
from gongkai.orgs.models import OrgKind
from gongkai.workcal.calendar import clear_cache

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def calendar():
    """Transactional tests empty every table between tests, the seeded calendar included."""
    from gongkai.workcal.models import CalendarYear
    from gongkai.workcal.seed import seed_from_package

    if not CalendarYear.objects.exists():
        seed_from_package()
    clear_cache()


def fits(page, viewport) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_citizen_writes_a_letter_on_a_phone_and_follows_it(
    page, live_server, personas, hotline, calendar, screenshot
):
    make_org("测试区城关镇", OrgKind.TOWN, personas.district)
    page.goto(live_server.url + "/mailbox/")
    assert fits(page, PHONE)
    screenshot(page, "mailbox-form-phone")

    page.get_by_label("信件标题").fill("建设路路灯不亮")
    page.get_by_label("信件内容").fill("城关镇建设路的路灯坏了两周，晚上出行很不方便，请尽快维修。")
    page.get_by_label("诉求类别").select_option(label="城市管理")
    page.get_by_label("所在乡镇（街道）").select_option(label="测试区城关镇")
    page.get_by_label("姓名").fill("赵小明")
    page.get_by_label("联系电话").fill("139 0735 1234")
    page.get_by_label("同意公开").check()
    # The anonymous option hides the name (JavaScript), and unchecking brings it back.
    page.get_by_label("匿名来信").check()
    assert not page.locator("#id_name").is_visible()
    page.get_by_label("匿名来信").uncheck()
    assert page.locator("#id_name").is_visible()
    page.get_by_role("button", name="提交信件").click()

    page.wait_for_url("**/mailbox/receipt/")
    number = page.locator("[data-ticket-number]").inner_text().strip()
    code = page.locator("[data-query-code]").inner_text().strip()
    ticket = Ticket.objects.get()
    assert number == ticket.number and len(code) == 8
    assert ticket.channel == Channel.MAILBOX and ticket.phone.plaintext() == "13907351234"
    assert fits(page, PHONE)
    screenshot(page, "mailbox-receipt-phone")

    page.get_by_role("link", name="查询办理进度").first.click()
    page.wait_for_url("**/mailbox/follow/")
    page.get_by_label("信件编号").fill(number)
    page.get_by_label("查询码").fill(code.lower())
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/mailbox/follow/letter/")
    assert page.locator("[data-status]").inner_text().strip() == "待派单"
    assert "13907351234" not in page.content() and "139****1234" in page.content()

    actions.dispatch(ticket, personas.department, actor=personas.operator)
    page.reload()
    assert page.locator("[data-status]").inner_text().strip() == "办理中"
    assert personas.department.name in page.locator("[data-unit]").inner_text()
    assert fits(page, PHONE)
    screenshot(page, "mailbox-follow-phone")


def test_errors_show_beside_the_fields_and_keep_what_was_typed(
    page, live_server, personas, hotline, screenshot
):
    page.goto(live_server.url + "/mailbox/")
    page.get_by_label("信件内容").fill("只写了内容，没有写标题和联系方式。")
    page.get_by_label("联系电话").fill("12345")
    page.get_by_role("button", name="提交信件").click()
    page.wait_for_load_state()
    assert page.locator("#form-errors").is_visible()
    assert "请填写信件标题。" in page.locator("#row-title").inner_text()
    assert "请填写正确的手机号码" in page.locator("#row-phone").inner_text()
    assert page.get_by_label("信件内容").input_value() == "只写了内容，没有写标题和联系方式。"
    assert not Ticket.objects.exists()
    screenshot(page, "mailbox-form-errors-desktop")


def test_desktop_pages_look_in_order(page, live_server, personas, hotline, calendar, screenshot):
    """Screenshots of the desktop form and a follow page with a reply (looked at by a person)."""
    ticket, code = actions.intake(
        office=personas.office,
        channel=Channel.MAILBOX,
        data={
            "title": "学校门口交通拥堵",
            "matter": "每天上下学时段学校门口拥堵严重，建议增派交警疏导。",
            "category": hotline["教育"],
            "caller_name": "李红",
            "phone": "13907350001",
            "publish_allowed": True,
        },
    )
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    actions.reply(
        ticket, actor=personas.editor, text="经协调，交警大队已在上下学时段安排警力疏导，感谢您的建议。"
    )
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/mailbox/")
    screenshot(page, "mailbox-form-desktop")
    page.goto(live_server.url + "/mailbox/follow/")
    screenshot(page, "mailbox-follow-form-desktop")
    page.get_by_label("信件编号").fill(ticket.number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/mailbox/follow/letter/")
    assert "交警大队" in page.content() and "13907350001" not in page.content()
    screenshot(page, "mailbox-follow-desktop")
