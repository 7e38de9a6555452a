"""Reading a sheet of procurement projects (XLSX), and writing the staff list as one: the format,
not the write.

One row is one planned project (the year's procurement plan, or an export of the procurement
platform). Reading checks each cell's format and names every problem by row and column; whether
the project may be entered (the code is free, the user may enter it for that unit …) is the
action's (``actions.import_projects``), which runs every row and writes nothing if any row is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from django.utils.translation import gettext as _

from gongkai.lib import xlsximport
from gongkai.lib.xlsximport import ImportReport, Row
from gongkai.orgs.models import Organisation
from gongkai.procurement.models import Method, ProcurementType, Project

# (header, attribute, required)
COLUMNS: list[tuple[str, str, bool]] = [
    ("项目编号", "code", True),
    ("项目名称", "name", True),
    ("采购单位", "organisation", True),
    ("预算年度", "year", True),
    ("采购类别", "type", True),
    ("采购方式", "method", True),
    ("预算金额（元）", "budget", True),
    ("需求概况", "requirements", False),
    ("预计采购时间", "planned_start_on", False),
]
HEADERS = [header for header, _attr, _required in COLUMNS]
SHEET_COLUMNS = xlsximport.columns(COLUMNS, (18, 30, 20, 10, 10, 14, 16, 40, 14))
MAX_ROWS = 5000


def read(upload: IO[bytes], district: Organisation) -> ImportReport:
    """Every non-empty row of the sheet, with the format problems of each."""
    parsers = {
        "type": xlsximport.choice_parser(ProcurementType.choices),
        "method": xlsximport.choice_parser(Method.choices),
        "planned_start_on": xlsximport.date_parser(),
        "organisation": xlsximport.lookup_parser(
            xlsximport.organisations_by_text(Organisation.objects.filter(district=district))
        ),
        "year": xlsximport.int_parser(_("应为四位年份，例如 2018")),
        "budget": xlsximport.decimal_parser(_("应为金额（元），例如 1234567.89")),
    }
    report = ImportReport()
    required = [header for header, _attr, required in COLUMNS if required]
    xlsximport.read_rows(
        upload,
        report,
        required,
        lambda number, cells: xlsximport.parse_cells(Row(number), cells, SHEET_COLUMNS, parsers),
        max_rows=MAX_ROWS,
    )
    xlsximport.check_duplicates(report.rows, key=lambda row: row.code, message=_("【项目编号】与第%(n)s行重复"))
    return report


def same(project: Project, organisation: Organisation, values: dict[str, Any]) -> bool:
    """Does the project already say what the row says (a sheet imported again)?"""
    if project.organisation_id != organisation.pk:
        return False
    for attr in ("name", "year", "type", "method", "budget", "requirements", "planned_start_on"):
        if attr not in values:
            continue  # not given: kept as it is
        if getattr(project, attr) != values[attr]:
            return False
    return True


def template_workbook() -> bytes:
    """An empty sheet with the header and an example row."""
    example = [
        "BHCG-2018-001",
        "学生课桌椅采购项目",
        "教育局",
        2018,
        "货物",
        "公开招标",
        "1280000.00",
        "采购学生课桌椅 2000 套，符合 GB/T 3976-2014",
        "2018-05-10",
    ]
    return xlsximport.xlsx_bytes(xlsximport.template("采购项目", SHEET_COLUMNS, [example]))


EXPORT_HEADERS = [
    "项目编号",
    "项目名称",
    "采购单位",
    "采购单位代码",
    "预算年度",
    "采购类别",
    "采购方式",
    "状态",
    "预算金额（元）",
    "中标（成交）金额（元）",
    "节约资金（元）",
    "资金节约率（%）",
    "中标（成交）供应商",
    "供应商统一社会信用代码",
    "预计采购时间",
    "采购活动开始日期",
    "确定供应商日期",
    "合同签订日期",
    "需求概况",
]


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def export_row(project: Project) -> list[Any]:
    return [
        project.code,
        project.name,
        project.organisation.name,
        project.organisation.code,
        project.year,
        project.get_type_display(),
        project.get_method_display(),
        project.get_state_display(),
        project.budget,
        project.contract_amount,
        project.savings,
        project.savings_rate,
        project.supplier_name,
        project.supplier_code,
        _day(project.planned_start_on),
        _day(project.started_on),
        _day(project.supplier_chosen_on),
        _day(project.contract_signed_on),
        project.requirements,
    ]


def export_workbook(projects: Iterable[Project], *, title: str) -> bytes:
    return xlsximport.export(
        title,
        EXPORT_HEADERS,
        (export_row(project) for project in projects),
        widths=(18, 30, 24, 20, 8, 8, 12, 12, 16, 16, 14, 10, 26, 20, 12, 12, 12, 12, 40),
        number_formats={8: "#,##0.00", 9: "#,##0.00", 10: "#,##0.00"},
    )
