"""GET /api/procurement/summary: the year's figures computed from the public records, in total and
per type; a bad parameter is a 400 in Chinese."""

import datetime as dt

import pytest

from gongkai.procurement.models import Method, ProcurementType

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2018(with_result, make_project):
    with_result(budget="1000000.00", contract="968000.00")  # goods, open tender: 32,000 saved
    with_result(
        budget="300000.00", contract="291000.00", type=ProcurementType.SERVICES, method=Method.INQUIRY
    )
    with_result(
        budget="250000.00",
        contract="250000.00",
        type=ProcurementType.WORKS,
        method=Method.SINGLE_SOURCE,
        started=dt.date(2018, 3, 1),
        chosen=dt.date(2018, 3, 20),
    )
    with_result(budget="100000.00", contract="90000.00", year=2017)


def test_the_summary_of_a_year(client, year_2018, today):
    data = client.get("/api/procurement/summary", {"year": 2018}).json()
    assert (data["projects"], data["contracted"]) == (3, 3)
    assert data["budget_wan"] == 155.0 and data["contract_wan"] == 150.9 and data["savings_wan"] == 4.1
    # 41,000 ÷ 1,550,000 = 2.645… %
    assert data["savings_rate"] == 2.65
    assert data["by_type"]["goods"]["savings_rate"] == 3.2
    assert data["by_type"]["services"] == {
        "projects": 1,
        "contracted": 1,
        "budget_wan": 30.0,
        "contract_wan": 29.1,
        "savings_wan": 0.9,
        "planned_budget_wan": 30.0,
        "savings_rate": 3.0,
    }
    assert data["by_type"]["works"]["savings_rate"] == 0.0


def test_the_summary_of_one_method(client, year_2018, today):
    data = client.get("/api/procurement/summary", {"year": 2018, "method": "inquiry"}).json()
    assert (data["projects"], data["budget_wan"], data["contract_wan"], data["savings_rate"]) == (
        1,
        30.0,
        29.1,
        3.0,
    )
    assert data["by_type"]["goods"]["projects"] == 0 and data["by_type"]["goods"]["savings_rate"] is None


@pytest.mark.parametrize(
    "params, word",
    [
        ({"year": "abc"}, "年份"),
        ({"year": 2018, "method": "lottery"}, "采购方式"),
        ({"type": "food"}, "采购类别"),
    ],
)
def test_a_bad_parameter_is_refused_in_chinese(client, personas, params, word):
    response = client.get("/api/procurement/summary", params)
    assert response.status_code == 400 and word in response.json()["detail"]
