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
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import IO, Any

from django.utils.translation import gettext as _

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
MAX_ROWS = 5000


@dataclass
class Row:
    number: int  # as the user sees it in the sheet
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    outcome: str = ""

    @property
    def code(self) -> str:
        return self.values.get("code", "")


@dataclass
class ImportReport:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the file as a whole
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def bad_rows(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.bad_rows and bool(self.rows)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def parse_date(text: str) -> dt.date:
    """2018-04-20, 2018/4/20, 2018.4.20 or 2018年4月20日."""
    cleaned = text.strip().split(" ")[0]
    for mark in ("/", ".", "年", "月"):
        cleaned = cleaned.replace(mark, "-")
    cleaned = cleaned.replace("日", "")
    parts = cleaned.split("-")
    if len(parts) != 3:
        raise ValueError(text)
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))


def _choice(choices: list[tuple[str, Any]], text: str) -> str:
    for value, label in choices:
        if text in (value, str(label)):
            return value
    raise ValueError(_("可选值：%(values)s") % {"values": "、".join(str(label) for _v, label in choices)})


def read(upload: IO[bytes], district: Organisation) -> ImportReport:
    """Every non-empty row of the sheet, with the format problems of each."""
    from openpyxl import load_workbook

    report = ImportReport()
    try:
        book = load_workbook(BytesIO(upload.read()), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        report.problems.append(_("无法读取该文件，请上传 Excel（.xlsx）文件。"))
        return report
    try:
        rows = book.active.iter_rows(values_only=True)
        header = [_text(h) for h in next(rows, [])]
        missing = [h for h, _a, required in COLUMNS if required and h not in header]
        if missing:
            report.problems.append(_("表头缺少列：%(columns)s") % {"columns": "、".join(missing)})
            return report
        position = {h: i for i, h in enumerate(header) if h}
        orgs = list(Organisation.objects.filter(district=district))
        org_by = {key: o for o in orgs for key in (o.name, o.short_name, o.code) if key}
        for number, values in enumerate(rows, start=2):
            cells = {h: _text(values[i]) if i < len(values) else "" for h, i in position.items()}
            if not any(cells.values()):
                continue
            if len(report.rows) >= MAX_ROWS:
                report.problems.append(_("一次最多导入%(n)s行，请分批导入。") % {"n": MAX_ROWS})
                break
            report.rows.append(_row(number, cells, org_by))
    finally:
        book.close()
    if not report.rows and not report.problems:
        report.problems.append(_("表格中没有数据行。"))
    _check_duplicates(report.rows)
    return report


def _row(number: int, cells: dict[str, str], org_by: dict[str, Organisation]) -> Row:
    row = Row(number)
    for header, attr, required in COLUMNS:
        text = cells.get(header, "")
        if not text:
            if required:
                row.errors.append(_("【%(column)s】不能为空") % {"column": header})
            continue
        try:
            if attr == "type":
                row.values[attr] = _choice(ProcurementType.choices, text)
            elif attr == "method":
                row.values[attr] = _choice(Method.choices, text)
            elif attr == "planned_start_on":
                row.values[attr] = parse_date(text)
            elif attr == "organisation":
                row.values[attr] = org_by[text]
            elif attr == "year":
                row.values[attr] = int(text)
            elif attr == "budget":
                row.values[attr] = Decimal(text.replace(",", ""))
            else:
                row.values[attr] = text
        except KeyError:
            row.errors.append(_("【%(column)s】本区没有“%(text)s”") % {"column": header, "text": text})
        except (ValueError, InvalidOperation) as exc:
            message = {
                "planned_start_on": _("日期格式应为 2018-04-20"),
                "year": _("应为四位年份，例如 2018"),
                "budget": _("应为金额（元），例如 1234567.89"),
            }.get(attr, str(exc))
            row.errors.append(_("【%(column)s】%(message)s") % {"column": header, "message": message})
    return row


def _check_duplicates(rows: list[Row]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if not row.code:
            continue
        if row.code in seen:
            row.errors.append(_("【项目编号】与第%(n)s行重复") % {"n": seen[row.code]})
        else:
            seen[row.code] = row.number


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
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "采购项目"
    sheet.append(HEADERS)
    sheet.append(
        [
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
    )
    for column, width in zip("ABCDEFGHI", (18, 30, 20, 10, 10, 14, 16, 40, 14), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(EXPORT_HEADERS)
    for project in projects:
        sheet.append(export_row(project))
    for column in ("I", "J", "K"):
        for cell in sheet[column][1:]:
            cell.number_format = "#,##0.00"
    for column, width in zip(
        "ABCDEFGHIJKLMNOPQRS",
        (18, 30, 24, 20, 8, 8, 12, 12, 16, 16, 14, 10, 26, 20, 12, 12, 12, 12, 40),
        strict=True,
    ):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
