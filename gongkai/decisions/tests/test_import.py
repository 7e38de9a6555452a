"""Importing a sheet: the template imports as it is, the same sheet twice adds nothing, a row
corrected before release is updated, and a bad row is reported with its reasons — nothing written."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from gongkai.decisions import actions, importer
from gongkai.decisions.models import Decision, DecisionState, PartyType

pytestmark = pytest.mark.django_db


def _sheet(rows: list[dict]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(importer.HEADERS)
    for row in rows:
        sheet.append([row.get(header, "") for header in importer.HEADERS])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def _template_rows() -> list[dict]:
    sheet = load_workbook(io.BytesIO(importer.template_workbook())).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_template_imports_and_importing_it_again_adds_nothing(personas):
    rows = _template_rows()
    report = actions.import_decisions(_sheet(rows), actor=personas.editor, organisation=personas.department)
    assert report.ok and report.created == 3
    person = Decision.objects.get(party_type=PartyType.NATURAL)
    assert person.party_name == "李**" and person.id_number.plaintext() == "431002199001011233"
    again = actions.import_decisions(_sheet(rows), actor=personas.editor, organisation=personas.department)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Decision.objects.count() == 3


def test_a_row_changed_before_release_is_corrected_and_after_release_refused(personas):
    rows = _template_rows()
    actions.import_decisions(_sheet(rows), actor=personas.editor, organisation=personas.department)
    rows[0]["许可内容/处罚内容"] = "准予从事住宿业（宾馆）经营，卫生许可项目：住宿、沐浴"
    report = actions.import_decisions(_sheet(rows), actor=personas.editor, organisation=personas.department)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    Decision.objects.filter(number=rows[0]["决定文书号"]).update(state=DecisionState.RELEASED)
    rows[0]["许可内容/处罚内容"] = "又改了"
    refused = actions.import_decisions(_sheet(rows), actor=personas.editor, organisation=personas.department)
    assert (
        "已已提交公示，不能通过导入修改" in refused.bad_rows[0].errors[0]
        or "不能通过导入修改" in refused.bad_rows[0].errors[0]
    )


def test_bad_rows_are_reported_with_their_reasons_and_nothing_is_written(personas):
    rows = _template_rows()
    rows[1]["身份证号码"] = "431002199001011230"  # wrong check digit
    rows[2]["决定日期"] = "2018年13月1日"
    rows.append({**rows[0]})  # the same 文书号 twice
    report = actions.import_decisions(_sheet(rows), actor=personas.editor, organisation=personas.department)
    assert not report.ok and report.created == 0
    by_row = {row.number_in_sheet: row.errors for row in report.bad_rows}
    assert "【决定日期】日期格式应为 2018-04-20" in by_row[4]
    assert any("与第2行重复" in e for e in by_row[5])
    assert not Decision.objects.exists()
    rows[2]["决定日期"] = "2018-05-08"
    rows.pop()
    report = actions.import_decisions(_sheet(rows), actor=personas.editor, organisation=personas.department)
    assert any("校验位" in e for e in report.bad_rows[0].errors) and report.bad_rows[0].number_in_sheet == 3
    assert not Decision.objects.exists()


def test_a_file_that_is_not_a_workbook_or_lacks_columns_is_refused_in_words(personas):
    report = actions.import_decisions(
        io.BytesIO(b"not a workbook"), actor=personas.editor, organisation=personas.department
    )
    assert report.problems == ["无法读取该文件，请上传 Excel（.xlsx）文件。"]
    book = Workbook()
    book.active.append(["决定文书号"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    report = actions.import_decisions(buffer, actor=personas.editor, organisation=personas.department)
    assert "表头缺少列" in report.problems[0]
