"""The office enters a newly announced year: the action, then the staff pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.audit.models import AuditEvent
from gongkai.workcal import actions
from gongkai.workcal.actions import AdjustedWorkday, HolidayPeriod, InvalidYearEntry
from gongkai.workcal.calendar import UnknownCalendarYear, add_working_days, is_working_day, skipped_days
from gongkai.workcal.models import CalendarSource, CalendarYear, SpecialDay

pytestmark = [pytest.mark.django_db, pytest.mark.urls("gongkai.workcal.tests.urls")]

D = dt.date

# A plausible 2027 arrangement as the office might enter it. (The real one is not yet announced;
# the tests only need a consistent entry: 1 Jan 2027 is a Friday, 6 Feb 2027 the Spring Festival.)
HOLIDAYS_2027 = [
    HolidayPeriod("元旦", D(2027, 1, 1), D(2027, 1, 3)),
    HolidayPeriod("春节", D(2027, 2, 5), D(2027, 2, 13)),
]
WORKDAYS_2027 = [AdjustedWorkday(D(2027, 2, 20), "春节")]


@pytest.fixture(autouse=True)
def _2027_not_entered_yet(calendar_without):
    """Every test here enters 2027 or needs it unknown, whatever the installed package knows."""
    calendar_without(2027)


# --- the action ---


def test_after_the_office_enters_2027_a_december_2026_deadline_can_be_computed(coordinator):
    with pytest.raises(UnknownCalendarYear):
        add_working_days(D(2026, 12, 10), 20)

    actions.create_year(2027, HOLIDAYS_2027, WORKDAYS_2027, actor=coordinator, note="国办发明电〔2026〕×号")

    # 15 working days left in December 2026 after the 10th; 1–3 January is 元旦; 4–8 January.
    assert add_working_days(D(2026, 12, 10), 20) == D(2027, 1, 8)
    assert [s.reason for s in skipped_days(D(2026, 12, 31), D(2027, 1, 4))] == ["元旦", "元旦", "元旦"]
    assert is_working_day(D(2027, 2, 20))  # the adjusted Saturday
    assert CalendarYear.objects.get(year=2027).source == CalendarSource.MANUAL


def test_entering_a_year_writes_one_audit_event(coordinator):
    actions.create_year(2027, HOLIDAYS_2027, WORKDAYS_2027, actor=coordinator)
    event = AuditEvent.objects.get(action="calendar.year_create")
    assert event.actor == coordinator
    assert event.target_repr == "2027年"
    assert event.changes["year"] == [None, 2027]
    assert event.changes["holidays"][1][1] == ["春节", "2027-02-05", "2027-02-13"]
    assert event.changes["workdays"][1] == [["2027-02-20", "春节"]]


def test_an_editor_may_not_enter_a_year(editor):
    with pytest.raises(PermissionDenied):
        actions.create_year(2027, HOLIDAYS_2027, WORKDAYS_2027, actor=editor)
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_a_year_already_known_cannot_be_entered_again(coordinator):
    with pytest.raises(InvalidYearEntry) as caught:
        actions.create_year(
            2026, [HolidayPeriod("元旦", D(2026, 1, 1), D(2026, 1, 3))], [], actor=coordinator
        )
    assert caught.value.problems[0].field == "year"
    assert "2026年已在工作日历中" in str(caught.value)


@pytest.mark.parametrize(
    ("holidays", "workdays", "field", "message"),
    [
        ([HolidayPeriod("元旦", D(2026, 12, 31), D(2027, 1, 1))], [], "first", "第一天不在2027年内"),
        ([HolidayPeriod("春节", D(2027, 2, 13), D(2027, 2, 5))], [], "last", "不能早于第一天"),
        ([HolidayPeriod("春节", D(2027, 2, 5), D(2027, 3, 13))], [], "last", "超过15天"),
        ([HolidayPeriod("端午节", D(2027, 6, 12), D(2027, 6, 13))], [], "first", "全部是周末"),
        (
            [
                HolidayPeriod("春节", D(2027, 2, 5), D(2027, 2, 13)),
                HolidayPeriod("x", D(2027, 2, 12), D(2027, 2, 15)),
            ],
            [],
            "first",
            "与第1行“春节”",
        ),
        (
            HOLIDAYS_2027,
            [AdjustedWorkday(D(2027, 2, 19), "春节")],
            "date",
            "必须是星期六或星期日，该日是星期五",
        ),
        (HOLIDAYS_2027, [AdjustedWorkday(D(2027, 2, 6), "春节")], "date", "在“春节”放假期间内"),
        (
            HOLIDAYS_2027,
            [AdjustedWorkday(D(2027, 2, 20), "春节"), AdjustedWorkday(D(2027, 2, 20), "春节")],
            "date",
            "与第1行重复",
        ),
        (HOLIDAYS_2027, [AdjustedWorkday(D(2028, 1, 8), "元旦")], "date", "不在2027年内"),
    ],
)
def test_a_wrong_entry_is_refused_and_saves_nothing(coordinator, holidays, workdays, field, message):
    with pytest.raises(InvalidYearEntry) as caught:
        actions.create_year(2027, holidays, workdays, actor=coordinator)
    assert any(p.field == field and message in p.message for p in caught.value.problems), (
        caught.value.problems
    )
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not SpecialDay.objects.filter(date__year=2027).exists()
    assert not AuditEvent.objects.filter(action="calendar.year_create").exists()


# --- the staff pages ---


def form_data(year="2027", holidays=(), workdays=(), note="") -> dict[str, str]:
    data = {
        "year": year,
        "note": note,
        "holidays-TOTAL_FORMS": "9",
        "holidays-INITIAL_FORMS": "0",
        "workdays-TOTAL_FORMS": "8",
        "workdays-INITIAL_FORMS": "0",
    }
    for i, (name, first, last) in enumerate(holidays):
        data |= {f"holidays-{i}-name": name, f"holidays-{i}-first": first, f"holidays-{i}-last": last}
    for i, (date, name) in enumerate(workdays):
        data |= {f"workdays-{i}-date": date, f"workdays-{i}-name": name}
    return data


GOOD_FORM = form_data(
    holidays=[("元旦", "2027-01-01", "2027-01-03"), ("春节", "2027-02-05", "2027-02-13")],
    workdays=[("2027-02-20", "春节")],
    note="国办发明电〔2026〕×号",
)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/staff/calendar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_any_staff_member_sees_the_known_years_and_the_warning_for_next_year(client, editor, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC))
    client.force_login(editor)
    response = client.get("/staff/calendar/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "2027年的节假日安排尚未录入" in page
    assert "/staff/calendar/2026/" in page
    assert "录入新年份" not in page  # an editor may not enter one
    row_2026 = next(y for y in response.context["years"] if y.year == 2026)
    # 2026 per the package: 元旦 3 + 春节 9 + 清明 3 + 劳动 5 + 端午 3 + 中秋 3 + 国庆 7 = 33 days;
    # Monday to Friday: 2 + 6 + 1 + 3 + 1 + 1 + 5 = 19; adjusted workdays 1-4, 2-14, 2-28, 5-9, 9-20, 10-10.
    assert (row_2026.holiday_days, row_2026.weekday_holidays, row_2026.adjusted_workdays) == (33, 19, 6)


def test_no_warning_in_summer_when_next_year_is_already_known(client, editor, time_machine):
    time_machine.move_to(dt.datetime(2025, 7, 1, 10, 0, tzinfo=dt.UTC))
    client.force_login(editor)
    page = client.get("/staff/calendar/").content.decode()
    assert "尚未录入" not in page


def test_the_year_page_lists_the_holiday_periods_and_adjusted_workdays(client, editor):
    client.force_login(editor)
    response = client.get("/staff/calendar/2026/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "春节" in page and "2月15日" in page and "2月23日" in page
    assert [d for d, _name in response.context["workdays"]] == [
        D(2026, 1, 4),
        D(2026, 2, 14),
        D(2026, 2, 28),
        D(2026, 5, 9),
        D(2026, 9, 20),
        D(2026, 10, 10),
    ]
    assert client.get("/staff/calendar/2027/").status_code == 404


def test_an_editor_without_calendar_edit_gets_403(client, editor):
    client.force_login(editor)
    assert client.get("/staff/calendar/new/").status_code == 403
    assert client.post("/staff/calendar/new/", GOOD_FORM).status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_a_read_only_auditor_gets_403(client, auditor):
    client.force_login(auditor)
    assert client.post("/staff/calendar/new/", GOOD_FORM).status_code == 403


@pytest.mark.parametrize(
    ("today", "suggested"),
    [
        (dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC), 2027),  # this year is known, the next is not
        (dt.datetime(2031, 6, 16, 10, 0, tzinfo=dt.UTC), 2031),  # the clock is past every known year
    ],
)
def test_the_form_suggests_the_first_unknown_year(client, coordinator, time_machine, today, suggested):
    time_machine.move_to(today)
    client.force_login(coordinator)
    response = client.get("/staff/calendar/new/")
    assert response.status_code == 200
    assert response.context["entry"].year_form.initial["year"] == suggested


def test_a_coordinator_enters_a_year_through_the_form(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/staff/calendar/new/", GOOD_FORM)
    assert response.status_code == 302
    assert response["Location"] == "/staff/calendar/2027/"
    assert add_working_days(D(2026, 12, 10), 20) == D(2027, 1, 8)
    assert SpecialDay.objects.filter(date__year=2027).count() == 3 + 9 + 1
    assert AuditEvent.objects.filter(action="calendar.year_create", actor=coordinator).count() == 1
    assert "2027年的节假日安排已录入" in client.get(response["Location"]).content.decode()


def test_bad_input_shows_errors_next_to_the_fields_and_saves_nothing(client, coordinator):
    client.force_login(coordinator)
    data = form_data(
        holidays=[("元旦", "2027-01-01", "2027-01-03"), ("春节", "2027-02-13", "2027-02-05")],
        workdays=[("2027-02-19", "春节"), ("2027-02-20", "")],
    )
    response = client.post("/staff/calendar/new/", data)
    assert response.status_code == 200
    entry = response.context["entry"]
    assert entry.holidays.forms[1].errors["last"] == ["最后一天不能早于第一天。"]
    assert "星期六或星期日" in entry.workdays.forms[0].errors["date"][0]
    assert "name" in entry.workdays.forms[1].errors  # required
    assert "最后一天不能早于第一天。" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not AuditEvent.objects.filter(action="calendar.year_create").exists()


def test_a_known_year_or_an_empty_entry_is_refused_with_a_message(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/staff/calendar/new/", form_data(year="2026"))
    entry = response.context["entry"]
    assert entry.year_form.errors["year"] == ["2026年已在工作日历中，不能重复录入。"]
    assert entry.holiday_errors == ["请至少填写一个放假期间。"]
