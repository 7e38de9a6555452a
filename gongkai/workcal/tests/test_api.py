"""The public JSON API: a year's arrangement and a deadline, without login."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_known_year_lists_its_holidays_and_adjusted_workdays(client):
    response = client.get("/api/calendar/2026")
    assert response.status_code == 200
    body = response.json()
    assert body["year"] == 2026
    spring = next(h for h in body["holidays"] if h["name"] == "春节")
    assert spring == {"name": "春节", "first": "2026-02-15", "last": "2026-02-23", "days": 9}
    assert {"date": "2026-02-14", "name": "春节"} in body["workdays"]
    assert {"date": "2026-02-28", "name": "春节"} in body["workdays"]
    assert len(body["workdays"]) == 6
    assert {"date": "2026-10-07", "name": "国庆节"} in body["holiday_days"]


def test_an_unknown_year_is_a_404_naming_the_year(client, calendar_without):
    calendar_without(2027)
    response = client.get("/api/calendar/2027")
    assert response.status_code == 404
    assert response.json() == {"detail": "2027年的节假日安排尚未录入工作日历，无法计算工作日。", "year": 2027}


def test_twenty_working_days_from_mid_december_2025(client):
    response = client.get("/api/workdays", {"start": "2025-12-15", "days": 20})
    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["days"], body["date"]) == ("2025-12-15", 20, "2026-01-13")
    assert {"date": "2026-01-01", "reason": "元旦"} in body["skipped"]
    assert {"date": "2025-12-20", "reason": "周末"} in body["skipped"]
    assert len(body["skipped"]) == 9  # four weekends and 1–3 January
    assert body["adjusted_workdays"] == [{"date": "2026-01-04", "name": "元旦"}]


def test_a_deadline_running_into_an_unknown_year_is_a_400_naming_the_year(client, calendar_without):
    calendar_without(2027)
    response = client.get("/api/workdays", {"start": "2026-12-10", "days": 20})
    assert response.status_code == 400
    assert response.json()["year"] == 2027
    assert "2027年" in response.json()["detail"]


def test_a_negative_or_huge_number_of_days_is_rejected(client):
    assert client.get("/api/workdays", {"start": "2025-12-15", "days": -1}).status_code == 422
    assert client.get("/api/workdays", {"start": "2025-12-15", "days": 10000}).status_code == 422
    assert client.get("/api/workdays", {"start": "15.12.2025", "days": 1}).status_code == 422


def test_the_endpoints_are_documented_under_the_calendar_tag(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["paths"]["/api/calendar/{year}"]["get"]["tags"] == ["工作日历"]
    assert "/api/workdays" in schema["paths"]
