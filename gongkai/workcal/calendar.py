"""Working days: the interface that statutory deadlines are computed on.

Counting follows the general rule for statutory periods: the day of the start event is not
counted, the period begins on the next day. Received on a Friday, one working day later is the
next Monday (unless that is a holiday).

Every count takes a ``basis``. On the default, ``Basis.EXACT``, a function raises
``UnknownCalendarYear`` as soon as it would have to look at a day in a year that the calendar table
does not know: a definitive deadline is never guessed from the plain week. For the weeks each year
between December and the State Council's notice, the two other bases count through an unknown year
with what the law fixes already (``statutory.py``): ``PROVISIONAL`` takes weekends and statutory
holidays as days off (what citizens are shown, clearly marked), ``EARLIEST`` takes as days off only
what is certain to be one (what staff to-do lists and overdue counts use, so that no case becomes
late by surprise). ``estimate`` runs a computation on all three and says which one holds.

The whole table (a few dozen rows a year) is held in memory. An edit made in this process clears
the copy at once (see ``signals.py``); other processes notice an edit by comparing each year's
revision counter with the database, at most once every ``CHECK_INTERVAL`` seconds.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

from django.db import transaction

from gongkai.workcal.models import CalendarYear, DayKind, SpecialDay
from gongkai.workcal.statutory import makeup_days, statutory_holidays

ONE_DAY = dt.timedelta(days=1)
WEEKEND_REASON = "周末"
# From this day of the year on, next year's calendar is needed (the State Council announces it in
# November or December, and an application received in December runs into January).
NEXT_YEAR_NEEDED_FROM = (11, 1)
# How often (seconds) a process asks the database whether another process edited the calendar.
CHECK_INTERVAL = 1.0
# In a year not yet announced, a weekend day this close (in days) to a statutory holiday may turn
# out to be an adjusted working day. Two weeks would do for every year 2005–2026 but one: 2015's
# 抗战胜利70周年纪念日 had Sunday 6 September worked, three weeks before 中秋 (test_provisional.py).
MAY_BE_WORKED_WITHIN = 21


class Basis(StrEnum):
    """How to count through a year the calendar table does not know yet."""

    EXACT = "exact"  # not at all: raise UnknownCalendarYear
    PROVISIONAL = "provisional"  # weekends, statutory holidays and their makeup days (补假) are off
    EARLIEST = "earliest"  # only statutory holidays and weekends far from any holiday are days off


class UnknownCalendarYear(Exception):
    """The computation needs a year whose holidays have not been entered."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"{year}年的节假日安排尚未录入工作日历，无法计算工作日 / "
            f"the working-day calendar does not know {year}"
        )

    @property
    def message_zh(self) -> str:
        return f"{self.year}年的节假日安排尚未录入工作日历，无法计算工作日。"


class SkippedDay(NamedTuple):
    """A day not counted as a working day, and why: a holiday's name or "周末"."""

    date: dt.date
    reason: str


@dataclass(frozen=True)
class _Snapshot:
    version: tuple[tuple[int, int], ...]
    known: frozenset[int]
    holidays: dict[dt.date, str]
    workdays: dict[dt.date, str]

    def is_working_day(self, d: dt.date, basis: Basis = Basis.EXACT) -> bool:
        if d.year not in self.known:
            if basis is Basis.EXACT:
                raise UnknownCalendarYear(d.year)
            return _unannounced_is_working_day(d, basis)
        if d in self.workdays:
            return True
        if d in self.holidays:
            return False
        return d.weekday() < 5

    def holiday_name(self, d: dt.date) -> str:
        if d.year not in self.known:
            return statutory_holidays(d.year).get(d) or makeup_days(d.year).get(d, WEEKEND_REASON)
        return self.holidays.get(d, WEEKEND_REASON)


def _unannounced_is_working_day(d: dt.date, basis: Basis) -> bool:
    if d in statutory_holidays(d.year):
        return False
    if d.weekday() < 5:
        return not (basis is Basis.PROVISIONAL and d in makeup_days(d.year))
    return basis is Basis.EARLIEST and d in _weekends_that_may_be_worked(d.year)


@lru_cache(maxsize=64)
def _weekends_that_may_be_worked(year: int) -> frozenset[dt.date]:
    window = dt.timedelta(days=MAY_BE_WORKED_WITHIN)
    near = [h for y in (year - 1, year, year + 1) for h in statutory_holidays(y)]
    return frozenset(
        d
        for d in _days_after(dt.date(year - 1, 12, 31), dt.date(year, 12, 31))
        if d.weekday() >= 5 and any(abs(d - h) <= window for h in near)
    )


_snapshot: _Snapshot | None = None
_checked_at = 0.0
_clock = time.monotonic  # replaced in tests


def _version() -> tuple[tuple[int, int], ...]:
    return tuple(CalendarYear.objects.order_by("pk").values_list("pk", "revision"))


def _load() -> _Snapshot:
    years = list(CalendarYear.objects.order_by("pk").values_list("pk", "revision", "year"))
    holidays: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    for date, kind, name in SpecialDay.objects.values_list("date", "kind", "name"):
        (workdays if kind == DayKind.WORKDAY else holidays)[date] = name
    return _Snapshot(
        version=tuple((pk, revision) for pk, revision, _year in years),
        known=frozenset(year for _pk, _revision, year in years),
        holidays=holidays,
        workdays=workdays,
    )


def _current() -> _Snapshot:
    global _snapshot, _checked_at
    snapshot, now = _snapshot, _clock()
    if snapshot is not None and now - _checked_at < CHECK_INTERVAL:
        return snapshot
    if snapshot is None or snapshot.version != _version():
        snapshot = _load()
        _snapshot = snapshot
    _checked_at = now
    return snapshot


def clear_cache() -> None:
    """Forget the in-memory copy; the next call reads the table again."""
    global _snapshot
    _snapshot = None


def table_changed() -> None:
    """Forget the copy after writing the table; writers that bypass model signals call this.

    Now, so that this process sees its own edit at once; and again after commit, in case another
    thread reloaded the old table while the transaction was still open.
    """
    clear_cache()
    transaction.on_commit(clear_cache)


def _days_after(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """The days d with start < d <= end."""
    d = start + ONE_DAY
    while d <= end:
        yield d
        d += ONE_DAY


def is_known_year(year: int) -> bool:
    return year in _current().known


def known_years() -> list[int]:
    return sorted(_current().known)


def is_working_day(d: dt.date, *, basis: Basis = Basis.EXACT) -> bool:
    """Is ``d`` a working day? On the exact basis, raises UnknownCalendarYear if d's year is not in
    the table."""
    return _current().is_working_day(d, basis)


def add_working_days(start: dt.date, n: int, *, basis: Basis = Basis.EXACT) -> dt.date:
    """The ``n``-th working day after ``start``; the day ``start`` itself is not counted.

    ``add_working_days(friday, 1)`` is the next Monday, or the first working day after it when
    that Monday is a holiday. ``n == 0`` returns ``start`` unchanged, whatever day it is.
    ``n`` must not be negative. Raises UnknownCalendarYear when the count reaches a year the
    table does not know, unless ``basis`` says how to count through it.
    """
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    snapshot = _current()
    d, counted = start, 0
    while counted < n:
        d += ONE_DAY
        if snapshot.is_working_day(d, basis):
            counted += 1
    return d


def working_days_between(start: dt.date, end: dt.date, *, basis: Basis = Basis.EXACT) -> int:
    """The number of working days d with ``start < d <= end``.

    The inverse of ``add_working_days``: ``working_days_between(s, add_working_days(s, n)) == n``.
    It is 0 when ``end == start`` and negative when ``end`` is earlier:
    ``working_days_between(b, a) == -working_days_between(a, b)``, e.g. the working days by which
    a reply was late (positive) or early (negative). Raises UnknownCalendarYear when a day in the
    interval lies in a year the table does not know.
    """
    if end < start:
        return -working_days_between(end, start, basis=basis)
    snapshot = _current()
    return sum(1 for d in _days_after(start, end) if snapshot.is_working_day(d, basis))


def skipped_days(start: dt.date, end: dt.date, *, basis: Basis = Basis.EXACT) -> list[SkippedDay]:
    """The days d with ``start < d <= end`` that are not working days, each with its reason.

    The reason is the holiday's name ("春节", "国庆节"…) for a statutory holiday, including the
    weekend days inside a holiday period, and "周末" for an ordinary weekend. Adjusted working
    days (调休上班) are working days and so are not listed; see ``adjusted_workdays``.
    Empty when ``end <= start``.
    """
    snapshot = _current()
    return [
        SkippedDay(d, snapshot.holiday_name(d))
        for d in _days_after(start, end)
        if not snapshot.is_working_day(d, basis)
    ]


def adjusted_workdays(start: dt.date, end: dt.date) -> list[SkippedDay]:
    """The weekend days d with ``start < d <= end`` that are worked (调休上班), with the holiday's name.

    Only announced ones: in a year not yet in the table there are none to list.
    """
    snapshot = _current()
    return [
        SkippedDay(d, snapshot.workdays[d])
        for d in _days_after(start, end)
        if d in snapshot.workdays and snapshot.is_working_day(d)
    ]


T = TypeVar("T")


@dataclass(frozen=True)
class Estimate(Generic[T]):
    """A result computed on working days, and whether it is definitive.

    ``value`` is the definitive result when every year involved is in the table; otherwise the
    provisional one (weekends and statutory holidays), and ``earliest`` the earliest the result
    can turn out to be once ``pending_year`` is announced. Definitive: ``earliest == value``.
    """

    value: T
    earliest: T
    pending_year: int | None = None

    @property
    def provisional(self) -> bool:
        return self.pending_year is not None


def estimate(compute: Callable[[Basis], T]) -> Estimate[T]:
    """Run ``compute(basis)`` on the exact basis, or, where that needs a year not yet entered, on
    the provisional and the earliest basis. The one place that decides what an unknown year means."""
    try:
        value = compute(Basis.EXACT)
    except UnknownCalendarYear as exc:
        return Estimate(compute(Basis.PROVISIONAL), compute(Basis.EARLIEST), exc.year)
    return Estimate(value, value)


def pending_badge(year: int) -> str:
    """The short words staff read next to a provisional date (it stands in table cells)."""
    from django.utils.translation import gettext

    return gettext("期限待定：%(year)s年节假日未录入") % {"year": year}


def due_after(start: dt.date, n: int) -> Estimate[dt.date]:
    """The ``n``-th working day after ``start``, definitive or provisional."""
    return estimate(lambda basis: add_working_days(start, n, basis=basis))


def missing_years(today: dt.date) -> list[int]:
    """Years that deadlines computed ``today`` may need but the table does not know.

    The current year always; the next year from November 1st on. For the office's to-do list and
    a periodic reminder.
    """
    needed = [today.year]
    if (today.month, today.day) >= NEXT_YEAR_NEEDED_FROM:
        needed.append(today.year + 1)
    known = _current().known
    return [year for year in needed if year not in known]


@dataclass(frozen=True)
class HolidayRun:
    """Consecutive holiday days as announced, e.g. "国庆节、中秋节" 2025-10-01 to 2025-10-08."""

    name: str
    first: dt.date
    last: dt.date
    days: int
    weekdays: int  # of which Monday to Friday: the days the holiday actually takes off work


def year_days(year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """The holidays and the adjusted working days of ``year``, each as ``{date: name}`` in date order."""
    snapshot = _current()
    if year not in snapshot.known:
        raise UnknownCalendarYear(year)
    holidays = {d: n for d, n in sorted(snapshot.holidays.items()) if d.year == year}
    workdays = {d: n for d, n in sorted(snapshot.workdays.items()) if d.year == year}
    return holidays, workdays


def holiday_runs(year: int) -> list[HolidayRun]:
    """The holidays of ``year`` grouped into runs of consecutive days."""
    holidays, _workdays = year_days(year)
    runs: list[list[tuple[dt.date, str]]] = []
    for d, name in holidays.items():
        if runs and runs[-1][-1][0] + ONE_DAY == d:
            runs[-1].append((d, name))
        else:
            runs.append([(d, name)])
    return [
        HolidayRun(
            name="、".join(dict.fromkeys(name for _d, name in run)),
            first=run[0][0],
            last=run[-1][0],
            days=len(run),
            weekdays=sum(1 for d, _name in run if d.weekday() < 5),
        )
        for run in runs
    ]
