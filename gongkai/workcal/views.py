"""Staff workbench pages: the known years, one year's days, and entering a new year (field by field,
or by pasting the State Council's notice)."""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_any
from gongkai.workcal import actions
from gongkai.workcal.actions import FIRST_YEAR, LAST_YEAR
from gongkai.workcal.calendar import holiday_runs, missing_years, year_days
from gongkai.workcal.forms import HOLIDAY_NAMES, NoticeForm, YearEntry
from gongkai.workcal.models import CalendarYear, DayKind
from gongkai.workcal.notice import NoticeError, NoticeProblem, ParsedNotice, parse_notice

# Django's week_day lookup counts from Sunday = 1, so Monday to Friday are 2 to 6.
_MONDAY_TO_FRIDAY = [2, 3, 4, 5, 6]


@login_required
def year_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    years = CalendarYear.objects.annotate(
        holiday_days=Count("days", filter=Q(days__kind=DayKind.HOLIDAY)),
        weekday_holidays=Count(
            "days", filter=Q(days__kind=DayKind.HOLIDAY, days__date__week_day__in=_MONDAY_TO_FRIDAY)
        ),
        adjusted_workdays=Count("days", filter=Q(days__kind=DayKind.WORKDAY)),
    ).order_by("-year")
    known = {y.year for y in years}
    return render(
        request,
        "workcal/year_list.html",
        {
            "years": years,
            "today": today,
            "next_year": today.year + 1,
            "next_year_known": today.year + 1 in known,
            "missing": missing_years(today),
            "can_edit": has_any(request.user, "calendar.edit"),
        },
    )


@login_required
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    calendar_year = get_object_or_404(CalendarYear, year=year)
    _holidays, workdays = year_days(year)
    return render(
        request,
        "workcal/year_detail.html",
        {
            "calendar_year": calendar_year,
            "runs": holiday_runs(year),
            "workdays": list(workdays.items()),
            "can_edit": has_any(request.user, "calendar.edit"),
        },
    )


@login_required
def year_create(request: HttpRequest) -> HttpResponse:
    if not has_any(request.user, "calendar.edit"):
        raise PermissionDenied
    if request.method == "POST":
        entry = YearEntry(request.POST)
        if entry.is_valid():
            try:
                calendar_year = actions.create_year(
                    entry.year, entry.periods, entry.adjusted_workdays, actor=request.user, note=entry.note
                )
            except actions.InvalidYearEntry as exc:  # e.g. a colleague entered the year meanwhile
                entry.add_problems(exc.problems)
            else:
                messages.success(request, f"{calendar_year.year}年的节假日安排已录入工作日历。")
                return redirect("workcal:year_detail", year=calendar_year.year)
    else:
        today = timezone.localdate()
        known = set(CalendarYear.objects.values_list("year", flat=True))
        entry = YearEntry(initial_year=next(y for y in range(today.year, today.year + 100) if y not in known))
    return render(request, "workcal/year_form.html", {"entry": entry, "holiday_names": HOLIDAY_NAMES})


@login_required
def year_paste(request: HttpRequest) -> HttpResponse:
    """Paste the notice, see the year it gives as a calendar, and only then confirm it."""
    if not has_any(request.user, "calendar.edit"):
        raise PermissionDenied
    parsed: ParsedNotice | None = None
    problems: list[NoticeProblem] = []
    if request.method == "POST":
        form = NoticeForm(request.POST)
        if form.is_valid():
            try:
                parsed = parse_notice(form.cleaned_data["text"], year=form.cleaned_data["year"])
            except NoticeError as exc:
                problems = exc.problems
        if parsed is not None and "confirm" in request.POST:
            try:
                calendar_year = actions.create_year(
                    parsed.year, parsed.holidays, parsed.workdays, actor=request.user, note=parsed.note
                )
            except actions.InvalidYearEntry as exc:  # e.g. a colleague entered the year meanwhile
                problems, parsed = [NoticeProblem(None, p.message) for p in exc.problems], None
            else:
                messages.success(
                    request, _("%(year)s年的节假日安排已按通知录入工作日历。") % {"year": calendar_year.year}
                )
                return redirect("workcal:year_detail", year=calendar_year.year)
    else:
        form = NoticeForm(initial={"year": _year_asked(request)})
    context = {"form": form, "problems": problems, "parsed": parsed}
    if parsed is not None:
        context |= {
            "months": year_grid(parsed.year, parsed.holiday_days, parsed.workday_days),
            "periods": [
                (p, len(p.days()), sum(1 for d in p.days() if d.weekday() < 5)) for p in parsed.holidays
            ],
        }
    return render(request, "workcal/year_paste.html", context)


def _year_asked(request: HttpRequest) -> int | None:
    """The year in ``?year=`` (the to-do list's link), if it is one."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


@dataclass(frozen=True)
class GridDay:
    date: dt.date
    kind: str  # "holiday", "workday" (调休上班), "weekend", or "" for an ordinary working day
    mark: str  # shown in the cell: colour alone would not do
    label: str  # the holiday's name, for the tooltip and screen readers


def year_grid(
    year: int, holidays: dict[dt.date, str], workdays: dict[dt.date, str]
) -> list[tuple[int, list[list[GridDay | None]]]]:
    """The twelve months of ``year`` as weeks from Monday; None pads the first and last week."""
    weeks_of = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar
    return [
        (
            month,
            [
                [_grid_day(d, holidays, workdays) if d.month == month else None for d in week]
                for week in weeks_of(year, month)
            ],
        )
        for month in range(1, 13)
    ]


def _grid_day(d: dt.date, holidays: dict[dt.date, str], workdays: dict[dt.date, str]) -> GridDay:
    if d in holidays:
        return GridDay(d, "holiday", _("休"), _("%(name)s，放假") % {"name": holidays[d]})
    if d in workdays:
        return GridDay(d, "workday", _("班"), _("调休上班（%(name)s）") % {"name": workdays[d]})
    if d.weekday() >= 5:
        return GridDay(d, "weekend", _("周末"), _("周末"))
    return GridDay(d, "", "", "")
