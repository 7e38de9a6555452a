"""What a staff member does on the workbench, in a real chromium."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.accounts.factories import make_org, make_staff
from gongkai.accounts.roles import Role
from gongkai.conftest import PHONE
from gongkai.orgs.models import OrgKind
from gongkai.portal.tests.factories import make_beihu
from gongkai.workbench import todos
from gongkai.workbench.todos import Todo, Urgency, register_todo_provider

PASSWORD = "Gongkai-test-2024!"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor():
    district = make_beihu()
    finance = make_org("北湖区财政局", OrgKind.DEPARTMENT, district, short_name="区财政局")
    return make_staff("zhangsan", finance, Role.EDITOR, full_name="张三", password=PASSWORD)


@pytest.fixture
def sample_todos(monkeypatch):
    monkeypatch.setattr(todos, "_PROVIDERS", [])
    today = timezone.localdate()

    def provider(user):
        return [
            Todo(
                "待答复的政府信息公开申请",
                "/staff/",
                count=3,
                due=today + dt.timedelta(days=2),
                urgency=Urgency.SOON,
                category="依申请公开",
            ),
            Todo(
                "超期未答复的申请",
                "/staff/",
                count=1,
                due=today - dt.timedelta(days=1),
                urgency=Urgency.OVERDUE,
                category="依申请公开",
            ),
            Todo("待保密审查的政府信息", "/staff/", count=6, category="主动公开"),
            Todo(
                "2018年部门预算公开材料待补充",
                "/staff/",
                due=today + dt.timedelta(days=12),
                category="预决算公开",
            ),
        ]

    register_todo_provider(provider)


def log_in(page, live_server, username="zhangsan", password=PASSWORD):
    page.goto(live_server.url + "/staff/")
    assert page.url.startswith(live_server.url + "/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/staff/")


def test_staff_member_logs_in_through_the_form_and_sees_their_to_do_list(
    page, live_server, editor, sample_todos, screenshot
):
    log_in(page, live_server)

    assert page.get_by_role("heading", name="待办事项").is_visible()
    items = page.locator(".wb-todo-title").all_inner_texts()
    assert items[0] == "超期未答复的申请"
    assert "待保密审查的政府信息" in items
    header = page.locator(".wb-header").inner_text()
    assert "张三" in header and "区财政局 · 信息编辑" in header
    assert page.get_by_role("link", name="工作台首页").get_attribute("aria-current") == "page"
    screenshot(page, "workbench-home")

    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(live_server.url + "/staff/login/")


@pytest.mark.parametrize("viewport", [PHONE])
def test_on_a_phone_the_workbench_menu_opens_from_a_button(
    page, live_server, editor, sample_todos, screenshot
):
    log_in(page, live_server)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    menu = page.get_by_role("button", name="菜单")
    home_link = page.get_by_role("link", name="工作台首页")
    assert not home_link.is_visible()
    menu.click()
    assert home_link.is_visible() and menu.get_attribute("aria-expanded") == "true"
    screenshot(page, "workbench-phone")
