"""Reading a sheet of administrative fees (XLSX): one row per fee item, with the amount it
brought in over a year. The format only; ``actions.import_fees`` writes, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO

from django.utils.translation import gettext as _

from gongkai.lib import xlsximport
from gongkai.lib.xlsximport import ImportReport
from gongkai.orgs.models import Organisation

# (header, key, required)
COLUMNS: list[tuple[str, str, bool]] = [
    ("项目名称", "name", True),
    ("执收单位", "organisation", True),
    ("收费依据", "basis", True),
    ("收费标准", "standard", True),
    ("起始年度", "from_year", False),
    ("年度", "year", False),
    ("收费金额（元）", "amount_yuan", False),
]
HEADERS = [h for h, _k, _r in COLUMNS]
MAX_ROWS = 5000


FeeRow = xlsximport.Row


@dataclass
class FeeReport(ImportReport):
    amounts: int = 0


def _year(text: str) -> int:
    year = int(text.removesuffix("年"))
    if not 2000 <= year <= 2100:
        raise ValueError(text)
    return year


def read(upload: IO[bytes], district: Organisation) -> FeeReport:
    org_by = xlsximport.organisations_by_text(Organisation.objects.filter(district=district))
    report = FeeReport()
    xlsximport.read_rows(
        upload,
        report,
        [h for h, _k, required in COLUMNS if required],
        lambda number, cells: _row(number, cells, org_by),
        max_rows=MAX_ROWS,
        too_many_message=_("行数过多（最多 %(n)s 行）"),
    )
    return report


def _row(number: int, cells: dict[str, str], org_by: dict[str, Organisation]) -> FeeRow:
    row = FeeRow(number)
    for header_text, key, required in COLUMNS:
        text = cells.get(header_text, "")
        if not text:
            if required:
                row.errors.append(_("“%(col)s”不能为空") % {"col": header_text})
            row.values[key] = None if key in ("from_year", "year", "amount_yuan") else ""
            continue
        if key == "organisation":
            org = org_by.get(text)
            if org is None:
                row.errors.append(_("本区没有机构“%(name)s”") % {"name": text[:40]})
            row.values[key] = org
        elif key in ("from_year", "year"):
            try:
                row.values[key] = _year(text)
            except ValueError:
                row.errors.append(_("“%(col)s”应为四位年份") % {"col": header_text})
        elif key == "amount_yuan":
            try:
                value = Decimal(text.replace(",", ""))
                if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
                    raise InvalidOperation
                row.values[key] = value.quantize(Decimal("0.01"))
            except InvalidOperation:
                row.errors.append(_("“收费金额（元）”应为不小于零的数字，最多两位小数"))
        else:
            row.values[key] = text
    if row.values.get("amount_yuan") is not None and row.values.get("year") is None:
        row.errors.append(_("填写了收费金额，须同时填写年度"))
    if not row.values.get("from_year") and not row.values.get("year") and not row.errors:
        row.errors.append(_("请填写起始年度或年度"))
    return row


def template() -> bytes:
    example = [
        "不动产登记费",
        "区自然资源局",
        "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
        "住宅类每件80元，非住宅类每件550元",
        2016,
        2018,
        123456.00,
    ]
    columns = xlsximport.columns(COLUMNS)
    return xlsximport.xlsx_bytes(xlsximport.template("行政事业性收费", columns, [example]))
