"""Staff workbench pages: the known years, one year's days, and entering a new year."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.accounts.permissions import has_any
from gongkai.workcal import actions
from gongkai.workcal.calendar import holiday_runs, missing_years, year_days
from gongkai.workcal.forms import HOLIDAY_NAMES, YearEntry
from gongkai.workcal.models import CalendarYear, DayKind

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
