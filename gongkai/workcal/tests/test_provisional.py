"""Counting through a year whose arrangement (调休) is not announced yet: the provisional and the
earliest basis, checked against every year the platform knows."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from gongkai.workcal import calendar
from gongkai.workcal.calendar import (
    Basis,
    UnknownCalendarYear,
    add_working_days,
    due_after,
    skipped_days,
)
from gongkai.workcal.models import CalendarYear
from gongkai.workcal.statutory import statutory_holidays

pytestmark = pytest.mark.django_db

D = dt.date
YEARS = range(2005, 2027)
COUNTS = (1, 3, 7, 15, 20, 40)


def _forget(year: int) -> None:
    CalendarYear.objects.filter(year=year).delete()
    calendar.clear_cache()


def _starts(year: int) -> list[dt.date]:
    """Every day from 1 November of the year before to the end of ``year``."""
    first = D(year - 1, 11, 1)
    return [first + dt.timedelta(days=i) for i in range((D(year, 12, 31) - first).days + 1)]


def _true_dates(year: int, counts) -> dict[tuple[dt.date, int], dt.date]:
    """The true n-th working day after every start, where the known years reach that far."""
    true = {}
    for s in _starts(year):
        for n in counts:
            # (a period that runs past the last year the platform knows is left out)
            with contextlib.suppress(UnknownCalendarYear):
                true[s, n] = add_working_days(s, n)
    return true


def test_the_statutory_holidays_of_2027_follow_the_2024_amendment():
    assert statutory_holidays(2027) == {
        D(2027, 1, 1): "元旦",
        D(2027, 2, 5): "春节",  # 除夕
        D(2027, 2, 6): "春节",
        D(2027, 2, 7): "春节",
        D(2027, 2, 8): "春节",  # 正月初三
        D(2027, 4, 5): "清明节",
        D(2027, 5, 1): "劳动节",
        D(2027, 5, 2): "劳动节",
        D(2027, 6, 9): "端午节",
        D(2027, 9, 15): "中秋节",
        D(2027, 10, 1): "国庆节",
        D(2027, 10, 2): "国庆节",
        D(2027, 10, 3): "国庆节",
    }


@pytest.mark.parametrize("year", YEARS)
def test_every_statutory_holiday_of_a_known_year_was_a_day_off(year):
    for day in statutory_holidays(year):
        assert not calendar.is_working_day(day), f"{day} is a statutory holiday but a working day"


def test_the_exact_basis_still_refuses_an_unknown_year():
    _forget(2026)
    with pytest.raises(UnknownCalendarYear) as exc:
        add_working_days(D(2025, 12, 20), 20)
    assert exc.value.year == 2026


def test_the_provisional_basis_counts_weekends_and_statutory_holidays_only():
    _forget(2026)
    # 2026 as announced worked Sunday 4 January and took 1–3 January off; provisionally only
    # 1 January (元旦) and the weekend of 3–4 January are off.
    assert skipped_days(D(2025, 12, 31), D(2026, 1, 5), basis=Basis.PROVISIONAL) == [
        (D(2026, 1, 1), "元旦"),
        (D(2026, 1, 3), "周末"),
        (D(2026, 1, 4), "周末"),
    ]
    assert add_working_days(D(2025, 12, 31), 2, basis=Basis.PROVISIONAL) == D(2026, 1, 5)


def test_the_earliest_basis_counts_a_weekend_near_a_holiday_as_a_possible_working_day():
    _forget(2026)
    # Saturday 3 and Sunday 4 January are near 元旦: either may be worked (the 4th was).
    assert add_working_days(D(2025, 12, 31), 2, basis=Basis.EARLIEST) == D(2026, 1, 3)
    # A weekend in the middle of July is far from any holiday: certainly off.
    assert add_working_days(D(2026, 7, 17), 1, basis=Basis.EARLIEST) == D(2026, 7, 20)


@pytest.mark.parametrize("year", YEARS)
def test_the_earliest_date_is_never_later_than_the_true_one(year):
    """For every start from November of the year before and every usual period, the earliest
    possible date computed without the year's announcement is on or before the true date."""
    true = _true_dates(year, COUNTS)
    _forget(year)
    late = [
        (s, n, earliest, date)
        for (s, n), date in true.items()
        if (earliest := add_working_days(s, n, basis=Basis.EARLIEST)) > date
    ]
    assert not late, f"{year}: {len(late)} late, e.g. start {late[0][0]}, {late[0][1]} days"


@pytest.mark.parametrize("year", YEARS)
def test_the_provisional_date_is_within_a_few_working_days_of_the_true_one(year):
    """What citizens are told ("可能前后相差一两天") holds for the reply periods of 20 and 40 days:
    the provisional date and the true one are at most two true working days apart.

    Two years had arrangements no rule could foresee, and are allowed three: 2007, whose 元旦 took
    2–3 January off for the weekend of 30–31 December 2006; and 2020, when the State Council
    extended the Spring Festival by three days (新冠肺炎疫情)."""
    true = _true_dates(year, (20, 40))
    first, last = min(true.values()) - dt.timedelta(days=30), max(true.values()) + dt.timedelta(days=30)
    working = {
        d for d in (first + dt.timedelta(days=i) for i in range((last - first).days)) if _known_working(d)
    }
    _forget(year)
    worst = 0
    for (s, n), date in true.items():
        low, high = sorted((date, add_working_days(s, n, basis=Basis.PROVISIONAL)))
        worst = max(worst, sum(1 for d in working if low < d <= high))
    assert worst <= (3 if year in (2007, 2020) else 2), f"{year}: off by {worst} working days"


def _known_working(d: dt.date) -> bool:
    try:
        return calendar.is_working_day(d)
    except UnknownCalendarYear:
        return False


def test_an_estimate_is_definitive_when_every_year_is_known():
    estimate = due_after(D(2026, 6, 1), 20)
    assert not estimate.provisional
    assert estimate.value == estimate.earliest == D(2026, 6, 30)  # 端午节 19 June


def test_an_estimate_through_an_unknown_year_is_provisional_and_names_the_year():
    _forget(2027)
    estimate = due_after(D(2026, 12, 20), 20)
    assert estimate.provisional
    assert estimate.pending_year == 2027
    # Provisionally: the weekdays from 21 December, less 元旦 (Friday 1 January 2027) → 18 January.
    assert estimate.value == D(2027, 1, 18)
    # Earliest: the January weekends within three weeks of 元旦 may be worked (2026's December is
    # known: its weekends are off) → 12 January.
    assert estimate.earliest == D(2027, 1, 12)


def test_a_year_entered_later_makes_the_same_estimate_definitive():
    _forget(2027)
    assert due_after(D(2026, 12, 20), 20).provisional
    CalendarYear.objects.create(year=2027)
    calendar.clear_cache()
    assert not due_after(D(2026, 12, 20), 20).provisional
