"""The workbench pages: the list and its filters, entering a project (bad input loses nothing),
a project's page with its steps, and the XLSX export."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.procurement.models import Method, ProcurementType, Project, ProjectState

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_unit_year_type_method_and_state(client, personas, make_project, awarded):
    make_project(name="课桌椅采购", type=ProcurementType.GOODS)
    make_project(name="校舍维修工程", type=ProcurementType.WORKS, method=Method.COMPETITIVE_CONSULTATION)
    make_project(name="二〇一七年项目", year=2017)
    awarded(name="已定标项目")
    make_project(name="一中物业服务", organisation=personas.budget_unit, type=ProcurementType.SERVICES)
    client.force_login(personas.editor)
    url = reverse("procurement_staff:list")

    def names(**params):
        page = client.get(url, params).content.decode()
        return {
            n
            for n in ("课桌椅采购", "校舍维修工程", "二〇一七年项目", "已定标项目", "一中物业服务")
            if n in page
        }

    assert names() == {"课桌椅采购", "校舍维修工程", "二〇一七年项目", "已定标项目", "一中物业服务"}
    assert names(type="works") == {"校舍维修工程"}
    assert names(method="competitive_consultation") == {"校舍维修工程"}
    assert names(year=2017) == {"二〇一七年项目"}
    assert names(state=ProjectState.AWARDED) == {"已定标项目"}
    assert names(organisation=personas.budget_unit.pk) == {"一中物业服务"}
    assert names(q="维修") == {"校舍维修工程"}


def test_the_list_shows_totals_computed_from_the_records(client, personas, awarded):
    awarded(budget="1000000.00", contract="968000.00")
    awarded(budget="500000.00", contract="500000.00")
    client.force_login(personas.editor)
    page = client.get(reverse("procurement_staff:list")).content.decode()
    # 32,000 saved of 1,500,000: 2.13 %
    assert "150.00" in page and "146.80" in page and "3.20" in page and "2.13%" in page


def test_the_list_asks_a_bounded_number_of_queries(
    client, personas, make_project, django_assert_max_num_queries
):
    for _n in range(12):
        make_project()
    client.force_login(personas.editor)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("procurement_staff:list")).status_code == 200


def test_entering_a_project_with_bad_input_keeps_what_was_typed(client, personas, today):
    client.force_login(personas.editor)
    data = {
        "organisation": personas.department.pk,
        "code": "JY-CG-100",
        "name": "实验室设备采购",
        "year": "2018",
        "type": "goods",
        "method": "open_tender",
        "budget": "12.345",
        "requirements": "显微镜 40 台",
        "planned_start_on": "2018-08-01",
    }
    response = client.post(reverse("procurement_staff:new"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "最多保留两位小数" in page
    assert "实验室设备采购" in page and "显微镜 40 台" in page and "JY-CG-100" in page
    assert not Project.objects.exists()
    response = client.post(reverse("procurement_staff:new"), {**data, "budget": "1,200,000"})
    project = Project.objects.get(code="JY-CG-100")
    assert response.status_code == 302 and str(project.budget) == "1200000.00"


def test_a_project_is_taken_through_its_steps_on_its_page(client, personas, make_project):
    project = make_project(budget="800000.00")
    client.force_login(personas.editor)
    url = reverse("procurement_staff:project", args=[project.pk])
    page = client.get(url).content.decode()
    assert "开始采购" in page and "起草采购意向公开" in page
    step = lambda verb: reverse("procurement_staff:step", args=[project.pk, verb])  # noqa: E731
    assert client.post(step("start"), {"start-started_on": "2018-06-01"}).status_code == 302
    bad = client.post(
        step("award"),
        {
            "award-supplier_name": "某公司",
            "award-contract_amount": "900000",
            "award-supplier_chosen_on": "2018-06-20",
        },
    )
    assert bad.status_code == 400 and "超出预算" in bad.content.decode() and "某公司" in bad.content.decode()
    ok = client.post(
        step("award"),
        {
            "award-supplier_name": "某公司",
            "award-contract_amount": "776000",
            "award-supplier_chosen_on": "2018-06-20",
        },
    )
    assert ok.status_code == 302
    page = client.get(url).content.decode()
    assert "24,000.00" in page and "3.00%" in page and "起草结果公告" in page
    assert client.post(reverse("procurement_staff:draft", args=[project.pk, "result"])).status_code == 302
    assert project.notices.filter(kind="result").exists()


def test_the_export_is_a_workbook_of_the_filtered_list(client, personas, awarded, make_project):
    awarded(name="定标项目", budget="1000000.00", contract="950000.00")
    make_project(name="工程项目", type=ProcurementType.WORKS)
    client.force_login(personas.editor)
    response = client.get(reverse("procurement_staff:export"), {"type": "goods"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("项目编号", "项目名称", "采购单位")
    assert [r[1] for r in rows[1:]] == ["定标项目"]
    assert rows[1][10] == 50000 and float(rows[1][11]) == 5.0


def test_dates_in_the_forms_show_the_documents_day(client, personas, make_project):
    project = make_project(planned_start_on=dt.date(2018, 9, 3))
    client.force_login(personas.editor)
    page = client.get(reverse("procurement_staff:edit", args=[project.pk])).content.decode()
    assert 'value="2018-09-03"' in page
