"""The shared sheet reader and writer, on real workbooks written and read back with openpyxl."""

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from openpyxl import Workbook, load_workbook

from gongkai.lib import xlsximport
from gongkai.lib.xlsximport import Column, ImportReport, Row

COLUMNS = [
    Column("编号", "code", True, 12),
    Column("日期", "on", False, 14),
    Column("金额（元）", "amount", False, None),
    Column("类型", "type", False),
    Column("单位", "org", False),
    Column("年度", "year", False),
]
ORGS = [SimpleNamespace(name="区教育局", short_name="教育局", code="JYJ")]
PARSERS = {
    "on": xlsximport.date_parser(),
    "amount": xlsximport.decimal_parser("应为金额"),
    "type": xlsximport.choice_parser([("a", "甲类"), ("b", "乙类")]),
    "org": xlsximport.lookup_parser(xlsximport.organisations_by_text(ORGS)),
    "year": xlsximport.int_parser("应为四位年份"),
}


def sheet(*rows, header=None) -> io.BytesIO:
    book = Workbook()
    book.active.append(header or [c.header for c in COLUMNS])
    for row in rows:
        book.active.append(list(row))
    return io.BytesIO(xlsximport.xlsx_bytes(book))


def read(upload, **kwargs) -> ImportReport:
    report = ImportReport()
    xlsximport.read_rows(
        upload,
        report,
        [c.header for c in COLUMNS if c.required],
        lambda number, cells: xlsximport.parse_cells(Row(number), cells, COLUMNS, PARSERS),
        **kwargs,
    )
    return report


def test_cells_are_read_as_text_dates_whole_numbers_and_stripped_strings():
    assert xlsximport.cell_text(None) == ""
    # openpyxl reads a date cell as a naive datetime
    assert xlsximport.cell_text(dt.datetime(2018, 4, 20, 9, 30)) == "2018-04-20"  # noqa: DTZ001
    assert xlsximport.cell_text(dt.date(2018, 4, 20)) == "2018-04-20"
    assert xlsximport.cell_text(2018.0) == "2018"
    assert xlsximport.cell_text(1.5) == "1.5"
    assert xlsximport.cell_text("  教育局 ") == "教育局"


@pytest.mark.parametrize(
    "text", ["2018-04-20", "2018/4/20", "2018.4.20", "2018年4月20日", "2018-04-20 09:30"]
)
def test_the_usual_ways_of_writing_a_date_are_read(text):
    assert xlsximport.parse_date(text) == dt.date(2018, 4, 20)


def test_rows_are_read_by_header_with_blank_rows_skipped_and_sheet_row_numbers():
    report = read(
        sheet(
            ["A-1", "2018/4/20", "1,234.50", "乙类", "教育局", 2018],
            [None, None, None, None, None, None],
            ["A-2"],
        )
    )
    assert report.problems == []
    assert [row.number for row in report.rows] == [2, 4]
    first = report.rows[0]
    assert first.errors == []
    assert first.values == {
        "code": "A-1",
        "on": dt.date(2018, 4, 20),
        "amount": Decimal("1234.50"),
        "type": "b",
        "org": ORGS[0],
        "year": 2018,
    }
    assert report.rows[1].values == {"code": "A-2"}
    assert report.ok


def test_columns_are_found_in_any_order():
    report = read(sheet(["教育局", "B-7"], header=["单位", "编号"]))
    assert report.rows[0].values == {"code": "B-7", "org": ORGS[0]}


def test_every_bad_cell_is_named_by_its_column_in_chinese():
    report = read(sheet(["", "2018-13-01", "一千", "丙类", "财政局", "二〇一八"]))
    assert report.rows[0].number == 2
    assert report.rows[0].errors == [
        "【编号】不能为空",
        "【日期】日期格式应为 2018-04-20",
        "【金额（元）】应为金额",
        "【类型】可选值：甲类、乙类",
        "【单位】本区没有“财政局”",
        "【年度】应为四位年份",
    ]
    assert report.bad_rows == report.rows
    assert not report.ok


def test_a_missing_required_header_is_a_problem_of_the_file():
    report = read(sheet(["2018-04-20"], header=["日期"]))
    assert report.problems == ["表头缺少列：编号"]
    assert report.rows == []
    custom = read(sheet(["x"], header=["日期"]), missing_message=lambda names: f"缺{names}，请用模板")
    assert custom.problems == ["缺编号，请用模板"]


def test_a_file_that_is_not_a_workbook_or_has_no_rows_is_refused():
    assert read(io.BytesIO(b"not a workbook")).problems == ["无法读取该文件，请上传 Excel（.xlsx）文件。"]
    assert read(sheet()).problems == ["表格中没有数据行。"]


def test_more_rows_than_allowed_stop_the_reading():
    report = read(sheet(["A-1"], ["A-2"], ["A-3"]), max_rows=2)
    assert len(report.rows) == 2
    assert report.problems == ["一次最多导入2行，请分批导入。"]


def test_a_repeated_key_names_the_earlier_row():
    report = read(sheet(["A-1"], ["A-2"], ["A-1"]))
    xlsximport.check_duplicates(report.rows, key=lambda row: row.code, message="与第%(n)s行重复")
    assert [row.errors for row in report.rows] == [[], [], ["与第2行重复"]]


def test_the_template_has_the_header_the_examples_the_widths_and_notes():
    book = xlsximport.template("模板", COLUMNS, [["A-1", "2018-04-20"], {"code": "A-2", "year": 2019}])
    xlsximport.notes_sheet(book, "填写说明", [["列", "说明"], ["编号", "必填"]], widths=(16, 40))
    read_back = load_workbook(io.BytesIO(xlsximport.xlsx_bytes(book)))
    main = read_back["模板"]
    assert [c.value for c in main[1]] == [c.header for c in COLUMNS]
    assert [c.value for c in main[2]][:2] == ["A-1", "2018-04-20"]
    assert [c.value for c in main[3]] == ["A-2", None, None, None, None, 2019]
    assert main.column_dimensions["A"].width == 12
    assert main.column_dimensions["B"].width == 14
    notes = read_back["填写说明"]
    assert [[c.value for c in row] for row in notes.iter_rows()] == [["列", "说明"], ["编号", "必填"]]
    assert notes.column_dimensions["B"].width == 40
    # The template reads back as rows (the examples are valid).
    assert read(io.BytesIO(xlsximport.xlsx_bytes(book))).ok


def test_an_export_has_its_header_rows_widths_and_number_formats():
    data = xlsximport.export(
        "一个很长很长很长很长很长很长很长很长很长很长很长很长很长很长的标题",
        ["编号", "金额"],
        [["A-1", 1234.5], ["A-2", 7]],
        widths=(20, None),
        number_formats={1: "#,##0.00"},
    )
    sheet_ = load_workbook(io.BytesIO(data)).active
    assert len(sheet_.title) == 31
    assert [[c.value for c in row] for row in sheet_.iter_rows()] == [
        ["编号", "金额"],
        ["A-1", 1234.5],
        ["A-2", 7],
    ]
    assert sheet_["B2"].number_format == "#,##0.00"
    assert sheet_.column_dimensions["A"].width == 20
    streamed = load_workbook(io.BytesIO(xlsximport.export("流式", ["编号"], [["A-1"]], write_only=True)))
    assert [[c.value for c in row] for row in streamed.active.iter_rows()] == [["编号"], ["A-1"]]
