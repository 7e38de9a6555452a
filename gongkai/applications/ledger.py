"""Reading an office's ledger of disclosure applications (依申请公开台账), kept before it used the
platform, and writing an empty one to fill in: the format, not the write.

One row is one application with its outcome. Reading checks each cell and the row as a whole (an
outcome needs its reply date, a reply cannot come before the receipt, a carried-over mark must
agree with the dates …) and names every problem by row and column, in Chinese. Whether the rows
may be written (the ledger number is new, or was imported with the same content; the actor may
register applications here) is the action's (``actions.import_ledger``), which writes nothing if
any row is wrong.

The columns (``COLUMNS``; documented in docs/import-applications.md) use the words of the annual
report's table 三: the applicant column takes its column names (自然人, 商业企业, 科研机构,
社会公益组织, 法律服务机构, 其他), the outcome column its row names exactly as the table prints
them (予以公开, 部分公开, 属于四类过程性信息, 本机关不掌握相关政府信息 …, with or without their
number, or with the group in front: 不予公开：属于四类过程性信息).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications.models import Channel, ReviewKind, ReviewResult
from gongkai.applications.outcomes import GROUPS, INFO, ApplicantCategory, Outcome


@dataclass(frozen=True)
class Column:
    header: str
    attr: str
    required: bool
    example: str
    help: str


COLUMNS: list[Column] = [
    Column("台账编号", "ledger_number", False, "2018-001", "台账中的编号；填写后重复导入不会重复登记"),
    Column("收到申请日期", "received_on", True, "2018-03-05", "按《条例》第三十一条确定的收到申请之日"),
    Column("申请方式", "channel", True, "当面递交", "网上申请、当面递交、挂号信/邮政快递、平常信函、传真、电子邮件"),
    Column("申请人类别", "category", True, "自然人", "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他"),
    Column("申请人姓名或名称", "name", False, "张三", "加密保存，页面上脱敏显示"),
    Column("申请内容", "description", True, "2017年农村低保资金发放明细", "所需政府信息的名称或内容描述"),
    Column("办理结果", "outcome", False, "予以公开", "按年报表三的行名填写；尚未答复的不填"),
    Column("答复日期", "replied_on", False, "2018-03-20", "尚未答复的不填"),
    Column("是否结转", "carried", False, "否", "收到当年年底仍未答复的填“是”；可不填，平台按日期计算"),
    Column("复议诉讼类型", "review_kind", False, "", "行政复议、行政诉讼·未经复议直接起诉、行政诉讼·复议后起诉"),
    Column("复议诉讼立案日期", "review_filed_on", False, "", "填写复议诉讼类型时必填"),
    Column("复议诉讼结果", "review_result", False, "", "结果维持、结果纠正、其他结果、尚未审结（不填为尚未审结）"),
    Column("备注", "note", False, "", "答复要点等，可不填"),
]
HEADERS = [c.header for c in COLUMNS]
BY_HEADER = {c.header: c for c in COLUMNS}
MAX_ROWS = 20_000
FIRST_YEAR = 2008  # the Regulations of 2007 took effect on 1 May 2008

CHANNELS: dict[str, str] = {
    **{str(label): value for value, label in Channel.choices},
    "网上": Channel.ONLINE,
    "网络": Channel.ONLINE,
    "网络申请": Channel.ONLINE,
    "在线申请": Channel.ONLINE,
    "当面": Channel.IN_PERSON,
    "当面申请": Channel.IN_PERSON,
    "现场": Channel.IN_PERSON,
    "现场申请": Channel.IN_PERSON,
    "挂号信": Channel.REGISTERED_MAIL,
    "邮政快递": Channel.REGISTERED_MAIL,
    "快递": Channel.REGISTERED_MAIL,
    "信函": Channel.LETTER,
    "平信": Channel.LETTER,
    "邮件": Channel.EMAIL,
}
CATEGORIES: dict[str, str] = {str(label): value for value, label in ApplicantCategory.choices}
REVIEW_KINDS: dict[str, str] = {
    "行政复议": ReviewKind.REVIEW,
    "行政诉讼·未经复议直接起诉": ReviewKind.DIRECT_SUIT,
    "未经复议直接起诉": ReviewKind.DIRECT_SUIT,
    "行政诉讼（未经复议直接起诉）": ReviewKind.DIRECT_SUIT,
    "行政诉讼·复议后起诉": ReviewKind.SUIT_AFTER_REVIEW,
    "复议后起诉": ReviewKind.SUIT_AFTER_REVIEW,
    "行政诉讼（复议后起诉）": ReviewKind.SUIT_AFTER_REVIEW,
}
REVIEW_RESULTS: dict[str, str] = {str(label): value for value, label in ReviewResult.choices}
YES, NO = ("是", "结转", "Y", "y", "1"), ("否", "不结转", "N", "n", "0")


def _outcome_names() -> dict[str, str]:
    """Every way the ledger may name an outcome: the table's row as it prints it ("6.属于四类过程性信息"),
    without its number ("属于四类过程性信息"), with its group ("不予公开：属于四类过程性信息", as the
    platform's own lists say it) — and the group alone where it has no sub-rows (予以公开, 部分公开,
    and the 2019 format's single row （六）其他处理)."""
    groups = dict(GROUPS)
    names: dict[str, str] = {}
    for outcome in Outcome.values:
        info = INFO[outcome]
        bare = re.sub(r"^\d+\.", "", info.row)
        group = re.sub(r"^（[一二三四五六七]）", "", groups[info.group]).split("（")[0]
        for name in {info.row, bare, f"{group}：{bare}", f"{group}:{bare}", str(Outcome(outcome).label)}:
            names[name] = outcome
    names["部分公开（区分处理的，只计这一情形，不计其他情形）"] = Outcome.PARTIAL
    names["其他处理"] = Outcome.OTHER  # the 2019 format's one row
    return names


OUTCOMES = _outcome_names()
# Group names that need their sub-row: "不予公开" alone does not say which row of table 三 counts it.
AMBIGUOUS = {"不予公开": "withhold", "无法提供": "unable", "不予处理": "not_handled"}


@dataclass
class Row:
    number: int  # as the user sees it in the sheet (the header is row 1)
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    outcome: str = ""  # what the import did: 新增 / 此前已导入

    @property
    def ledger_number(self) -> str:
        return self.values.get("ledger_number", "")

    def error(self, column: str, message: str) -> None:
        self.errors.append(_("【%(column)s】%(message)s") % {"column": column, "message": message})


@dataclass
class ImportReport:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the file as a whole
    created: int = 0
    unchanged: int = 0
    batch_id: int | None = None

    @property
    def bad_rows(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.bad_rows and bool(self.rows)

    def lines(self) -> list[str]:
        """The row report in words: the file's problems, then 第N行：… for each bad row."""
        out = list(self.problems)
        out += [_("第%(n)s行：%(errors)s") % {"n": row.number, "errors": "；".join(row.errors)} for row in self.bad_rows]
        return out


# --- cells ---------------------------------------------------------------------------------------


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


DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(text: str) -> dt.date:
    """2018-03-05, 2018/3/5, 2018.3.5 or 2018年3月5日 (a time after it is ignored)."""
    match = DATE.match(text.strip().split(" ")[0].split("T")[0])
    if not match:
        raise ValueError(text)
    return dt.date(*(int(g) for g in match.groups()))


def _bad_date(row: Row, column: Column, text: str) -> None:
    row.error(column.header, _("“%(text)s”不是日期，请写成 2018-03-05") % {"text": text})


def _parse_cell(row: Row, column: Column, text: str) -> None:
    attr = column.attr
    if attr in ("received_on", "replied_on", "review_filed_on"):
        try:
            row.values[attr] = parse_date(text)
        except ValueError:
            _bad_date(row, column, text)
    elif attr == "channel":
        if text in CHANNELS:
            row.values[attr] = CHANNELS[text]
        else:
            row.error(column.header, _("“%(text)s”不是申请方式，可填：%(values)s") % {"text": text, "values": "、".join(str(label) for _v, label in Channel.choices)})
    elif attr == "category":
        if text in CATEGORIES:
            row.values[attr] = CATEGORIES[text]
        elif text in ("法人或其他组织", "法人", "其他组织"):
            row.error(column.header, _("请写明法人或其他组织的类别：商业企业、科研机构、社会公益组织、法律服务机构或其他"))
        else:
            row.error(column.header, _("“%(text)s”不是表三的申请人类别，可填：%(values)s") % {"text": text, "values": "、".join(CATEGORIES)})
    elif attr == "outcome":
        key = text.replace(" ", "")
        if key in OUTCOMES:
            row.values[attr] = OUTCOMES[key]
        elif re.sub(r"^（[一二三四五六七]）", "", key) in AMBIGUOUS:
            group = AMBIGUOUS[re.sub(r"^（[一二三四五六七]）", "", key)]
            options = [INFO[o].row for o in Outcome.values if INFO[o].group == group]
            row.error(column.header, _("“%(text)s”须写明具体情形：%(values)s") % {"text": text, "values": "、".join(options)})
        else:
            row.error(column.header, _("“%(text)s”不是表三的办理结果，请按年报表三的行名填写（如：予以公开、部分公开、属于四类过程性信息、本机关不掌握相关政府信息）") % {"text": text})
    elif attr == "carried":
        if text in YES:
            row.values[attr] = True
        elif text in NO:
            row.values[attr] = False
        else:
            row.error(column.header, _("请填“是”或“否”"))
    elif attr == "review_kind":
        if text in REVIEW_KINDS:
            row.values[attr] = REVIEW_KINDS[text]
        else:
            row.error(column.header, _("“%(text)s”不是复议诉讼类型，可填：行政复议、行政诉讼·未经复议直接起诉、行政诉讼·复议后起诉") % {"text": text})
    elif attr == "review_result":
        if text in REVIEW_RESULTS:
            row.values[attr] = REVIEW_RESULTS[text]
        else:
            row.error(column.header, _("“%(text)s”不是复议诉讼结果，可填：%(values)s") % {"text": text, "values": "、".join(REVIEW_RESULTS)})
    elif attr == "description" and len(text) > 2000:
        row.error(column.header, _("不能超过2000字"))
    elif attr == "ledger_number" and len(text) > 50:
        row.error(column.header, _("不能超过50个字符"))
    elif attr == "name" and len(text) > 200:
        row.error(column.header, _("不能超过200个字符"))
    else:
        row.values[attr] = text


def _check_row(row: Row, today: dt.date) -> None:
    """What a row must say as a whole, each problem named by its column."""
    v = row.values
    received, replied, outcome = v.get("received_on"), v.get("replied_on"), v.get("outcome")
    if received and received.year < FIRST_YEAR:
        row.error("收到申请日期", _("不能早于%(year)s年") % {"year": FIRST_YEAR})
    if received and received > today:
        row.error("收到申请日期", _("不能晚于今天"))
    if replied and replied > today:
        row.error("答复日期", _("不能晚于今天"))
    if outcome and not replied and "replied_on" not in _failed(row):
        row.error("答复日期", _("已填写办理结果的，须填写答复日期"))
    if replied and not outcome and "outcome" not in _failed(row):
        row.error("办理结果", _("已答复的，须填写办理结果"))
    if received and replied and replied < received:
        row.error("答复日期", _("不能早于收到申请日期"))
    carried = v.get("carried")
    if received and carried is not None and "replied_on" not in _failed(row):
        open_at_year_end = replied is None or replied.year > received.year
        if carried and not open_at_year_end:
            row.error("是否结转", _("填了“是”，但%(year)s年内已答复（答复日期 %(date)s）") % {"year": received.year, "date": replied.isoformat()})
        if not carried and open_at_year_end and (replied is not None or received.year < today.year):
            row.error("是否结转", _("填了“否”，但%(year)s年底前没有答复，应结转下年度") % {"year": received.year})
    kind, filed = v.get("review_kind"), v.get("review_filed_on")
    if kind:
        if not outcome:
            row.error("复议诉讼类型", _("尚未答复的申请不能有针对答复的复议诉讼"))
        if not filed and "review_filed_on" not in _failed(row):
            row.error("复议诉讼立案日期", _("填写复议诉讼类型时必填"))
        if filed and replied and filed < replied:
            row.error("复议诉讼立案日期", _("不能早于答复日期"))
        if filed and filed > today:
            row.error("复议诉讼立案日期", _("不能晚于今天"))
        v.setdefault("review_result", ReviewResult.PENDING)
    elif filed or v.get("review_result"):
        row.error("复议诉讼类型", _("填写了复议诉讼立案日期或结果的，须填写类型"))


def _failed(row: Row) -> set[str]:
    """Columns whose cell could not be read (so the row checks do not repeat the complaint)."""
    failed = set()
    for error in row.errors:
        for column in COLUMNS:
            if error.startswith(f"【{column.header}】"):
                failed.add(column.attr)
    return failed


def _row(number: int, cells: dict[str, str], today: dt.date) -> Row:
    row = Row(number)
    for column in COLUMNS:
        text = cells.get(column.header, "")
        if not text:
            if column.required:
                row.error(column.header, _("不能为空"))
            continue
        _parse_cell(row, column, text)
    _check_row(row, today)
    return row


def _check_duplicates(rows: list[Row]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if not row.ledger_number:
            continue
        if row.ledger_number in seen:
            row.error("台账编号", _("与第%(n)s行重复") % {"n": seen[row.ledger_number]})
        else:
            seen[row.ledger_number] = row.number


# --- files ---------------------------------------------------------------------------------------


def _xlsx_rows(data: bytes, report: ImportReport):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        report.problems.append(_("无法读取该文件，请上传 Excel（.xlsx）或 CSV 文件。"))
        return
    try:
        yield from book.active.iter_rows(values_only=True)
    finally:
        book.close()


def _decode(data: bytes) -> str | None:
    """CSV text: UTF-8 (with or without the BOM Excel writes), else GB18030 (Excel's 中文 CSV)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _csv_rows(data: bytes, report: ImportReport):
    text = _decode(data)
    if text is None or "\x00" in text:
        report.problems.append(_("无法读取该文件：CSV 文件须为 UTF-8 或 GBK 编码的文本。"))
        return
    yield from csv.reader(io.StringIO(text))


def is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def read(upload: IO[bytes], *, today: dt.date | None = None) -> ImportReport:
    """Every non-empty row of the ledger (XLSX or CSV, told apart by content), with its problems."""
    today = today or timezone.localdate()
    report = ImportReport()
    data = upload.read()
    if not data:
        report.problems.append(_("文件是空的，请重新选择。"))
        return report
    rows = _xlsx_rows(data, report) if is_xlsx(data) else _csv_rows(data, report)
    header = [_text(h) for h in next(rows, None) or []]
    if report.problems:
        return report
    missing = [c.header for c in COLUMNS if c.required and c.header not in header]
    if missing:
        report.problems.append(
            _("表头缺少列：%(columns)s（请使用导入模板的表头）") % {"columns": "、".join(missing)}
        )
        return report
    unknown = [h for h in header if h and h not in BY_HEADER]
    if unknown:
        report.problems.append(
            _("表头有模板之外的列：%(columns)s（请使用导入模板的表头）") % {"columns": "、".join(unknown)}
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
        report.rows.append(_row(number, cells, today))
    if not report.rows and not report.problems:
        report.problems.append(_("表格中没有数据行。"))
    _check_duplicates(report.rows)
    return report


def template_workbook() -> bytes:
    """The ledger's empty sheet: the documented headers, one row of examples, and a second sheet
    that explains each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "依申请公开台账"
    sheet.append(HEADERS)
    sheet.append([c.example for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        width = max(10, min(40, 2 * max(len(column.header), len(column.example)) + 2))
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("填写说明")
    notes.append(["列", "必填", "说明"])
    for column in COLUMNS:
        notes.append([column.header, "是" if column.required else "", column.help])
    notes.append([])
    notes.append(["办理结果可填", "", "、".join(INFO[o].row for o in Outcome.values)])
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    """The same template as CSV (UTF-8 with BOM, which Excel opens as Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerow([c.example for c in COLUMNS])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
