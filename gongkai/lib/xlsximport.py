"""Reading a sheet of rows (XLSX) and writing templates and exports: the format, not the write.

The registries' importers (powers, procurement, decisions, finance's fees, publicity) read their
sheets the same way, and this is that one way:

- the first row is the header; columns are found by their header text, in any order, and a
  required column that is missing is a problem of the file as a whole;
- a row whose cells are all empty is skipped; row numbers are the sheet's, as the user sees them;
- each cell is read as text (``cell_text``), then converted by the column's parser (a date, a
  choice, a whole number, an amount, an organisation …); a parser says what is wrong by raising
  ``ValueError`` with a message in Chinese, which the row keeps as ``【列名】message``;
- the report (``ImportReport``) holds every row with its errors and, after the import action ran,
  its outcome. The action writes nothing unless every row is right (no half-imported sheet).

What a row means (whether a code is new, whether the user may record it …) stays the app's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import IO, Any, Protocol

from django.utils.translation import gettext as _

MAX_ROWS = 5000


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header, the attribute its value goes to, whether a row must fill it,
    and its width in the template (``None``: the spreadsheet's default)."""

    header: str
    attr: str
    required: bool = False
    width: int | None = 14


def columns(triples: Iterable[tuple[str, str, bool]], widths: Iterable[int | None] = ()) -> list[Column]:
    """``Column``s from (header, attribute, required) triples and, optionally, their widths."""
    widths = list(widths)
    return [
        Column(header, attr, required, widths[i] if i < len(widths) else None)
        for i, (header, attr, required) in enumerate(triples)
    ]


@dataclass
class Row:
    number: int  # the sheet's row number, as the user sees it
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    outcome: str = ""  # what the import did with it: 已登记 / 已更新 / 未变（已导入过）

    @property
    def code(self) -> str:
        return self.values.get("code", "")


@dataclass
class ImportReport:
    """Every row read, with its errors or its outcome, and the problems of the file as a whole."""

    rows: list = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the file as a whole
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def bad_rows(self) -> list:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.bad_rows and bool(self.rows)


class _HasRowsAndProblems(Protocol):
    rows: list
    problems: list[str]


# --- cells ----------------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as text: dates as 2018-04-20, whole floats without their ``.0``, text stripped."""
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
    """2018-04-20, 2018/4/20, 2018.4.20 or 2018年4月20日 (a time after a space is ignored)."""
    cleaned = text.strip().split(" ")[0]
    for mark in ("/", ".", "年", "月"):
        cleaned = cleaned.replace(mark, "-")
    parts = cleaned.replace("日", "").split("-")
    if len(parts) != 3:
        raise ValueError(text)
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))


def choice(choices: Iterable[tuple[str, Any]], text: str) -> str:
    """The value of the choice whose value or label is ``text``; else ValueError naming them all."""
    choices = list(choices)
    for value, label in choices:
        if text in (value, str(label)):
            return value
    raise ValueError(_("可选值：%(values)s") % {"values": "、".join(str(label) for _v, label in choices)})


# Parsers for ``parse_cells``: each takes the cell's text and returns the value, or raises
# ValueError with the message the row shows after the column's name.


def date_parser(message: str | None = None) -> Callable[[str], dt.date]:
    def parse(text: str) -> dt.date:
        try:
            return parse_date(text)
        except ValueError:
            raise ValueError(message or _("日期格式应为 2018-04-20")) from None

    return parse


def choice_parser(choices: Iterable[tuple[str, Any]]) -> Callable[[str], str]:
    choices = list(choices)
    return lambda text: choice(choices, text)


def int_parser(message: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise ValueError(message) from None

    return parse


def decimal_parser(message: str) -> Callable[[str], Decimal]:
    """An amount, thousands separators allowed (1,234,567.89)."""

    def parse(text: str) -> Decimal:
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            raise ValueError(message) from None

    return parse


def lookup_parser(by_text: Mapping[str, Any]) -> Callable[[str], Any]:
    """One of the district's things by its name, short name or code (``by_text``)."""

    def parse(text: str) -> Any:
        try:
            return by_text[text]
        except KeyError:
            raise ValueError(_("本区没有“%(text)s”") % {"text": text}) from None

    return parse


def organisations_by_text(organisations: Iterable[Any]) -> dict[str, Any]:
    """Organisations by each of their name, short name and code (as a sheet may name them)."""
    return {key: o for o in organisations for key in (o.name, o.short_name, o.code) if key}


# --- reading --------------------------------------------------------------------------------------


def read_rows(
    upload: IO[bytes],
    report: _HasRowsAndProblems,
    required: Sequence[str],
    make_row: Callable[[int, dict[str, str]], Any],
    *,
    max_rows: int = MAX_ROWS,
    missing_message: str | Callable[[str], str] | None = None,
    too_many_message: str | None = None,
) -> None:
    """Append to ``report.rows`` ``make_row(number, cells)`` for every non-empty row of the
    workbook's active sheet (``cells``: header → text), or to ``report.problems`` what is wrong with
    the file as a whole: not a workbook, a ``required`` header missing (``missing_message`` with
    ``%(columns)s``, or a function of the missing columns' names), more than ``max_rows`` rows (``too_many_message`` with ``%(n)s``), no rows."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(BytesIO(upload.read()), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        report.problems.append(_("无法读取该文件，请上传 Excel（.xlsx）文件。"))
        return
    try:
        rows = book.active.iter_rows(values_only=True)
        header = [cell_text(h) for h in next(rows, [])]
        missing = [h for h in required if h not in header]
        if missing:
            names = "、".join(missing)
            if callable(missing_message):
                report.problems.append(missing_message(names))
            else:
                report.problems.append((missing_message or _("表头缺少列：%(columns)s")) % {"columns": names})
            return
        position = {h: i for i, h in enumerate(header) if h}
        for number, values in enumerate(rows, start=2):
            cells = {h: cell_text(values[i]) if i < len(values) else "" for h, i in position.items()}
            if not any(cells.values()):
                continue
            if len(report.rows) >= max_rows:
                message = too_many_message or _("一次最多导入%(n)s行，请分批导入。")
                report.problems.append(message % {"n": max_rows})
                break
            report.rows.append(make_row(number, cells))
    finally:
        book.close()
    if not report.rows and not report.problems:
        report.problems.append(_("表格中没有数据行。"))


def parse_cells(
    row: Any,
    cells: Mapping[str, str],
    columns: Iterable[Column],
    parsers: Mapping[str, Callable[[str], Any]] | None = None,
) -> Any:
    """Fill ``row.values`` from ``cells``, column by column (an empty cell is left out; a required
    one is an error), converting each through ``parsers[attr]`` where there is one; every problem
    goes to ``row.errors`` as ``【列名】…``. Returns ``row``."""
    parsers = parsers or {}
    for column in columns:
        text = cells.get(column.header, "")
        if not text:
            if column.required:
                row.errors.append(_("【%(column)s】不能为空") % {"column": column.header})
            continue
        parse = parsers.get(column.attr)
        try:
            row.values[column.attr] = parse(text) if parse else text
        except ValueError as exc:
            row.errors.append(_("【%(column)s】%(message)s") % {"column": column.header, "message": exc})
    return row


def check_duplicates(
    rows: Iterable[Any],
    key: Callable[[Any], str],
    message: str,
    line: Callable[[Any], int] = lambda row: row.number,
) -> None:
    """A row whose ``key`` an earlier row had gets the error ``message`` (with ``%(n)s``, the
    earlier row's number in the sheet, ``line(row)``); rows without a key are not compared."""
    seen: dict[str, int] = {}
    for row in rows:
        value = key(row)
        if not value:
            continue
        if value in seen:
            row.errors.append(message % {"n": seen[value]})
        else:
            seen[value] = line(row)


# --- writing --------------------------------------------------------------------------------------


def xlsx_bytes(workbook: Any) -> bytes:
    """An openpyxl workbook as the bytes of an .xlsx file."""
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def set_widths(sheet: Any, widths: Iterable[int | None]) -> None:
    """Column widths from the first column on (``None``: left as it is)."""
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        if width is not None:
            sheet.column_dimensions[get_column_letter(index)].width = width


def template(title: str, columns: Sequence[Column], examples: Iterable[Sequence | Mapping] = ()) -> Any:
    """A workbook whose sheet ``title`` has the header, the example rows (lists in column order, or
    mappings by attribute) and the columns' widths; the caller may add sheets, then ``xlsx_bytes`` it."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([column.header for column in columns])
    for example in examples:
        if isinstance(example, Mapping):
            example = [example.get(column.attr, "") for column in columns]
        sheet.append(list(example))
    set_widths(sheet, [column.width for column in columns])
    return workbook


def notes_sheet(
    workbook: Any, title: str, rows: Iterable[Sequence], widths: Iterable[int | None] = ()
) -> Any:
    """Add a sheet of notes (allowed values, how to fill each column) to a template."""
    sheet = workbook.create_sheet(title[:31])
    for row in rows:
        sheet.append(list(row))
    set_widths(sheet, widths)
    return sheet


def export(
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    widths: Iterable[int | None] = (),
    number_formats: Mapping[int, str] | None = None,
    write_only: bool = False,
) -> bytes:
    """A one-sheet workbook: the header, then ``rows``. ``number_formats``: column index (from 0) →
    an Excel number format for its data cells; ``write_only`` streams (no widths or formats)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet(title[:31]) if write_only else workbook.active
    if not write_only:
        sheet.title = title[:31]
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    if not write_only:
        for index, number_format in (number_formats or {}).items():
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                cell.number_format = number_format
        set_widths(sheet, widths)
    return xlsx_bytes(workbook)
