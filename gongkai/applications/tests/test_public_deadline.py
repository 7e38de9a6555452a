"""The public deadline calculator: the page and GET /api/deadline (a stable interface)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from gongkai.applications import deadlines

pytestmark = pytest.mark.django_db

API = "/api/deadline"
PAGE = "/apply/deadline/"


def test_the_api_answers_what_the_calculator_computes(client):
    response = client.get(API, {"received": "2025-09-25"})
    assert response.status_code == 200
    expected = deadlines.calculator(dt.date(2025, 9, 25))
    assert response.json() == {
        "received": "2025-09-25",
        "due": expected.due.isoformat(),
        "extended_due": expected.extended_due.isoformat(),
        "skipped": [{"date": d.isoformat(), "reason": r} for d, r in expected.skipped],
    }
    assert response.json()["due"] == "2025-10-29"
    assert {"date": "2025-10-01", "reason": "国庆节"} in response.json()["skipped"]


def test_a_december_2026_date_needs_2027_and_the_error_names_the_year_with_provisional_dates(
    client, calendar_without
):
    calendar_without(2027)
    response = client.get(API, {"received": "2026-12-15"})
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    # 12/16–18(3) 12/21–25(8) 12/28–31(12), 元旦 Fri 1/1, 1/4–8(17) 1/11–13(20); then 20 more.
    assert response.json() == {
        "detail": "2027年的节假日安排尚未录入工作日历，无法计算工作日。",
        "year": 2027,
        "provisional": {
            "due": "2027-01-13",
            "extended_due": "2027-02-16",  # 除夕 Fri 2/5 to 初三 Mon 2/8, 补假 Tue 2/9 and Wed 2/10
            "earliest_due": "2027-01-09",  # every weekend near 元旦 and 春节 may be worked
            "earliest_extended_due": "2027-01-29",
            "basis": "statutory_holidays_and_weekends",
            "note": "暂按法定节假日和周末计算，2027年节假日安排公布后确定，可能前后相差一两天",
        },
    }


def test_the_api_answers_definitively_once_the_year_is_entered(client, calendar_without):
    from gongkai.workcal.models import CalendarYear

    calendar_without(2027)
    CalendarYear.objects.create(year=2027)  # an (odd) year with no holiday at all
    response = client.get(API, {"received": "2026-12-15"})
    assert response.status_code == 200
    assert response.json()["due"] == "2027-01-12"


@pytest.mark.parametrize("value", ["15.12.2025", "2025-13-01", "2025-02-30", "", "yesterday", "20250609"])
def test_a_bad_date_gets_a_chinese_json_error(client, value):
    response = client.get(API, {"received": value})
    assert 400 <= response.status_code < 500
    detail = response.json()["detail"]
    assert isinstance(detail, str) and "日期" in detail


def test_a_missing_date_is_a_client_error(client):
    assert 400 <= client.get(API).status_code < 500


def test_the_api_is_documented_under_its_tag(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/deadline"]["get"]
    assert operation["tags"] == ["依申请公开"]
    assert {p["name"] for p in operation["parameters"]} == {"received"}


@examples(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=40))
def test_the_api_never_fails_on_any_input(client, value):
    assert client.get(API, {"received": value}).status_code < 500


def test_the_calculator_page_shows_the_due_dates_and_the_holidays_skipped(client, personas):
    response = client.get(PAGE, {"received": "2025-09-25"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2025年10月29日" in html and "2025年11月26日" in html
    assert "国庆节、中秋节" in html and "10月1日—10月8日" in html


def test_the_calculator_page_starts_with_today(client, personas):
    html = client.get(PAGE).content.decode()
    assert 'type="date"' in html and "计算结果" not in html


def test_the_calculator_page_gives_a_provisional_date_and_says_which_year_is_missing(
    client, personas, calendar_without
):
    calendar_without(2027)
    html = client.get(PAGE, {"received": "2026-12-15"}).content.decode()
    assert "自收到申请之日起20个工作日内答复；如需延长，最长不超过20个工作日" in html
    assert "答复期限（暂定）" in html and "2027年1月13日" in html
    assert "暂按法定节假日和周末计算，2027年节假日安排公布后确定，可能前后相差一两天" in html


@pytest.mark.parametrize("value", ["nonsense", "9999-12-31", "0001-01-01"])
def test_the_calculator_page_refuses_bad_dates_in_chinese(client, personas, value):
    response = client.get(PAGE, {"received": value})
    assert response.status_code == 200
    assert "计算结果" not in response.content.decode()
