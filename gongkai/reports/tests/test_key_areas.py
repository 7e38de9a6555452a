"""The key-area figures (政府采购, 公示公告, 行政事业性收费 and the budget units' disclosures) read from
the registries' stats.py: each against a computation made here from the records the test created
through the registries' own actions, the savings rates worked out independently, every figure's
trace listing exactly the records counted, and the prose drafted from them."""

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

import pytest
import time_machine
from django.urls import reverse

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Version
from gongkai.finance import actions as finance_actions
from gongkai.procurement import actions as procurement_actions
from gongkai.procurement.models import Method, NoticeKind, ProcurementType
from gongkai.publicity import actions as publicity_actions
from gongkai.publicity.demo_steps import id_number
from gongkai.publicity.kinds import Kind
from gongkai.reports import actions, figures, trace

pytestmark = pytest.mark.django_db
BEIJING = dt.timezone(dt.timedelta(hours=8))
DAY = dt.datetime(2018, 12, 12, 10, 0, tzinfo=BEIJING)  # a Wednesday, all the records' days behind it


def _publish(item_id, personas):
    version = Version.objects.get(item_id=item_id)
    catalog_actions.submit(version, actor=personas.editor)
    catalog_actions.review(version, actor=personas.reviewer, passed=True)
    catalog_actions.approve(version, actor=personas.leader, approved=True)


# (code, type, method, budget 元, contract 元 or None: not awarded)
PROJECTS = [
    ("JY-1", ProcurementType.GOODS, Method.OPEN_TENDER, "1000000.00", "968000.00"),
    ("JY-2", ProcurementType.WORKS, Method.COMPETITIVE_NEGOTIATION, "2500000.00", "2431000.50"),
    ("JY-3", ProcurementType.GOODS, Method.ONLINE_BIDDING, "113800.00", "110200.00"),
    ("JY-4", ProcurementType.SERVICES, Method.OPEN_TENDER, "400000.00", None),
]


@pytest.fixture
def key_areas(personas):
    """Procurement projects (three awarded with public results, one whose notice is only an
    intention), 公租房 and 廉租房 lists (one still a draft), a fee collected — all of 教育局."""
    made = {}
    with time_machine.travel(DAY, tick=False):
        for code, type_, method, budget, contract in PROJECTS:
            project = procurement_actions.create_project(
                actor=personas.editor,
                organisation=personas.department,
                code=code,
                name=f"{code}采购项目",
                year=2018,
                type=type_,
                method=method,
                budget=Decimal(budget),
                requirements="采购需求概况",
                planned_start_on=dt.date(2018, 9, 1),
            )
            if contract is None:
                notice = procurement_actions.draft_notice(project, NoticeKind.INTENTION, actor=personas.editor)
            else:
                project = procurement_actions.start_procurement(project, actor=personas.editor, started_on=dt.date(2018, 9, 1))
                project = procurement_actions.award(
                    project,
                    actor=personas.editor,
                    supplier_name="郴州市某某有限公司",
                    supplier_code="",
                    contract_amount=Decimal(contract),
                    supplier_chosen_on=dt.date(2018, 10, 8),
                )
                notice = procurement_actions.draft_notice(project, NoticeKind.RESULT, actor=personas.editor)
            _publish(notice.item_id, personas)
        for kind, households, published in (
            (Kind.PUBLIC_RENTAL, 3, True),
            (Kind.LOW_RENT, 2, True),
            (Kind.LOW_RENT, 4, False),
        ):
            publicity = publicity_actions.create_publicity(
                actor=personas.editor,
                organisation=personas.department,
                kind=kind,
                title=f"2018年{kind.label}公示（{households}户）",
                year=2018,
                month=6,
            )
            for n in range(households):
                publicity_actions.add_entry(
                    publicity,
                    actor=personas.editor,
                    town="华塘镇",
                    village="吴山村",
                    name=f"住户{n}",
                    id_number=id_number(random.Random(n)),
                    phone="13800138000",
                    address=f"华塘镇吴山村{n + 1}组",
                    people=2,
                )
            if published:
                publicity = publicity_actions.release_publicity(publicity, actor=personas.editor)
                _publish(publicity.notice_item_id, personas)
            made.setdefault("lists", []).append((publicity, households, published))
        fee = finance_actions.create_fee_item(
            actor=personas.editor,
            organisation=personas.department,
            name="教师资格认定考试费",
            basis="湘价费〔2018〕1号",
            standard="每人每科50元",
            from_year=2017,
        )
        finance_actions.record_collection(fee, actor=personas.editor, year=2018, amount_yuan="123456.78")
        finance_actions.record_collection(fee, actor=personas.editor, year=2017, amount_yuan="1000.00")
    made["fee"] = fee
    return made


def _rate(savings: Decimal, budget: Decimal) -> str:
    return str((savings * 100 / budget).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _wan(yuan: Decimal) -> str:
    return str((yuan / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_procurement_totals_and_savings_rates_are_computed_from_the_projects(key_areas, personas):
    p = figures.compute(personas.department, 2018)["narrative"]["procurement"]
    awarded = [(Decimal(b), Decimal(c)) for _code, _t, _m, b, c in PROJECTS if c]
    budget, contract = sum(b for b, _c in awarded), sum(c for _b, c in awarded)
    assert p["projects"] == 4 and p["contracted"] == 3
    assert p["contract_wan"] == _wan(contract) and p["budget_wan"] == _wan(budget)
    assert p["savings_wan"] == _wan(budget - contract)
    assert p["savings_rate"] == _rate(budget - contract, budget)
    assert p["by_type"]["goods"]["contract_wan"] == _wan(Decimal("968000.00") + Decimal("110200.00"))
    assert p["by_type"]["works"]["projects"] == 1 and p["by_type"]["services"]["contracted"] == 0
    online = p["online_bidding"]
    assert (online["projects"], online["budget_wan"], online["contract_wan"]) == (1, "11.38", "11.02")
    assert online["savings_rate"] == _rate(Decimal(3600), Decimal(113800)) == "3.16"
    # The other department has none; the district counts the department's.
    assert figures.compute(personas.other_department, 2018)["narrative"]["procurement"]["projects"] == 0
    assert figures.compute(personas.district, 2018)["narrative"]["procurement"]["projects"] == 4


def test_publicity_counts_only_published_lists_in_households(key_areas, personas):
    p = figures.compute(personas.department, 2018)["narrative"]["publicity"]
    published = [(pub, n) for pub, n, shown in key_areas["lists"] if shown]
    assert p["public_rental"] == 3 and p["low_rent"] == 2 and p["housing_allocated"] == 5
    assert sum(n for _p, n in published) == p["housing_allocated"]


def test_fees_are_in_wan_to_two_decimals_in_table_two_of_either_format(key_areas, personas):
    with time_machine.travel(dt.datetime(2021, 2, 1, 10, tzinfo=BEIJING), tick=False):
        finance_actions.record_collection(
            key_areas["fee"], actor=personas.editor, year=2021, amount_yuan="98765.43"
        )
    two = figures.compute(personas.department, 2021)["table_two"]
    assert two["fees"] == {"amount_wan": "9.88"}
    assert "table_two.fees.amount_wan" not in {m["key"] for m in figures.compute(personas.department, 2021)["missing"]}
    trial = figures.compute(personas.department, 2019)["table_two"]
    assert trial["fees"] == {"previous_items": 1, "change": 0}
    assert trial["procurement"] == {"projects": 0, "amount_wan": "0.00"}


def test_every_key_area_figure_traces_to_exactly_the_records_counted(key_areas, personas, client):
    with time_machine.travel(dt.datetime(2019, 1, 10, 10, tzinfo=BEIJING), tick=False):
        report = actions.generate_report(personas.department, 2018, actor=personas.editor)
    f = report.figures
    lines = trace.trace(report, "narrative.procurement.projects").lines
    assert sorted(line.ref for line in lines) == ["JY-1", "JY-2", "JY-3", "JY-4"]
    assert [line.ref for line in trace.trace(report, "narrative.procurement.online_bidding.savings_rate").lines] == ["JY-3"]
    assert sorted(line.ref for line in trace.trace(report, "narrative.procurement.by_type.goods.contract_wan").lines) == ["JY-1", "JY-3"]
    housing = trace.trace(report, "narrative.publicity.housing_allocated").lines
    shown = {pub.pk for pub, _n, published in key_areas["lists"] if published}
    assert {int(line.ref) for line in housing} == shown
    assert sum(int(fact[:-1]) for line in housing for fact in line.facts if fact.endswith("户")) == f["narrative"]["publicity"]["housing_allocated"]
    fees = trace.trace(report, "table_two.fees.amount_wan").lines
    assert [(line.title, line.facts) for line in fees] == [(personas.department.name, ["12.35万元"])]
    # The staff page lists the figures, each a link to its records; the trace page says how many.
    client.force_login(personas.editor)
    page = client.get(reverse("reports_staff:detail", args=[report.pk])).content.decode()
    assert "网上竞价资金节约率" in page and "cell=narrative.procurement.online_bidding.savings_rate" in page.replace("%2E", ".")
    listed = client.get(reverse("reports_staff:trace", args=[report.pk]), {"cell": "narrative.procurement.projects"})
    assert listed.status_code == 200 and "JY-4采购项目" in listed.content.decode()
    assert "报告生成后记录有变化" not in listed.content.decode()
    amount = client.get(reverse("reports_staff:trace", args=[report.pk]), {"cell": "narrative.procurement.contract_wan"})
    assert f"报告中为 {f['narrative']['procurement']['contract_wan']}，由以下 4 条记录" in amount.content.decode()
    assert "报告生成后记录有变化" not in amount.content.decode()
    assert client.get(reverse("reports_staff:trace", args=[report.pk]), {"cell": "narrative.publicity.nonsense"}).status_code == 404


def test_the_narrative_draft_states_the_computed_rates_never_a_typed_one(key_areas, personas):
    computed = figures.compute(personas.department, 2018)
    with time_machine.travel(dt.datetime(2019, 1, 10, 10, tzinfo=BEIJING), tick=False):
        report = actions.generate_report(personas.department, 2018, actor=personas.editor)
    p = computed["narrative"]["procurement"]
    assert f"全区政府采购项目4个，采购资金{p['contract_wan']}万元" in report.overview
    assert f"资金节约率为{p['savings_rate']}%" in report.overview
    assert "申报采购资金11.38万元，成交资金11.02万元，比申报资金减少0.36万元，资金节约率为3.16%" in report.overview
    assert "公示公（廉）租房分配5户，其中廉租房2户，公租房3户" in report.overview
