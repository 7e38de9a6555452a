"""Reading a 双公示 sheet (XLSX) and writing decisions as one: the format, not the write.

One row is one decision. Reading checks each cell's format and names every problem by row and
column; whether the decision itself is right (categories, party, amounts, the user may record it
…) is the action's (``actions.import_decisions``), which runs every row and writes nothing if any
row is wrong. The headers are the national 双公示 standard's names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.decisions import view
from gongkai.decisions.models import ALL_CATEGORY_CHOICES, Decision, DecisionKind, PartyType
from gongkai.lib import xlsximport
from gongkai.lib.xlsximport import ImportReport
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
SHEET_COLUMNS = xlsximport.columns(
    COLUMNS, (10, 26, 24, 10, 10, 40, 30, 30, 18, 24, 12, 12, 16, 26, 22, 22, 14, 12, 12, 12, 18, 18, 20)
)
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


def messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for errors in exc.message_dict.values() for m in errors]
    return list(exc.messages)


def read(upload: IO[bytes], organisation: Organisation) -> ImportReport:
    """Every non-empty row of the sheet, with the format problems of each."""
    date = xlsximport.date_parser()
    categories = xlsximport.choice_parser(ALL_CATEGORY_CHOICES)
    party_types = xlsximport.choice_parser(PartyType.choices)
    organisations = xlsximport.lookup_parser(
        xlsximport.organisations_by_text(Organisation.objects.filter(district_id=organisation.district_id))
    )
    parsers = {
        "kind": xlsximport.choice_parser(DecisionKind.choices),
        "category": categories,
        "category_2": categories,
        "party_type": lambda text: PARTY_ALIASES.get(text) or party_types(text),
        **dict.fromkeys(DATES, date),
        "organisation": organisations,
        "source": organisations,
    }
    report = ImportReport()
    xlsximport.read_rows(
        upload,
        report,
        [header for header, _attr, required in COLUMNS if required],
        lambda number, cells: xlsximport.parse_cells(Row(number), cells, SHEET_COLUMNS, parsers),
        max_rows=MAX_ROWS,
        missing_message=_("表头缺少列：%(columns)s。请使用下载的模板。"),
    )
    xlsximport.check_duplicates(
        report.rows,
        key=lambda row: row.number,
        message=_("【决定文书号】与第%(n)s行重复"),
        line=lambda row: row.number_in_sheet,
    )
    return report


def template_workbook() -> bytes:
    """An empty sheet with the header, three example rows (synthetic) and the allowed values."""
    from gongkai.decisions.models import CATEGORIES

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
    workbook = xlsximport.template("双公示决定", SHEET_COLUMNS, examples)
    notes = [
        ["决定类型", "类别（按决定类型）", "行政相对人类别"],
        ["、".join(map(str, DecisionKind.labels)), "", "、".join(map(str, PartyType.labels))],
        *(
            [str(DecisionKind(kind).label), "、".join(str(label) for label in choices.labels), ""]
            for kind, choices in CATEGORIES.items()
        ),
        [
            "说明",
            "自然人填写身份证号码（不公开，仅存档），法人和个体工商户填写统一社会信用代码；金额单位为万元。",
            "",
        ],
    ]
    xlsximport.notes_sheet(workbook, "可选值", notes)
    return xlsximport.xlsx_bytes(workbook)


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
    return xlsximport.export(
        title, EXPORT_HEADERS, (export_row(decision) for decision in decisions), write_only=True
    )
