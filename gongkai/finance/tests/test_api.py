"""The stable interface: /api/budgets/completeness and /api/fees/summary, their JSON, errors in Chinese."""

import datetime as dt

import pytest

from gongkai.finance import actions
from gongkai.finance.models import Kind

pytestmark = pytest.mark.django_db


def test_completeness_in_the_stable_shape(client, personas, frozen, make_disclosure, filled, publish):
    publish(filled(make_disclosure(kind=Kind.BUDGET, fiscal_year=2018, approved_on=dt.date(2018, 5, 20))))
    data = client.get("/api/budgets/completeness", {"year": "2018"}).json()
    assert data["year"] == 2018
    assert data["totals"] == {
        "units": 2,
        "complete": 0,
        "late": 1,
        "published": {"budget": 1, "final": 0, "three_public_budget": 0, "three_public_final": 0},
    }
    district, unit = data["units"]
    assert district["level"] == "government" and district["budget"]["state"] == "missing"
    assert unit["code"] == personas.budget_unit.code and unit["name"] == personas.budget_unit.name
    assert unit["budget"] == {
        "fiscal_year": 2018,
        "state": "published",
        "approved_on": "2018-05-20",
        "published_on": "2018-06-20",
        "due_on": "2018-06-09",
        "days_late": 11,
    }
    assert unit["final"]["fiscal_year"] == 2017 and unit["final"]["state"] == "missing"


@pytest.mark.parametrize("year", ["abc", "1800", "20189"])
def test_a_bad_year_is_a_400_in_chinese(client, personas, year):
    response = client.get("/api/budgets/completeness", {"year": year})
    assert response.status_code == 400 and "年份" in response.json()["detail"]


def test_fees_summary(client, personas, frozen):
    item = actions.create_fee_item(
        actor=personas.editor,
        organisation=personas.department,
        name="体检费",
        basis="依据",
        standard="80元",
        from_year=2016,
    )
    actions.record_collection(item, actor=personas.editor, year=2017, amount_yuan="56789.01")
    data = client.get("/api/fees/summary", {"year": 2017}).json()
    assert data == {
        "year": 2017,
        "items": 1,
        "items_previous_year": 1,
        "added": 0,
        "stopped": 0,
        "collected_wan": "5.68",
    }
