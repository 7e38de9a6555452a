"""Synthetic, internally consistent budget and final-accounts tables (the demo's, and the tests'
workbooks): a unit's spending by subject is drawn once, and every standard table is summed from
it, so each table adds up and the tables agree with each other (the 三公 rows of table 7 are the
三公 disclosure's, 公务接待费 and 公务用车运行维护费 in table 6 the same amounts, table 1's totals those
of tables 2 and 3 …). Nothing here writes to the database."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from gongkai.finance.tables import (
    EXPENSE,
    INCOME,
    ZERO,
    Row,
    TableData,
    TableSpec,
    fixed_table,
    specs_for,
    summed_subjects,
)

CENT = Decimal("0.01")

NAMES = {
    "201": "一般公共服务支出",
    "20103": "政府办公厅（室）及相关机构事务",
    "2010301": "行政运行",
    "2010302": "一般行政管理事务",
    "2010350": "事业运行",
    "205": "教育支出",
    "20502": "普通教育",
    "2050201": "学前教育",
    "2050202": "小学教育",
    "2050203": "初中教育",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "210": "卫生健康支出",
    "21002": "公立医院",
    "2100201": "综合医院",
    "2100202": "中医（民族）医院",
    "21004": "公共卫生",
    "2100408": "基本公共卫生服务",
    "21011": "行政事业单位医疗",
    "2101102": "事业单位医疗",
    "212": "城乡社区支出",
    "21201": "城乡社区管理事务",
    "2120101": "行政运行",
    "21205": "城乡社区环境卫生",
    "2120501": "城乡社区环境卫生",
    "213": "农林水支出",
    "21301": "农业农村",
    "2130104": "事业运行",
    "2130122": "农业生产发展",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    # economic classification (基本支出)
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30113": "住房公积金",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30211": "差旅费",
    "30217": "公务接待费",
    "30231": "公务用车运行维护费",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助",
    "30302": "退休费",
}
# A unit's main spending (by what the unit does): its 项 codes, with the share of basic spending.
MAIN = {
    "school": ["2050202", "2050203"],
    "health": ["2100201", "2100408"],
    "agriculture": ["2130104", "2130122"],
    "city": ["2120101", "2120501"],
    "office": ["2010301", "2010350"],
}
COMMON = [("2080505", Decimal("0.08")), ("2101102", Decimal("0.04")), ("2210201", Decimal("0.05"))]


def q(value) -> Decimal:
    return Decimal(value).quantize(CENT)


def profile_for(name: str) -> str:
    if any(w in name for w in ("学校", "中学", "小学", "幼儿园", "教育")):
        return "school"
    if any(w in name for w in ("医院", "卫生", "疾病", "妇幼", "健康")):
        return "health"
    if any(w in name for w in ("农业", "林业", "水利", "农机", "畜牧")):
        return "agriculture"
    if any(w in name for w in ("环境卫生", "园林", "市政", "城管", "城市")):
        return "city"
    return "office"


@dataclass(frozen=True)
class ThreePublic:
    """三公 amounts (万元): budget and actual of each part."""

    outbound: tuple[Decimal, Decimal]
    vehicle_purchase: tuple[Decimal, Decimal]
    vehicle_operation: tuple[Decimal, Decimal]
    reception: tuple[Decimal, Decimal]

    def values(self, column: int) -> dict[str, list[Decimal]]:
        return {
            "1": [self.outbound[column]],
            "2.1": [self.vehicle_purchase[column]],
            "2.2": [self.vehicle_operation[column]],
            "3": [self.reception[column]],
        }

    @classmethod
    def draw(cls, rng: random.Random, scale: Decimal) -> ThreePublic:
        def pair(budget: Decimal) -> tuple[Decimal, Decimal]:
            budget = q(budget)
            return budget, q(budget * Decimal(str(rng.uniform(0.6, 1.0))))

        outbound = pair(Decimal(rng.choice([0, 0, 0, 0, 3, 5]))) if scale > 1500 else (ZERO, ZERO)
        purchase = (q(rng.choice([0, 0, 0, 0, 0, 18])),) * 2
        operation = pair(Decimal(str(rng.uniform(0, 2.5))) * (scale / 400).sqrt())
        reception = pair(Decimal(str(rng.uniform(0.3, 1.5))) * (scale / 400).sqrt())
        return cls(outbound, purchase, operation, reception)

    @property
    def totals(self) -> tuple[Decimal, Decimal]:
        parts = (self.outbound, self.vehicle_purchase, self.vehicle_operation, self.reception)
        return sum((p[0] for p in parts), ZERO), sum((p[1] for p in parts), ZERO)


@dataclass
class Spending:
    """A unit's year: per 项 code (basic, project, fiscal share of the total)."""

    leaves: list[tuple[str, Decimal, Decimal, Decimal]]  # code, basic, project, fiscal (财政拨款)
    other_share: Decimal  # of non-fiscal income, the part that is 事业收入 (the rest 其他收入)

    @property
    def total(self) -> Decimal:
        return sum((b + p for _c, b, p, _f in self.leaves), ZERO)


def draw_spending(rng: random.Random, profile: str, scale: Decimal) -> Spending:
    leaves = []
    main = MAIN[profile]
    basic_main = scale * Decimal("0.62")
    for i, code in enumerate(main):
        share = Decimal("0.7") if i == 0 else Decimal("0.3")
        basic = q(basic_main * share * Decimal(str(rng.uniform(0.9, 1.1))))
        project = q(scale * Decimal("0.2") * share * Decimal(str(rng.uniform(0.3, 1.4))))
        leaves.append((code, basic, project))
    for code, share in COMMON:
        leaves.append((code, q(scale * share * Decimal(str(rng.uniform(0.9, 1.1)))), ZERO))
    ratio = (
        Decimal(str(rng.uniform(0.82, 1.0)))
        if profile in ("health", "school")
        else Decimal(str(rng.uniform(0.95, 1.0)))
    )
    out = []
    for code, basic, project in leaves:
        fiscal = q((basic + project) * ratio) if code in main else basic + project
        out.append((code, basic, project, fiscal))
    return Spending(out, Decimal(str(rng.uniform(0.5, 1.0))))


def _split_other(total: Decimal, fiscal: Decimal, share: Decimal) -> tuple[Decimal, Decimal]:
    rest = total - fiscal
    service = q(rest * share)
    return service, rest - service


def _classes(spending: Spending, use_fiscal: bool) -> list[tuple[str, Decimal]]:
    sums: dict[str, Decimal] = {}
    for code, basic, project, fiscal in spending.leaves:
        sums[code[:3]] = sums.get(code[:3], ZERO) + (fiscal if use_fiscal else basic + project)
    return [(NAMES[c], sums[c]) for c in sorted(sums)]


def _balance(
    spec: TableSpec, income: list[tuple[str, Decimal]], expense: list[tuple[str, Decimal]]
) -> TableData:
    rows = [Row("", n, [v], side=INCOME) for n, v in income] + [
        Row("", n, [v], side=EXPENSE) for n, v in expense
    ]
    return TableData(
        spec,
        rows,
        {INCOME: [sum((v for _n, v in income), ZERO)], EXPENSE: [sum((v for _n, v in expense), ZERO)]},
    )


def _basic_economic(spec: TableSpec, basic_fiscal: Decimal, tp: ThreePublic, column: int) -> TableData:
    people = [
        ("30101", Decimal("0.30")),
        ("30102", Decimal("0.18")),
        ("30107", Decimal("0.12")),
        ("30108", Decimal("0.08")),
        ("30113", Decimal("0.05")),
    ]
    leaves: list[tuple[str, str, list[Decimal]]] = []
    used = ZERO
    for code, share in people:
        v = q(basic_fiscal * share)
        used += v
        leaves.append((code, NAMES[code], [v, v, ZERO]))
    retire = q(basic_fiscal * Decimal("0.04"))
    used += retire
    for code, v in (
        ("30201", q(basic_fiscal * Decimal("0.05"))),
        ("30211", q(basic_fiscal * Decimal("0.02"))),
        ("30217", tp.reception[column]),
        ("30231", tp.vehicle_operation[column]),
    ):
        used += v
        leaves.append((code, NAMES[code], [v, ZERO, v]))
    other = basic_fiscal - used
    leaves.append(("30299", NAMES["30299"], [other, ZERO, other]))
    leaves.append(("30302", NAMES["30302"], [retire, retire, ZERO]))
    return summed_subjects(spec, leaves, dict(NAMES))


def department_tables(
    kind: str, spending: Spending, tp: ThreePublic, *, final: bool
) -> dict[str, TableData | None]:
    """Every standard table of a department's budget or final accounts (None: empty table)."""
    specs = specs_for("department", kind)
    column = 1 if final else 0
    out: dict[str, TableData | None] = {}
    total = spending.total
    fiscal = sum((f for *_x, f in spending.leaves), ZERO)
    service_total = ZERO
    other_total = ZERO
    income_leaves, expense_leaves, fiscal_leaves = [], [], []
    basic_fiscal = ZERO
    for code, basic, project, f in spending.leaves:
        service, other = _split_other(basic + project, f, spending.other_share)
        service_total += service
        other_total += other
        if final:
            income_leaves.append((code, NAMES[code], [basic + project, f, ZERO, service, ZERO, ZERO, other]))
            expense_leaves.append((code, NAMES[code], [basic + project, basic, project, ZERO, ZERO, ZERO]))
        else:
            income_leaves.append((code, NAMES[code], [basic + project, f, ZERO, service, other]))
            expense_leaves.append((code, NAMES[code], [basic + project, basic, project]))
        bf = min(basic, f)
        basic_fiscal += bf
        fiscal_leaves.append((code, NAMES[code], [f, bf, f - bf]))
    s = {spec.number: spec for spec in specs}
    if final:
        income_side = [
            ("一、一般公共预算财政拨款收入", fiscal),
            ("二、政府性基金预算财政拨款收入", ZERO),
            ("三、国有资本经营预算财政拨款收入", ZERO),
            ("四、上级补助收入", ZERO),
            ("五、事业收入", service_total),
            ("六、经营收入", ZERO),
            ("七、附属单位上缴收入", ZERO),
            ("八、其他收入", other_total),
        ]
    else:
        income_side = [
            ("一、一般公共预算拨款收入", fiscal),
            ("二、政府性基金预算拨款收入", ZERO),
            ("三、事业收入", service_total),
            ("四、其他收入", other_total),
        ]
    assert sum((v for _n, v in income_side), ZERO) == total
    out[s[1].code] = _balance(s[1], income_side, _classes(spending, False))
    out[s[2].code] = summed_subjects(s[2], income_leaves, dict(NAMES))
    out[s[3].code] = summed_subjects(s[3], expense_leaves, dict(NAMES))
    out[s[4].code] = _balance(
        s[4],
        [
            ("一、一般公共预算财政拨款", fiscal),
            ("二、政府性基金预算财政拨款", ZERO),
            ("三、国有资本经营预算财政拨款", ZERO),
        ],
        _classes(spending, True),
    )
    out[s[5].code] = summed_subjects(s[5], fiscal_leaves, dict(NAMES))
    out[s[6].code] = _basic_economic(s[6], basic_fiscal, tp, column)
    if final:
        values = {code: [tp.values(0)[code][0], tp.values(1)[code][0]] for code in ("1", "2.1", "2.2", "3")}
    else:
        values = tp.values(0)
    out[s[7].code] = fixed_table(s[7], values) if tp.totals[column] else None
    out[s[8].code] = None
    out[s[9].code] = None
    return out


def three_public_tables(
    kind: str, tp: ThreePublic, *, level: str = "department"
) -> dict[str, TableData | None]:
    (spec,) = specs_for(level, kind)
    if len(spec.columns) == 2:
        values = {code: [tp.values(0)[code][0], tp.values(1)[code][0]] for code in ("1", "2.1", "2.2", "3")}
    else:
        values = tp.values(0)
    return {spec.code: fixed_table(spec, values)}


GOV_REVENUE = [
    ("10101", "增值税", 0.30),
    ("10104", "企业所得税", 0.12),
    ("10106", "个人所得税", 0.04),
    ("10109", "城市维护建设税", 0.05),
    ("10110", "房产税", 0.04),
    ("10111", "印花税", 0.02),
    ("10112", "城镇土地使用税", 0.03),
    ("10113", "土地增值税", 0.05),
    ("10118", "耕地占用税", 0.02),
    ("10119", "契税", 0.06),
    ("10302", "专项收入", 0.08),
    ("10304", "行政事业性收费收入", 0.04),
    ("10305", "罚没收入", 0.05),
    ("10307", "国有资源（资产）有偿使用收入", 0.07),
    ("10399", "其他收入", 0.03),
]
GOV_EXPENDITURE = [
    ("201", "一般公共服务支出", 0.11),
    ("204", "公共安全支出", 0.06),
    ("205", "教育支出", 0.22),
    ("206", "科学技术支出", 0.01),
    ("207", "文化旅游体育与传媒支出", 0.02),
    ("208", "社会保障和就业支出", 0.15),
    ("210", "卫生健康支出", 0.10),
    ("211", "节能环保支出", 0.03),
    ("212", "城乡社区支出", 0.12),
    ("213", "农林水支出", 0.09),
    ("214", "交通运输支出", 0.03),
    ("221", "住房保障支出", 0.04),
    ("224", "灾害防治及应急管理支出", 0.01),
    ("229", "其他支出", 0.01),
]
GOV_NAMES = {
    "101": "税收收入",
    "103": "非税收入",
    "10301": "政府性基金收入",
    "21208": "国有土地使用权出让收入安排的支出",
    "22960": "彩票公益金安排的支出",
    "212": "城乡社区支出",
    "229": "其他支出",
}
FUND_REVENUE = [("1030148", "国有土地使用权出让收入", 0.92), ("1030147", "城市基础设施配套费收入", 0.08)]
FUND_EXPENDITURE = [
    ("2120801", "征地和拆迁补偿支出", 0.55),
    ("2120802", "土地开发支出", 0.40),
    ("2296002", "用于社会福利的彩票公益金支出", 0.05),
]


def _shares(
    rng: random.Random, total: Decimal, parts: list[tuple[str, str, float]], final: bool
) -> list[tuple[str, str, list[Decimal]]]:
    leaves = []
    for code, name, share in parts:
        budget = q(total * Decimal(str(share)))
        if final:
            leaves.append((code, name, [budget, q(budget * Decimal(str(rng.uniform(0.9, 1.08))))]))
        else:
            leaves.append((code, name, [budget]))
    return leaves


def government_tables(
    rng: random.Random, kind: str, *, revenue: Decimal, fund: Decimal
) -> dict[str, TableData | None]:
    """The district's own budget or final accounts (区本级): general budget revenue and spending,
    government fund revenue and spending; no state capital or social insurance budget here."""
    final = kind == "final"
    specs = specs_for("government", kind)
    s = {spec.number: spec for spec in specs}
    names = dict(GOV_NAMES)
    spending_total = q(revenue * Decimal("2.6"))  # a district spends its own revenue and transfers
    return {
        s[1].code: summed_subjects(s[1], _shares(rng, revenue, GOV_REVENUE, final), names),
        s[2].code: summed_subjects(s[2], _shares(rng, spending_total, GOV_EXPENDITURE, final), names),
        s[3].code: summed_subjects(s[3], _shares(rng, fund, FUND_REVENUE, final), names),
        s[4].code: summed_subjects(s[4], _shares(rng, fund, FUND_EXPENDITURE, final), names),
        s[5].code: None,
        s[6].code: None,
    }


def explanation(
    unit_name: str, kind: str, fiscal_year: int, *, total: Decimal, tp_total: Decimal, procurement: Decimal
) -> dict[str, str]:
    """Plausible 情况说明 sections (synthetic wording)."""
    what = "预算" if kind in ("budget", "three_public_budget") else "决算"
    return {
        "functions": f"{unit_name}是区属公益性事业单位（参照部门职能设置），主要职责是贯彻执行国家和省、市、区有关方针政策，"
        "承担本行业领域的公共服务、日常管理和上级交办的其他工作。本单位内设综合办公室、业务科室等机构。",
        "changes": f"{fiscal_year}年收支总{what}{total:,.2f}万元。收支增减变化的主要原因是人员经费按政策调整、"
        "重点项目支出按年度计划安排。",
        "three_public_changes": f"{fiscal_year}年“三公”经费{what}{tp_total:,.2f}万元。严格执行中央八项规定精神，"
        "压减公务接待和公务用车运行维护支出；本年度未安排因公出国（境）。",
        "operating_costs": "机关运行经费是为保障单位运行用于购买货物和服务的各项公用经费，包括办公费、印刷费、水电费、"
        "邮电费、差旅费、会议费、公务接待费、公务用车运行维护费等。",
        "procurement": f"{fiscal_year}年政府采购{what}{procurement:,.2f}万元，均按规定程序实施，其中授予中小企业合同金额占比较高。",
        "assets": "截至年末，本单位共有公务用车按编制核定保有，单价50万元以上通用设备和单价100万元以上专用设备按规定登记管理。",
        "performance": "按照全面实施预算绩效管理的要求，对项目支出设定绩效目标并开展绩效自评，自评结果作为以后年度安排预算的参考。",
        "glossary": "财政拨款收入：指本级财政当年拨付的资金。基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"
        "项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。“三公”经费：指用财政拨款安排的因公出国（境）费、"
        "公务用车购置及运行费和公务接待费。",
    }
