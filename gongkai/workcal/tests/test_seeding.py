"""The table seeded from chinese_calendar by the data migration and ``manage.py seed_calendar``."""

from __future__ import annotations

import datetime as dt
import io

import chinese_calendar
import pytest
from django.core.management import call_command

from gongkai.workcal import seed
from gongkai.workcal.calendar import is_working_day, known_years, skipped_days
from gongkai.workcal.models import CalendarSource, CalendarYear, DayKind, SpecialDay

pytestmark = pytest.mark.django_db


def test_a_fresh_database_knows_every_year_of_the_package_and_no_other():
    assert known_years() == list(seed.package_years())
    assert known_years()[:1] == [2004] and known_years()[-1] >= 2026  # a newer package may add years
    assert set(CalendarYear.objects.values_list("source", flat=True)) == {CalendarSource.PACKAGE}


def test_the_table_agrees_with_the_package_on_every_day_from_2004_to_2026():
    d, disagreements = dt.date(2004, 1, 1), []
    while d.year <= 2026:
        if is_working_day(d) != chinese_calendar.is_workday(d):
            disagreements.append(d)
        d += dt.timedelta(days=1)
    assert disagreements == []


def test_adjusted_workdays_are_all_weekend_days_and_every_name_is_chinese():
    assert all(
        d.weekday() >= 5
        for d in SpecialDay.objects.filter(kind=DayKind.WORKDAY).values_list("date", flat=True)
    )
    assert set(SpecialDay.objects.values_list("name", flat=True)) == set(seed.HOLIDAY_NAMES.values())


def test_a_weekend_day_inside_a_holiday_period_carries_the_holiday_name():
    # 端午节 2015: 6月20日至22日放假; the package lists the 20th and the 22nd but not Sunday the 21st.
    assert skipped_days(dt.date(2015, 6, 19), dt.date(2015, 6, 22)) == [
        (dt.date(2015, 6, 20), "端午节"),
        (dt.date(2015, 6, 21), "端午节"),
        (dt.date(2015, 6, 22), "端午节"),
    ]
    # An ordinary weekend next to a one-day holiday stays a weekend (劳动节 2015: 5月1日, Friday).
    assert skipped_days(dt.date(2015, 4, 30), dt.date(2015, 5, 3)) == [
        (dt.date(2015, 5, 1), "劳动节"),
        (dt.date(2015, 5, 2), "周末"),
        (dt.date(2015, 5, 3), "周末"),
    ]


def test_the_2015_victory_day_holiday_is_named_in_chinese():
    assert SpecialDay.objects.get(date=dt.date(2015, 9, 3)).name == "抗战胜利70周年纪念日"


def test_seeding_again_changes_nothing():
    ids_before = list(SpecialDay.objects.order_by("pk").values_list("pk", flat=True))
    revisions_before = list(CalendarYear.objects.order_by("pk").values_list("revision", flat=True))
    result = seed.seed_from_package()
    assert result.unchanged == list(seed.package_years())
    assert result.created == result.updated == result.skipped_manual == []
    assert list(SpecialDay.objects.order_by("pk").values_list("pk", flat=True)) == ids_before
    assert list(CalendarYear.objects.order_by("pk").values_list("revision", flat=True)) == revisions_before


def test_seeding_restores_a_package_year_that_differs_from_the_package():
    SpecialDay.objects.filter(date=dt.date(2026, 2, 16)).delete()
    CalendarYear.objects.filter(year=2010).delete()
    assert is_working_day(dt.date(2026, 2, 16))

    result = seed.seed_from_package()

    assert result.updated == [2026] and result.created == [2010]
    assert not is_working_day(dt.date(2026, 2, 16))
    assert 2010 in known_years()


def test_seeding_never_overwrites_a_year_the_office_corrected():
    year = CalendarYear.objects.get(year=2026)
    year.source = CalendarSource.MANUAL
    year.save()
    SpecialDay.objects.filter(date=dt.date(2026, 2, 16)).delete()

    result = seed.seed_from_package()

    assert result.skipped_manual == [2026]
    assert is_working_day(dt.date(2026, 2, 16))


def test_a_holiday_the_package_adds_without_a_chinese_name_stops_the_seeding(monkeypatch):
    monkeypatch.delitem(seed.HOLIDAY_NAMES, "Labour Day")
    with pytest.raises(ValueError, match="Labour Day"):
        seed.package_days(2025)


def test_the_seed_calendar_command_reports_what_it_did():
    CalendarYear.objects.filter(year=2004).delete()
    out = io.StringIO()
    call_command("seed_calendar", stdout=out)
    assert "新增：2004" in out.getvalue()
    years = seed.package_years()
    assert f"{years[0]}–{years[-1]}" in out.getvalue()


def test_the_models_have_no_missing_migrations():
    out = io.StringIO()
    # --check exits non-zero (SystemExit) when a migration is missing
    call_command("makemigrations", "workcal", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
