"""Reading a sheet of administrative fees (XLSX): one row per fee item, with the amount it
brought in over a year. The format only; ``actions.import_fees`` writes, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import IO, Any

from django.utils.translation import gettext as _

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


@dataclass
class FeeRow:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class FeeReport:
    rows: list[FeeRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    amounts: int = 0

    @property
    def bad_rows(self) -> list[FeeRow]:
        return [r for r in self.rows if r.errors]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.bad_rows and bool(self.rows)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _year(text: str) -> int:
    year = int(text.removesuffix("年"))
    if not 2000 <= year <= 2100:
        raise ValueError(text)
    return year


def read(upload: IO[bytes], district: Organisation) -> FeeReport:
    from openpyxl import load_workbook

    report = FeeReport()
    try:
        book = load_workbook(BytesIO(upload.read()), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        report.problems.append(_("无法读取该文件，请上传 Excel（.xlsx）文件。"))
        return report
    try:
        rows = book.active.iter_rows(values_only=True)
        header = [_text(h) for h in next(rows, [])]
        missing = [h for h, _k, required in COLUMNS if required and h not in header]
        if missing:
            report.problems.append(_("表头缺少列：%(columns)s") % {"columns": "、".join(missing)})
            return report
        position = {h: i for i, h in enumerate(header) if h}
        orgs = list(Organisation.objects.filter(district=district))
        org_by = {key: o for o in orgs for key in (o.name, o.short_name, o.code) if key}
        for number, values in enumerate(rows, start=2):
            if len(report.rows) >= MAX_ROWS:
                report.problems.append(_("行数过多（最多 %(n)s 行）") % {"n": MAX_ROWS})
                break
            cells = {h: _text(values[i]) if i < len(values) else "" for h, i in position.items()}
            if not any(cells.values()):
                continue
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
            report.rows.append(row)
    finally:
        book.close()
    if not report.rows and not report.problems:
        report.problems.append(_("表格中没有数据行。"))
    return report


def template() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "行政事业性收费"
    sheet.append(HEADERS)
    sheet.append(
        [
            "不动产登记费",
            "区自然资源局",
            "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
            "住宅类每件80元，非住宅类每件550元",
            2016,
            2018,
            123456.00,
        ]
    )
    from io import BytesIO as _B

    out = _B()
    book.save(out)
    return out.getvalue()
