"""The standard tables' rules: rows add up to their total, or the row is named."""

import io
from decimal import Decimal

import pytest

from gongkai.finance import importer
from gongkai.finance.models import Kind
from gongkai.finance.tables import (
    SPECS,
    TABLE_SETS,
    AmountError,
    Row,
    TableData,
    amount,
    check,
    parent_code,
    specs_for,
)

from .conftest import sample_tables, workbook


def test_final_accounts_have_the_nine_standard_tables_in_order():
    titles = [s.title for s in specs_for("department", Kind.FINAL)]
    assert titles == [
        "收入支出决算总表",
        "收入决算表",
        "支出决算表",
        "财政拨款收入支出决算总表",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表",
        "一般公共预算财政拨款“三公”经费支出决算表",
        "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款支出决算表",
    ]
    assert len(specs_for("department", Kind.BUDGET)) == 9
    assert specs_for("department", Kind.BUDGET)[0].title == "部门收支总表"


def test_every_table_set_has_unique_codes():
    codes = [s.code for specs in TABLE_SETS.values() for s in specs]
    assert len(codes) == len(set(codes)) == len(SPECS)


def test_subject_codes_nest_by_class_and_item():
    assert parent_code("2050202") == "20502"
    assert parent_code("20502") == "205"
    assert parent_code("205") == ""
    assert parent_code("2.1") == "2"


@pytest.mark.parametrize(
    "text,expected",
    [("12.3", "12.30"), (12.34, "12.34"), ("1,234.50", "1234.50"), (None, "0.00"), ("", "0.00")],
)
def test_amounts_are_read_in_wan_to_two_decimals(text, expected):
    assert amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["12.345", "abc", "1e400x"])
def test_an_amount_with_more_than_two_decimals_or_no_number_is_refused(text):
    with pytest.raises(AmountError):
        amount(text)


def test_synthetic_tables_add_up_and_agree_with_each_other():
    for kind in (Kind.FINAL, Kind.BUDGET):
        tables = sample_tables(kind)
        for code, data in tables.items():
            if data is not None:
                assert check(data) == [], code
        first = tables[f"{kind}-1"]
        assert first.totals["income"] == first.totals["expense"]
        # table 1's total is the total of the expense table (table 3)
        assert first.totals["expense"][0] == tables[f"{kind}-3"].totals[""][0]
        # the 三公 table's 公务接待费 is the same amount as 30217 in the basic expense table
        three = tables[f"{kind}-7"]
        column = len(three.spec.columns) - 1
        assert three.value("3", column) == tables[f"{kind}-6"].value("30217")


def _table(rows, total):
    spec = SPECS["final-5"]  # 合计 = 基本支出 + 项目支出
    return TableData(
        spec,
        [Row(c, n, [Decimal(v) for v in vs], line=i + 4) for i, (c, n, vs) in enumerate(rows)],
        {"": [Decimal(v) for v in total]},
    )


def test_a_row_that_is_not_the_sum_of_its_columns_is_named():
    data = _table([("205", "教育支出", ["10", "6", "3"])], ["10", "6", "3"])
    error, on_total = check(data)
    assert error == "第4行“205 教育支出”：合计 10.00 万元不等于其后各列之和 9.00 万元"
    assert on_total.startswith("“合计”")


def test_a_class_that_is_not_the_sum_of_its_items_is_named():
    data = _table(
        [("205", "教育支出", ["10", "6", "4"]), ("20502", "普通教育", ["9", "5", "4"])], ["10", "6", "4"]
    )
    errors = check(data)
    assert any("第4行“205 教育支出”：合计 10.00 万元不等于其下各项之和 9.00 万元" in e for e in errors)


def test_a_total_that_is_not_the_sum_of_the_classes_is_refused():
    data = _table(
        [("205", "教育支出", ["10", "6", "4"]), ("208", "社会保障和就业支出", ["2", "2", "0"])],
        ["13", "8", "5"],
    )
    errors = check(data)
    assert errors == [
        "合计行：合计 13.00 万元不等于各项之和 12.00 万元",
        "合计行：项目支出 5.00 万元不等于各项之和 4.00 万元",
    ]


def test_a_balance_table_whose_sides_differ_is_refused():
    spec = SPECS["final-1"]
    data = TableData(
        spec,
        [
            Row("", "一、一般公共预算财政拨款收入", [Decimal("100")], side="income"),
            Row("", "教育支出", [Decimal("90")], side="expense"),
        ],
        {"income": [Decimal("100")], "expense": [Decimal("90")]},
    )
    assert check(data) == ["收入总计 100.00 万元与支出总计 90.00 万元不相等"]


def test_a_workbook_reads_back_as_written():
    tables = sample_tables(Kind.FINAL)
    report = importer.read(workbook(Kind.FINAL), specs_for("department", Kind.FINAL))
    assert report.ok
    for sheet in report.sheets:
        original = tables[sheet.spec.code]
        if original is None:
            assert sheet.is_empty
        else:
            assert sheet.data.totals == original.totals
            assert {r.code + r.name: r.values for r in sheet.data.rows} == {
                r.code + r.name: r.values for r in original.rows
            }


def test_a_sheet_is_recognised_by_the_title_above_its_header():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in (
        ["表五", "一般公共预算财政拨款支出决算表"],
        ["单位：万元"],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["205", "教育支出", 9, 6, 3],
        [None, "合计", 9, 6, 3],
    ):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    report = importer.read(out, specs_for("department", Kind.FINAL))
    (found,) = [s for s in report.sheets if s.spec]
    assert found.spec.code == "final-5" and not found.errors
