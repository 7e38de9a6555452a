"""Importing the fee list: idempotent, a bad row reported with its reason and nothing written."""

import io

import pytest
from openpyxl import Workbook

from gongkai.finance import actions
from gongkai.finance.feeimport import HEADERS
from gongkai.finance.models import FeeCollection, FeeItem

pytestmark = pytest.mark.django_db


def sheet(*rows) -> io.BytesIO:
    book = Workbook()
    ws = book.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_the_same_sheet_twice_adds_nothing(personas, frozen):
    org = personas.department.name
    rows = [
        ("教师资格认定体检费", org, "湘价费〔2012〕1号", "每人次80元", 2012, 2017, 102400),
        ("普通话测试费", org, "湘价费〔2014〕2号", "每人次50元", 2014, 2017, "3,500.50"),
    ]
    report = actions.import_fees(personas.district, sheet(*rows), actor=personas.editor, name="fees.xlsx")
    assert report.ok and (report.created, report.amounts) == (2, 2)
    again = actions.import_fees(personas.district, sheet(*rows), actor=personas.editor)
    assert again.ok and (again.created, again.updated, again.amounts) == (0, 0, 0)
    assert (
        FeeItem.objects.count() == 2
        and FeeCollection.objects.get(item__name="普通话测试费").amount_yuan == 3500.50
    )


def test_a_bad_row_is_reported_and_nothing_is_written(personas, frozen):
    rows = [
        ("教师资格认定体检费", personas.department.name, "依据", "标准", 2012, 2017, 100),
        ("没有单位的收费", "不存在的局", "依据", "标准", 2012, 2017, 100),
        ("金额不对", personas.department.name, "依据", "标准", 2012, 2017, "12.345"),
    ]
    report = actions.import_fees(personas.district, sheet(*rows), actor=personas.editor)
    assert [(r.number, r.errors) for r in report.bad_rows] == [
        (3, ["本区没有机构“不存在的局”"]),
        (4, ["“收费金额（元）”应为不小于零的数字，最多两位小数"]),
    ]
    assert not FeeItem.objects.exists()


def test_another_departments_fees_are_refused_row_by_row(personas, frozen):
    rows = [("财政收费", personas.other_department.name, "依据", "标准", 2012, 2017, 100)]
    report = actions.import_fees(personas.district, sheet(*rows), actor=personas.editor)
    assert report.bad_rows[0].errors == [f"无权登记{personas.other_department.name}的收费项目。"]
    assert not FeeItem.objects.exists()
