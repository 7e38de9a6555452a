"""Demo data for 公示公告: the seed's 2018 lists and notices, and a few of this month's.

The seed (北湖区 2018 annual report, 公共资源配置 and 公共服务信息公开情况):

- 全年共分房1447户，其中廉租房77户，公租房1370户 — four 公租房 allocation lists (1,370 households) and
  two 廉租房 lists (77), plus two 申购资格认定 lists (not counted as allocations);
- 危房改造 享受中省补助的四类危改对象102户，享受区财政补助的已脱贫户104户 — one list each;
- 城市低保累计保障43003人，累计发放低保资金1401.2133万元；农村低保累计保障28075人，651.574万元 —
  twelve monthly lists each, whose people and amounts sum to those figures exactly (a household
  appears in every month it is supported, so people are person-months);
- 17个建设用地项目的征地信息; 公示5个探矿权项目; 征收通告2个、征收决定通告6个 (with two 补偿方案
  and one 补偿决定, which the seed mentions without a count).

``stats.report_figures(district, 2018)`` reads every one of them back (measured on the full demo;
the tests load a smaller year through the same code and read it back, and check the monthly plan
at the seed's scale). Names are
synthetic (``gongkai.lib.synthetic``), ID numbers are of the district's region code and pass their
check digit, phones, bank accounts and addresses are made up. All of 2018 is history: written in
bulk, its notices brought in as the old site's published items, its periods long over.

Then this month, through the real actions, by a 民政局 editor (``mz-editor``, the demo password):
the current urban 低保 list imported from a sheet and public within its period, with an objection
waiting; last month's rural list, just expired and taken down by the periodic job's action; and a
draft rural list for the demo user to release.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.db import transaction
from django.utils import timezone

from gongkai.lib.registry import DemoStep
from gongkai.lib.synthetic import person_name
from gongkai.lib.validators import id_check_digit
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.publicity import actions, importer, notices, public
from gongkai.publicity.kinds import Kind, spec
from gongkai.publicity.models import Entry, Publicity, PublicRow, State

REGION = "431002"  # 郴州市北湖区
YEAR = 2018



@dataclass(frozen=True)
class Figures:
    """What the year's demo lists and notices add up to."""

    dibao: dict[str, tuple[int, Decimal]]  # kind → (people summed over the months, yuan)
    public_rental: tuple[int, ...]  # households per allocation list
    low_rent: tuple[int, ...]
    eligibility: tuple[int, ...]
    renovation: dict[str, int]
    land_projects: int
    mining_projects: int
    expropriation_notices: int
    expropriation_decisions: int


# The seed's figures.
SEED = Figures(
    dibao={
        Kind.URBAN_DIBAO: (43003, Decimal("14012133.00")),  # 43,003 person-months, 1,401.2133 万元
        Kind.RURAL_DIBAO: (28075, Decimal("6515740.00")),  # 28,075 person-months, 651.574 万元
    },
    public_rental=(402, 351, 318, 299),  # 1,370
    low_rent=(40, 37),  # 77
    eligibility=(126, 94),
    renovation={Kind.RENOVATION_CENTRAL: 102, Kind.RENOVATION_DISTRICT: 104},
    land_projects=17,
    mining_projects=5,
    expropriation_notices=2,
    expropriation_decisions=6,
)

SIZES = (1, 2, 3, 4, 5)
SIZE_WEIGHTS = (34, 31, 20, 10, 5)
CATEGORY_WEIGHTS = {"A类": 1.35, "B类": 1.0, "C类": 0.7}
ROADS = ["人民路", "燕泉路", "五岭大道", "国庆北路", "南湖路", "青年大道", "苏仙北路", "解放路", "北湖路"]
ESTATES = ["燕泉公租房小区", "石盖塘保障房小区", "下湄桥安置小区", "华塘保障性住房小区", "增福廉租房小区"]
LAYOUTS = (("一室一厅", 40), ("两室一厅", 52), ("两室一厅", 58), ("三室一厅", 68))
VILLAGE_SYLLABLES = "吴山塘溪石桥东西南北新大小龙凤花林田洞口坪湾冲岭"


def id_number(rng: random.Random, *, region: str = REGION, born: dt.date | None = None) -> str:
    """A synthetic 18-character ID number of the district's region that passes its check digit."""
    if born is None:
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 65))
    first17 = f"{region}{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + id_check_digit(first17)


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class _People:
    """Synthetic households of the district's towns and streets."""

    def __init__(self, rng: random.Random, streets: list[str], towns: list[str]):
        self.rng, self.streets, self.towns = rng, streets, towns
        self.villages = {t: self._villages(t, "社区" if t in streets else "村") for t in streets + towns}
        self.used_ids: set[str] = set()

    def _villages(self, town: str, suffix: str) -> list[str]:
        rng = self.rng
        names = {rng.choice(VILLAGE_SYLLABLES) + rng.choice(VILLAGE_SYLLABLES) + suffix for _ in range(6)}
        return sorted(names)

    def household(self, *, urban: bool) -> dict:
        rng = self.rng
        town = rng.choice(self.streets if urban else self.towns)
        village = rng.choice(self.villages[town])
        while True:
            number = id_number(rng)
            if number not in self.used_ids:
                self.used_ids.add(number)
                break
        if urban:
            address = (
                f"郴州市北湖区{town}{rng.choice(ROADS)}{rng.randrange(1, 400)}号"
                f"{rng.randrange(1, 12)}栋{rng.randrange(1, 4)}单元{rng.randrange(1, 7)}0{rng.randrange(1, 4)}室"
            )
        else:
            address = f"郴州市北湖区{town}{village}{rng.randrange(1, 12)}组{rng.randrange(1, 80)}号"
        return {
            "town": town,
            "village": village,
            "name": person_name(rng),
            "id_number": number,
            "phone": f"1{rng.choice('3578')}{rng.randrange(0, 10)}{rng.randrange(10**7, 10**8)}",
            "bank_account": f"6217{rng.randrange(10**14, 10**15)}",
            "address": address,
            "people": rng.choices(SIZES, weights=SIZE_WEIGHTS)[0],
            "category": rng.choices(list(CATEGORY_WEIGHTS), weights=(25, 50, 25))[0],
        }


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _month(pool: list[dict], rng: random.Random, people: int, amount: int, kind: str) -> list[dict]:
    """One month's households: their people sum to ``people`` and their amounts to ``amount``
    yuan exactly (amounts by people and category, in whole yuan)."""
    order = rng.sample(pool, len(pool))
    chosen, left = [], people
    for h in order:
        if left <= 0:
            break
        size = min(h["people"], left)
        chosen.append({**h, "people": size})
        left -= size
    if left > 0:
        raise ValueError(f"{kind}: the pool is too small for {people} people")
    weights = [h["people"] * CATEGORY_WEIGHTS[h["category"]] for h in chosen]
    scale = amount / sum(weights)
    amounts = [int(w * scale) for w in weights]
    for i in range(amount - sum(amounts)):
        amounts[i % len(amounts)] += 1
    for h, a in zip(chosen, amounts, strict=True):
        h["amount"] = Decimal(a)
    chosen.sort(key=lambda h: (h["town"], h["village"]))
    return chosen


def _publish(publicity: Publicity, entries: list[Entry], published_on: dt.date, *, history: bool = True) -> None:
    """Mask and publish a list as the old site did: the projection, then the notice as a
    published item (``notices.import_notice``), the period started that day."""
    PublicRow.objects.bulk_create([public.project_entry(e) for e in entries], batch_size=2000)
    if not publicity.is_list:
        publicity.public_facts = public.project_facts(publicity)
    notice = notices.import_notice(publicity, actor=None, published_at=_moment(published_on))
    publicity.notice_item_id = notice.id
    publicity.period_starts_on = published_on
    publicity.released_at = _moment(published_on, 9)
    end = publicity.period_ends_on
    if history and end is not None and end < timezone.localdate():
        publicity.state, publicity.ended_on = State.ENDED, end + dt.timedelta(days=1)
    else:
        publicity.state = State.RELEASED
    publicity.save()


def _list(district, org, kind, title, households, published_on, month=None) -> Publicity:
    publicity = Publicity.objects.create(
        district=district,
        organisation=org,
        kind=kind,
        title=title,
        year=YEAR,
        month=month,
        period_days=spec(kind).period_days,
        description=f"根据有关规定，现将{title.removeprefix('北湖区')}予以公示。",
    )
    entries = [Entry(publicity=publicity, number=n, **h) for n, h in enumerate(households, start=1)]
    Entry.objects.bulk_create(entries, batch_size=2000)
    _publish(publicity, entries, published_on)
    return publicity


def dibao_plan(figures: Figures, people: _People, rng: random.Random):
    """(kind, month, households) of the year's monthly 低保 lists, their people and amounts summing
    to ``figures.dibao`` exactly."""
    for kind, (total_people, total_amount) in figures.dibao.items():
        urban = kind == Kind.URBAN_DIBAO
        per_month = _split(total_people, 12)
        amounts = _split(int(total_amount), 12)
        pool = [people.household(urban=urban) for _ in range(int(max(per_month) / 2.2 * 1.15) + 3)]
        for month in range(1, 13):
            yield kind, month, _month(pool, rng, per_month[month - 1], amounts[month - 1], kind)


def _dibao(district, org, people: _People, rng: random.Random, figures: Figures) -> int:
    made = 0
    for kind, month, households in dibao_plan(figures, people, rng):
        label = "城市" if kind == Kind.URBAN_DIBAO else "农村"
        made += len(households)
        _list(
            district,
            org,
            kind,
            f"北湖区{YEAR}年{month}月{label}最低生活保障对象公示",
            households,
            _weekday(dt.date(YEAR, month, 5)),
            month,
        )
    return made


def _housing(district, org, people: _People, rng: random.Random, figures: Figures) -> None:
    def allocated(n: int, rent_rate: Decimal) -> list[dict]:
        out = []
        for _ in range(n):
            h = people.household(urban=True)
            layout, area = rng.choice(LAYOUTS)
            area_value = Decimal(area) + Decimal(rng.randrange(0, 40)) / 10
            out.append(
                {
                    **h,
                    "category": layout,
                    "detail": rng.choice(ESTATES),
                    "area": area_value,
                    "amount": (area_value * rent_rate).quantize(Decimal("0.01")),
                }
            )
        return out

    for i, n in enumerate(figures.public_rental, start=1):
        _list(
            district, org, Kind.PUBLIC_RENTAL, f"北湖区{YEAR}年第{i}批公共租赁住房分配结果公示",
            allocated(n, Decimal("6.50")), _weekday(dt.date(YEAR, 3 * i, 12)),
        )
    for i, n in enumerate(figures.low_rent, start=1):
        _list(
            district, org, Kind.LOW_RENT, f"北湖区{YEAR}年第{i}批廉租住房分配结果公示",
            allocated(n, Decimal("1.20")), _weekday(dt.date(YEAR, 5 * i, 18)),
        )
    for i, n in enumerate(figures.eligibility, start=1):
        rows = []
        for _ in range(n):
            h = people.household(urban=True)
            rows.append({**h, "category": rng.choice(("公租房", "公租房", "廉租房")), "detail": "符合申请条件"})
        _list(
            district, org, Kind.HOUSING_ELIGIBILITY, f"北湖区{YEAR}年第{i}批公（廉）租房申购资格审核结果公示",
            rows, _weekday(dt.date(YEAR, 4 * i, 20)),
        )
    for kind, n in figures.renovation.items():
        rows = []
        for _ in range(n):
            h = people.household(urban=False)
            rebuild = rng.random() < 0.45
            if kind == Kind.RENOVATION_CENTRAL:
                category = rng.choice(spec(kind).category_choices)
                amount = Decimal(rng.choice((18000, 20000, 23000))) if rebuild else Decimal(rng.choice((6000, 8000, 10000)))
            else:
                category = "已脱贫户"
                amount = Decimal(rng.choice((10000, 12000))) if rebuild else Decimal(rng.choice((4000, 5000, 6000)))
            rows.append({**h, "category": category, "detail": "拆除重建" if rebuild else "修缮加固", "amount": amount})
        label = "享受中央和省级补助的四类重点对象" if kind == Kind.RENOVATION_CENTRAL else "享受区财政补助的已脱贫户"
        _list(
            district, org, kind, f"北湖区{YEAR}年农村危房改造补助对象（{label}）公示", rows,
            _weekday(dt.date(YEAR, 7 if kind == Kind.RENOVATION_CENTRAL else 8, 10)),
        )


def _notice(district, org, kind, title, published_on, facts, doc_number="", **extra) -> Publicity:
    publicity = Publicity.objects.create(
        district=district,
        organisation=org,
        kind=kind,
        title=title,
        year=YEAR,
        doc_number=doc_number,
        period_days=spec(kind).period_days,
        facts=facts,
        **extra,
    )
    _publish(publicity, [], published_on)
    return publicity


def _notices(district, land_org, housing_org, people: _People, rng: random.Random, figures: Figures) -> None:
    towns = people.towns + people.streets
    for n in range(1, figures.land_projects + 1):
        town = rng.choice(towns)
        villages = "、".join(rng.sample(people.villages[town], 2))
        area = Decimal(rng.randrange(150, 2600)) / 100
        _notice(
            district, land_org, Kind.LAND_ACQUISITION, f"北湖区{YEAR}年第{n}批次城市建设用地征收土地信息公开",
            _weekday(dt.date(YEAR, 1 + (n - 1) * 11 // figures.land_projects, 8 + n % 15)),
            {
                "project": f"北湖区{YEAR}年第{n}批次城市建设用地",
                "approval": "湖南省人民政府",
                "location": f"{town}{villages}",
                "area": str(area),
                "farmland": str((area * Decimal("0.82")).quantize(Decimal("0.01"))),
                "standard": "按湖南省征地补偿区片综合地价标准执行",
                "resettlement": "货币安置、纳入社会保障",
            },
            doc_number=f"湘政土批〔{YEAR}〕{100 + n * 7}号",
        )
    minerals = ["铅锌矿", "萤石矿", "钨矿", "锡矿", "石灰岩"]
    for n in range(1, figures.mining_projects + 1):
        town = rng.choice(people.towns)
        _notice(
            district, land_org, Kind.MINING_RIGHT, f"郴州市北湖区{town}{minerals[n - 1]}普查探矿权出让公示",
            _weekday(dt.date(YEAR, 2 * n, 15)),
            {
                "project": f"郴州市北湖区{town}{minerals[n - 1]}普查",
                "mineral": minerals[n - 1],
                "holder": f"郴州市{rng.choice(['湘南', '北湖', '五岭', '南岭'])}矿业有限公司",
                "area": str(Decimal(rng.randrange(120, 2400)) / 100),
                "method": rng.choice(["挂牌出让", "协议出让"]),
                "term": "三年",
            },
        )
    projects = ["燕泉路棚户区改造项目", "下湄桥片区城市更新项目", "北湖公园周边环境整治项目",
                "郴江河北湖段防洪工程", "五岭大道拓宽改造工程", "人民路老旧小区改造项目"]
    for n in range(figures.expropriation_notices):
        _notice(
            district, housing_org, Kind.EXPROPRIATION_NOTICE, f"关于{projects[n]}国有土地上房屋征收的通告",
            _weekday(dt.date(YEAR, 3 + n * 4, 6)),
            {
                "project": projects[n],
                "scope": f"东至{ROADS[n]}、南至{ROADS[n + 1]}、西至{ROADS[n + 2]}、北至{ROADS[n + 3]}",
                "department": "北湖区住房和城乡建设局",
                "agency": "北湖区房屋征收与补偿事务中心",
                "households": rng.randrange(60, 300),
            },
        )
        _notice(
            district, housing_org, Kind.COMPENSATION_PLAN, f"{projects[n]}国有土地上房屋征收补偿方案（征求意见稿）",
            _weekday(dt.date(YEAR, 3 + n * 4, 20)),
            {
                "project": projects[n],
                "scope": f"{ROADS[n]}至{ROADS[n + 3]}之间",
                "standard": f"住宅房屋按评估价补偿，另给予{rng.choice([5, 8, 10])}%的签约奖励",
                "resettlement": "货币补偿或产权调换，由被征收人选择",
            },
        )
    for n in range(figures.expropriation_decisions):
        _notice(
            district, housing_org, Kind.EXPROPRIATION_DECISION, f"北湖区人民政府关于{projects[n]}房屋征收决定的公告",
            _weekday(dt.date(YEAR, 4 + n, 16)),
            {
                "project": projects[n],
                "scope": f"{ROADS[n]}至{ROADS[(n + 3) % len(ROADS)]}之间",
                "households": rng.randrange(40, 260),
                "floor_area": str(rng.randrange(4000, 40000)),
                "compensation": "货币补偿或产权调换",
                "remedy": "被征收人对征收决定不服的，可在公告之日起60日内申请行政复议，或在6个月内提起行政诉讼",
            },
            doc_number=f"北政征〔{YEAR}〕{n + 1}号",
        )
    h = people.household(urban=True)
    _notice(
        district, housing_org, Kind.COMPENSATION_DECISION, f"{projects[0]}房屋征收补偿决定书（公告送达）",
        _weekday(dt.date(YEAR, 11, 12)),
        {"project": projects[0], "amount": "386420.00", "remedy": "可在公告之日起60日内申请行政复议，或在6个月内提起行政诉讼"},
        doc_number=f"北政征补〔{YEAR}〕1号",
        party_name=h["name"],
        party_address=h["address"],
    )


def _org(district: Organisation, short: str) -> Organisation:
    return (
        Organisation.objects.filter(district=district, short_name=short).first()
        or Organisation.objects.filter(district=district, kind=OrgKind.DEPARTMENT).order_by("sort_order").first()
        or district
    )


def _places(district: Organisation) -> tuple[list[str], list[str]]:
    streets = list(
        Organisation.objects.filter(district=district, kind=OrgKind.STREET).values_list("short_name", flat=True)
    )
    towns = list(Organisation.objects.filter(district=district, kind=OrgKind.TOWN).values_list("short_name", flat=True))
    return streets or ["城区街道"], towns or ["城郊镇"]


@transaction.atomic
def _history(district: Organisation, stdout, figures: Figures) -> None:
    rng = random.Random(f"publicity-{district.code}")
    streets, towns = _places(district)
    people = _People(rng, streets, towns)
    civil = _org(district, "民政局")
    housing = _org(district, "住建局")
    land = _org(district, "自然资源局")
    households = _dibao(district, civil, people, rng, figures)
    _housing(district, housing, people, rng, figures)
    _notices(district, land, housing, people, rng, figures)
    stdout.write(f"    {YEAR}年公示公告 {Publicity.objects.filter(district=district).count()} 条，低保名单 {households} 户次")


# --- this month, through the actions --------------------------------------------------------------


def _editor(district: Organisation, org: Organisation):
    """The demo's 民政局 editor: the demo accounts' password (copied from the education editor's)."""
    from gongkai.accounts.models import Membership, User
    from gongkai.accounts.roles import Role

    user = User.objects.filter(username="mz-editor").first()
    if user is None:
        template = User.objects.filter(username="edu-editor").first()
        user = User.objects.create(
            username="mz-editor",
            district=district,
            full_name=person_name(random.Random("mz-editor")),
            title="民政局信息编辑（公示名单）",
            password=template.password if template else "!",
        )
    Membership.objects.get_or_create(user=user, organisation=org, role=Role.EDITOR)
    return user


def _sheet(kind: str, rows: list[dict]) -> BytesIO:
    from openpyxl import Workbook

    cols = importer.columns(kind)
    book = Workbook()
    ws = book.active
    ws.append([c.header for c in cols])
    for row in rows:
        ws.append([str(row.get(c.attr, "")) if row.get(c.attr) is not None else "" for c in cols])
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def _live_list(district, org, editor, people: _People, rng, kind, day: dt.date, n: int, **extra) -> Publicity:
    urban = kind == Kind.URBAN_DIBAO
    label = "城市" if urban else "农村"
    publicity = actions.create_publicity(
        actor=editor,
        organisation=org,
        kind=kind,
        title=f"北湖区{day.year}年{day.month}月{label}最低生活保障对象公示",
        year=day.year,
        month=day.month,
        description="根据《社会救助暂行办法》和《湖南省最低生活保障工作规程》，现将新增和续保对象予以公示。",
        **extra,
    )
    rows = []
    for _ in range(n):
        h = people.household(urban=urban)
        h["amount"] = Decimal(h["people"] * rng.choice((310, 330, 350)))
        rows.append(h)
    actions.import_entries(publicity, _sheet(kind, rows), actor=editor, name="演示名单.xlsx")
    return publicity


def _publish_live(publicity: Publicity, published_on: dt.date) -> None:
    """As the old site's path: mask, bring the notice in as published on ``published_on``."""
    entries = list(Entry.objects.filter(publicity=publicity).order_by("number"))
    _publish(publicity, entries, published_on, history=False)


def _live(district: Organisation, stdout) -> None:
    rng = random.Random(f"publicity-live-{district.code}")
    streets, towns = _places(district)
    people = _People(rng, streets, towns)
    civil = _org(district, "民政局")
    editor = _editor(district, civil)
    today = timezone.localdate()
    # This month's urban list, public since yesterday, within its 7 days.
    current = _live_list(district, civil, editor, people, rng, Kind.URBAN_DIBAO, today, 64)
    _publish_live(current, today - dt.timedelta(days=1))
    actions.record_objection(
        current,
        actor=editor,
        received_on=today,
        content="反映名单中第3户家庭有经营性收入，不符合低保条件，请核实。",
        entry=Entry.objects.filter(publicity=current, number=3).first(),
    )
    # Last month's rural list: published seven days ago, its 7 days over yesterday; the periodic
    # job's action takes it down today.
    last = today.replace(day=1) - dt.timedelta(days=1)
    expired = _live_list(district, civil, editor, people, rng, Kind.RURAL_DIBAO, last, 40)
    _publish_live(expired, today - dt.timedelta(days=7))
    ended = actions.end_periods()
    # The month before: a list released "for good" (长期公开) six weeks ago by mistake — its 7 days
    # long over, its names still on the portal; the supervision check 公示名单期满仍在网上 finds it.
    before = last.replace(day=1) - dt.timedelta(days=1)
    forgotten = _live_list(district, civil, editor, people, rng, Kind.URBAN_DIBAO, before, 20, period_days=None)
    _publish_live(forgotten, today - dt.timedelta(days=40))
    # A draft for the demo user to look at and release.
    _live_list(district, civil, editor, people, rng, Kind.RURAL_DIBAO, today, 12)
    stdout.write(
        f"    本月公示 1 条（公示期内）、上月期满撤下 {ended['ended']} 条、长期公开未撤下 1 条、草稿 1 条（{editor.username}）"
    )


def load_publicity(district: Organisation, *, stdout, figures: Figures = SEED) -> None:
    """The step (idempotent: nothing is added to a district that has publicity already).
    ``figures``: the seed's, or a smaller year for the tests."""
    if Publicity.objects.filter(district=district).exists():
        return
    _history(district, stdout, figures)
    _live(district, stdout)


DEMO_STEPS = [DemoStep("publicity", 60, load_publicity)]
