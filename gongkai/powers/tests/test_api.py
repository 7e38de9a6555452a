"""The stable interface: /api/powers and /api/powers/changes, their JSON, and errors in Chinese."""

import datetime as dt

import pytest

from gongkai.powers import actions
from gongkai.powers.models import ChangeKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(personas, listed, make_document, add_power, publish):
    document = make_document("教发〔2018〕10号", issued_on=dt.date(2018, 4, 20))
    actions.record_change(document, actor=personas.editor, code="JY-001", kind=ChangeKind.CANCEL)
    actions.record_change(
        document, actor=personas.editor, code="JY-002", kind=ChangeKind.PARTIAL_CANCEL, note="取消其中一项"
    )
    add_power(document, "JY-004", "校外培训机构设立审批", kind=ChangeKind.ADD)
    add_power(document, "JY-005", "承接的权力", kind=ChangeKind.TAKE_OVER, organisation=personas.budget_unit)
    return publish(document)


def test_the_list_as_of_a_day_in_the_stable_shape(client, personas, changed):
    data = client.get("/api/powers", {"as_of": "2018-04-19"}).json()
    assert [p["code"] for p in data] == ["JY-001", "JY-002", "JY-003"]
    assert data[0] == {
        "code": "JY-001",
        "name": "权力JY-001",
        "type": "行政许可",
        "basis": "《中华人民共和国民办教育促进法》第十二条",
        "organisation": personas.department.code,
        "status": "保留",
    }
    after = {p["code"]: p["status"] for p in client.get("/api/powers", {"as_of": "2018-04-20"}).json()}
    assert after == {"JY-002": "部分取消", "JY-003": "保留", "JY-004": "新增", "JY-005": "承接"}


def test_today_is_the_default_day(client, changed):
    assert len(client.get("/api/powers").json()) == 4


def test_an_organisation_takes_in_the_units_below_it(client, personas, changed):
    unit = client.get("/api/powers", {"organisation": personas.budget_unit.code}).json()
    assert [p["code"] for p in unit] == ["JY-005"]
    department = client.get("/api/powers", {"organisation": personas.department.code}).json()
    assert len(department) == 4
    assert client.get("/api/powers", {"organisation": personas.other_department.code}).json() == []


@pytest.mark.parametrize("as_of", ["2018-13-01", "昨天", "2018/04/20"])
def test_a_bad_date_is_a_400_in_chinese(client, changed, as_of):
    response = client.get("/api/powers", {"as_of": as_of})
    assert response.status_code == 400 and "日期格式" in response.json()["detail"]


def test_an_unknown_organisation_is_a_404_in_chinese(client, changed):
    response = client.get("/api/powers", {"organisation": "91430000MA4L000000"})
    assert response.status_code == 404 and "本区没有代码为" in response.json()["detail"]


def test_changes_per_kind_in_a_year(client, changed):
    data = client.get("/api/powers/changes", {"year": "2018"}).json()
    assert data == {
        "year": 2018,
        "counts": {"baseline": 0, "add": 1, "take_over": 1, "adjust": 0, "partial_cancel": 1, "cancel": 1},
    }
    assert client.get("/api/powers/changes", {"year": "2016"}).json()["counts"]["baseline"] == 3


@pytest.mark.parametrize("year", ["二〇一八", "18.5", "99999"])
def test_a_bad_year_is_a_400_in_chinese(client, changed, year):
    response = client.get("/api/powers/changes", {"year": year})
    assert response.status_code == 400 and "年份" in response.json()["detail"]


def test_drafts_are_not_in_the_api(client, personas, changed, make_document, add_power):
    draft = make_document("教发〔2019〕1号", issued_on=dt.date(2019, 1, 1))
    add_power(draft, "JY-009", kind=ChangeKind.ADD)
    assert "JY-009" not in {p["code"] for p in client.get("/api/powers").json()}
    assert client.get("/api/powers/changes", {"year": "2019"}).json()["counts"]["add"] == 0


def test_without_a_district_the_api_says_so(client, db):
    response = client.get("/api/powers")
    assert response.status_code == 404 and response.json()["detail"] == "本站尚未配置区。"


def test_the_openapi_document_describes_both_endpoints(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/powers" in paths and "/api/powers/changes" in paths
