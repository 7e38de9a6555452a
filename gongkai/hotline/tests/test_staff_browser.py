"""In a real browser: an operator records a call with the keyboard only, then dispatches it."""

import re

import pytest
from playwright.sync_api import expect

from gongkai.accounts.factories import make_org
from gongkai.hotline import actions
from gongkai.hotline.models import Status, Ticket
from gongkai.orgs.models import OrgKind

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Hotline-2025!"


@pytest.fixture
def operator(personas, hotline, call):
    make_org("测试区城关街道", OrgKind.STREET, personas.district)
    for i in range(4):
        past = call(matter=f"孩子入学划片，学校不接收，第{i}次反映", phone=f"1390735100{i}")
        actions.dispatch(past, personas.department, actor=personas.operator)
    call(phone="13800001111", matter="上周反映的路灯问题")  # the caller called before
    personas.operator.set_password(PASSWORD)
    personas.operator.save()
    return personas.operator


def test_operator_records_a_call_with_the_keyboard_and_dispatches_it(
    page, live_server, operator, personas, screenshot
):
    page.goto(live_server.url + "/staff/login/?next=/staff/hotline/new/")
    page.get_by_label("用户名").fill(operator.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="接听登记")).to_be_visible()
    page.wait_for_load_state()

    phone = page.get_by_label("来电号码")
    expect(phone).to_be_focused()
    page.keyboard.type("13800001111")
    expect(page.locator("[data-lookup-result]")).to_contain_text("重复来电：近7天已来电1次")
    page.keyboard.press("Tab")
    expect(page.get_by_label("姓名")).to_be_focused()
    page.keyboard.type("张先生")
    page.keyboard.press("Tab")
    expect(page.get_by_label("诉求内容")).to_be_focused()
    page.keyboard.type("孩子今年入学，学校说不在划片范围，希望教育部门答复")
    page.keyboard.press("Tab")
    expect(page.get_by_label("类别")).to_be_focused()
    page.keyboard.press("ArrowDown")  # 教育
    page.keyboard.press("Tab")
    expect(page.get_by_label("发生地（乡镇街道）")).to_be_focused()
    page.keyboard.press("ArrowDown")  # 城关街道
    page.keyboard.press("Tab")
    expect(page.get_by_label("紧急程度")).to_be_focused()
    screenshot(page, "hotline-intake")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/staff/hotline/\d+/$"))
    expect(page.locator(".wb-message--success")).to_contain_text("已登记工单")
    expect(page.locator(".hl-flags")).to_contain_text("重复来电")
    suggestion = page.locator(".hl-suggestion--top")
    expect(suggestion).to_contain_text(f"建议派往：{personas.department.name}（置信度")
    expect(page.get_by_label("主办单位")).to_be_focused()
    screenshot(page, "hotline-ticket-dispatch")
    ticket = Ticket.objects.latest("pk")
    assert ticket.category.name == "教育" and ticket.place.name == "测试区城关街道"
    assert ticket.is_repeat_caller and ticket.status == Status.NEW

    page.locator("#dispatch").get_by_role("button", name="派单", exact=True).click()
    expect(page.locator(".wb-message--success")).to_contain_text(f"已派单至{personas.department.name}")
    screenshot(page, "hotline-ticket-dispatched")
    ticket.refresh_from_db()
    assert ticket.status == Status.DISPATCHED and ticket.lead == personas.department
