"""Reading the finance system's sheets (XLSX) into tables, and writing the templates and exports:
the format, not the write.

One sheet is one table. A sheet is recognised by its name or by its title in the first rows
(“收入支出决算总表”, “表三 支出决算表” …); above the header there may be the title and the unit
line (单位：万元), as the finance system prints them. Below the header:

- 按科目 tables: 科目编码 | 科目名称 | the amount columns, one row per subject, then the 合计 row;
- fixed-row tables (三公): 项目 | the amount columns, the standard rows in order, then 合计;
- 收支对照 tables: 收入项目 | 金额 | 支出项目 | 金额, then 收入总计 … 支出总计 on the last row.

Every cell problem is named by sheet, row and column; whether the figures add up is
``tables.check``, named by row too. A table without any row (only a zero total, or nothing) is
read as empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import IO

from django.utils.translation import gettext as _

from gongkai.finance.tables import (
    BALANCE,
    EXPENSE,
    FIXED,
    INCOME,
    ZERO,
    AmountError,
    Row,
    TableData,
    TableSpec,
    amount,
    check,
)
from gongkai.lib import xlsximport
from gongkai.lib.xlsximport import cell_text as _text

TOTAL_NAMES = {"合计", "总计", "本年合计"}
MAX_ROWS = 2000


@dataclass
class SheetResult:
    sheet: str
    spec: TableSpec | None = None
    data: TableData | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.data is not None and self.data.is_blank


@dataclass
class ImportReport:
    sheets: list[SheetResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the file as a whole
    imported: int = 0
    unchanged: int = 0

    @property
    def bad_sheets(self) -> list[SheetResult]:
        return [s for s in self.sheets if s.errors]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.bad_sheets and any(s.spec for s in self.sheets)


def _norm(text: str) -> str:
    return "".join(text.split()).replace('"', "“").replace("“", "").replace("”", "")


def identify(sheet_name: str, top_cells: list[str], specs: list[TableSpec]) -> TableSpec | None:
    """Which of ``specs`` a sheet holds: by its name, else by a title in its first rows.
    The longest matching title wins (一般公共预算财政拨款基本支出决算表 over 支出决算表)."""
    candidates = [_norm(sheet_name), *(_norm(c) for c in top_cells if c)]
    matches = []
    for spec in specs:
        title = _norm(spec.title)
        for text in candidates:
            if text == title or text.endswith(title):
                matches.append((len(title), spec.number, spec))
    if not matches:
        return None
    return max(matches, key=lambda m: (m[0], -m[1]))[2]


def _header_row(rows: list[tuple], spec: TableSpec) -> int | None:
    first = spec.headers[0]
    for i, values in enumerate(rows[:12]):
        if values and _text(values[0]) == first:
            return i
    return None


def parse_rows(spec: TableSpec, rows: list[tuple], sheet: str) -> SheetResult:
    """One sheet's rows (values as read) into the table, with every problem named."""
    result = SheetResult(sheet, spec)
    header_at = _header_row(rows, spec)
    if header_at is None:
        result.errors.append(_("未找到表头（第一列应为“%(first)s”）") % {"first": spec.headers[0]})
        return result
    header = [_text(v) for v in rows[header_at]]
    expected = spec.headers
    if list(header[: len(expected)]) != expected:
        result.errors.append(_("表头应为：%(headers)s") % {"headers": " | ".join(expected)})
        return result
    width = len(spec.columns)
    data = TableData(spec)
    body = rows[header_at + 1 :]
    if len(body) > MAX_ROWS:
        result.errors.append(_("行数过多（最多 %(n)s 行）") % {"n": MAX_ROWS})
        return result

    def amounts(line: int, values: tuple, start: int, count: int, names: list[str]) -> list[Decimal]:
        out = []
        for i in range(count):
            cell = values[start + i] if start + i < len(values) else None
            try:
                out.append(amount(cell))
            except AmountError as exc:
                result.errors.append(
                    _("第%(line)s行“%(col)s”列：%(error)s") % {"line": line, "col": names[i], "error": exc}
                )
                out.append(ZERO)
        return out

    for offset, values in enumerate(body):
        line = header_at + 2 + offset
        cells = [_text(v) for v in values]
        if not any(cells):
            continue
        if cells and cells[0].startswith(("注", "说明")):
            break  # the notes under a table
        if spec.layout == BALANCE:
            left, right = cells[0] if cells else "", cells[2] if len(cells) > 2 else ""
            left_amount = amounts(line, values, 1, 1, [spec.columns[0]])
            right_amount = amounts(line, values, 3, 1, [spec.columns[0]])
            for name, value, side in ((left, left_amount, INCOME), (right, right_amount, EXPENSE)):
                if not name:
                    if value[0] != 0:
                        result.errors.append(_("第%(line)s行：有金额而没有项目名称") % {"line": line})
                    continue
                if _norm(name) in {"收入总计", "支出总计", "总计"}:
                    data.totals[side] = value
                else:
                    data.rows.append(Row("", name, value, side=side, line=line))
            continue
        if spec.layout == FIXED:
            name = cells[0]
            values_ = amounts(line, values, 1, width, list(spec.columns))
            if _norm(name) in TOTAL_NAMES:
                data.totals[""] = values_
                continue
            name = name.removeprefix("其中：").removeprefix("其中:").strip()
            code = next((c for c, n in spec.fixed_rows if n == name), "")
            if not code:
                result.errors.append(
                    _("第%(line)s行：“%(name)s”不是本表的项目") % {"line": line, "name": name}
                )
                continue
            data.rows.append(Row(code, name, values_, line=line))
            continue
        code, name = cells[0], cells[1] if len(cells) > 1 else ""
        values_ = amounts(line, values, 2, width, list(spec.columns))
        if _norm(name) in TOTAL_NAMES or (not code and _norm(cells[0]) in TOTAL_NAMES):
            data.totals[""] = values_
            continue
        if code and not code.isdigit():
            result.errors.append(
                _("第%(line)s行：科目编码“%(code)s”应为数字") % {"line": line, "code": code[:20]}
            )
            continue
        if not name:
            result.errors.append(_("第%(line)s行：缺少科目名称") % {"line": line})
            continue
        data.rows.append(Row(code, name, values_, line=line))
    if result.errors:
        return result
    if spec.layout == BALANCE:
        data.rows.sort(key=lambda r: r.side != INCOME)  # stored income first, then expense
    if (not data.rows and not data.totals) or (
        not data.rows and all(v == 0 for vs in data.totals.values() for v in vs)
    ):
        data.totals = {}
    if data.rows or data.totals:
        result.errors.extend(check(data))
    result.data = data
    return result


def read(upload: IO[bytes], specs: list[TableSpec]) -> ImportReport:
    """Every sheet of the workbook that holds one of ``specs``, read and checked."""
    from openpyxl import load_workbook

    report = ImportReport()
    try:
        book = load_workbook(BytesIO(upload.read()), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        report.problems.append(_("无法读取该文件，请上传 Excel（.xlsx）文件。"))
        return report
    seen: set[str] = set()
    try:
        for sheet in book.worksheets:
            rows = []
            for values in sheet.iter_rows(values_only=True):
                rows.append(values)
                if len(rows) > MAX_ROWS + 20:
                    break
            top = [_text(v) for values in rows[:4] for v in (values or ()) if v is not None]
            spec = identify(sheet.title, top, specs)
            if spec is None:
                report.sheets.append(SheetResult(sheet.title))
                continue
            if spec.code in seen:
                report.sheets.append(
                    SheetResult(
                        sheet.title, spec, errors=[_("与前面的工作表是同一张表（%(t)s）") % {"t": spec.title}]
                    )
                )
                continue
            seen.add(spec.code)
            report.sheets.append(parse_rows(spec, rows, sheet.title))
    finally:
        book.close()
    if not any(s.spec for s in report.sheets):
        names = "、".join(spec.title for spec in specs)
        report.problems.append(
            _("文件中没有可识别的表格。工作表名称或表头标题应为：%(names)s") % {"names": names}
        )
    return report


# --- writing --------------------------------------------------------------------------------------


def _sheet_rows(spec: TableSpec, data: TableData | None) -> list[list]:
    rows: list[list] = [[spec.title], ["单位：万元"], spec.headers]
    if spec.layout == BALANCE:
        pairs = data.balance_pairs() if data else []
        for income, expense in pairs:
            rows.append(
                [
                    income.name if income else None,
                    float(income.values[0]) if income else None,
                    expense.name if expense else None,
                    float(expense.values[0]) if expense else None,
                ]
            )
        if data is None:
            rows.append(["（收入项目）", None, "（支出项目）", None])
        inc = float(data.totals[INCOME][0]) if data and INCOME in data.totals else None
        exp = float(data.totals[EXPENSE][0]) if data and EXPENSE in data.totals else None
        rows.append(["收入总计", inc, "支出总计", exp])
        return rows
    if spec.layout == FIXED:
        for code, name in spec.fixed_rows:
            values = (
                [float(data.value(code, i)) for i in range(len(spec.columns))]
                if data
                else [None] * len(spec.columns)
            )
            rows.append([("其中：" if "." in code else "") + name, *values])
        total = [float(v) for v in data.totals.get("", [])] if data else [None] * len(spec.columns)
        rows.append(["合计", *total])
        return rows
    for row in data.rows if data else []:
        rows.append([row.code, row.name, *[float(v) for v in row.values]])
    total = [float(v) for v in data.totals.get("", [])] if data else [None] * len(spec.columns)
    rows.append([None, "合计", *total])
    return rows


def workbook(entries: list[tuple[TableSpec, TableData | None]]) -> bytes:
    """A workbook with one sheet per table: the templates (no data), or the tables as entered."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for spec, data in entries:
        sheet = book.create_sheet(title=spec.title[:31])
        for row in _sheet_rows(spec, data):
            sheet.append(row)
        sheet["A1"].font = Font(bold=True, size=13)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for column, width in zip("ABCDEFGH", (14, 36, 16, 16, 16, 16, 16, 16), strict=False):
            sheet.column_dimensions[column].width = width
        if spec.layout == BALANCE:
            sheet.column_dimensions["A"].width = 36
            sheet.column_dimensions["C"].width = 36
    return xlsximport.xlsx_bytes(book)
