"""Which years the office must enter soon: the current one always, the next from 1 November."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.workcal.calendar import missing_years
from gongkai.workcal.models import CalendarSource, CalendarYear

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _2027_and_2028_not_entered_yet(calendar_without):
    """Whatever the installed chinese_calendar package knows."""
    calendar_without(2027, 2028)


def test_nothing_is_missing_in_october_2026():
    assert missing_years(dt.date(2026, 10, 31)) == []


def test_2027_is_missing_from_1_november_2026():
    assert missing_years(dt.date(2026, 11, 1)) == [2027]
    assert missing_years(dt.date(2026, 12, 31)) == [2027]


def test_the_current_year_is_missing_all_year_if_unknown():
    assert missing_years(dt.date(2027, 3, 1)) == [2027]
    assert missing_years(dt.date(2027, 11, 15)) == [2027, 2028]


def test_nothing_is_missing_once_next_year_is_entered():
    CalendarYear.objects.create(year=2027, source=CalendarSource.MANUAL)
    assert missing_years(dt.date(2026, 12, 1)) == []
