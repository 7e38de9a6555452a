"""Reading a list's sheet (XLSX), and writing sheets: the format, not the write.

Each kind of list has its template (``template_workbook(kind)``): one row per household, the
columns of ``columns(kind)``. Reading checks each cell — an ID number must pass its check digit, a
phone must be a mobile or landline number, people a whole number, amounts yuan with at most two
decimals, a category one of the kind's — and names every problem by row and column. Whether the
rows may be written (the list is a draft, the user may edit it, a person is not there twice) is
the action's (``actions.import_entries``), which writes nothing if any row is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.lib import xlsximport
from gongkai.lib.validators import validate_id_number
from gongkai.lib.xlsximport import Column, ImportReport
from gongkai.personal.masking import normalise_id_number
from gongkai.publicity.kinds import spec

MAX_ROWS = 20_000


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
class Row(xlsximport.Row):
    @property
    def id_number(self) -> str:
        return self.values.get("id_number", "")


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
    cols = columns(kind)
    parsers = {c.attr: (lambda text, attr=c.attr: clean_value(kind, attr, text)) for c in cols}
    report = ImportReport()
    xlsximport.read_rows(
        upload,
        report,
        [c.header for c in cols if c.required],
        lambda number, cells: xlsximport.parse_cells(Row(number), cells, cols, parsers),
        max_rows=MAX_ROWS,
        missing_message=lambda names: _("表头缺少列：%(columns)s（请使用“%(kind)s”的表格模板）")
        % {"columns": names, "kind": spec(kind).label},
    )
    xlsximport.check_duplicates(
        report.rows,
        key=lambda row: row.id_number,
        message=_("【身份证号码】与第%(n)s行重复：同一人在一份名单中只能出现一次"),
    )
    return report


def template_workbook(kind: str) -> bytes:
    """The kind's empty sheet: its header, one example row, and a sheet of notes."""
    s = spec(kind)
    cols = columns(kind)
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
    workbook = xlsximport.template(s.label, cols, [example])
    notes = [["列", "必填", "说明"]]
    notes += [[col.header, "是" if col.required else "否", _explain(kind, col)] for col in cols]
    xlsximport.notes_sheet(workbook, "填写说明", notes, widths=(16, None, 80))
    return xlsximport.xlsx_bytes(workbook)


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
    cols = columns(publicity.kind)

    def cell(value: Any) -> Any:
        if hasattr(value, "masked"):
            return value.masked
        return float(value) if isinstance(value, Decimal) else value

    rows = ([cell(getattr(entry, c.attr)) for c in cols] for entry in entries)
    return xlsximport.export(publicity.spec.label, [c.header for c in cols], rows)


EXPORT_HEADERS = ["标题", "类别", "公示单位", "所属年度", "所属月份", "状态", "公示期", "撤下日期", "户数", "人数", "金额（元）", "异议"]


def export_publicities(rows: Iterable[tuple]) -> bytes:
    """The staff list of lists and notices (``rows``: tuples in ``EXPORT_HEADERS`` order)."""
    rows = ([float(v) if isinstance(v, Decimal) else v for v in row] for row in rows)
    return xlsximport.export("公示公告", EXPORT_HEADERS, rows, widths=(50,))
