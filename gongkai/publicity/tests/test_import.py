"""Importing a list's sheet: all or nothing, bad rows reported by row number and reason, and the
same sheet twice adds nothing."""

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.publicity import actions, importer
from gongkai.publicity.kinds import Kind
from gongkai.publicity.models import Entry

pytestmark = pytest.mark.django_db


def _rows(kind, households):
    cols = importer.columns(kind)
    return [c.header for c in cols], [
        {c.header: str(h[c.attr]) if h.get(c.attr) is not None else "" for c in cols} for h in households
    ]


def test_importing_the_same_sheet_twice_adds_nothing(make_list, household, sheet, personas):
    publicity = make_list()
    headers, rows = _rows(Kind.URBAN_DIBAO, [household() for _ in range(6)])
    first = actions.import_entries(publicity, sheet(headers, rows), actor=personas.editor)
    assert (first.ok, first.created, first.unchanged) == (True, 6, 0)
    again = actions.import_entries(publicity, sheet(headers, rows), actor=personas.editor)
    assert (again.ok, again.created, again.unchanged) == (True, 0, 6)
    assert Entry.objects.filter(publicity=publicity).count() == 6
    assert AuditEvent.objects.filter(action="publicity.import").count() == 1


def test_a_bad_row_is_reported_with_its_row_number_and_nothing_is_imported(make_list, household, sheet, personas):
    publicity = make_list()
    good = household()
    bad_id = household(id_number="43100219800101123X")  # the check digit of this number is not X
    bad_people = household(people="两")
    bad_category = household(category="D类")
    headers, rows = _rows(Kind.URBAN_DIBAO, [good, bad_id, bad_people, bad_category, {**household(), "id_number": good["id_number"]}])
    report = actions.import_entries(publicity, sheet(headers, rows), actor=personas.editor)
    assert not report.ok
    problems = {row.number: "；".join(row.errors) for row in report.bad_rows}
    assert set(problems) == {3, 4, 5, 6}
    assert "【身份证号码】" in problems[3] and "校验位" in problems[3]
    assert "【保障人数】应为整数" in problems[4]
    assert "【保障类别】可选值：A类、B类、C类" in problems[5]
    assert "与第2行重复" in problems[6]
    assert not Entry.objects.exists()


def test_a_person_already_listed_with_other_values_is_a_bad_row(make_list, household, sheet, personas):
    publicity = make_list()
    values = household(people=2)
    actions.add_entry(publicity, actor=personas.editor, **values)
    headers, rows = _rows(Kind.URBAN_DIBAO, [{**values, "people": 3}, household()])
    report = actions.import_entries(publicity, sheet(headers, rows), actor=personas.editor)
    assert [r.number for r in report.bad_rows] == [2]
    assert "内容与本行不同" in report.bad_rows[0].errors[0]
    assert Entry.objects.filter(publicity=publicity).count() == 1


def test_a_sheet_without_the_kinds_columns_is_refused_as_a_whole(make_list, sheet, personas):
    report = actions.import_entries(make_list(), sheet(["姓名", "金额"], [{"姓名": "张三"}]), actor=personas.editor)
    assert report.problems and "表头缺少列" in report.problems[0] and "身份证号码" in report.problems[0]


def test_each_kind_has_a_template_that_reads_back_as_its_columns(personas, client):
    client.force_login(personas.editor)
    for kind in (Kind.URBAN_DIBAO, Kind.PUBLIC_RENTAL, Kind.RENOVATION_CENTRAL):
        response = client.get(reverse("publicity_staff:template", args=[kind]))
        assert response.status_code == 200
        from io import BytesIO

        from openpyxl import load_workbook

        book = load_workbook(BytesIO(response.content))
        assert [c.value for c in book.active[1]] == [c.header for c in importer.columns(kind)]
        assert book.sheetnames[1] == "填写说明"


def test_the_import_page_shows_each_bad_row(make_list, household, sheet, personas, client):
    publicity = make_list()
    headers, rows = _rows(Kind.URBAN_DIBAO, [household(), household(people="0")])
    client.force_login(personas.editor)
    upload = sheet(headers, rows)
    response = client.post(reverse("publicity_staff:import", args=[publicity.pk]), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "未导入任何内容" in page and "【保障人数】应在1到30之间" in page
    assert not Entry.objects.exists()
