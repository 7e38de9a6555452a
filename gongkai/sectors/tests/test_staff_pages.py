"""The workbench pages, as the department and the office use them: the form keeps what was typed
when a value is wrong, the checks show with their explanation form, the completeness board, the
indicator catalog, and the XLSX form round trip."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.sectors.models import Entry, ReportState

pytestmark = pytest.mark.django_db


def test_a_bad_value_on_the_form_is_named_and_everything_typed_stays(client, personas, catalog, report):
    client.force_login(personas.editor)
    data = {
        f"value_{catalog['schools'].pk}": "一千二",
        f"value_{catalog['land.total'].pk}": "8.04",
        f"note_{catalog['land.total'].pk}": "农经年报",
    }
    response = client.post(reverse("sectors_staff:report", args=[report.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "随迁子女入学：“一千二”不是数字。" in page
    assert 'value="一千二"' in page and 'value="8.04"' in page and 'value="农经年报"' in page
    assert not Entry.objects.filter(report=report).exists()


def test_saving_and_submitting_from_the_form_shows_the_land_check_until_explained(
    client, personas, catalog, report, fill
):
    client.force_login(personas.editor)
    fill(report)
    url = reverse("sectors_staff:report", args=[report.pk])
    page = client.get(url).content.decode()
    assert "合计 7.95万亩" in page and "记录说明" in page
    response = client.post(reverse("sectors_staff:submit", args=[report.pk]), follow=True)
    assert "尚不能报送" in response.content.decode()
    client.post(
        reverse("sectors_staff:explain", args=[report.pk]),
        {
            "indicator": catalog["land.total"].pk,
            "kind": "parts_sum",
            "text": "各分项四舍五入，统计口径不同。",
        },
    )
    client.post(reverse("sectors_staff:submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    client.force_login(personas.leader)
    assert "确认" in client.get(url).content.decode()
    client.post(reverse("sectors_staff:confirm", args=[report.pk]))
    report.refresh_from_db()
    assert report.state == ReportState.CONFIRMED


def test_the_xlsx_form_filled_in_and_imported_twice_changes_nothing_the_second_time(
    client, personas, catalog, report
):
    client.force_login(personas.editor)
    response = client.get(reverse("sectors_staff:form_xlsx", args=[report.pk]))
    book = load_workbook(BytesIO(response.content))
    sheet = book.active
    assert [c.value for c in sheet[2]][:6] == [
        "指标代码",
        "指标名称",
        "计量单位",
        "小数位数",
        "上年数值",
        "本年数值",
    ]
    values = {
        "land.total": 7.95,
        "land.farmer": 3.928,
        "land.coop": 1.509,
        "land.enterprise": 1.835,
        "land.other": 0.678,
        "share": 100,
        "schools": 1268,
    }
    for row in sheet.iter_rows(min_row=3):
        row[5].value = values[row[0].value]
    buffer = BytesIO()
    book.save(buffer)
    for _time in range(2):
        buffer.seek(0)
        buffer.name = "填报表.xlsx"
        response = client.post(
            reverse("sectors_staff:import", args=[report.pk]), {"file": buffer}, follow=True
        )
    assert "更新 0 项，7 项与表中相同" in response.content.decode()
    assert Entry.objects.get(report=report, indicator=catalog["land.farmer"]).value == Decimal("3.928")


def test_a_bad_row_in_the_sheet_is_reported_and_nothing_is_imported(client, personas, catalog, report):
    from openpyxl import Workbook

    client.force_login(personas.editor)
    book = Workbook()
    book.active.append(["指标代码", "本年数值"])
    book.active.append(["schools", 1268])
    book.active.append(["land.farmer", "3.92811"])
    book.active.append(["nope", 1])
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "bad.xlsx"
    page = client.post(reverse("sectors_staff:import", args=[report.pk]), {"file": buffer}).content.decode()
    assert "最多保留3位小数" in page and "没有指标“nope”" in page
    assert not Entry.objects.filter(report=report).exists()


def test_the_completeness_board_shows_who_has_reported(client, personas, catalog, confirmed):
    client.force_login(personas.coordinator)
    page = client.get(reverse("sectors_staff:completeness") + "?year=2018").content.decode()
    assert personas.department.name in page and "已确认" in page and "7 / 7" in page


def test_the_office_installs_the_standard_catalog_and_edits_an_indicator(client, personas):
    client.force_login(personas.coordinator)
    client.post(reverse("sectors_staff:install"))
    # the test district's departments are not named as the demo's: nothing to install against
    page = client.get(reverse("sectors_staff:indicators")).content.decode()
    assert "还没有指标" in page
    response = client.post(
        reverse("sectors_staff:indicator_new"),
        {
            "code": "BAD CODE",
            "name": "x",
            "unit": "人",
            "decimals": 0,
            "sector": "education",
            "organisation": personas.department.pk,
        },
    )
    assert "指标代码由小写字母" in response.content.decode()


def test_the_lists_need_few_queries(client, personas, catalog, confirmed, django_assert_max_num_queries):
    client.force_login(personas.coordinator)
    with django_assert_max_num_queries(25):
        client.get(reverse("sectors_staff:list"))
    with django_assert_max_num_queries(30):
        client.get(reverse("sectors_staff:report", args=[confirmed.pk]))
