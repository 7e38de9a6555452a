"""A report's form as an Excel sheet (XLSX): written for a department to fill in, and read back.
The format, not the write (``actions.import_form`` writes, all or nothing).

The sheet has one row per indicator: 指标代码, 指标名称, 计量单位, 小数位数, 上年数值 (last year's
confirmed figure), 本年数值 (to fill in), 备注. Reading goes by the header's names, finds each row's
indicator by its code, and checks every value as the form would (a number the indicator can
hold), naming each problem by row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import IO, Any

from django.utils.translation import gettext as _

from gongkai.sectors import checks
from gongkai.sectors.models import Indicator

CODE, NAME, UNIT, DECIMALS, LAST, VALUE, NOTE = (
    "指标代码",
    "指标名称",
    "计量单位",
    "小数位数",
    "上年数值",
    "本年数值",
    "备注",
)
HEADERS = [CODE, NAME, UNIT, DECIMALS, LAST, VALUE, NOTE]
MAX_ROWS = 2000


@dataclass
class Row:
    number: int  # as the user sees it in the sheet
    code: str
    indicator: Indicator | None = None
    value: Any = None
    note: str | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the file as a whole
    changes: dict[str, list] = field(default_factory=dict)

    @property
    def bad_rows(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.bad_rows and bool(self.rows)

    @property
    def unchanged(self) -> int:
        changed = {code.split(".note")[0] if code.endswith(".note") else code for code in self.changes}
        return sum(1 for row in self.rows if row.indicator is not None and row.indicator.code not in changed)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_form(upload: IO[bytes], indicators: list[Indicator]) -> ImportReport:
    """Every non-empty row of the sheet, checked against the report's ``indicators``."""
    from openpyxl import load_workbook

    report = ImportReport()
    try:
        book = load_workbook(BytesIO(upload.read()), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        report.problems.append(_("无法读取该文件，请上传 Excel（.xlsx）文件。"))
        return report
    by_code = {i.code: i for i in indicators}
    seen: dict[str, int] = {}
    try:
        rows = book.active.iter_rows(values_only=True)
        header: list[str] = []
        number = 0
        for number, values in enumerate(rows, start=1):  # the header may follow a title row
            cells = [_text(v) for v in values]
            if CODE in cells and VALUE in cells:
                header = cells
                break
            if number >= 5:
                break
        if not header:
            report.problems.append(
                _("表头缺少列：%(a)s、%(b)s（请使用从本页下载的填报表）") % {"a": CODE, "b": VALUE}
            )
            return report
        position = {h: i for i, h in enumerate(header) if h}
        start = number + 1
        for number, values in enumerate(rows, start=start):

            def cell(name: str, values=values) -> Any:
                i = position.get(name)
                return values[i] if i is not None and i < len(values) else None

            code = _text(cell(CODE))
            raw, note = cell(VALUE), cell(NOTE)
            if not code and raw in (None, "") and not _text(note):
                continue
            if len(report.rows) >= MAX_ROWS:
                report.problems.append(_("一次最多导入%(n)s行。") % {"n": MAX_ROWS})
                break
            row = Row(number, code, note=_text(note) if NOTE in position else None)
            report.rows.append(row)
            indicator = by_code.get(code)
            if not code:
                row.errors.append(_("【%(c)s】不能为空") % {"c": CODE})
                continue
            if indicator is None:
                row.errors.append(
                    _("【%(c)s】本单位本年度没有指标“%(code)s”") % {"c": CODE, "code": code[:60]}
                )
                continue
            if code in seen:
                row.errors.append(_("【%(c)s】与第%(n)s行重复") % {"c": CODE, "n": seen[code]})
                continue
            seen[code] = number
            row.indicator = indicator
            try:
                row.value = checks.parse_value(raw, indicator)
            except checks.BadValue as exc:
                row.errors.append(_("【%(c)s】%(msg)s") % {"c": VALUE, "msg": exc})
    finally:
        book.close()
    if not report.rows and not report.problems:
        report.problems.append(_("表格中没有数据行。"))
    return report


def form_workbook(
    *,
    title: str,
    indicators: list[Indicator],
    values: dict[int, Decimal | None],
    notes: dict[int, str],
    last_year: dict[int, Decimal],
) -> bytes:
    """The form as a sheet: a title row, the header, one row per indicator (parts indented)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("填报表")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF8E1")
    for indicator in indicators:
        value, last = values.get(indicator.pk), last_year.get(indicator.pk)
        name = ("    " if indicator.parent_id else "") + indicator.name
        sheet.append(
            [
                indicator.code,
                name,
                indicator.unit,
                indicator.decimals,
                float(last) if last is not None else None,
                float(value) if value is not None else None,
                notes.get(indicator.pk, ""),
            ]
        )
        row = sheet.max_row
        fmt = "0" if indicator.decimals == 0 else "0." + "0" * indicator.decimals
        for column in ("E", "F"):
            sheet[f"{column}{row}"].number_format = fmt
        sheet[f"F{row}"].fill = fill
        sheet[f"B{row}"].alignment = Alignment(indent=2 if indicator.parent_id else 0)
    for column, width in zip("ABCDEFG", (34, 40, 10, 10, 14, 14, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
