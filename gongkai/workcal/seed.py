"""Seeding the calendar table from the ``chinese_calendar`` package (PyPI ``chinesecalendar``).

Idempotent: a year that already matches the package is left untouched, a package year that
differs is brought in line (a newer package may correct it), and a year the office entered or
corrected itself (source "manual") is never overwritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar
from chinese_calendar import constants as cc_constants
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.workcal.models import CalendarSource, DayKind

# chinese_calendar names holidays in English; the office and citizens read the official names.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}

PACKAGE_NOTE = "由 chinese_calendar 软件包导入"


def package_years() -> range:
    """The years the installed package knows (it raises NotImplementedError outside them)."""
    dates = list(cc_constants.holidays) + list(cc_constants.workdays)
    return range(min(dates).year, max(dates).year + 1)


def _chinese_name(english: str | None, d: dt.date) -> str:
    try:
        return HOLIDAY_NAMES[english or ""]
    except KeyError:
        # A new holiday in a newer package: stop rather than store an English or empty name.
        raise ValueError(
            f"chinese_calendar holiday {english!r} on {d} has no Chinese name in HOLIDAY_NAMES"
        ) from None


def package_days(year: int) -> dict[dt.date, tuple[str, str]]:
    """The special days of ``year`` per the package, as ``{date: (kind, Chinese name)}``.

    Weekday holidays and weekend working days, which decide the count; and the weekend days of a
    named holiday period, which only carry the name. The package lists a period's weekend days
    for most years but not all (端午节 2015: 20 and 22 June, not Sunday the 21st), so a weekend
    gap between two days of the same holiday is filled in.
    """
    days: dict[dt.date, tuple[str, str]] = {}
    for d in _all_days(year):
        on_holiday, english = chinese_calendar.get_holiday_detail(d)
        if on_holiday and english is not None:
            days[d] = (DayKind.HOLIDAY.value, _chinese_name(english, d))
        elif not on_holiday and d.weekday() >= 5:
            days[d] = (DayKind.WORKDAY.value, _chinese_name(english, d))
    for d in [d for d in _all_days(year) if d.weekday() >= 5 and d not in days]:
        before = _holiday_name(days, d, -1)
        if before is not None and before == _holiday_name(days, d, +1):
            days[d] = (DayKind.HOLIDAY.value, before)
    return dict(sorted(days.items()))


def _all_days(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    return [first + dt.timedelta(days=i) for i in range((dt.date(year + 1, 1, 1) - first).days)]


def _holiday_name(days: dict[dt.date, tuple[str, str]], d: dt.date, step: int) -> str | None:
    """The name of the holiday next to the weekend containing ``d``, looking in direction ``step``."""
    d += dt.timedelta(days=step)
    while d.weekday() >= 5 and d not in days:
        d += dt.timedelta(days=step)
    kind, name = days.get(d, ("", None))
    return name if kind == DayKind.HOLIDAY else None


@dataclass
class SeedResult:
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    skipped_manual: list[int] = field(default_factory=list)


def seed(calendar_year_model: type[models.Model], special_day_model: type[models.Model]) -> SeedResult:
    """Bring the table in line with the package. Takes the model classes so that the data
    migration can pass its historical models."""
    result = SeedResult()
    existing = {cy.year: cy for cy in calendar_year_model.objects.all()}
    for year in package_years():
        wanted = package_days(year)
        calendar_year = existing.get(year)
        if calendar_year is not None and calendar_year.source == CalendarSource.MANUAL:
            result.skipped_manual.append(year)
            continue
        if calendar_year is None:
            calendar_year = calendar_year_model.objects.create(
                year=year, source=CalendarSource.PACKAGE, note=PACKAGE_NOTE
            )
            result.created.append(year)
        else:
            have = {
                date: (kind, name)
                for date, kind, name in special_day_model.objects.filter(year=calendar_year).values_list(
                    "date", "kind", "name"
                )
            }
            if have == wanted:
                result.unchanged.append(year)
                continue
            special_day_model.objects.filter(year=calendar_year).delete()
            calendar_year_model.objects.filter(pk=calendar_year.pk).update(
                revision=F("revision") + 1, updated_at=timezone.now()
            )
            result.updated.append(year)
        special_day_model.objects.bulk_create(
            special_day_model(year=calendar_year, date=date, kind=kind, name=name)
            for date, (kind, name) in wanted.items()
        )
    return result


@transaction.atomic
def seed_from_package() -> SeedResult:
    """Seed every year the package knows; safe to run again (``manage.py seed_calendar``)."""
    from gongkai.workcal.calendar import table_changed
    from gongkai.workcal.models import CalendarYear, SpecialDay

    result = seed(CalendarYear, SpecialDay)
    # Bulk writes send no signals; other processes notice the changed revisions.
    table_changed()
    return result
