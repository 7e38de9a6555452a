"""From 1 November the office's to-do list and the workbench banner say that next year's calendar
is missing, and link to the paste page; both go once the year is entered."""

import datetime as dt

import pytest
import time_machine

from gongkai.lib.banners import Banner
from gongkai.workbench.banners import providers as banner_providers
from gongkai.workbench.todos import providers as todo_providers
from gongkai.workcal import actions, calendar
from gongkai.workcal.actions import HolidayPeriod
from gongkai.workcal.models import CalendarYear
from gongkai.workcal.todos import calendar_banners, calendar_todos

pytestmark = pytest.mark.django_db

NOVEMBER = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)
PASTE_2027 = "/staff/calendar/paste/?year=2027"


@pytest.fixture(autouse=True)
def unknown_2027():
    # Never rely on the installed package not knowing 2027.
    CalendarYear.objects.filter(year=2027).delete()
    calendar.clear_cache()


def enter_2027(coordinator) -> None:
    actions.create_year(
        2027, [HolidayPeriod("元旦", dt.date(2027, 1, 1), dt.date(2027, 1, 3))], [], actor=coordinator
    )


def test_the_workbench_discovers_the_calendars_to_do_and_banner():
    assert calendar_todos in todo_providers()
    assert calendar_banners in banner_providers()


@time_machine.travel(NOVEMBER)
def test_the_office_is_reminded_to_enter_next_year_from_november(coordinator, editor):
    todos = calendar_todos(coordinator)
    assert [(t.title[:7], t.url) for t in todos] == [("录入2027年", PASTE_2027)]
    assert calendar_todos(editor) == []


@time_machine.travel(dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC))
def test_no_reminder_before_november(coordinator):
    assert calendar_todos(coordinator) == []
    assert calendar_banners(coordinator) == []


@time_machine.travel(dt.datetime(2026, 10, 31, 15, 59, tzinfo=dt.UTC))  # 23:59 in Beijing
def test_no_banner_on_the_last_day_of_october(client, coordinator):
    client.force_login(coordinator)
    assert "wb-banner" not in client.get("/staff/").content.decode()


@time_machine.travel(NOVEMBER)
def test_the_coordinators_workbench_shows_the_banner_and_the_to_do_until_the_year_is_entered(
    client, coordinator
):
    client.force_login(coordinator)
    html = client.get("/staff/").content.decode()
    assert "录入2027年法定节假日" in html  # the to-do
    assert calendar_banners(coordinator) == [
        Banner(
            message="2027年的节假日安排尚未录入工作日历，跨入该年的期限还不能最终确定。国务院办公厅通知发布后，请及时录入。",
            url=PASTE_2027,
            link_text="粘贴通知录入",
            level=Banner.WARNING,
        )
    ]
    assert 'class="wb-message wb-message--warning wb-banner" role="status"' in html
    assert f'<a href="{PASTE_2027}">粘贴通知录入</a>' in html

    enter_2027(coordinator)

    html = client.get("/staff/").content.decode()
    assert "wb-banner" not in html
    assert "录入2027年法定节假日" not in html


@time_machine.travel(NOVEMBER)
def test_staff_without_calendar_edit_see_no_banner(client, editor, auditor):
    for user in (editor, auditor):
        client.force_login(user)
        assert "wb-banner" not in client.get("/staff/").content.decode()
        assert calendar_banners(user) == []


@time_machine.travel(dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC))
def test_a_current_year_still_missing_is_an_error_banner(coordinator):
    (banner,) = calendar_banners(coordinator)
    assert banner.level == Banner.ERROR
    assert banner.message.startswith("2027年的节假日安排尚未录入工作日历")
    assert banner.url == PASTE_2027
