"""Reading a power list sheet (XLSX), and writing the list as one: the format, not the write.

One row is one change of one power under the document being imported into. Reading checks each
cell's format and names every problem by row and column; whether the change itself may be made
(the code is new, the power is in force, the user may record it …) is the action's
(``actions.import_changes``), which runs every row and writes nothing if any row is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, Any

from django.utils.translation import gettext as _

from gongkai.orgs.models import Organisation
from gongkai.powers.models import ChangeKind, PowerChange, PowerType

# (header, attribute, required)
COLUMNS: list[tuple[str, str, bool]] = [
    ("权力编码", "code", True),
    ("变更类型", "kind", False),  # empty: 清单公布 (a list as first published)
    ("生效日期", "effective_on", False),  # empty: the document's date
    ("权力名称", "name", False),
    ("权力类型", "type", False),
    ("设定依据", "basis", False),
    ("实施主体", "organisation", False),
    ("责任事项", "responsibilities", False),
    ("变更说明", "note", False),
]
HEADERS = [header for header, _attr, _required in COLUMNS]
MAX_ROWS = 5000


@dataclass
class Row:
    number: int  # as the user sees it in the sheet
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    outcome: str = ""  # what the import did: 已登记 / 未变（已导入过）

    @property
    def code(self) -> str:
        return self.values.get("code", "")


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
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
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
            if attr == "kind":
                row.values[attr] = _choice(ChangeKind.choices, text)
            elif attr == "type":
                row.values[attr] = _choice(PowerType.choices, text)
            elif attr == "effective_on":
                row.values[attr] = parse_date(text)
            elif attr == "organisation":
                row.values[attr] = org_by[text]
            else:
                row.values[attr] = text
        except KeyError:
            row.errors.append(_("【%(column)s】本区没有“%(text)s”") % {"column": header, "text": text})
        except ValueError as exc:
            message = str(exc) if attr != "effective_on" else _("日期格式应为 2018-04-20")
            row.errors.append(_("【%(column)s】%(message)s") % {"column": header, "message": message})
    row.values.setdefault("kind", ChangeKind.BASELINE)
    return row


def _check_duplicates(rows: list[Row]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if not row.code:
            continue
        if row.code in seen:
            row.errors.append(
                _("【权力编码】与第%(n)s行重复：一个文件对一项权力只能有一次变更") % {"n": seen[row.code]}
            )
        else:
            seen[row.code] = row.number


def template_workbook() -> bytes:
    """An empty sheet with the header and two example rows."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "权力清单"
    sheet.append(HEADERS)
    sheet.append(
        [
            "JY-XK-001",
            "新增",
            "2018-04-20",
            "民办学校设立审批",
            "行政许可",
            "《中华人民共和国民办教育促进法》第十二条",
            "教育局",
            "1.受理责任：…… 2.审查责任：…… 3.决定责任：…… 4.送达责任：…… 5.事后监管责任：……",
            "",
        ]
    )
    sheet.append(["JY-CF-003", "取消", "", "", "", "", "", "", "上级已取消该事项"])
    for column, width in zip("ABCDEFGHI", (14, 12, 12, 30, 14, 40, 18, 50, 30), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXPORT_HEADERS = [
    "权力编码",
    "权力名称",
    "权力类型",
    "设定依据",
    "实施主体",
    "实施主体代码",
    "责任事项",
    "状态",
    "最近变更",
    "生效日期",
    "依据文件",
]


def export_row(entry: PowerChange) -> list[str]:
    """One power of a list as of a day (its latest change), for the staff export."""
    return [
        entry.power.code,
        entry.name,
        entry.get_type_display(),
        entry.basis,
        entry.organisation.name,
        entry.organisation.code,
        entry.responsibilities,
        entry.get_status_display(),
        entry.get_kind_display(),
        entry.effective_on.isoformat(),
        entry.document.number,
    ]


def export_workbook(entries: Iterable[PowerChange], *, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(EXPORT_HEADERS)
    for entry in entries:
        sheet.append(export_row(entry))
    for column, width in zip("ABCDEFGHIJK", (14, 30, 14, 40, 24, 20, 50, 10, 10, 12, 22), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
