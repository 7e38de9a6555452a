"""Reading a power list sheet (XLSX), and writing the list as one: the format, not the write.

One row is one change of one power under the document being imported into. Reading checks each
cell's format and names every problem by row and column; whether the change itself may be made
(the code is new, the power is in force, the user may record it …) is the action's
(``actions.import_changes``), which runs every row and writes nothing if any row is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from django.utils.translation import gettext as _

from gongkai.lib import xlsximport
from gongkai.lib.xlsximport import ImportReport, Row
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
SHEET_COLUMNS = xlsximport.columns(COLUMNS, (14, 12, 12, 30, 14, 40, 18, 50, 30))
MAX_ROWS = 5000


def read(upload: IO[bytes], district: Organisation) -> ImportReport:
    """Every non-empty row of the sheet, with the format problems of each."""
    parsers = {
        "kind": xlsximport.choice_parser(ChangeKind.choices),
        "type": xlsximport.choice_parser(PowerType.choices),
        "effective_on": xlsximport.date_parser(),
        "organisation": xlsximport.lookup_parser(
            xlsximport.organisations_by_text(Organisation.objects.filter(district=district))
        ),
    }

    def make_row(number: int, cells: dict[str, str]) -> Row:
        row = xlsximport.parse_cells(Row(number), cells, SHEET_COLUMNS, parsers)
        row.values.setdefault("kind", ChangeKind.BASELINE)
        return row

    report = ImportReport()
    required = [header for header, _attr, required in COLUMNS if required]
    xlsximport.read_rows(upload, report, required, make_row, max_rows=MAX_ROWS)
    xlsximport.check_duplicates(
        report.rows,
        key=lambda row: row.code,
        message=_("【权力编码】与第%(n)s行重复：一个文件对一项权力只能有一次变更"),
    )
    return report


def template_workbook() -> bytes:
    """An empty sheet with the header and two example rows."""
    examples = [
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
        ],
        ["JY-CF-003", "取消", "", "", "", "", "", "", "上级已取消该事项"],
    ]
    return xlsximport.xlsx_bytes(xlsximport.template("权力清单", SHEET_COLUMNS, examples))


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
    return xlsximport.export(
        title,
        EXPORT_HEADERS,
        (export_row(entry) for entry in entries),
        widths=(14, 30, 14, 40, 24, 20, 50, 10, 10, 12, 22),
    )
