"""Correcting a known year in the system configuration (Django admin)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.accounts.models import User
from gongkai.audit.models import AuditEvent
from gongkai.workcal.calendar import is_working_day
from gongkai.workcal.models import CalendarSource, CalendarYear

pytestmark = pytest.mark.django_db


def change_form(year: CalendarYear) -> dict[str, str]:
    days = list(year.days.order_by("date"))
    data = {
        "year": str(year.year),
        "source": year.source,
        "note": year.note,
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": str(len(days)),
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, day in enumerate(days):
        data |= {
            f"days-{i}-id": str(day.pk),
            f"days-{i}-year": str(year.pk),
            f"days-{i}-date": day.date.isoformat(),
            f"days-{i}-kind": day.kind,
            f"days-{i}-name": day.name,
        }
    return data


@pytest.fixture
def sysadmin(db):
    # The admin is open to superusers only (gongkai/urls.py); district staff use the workbench.
    return User.objects.create_superuser("root", password="not-used-in-tests")


def test_correcting_a_day_of_a_package_year_makes_it_an_office_year_and_is_audited(client, sysadmin):
    client.force_login(sysadmin)
    year = CalendarYear.objects.get(year=2026)
    data = change_form(year)
    # Remove the holiday of Monday 23 February 2026 (the last day of 春节).
    index = next(i for i in range(33) if data[f"days-{i}-date"] == "2026-02-23")
    data[f"days-{index}-DELETE"] = "on"
    assert not is_working_day(dt.date(2026, 2, 23))

    response = client.post(f"/admin/workcal/calendaryear/{year.pk}/change/", data)

    assert response.status_code == 302
    assert response["Location"] == "/admin/workcal/calendaryear/"
    assert is_working_day(dt.date(2026, 2, 23))
    year.refresh_from_db()
    assert year.source == CalendarSource.MANUAL
    event = AuditEvent.objects.get(action="calendar.year_update")
    assert event.changes["source"] == ["package", "manual"]
    assert event.changes["days"][1] == ["删除 2026-02-23 holiday 春节"]
