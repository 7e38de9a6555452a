"""接听安排: the rules of the duty roster, and reading a month of it from a spreadsheet.

The changes themselves are actions (``actions.save_shift``, ``delete_shift``, ``import_roster``).
An import is all or nothing: ``parse`` checks every row first, writing nothing, and its report names
each bad row; only a file without errors is written. Shifts already in the table for the same date
and half-day are updated in place, so the calls already attributed to them stay attributed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

from gongkai.hotline.models import DutyShift, DutyShiftKind
from gongkai.orgs.models import Organisation

HEADERS = ("日期", "班次", "接听人", "职务", "单位", "区级领导")
REQUIRED_HEADERS = ("日期", "班次", "接听人", "职务")
SHIFT_BY_LABEL = {str(kind.label): kind.value for kind in DutyShiftKind}
YES = {"是", "Y", "YES", "TRUE", "1", "√"}
NO = {"否", "", "N", "NO", "FALSE", "0"}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")
MAX_ROWS = 400
WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")


def next_month(first: dt.date) -> dt.date:
    """The first day of the month after the one that ``first`` begins."""
    return (first + dt.timedelta(days=32)).replace(day=1)


def published_shifts(district: Organisation, start: dt.date, end: dt.date) -> list[DutyShift]:
    """The district's published shifts from ``start`` up to (not including) ``end``, in order."""
    return list(
        DutyShift.objects.filter(district=district, is_published=True, date__gte=start, date__lt=end)
        .select_related("organisation")
        .order_by("date", "shift")
    )


def overlaps(shift: str, other: str) -> bool:
    """Two shifts on one day overlap when they are the same or one is the whole day."""
    return shift == other or DutyShiftKind.FULL_DAY in (shift, other)


def overlap_error(district_id: int, date: dt.date, shift: str, exclude_pk: int | None = None) -> str | None:
    others = DutyShift.objects.filter(district_id=district_id, date=date).exclude(pk=exclude_pk)
    for other in others:
        if overlaps(shift, other.shift):
            return _("与已有的安排冲突：%(other)s") % {"other": str(other)}
    return None


# --- import -----------------------------------------------------------------------------------


@dataclass
class Row:
    number: int  # the spreadsheet's row number, as the user sees it
    date: dt.date | None = None
    shift: str = ""
    person_name: str = ""
    position: str = ""
    organisation: Organisation | None = None
    is_district_leader: bool = False
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # problems with the file as a whole
    created: int = 0
    updated: int = 0

    @property
    def bad_rows(self) -> list[Row]:
        return [r for r in self.rows if r.errors]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.bad_rows and bool(self.rows)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


def _header_index(header: list[Any]) -> tuple[dict[str, int], list[str]]:
    """Column positions by name; a header may carry a note, e.g. "班次（上午/下午/全天）"."""
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        text = _text(cell)
        for name in HEADERS:
            if text.startswith(name) and name not in index:
                index[name] = position
    missing = [name for name in REQUIRED_HEADERS if name not in index]
    return index, missing


def _units_by_name(district: Organisation) -> dict[str, Organisation]:
    units: dict[str, Organisation] = {}
    for org in Organisation.objects.filter(district=district, is_active=True):
        units.setdefault(org.name, org)
        units.setdefault(org.short_name, org)
    return units


def parse(upload: IO[bytes], district: Organisation) -> ImportReport:
    """Read and check every row; writes nothing."""
    from openpyxl import load_workbook

    report = ImportReport()
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a file that is not a workbook
        report.errors.append(_("无法读取该文件，请上传用本页模板填写的 .xlsx 表格。"))
        return report
    sheet = workbook.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = next(lines, None)
    if header is None:
        report.errors.append(_("表格是空的。"))
        return report
    index, missing = _header_index(list(header))
    if missing:
        report.errors.append(_("表头缺少：%(names)s。") % {"names": "、".join(missing)})
        return report
    units = _units_by_name(district)

    def cell(values: tuple, name: str) -> Any:
        position = index.get(name)
        return values[position] if position is not None and position < len(values) else None

    for number, values in enumerate(lines, start=2):
        if not any(_text(v) for v in values):
            continue
        if len(report.rows) >= MAX_ROWS:
            report.errors.append(_("一次最多导入%(n)s行。") % {"n": MAX_ROWS})
            break
        row = Row(number=number)
        row.date = _date(cell(values, "日期"))
        if row.date is None:
            row.errors.append(
                _("日期“%(v)s”无法识别，请写成 2024-05-06。") % {"v": _text(cell(values, "日期"))}
            )
        shift_text = _text(cell(values, "班次"))
        row.shift = SHIFT_BY_LABEL.get(shift_text, "")
        if not row.shift:
            row.errors.append(_("班次须为上午、下午或全天，而不是“%(v)s”。") % {"v": shift_text})
        row.person_name = _text(cell(values, "接听人"))[:50]
        if not row.person_name:
            row.errors.append(_("缺少接听人。"))
        row.position = _text(cell(values, "职务"))[:100]
        if not row.position:
            row.errors.append(_("缺少职务。"))
        unit = _text(cell(values, "单位"))
        if unit:
            row.organisation = units.get(unit)
            if row.organisation is None:
                row.errors.append(_("本区没有名为“%(v)s”的单位。") % {"v": unit})
        leader = _text(cell(values, "区级领导")).upper()
        if leader in YES:
            row.is_district_leader = True
        elif leader not in NO:
            row.errors.append(_("区级领导一栏须填“是”或“否”。"))
        report.rows.append(row)
    if not report.rows and not report.errors:
        report.errors.append(_("表格中没有接听安排。"))
    _check_overlaps(report, district)
    return report


def _check_overlaps(report: ImportReport, district: Organisation) -> None:
    """No two rows of the file, and no row and an existing shift it does not replace, may overlap."""
    rows = [r for r in report.rows if r.date and r.shift]
    dates = {r.date for r in rows}
    existing: dict[dt.date, list[DutyShift]] = {}
    for shift in DutyShift.objects.filter(district=district, date__in=dates):
        existing.setdefault(shift.date, []).append(shift)
    seen: dict[dt.date, list[Row]] = {}
    for row in rows:
        for earlier in seen.get(row.date, []):
            if overlaps(row.shift, earlier.shift):
                row.errors.append(_("与第%(n)s行的安排重复或冲突。") % {"n": earlier.number})
        seen.setdefault(row.date, []).append(row)
    for row in rows:
        in_file = {r.shift for r in seen[row.date]}
        for shift in existing.get(row.date, []):
            if shift.shift == row.shift or shift.shift in in_file:
                continue  # replaced by this row, or by another row of the file
            if overlaps(row.shift, shift.shift):
                row.errors.append(_("与已有的安排冲突：%(other)s") % {"other": str(shift)})


def template_workbook() -> bytes:
    """An empty roster sheet with the expected header and one example row."""
    from io import BytesIO

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "接听安排"
    sheet.append(["日期", "班次（上午/下午/全天）", "接听人", "职务", "单位（可不填）", "区级领导（是/否）"])
    sheet.append(["2024-05-06", "全天", "张三", "副区长", "", "是"])
    for column, width in zip("ABCDEF", (14, 22, 12, 20, 26, 18), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
