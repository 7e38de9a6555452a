"""Importing a sheet of projects: idempotent (the same sheet twice adds nothing), all or nothing,
and a bad row reported with its row number and reason."""

import io

import pytest
from openpyxl import Workbook

from gongkai.audit.models import AuditEvent
from gongkai.procurement import actions, importer
from gongkai.procurement.models import Project

pytestmark = pytest.mark.django_db


def sheet(*rows, header=None) -> io.BytesIO:
    book = Workbook()
    ws = book.active
    ws.append(header or importer.HEADERS)
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def row(code="BH-001", name="课桌椅采购", org="测试区教育局", budget=1280000, **kw):
    return [
        code,
        name,
        org,
        kw.get("year", 2018),
        kw.get("type", "货物"),
        kw.get("method", "公开招标"),
        budget,
        kw.get("requirements", "课桌椅 2000 套"),
        kw.get("start", "2018-05-10"),
    ]


def test_the_same_sheet_twice_adds_nothing(personas, today):
    upload = sheet(row(), row("BH-002", "校服采购", budget="356000.50", method="询价"))
    report = actions.import_projects(upload, actor=personas.editor, district=personas.district, name="a.xlsx")
    assert report.ok and report.created == 2
    assert str(Project.objects.get(code="BH-002").budget) == "356000.50"
    again = actions.import_projects(
        sheet(row(), row("BH-002", "校服采购", budget="356000.50", method="询价")),
        actor=personas.editor,
        district=personas.district,
    )
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Project.objects.count() == 2
    assert AuditEvent.objects.filter(action="procurement.import").count() == 1


def test_a_changed_row_updates_the_planned_project(personas, today):
    actions.import_projects(sheet(row()), actor=personas.editor, district=personas.district)
    report = actions.import_projects(
        sheet(row(budget=1300000)), actor=personas.editor, district=personas.district
    )
    assert report.updated == 1
    assert str(Project.objects.get(code="BH-001").budget) == "1300000.00"


def test_a_bad_row_is_reported_and_nothing_is_written(personas, today):
    upload = sheet(
        row(),
        row("BH-002", budget="十万", type="食品"),
        row("BH-003", org="不存在的单位"),
        row("BH-001", "重复"),
    )
    report = actions.import_projects(upload, actor=personas.editor, district=personas.district)
    assert not report.ok and not Project.objects.exists()
    problems = {r.number: "；".join(r.errors) for r in report.bad_rows}
    assert "【预算金额（元）】应为金额" in problems[3] and "【采购类别】可选值" in problems[3]
    assert "本区没有“不存在的单位”" in problems[4]
    assert "与第2行重复" in problems[5]


def test_a_row_for_another_department_is_refused_for_the_outsider(personas, today):
    report = actions.import_projects(sheet(row()), actor=personas.outsider, district=personas.district)
    assert [r.errors for r in report.bad_rows] == [["无权登记该采购单位的项目。"]]
    assert not Project.objects.exists()


def test_a_sheet_without_the_header_or_a_file_that_is_not_a_workbook_is_refused(personas, today):
    report = actions.import_projects(
        sheet(row(), header=["编号"]), actor=personas.editor, district=personas.district
    )
    assert "表头缺少列" in report.problems[0]
    report = actions.import_projects(
        io.BytesIO(b"not a workbook"), actor=personas.editor, district=personas.district
    )
    assert "无法读取" in report.problems[0]


def test_the_template_reads_back(personas, today):
    report = importer.read(io.BytesIO(importer.template_workbook()), personas.district)
    (first,) = report.rows
    assert first.values["code"] == "BHCG-2018-001" and str(first.values["budget"]) == "1280000.00"
    assert first.values["method"] == "open_tender" and first.values["type"] == "goods"
