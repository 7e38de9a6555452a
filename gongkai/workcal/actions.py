"""Changes to the working-day calendar. Views and commands call these; nothing else writes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.accounts.permissions import has_any
from gongkai.audit.log import record
from gongkai.workcal.calendar import table_changed
from gongkai.workcal.models import CalendarSource, CalendarYear, DayKind, SpecialDay
from gongkai.workcal.signals import calendar_year_entered

if TYPE_CHECKING:
    from gongkai.accounts.models import User

WEEKDAYS = "一二三四五六日"
# Longer than any announced period (春节 2020 with its extension: 10 days); catches a wrong month.
MAX_PERIOD_DAYS = 15
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class HolidayPeriod:
    """One announced holiday period, e.g. 春节 2026-02-15 to 2026-02-23, weekends included."""

    name: str
    first: dt.date
    last: dt.date

    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=i) for i in range((self.last - self.first).days + 1)]


@dataclass(frozen=True)
class AdjustedWorkday:
    """A Saturday or Sunday that is worked (调休上班), with the holiday it makes up for."""

    date: dt.date
    name: str


@dataclass(frozen=True)
class Problem:
    """What is wrong with an entry: ``section`` is "year", "holidays" or "workdays"; ``index`` the
    row within the section (None for the section as a whole); ``field`` the row's field."""

    section: str
    index: int | None
    field: str | None
    message: str


class InvalidYearEntry(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("；".join(p.message for p in problems))


def _weekday(d: dt.date) -> str:
    return f"星期{WEEKDAYS[d.weekday()]}"


def check_year_entry(
    year: int, holidays: Sequence[HolidayPeriod], workdays: Sequence[AdjustedWorkday]
) -> list[Problem]:
    """Everything wrong with a new year's entry; empty when it may be saved.

    The one place these rules live: the staff form shows the problems next to its fields, and
    ``create_year`` refuses an entry that has any.
    """
    problems: list[Problem] = []
    if not FIRST_YEAR <= year <= LAST_YEAR:
        problems.append(Problem("year", None, "year", f"年份应在{FIRST_YEAR}至{LAST_YEAR}之间。"))
    elif CalendarYear.objects.filter(year=year).exists():
        problems.append(Problem("year", None, "year", f"{year}年已在工作日历中，不能重复录入。"))
    if not holidays:
        problems.append(Problem("holidays", None, None, "请至少填写一个放假期间。"))

    valid_periods: list[tuple[int, HolidayPeriod]] = []
    for i, period in enumerate(holidays):
        row: list[Problem] = []
        if not period.name.strip():
            row.append(Problem("holidays", i, "name", "请填写节日名称。"))
        if period.first.year != year:
            row.append(Problem("holidays", i, "first", f"第一天不在{year}年内。"))
        if period.last.year != year:
            row.append(Problem("holidays", i, "last", f"最后一天不在{year}年内。"))
        if period.last < period.first:
            row.append(Problem("holidays", i, "last", "最后一天不能早于第一天。"))
        elif len(period.days()) > MAX_PERIOD_DAYS:
            row.append(
                Problem(
                    "holidays", i, "last", f"放假期间超过{MAX_PERIOD_DAYS}天，请核对日期（月份是否填错）。"
                )
            )
        elif all(d.weekday() >= 5 for d in period.days()):
            row.append(
                Problem("holidays", i, "first", "该放假期间全部是周末，不影响工作日计算，请核对日期。")
            )
        if not row:
            for j, other in valid_periods:
                if period.first <= other.last and other.first <= period.last:
                    row.append(
                        Problem(
                            "holidays",
                            i,
                            "first",
                            f"与第{j + 1}行“{other.name}”（{other.first:%m月%d日}至{other.last:%m月%d日}）重叠。",
                        )
                    )
                    break
        if not row:
            valid_periods.append((i, period))
        problems.extend(row)

    seen: dict[dt.date, int] = {}
    for i, workday in enumerate(workdays):
        d = workday.date
        if not workday.name.strip():
            problems.append(Problem("workdays", i, "name", "请填写对应的节日。"))
        if d.year != year:
            problems.append(Problem("workdays", i, "date", f"日期不在{year}年内。"))
        elif d.weekday() < 5:
            problems.append(
                Problem("workdays", i, "date", f"调休上班日必须是星期六或星期日，该日是{_weekday(d)}。")
            )
        elif d in seen:
            problems.append(Problem("workdays", i, "date", f"与第{seen[d] + 1}行重复。"))
        else:
            inside = next((p for _j, p in valid_periods if p.first <= d <= p.last), None)
            if inside is not None:
                problems.append(Problem("workdays", i, "date", f"该日在“{inside.name}”放假期间内。"))
        seen.setdefault(d, i)
    return problems


@transaction.atomic
def create_year(
    year: int,
    holidays: Sequence[HolidayPeriod],
    workdays: Sequence[AdjustedWorkday],
    *,
    actor: User,
    note: str = "",
) -> CalendarYear:
    """Enter a year announced by the State Council: its holiday periods and adjusted working days."""
    if not has_any(actor, "calendar.edit"):
        raise PermissionDenied("calendar.edit refused")
    problems = check_year_entry(year, holidays, workdays)
    if problems:
        raise InvalidYearEntry(problems)

    calendar_year = CalendarYear.objects.create(year=year, source=CalendarSource.MANUAL, note=note.strip())
    days = [
        SpecialDay(year=calendar_year, date=d, kind=DayKind.HOLIDAY, name=period.name.strip())
        for period in holidays
        for d in period.days()
    ]
    days += [
        SpecialDay(year=calendar_year, date=w.date, kind=DayKind.WORKDAY, name=w.name.strip())
        for w in workdays
    ]
    SpecialDay.objects.bulk_create(days)
    table_changed()  # bulk_create sends no signals

    record(
        "calendar.year_create",
        actor=actor,
        target=calendar_year,
        changes={
            "year": [None, year],
            "holidays": [
                None,
                [[p.name.strip(), p.first.isoformat(), p.last.isoformat()] for p in holidays],
            ],
            "workdays": [None, [[w.date.isoformat(), w.name.strip()] for w in workdays]],
        },
        note=note.strip(),
    )
    calendar_year_entered.send(sender=CalendarYear, year=year, actor=actor)
    return calendar_year
