"""Demo data for the 双公示 registry: a year (2018) of licensing, penalty and enforcement decisions
of the departments that license and penalise, published in weekly batches, a few of them late.

The seed (北湖区 2018 annual report) gives these figures, and the demo's records match them
(``stats.counts_by_category`` and a test read them back):

- 卫计局 (卫健局): 公共场所卫生许可 327 家; 医疗机构执业许可证更改地址、法人 105 家; 医疗机构年度校验 39 家;
  母婴保健服务人员从业资格 195 人; 医师注册 240 人, 护士注册 836 人 — 1,742 licensing decisions, 1,271
  of them to natural persons (独生子女证补证 and 再生育审批 are not licences and are left out);
- 环保北湖分局 (生态环境分局): 建设项目环境影响报告表审批 34 个, 排污许可证 117 个 — 151;
- 食品药品 (市监局): 食品违法案件 34 起, 药品 70 起, 化妆品 2 起 — 106 penalty decisions.

The other departments' figures (城管局, 交通局, 市监局's food licences, the enforcement decisions)
are synthetic, of a plausible size. Every party is synthetic (``gongkai.lib.synthetic``; ID numbers
and credit codes pass their check characters and belong to no one). All of 2018 is history,
written in bulk without audit events; penalties whose publicity period has ended since are
recorded as ended, as the periodic job would have. Then, through the real actions, the education
department's editor records this year's decisions: a licensing batch released (waiting in the
catalog for review) and a penalty left to release — the workbench's to-do.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.factories import make_uscc
from gongkai.decisions import actions, notices, rules
from gongkai.decisions.models import (
    GROUP_OF_KIND,
    Batch,
    BatchGroup,
    Decision,
    DecisionKind,
    DecisionState,
    PartyType,
)
from gongkai.lib.registry import DemoStep
from gongkai.lib.synthetic import person_name
from gongkai.lib.validators import id_check_digit
from gongkai.orgs.models import Organisation
from gongkai.personal.masking import mask_name
from gongkai.workcal.calendar import Basis, add_working_days, is_working_day

YEAR = 2018
L, P, E = DecisionKind.LICENSING, DecisionKind.PENALTY, DecisionKind.ENFORCEMENT
NATURAL, LEGAL, BUSINESS = PartyType.NATURAL, PartyType.LEGAL, PartyType.INDIVIDUAL_BUSINESS

# (department, kind, count, number pattern, title, category, category 2, parties, content, extra)
SPECS: list[tuple] = [
    (
        "卫健局",
        L,
        327,
        "北卫公证字〔2018〕第{n:04d}号",
        "公共场所卫生许可",
        "general",
        "",
        (LEGAL, BUSINESS),
        "准予从事{trade}经营，卫生许可项目：{trade}",
        {"licence_name": "公共场所卫生许可证", "years": 4},
    ),
    (
        "卫健局",
        L,
        105,
        "北卫医变〔2018〕{n}号",
        "医疗机构执业许可变更（地址、法定代表人）",
        "registration",
        "",
        (LEGAL,),
        "准予变更{change}",
        {"licence_name": "医疗机构执业许可证"},
    ),
    (
        "卫健局",
        L,
        39,
        "北卫医校〔2018〕{n}号",
        "医疗机构执业许可校验",
        "other",
        "",
        (LEGAL,),
        "校验合格，校验期限一年",
        {"licence_name": "医疗机构执业许可证"},
    ),
    (
        "卫健局",
        L,
        195,
        "北卫母婴〔2018〕{n}号",
        "母婴保健技术服务人员资格认定",
        "recognition",
        "",
        (NATURAL,),
        "准予从事{service}",
        {"licence_name": "母婴保健技术考核合格证书", "years": 3},
    ),
    (
        "卫健局",
        L,
        240,
        "北卫医师注〔2018〕{n}号",
        "医师执业注册",
        "registration",
        "",
        (NATURAL,),
        "准予医师执业注册，执业范围：{scope}",
        {"licence_name": "医师执业证书"},
    ),
    (
        "卫健局",
        L,
        836,
        "北卫护注〔2018〕{n}号",
        "护士执业注册",
        "registration",
        "",
        (NATURAL,),
        "准予护士执业注册，执业地点：{hospital}",
        {"licence_name": "护士执业证书", "years": 5},
    ),
    (
        "生态环境分局",
        L,
        34,
        "北环审〔2018〕{n}号",
        "建设项目环境影响报告表审批",
        "general",
        "",
        (LEGAL,),
        "同意{project}按报告表所列性质、规模、地点和环境保护措施建设",
        {},
    ),
    (
        "生态环境分局",
        L,
        117,
        "北环排许〔2018〕{n}号",
        "排污许可",
        "general",
        "",
        (LEGAL,),
        "准予按许可事项排放污染物",
        {"licence_name": "排污许可证", "years": 3},
    ),
    (
        "市监局",
        L,
        220,
        "北市监食许〔2018〕{n}号",
        "食品经营许可",
        "general",
        "",
        (LEGAL, BUSINESS, BUSINESS),
        "准予从事{food}",
        {"licence_name": "食品经营许可证", "years": 5},
    ),
    (
        "城管局",
        L,
        48,
        "北城管许〔2018〕{n}号",
        "城市道路占用、挖掘许可",
        "general",
        "",
        (LEGAL,),
        "准予占用、挖掘城市道路，期限三十日",
        {},
    ),
    (
        "城管局",
        L,
        36,
        "北城管广许〔2018〕{n}号",
        "户外广告设施设置许可",
        "general",
        "",
        (LEGAL, BUSINESS),
        "准予设置户外广告设施一处，期限一年",
        {"years": 1},
    ),
    (
        "交通局",
        L,
        62,
        "北交运许〔2018〕{n}号",
        "道路货物运输经营许可",
        "general",
        "",
        (LEGAL, BUSINESS),
        "准予从事道路普通货物运输经营",
        {"licence_name": "道路运输经营许可证", "years": 4},
    ),
    (
        "市监局",
        P,
        34,
        "北市监罚〔2018〕食{n}号",
        "销售不符合食品安全标准的食品案",
        "warning",
        "fine",
        (LEGAL, BUSINESS),
        "警告，并处罚款",
        {
            "law": "《中华人民共和国食品安全法》第一百二十四条",
            "fine": (0.2, 2.0),
            "facts": "当事人经营超过保质期的食品",
        },
    ),
    (
        "市监局",
        P,
        70,
        "北市监罚〔2018〕药{n}号",
        "药品违法经营案",
        "fine",
        "confiscate_income",
        (LEGAL,),
        "没收违法所得，并处罚款",
        {
            "law": "《中华人民共和国药品管理法》第七十二条",
            "fine": (0.5, 8.0),
            "facts": "当事人未按规定储存、销售药品",
            "confiscate": True,
        },
    ),
    (
        "市监局",
        P,
        2,
        "北市监罚〔2018〕化{n}号",
        "销售不符合标准的化妆品案",
        "fine",
        "",
        (BUSINESS,),
        "罚款",
        {
            "law": "《化妆品卫生监督条例》第二十七条",
            "fine": (0.3, 1.0),
            "facts": "当事人销售无中文标签的进口化妆品",
        },
    ),
    (
        "城管局",
        P,
        45,
        "北城管罚决字〔2018〕第{n}号",
        "违反城市市容和环境卫生管理规定案",
        "fine",
        "",
        (NATURAL, BUSINESS, LEGAL),
        "罚款",
        {
            "law": "《城市市容和环境卫生管理条例》第三十四条",
            "fine": (0.01, 0.5),
            "facts": "当事人在城市道路上违规堆放物料、占道经营",
        },
    ),
    (
        "交通局",
        P,
        30,
        "北交罚〔2018〕{n}号",
        "道路运输违法案",
        "fine",
        "",
        (LEGAL, BUSINESS, NATURAL),
        "罚款",
        {
            "law": "《中华人民共和国道路运输条例》第六十三条",
            "fine": (0.3, 3.0),
            "facts": "当事人未取得道路运输经营许可擅自从事道路运输经营",
        },
    ),
    (
        "生态环境分局",
        P,
        12,
        "北环罚〔2018〕{n}号",
        "超标排放大气污染物案",
        "fine",
        "",
        (LEGAL,),
        "责令改正，罚款",
        {
            "law": "《中华人民共和国大气污染防治法》第九十九条",
            "fine": (10.0, 50.0),
            "facts": "当事人超过排放标准排放大气污染物",
        },
    ),
    (
        "卫健局",
        P,
        15,
        "北卫罚〔2018〕{n}号",
        "公共场所卫生违法案",
        "warning",
        "",
        (LEGAL, BUSINESS),
        "警告",
        {
            "law": "《公共场所卫生管理条例》第十四条",
            "facts": "当事人未取得健康合格证明的从业人员直接为顾客服务",
        },
    ),
    (
        "市监局",
        E,
        8,
        "北市监强〔2018〕{n}号",
        "查扣不符合安全标准的食品",
        "seize",
        "",
        (LEGAL, BUSINESS),
        "扣押涉案食品，期限三十日",
        {"law": "《中华人民共和国食品安全法》第一百一十条", "facts": "当事人经营的食品经抽检不合格"},
    ),
    (
        "城管局",
        E,
        10,
        "北城管强〔2018〕{n}号",
        "暂扣占道经营物品",
        "seize",
        "",
        (NATURAL, BUSINESS),
        "暂扣占道经营的物品",
        {
            "law": "《中华人民共和国行政强制法》第二十二条",
            "facts": "当事人占用城市道路经营，经责令改正拒不改正",
        },
    ),
    (
        "生态环境分局",
        E,
        3,
        "北环强〔2018〕{n}号",
        "查封超标排污设施",
        "seal",
        "",
        (LEGAL,),
        "查封超标排放污染物的生产设施",
        {"law": "《中华人民共和国环境保护法》第二十五条", "facts": "当事人超标排放污染物，可能造成严重污染"},
    ),
]
BRANDS = "恒通佳美鑫源康宁润泽华兴新天金桥盛达福瑞永安博雅鸿运瑞丰天成安泰宏图嘉禾明辉锦程兴旺顺达"
TRADES = ["住宿（宾馆）", "美容美发", "沐浴", "游泳", "歌舞厅", "商场（超市）"]
CHANGES = ["执业地址", "法定代表人", "执业地址和法定代表人"]
SERVICES = ["助产技术", "结扎手术", "终止妊娠手术", "婚前医学检查"]
SCOPES = ["内科专业", "外科专业", "妇产科专业", "儿科专业", "口腔专业", "中医专业"]
HOSPITALS = [
    "北湖区人民医院",
    "北湖区中医医院",
    "北湖区妇幼保健计划生育服务中心",
    "人民路街道社区卫生服务中心",
]
FOODS = ["预包装食品（含冷藏冷冻食品）销售", "热食类食品制售", "散装食品销售", "自制饮品制售"]
SUFFIX = {LEGAL: "有限公司", BUSINESS: "经营部"}
# Batches published two weeks after their Monday: the seed says publication was not always timely.
LATE_BATCHES = {
    ("城管局", BatchGroup.PENALTY, 23),
    ("城管局", BatchGroup.PENALTY, 24),
    ("交通局", BatchGroup.LICENSING, 40),
}


class _Parties:
    def __init__(self, rng: random.Random, region: str):
        self.rng, self.region = rng, region
        self.serial = 0
        self.names: set[str] = set()

    def firm(self, kind: str, trade: str) -> tuple[str, str, str]:
        self.serial += 1
        for _attempt in range(200):
            brand = "".join(self.rng.sample(BRANDS, 2))
            name = f"郴州市北湖区{brand}{trade}{SUFFIX[kind]}"
            if name not in self.names:
                break
        else:
            name = f"郴州市北湖区{trade}{SUFFIX[kind]}（{self.serial}）"
        self.names.add(name)
        code = make_uscc(self.serial, region=self.region, category="91" if kind == LEGAL else "92")
        return name, code, person_name(self.rng)

    def person(self) -> tuple[str, str]:
        self.serial += 1
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=self.rng.randrange(0, 38 * 365))
        body = f"{self.region}{birth:%Y%m%d}{self.serial % 1000:03d}"
        return person_name(self.rng), body + id_check_digit(body)


def _working_days(year: int) -> list[dt.date]:
    day, out = dt.date(year, 1, 2), []
    while day.year == year:
        if is_working_day(day, basis=Basis.PROVISIONAL):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _trade(short: str, title: str) -> str:
    return {"卫健局": "宾馆", "生态环境分局": "实业", "城管局": "广告", "交通局": "物流"}.get(short, "商贸")


def _decisions(district: Organisation, orgs: dict[str, Organisation], rng: random.Random) -> list[Decision]:
    days = _working_days(YEAR)
    parties = _Parties(rng, "431002")
    district_rules = rules.rules_for(district)
    made = []
    for short, kind, count, pattern, title, category, category_2, party_types, content, extra in SPECS:
        org = orgs.get(short)
        if org is None:
            continue
        for n, decided_on in enumerate(sorted(rng.choice(days) for _i in range(count)), start=1):
            party = party_types[n % len(party_types)]
            values = {
                "trade": rng.choice(TRADES),
                "change": rng.choice(CHANGES),
                "service": rng.choice(SERVICES),
                "scope": rng.choice(SCOPES),
                "hospital": rng.choice(HOSPITALS),
                "project": f"年产{rng.randrange(1, 50)}万件建材生产线项目",
                "food": rng.choice(FOODS),
            }
            d = Decision(
                district=district,
                organisation=org,
                source=org,
                kind=kind,
                number=pattern.format(n=n),
                title=title,
                category=category,
                category_2=category_2,
                content=content.format(**values),
                licence_name=extra.get("licence_name", ""),
                decided_on=decided_on,
                state=DecisionState.RELEASED,
            )
            if party == NATURAL:
                name, id_number = parties.person()
                d.party_type, d.person_name, d.party_name, d.id_number = (
                    NATURAL,
                    name,
                    mask_name(name),
                    id_number,
                )
            else:
                name, code, rep = parties.firm(party, _trade(short, title))
                d.party_type, d.party_name, d.credit_code, d.legal_rep = party, name, code, rep
            if kind == L:
                d.licence_number = f"{d.number.split('〔')[0]}-{YEAR}-{n:05d}" if d.licence_name else ""
                d.valid_from = decided_on
                if "years" in extra:
                    d.valid_to = decided_on.replace(year=YEAR + extra["years"]) - dt.timedelta(days=1)
            else:
                d.facts = extra["facts"]
                d.basis = extra["law"]
                if "fine" in (category, category_2):
                    low, high = extra["fine"]
                    d.fine_wan = Decimal(str(round(rng.uniform(low, high), 2)))
                    d.content = f"{content}人民币{d.fine_wan}万元"
                if extra.get("confiscate"):
                    d.confiscated_wan = Decimal(str(round(rng.uniform(0.05, 1.5), 2)))
            d.publicity_ends_on = rules.publicity_ends_on(
                kind, [d.category, d.category_2], d.fine_wan, decided_on, district_rules
            )
            made.append(d)
    return made


def _published_at(short: str, group: str, serial: int, last_day: dt.date) -> dt.datetime:
    """The next working day after the week's last decision, at 10:00 — two weeks later for the
    batches that were late."""
    day = add_working_days(last_day, 1, basis=Basis.PROVISIONAL)
    if (short, group, serial) in LATE_BATCHES:
        day += dt.timedelta(days=14)
        while not is_working_day(day, basis=Basis.PROVISIONAL):
            day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


@transaction.atomic
def _history(district: Organisation, stdout) -> None:
    rng = random.Random(f"decisions-{district.code}")
    shorts = {spec[0] for spec in SPECS}
    orgs = {o.short_name: o for o in Organisation.objects.filter(district=district, short_name__in=shorts)}
    if not orgs:
        return
    decisions = _decisions(district, orgs, rng)
    weeks: dict[tuple[int, str, int], list[Decision]] = defaultdict(list)
    for d in decisions:
        weeks[(d.organisation_id, GROUP_OF_KIND[d.kind], d.decided_on.isocalendar()[1])].append(d)
    short_of = {o.pk: short for short, o in orgs.items()}
    serials: dict[tuple[int, str], int] = defaultdict(int)
    batches = []
    for (org_id, group, _week), members in sorted(
        weeks.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1])
    ):
        org = next(o for o in orgs.values() if o.pk == org_id)
        serials[(org_id, group)] += 1
        published_at = _published_at(
            short_of[org_id], group, serials[(org_id, group)], max(d.decided_on for d in members)
        )
        batch = Batch(
            district=district,
            organisation=org,
            group=group,
            title=f"{org.name}{BatchGroup(group).label}信息公示（{YEAR}年第{serials[(org_id, group)]}期）",
            released_at=published_at - dt.timedelta(days=1),
        )
        batches.append((batch, members, published_at))
    Batch.objects.bulk_create([b for b, _m, _p in batches])
    for batch, members, _when in batches:
        for d in members:
            d.batch = batch
    for (batch, _members, _when), ref in zip(batches, notices.import_notices(district, batches), strict=True):
        batch.notice_item_id = ref.id
    Batch.objects.bulk_update([b for b, _m, _p in batches], ["notice_item_id"])
    today = timezone.localdate()
    for d in decisions:
        if d.publicity_ends_on and d.publicity_ends_on < today:
            d.state = DecisionState.ENDED
            d.ended_at = timezone.make_aware(
                dt.datetime.combine(d.publicity_ends_on + dt.timedelta(days=1), dt.time(2))
            )
    Decision.objects.bulk_create(decisions, batch_size=500)
    by_kind = defaultdict(int)
    for d in decisions:
        by_kind[d.kind] += 1
    stdout.write(
        f"    双公示 {YEAR}年：行政许可 {by_kind[L]} 件、行政处罚 {by_kind[P]} 件、行政强制 {by_kind[E]} 件，"
        f"{len(batches)} 期公示（{len(LATE_BATCHES)} 期逾期）"
    )


def _live(district: Organisation) -> None:
    """This year's decisions of the education department, recorded through the actions."""
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
    today = timezone.localdate()
    year = today.year
    rng = random.Random(f"decisions-live-{district.code}")
    parties = _Parties(rng, "431002")
    school, school_code, head = parties.firm(LEGAL, "培训学校")
    teacher, teacher_id = parties.person()
    licence = actions.record_decision(
        actor=editor,
        organisation=edu,
        kind=L,
        number=f"北教民许〔{year}〕3号",
        title="民办学校办学许可",
        category="general",
        content="准予设立民办培训学校，办学内容：文化教育培训",
        licence_name="中华人民共和国民办学校办学许可证",
        licence_number=f"教民1431002{year}0003号",
        party_type=LEGAL,
        party_name=school,
        credit_code=school_code,
        legal_rep=head,
        decided_on=today - dt.timedelta(days=3),
        valid_from=today - dt.timedelta(days=3),
    )
    teacher_licence = actions.record_decision(
        actor=editor,
        organisation=edu,
        kind=L,
        number=f"北教师认〔{year}〕12号",
        title="教师资格认定",
        category="recognition",
        content="认定具备小学教师资格，任教学科：语文",
        party_type=NATURAL,
        party_name=teacher,
        id_number=teacher_id,
        decided_on=today - dt.timedelta(days=2),
    )
    actions.release_batch(
        actor=editor, organisation=edu, group=BatchGroup.LICENSING, decisions=[licence, teacher_licence]
    )
    firm, firm_code, owner = parties.firm(BUSINESS, "托管")
    actions.record_decision(
        actor=editor,
        organisation=edu,
        kind=P,
        number=f"北教罚〔{year}〕2号",
        title="擅自举办文化教育培训案",
        category="warning",
        category_2="fine",
        content="警告，并处罚款人民币0.5万元",
        facts="当事人未经审批擅自举办面向中小学生的文化教育培训",
        basis="《中华人民共和国民办教育促进法》第六十四条",
        fine_wan=Decimal("0.5"),
        party_type=BUSINESS,
        party_name=firm,
        credit_code=firm_code,
        legal_rep=owner,
        decided_on=today - dt.timedelta(days=1),
    )


def load_decisions(district: Organisation, *, stdout) -> None:
    if Decision.objects.filter(district=district).exists():
        return
    _history(district, stdout)
    _live(district)


DEMO_STEPS = [DemoStep("decisions", 54, load_decisions)]
