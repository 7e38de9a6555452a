"""Demo data for procurement: the seed's 2018 projects, amount for amount, and a few live ones.

The seed (北湖区 2018 annual report, 政府采购信息公开): "全区政府采购限额以上项目205个，采购资金19987万元，
其中货物采购7727万元，工程项目采购8209万元，服务类项目4051万元。通过公开招标、竞争性谈判等形式，节约资金
635万元……在网上竞价平台通过网上竞价采购各类电子产品，申报采购资金为1138万元，成交资金为1102万元，比采购
申报资金减少36万元".

How the demo reads it (decisions written down here and in the README):

- 采购资金 is the contract amount (中标、成交金额: the usual meaning of 采购规模), so the 205
  projects' contract amounts sum to exactly 199,870,000.00 元 — goods 77,270,000.00, works
  82,090,000.00, services 40,510,000.00 — and their budgets to 206,220,000.00 (savings 6,350,000.00).
- The online bidding projects are among the 205 (goods): 24 projects whose budgets (申报采购资金)
  sum to 11,380,000.00 元 and contract amounts (成交资金) to 11,020,000.00 — so 36 of the 635 万元
  saved are theirs.
- The rates follow from the records: 635 ÷ 20,622 = 3.08 % overall, 36 ÷ 1,138 = 3.16 % for online
  bidding. The seed prints 3.06 % and 3.22 %, which none of its own amounts give; the platform
  never takes a typed rate (a test holds both computed rates).

Per-project amounts are synthetic but plausible: whole 元, above the 限额 of their type, spread
log-normally and summing exactly (the last cent is put on the largest project). Each project has
its dates, a synthetic supplier (a credit code that passes its check character) and its result
notice, brought in as the old site's published item; a handful were published late, so the
timeliness flags have something to show. Intention notices did not exist in 2018 (财库〔2020〕10号).
All of it is history, written in bulk without audit events. Then three projects of this year go
through the real actions (the education department's editor): an intention drafted for review, a
planned project whose intention is overdue, and an award whose result notice is due.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.lib.registry import DemoStep
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.procurement import actions, notices
from gongkai.procurement.models import Method, Notice, NoticeKind, ProcurementType, Project, ProjectState
from gongkai.workcal.calendar import Basis, add_working_days, is_working_day

YEAR = 2018
G, W, S = ProcurementType.GOODS, ProcurementType.WORKS, ProcurementType.SERVICES
M = Method

# The seed's amounts in 元 (contract amounts; budgets = contract + savings).
CONTRACT_TOTAL = {G: 77_270_000, W: 82_090_000, S: 40_510_000}
SAVINGS_TOTAL = 6_350_000
ONLINE = {"projects": 24, "budget": 11_380_000, "contract": 11_020_000}

# (type, method, number of projects); 205 in all, the online bidding ones among the goods.
PLAN: list[tuple[str, str, int]] = [
    (G, M.OPEN_TENDER, 30),
    (G, M.COMPETITIVE_NEGOTIATION, 11),
    (G, M.COMPETITIVE_CONSULTATION, 10),
    (G, M.INQUIRY, 16),
    (G, M.SINGLE_SOURCE, 4),
    (G, M.ONLINE_BIDDING, ONLINE["projects"]),
    (W, M.OPEN_TENDER, 26),
    (W, M.INVITED_TENDER, 3),
    (W, M.COMPETITIVE_CONSULTATION, 9),
    (W, M.COMPETITIVE_NEGOTIATION, 4),
    (S, M.OPEN_TENDER, 24),
    (S, M.COMPETITIVE_CONSULTATION, 24),
    (S, M.COMPETITIVE_NEGOTIATION, 14),
    (S, M.SINGLE_SOURCE, 6),
]
# The least a project of each type is (限额以上), in 元.
MINIMUM = {G: 200_000, W: 600_000, S: 200_000, "online": 150_000}
# How much of its budget a project of each method typically saves (a range, before scaling).
SAVING_RATES = {
    M.OPEN_TENDER: (0.02, 0.09),
    M.INVITED_TENDER: (0.01, 0.05),
    M.COMPETITIVE_NEGOTIATION: (0.005, 0.05),
    M.COMPETITIVE_CONSULTATION: (0.01, 0.06),
    M.INQUIRY: (0.01, 0.07),
    M.SINGLE_SOURCE: (0.0, 0.0),
    M.ONLINE_BIDDING: (0.01, 0.06),
}
# Working days from the start to the supplier chosen, per method (tenders need 20 days and more).
DAYS_TO_AWARD = {M.OPEN_TENDER: (22, 40), M.INVITED_TENDER: (22, 35), M.ONLINE_BIDDING: (3, 7)}
LATE_RESULTS = 7  # result notices the old site published late

SUBJECTS = {
    G: [
        ("教育局", ["学生课桌椅", "多媒体教学设备", "实验室仪器", "图书", "学生宿舍床具", "录播教室设备"]),
        ("卫健局", ["医用耗材", "DR数字化X线摄影系统", "彩色多普勒超声诊断仪", "救护车", "疫苗冷链设备"]),
        ("公安分局", ["执法记录仪", "警用装备", "视频监控设备", "办案区设备"]),
        ("城管局", ["环卫车辆", "垃圾收集容器", "园林机械"]),
        ("农业农村局", ["农机具", "动物防疫物资", "农药残留检测设备"]),
        ("应急局", ["应急救援物资", "防汛物资"]),
        ("区政府办", ["办公家具", "公务用车", "会议系统设备"]),
        ("市监局", ["食品快速检测设备", "计量检定设备"]),
    ],
    W: [
        ("住建局", ["老旧小区改造工程", "保障性住房配套工程", "市政道路提质改造工程"]),
        ("交通局", ["农村公路建设工程", "危桥改造工程", "公路安全生命防护工程"]),
        ("水利局", ["小型水库除险加固工程", "河道整治工程", "农村饮水安全巩固提升工程"]),
        ("城管局", ["排水管网改造工程", "公园提质改造工程", "公厕新建改造工程"]),
        ("教育局", ["校舍维修改造工程", "学校运动场改造工程", "学校食堂改造工程"]),
        ("自然资源局", ["土地整理项目工程", "地质灾害治理工程"]),
    ],
    S: [
        ("区政府办", ["物业管理服务", "公务车辆定点维修服务", "机关食堂经营服务"]),
        ("财政局", ["财政投资评审服务", "政府采购代理服务", "会计师事务所审计服务"]),
        ("教育局", ["学生校车服务", "校园安保服务", "教师培训服务"]),
        ("卫健局", ["医疗废物处置服务", "健康体检服务"]),
        ("城管局", ["道路清扫保洁服务", "园林绿化养护服务"]),
        ("司法局", ["法律顾问服务", "社区矫正信息化运维服务"]),
        ("人社局", ["职业技能培训服务", "人事考试组织服务"]),
        ("统计局", ["统计调查服务"]),
    ],
}
ONLINE_SUBJECTS = [
    "台式计算机",
    "笔记本电脑",
    "激光打印机",
    "复印机",
    "投影仪",
    "多功能一体机",
    "服务器",
    "交换机",
]
SUPPLIER_WORDS = "恒信华宇鑫达正泰永盛博远联创天成瑞丰金辉宏图长青新世纪科达盛源鸿运汇通"
SUPPLIER_KIND = {
    G: ["科技有限公司", "贸易有限公司", "设备有限公司", "商贸有限公司"],
    W: ["建设工程有限公司", "建筑有限公司", "市政工程有限公司", "水利水电工程有限公司"],
    S: ["物业管理有限公司", "信息技术有限公司", "咨询有限公司", "服务有限公司"],
}


def _split(total: int, n: int, minimum: int, rng: random.Random) -> list[int]:
    """``n`` whole amounts of at least ``minimum``, log-normally spread, summing to ``total``."""
    weights = [math.exp(rng.gauss(0, 0.8)) for _i in range(n)]
    spare = total - n * minimum
    assert spare >= 0
    amounts = [minimum + int(spare * w / sum(weights)) for w in weights]
    amounts[amounts.index(max(amounts))] += total - sum(amounts)
    return amounts


def _savings(contracts: list[int], methods: list[str], total: int, rng: random.Random) -> list[int]:
    """Savings per project, in proportion to a plausible rate of its method, summing to ``total``."""
    weights = [c * rng.uniform(*SAVING_RATES[m]) for c, m in zip(contracts, methods, strict=True)]
    amounts = [int(total * w / sum(weights)) for w in weights]
    amounts[amounts.index(max(amounts))] += total - sum(amounts)
    return amounts


def _working_day_on_or_after(day: dt.date) -> dt.date:
    while not is_working_day(day, basis=Basis.PROVISIONAL):
        day += dt.timedelta(days=1)
    return day


def _unit(district: Organisation, short: str, rng: random.Random, cache: dict) -> Organisation:
    """The department, or now and then one of its budget units (a school, a hospital …)."""
    if short not in cache:
        dept = Organisation.objects.filter(district=district, short_name=short).first() or district
        cache[short] = (dept, list(Organisation.objects.filter(parent=dept, kind=OrgKind.BUDGET_UNIT)))
    dept, units = cache[short]
    return rng.choice(units) if units and rng.random() < 0.4 else dept


def _supplier(type: str, rng: random.Random, serial: int) -> tuple[str, str]:
    from gongkai.accounts.factories import make_uscc

    words = "".join(rng.sample(SUPPLIER_WORDS, 2))
    name = f"{rng.choice(['郴州市', '湖南', '郴州'])}{words}{rng.choice(SUPPLIER_KIND[type])}"
    return name, make_uscc(70_000_000 + serial, region="431000", category="91")


def _history(district: Organisation, rng: random.Random) -> list[Project]:
    rows: list[tuple[str, str]] = [(t, m) for t, m, n in PLAN for _i in range(n)]
    contracts: dict[int, int] = {}
    savings: dict[int, int] = {}
    for type in (G, W, S):
        index = [i for i, (t, m) in enumerate(rows) if t == type and m != M.ONLINE_BIDDING]
        total = CONTRACT_TOTAL[type] - (ONLINE["contract"] if type == G else 0)
        for i, amount in zip(index, _split(total, len(index), MINIMUM[type], rng), strict=True):
            contracts[i] = amount
    online = [i for i, (_t, m) in enumerate(rows) if m == M.ONLINE_BIDDING]
    for i, amount in zip(
        online, _split(ONLINE["contract"], len(online), MINIMUM["online"], rng), strict=True
    ):
        contracts[i] = amount
    others = [i for i in range(len(rows)) if i not in set(online)]
    other_savings = SAVINGS_TOTAL - (ONLINE["budget"] - ONLINE["contract"])
    for group, total in ((others, other_savings), (online, ONLINE["budget"] - ONLINE["contract"])):
        found = _savings([contracts[i] for i in group], [rows[i][1] for i in group], total, rng)
        savings.update(zip(group, found, strict=True))

    cache: dict = {}
    projects = []
    late = set(rng.sample([i for i in range(len(rows)) if rows[i][1] != M.ONLINE_BIDDING], LATE_RESULTS))
    for i, (type, method) in enumerate(rows):
        if method == M.ONLINE_BIDDING:
            short, subject = (
                rng.choice(["教育局", "区政府办", "卫健局", "财政局", "人社局"]),
                rng.choice(ONLINE_SUBJECTS),
            )
            name_tail = f"{subject}网上竞价采购"
        else:
            short, subjects = rng.choice(SUBJECTS[type])
            name_tail = rng.choice(subjects) + ("采购" if type == G else "项目" if type == W else "采购项目")
        organisation = _unit(district, short, rng, cache)
        # Started by mid-October, so that every result notice is out in 2018 (the catalog's demo
        # counts these 205 among the seed's 2018 items of 政府采购, OTHER_STEPS_2018).
        started = _working_day_on_or_after(dt.date(YEAR, 1, 15) + dt.timedelta(days=rng.randrange(0, 273)))
        low, high = DAYS_TO_AWARD.get(method, (6, 16))
        chosen = add_working_days(started, rng.randrange(low, high + 1))
        signed = chosen + dt.timedelta(days=rng.randrange(5, 26))
        supplier, code = _supplier(type, rng, i)
        contract = Decimal(contracts[i])
        projects.append(
            Project(
                district=district,
                organisation=organisation,
                code=f"BHCG-{YEAR}-{i + 1:03d}",
                name=f"{organisation.short_name}{name_tail}",
                year=YEAR,
                type=type,
                method=method,
                requirements=f"{name_tail}，具体技术参数和服务要求详见采购文件",
                budget=contract + savings[i],
                planned_start_on=started,
                started_on=started,
                supplier_chosen_on=chosen,
                contract_signed_on=signed,
                supplier_name=supplier,
                supplier_code=code,
                contract_amount=contract,
                state=ProjectState.CONTRACTED,
                created_at=timezone.make_aware(dt.datetime.combine(started, dt.time(9, 0))),
                updated_at=timezone.make_aware(dt.datetime.combine(signed, dt.time(9, 0))),
            )
        )
        projects[-1].late = i in late  # type: ignore[attr-defined]
    return projects


def _publish_results(projects: list[Project], rng: random.Random) -> None:
    """Each project's result notice, as the old site published it (a few late)."""
    made = []
    for project in projects:
        days = rng.randrange(3, 7) if project.late else rng.choice([1, 1, 2, 2, 2])  # type: ignore[attr-defined]
        day = add_working_days(project.supplier_chosen_on, days)
        published = timezone.make_aware(dt.datetime.combine(day, dt.time(10, rng.randrange(0, 60))))
        ref = notices.import_notice(project, NoticeKind.RESULT, published_at=published)
        made.append(Notice(project=project, kind=NoticeKind.RESULT, item_id=ref.id, drafted_at=published))
    Notice.objects.bulk_create(made)


@transaction.atomic
def _load_history(district: Organisation, stdout) -> None:
    rng = random.Random(f"procurement-{district.code}")
    projects = _history(district, rng)
    created = Project.objects.bulk_create(projects)  # the same instances, with their keys
    _publish_results(created, rng)
    stdout.write(f"    政府采购 {YEAR} 年项目 {len(created)} 个，结果公告 {len(created)} 条")


def _live(district: Organisation) -> None:
    """This year's projects of the education department, through the real actions."""
    from gongkai.accounts.models import User
    from gongkai.accounts.roles import Role

    edu = Organisation.objects.filter(district=district, short_name="教育局").first()
    editor = (
        User.objects.filter(memberships__role=Role.EDITOR, memberships__organisation=edu)
        .order_by("pk")
        .first()
        if edu
        else None
    )
    if editor is None:
        return
    school = (
        Organisation.objects.filter(parent=edu, kind=OrgKind.BUDGET_UNIT).order_by("sort_order", "pk").first()
    )
    today = timezone.localdate()
    year = today.year

    def make(code, **values):
        return actions.create_project(actor=editor, code=f"BHCG-{year}-{code}", year=year, **values)

    # An intention drafted in time (40 days ahead), waiting for the catalog's review.
    furniture = make(
        "J01",
        organisation=edu,
        name="教育局中小学学生课桌椅采购",
        type=G,
        method=M.OPEN_TENDER,
        budget=Decimal("1860000.00"),
        requirements="中小学学生课桌椅 3100 套，符合 GB/T 3976-2014，含送货安装",
        planned_start_on=today + dt.timedelta(days=40),
    )
    actions.draft_notice(furniture, NoticeKind.INTENTION, actor=editor)
    # A planned project starting in 20 days whose intention was never published: overdue.
    make(
        "J02",
        organisation=school or edu,
        name=f"{(school or edu).short_name}校园安保服务采购",
        type=S,
        method=M.COMPETITIVE_CONSULTATION,
        budget=Decimal("420000.00"),
        requirements="校园安保服务一年，保安 8 名",
        planned_start_on=today + dt.timedelta(days=20),
    )
    # An award of yesterday: its result notice is due within 2 working days.
    repair = make(
        "J03",
        organisation=edu,
        name="教育局校舍维修改造工程",
        type=W,
        method=M.COMPETITIVE_CONSULTATION,
        budget=Decimal("960000.00"),
        requirements="三所学校校舍屋面防水和外墙维修",
        planned_start_on=today - dt.timedelta(days=25),
    )
    actions.start_procurement(repair, actor=editor, started_on=today - dt.timedelta(days=20))
    supplier, code = _supplier(W, random.Random(f"live-{district.code}"), 999)
    actions.award(
        repair,
        actor=editor,
        supplier_name=supplier,
        supplier_code=code,
        contract_amount=Decimal("931500.00"),
        supplier_chosen_on=today - dt.timedelta(days=1),
    )


def load_procurement(district: Organisation, *, stdout) -> None:
    if Project.objects.filter(district=district).exists():
        return
    _load_history(district, stdout)
    _live(district)


DEMO_STEPS = [DemoStep("procurement", 58, load_procurement)]
