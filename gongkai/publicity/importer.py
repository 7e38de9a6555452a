"""Reading a list's sheet (XLSX), and writing sheets: the format, not the write.

Each kind of list has its template (``template_workbook(kind)``): one row per household, the
columns of ``columns(kind)``. Reading checks each cell — an ID number must pass its check digit, a
phone must be a mobile or landline number, people a whole number, amounts yuan with at most two
decimals, a category one of the kind's — and names every problem by row and column. Whether the
rows may be written (the list is a draft, the user may edit it, a person is not there twice) is
the action's (``actions.import_entries``), which writes nothing if any row is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.lib.validators import validate_id_number
from gongkai.personal.masking import normalise_id_number
from gongkai.publicity.kinds import spec

MAX_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    header: str
    attr: str
    required: bool = False
    width: int = 14


def columns(kind: str) -> list[Column]:
    """The template's columns for a kind of list, in order."""
    s = spec(kind)
    cols = [
        Column("序号", "number", width=6),
        Column("乡镇（街道）", "town", True, 14),
        Column("村（社区）", "village", False, 14),
        Column("姓名", "name", True, 10),
        Column("身份证号码", "id_number", True, 22),
        Column("联系电话", "phone", False, 15),
        Column("银行账号", "bank_account", False, 24),
        Column("家庭住址", "address", False, 30),
        Column(str(s.people_label), "people", True, 10),
    ]
    if s.amount_label:
        cols.append(Column(str(s.amount_label), "amount", s.amount_required, 14))
    if s.category_label:
        cols.append(Column(str(s.category_label), "category", bool(s.category_choices), 14))
    if s.detail_label:
        cols.append(Column(str(s.detail_label), "detail", False, 18))
    if s.area_label:
        cols.append(Column(str(s.area_label), "area", False, 12))
    cols.append(Column("备注", "note", False, 24))
    return cols


@dataclass
class Row:
    number: int  # the sheet's row number, as the user sees it
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    outcome: str = ""

    @property
    def id_number(self) -> str:
        return self.values.get("id_number", "")


@dataclass
class ImportReport:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the file as a whole
    created: int = 0
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
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_PHONE_RE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
_BANK_RE = re.compile(r"^\d{12,30}$")


def parse_people(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise ValueError(_("应为整数")) from None
    if not 1 <= n <= 30:
        raise ValueError(_("应在1到30之间"))
    return n


def parse_money(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise ValueError(_("应为数字（单位：元）")) from None
    if not value.is_finite() or value < 0:
        raise ValueError(_("不能为负数"))
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(_("最多保留两位小数"))
    if value >= Decimal("10000000000"):
        raise ValueError(_("数额过大"))
    return value.quantize(Decimal("0.01"))


def parse_area(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("应为数字（单位：平方米）")) from None
    if not value.is_finite() or value <= 0 or value >= Decimal("100000"):
        raise ValueError(_("应为大于0的面积"))
    return value.quantize(Decimal("0.01"))


def clean_value(kind: str, attr: str, text: str) -> Any:
    """One cell's value, or ValueError with the reason (shared by the import and the entry form)."""
    s = spec(kind)
    if attr == "id_number":
        try:
            return validate_id_number(normalise_id_number(text))
        except ValidationError as exc:
            raise ValueError(exc.messages[0]) from None
    if attr == "phone":
        digits = re.sub(r"[\s]", "", text)
        if not _PHONE_RE.match(digits):
            raise ValueError(_("应为11位手机号码或带区号的固定电话"))
        return digits
    if attr == "bank_account":
        digits = re.sub(r"[\s-]", "", text)
        if not _BANK_RE.match(digits):
            raise ValueError(_("应为12到30位数字"))
        return digits
    if attr == "people":
        return parse_people(text)
    if attr == "amount":
        return parse_money(text)
    if attr == "area":
        return parse_area(text)
    if attr == "number":
        try:
            n = int(text)
        except ValueError:
            raise ValueError(_("应为整数")) from None
        if n < 1:
            raise ValueError(_("应为正整数"))
        return n
    if attr == "category" and s.category_choices and text not in s.category_choices:
        raise ValueError(_("可选值：%(values)s") % {"values": "、".join(s.category_choices)})
    limits = {"town": 60, "village": 60, "name": 40, "category": 60, "detail": 120, "address": 200}
    if attr in limits and len(text) > limits[attr]:
        raise ValueError(_("不超过%(n)s个字") % {"n": limits[attr]})
    return text


def read(upload: IO[bytes], kind: str) -> ImportReport:
    """Every non-empty row of the sheet, with the format problems of each."""
    from openpyxl import load_workbook

    report = ImportReport()
    try:
        book = load_workbook(BytesIO(upload.read()), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        report.problems.append(_("无法读取该文件，请上传 Excel（.xlsx）文件。"))
        return report
    cols = columns(kind)
    try:
        rows = book.active.iter_rows(values_only=True)
        header = [_text(h) for h in next(rows, [])]
        missing = [c.header for c in cols if c.required and c.header not in header]
        if missing:
            report.problems.append(
                _("表头缺少列：%(columns)s（请使用“%(kind)s”的表格模板）")
                % {"columns": "、".join(missing), "kind": spec(kind).label}
            )
            return report
        position = {h: i for i, h in enumerate(header) if h}
        for number, values in enumerate(rows, start=2):
            cells = {h: _text(values[i]) if i < len(values) else "" for h, i in position.items()}
            if not any(cells.values()):
                continue
            if len(report.rows) >= MAX_ROWS:
                report.problems.append(_("一次最多导入%(n)s行，请分批导入。") % {"n": MAX_ROWS})
                break
            report.rows.append(_row(kind, number, cells, cols))
    finally:
        book.close()
    if not report.rows and not report.problems:
        report.problems.append(_("表格中没有数据行。"))
    _check_duplicates(report.rows)
    return report


def _row(kind: str, number: int, cells: dict[str, str], cols: list[Column]) -> Row:
    row = Row(number)
    for col in cols:
        text = cells.get(col.header, "")
        if not text:
            if col.required:
                row.errors.append(_("【%(column)s】不能为空") % {"column": col.header})
            continue
        try:
            row.values[col.attr] = clean_value(kind, col.attr, text)
        except ValueError as exc:
            row.errors.append(_("【%(column)s】%(message)s") % {"column": col.header, "message": exc})
    return row


def _check_duplicates(rows: list[Row]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        key = row.id_number
        if not key:
            continue
        if key in seen:
            row.errors.append(_("【身份证号码】与第%(n)s行重复：同一人在一份名单中只能出现一次") % {"n": seen[key]})
        else:
            seen[key] = row.number


def _save(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_workbook(kind: str) -> bytes:
    """The kind's empty sheet: its header, one example row, and a sheet of notes."""
    from openpyxl import Workbook

    s = spec(kind)
    cols = columns(kind)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = s.label[:31]
    sheet.append([c.header for c in cols])
    example = {
        "number": 1,
        "town": "华塘镇",
        "village": "吴山村",
        "name": "张三",
        "id_number": "（18位身份证号码）",
        "phone": "（手机号码，不公开）",
        "bank_account": "（银行账号，不公开）",
        "address": "（详细住址，不公开）",
        "people": 2,
        "amount": "560.00",
        "category": s.category_choices[0] if s.category_choices else "",
        "detail": "",
        "area": "",
        "note": "（备注，不公开）",
    }
    sheet.append([example[c.attr] for c in cols])
    for index, col in enumerate(cols, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = col.width
    notes = workbook.create_sheet("填写说明")
    notes.append(["列", "必填", "说明"])
    for col in cols:
        notes.append([col.header, "是" if col.required else "否", _explain(kind, col)])
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["C"].width = 80
    return _save(workbook)


def _explain(kind: str, col: Column) -> str:
    s = spec(kind)
    text = {
        "number": "不填则按行的顺序编号",
        "id_number": "18位，须通过校验位；门户网站只显示前4位和后4位",
        "name": "门户网站只显示姓氏",
        "phone": "不在门户网站和开放数据中出现",
        "bank_account": "不在门户网站和开放数据中出现",
        "address": "不在门户网站和开放数据中出现（只公开乡镇和村/社区）",
        "people": "整数",
        "amount": "单位：元，最多两位小数",
        "area": "单位：平方米",
        "note": "仅工作人员可见",
    }.get(col.attr, "")
    if col.attr == "category" and s.category_choices:
        text = "可选值：" + "、".join(s.category_choices)
    return text


def export_entries(publicity, entries: Iterable, *, with_header: bool = True) -> bytes:
    """A list's households for staff, as masked as on the workbench (full values only through
    the audited reveal)."""
    from openpyxl import Workbook

    cols = columns(publicity.kind)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = publicity.spec.label[:31]
    sheet.append([c.header for c in cols])
    for entry in entries:
        line = []
        for c in cols:
            value = getattr(entry, c.attr)
            if hasattr(value, "masked"):
                value = value.masked
            elif isinstance(value, Decimal):
                value = float(value)
            line.append(value)
        sheet.append(line)
    return _save(workbook)


EXPORT_HEADERS = ["标题", "类别", "公示单位", "所属年度", "所属月份", "状态", "公示期", "撤下日期", "户数", "人数", "金额（元）", "异议"]


def export_publicities(rows: Iterable[tuple]) -> bytes:
    """The staff list of lists and notices (``rows``: tuples in ``EXPORT_HEADERS`` order)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "公示公告"
    sheet.append(EXPORT_HEADERS)
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    sheet.column_dimensions["A"].width = 50
    return _save(workbook)
