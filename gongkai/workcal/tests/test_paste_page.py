"""The office enters next year by pasting the State Council's notice: preview, then confirm."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine

from gongkai.accounts.roles import Role
from gongkai.audit.models import AuditEvent
from gongkai.conftest import PHONE
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.workcal import calendar
from gongkai.workcal.calendar import add_working_days, is_working_day
from gongkai.workcal.models import CalendarYear, SpecialDay
from gongkai.workcal.tests.conftest import make_staff, uscc

pytestmark = pytest.mark.django_db

D = dt.date
URL = "/staff/calendar/paste/"

NOTICE = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕9号
经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历腊月二十九、周五）至13日（农历正月初八、周六）放假调休，共9天。2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
"""


@pytest.fixture(autouse=True)
def unknown_2027():
    # Never rely on the installed package not knowing 2027.
    CalendarYear.objects.filter(year=2027).delete()
    calendar.clear_cache()


@pytest.fixture
def personas(district, department, coordinator, editor, auditor):
    other = Organisation.objects.create(
        name="北湖区财政局",
        short_name="区财政局",
        code=uscc("11110100MB0000003"),
        kind=OrgKind.DEPARTMENT,
        parent=district,
    )
    outsider = make_staff("outsider", district, other, Role.EDITOR)
    return SimpleNamespace(
        coordinator=coordinator,
        editor=editor,
        auditor=auditor,
        leader=make_staff("leader", district, department, Role.LEADER),
        outsider=outsider,
    )


@pytest.fixture
def office(client, coordinator):
    client.force_login(coordinator)
    return client


def nothing_saved() -> bool:
    return (
        not CalendarYear.objects.filter(year=2027).exists()
        and not SpecialDay.objects.filter(date__year=2027).exists()
        and not AuditEvent.objects.filter(action="calendar.year_create").exists()
    )


# --- who may ---


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


@pytest.mark.parametrize("who", ["editor", "outsider", "auditor", "leader"])
def test_staff_without_calendar_edit_are_refused(client, personas, who):
    client.force_login(getattr(personas, who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"text": NOTICE, "preview": "1"}).status_code == 403
    assert client.post(URL, {"text": NOTICE, "confirm": "1"}).status_code == 403
    assert nothing_saved()


# --- the steps ---


def test_the_page_takes_the_year_from_the_link(office):
    response = office.get(URL + "?year=2027")
    assert response.status_code == 200
    assert response.context["form"].initial["year"] == 2027
    page = response.content.decode()
    assert "粘贴国务院办公厅通知录入节假日安排" in page
    assert 'name="text"' in page and "预览" in page and 'name="confirm"' not in page
    assert office.get(URL + "?year=abc").context["form"].initial["year"] is None


def test_the_preview_shows_the_year_as_a_calendar_and_saves_nothing(office):
    response = office.post(URL, {"year": "2027", "text": NOTICE, "preview": "1"})
    assert response.status_code == 200
    assert nothing_saved()
    page = response.content.decode()
    assert "预览：2027年节假日安排" in page and "尚未保存" in page
    assert "确认录入2027年" in page
    # twelve months, Monday first; each kind of day told by colour and by a mark, with a legend
    months = response.context["months"]
    assert [m for m, _weeks in months] == list(range(1, 13))
    january = [day for week in months[0][1] for day in week]
    assert january[:4] == [None, None, None, None]  # 1 January 2027 is a Friday
    assert [(d.date, d.kind, d.mark) for d in january[4:7]] == [
        (D(2027, 1, 1), "holiday", "休"),
        (D(2027, 1, 2), "holiday", "休"),
        (D(2027, 1, 3), "holiday", "休"),
    ]
    assert (january[12].date, january[12].kind, january[12].mark) == (D(2027, 1, 9), "weekend", "周末")
    assert (january[7].date, january[7].kind) == (D(2027, 1, 4), "")
    assert (
        '<td class="wc-day wc-day--workday" data-date="2027-02-20" title="2月20日 调休上班（春节）">' in page
    )
    assert (
        "法定节假日（放假）" in page and "调休上班（周末上班，计为工作日）" in page and "周末（休息）" in page
    )
    # the periods and the workdays as lists too
    assert [(p.name, days, weekdays) for p, days, weekdays in response.context["periods"]][:2] == [
        ("元旦", 3, 1),
        ("春节", 9, 6),
    ]
    assert "10月9日（星期六）" in page
    assert "据粘贴的国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）录入" in page


def test_confirming_enters_the_previewed_year_through_the_action(office, coordinator):
    preview = office.post(URL, {"year": "", "text": NOTICE, "preview": "1"})
    # the confirmation form carries the previewed text
    assert preview.content.decode().count("二、春节：2月5日") == 2

    response = office.post(URL, {"year": "", "text": NOTICE, "confirm": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/staff/calendar/2027/"
    calendar_year = CalendarYear.objects.get(year=2027)
    assert (
        calendar_year.note
        == "据粘贴的国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）录入"
    )
    assert SpecialDay.objects.filter(year=calendar_year).count() == 3 + 9 + 3 + 5 + 1 + 1 + 7 + 5
    event = AuditEvent.objects.get(action="calendar.year_create")
    assert event.actor == coordinator
    assert event.changes["workdays"][1][0] == ["2027-02-20", "春节"]
    assert is_working_day(D(2027, 2, 20)) and not is_working_day(D(2027, 2, 8))
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert "2027年的节假日安排已按通知录入工作日历。" in office.get(response["Location"]).content.decode()


def test_a_mistake_in_the_notice_is_shown_by_line_with_the_text_kept(office):
    text = NOTICE.replace("2月20日（周六）", "2月20日（周日）")
    for step in ("preview", "confirm"):
        response = office.post(URL, {"year": "", "text": text, step: "1"})
        assert response.status_code == 200
        page = response.content.decode()
        assert "第5行：2月20日是星期六，通知写作周日。" in page
        assert "该行：“二、春节：2月5日（农历腊月二十九、周五）至13日" in page  # to find it on a phone
        assert "确认录入2027年" not in page
        assert response.context["form"]["text"].value() == text
        assert "2月20日（周日）" in page  # in the box, to be corrected there
    assert nothing_saved()


def test_an_unreadable_item_is_quoted(office):
    text = NOTICE.replace("三、清明节：4月3日（周六）", "三、清明节：四月三号前后")
    page = office.post(URL, {"text": text, "preview": "1"}).content.decode()
    assert "第6行：无法识别该条目" in page
    assert "“三、清明节：四月三号前后至5日（周一）放假，共3天。”" in page
    assert nothing_saved()


def test_an_empty_box_and_a_title_that_contradicts_the_year_are_refused(office):
    response = office.post(URL, {"year": "2027", "text": "", "preview": "1"})
    assert response.context["form"].errors["text"] == ["这个字段是必填项。"]
    page = office.post(URL, {"year": "2028", "text": NOTICE, "confirm": "1"}).content.decode()
    assert "第1行：通知写的是2027年，但填写的年份是2028年，请核对。" in page
    assert nothing_saved()


def test_days_of_the_previous_december_are_shown_as_a_note(office):
    text = NOTICE.replace(
        "一、元旦：1月1日（周五）至3日（周日）放假，共3天。",
        "一、元旦：2026年12月31日（周四）至2027年1月3日（周日）放假调休，共4天。2026年12月27日（周日）上班。",
    )
    page = office.post(URL, {"text": text, "preview": "1"}).content.decode()
    assert "第4行：2026年12月31日放假，2026年12月27日上班属于2026年，不录入2027年。" in page
    assert 'data-date="2026-12-31"' not in page


def test_a_year_entered_by_a_colleague_meanwhile_is_not_entered_twice(office):
    office.post(URL, {"text": NOTICE, "preview": "1"})
    CalendarYear.objects.create(year=2027)  # a colleague, through the manual form
    calendar.clear_cache()
    response = office.post(URL, {"text": NOTICE, "confirm": "1"})
    assert response.status_code == 200
    assert "2027年已在工作日历中，不能重复录入。" in response.content.decode()
    assert CalendarYear.objects.filter(year=2027).count() == 1
    assert not AuditEvent.objects.filter(action="calendar.year_create").exists()


# --- where it is linked from ---


@time_machine.travel(dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC))
def test_the_year_list_and_the_manual_form_link_to_the_paste_page(office, client, editor):
    page = office.get("/staff/calendar/").content.decode()
    assert f'href="{URL}?year=2027"' in page
    assert f'href="{URL}"' in office.get("/staff/calendar/new/").content.decode()

    client.force_login(editor)
    assert URL not in client.get("/staff/calendar/").content.decode()


# --- on a phone ---


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE])
def test_the_office_pastes_previews_and_confirms_on_a_phone(
    page, live_server, coordinator, viewport, screenshot
):
    CalendarYear.objects.filter(year=2027).delete()
    calendar.clear_cache()
    page.goto(live_server.url + URL + "?year=2027")
    page.get_by_label("用户名").fill("coordinator")
    page.get_by_label("密码").fill("not-used-in-tests")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + URL + "?year=2027")

    page.get_by_label("通知全文").fill(NOTICE.replace("2月20日（周六）", "2月20日（周日）"))
    with page.expect_navigation():
        page.get_by_role("button", name="预览").click()
    screenshot(page, "calendar-paste-problems-phone")
    assert page.get_by_role("alert").filter(has_text="第5行：2月20日是星期六，通知写作周日。").is_visible()
    assert "2月20日（周日）" in page.get_by_label("通知全文").input_value()

    page.get_by_label("通知全文").fill(NOTICE)
    with page.expect_navigation():
        page.get_by_role("button", name="预览").click()
    screenshot(page, "calendar-paste-preview-phone")
    grid = page.locator(".wc-month")
    assert grid.count() == 12
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    marks = {
        day: page.locator(f'td[data-date="{day}"] .wc-mark').all_inner_texts()
        for day in ("2027-02-20", "2027-02-08", "2027-02-27", "2027-02-24")
    }
    assert marks == {"2027-02-20": ["班"], "2027-02-08": ["休"], "2027-02-27": ["周末"], "2027-02-24": []}
    colours = {
        day: page.locator(f'td[data-date="{day}"]').evaluate("cell => getComputedStyle(cell).backgroundColor")
        for day in ("2027-02-20", "2027-02-08", "2027-02-27", "2027-02-24")
    }
    assert len(set(colours.values())) == 4  # workday, holiday, weekend, ordinary day
    assert not CalendarYear.objects.filter(year=2027).exists()

    page.get_by_role("button", name="确认录入2027年").click()
    page.wait_for_url(live_server.url + "/staff/calendar/2027/")
    assert page.get_by_text("2027年的节假日安排已按通知录入工作日历。").is_visible()
    assert CalendarYear.objects.filter(year=2027).exists()
