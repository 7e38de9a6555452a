"""The 政府采购 column: only projects with a public notice, the award only with its result notice,
filters by unit, year, type, method and notice kind, a project's page with its notices and amounts
as tables, and the open data with its schema."""

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from gongkai.procurement import actions
from gongkai.procurement.models import Method, NoticeKind, ProcurementType

pytestmark = pytest.mark.django_db
CST = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def portal(client, personas):
    """The anonymous portal, answering for the personas' district (the only one)."""
    return client


@pytest.fixture
def column(personas, make_project, with_result, publish):
    """A public result (JY-R), a project whose intention only is public (JY-I), one with a draft
    notice only (JY-D) and one with no notice (JY-N)."""
    with_result(code="JY-R", name="课桌椅采购", budget="1000000.00", contract="968000.00")
    intention = make_project(
        code="JY-I", name="校舍维修工程", type=ProcurementType.WORKS, method=Method.INQUIRY
    )
    publish(actions.draft_notice(intention, NoticeKind.INTENTION, actor=personas.editor))
    drafted = make_project(code="JY-D", name="草稿中的项目")
    actions.draft_notice(drafted, NoticeKind.INTENTION, actor=personas.editor)
    make_project(code="JY-N", name="没有公告的项目")


def test_the_column_lists_only_projects_with_a_public_notice(portal, column, today):
    page = portal.get(reverse("procurement:list")).content.decode()
    assert "课桌椅采购" in page and "校舍维修工程" in page
    assert "草稿中的项目" not in page and "没有公告的项目" not in page


def test_the_column_filters(portal, column, today):
    def names(**params):
        page = portal.get(reverse("procurement:list"), params).content.decode()
        return {n for n in ("课桌椅采购", "校舍维修工程") if n in page}

    assert names(type="works") == {"校舍维修工程"}
    assert names(method="open_tender") == {"课桌椅采购"}
    assert names(kind="result") == {"课桌椅采购"}
    assert names(kind="intention") == {"校舍维修工程"}
    assert names(year=2017) == set()
    assert names(q="课桌椅") == {"课桌椅采购"}


def test_the_year_figures_on_the_column_are_computed_from_the_public_records(portal, column, today):
    page = portal.get(reverse("procurement:list"), {"year": 2018}).content.decode()
    assert "2018年政府采购情况" in page
    # the public result: 100.00 万元 budget, 96.80 contract, 3.20 saved, 3.20 %
    assert "96.80" in page and "3.20%" in page


def test_a_projects_page_shows_its_notices_and_amounts_as_tables(portal, column, today):
    page = portal.get(reverse("procurement:detail", args=["JY-R"])).content.decode()
    assert "<table" in page and "968,000.00" in page and "32,000.00" in page and "3.20%" in page
    assert "中标（成交）结果公告" in page and "按时公开" in page
    assert "郴州市某某教学设备有限公司" in page


def test_the_award_is_not_public_before_its_result_notice(
    portal, personas, make_project, awarded, publish, today
):
    project = make_project(code="JY-X", name="未公开结果的项目")
    project = actions.start_procurement(project, actor=personas.editor, started_on=dt.date(2018, 6, 1))
    publish(actions.draft_notice(project, NoticeKind.TENDER, actor=personas.editor))
    actions.award(
        project,
        actor=personas.editor,
        supplier_name="郴州市某某教学设备有限公司",
        contract_amount="900000.00",
        supplier_chosen_on=dt.date(2018, 7, 2),
    )
    page = portal.get(reverse("procurement:detail", args=["JY-X"])).content.decode()
    assert "未公开结果的项目" in page
    assert "900,000.00" not in page and "郴州市某某教学设备有限公司" not in page
    data = json.loads(portal.get(reverse("procurement:export_json")).content)
    (row,) = [r for r in data["projects"] if r["code"] == "JY-X"]
    assert row["contract_amount"] is None and row["supplier"] is None


def test_a_project_without_a_public_notice_has_no_page(portal, column, today):
    for code in ("JY-D", "JY-N", "nope"):
        assert portal.get(reverse("procurement:detail", args=[code])).status_code == 404


def test_a_late_result_notice_is_flagged_with_its_working_days(portal, with_result, today):
    # chosen Monday 2 July 2018: due Wednesday 4 July; published Monday 9 July = 3 working days late
    with_result(code="JY-L", chosen=dt.date(2018, 7, 2), published=dt.datetime(2018, 7, 9, 10, tzinfo=CST))
    page = portal.get(reverse("procurement:detail", args=["JY-L"])).content.decode()
    assert "逾期公开 3 个工作日" in page


def test_the_open_data_follows_its_schema(portal, column, today):
    schema = json.loads(portal.get(reverse("procurement:schema")).content)
    names = [f["name"] for f in schema["fields"]]
    text = portal.get(reverse("procurement:export_csv")).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == names
    assert {r["code"] for r in rows} == {"JY-R", "JY-I"}
    result = next(r for r in rows if r["code"] == "JY-R")
    assert (result["budget"], result["contract_amount"], result["savings"], result["savings_rate"]) == (
        "1000000.00",
        "968000.00",
        "32000.00",
        "3.20",
    )
    assert result["result_late_working_days"] == "0"
    data = json.loads(portal.get(reverse("procurement:export_json"), {"type": "works"}).content)
    assert data["count"] == 1 and data["projects"][0]["code"] == "JY-I"
    assert set(data["projects"][0]) == set(names)
    required = {f["name"] for f in schema["fields"] if f["constraints"]["required"]}
    for record in data["projects"]:
        assert all(record[name] not in (None, "") for name in required)
    assert portal.get(reverse("procurement:data")).status_code == 200
