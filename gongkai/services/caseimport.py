"""Reading an export of the provincial service platform (CSV or XLSX), row by row: the format, not
the write (``actions/cases.py`` writes).

Reading streams: a CSV through ``csv.reader`` over the decoded file, an XLSX through openpyxl's
read-only mode, so memory stays bounded whatever the file's size. Each row is checked against
the source's column mapping (our field → the export's header, ``DEFAULT_HEADERS`` unless the
source saved others) and either becomes a ``Case`` — the values as the table stores them, with
a fingerprint of them — or a ``Reject`` with its row number and the reasons, in Chinese.

The rules a row must meet: a 办件编号 (at most 64 characters), not seen before in the file; an
事项编码 registered in the district; a 申请日期; dates that read (2018-03-01, 2018/3/1, 2018年3月1日,
with or without a time) and follow each other (申请 ≤ 受理 ≤ 办结); a 办理结果 for a completed
case; 到现场次数 a whole number from 0 to 99; a 评价 among the five levels of 好差评 (or 1–5).
The 承诺办结日期 is the export's own when it gives one, else the 受理日期 plus the item's 承诺时限
in working days (``gongkai.workcal``; a year the calendar does not know leaves it empty).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.services.models import BAD_RATINGS, CaseResult, GuideState, Rating, ServiceGuide, ServiceItem
from gongkai.workcal.calendar import UnknownCalendarYear, add_working_days

# Our fields, their Chinese names, the provincial platform's usual header, and whether required.
FIELDS: list[tuple[str, Any, str, bool]] = [
    ("case_no", gettext_lazy("办件编号"), "办件编号", True),
    ("item_code", gettext_lazy("事项编码"), "事项编码", True),
    ("item_name", gettext_lazy("事项名称"), "事项名称", False),
    ("received_on", gettext_lazy("申请日期"), "申请时间", True),
    ("accepted_on", gettext_lazy("受理日期"), "受理时间", False),
    ("completed_on", gettext_lazy("办结日期"), "办结时间", False),
    ("due_on", gettext_lazy("承诺办结日期"), "承诺办结时间", False),
    ("result", gettext_lazy("办理结果"), "办理结果", False),
    ("visits", gettext_lazy("到现场次数"), "到现场次数", False),
    ("rating", gettext_lazy("评价"), "评价结果", False),
    ("rated_on", gettext_lazy("评价日期"), "评价时间", False),
    ("applicant_name", gettext_lazy("申请人"), "申请人", False),
    ("applicant_phone", gettext_lazy("申请人电话"), "联系电话", False),
]
FIELD_NAMES = [name for name, *_rest in FIELDS]
LABELS = {name: label for name, label, _header, _required in FIELDS}
DEFAULT_HEADERS = {name: header for name, _label, header, _required in FIELDS}
REQUIRED = [name for name, _label, _header, required in FIELDS if required]

RESULTS = {
    "准予": CaseResult.APPROVED,
    "准予许可": CaseResult.APPROVED,
    "同意": CaseResult.APPROVED,
    "办结": CaseResult.APPROVED,
    "通过": CaseResult.APPROVED,
    "不予": CaseResult.REFUSED,
    "不予许可": CaseResult.REFUSED,
    "不予受理": CaseResult.REFUSED,
    "不同意": CaseResult.REFUSED,
    "撤回": CaseResult.WITHDRAWN,
    "终止": CaseResult.WITHDRAWN,
    "撤回或终止": CaseResult.WITHDRAWN,
    **{value: value for value in CaseResult.values},
}
RATINGS = {str(label): value for value, label in Rating.choices} | {value: value for value in Rating.values}
MAX_CASE_NO = 64
# The date fields, in FIELDS' order (``RowReader.read`` unpacks them so).
DATE_FIELDS = ["received_on", "accepted_on", "completed_on", "due_on", "rated_on"]
_UNREAD = object()  # not in a cache yet
_UNREAD_DATE = object()  # a date that does not read
CACHE_LIMIT = 50_000


def mapping_of(saved: dict[str, str] | None) -> dict[str, str]:
    """The source's mapping, the platform's usual headers where it saved none."""
    saved = saved or {}
    return {name: (saved.get(name) or DEFAULT_HEADERS[name]).strip() for name in FIELD_NAMES}


@dataclass(slots=True)
class Case:
    """One row as the table stores it (``ServiceCase``'s columns)."""

    row: int
    case_no: str
    item_id: int
    organisation_id: int
    received_on: dt.date
    accepted_on: dt.date | None
    completed_on: dt.date | None
    due_on: dt.date | None
    result: str
    visits: int
    rating: str
    rated_on: dt.date | None
    applicant_name: str
    applicant_phone: str
    fingerprint: str = ""


@dataclass
class Reject:
    row: int
    case_no: str
    reasons: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


class FileProblem(ValueError):
    """The file as a whole cannot be read (not a CSV/XLSX, a required column missing …)."""


# --- reading the file -------------------------------------------------------------------------


def _sniff_encoding(head: bytes) -> str:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"  # the provincial platforms' other usual encoding (GBK is a subset)
    return "utf-8-sig"


def count_csv_rows(path: Path) -> int:
    """Data rows of a CSV, counted by line ends (quoted line breaks make it an estimate)."""
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        lines += 1
    return max(0, lines - 1)


def csv_rows(path: Path) -> Iterator[list[str]]:
    with open(path, "rb") as raw:
        encoding = _sniff_encoding(raw.read(65536))
    with open(path, encoding=encoding, newline="") as handle:
        yield from csv.reader(handle)


def xlsx_rows(path: Path | IO[bytes]) -> Iterator[tuple]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileProblem(_("无法读取该文件，请上传 Excel（.xlsx）或 CSV 文件。")) from exc
    try:
        yield from book.worksheets[0].iter_rows(values_only=True)
    finally:
        book.close()


def xlsx_total_rows(path: Path) -> int | None:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        return None
    try:
        rows = book.worksheets[0].max_row
        return max(0, rows - 1) if rows else None
    finally:
        book.close()


def kind_of(name: str) -> str:
    """ "csv" or "xlsx" by the file's name (its content is checked when read)."""
    lower = name.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith(".xlsx"):
        return "xlsx"
    raise FileProblem(_("请上传 CSV（.csv）或 Excel（.xlsx）文件。"))


def rows_of(path: Path, kind: str) -> Iterator[list | tuple]:
    return csv_rows(path) if kind == "csv" else xlsx_rows(path)


def total_rows(path: Path, kind: str) -> int | None:
    return count_csv_rows(path) if kind == "csv" else xlsx_total_rows(path)


# --- reading a row ------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class RowReader:
    """Turns the rows of one file into ``Case``s and ``Reject``s, for one district and mapping."""

    def __init__(self, district_id: int, mapping: dict[str, str], header: list | tuple):
        self.mapping = mapping_of(mapping)
        names = [_text(h) for h in header]
        position = {h: i for i, h in enumerate(names) if h}
        missing = [f"{LABELS[f]}（{self.mapping[f]}）" for f in REQUIRED if self.mapping[f] not in position]
        if missing:
            raise FileProblem(
                _("表头缺少必需的列：%(columns)s。请检查来源的列对应关系。") % {"columns": "、".join(missing)}
            )
        # Each field's cell, in FIELDS' order; a field the file lacks reads the None that ``read``
        # appends to the row (index -1).
        self.width = len(names)
        self._cells = itemgetter(*(position.get(self.mapping[f], -1) for f in FIELD_NAMES))
        self.items: dict[str, tuple[int, int, int | None]] = {}
        promised = dict(
            ServiceGuide.objects.filter(item__district_id=district_id)
            .order_by("item_id", "state", "version")  # released after draft; the newest version last
            .values_list("item_id", "promised_limit_days")
        )
        released = dict(
            ServiceGuide.objects.filter(item__district_id=district_id, state=GuideState.RELEASED)
            .order_by("item_id", "version")
            .values_list("item_id", "promised_limit_days")
        )
        for pk, code, org_id in ServiceItem.objects.filter(district_id=district_id).values_list(
            "pk", "code", "organisation_id"
        ):
            self.items[code] = (pk, org_id, released.get(pk, promised.get(pk)))
        self.seen: set[str] = set()
        # Dates read: by the cell as it was (those that read) and by the text's date part (each
        # bounded: a file of distinct or unreadable values does not grow them for ever).
        self._known: dict[Any, dt.date | None] = {None: None, "": None}
        self._days: dict[str, Any] = {}
        self._due: dict[tuple[dt.date, int], dt.date | None] = {}

    def _read_dates(self, values: list, reasons: list[str]) -> list[dt.date | None]:
        """The five dates of a row with a cell not met before; a reason for each that does not read."""
        dates: list[dt.date | None] = []
        for name, value in zip(DATE_FIELDS, values, strict=True):
            try:
                found = self._date(value)
            except ValueError:
                found = None
                reasons.append(_("【%(label)s】日期无法识别，应为 2018-03-01") % {"label": LABELS[name]})
            else:
                if len(self._known) < CACHE_LIMIT:
                    with contextlib.suppress(TypeError):  # a cell that cannot be a key
                        self._known[value] = found
            dates.append(found)
        return dates

    def _date(self, value: Any) -> dt.date | None:
        """A date, None for an empty cell; raises ValueError for one that does not read."""
        if type(value) is str:
            found = self._date_of_text(value)
        elif value is None:
            return None
        elif isinstance(value, dt.datetime):
            return value.date()
        elif isinstance(value, dt.date):
            return value
        else:
            found = self._date_of_text(str(value))
        if found is _UNREAD_DATE:
            raise ValueError(str(value).strip())
        return found

    def _date_of_text(self, text: str) -> dt.date | object | None:
        text = text.strip()
        if not text:
            return None
        # The date's own part (what ``_parse_date`` reads): the times of one day share it.
        key = text.partition(" ")[0].partition("T")[0]
        found = self._days.get(key, _UNREAD)
        if found is _UNREAD:
            found = _parse_date(key) or _UNREAD_DATE
            if len(self._days) < CACHE_LIMIT:
                self._days[key] = found
        return found

    def _due_on(self, accepted: dt.date, days: int) -> dt.date | None:
        key = (accepted, days)
        if key not in self._due:
            try:
                self._due[key] = add_working_days(accepted, days)
            except UnknownCalendarYear:
                self._due[key] = None
        return self._due[key]

    def read(self, number: int, values: list | tuple) -> Case | Reject:
        row = [*values, None]
        if len(row) <= self.width:  # a short row: its missing cells are empty
            row.extend([None] * (self.width + 1 - len(row)))
        (
            case_no,
            code,
            _item_name,
            *raw_dates,
            result_text,
            visits_text,
            rating_text,
            rated_on,
            applicant_name,
            applicant_phone,
        ) = self._cells(row)
        raw_dates.append(rated_on)
        case_no = _text(case_no)
        reasons: list[str] = []
        if not case_no:
            reasons.append(_("【办件编号】不能为空"))
        elif len(case_no) > MAX_CASE_NO:
            reasons.append(_("【办件编号】超过64个字符"))
        elif case_no in self.seen:
            reasons.append(_("【办件编号】与本文件前面的行重复"))
        code = _text(code)
        item = self.items.get(code)
        if not code:
            reasons.append(_("【事项编码】不能为空"))
        elif item is None:
            reasons.append(_("【事项编码】%(code)s 未在本区登记为政务服务事项") % {"code": code[:40]})
        try:  # the cells met before (an export repeats a few hundred days)
            received, accepted, completed, due, rated = map(self._known.__getitem__, raw_dates)
        except (KeyError, TypeError):
            received, accepted, completed, due, rated = self._read_dates(raw_dates, reasons)
        if received is None and not any("申请日期" in r for r in reasons):
            reasons.append(_("【申请日期】不能为空"))
        if received and accepted and accepted < received:
            reasons.append(_("【受理日期】早于申请日期"))
        if completed and completed < (accepted or received or completed):
            reasons.append(_("【办结日期】早于受理日期"))
        result_text = _text(result_text)
        result = RESULTS.get(result_text) if result_text else ""
        if result is None:
            reasons.append(_("【办理结果】应为准予、不予或撤回，不是“%(text)s”") % {"text": result_text[:20]})
            result = ""
        elif completed and not result:
            reasons.append(_("【办理结果】已办结的办件须有办理结果"))
        visits_text = _text(visits_text)
        visits = 0
        if visits_text:
            if visits_text.isdigit() and int(visits_text) <= 99:
                visits = int(visits_text)
            else:
                reasons.append(_("【到现场次数】应为0到99的整数"))
        rating_text = _text(rating_text)
        rating = RATINGS.get(rating_text, None) if rating_text else ""
        if rating is None:
            reasons.append(
                _("【评价】应为非常满意、满意、基本满意、不满意或非常不满意，不是“%(text)s”")
                % {"text": rating_text[:20]}
            )
            rating = ""
        if reasons:
            return Reject(number, case_no[:MAX_CASE_NO], reasons)
        self.seen.add(case_no)
        item_id, org_id, promised = item
        if due is None and accepted is not None and promised is not None:
            due = self._due_on(accepted, promised)
        # Personal data only where it is needed: a 差评 is called back.
        bad = rating in BAD_RATINGS
        name = _text(applicant_name)[:100] if bad else ""
        phone = _text(applicant_phone)[:40] if bad else ""
        case = Case(
            number,
            case_no,
            item_id,
            org_id,
            received,
            accepted,
            completed,
            due,
            result,
            visits,
            rating,
            rated,
            name,
            phone,
        )
        case.fingerprint = fingerprint(case)
        return case


def fingerprint(case: Case) -> str:
    """A digest of what the row says (not where it was in the file): its values as text (None as
    "None"), joined by the unit separator."""
    c = case
    text = (
        f"{c.item_id}\x1f{c.received_on}\x1f{c.accepted_on}\x1f{c.completed_on}\x1f{c.due_on}\x1f"
        f"{c.result}\x1f{c.visits}\x1f{c.rating}\x1f{c.rated_on}\x1f{c.applicant_name}\x1f{c.applicant_phone}"
    )
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def _parse_date(text: str) -> dt.date | None:
    """2018-03-01, 2018/3/1, 2018.3.1 or 2018年3月1日, with or without a time after it."""
    cleaned = text.strip().split(" ")[0].split("T")[0]
    for mark in ("/", ".", "年", "月"):
        cleaned = cleaned.replace(mark, "-")
    cleaned = cleaned.replace("日", "")
    parts = cleaned.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


# --- the report of rejected rows ---------------------------------------------------------------

REJECT_HEADERS = ["行号", "办件编号", "原因"]


class RejectWriter:
    """The rejected rows as a CSV (UTF-8 with a byte-order mark, for spreadsheet programs)."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.buffer.write("\ufeff")
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")
        self.writer.writerow(REJECT_HEADERS)
        self.count = 0
        self.first: list[Reject] = []  # the first few, shown on the page

    def add(self, reject: Reject) -> None:
        self.count += 1
        if len(self.first) < 50:
            self.first.append(reject)
        self.writer.writerow([reject.row, reject.case_no, reject.reason])

    def content(self) -> bytes:
        return self.buffer.getvalue().encode("utf-8")
