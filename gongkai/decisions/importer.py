"""Reading a 双公示 sheet (XLSX) and writing decisions as one: the format, not the write.

One row is one decision. Reading checks each cell's format and names every problem by row and
column; whether the decision itself is right (categories, party, amounts, the user may record it
…) is the action's (``actions.import_decisions``), which runs every row and writes nothing if any
row is wrong. The headers are the national 双公示 standard's names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.decisions import view
from gongkai.decisions.models import ALL_CATEGORY_CHOICES, Decision, DecisionKind, PartyType
from gongkai.orgs.models import Organisation

# (header, attribute, required)
COLUMNS: list[tuple[str, str, bool]] = [
    ("决定类型", "kind", True),
    ("决定文书号", "number", True),
    ("项目名称/案件名称", "title", True),
    ("类别", "category", True),
    ("处罚类别二", "category_2", False),
    ("许可内容/处罚内容", "content", True),
    ("违法事实", "facts", False),
    ("依据", "basis", False),
    ("许可证书名称", "licence_name", False),
    ("许可编号", "licence_number", False),
    ("罚款金额（万元）", "fine_wan", False),
    ("没收金额（万元）", "confiscated_wan", False),
    ("行政相对人类别", "party_type", True),
    ("行政相对人名称", "party_name", True),
    ("统一社会信用代码", "credit_code", False),
    ("身份证号码", "id_number", False),
    ("法定代表人/经营者", "legal_rep", False),
    ("决定日期", "decided_on", True),
    ("有效期自", "valid_from", False),
    ("有效期至", "valid_to", False),
    ("决定机关", "organisation", False),
    ("数据来源单位", "source", False),
    ("备注", "note", False),
]
HEADERS = [header for header, _attr, _required in COLUMNS]
DATES = {"decided_on", "valid_from", "valid_to"}
MAX_ROWS = 5000
PARTY_ALIASES = {"法人": PartyType.LEGAL, "法人或其他组织": PartyType.LEGAL, "非法人组织": PartyType.LEGAL}


@dataclass
class Row:
    number_in_sheet: int  # as the user sees it in the sheet
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    outcome: str = ""

    @property
    def number(self) -> str:
        return self.values.get("number", "")


@dataclass
class ImportReport:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def bad_rows(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.bad_rows and bool(self.rows)


def messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for errors in exc.message_dict.values() for m in errors]
    return list(exc.messages)


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
    parts = cleaned.replace("日", "").split("-")
    if len(parts) != 3:
        raise ValueError(text)
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))


def _choice(choices: Iterable[tuple[str, Any]], text: str) -> str:
    choices = list(choices)
    for value, label in choices:
        if text in (value, str(label)):
            return value
    raise ValueError(_("可选值：%(values)s") % {"values": "、".join(str(label) for _v, label in choices)})


def read(upload: IO[bytes], organisation: Organisation) -> ImportReport:
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
            report.problems.append(
                _("表头缺少列：%(columns)s。请使用下载的模板。") % {"columns": "、".join(missing)}
            )
            return report
        position = {h: i for i, h in enumerate(header) if h}
        orgs = list(Organisation.objects.filter(district_id=organisation.district_id))
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
                row.values[attr] = _choice(DecisionKind.choices, text)
            elif attr in ("category", "category_2"):
                row.values[attr] = _choice(ALL_CATEGORY_CHOICES, text)
            elif attr == "party_type":
                row.values[attr] = PARTY_ALIASES.get(text) or _choice(PartyType.choices, text)
            elif attr in DATES:
                row.values[attr] = parse_date(text)
            elif attr in ("organisation", "source"):
                row.values[attr] = org_by[text]
            else:
                row.values[attr] = text
        except KeyError:
            row.errors.append(_("【%(column)s】本区没有“%(text)s”") % {"column": header, "text": text})
        except ValueError as exc:
            message = _("日期格式应为 2018-04-20") if attr in DATES else str(exc)
            row.errors.append(_("【%(column)s】%(message)s") % {"column": header, "message": message})
    return row


def _check_duplicates(rows: list[Row]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if not row.number:
            continue
        if row.number in seen:
            row.errors.append(_("【决定文书号】与第%(n)s行重复") % {"n": seen[row.number]})
        else:
            seen[row.number] = row.number_in_sheet


def template_workbook() -> bytes:
    """An empty sheet with the header, three example rows (synthetic) and the allowed values."""
    from openpyxl import Workbook

    from gongkai.decisions.models import CATEGORIES

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "双公示决定"
    sheet.append(HEADERS)
    examples = [
        {
            "kind": "行政许可",
            "number": "北卫公许〔2018〕第0001号",
            "title": "公共场所卫生许可",
            "category": "普通",
            "content": "准予从事住宿业（宾馆）经营，卫生许可项目：住宿",
            "licence_name": "公共场所卫生许可证",
            "licence_number": "湘卫公证字〔2018〕第431002-000001号",
            "party_type": "法人及非法人组织",
            "party_name": "郴州市示例宾馆有限公司",
            "credit_code": "91431002MA4L00001N",
            "legal_rep": "张示例",
            "decided_on": "2018-03-12",
            "valid_from": "2018-03-12",
            "valid_to": "2022-03-11",
        },
        {
            "kind": "行政许可",
            "number": "北卫护注〔2018〕第0001号",
            "title": "护士执业注册",
            "category": "登记",
            "content": "准予护士执业注册，执业地点：北湖区人民医院",
            "party_type": "自然人",
            "party_name": "李示例",
            "id_number": "431002199001011233",
            "decided_on": "2018-03-12",
        },
        {
            "kind": "行政处罚",
            "number": "北市监罚〔2018〕第0001号",
            "title": "销售过期食品案",
            "category": "警告",
            "category_2": "罚款",
            "content": "警告，并处罚款人民币5000元",
            "facts": "当事人在其经营场所销售超过保质期的食品",
            "basis": "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
            "fine_wan": "0.5",
            "party_type": "个体工商户",
            "party_name": "北湖区示例便利店",
            "credit_code": "92431002MA4L00002N",
            "legal_rep": "王示例",
            "decided_on": "2018-05-08",
        },
    ]
    for example in examples:
        sheet.append([example.get(attr, "") for _h, attr, _r in COLUMNS])
    for i, width in enumerate(
        [10, 26, 24, 10, 10, 40, 30, 30, 18, 24, 12, 12, 16, 26, 22, 22, 14, 12, 12, 12, 18, 18, 20]
    ):
        sheet.column_dimensions[sheet.cell(row=1, column=i + 1).column_letter].width = width
    values = workbook.create_sheet("可选值")
    values.append(["决定类型", "类别（按决定类型）", "行政相对人类别"])
    values.append(["、".join(map(str, DecisionKind.labels)), "", "、".join(map(str, PartyType.labels))])
    for kind, choices in CATEGORIES.items():
        values.append([str(DecisionKind(kind).label), "、".join(str(label) for label in choices.labels), ""])
    values.append(
        [
            "说明",
            "自然人填写身份证号码（不公开，仅存档），法人和个体工商户填写统一社会信用代码；金额单位为万元。",
            "",
        ]
    )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXPORT_HEADERS = [
    "决定类型",
    "决定文书号",
    "项目名称/案件名称",
    "类别",
    "许可内容/处罚内容",
    "罚款金额（万元）",
    "没收金额（万元）",
    "行政相对人类别",
    "行政相对人名称",
    "统一社会信用代码",
    "决定日期",
    "决定机关",
    "状态",
    "公示截止日期",
]


def export_row(decision: Decision) -> list[str]:
    """One decision for the staff export: what the public may read of the party (full personal
    data is revealed one at a time, audited, on the decision's page)."""
    return [
        decision.get_kind_display(),
        decision.number,
        decision.title,
        decision.category_label,
        decision.content,
        view.wan(decision.fine_wan),
        view.wan(decision.confiscated_wan),
        decision.get_party_type_display(),
        view.party_name(decision),
        view.party_code(decision),
        decision.decided_on.isoformat(),
        decision.organisation.name,
        decision.get_state_display(),
        decision.publicity_ends_on.isoformat() if decision.publicity_ends_on else "",
    ]


def export_workbook(decisions: Iterable[Decision], *, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(EXPORT_HEADERS)
    for decision in decisions:
        sheet.append(export_row(decision))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
