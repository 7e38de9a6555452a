"""The layouts of the annual report, exactly as the formats print them (../shared/regulations.md):

- 2021 on: 国办公开办函〔2021〕30号 — tables 二, 三 and 四;
- 2019 and 2020: the 2019 trial format (国办公开办函〔2019〕60号): table 二 with its five items and
  other columns, table 三 with （六）其他处理 as one row;
- 2018 and before: the narrative report (一 工作开展情况, 二 存在的困难和问题, 三 下一步工作计划).

A layout names every cell by the key it has in the figures (``figures.py``): the row's key and the
column's key. The words here are the format's own, the numbers all come from the records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.reports.models import ReportFormat


def format_for(year: int) -> str:
    if year >= 2021:
        return ReportFormat.OFFICIAL_2021
    if year >= 2019:
        return ReportFormat.TRIAL_2019
    return ReportFormat.NARRATIVE


# --- 二、主动公开政府信息情况 -----------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One item of table 二: its heading row (第二十条第（一）项), its columns and its rows."""

    item: str
    columns: list[tuple[str, str]]  # (key, label) of the number columns
    rows: list[tuple[str, str]]  # (key, label)


TWO_2021 = [
    Block(
        "第二十条第（一）项",
        [("made", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")],
        [("rules", "规章"), ("normative", "行政规范性文件")],
    ),
    Block("第二十条第（五）项", [("decisions", "本年处理决定数量")], [("licensing", "行政许可")]),
    Block(
        "第二十条第（六）项",
        [("decisions", "本年处理决定数量")],
        [("penalty", "行政处罚"), ("enforcement", "行政强制")],
    ),
    Block("第二十条第（八）项", [("amount_wan", "本年收费金额（单位：万元）")], [("fees", "行政事业性收费")]),
]

_ITEMS_2019 = [("previous_items", "上一年项目数量"), ("change", "本年增/减")]
TWO_2019 = [
    Block(
        "第二十条第（一）项",
        [("made", "本年新制作数量"), ("published", "本年新公开数量"), ("published_total", "对外公开总数量")],
        [("rules", "规章"), ("normative", "规范性文件")],
    ),
    Block(
        "第二十条第（五）项",
        [*_ITEMS_2019, ("decisions", "处理决定数量")],
        [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")],
    ),
    Block(
        "第二十条第（六）项",
        [*_ITEMS_2019, ("decisions", "处理决定数量")],
        [("penalty", "行政处罚"), ("enforcement", "行政强制")],
    ),
    Block("第二十条第（八）项", list(_ITEMS_2019), [("fees", "行政事业性收费")]),
    Block(
        "第二十条第（九）项",
        [("projects", "采购项目数量"), ("amount_wan", "采购总金额")],
        [("procurement", "政府集中采购")],
    ),
]


def table_two(fmt: str) -> list[Block]:
    return TWO_2021 if fmt == ReportFormat.OFFICIAL_2021 else TWO_2019


# --- 三、收到和处理政府信息公开申请情况 -------------------------------------------------------------

THREE_COLUMNS: list[tuple[str, str]] = [
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("welfare", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
]
LEGAL_PERSON_COLUMNS = ("business", "research", "welfare", "legal", "other")  # under 法人或其他组织


@dataclass(frozen=True)
class Group:
    """Rows of table 三: a row of its own (``label`` set, no ``rows``), or a heading (（三）不予公开)
    spanning its numbered sub-rows."""

    key: str
    label: str
    rows: list[tuple[str, str]] = field(default_factory=list)


_WITHHOLD = [
    ("withhold_1", "1.属于国家秘密"),
    ("withhold_2", "2.其他法律行政法规禁止公开"),
    ("withhold_3", "3.危及“三安全一稳定”"),
    ("withhold_4", "4.保护第三方合法权益"),
    ("withhold_5", "5.属于三类内部事务信息"),
    ("withhold_6", "6.属于四类过程性信息"),
    ("withhold_7", "7.属于行政执法案卷"),
    ("withhold_8", "8.属于行政查询事项"),
]
_UNABLE = [
    ("unable_1", "1.本机关不掌握相关政府信息"),
    ("unable_2", "2.没有现成信息需要另行制作"),
    ("unable_3", "3.补正后申请内容仍不明确"),
]
_NOT_HANDLED = [
    ("not_handled_1", "1.信访举报投诉类申请"),
    ("not_handled_2", "2.重复申请"),
    ("not_handled_3", "3.要求提供公开出版物"),
    ("not_handled_4", "4.无正当理由大量反复申请"),
    ("not_handled_5", "5.要求行政机关确认或重新出具已获取信息"),
]
_OTHER = [
    ("other_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_3", "3.其他"),
]

NEW_ROW = ("new", "一、本年新收政府信息公开申请数量")
CARRIED_IN_ROW = ("carried_in", "二、上年结转政府信息公开申请数量")
RESULTS_HEADING = "三、本年度办理结果"
CARRIED_OUT_ROW = ("carried_out", "四、结转下年度继续办理")


def three_results(fmt: str) -> list[Group]:
    """The result rows (三) of the format: the 2019 format has （六）其他处理 as one row."""
    other = (
        Group("other", "（六）其他处理", list(_OTHER))
        if fmt == ReportFormat.OFFICIAL_2021
        else Group("other", "（六）其他处理")
    )
    return [
        Group("disclose", "（一）予以公开"),
        Group("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        Group("withhold", "（三）不予公开", list(_WITHHOLD)),
        Group("unable", "（四）无法提供", list(_UNABLE)),
        Group("not_handled", "（五）不予处理", list(_NOT_HANDLED)),
        other,
        Group("results_total", "（七）总计"),
    ]


def three_row_keys(fmt: str) -> list[str]:
    """Every numbered row of table 三, top to bottom: the keys of ``figures["table_three"]["rows"]``."""
    keys = [NEW_ROW[0], CARRIED_IN_ROW[0]]
    for group in three_results(fmt):
        keys += [key for key, _label in group.rows] if group.rows else [group.key]
    return [*keys, CARRIED_OUT_ROW[0]]


def three_row_labels(fmt: str) -> dict[str, str]:
    labels = {NEW_ROW[0]: NEW_ROW[1], CARRIED_IN_ROW[0]: CARRIED_IN_ROW[1], CARRIED_OUT_ROW[0]: CARRIED_OUT_ROW[1]}
    for group in three_results(fmt):
        if group.rows:
            labels.update({key: f"{group.label}{label}" for key, label in group.rows})
        else:
            labels[group.key] = group.label
    return labels


# --- 四、政府信息公开行政复议、行政诉讼情况 -------------------------------------------------------

FOUR_RESULTS: list[tuple[str, str]] = [
    ("maintained", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
]
FOUR_KINDS: list[tuple[str, str]] = [
    ("review", "行政复议"),
    ("direct_suit", "行政诉讼·未经复议直接起诉"),
    ("suit_after_review", "行政诉讼·复议后起诉"),
]

# --- the sections --------------------------------------------------------------------------------

SECTIONS = {
    ReportFormat.OFFICIAL_2021: [
        ("overview", "一、总体情况"),
        ("table_two", "二、主动公开政府信息情况"),
        ("table_three", "三、收到和处理政府信息公开申请情况"),
        ("table_four", "四、政府信息公开行政复议、行政诉讼情况"),
        ("problems", "五、存在的主要问题及改进情况"),
        ("other", "六、其他需要报告的事项"),
    ],
    ReportFormat.NARRATIVE: [
        ("overview", "一、政府信息公开工作开展情况"),
        ("problems", "二、存在的困难和问题"),
        ("plans", "三、下一步工作计划"),
    ],
}
SECTIONS[ReportFormat.TRIAL_2019] = SECTIONS[ReportFormat.OFFICIAL_2021]

# The prose each format has, and what the office may edit (never the computed tables).
PROSE_FIELDS = {
    ReportFormat.OFFICIAL_2021: ("overview", "problems", "other"),
    ReportFormat.TRIAL_2019: ("overview", "problems", "other"),
    ReportFormat.NARRATIVE: ("overview", "problems", "plans"),
}
