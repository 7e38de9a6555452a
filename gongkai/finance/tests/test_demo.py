"""The demo district's budgets: the district and its 82 budget units published 2017's final
accounts and 2018's budgets with their 三公 figures, all on time, as the seed says; this year's
cycle is in progress with a few units late; the fees of 2018."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine

from gongkai.catalog.models import Item
from gongkai.finance import stats
from gongkai.finance.demo_steps import FEES, load_finance
from gongkai.finance.figures import tables_of
from gongkai.finance.models import Disclosure, FeeCollection, Kind, State
from gongkai.finance.tables import check

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 18, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo district with its finance data, built once for the module (rolled back after)."""
    with django_db_blocker.unblock(), time_machine.travel(NOW, tick=False):
        from django.db import transaction

        tx = transaction.atomic()
        tx.__enter__()
        from gongkai.demo.district import build_district

        district = build_district()
        load_finance(district, stdout=io.StringIO())
        yield district
        transaction.set_rollback(True)
        tx.__exit__(None, None, None)


def test_2018_every_unit_published_all_four_on_time(demo):
    board = stats.completeness(demo, 2018, today=dt.date(2018, 12, 31))
    assert board.units == 83  # 区本级 and the 82 budget units
    assert board.complete == 83 and board.late == 0
    assert board.published_per_kind == dict.fromkeys(stats.KINDS, 83)
    assert stats.completeness_summary(demo, 2018)["budget_units"] == 82


def test_every_demo_table_adds_up(demo):
    for d in Disclosure.objects.filter(district=demo, fiscal_year__in=[2017, 2018]).prefetch_related(
        "tables"
    )[:40]:
        for entry in tables_of(d, list(d.tables.all())):
            assert entry.entered
            if entry.data is not None:
                assert check(entry.data) == [], (d, entry.spec.code)


def test_the_districts_three_public_figures_are_the_sum_of_its_units(demo):
    units = stats.three_public_expenses(demo, 2018)
    own = stats.three_public_expenses(demo, 2018, level="government")
    assert units["total"]["budget"] > 0
    assert units["total"]["budget"] == own["total"]["budget"]
    final = stats.three_public_expenses(demo, 2017)
    assert final["total"]["actual"] > 0
    assert final["total"]["budget"] == 0  # 2017's 三公 budgets were published in 2017, before the demo's year
    assert (
        final["vehicles"]["actual"]
        == final["vehicle_purchase"]["actual"] + final["vehicle_operation"]["actual"]
    )


def test_this_years_cycle_shows_some_units_late(demo):
    with time_machine.travel(NOW, tick=False):
        board = stats.completeness(demo, 2026)
    assert 0 < board.late < board.units
    late = [s for r in board.rows for s in r.statuses.values() if s.late]
    assert all(s.days_late > 0 for s in late)
    assert any(s.published for s in late) and any(not s.published for s in late)
    drafts = Disclosure.objects.filter(district=demo, fiscal_year=2026, state=State.DRAFT)
    assert drafts.exists()


def test_the_live_budget_went_through_the_catalog(demo):
    live = Disclosure.objects.filter(
        district=demo, fiscal_year=2026, kind=Kind.BUDGET, created_by__isnull=False
    )
    assert live.count() == 2
    released = live.filter(state=State.RELEASED).get()
    item = Item.objects.get(pk=released.item_id)
    assert not item.is_public and item.organisation_id == released.unit_id  # waits for review


def test_fees_of_2018_in_wan_to_two_decimals(demo):
    expected = sum(
        Decimal(amount)
        for _s, _n, _b, _st, since, amount, until in FEES
        if since <= 2018 and (until is None or until > 2018)
    )
    assert FeeCollection.objects.filter(item__district=demo, year=2018).count() > 15
    assert stats.fees_collected(demo, 2018) == (expected / 10000).quantize(Decimal("0.01"))
    counts = stats.fee_items(demo, 2018)
    assert counts.added == 2 and counts.stopped == 1


def test_the_demo_is_idempotent(demo):
    before = Disclosure.objects.count()
    load_finance(demo, stdout=io.StringIO())
    assert Disclosure.objects.count() == before


def test_the_demo_pages_open_on_the_portal_and_the_workbench(demo, client, django_assert_max_num_queries):
    from django.urls import reverse

    from gongkai.accounts.models import User

    with time_machine.travel(NOW, tick=False):
        with django_assert_max_num_queries(40):
            page = client.get(reverse("finance:list"), {"year": 2017, "kind": Kind.FINAL})
        assert page.status_code == 200 and "2017年部门决算" in page.content.decode()
        final = Disclosure.objects.filter(
            district=demo, fiscal_year=2017, kind=Kind.FINAL, level="department"
        ).first()
        text = client.get(reverse("finance:detail", args=[final.pk])).content.decode()
        assert "收入支出决算总表" in text and "故本表为空表" in text
        text = client.get(reverse("finance:completeness"), {"year": 2026}).content.decode()
        assert "逾期情况" in text
        assert "不动产登记费" in client.get(reverse("finance:fees"), {"year": 2018}).content.decode()
        office = User.objects.get(username="office")
        client.force_login(office)
        with django_assert_max_num_queries(40):
            board = client.get(reverse("finance_staff:board"), {"year": 2026})
        assert board.status_code == 200 and "逾期" in board.content.decode()
        assert client.get(reverse("finance_staff:list")).status_code == 200
