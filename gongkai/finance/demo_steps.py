"""Demo data for budgets, final accounts and fees.

The seed (北湖区 2018 annual report, 财政资金信息公开情况): "在区政府门户网站集中公布了区本级2017年财政
决算和三公经费决算以及2018年财政预算和三公经费预算。同时，按时公布了全区82个部门预算单位2017年部门财政决算
和三公经费决算以及2018年部门财政预算和三公经费预算". So for the district (区本级) and each of the 82
budget units: 2018's budget and 三公 budget, 2017's final accounts and 三公 final accounts, every one
published within 20 days of its approval — ``stats.completeness(district, 2018)`` reads back 83
units, all complete, none late (a test holds it).

The amounts are synthetic but consistent: each unit's spending is drawn once (``samples.py``) and
every table summed from it; the district's own 三公 figures are the sum of its units'. All of this
is history, written in bulk without audit events, its items brought in as the old site's.

Then this year's cycle, in progress: every unit's budget approved 40 days ago, most published on
time, a few late, a few not yet published (so the board shows lateness whatever the clock reads);
one unit of the education department entered, imported and released through the real actions (its
item waiting for the reviewer and the leader), another left as a draft for the demo's editor. Finally the district's
administrative fees with their 2018 amounts.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.finance import notices, samples, units
from gongkai.finance.models import (
    Disclosure,
    FeeCollection,
    FeeItem,
    FinanceTable,
    Kind,
    Level,
    State,
)
from gongkai.finance.tables import ZERO
from gongkai.lib.registry import DemoStep
from gongkai.orgs.models import Organisation, OrgKind

SEED_YEAR = 2018
BUDGET_APPROVED = dt.date(2018, 2, 9)  # the finance bureau's 批复 of the 2018 department budgets
GOV_BUDGET_APPROVED = dt.date(2018, 1, 19)  # the district people's congress, 2018 budget
FINAL_APPROVED = dt.date(2018, 7, 27)  # 2017 final accounts
GOV_FINAL_APPROVED = dt.date(2018, 7, 20)  # the standing committee, 2017 final accounts


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class _Unit:
    """A unit's drawn year: spending and 三公 amounts, the same draw for its budget and final."""

    def __init__(self, org: Organisation, rng: random.Random):
        self.org = org
        self.scale = Decimal(str(round(rng.uniform(180, 2600), 0)))
        self.spending = samples.draw_spending(rng, samples.profile_for(org.name), self.scale)
        self.tp = samples.ThreePublic.draw(rng, self.scale)
        self.procurement = samples.q(self.scale * Decimal(str(rng.uniform(0.02, 0.08))))

    def tables(self, kind: str) -> dict:
        if kind in (Kind.THREE_PUBLIC_BUDGET, Kind.THREE_PUBLIC_FINAL):
            return samples.three_public_tables(kind, self.tp)
        return samples.department_tables(kind, self.spending, self.tp, final=kind == Kind.FINAL)

    def texts(self, kind: str, fiscal_year: int) -> dict:
        total = self.spending.total
        tp_total = self.tp.totals[1 if kind in (Kind.FINAL, Kind.THREE_PUBLIC_FINAL) else 0]
        return samples.explanation(
            self.org.name, kind, fiscal_year, total=total, tp_total=tp_total, procurement=self.procurement
        )


def _figures(u: _Unit, tables: dict) -> dict:
    """机关运行经费 (the basic expense table's 公用经费) and the procurement figures."""
    basic = next((t for code, t in tables.items() if code.endswith("-6") and t is not None), None)
    goods = samples.q(u.procurement * Decimal("0.55"))
    works = samples.q(u.procurement * Decimal("0.15"))
    return {
        "operating_costs_wan": basic.total(2) if basic is not None else None,
        "procurement_total_wan": u.procurement,
        "procurement_goods_wan": goods,
        "procurement_works_wan": works,
        "procurement_services_wan": u.procurement - goods - works,
        "procurement_sme_wan": samples.q(u.procurement * Decimal("0.8")),
    }


def _disclosure(
    district, unit, publisher, kind, fiscal_year, approved_on, tables, texts, figures, state=State.RELEASED
):
    d = Disclosure(
        district=district,
        unit=unit,
        organisation=publisher,
        level=units.level_of(unit),
        kind=kind,
        fiscal_year=fiscal_year,
        approved_on=approved_on,
        state=state,
        released_at=_at(approved_on, 16) if state == State.RELEASED else None,
        **{k: v for k, v in texts.items() if k in {f.name for f in Disclosure._meta.fields}},
        **(figures or {}),
    )
    return d, tables


def _save(pairs: list[tuple[Disclosure, dict]]) -> list[tuple[Disclosure, list[FinanceTable]]]:
    """The disclosures and their tables, in bulk; each with its table rows (kept for its body)."""
    disclosures = Disclosure.objects.bulk_create([d for d, _t in pairs])
    out = []
    for d, tables in zip(disclosures, [t for _d, t in pairs], strict=True):
        rows = [
            FinanceTable(
                disclosure=d,
                code=code,
                data=data.as_json() if data is not None else {},
                is_empty=data is None,
                note=_spec_note(code) if data is None else "",
                source="财政一体化系统导出",
            )
            for code, data in tables.items()
        ]
        out.append((d, rows))
    FinanceTable.objects.bulk_create([r for _d, rows in out for r in rows])
    return out


def _spec_note(code: str) -> str:
    from gongkai.finance.tables import SPECS

    return SPECS[code].empty_note


def _publish(
    district: Organisation, saved: list[tuple[Disclosure, list[FinanceTable]]], days_after: list[int | None]
) -> None:
    """Each disclosure's item, published ``days_after`` its approval (the old site's, imported in
    one go); None: not published."""
    chosen = [(d, rows, n) for (d, rows), n in zip(saved, days_after, strict=True) if n is not None]
    refs = notices.import_published(
        district, [(d, _at(d.approved_on + dt.timedelta(days=n)), rows) for d, rows, n in chosen], actor=None
    )
    for (d, _rows, _n), ref in zip(chosen, refs, strict=True):
        d.item_id = ref.id
    Disclosure.objects.bulk_update([d for d, _r, _n in chosen], ["item_id"])


def _government_tp(drawn: list[_Unit]) -> samples.ThreePublic:
    def total(part: str, column: int) -> Decimal:
        return sum((getattr(u.tp, part)[column] for u in drawn), ZERO)

    return samples.ThreePublic(
        *[
            (total(p, 0), total(p, 1))
            for p in ("outbound", "vehicle_purchase", "vehicle_operation", "reception")
        ]
    )


GOV_TEXTS = {
    "changes": "全区一般公共预算收入增长主要得益于税收收入稳定增长；支出重点保障教育、社会保障和就业、卫生健康等民生领域。",
    "glossary": "一般公共预算：对以税收为主体的财政收入，安排用于保障和改善民生、推动经济社会发展、维护国家安全、"
    "维持国家机构正常运转等方面的收支预算。政府性基金预算：对依照法律、行政法规的规定在一定期限内向特定对象征收、"
    "收取或者以其他方式筹集的资金，专项用于特定公共事业发展的收支预算。",
    "three_public_changes": "区本级“三公”经费为区直各部门（单位）“三公”经费之和，严格执行中央八项规定精神，持续压减。",
}


@transaction.atomic
def _history(district: Organisation, stdout) -> list[_Unit]:
    rng = random.Random(f"finance-{district.code}")
    bureau = units.finance_bureau(district)
    budget_units = list(units.budget_units(district))
    if bureau is None or not budget_units:
        return []
    drawn = [_Unit(org, rng) for org in budget_units]
    pairs: list[tuple[Disclosure, dict]] = []
    delay: list[int | None] = []
    for u in drawn:
        offset = rng.randrange(0, 5)
        for kind, fy, approved in (
            (Kind.BUDGET, SEED_YEAR, BUDGET_APPROVED + dt.timedelta(days=offset)),
            (Kind.THREE_PUBLIC_BUDGET, SEED_YEAR, BUDGET_APPROVED + dt.timedelta(days=offset)),
            (Kind.FINAL, SEED_YEAR - 1, FINAL_APPROVED + dt.timedelta(days=offset)),
            (Kind.THREE_PUBLIC_FINAL, SEED_YEAR - 1, FINAL_APPROVED + dt.timedelta(days=offset)),
        ):
            tables = u.tables(kind)
            figures = _figures(u, tables) if kind in (Kind.BUDGET, Kind.FINAL) else None
            texts = u.texts(kind, fy)
            if kind in (Kind.THREE_PUBLIC_BUDGET, Kind.THREE_PUBLIC_FINAL):
                texts = {"three_public_changes": texts["three_public_changes"]}
            pairs.append(_disclosure(district, u.org, u.org, kind, fy, approved, tables, texts, figures))
            delay.append(rng.randrange(6, 20))  # 按时: within the 20 days
    gov_tp = _government_tp(drawn)
    for kind, fy, approved in (
        (Kind.BUDGET, SEED_YEAR, GOV_BUDGET_APPROVED),
        (Kind.THREE_PUBLIC_BUDGET, SEED_YEAR, GOV_BUDGET_APPROVED),
        (Kind.FINAL, SEED_YEAR - 1, GOV_FINAL_APPROVED),
        (Kind.THREE_PUBLIC_FINAL, SEED_YEAR - 1, GOV_FINAL_APPROVED),
    ):
        if kind in (Kind.BUDGET, Kind.FINAL):
            tables = samples.government_tables(
                rng, kind, revenue=Decimal("186420.00"), fund=Decimal("94300.00")
            )
        else:
            tables = samples.three_public_tables(kind, gov_tp, level=Level.GOVERNMENT)
        pairs.append(_disclosure(district, district, bureau, kind, fy, approved, tables, GOV_TEXTS, None))
        delay.append(12)
    saved = _save(pairs)
    _publish(district, saved, delay)
    stdout.write(
        f"    预决算公开 {len(saved)} 项（区本级和 {len(drawn)} 个预算单位，2017年决算、2018年预算及“三公”经费）"
    )
    return drawn


@transaction.atomic
def _this_year(district: Organisation, drawn: list[_Unit]) -> None:
    """This year's budgets: approved 40 days ago; most published on time, a few late, a few not yet."""
    today = timezone.localdate()
    year = today.year
    if year <= SEED_YEAR or not drawn:
        return
    approved = today - dt.timedelta(days=40)
    rng = random.Random(f"finance-{district.code}-{year}")
    pairs: list[tuple[Disclosure, dict]] = []
    delay: list[int | None] = []
    education = [u for u in drawn if u.org.parent is not None and u.org.parent.short_name == "教育局"]
    live = {u.org.pk for u in education[:2]}
    for i, u in enumerate(drawn):
        if u.org.pk in live:
            continue  # entered through the actions below
        # 1 in 12 late (published 25–33 days after approval), 1 in 20 not yet published
        late = i % 12 == 5
        pending = i % 20 == 7
        for kind in (Kind.BUDGET, Kind.THREE_PUBLIC_BUDGET):
            if pending:
                pairs.append(
                    _disclosure(district, u.org, u.org, kind, year, approved, {}, {}, None, state=State.DRAFT)
                )
                delay.append(None)
                continue
            tables = u.tables(kind)
            figures = _figures(u, tables) if kind == Kind.BUDGET else None
            texts = u.texts(kind, year)
            if kind == Kind.THREE_PUBLIC_BUDGET:
                texts = {"three_public_changes": texts["three_public_changes"]}
            pairs.append(_disclosure(district, u.org, u.org, kind, year, approved, tables, texts, figures))
            delay.append(rng.randrange(25, 34) if late else rng.randrange(5, 19))
    _publish(district, _save(pairs), delay)
    _live(district, [u for u in drawn if u.org.pk in live], year, approved)


def _live(district: Organisation, chosen: list[_Unit], year: int, approved: dt.date) -> None:
    """The education department's editor enters two units' budgets through the actions: one
    released (its item waits in the catalog for the department's review and approval), one left
    as a draft to release."""
    import io

    from gongkai.accounts.models import User
    from gongkai.accounts.roles import Role
    from gongkai.finance import actions, importer
    from gongkai.finance.tables import specs_for

    if not chosen:
        return
    edu = chosen[0].org.parent

    def person(role: str):
        return (
            User.objects.filter(memberships__role=role, memberships__organisation=edu).order_by("pk").first()
        )

    editor = person(Role.EDITOR)
    if editor is None:
        return
    for n, u in enumerate(chosen):
        d = actions.create_disclosure(
            actor=editor, unit=u.org, kind=Kind.BUDGET, fiscal_year=year, approved_on=approved
        )
        tables = u.tables(Kind.BUDGET)
        specs = specs_for(d.level, d.kind)
        upload = io.BytesIO(importer.workbook([(s, tables[s.code]) for s in specs]))
        actions.import_tables(d, upload, actor=editor, name=f"{u.org.short_name}{year}年部门预算.xlsx")
        texts = u.texts(Kind.BUDGET, year)
        actions.update_disclosure(d, actor=editor, **texts, **_figures(u, tables))
        if n == 0:
            actions.release_disclosure(d, actor=editor)


# --- fees -----------------------------------------------------------------------------------------

# (department short name, name, basis, standard, from year, 2018 amount in yuan, until year)
FEES: list[tuple[str, str, str, str, int, str, int | None]] = [
    (
        "自然资源局",
        "不动产登记费",
        "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
        "住宅类每件80元；非住宅类每件550元",
        2016,
        "3864520.00",
        None,
    ),
    (
        "自然资源局",
        "土地复垦费",
        "《土地复垦条例》第十八条",
        "按复垦方案确定的复垦费用收取",
        2011,
        "1265800.00",
        None,
    ),
    (
        "自然资源局",
        "土地闲置费",
        "《闲置土地处置办法》第十四条",
        "按土地出让或划拨价款的20%以下计征",
        2012,
        "486300.00",
        None,
    ),
    (
        "公安分局",
        "居民身份证工本费",
        "《财政部 国家发展改革委关于公安部门有关证照收费标准的通知》（财综〔2004〕8号）",
        "首次申领、换领每证20元；丢失补领、损坏换领每证40元",
        2004,
        "1523460.00",
        None,
    ),
    (
        "公安分局",
        "机动车号牌工本费",
        "《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（发改价格〔2017〕1186号）",
        "汽车号牌每副100元；摩托车号牌每副35元",
        2017,
        "2106780.00",
        None,
    ),
    (
        "公安分局",
        "机动车行驶证工本费",
        "《财政部 国家发展改革委关于公安部门有关证照收费标准的通知》",
        "每证10元",
        2004,
        "386410.00",
        None,
    ),
    (
        "公安分局",
        "机动车驾驶证工本费",
        "《财政部 国家发展改革委关于公安部门有关证照收费标准的通知》",
        "每证10元",
        2004,
        "512370.00",
        None,
    ),
    (
        "公安分局",
        "外国人证件费",
        "《国家发展改革委 财政部关于外国人证件收费标准的通知》",
        "按证件种类分别收取",
        2004,
        "18600.00",
        None,
    ),
    (
        "城管局",
        "城市道路占用、挖掘修复费",
        "《城市道路管理条例》第三十七条；湘价费〔2013〕号文",
        "按占用面积和期限、按挖掘面积和路面结构计收",
        2013,
        "2896540.00",
        None,
    ),
    (
        "城管局",
        "生活垃圾处理费",
        "《湖南省城市生活垃圾处理收费管理办法》",
        "居民每户每月8元；非居民按排放量计收",
        2014,
        "5213480.00",
        None,
    ),
    (
        "水利局",
        "水资源费",
        "《中华人民共和国水法》第四十八条；《取水许可和水资源费征收管理条例》",
        "地表水每立方米0.08元；地下水每立方米0.20元",
        2008,
        "1732650.00",
        2018,
    ),
    (
        "民政局",
        "殡葬收费（遗体火化）",
        "《湖南省殡葬管理办法》",
        "遗体火化每具380元（困难群众免除基本殡葬服务费）",
        2010,
        "2438700.00",
        None,
    ),
    (
        "住建局",
        "城市基础设施配套费",
        "《湖南省城市基础设施配套费征收管理办法》",
        "按建筑面积每平方米计收",
        2012,
        "9865400.00",
        None,
    ),
    (
        "住建局",
        "白蚁防治费",
        "《城市房屋白蚁防治管理规定》",
        "按建筑面积每平方米1.5元",
        2005,
        "1268300.00",
        None,
    ),
    ("司法局", "公证费", "《湖南省公证服务收费管理办法》", "按公证事项分别计收", 2017, "865210.00", None),
    ("教育局", "教师资格认定体检费", "湘价费〔2012〕号文", "每人次80元", 2012, "102400.00", None),
    (
        "市监局",
        "特种设备检验检测费",
        "《特种设备安全法》；湘价费〔2016〕号文",
        "按设备种类和参数计收",
        2016,
        "1843200.00",
        None,
    ),
    ("市监局", "计量器具检定费", "《计量法》；湘价费〔2015〕号文", "按器具种类计收", 2015, "421560.00", None),
    (
        "卫健局",
        "预防接种服务费",
        "湘价费〔2009〕号文",
        "第二类疫苗每剂次接种服务费15元",
        2009,
        "358420.00",
        None,
    ),
    (
        "人社局",
        "职业技能鉴定费",
        "湘价费〔2014〕号文",
        "初级每人次120元；中级每人次150元",
        2014,
        "236800.00",
        None,
    ),
    (
        "农业农村局",
        "农药登记试验费",
        "《农药管理条例》（2017年修订）",
        "按试验项目计收",
        2018,
        "64300.00",
        None,
    ),
    (
        "交通局",
        "船舶登记费",
        "《船舶登记条例》；交通运输部收费标准",
        "按船舶总吨计收",
        2018,
        "48600.00",
        None,
    ),
]


@transaction.atomic
def _fees(district: Organisation, stdout) -> None:
    orgs = {o.short_name: o for o in Organisation.objects.filter(district=district, kind=OrgKind.DEPARTMENT)}
    items, amounts = [], []
    for short, name, basis, standard, since, amount, until in FEES:
        org = orgs.get(short)
        if org is None:
            continue
        item = FeeItem(
            district=district,
            organisation=org,
            name=name,
            basis=basis,
            standard=standard,
            from_year=since,
            until_year=until,
        )
        items.append(item)
        amounts.append(Decimal(amount))
    FeeItem.objects.bulk_create(items)
    rng = random.Random(f"fees-{district.code}")
    collections = []
    for item, amount in zip(items, amounts, strict=True):
        for year in (SEED_YEAR - 1, SEED_YEAR):
            if not item.in_force(year):
                continue
            value = amount if year == SEED_YEAR else samples.q(amount * Decimal(str(rng.uniform(0.85, 1.05))))
            collections.append(FeeCollection(item=item, year=year, amount_yuan=value))
    FeeCollection.objects.bulk_create(collections)
    stdout.write(f"    行政事业性收费项目 {len(items)} 个，{SEED_YEAR}年收费金额已登记")


def load_finance(district: Organisation, *, stdout) -> None:
    if Disclosure.objects.filter(district=district).exists():
        return
    drawn = _history(district, stdout)
    _this_year(district, drawn)
    if not FeeItem.objects.filter(district=district).exists():
        _fees(district, stdout)


DEMO_STEPS = [DemoStep("finance", 56, load_finance)]
