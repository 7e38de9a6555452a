"""The in-memory copy of the calendar: few queries, and edits seen at once."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.workcal import calendar
from gongkai.workcal.calendar import add_working_days, is_working_day
from gongkai.workcal.models import CalendarYear, DayKind, SpecialDay

pytestmark = pytest.mark.django_db

# An ordinary Monday in 2026: no holiday, no adjustment.
MONDAY = dt.date(2026, 3, 9)


@pytest.fixture
def clock(monkeypatch):
    """A hand-driven monotonic clock for the once-a-second version check."""
    now = [1000.0]
    monkeypatch.setattr(calendar, "_clock", lambda: now[0])
    return now


def test_thousands_of_deadlines_cost_no_queries_once_the_calendar_is_loaded(clock, django_assert_num_queries):
    with django_assert_num_queries(2):  # the years and their days
        add_working_days(dt.date(2025, 1, 1), 20)
    with django_assert_num_queries(0):
        for offset in range(2000):
            add_working_days(dt.date(2025, 1, 1) + dt.timedelta(days=offset % 300), 20)


def test_after_a_second_one_cheap_query_checks_for_edits_by_other_processes(clock, django_assert_num_queries):
    is_working_day(MONDAY)
    clock[0] += 1.5
    with django_assert_num_queries(1):
        is_working_day(MONDAY)
        is_working_day(MONDAY)


def test_an_edit_is_seen_at_once_in_the_same_process(clock):
    assert is_working_day(MONDAY)
    day = SpecialDay.objects.create(
        year=CalendarYear.objects.get(year=2026), date=MONDAY, kind=DayKind.HOLIDAY, name="测试假日"
    )
    assert not is_working_day(MONDAY)
    day.name = "另一名称"
    day.save()
    assert calendar.skipped_days(MONDAY - dt.timedelta(days=1), MONDAY) == [(MONDAY, "另一名称")]
    day.delete()
    assert is_working_day(MONDAY)


def test_deleting_a_year_is_seen_at_once(clock):
    CalendarYear.objects.filter(year=2026).delete()
    with pytest.raises(calendar.UnknownCalendarYear):
        is_working_day(MONDAY)


def test_an_edit_by_another_process_is_seen_within_a_second(clock):
    assert is_working_day(MONDAY)
    # Another process writes without this process's signals: a bulk insert and a revision bump,
    # which is what the signal handler writes in that other process.
    year = CalendarYear.objects.get(year=2026)
    SpecialDay.objects.bulk_create([SpecialDay(year=year, date=MONDAY, kind=DayKind.HOLIDAY, name="x")])
    assert is_working_day(MONDAY)  # still the copy, within the second
    CalendarYear.objects.filter(pk=year.pk).update(revision=year.revision + 1)
    clock[0] += 1.1
    assert not is_working_day(MONDAY)
