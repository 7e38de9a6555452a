"""The demo district's procurement: the seed's 2018 figures to the 元 — 205 projects, 采购资金 (the
contract amounts) 19,987 万元 of which goods 7,727, works 8,209 and services 4,051, savings 635;
online bidding 1,138 → 1,102 — read back through stats.py and the API, with the rates computed
from the records (3.08 % and 3.16 %), not the seed's printed 3.06 % and 3.22 %."""

import io
from decimal import Decimal

import pytest

from gongkai.procurement import stats
from gongkai.procurement.demo_steps import load_procurement
from gongkai.procurement.models import Method, Notice, NoticeKind, ProcurementType, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    from gongkai.demo.district import build_district

    district = build_district()
    load_procurement(district, stdout=io.StringIO())
    return district


def test_the_seeds_2018_amounts_read_back_and_every_project_is_plausible(demo, client):
    total = stats.summary(demo, 2018)
    assert (total.projects, total.contracted) == (205, 205)
    assert total.contract == Decimal("199870000.00") and total.contract_wan == Decimal("19987.00")
    assert total.budget == Decimal("206220000.00") and total.savings == Decimal("6350000.00")
    assert total.savings_rate == Decimal("3.08")  # not the seed's printed 3.06
    per_type = stats.by_type(demo, 2018)
    assert {t: totals.contract_wan for t, totals in per_type.items()} == {
        ProcurementType.GOODS: Decimal("7727.00"),
        ProcurementType.WORKS: Decimal("8209.00"),
        ProcurementType.SERVICES: Decimal("4051.00"),
    }
    online = stats.summary(demo, 2018, method=Method.ONLINE_BIDDING)
    assert (online.budget_wan, online.contract_wan, online.savings_wan) == (
        Decimal("1138.00"),
        Decimal("1102.00"),
        Decimal("36.00"),
    )
    assert online.savings_rate == Decimal("3.16")  # not the seed's printed 3.22
    assert (
        online.projects
        == stats.summary(demo, 2018, method=Method.ONLINE_BIDDING, type=ProcurementType.GOODS).projects
    )

    data = client.get("/api/procurement/summary", {"year": 2018}).json()
    assert (
        data["projects"],
        data["contract_wan"],
        data["budget_wan"],
        data["savings_wan"],
        data["savings_rate"],
    ) == (
        205,
        19987.0,
        20622.0,
        635.0,
        3.08,
    )
    online = client.get("/api/procurement/summary", {"year": 2018, "method": "online_bidding"}).json()
    assert (online["budget_wan"], online["contract_wan"], online["savings_rate"]) == (1138.0, 1102.0, 3.16)

    results = Notice.objects.filter(project__district=demo, kind=NoticeKind.RESULT)
    assert results.count() == 205
    # all published in 2018, in 政府采购: the catalog's demo counts them among the seed's 2018 items
    from gongkai.catalog.models import Item

    items = Item.objects.filter(pk__in=results.values("item_id"))
    assert {i.first_published_at.year for i in items} == {2018}
    assert set(items.values_list("live__column__slug", flat=True)) == {"zfcg"}
    timeliness = stats.notice_timeliness(demo, 2018)[NoticeKind.RESULT]
    assert timeliness.due == 205 and timeliness.late == 7 and timeliness.missing == 0
    assert all(t.late_days >= 1 for _p, t in timeliness.flagged)
    figures = stats.year_summary(demo, 2018)
    assert figures["contract_wan"] == "19987.00" and figures["savings_rate"] == "3.08"
    assert figures["notices"]["result"]["late"] == 7

    # One load for both tests' worth of checks: loading the demo takes a few seconds.
    every_project_is_plausible_the_live_ones_wait_and_loading_again_changes_nothing(demo)


def every_project_is_plausible_the_live_ones_wait_and_loading_again_changes_nothing(demo):
    from gongkai.accounts.models import User
    from gongkai.lib.validators import validate_uscc
    from gongkai.procurement.todos import procurement_todos

    projects = list(Project.objects.filter(district=demo, year=2018))
    for p in projects:
        assert Decimal("0") <= p.savings <= p.budget * Decimal("0.2")
        assert p.started_on <= p.supplier_chosen_on <= p.contract_signed_on
        assert p.contract_amount >= 150000 and p.contract_amount == p.contract_amount.quantize(Decimal("1"))
        assert validate_uscc(p.supplier_code) == p.supplier_code
        if p.method == Method.SINGLE_SOURCE:
            assert p.savings == 0
    assert len({p.organisation_id for p in projects}) >= 15

    live = Project.objects.filter(district=demo).exclude(year=2018)
    assert live.count() == 3
    titles = [t.title for t in procurement_todos(User.objects.get(username="edu-editor"))]
    assert any("采购意向须在" in t for t in titles) and any("结果公告须在" in t for t in titles)

    before = Project.objects.count(), Notice.objects.count()
    load_procurement(demo, stdout=io.StringIO())
    assert (Project.objects.count(), Notice.objects.count()) == before
