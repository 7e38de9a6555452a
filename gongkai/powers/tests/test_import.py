"""Importing a sheet of changes: all or nothing, every bad row named, the same sheet twice changes
nothing."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook, load_workbook

from gongkai.audit.models import AuditEvent
from gongkai.powers import actions, importer
from gongkai.powers.models import Power, PowerChange

pytestmark = pytest.mark.django_db

HEADER = importer.HEADERS


def sheet(*rows, header=HEADER) -> BytesIO:
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def _row(code, kind="", name="民办学校设立审批", type="行政许可", org="测试区教育局", **extra):
    return [
        code,
        kind,
        extra.get("effective_on", ""),
        name,
        type,
        extra.get("basis", "《民办教育促进法》第十二条"),
        org,
        extra.get("duties", "受理、审查、决定、送达、监管"),
        extra.get("note", ""),
    ]


@pytest.fixture
def document(make_document):
    return make_document("教发〔2016〕1号", issued_on=dt.date(2016, 6, 1))


def test_a_list_is_imported_and_importing_it_again_changes_nothing(personas, document):
    rows = [
        _row("JY-001"),
        _row("JY-002", "清单公布", "对违规办学的处罚", "行政处罚"),
        _row("JY-003", effective_on=dt.date(2016, 7, 1)),
    ]
    report = actions.import_changes(document, sheet(*rows), actor=personas.editor, name="清单.xlsx")
    assert report.ok and report.created == 3 and report.unchanged == 0
    assert PowerChange.objects.get(power__code="JY-003").effective_on == dt.date(2016, 7, 1)
    assert PowerChange.objects.get(power__code="JY-001").effective_on == document.issued_on
    again = actions.import_changes(document, sheet(*rows), actor=personas.editor)
    assert again.ok and again.created == 0 and again.unchanged == 3
    assert PowerChange.objects.count() == 3
    assert AuditEvent.objects.filter(action="power.import").count() == 1


def test_one_bad_row_imports_nothing_and_every_problem_is_named(personas, document):
    rows = [
        _row("JY-001"),
        _row("JY-002", type="行政审批"),
        _row("JY-003", org="不存在的局"),
        _row("", name="没有编码"),
        _row("JY-001", name="重复的编码"),
        _row("JY-006", effective_on="2016年13月1日"),
    ]
    report = actions.import_changes(document, sheet(*rows), actor=personas.editor)
    assert not report.ok and report.created == 0
    problems = {row.number: " ".join(row.errors) for row in report.bad_rows}
    assert set(problems) == {3, 4, 5, 6, 7}
    assert "可选值" in problems[3] and "本区没有“不存在的局”" in problems[4] and "不能为空" in problems[5]
    assert "与第2行重复" in problems[6] and "日期格式" in problems[7]
    assert not Power.objects.exists()


def test_a_row_the_rules_refuse_rolls_back_the_rows_before_it(personas, document):
    rows = [_row("JY-001"), _row("JY-002", "取消")]  # JY-002 is not in the list
    report = actions.import_changes(document, sheet(*rows), actor=personas.editor)
    assert not report.ok
    assert "没有编码为 JY-002" in " ".join(report.bad_rows[0].errors)
    assert not Power.objects.exists()


def test_rows_of_another_departments_powers_are_refused_by_row(personas, document):
    rows = [_row("CZ-001", org="测试区财政局")]
    report = actions.import_changes(document, sheet(*rows), actor=personas.editor)
    assert "无权登记" in report.bad_rows[0].errors[0]
    assert not Power.objects.exists()


def test_a_sheet_without_the_code_column_or_not_a_workbook(personas, document):
    report = actions.import_changes(document, sheet(["x"], header=["名称"]), actor=personas.editor)
    assert "表头缺少列：权力编码" in report.problems[0]
    report = actions.import_changes(document, BytesIO(b"not a workbook"), actor=personas.editor)
    assert "无法读取" in report.problems[0]
    assert not actions.import_changes(document, sheet(), actor=personas.editor).ok


def test_someone_who_keeps_no_powers_cannot_import(personas, document):
    with pytest.raises(PermissionDenied):
        actions.import_changes(document, sheet(_row("JY-001")), actor=personas.auditor)


def test_the_template_reads_back_with_its_example_rows(personas, document):
    rows = list(load_workbook(BytesIO(importer.template_workbook())).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and len(rows) == 3


def test_the_import_page_reports_bad_rows_and_imports_good_sheets(client, personas, document):
    client.force_login(personas.editor)
    url = f"/staff/powers/documents/{document.pk}/import/"
    bad = sheet(_row("JY-001", type="行政审批"))
    bad.name = "清单.xlsx"
    page = client.post(url, {"file": bad}).content.decode()
    assert "未导入任何内容" in page and "可选值" in page
    good = sheet(_row("JY-001"))
    good.name = "清单.xlsx"
    response = client.post(url, {"file": good})
    assert response.status_code == 302 and PowerChange.objects.count() == 1
