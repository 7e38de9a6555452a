"""Public JSON API of the working-day calendar (no login): a year's holidays, and deadlines.

Mounted on the public NinjaAPI with ``api.add_router("/", router)`` in gongkai/api/public.py.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, JsonResponse
from ninja import Query, Router, Schema
from pydantic import Field

from gongkai.lib import bounds
from gongkai.workcal.calendar import (
    UnknownCalendarYear,
    add_working_days,
    adjusted_workdays,
    holiday_runs,
    skipped_days,
    year_days,
)

router = Router(tags=["工作日历"])

# About one and a half years of working days: more than any statutory period, and it bounds the
# work a single request can cause.
MAX_DAYS = 366


class ErrorOut(Schema):
    detail: str
    year: int | None = Field(None, description="工作日历尚未录入的年份（仅在缺少该年节假日安排时给出）")


class NamedDayOut(Schema):
    date: dt.date
    name: str


class HolidayRunOut(Schema):
    name: str
    first: dt.date
    last: dt.date
    days: int


class CalendarYearOut(Schema):
    year: int
    holidays: list[HolidayRunOut] = Field(description="放假安排，连续的放假日合为一段（含周末）")
    holiday_days: list[NamedDayOut] = Field(description="逐日列出的法定节假日")
    workdays: list[NamedDayOut] = Field(description="调休上班日（周末上班，计为工作日）")


class SkippedDayOut(Schema):
    date: dt.date
    reason: str = Field(description="节日名称，或“周末”")


class WorkdaysQuery(Schema):
    start: dt.date = Field(description="起算日，例如收到申请之日（当日不计入）")
    days: int = Field(ge=0, le=MAX_DAYS, description="工作日数")


class WorkdaysOut(Schema):
    start: dt.date
    days: int
    date: dt.date = Field(description="起算日之后第 days 个工作日")
    skipped: list[SkippedDayOut] = Field(description="期间不计入的日子（节假日与周末）")
    adjusted_workdays: list[NamedDayOut] = Field(description="期间计为工作日的调休上班日")


def _unknown(exc: UnknownCalendarYear, status: int) -> JsonResponse:
    # A plain response (rather than ninja's tuple or Status) works across django-ninja 1.x.
    return JsonResponse({"detail": exc.message_zh, "year": exc.year}, status=status)


@router.get(
    "/calendar/{year}",
    response={200: CalendarYearOut, 404: ErrorOut},
    summary="某年的法定节假日与调休上班日",
)
def calendar_year(request: HttpRequest, year: int):
    if not bounds.valid_year(year):
        return JsonResponse({"detail": bounds.YEAR_MESSAGE, "year": None}, status=404)
    try:
        holidays, workdays = year_days(year)
    except UnknownCalendarYear as exc:
        return _unknown(exc, 404)
    return {
        "year": year,
        "holidays": holiday_runs(year),
        "holiday_days": [{"date": d, "name": n} for d, n in holidays.items()],
        "workdays": [{"date": d, "name": n} for d, n in workdays.items()],
    }


@router.get(
    "/workdays",
    response={200: WorkdaysOut, 400: ErrorOut},
    summary="起算日之后第 N 个工作日（法定期限的到期日）",
)
def workdays(request: HttpRequest, query: Query[WorkdaysQuery]):
    if not bounds.valid_date(query.start):
        return JsonResponse({"detail": f"起算日：{bounds.DATE_MESSAGE}", "year": None}, status=400)
    try:
        end = add_working_days(query.start, query.days)
    except UnknownCalendarYear as exc:
        return _unknown(exc, 400)
    return {
        "start": query.start,
        "days": query.days,
        "date": end,
        "skipped": [{"date": d, "reason": r} for d, r in skipped_days(query.start, end)],
        "adjusted_workdays": [{"date": d, "name": n} for d, n in adjusted_workdays(query.start, end)],
    }
