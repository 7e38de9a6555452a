"""The figures: completeness with its due days and days late, the three public expenses, fees in 万元
— each checked against a computation written out in the test."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from gongkai.finance import actions, stats
from gongkai.finance.models import Kind

pytestmark = pytest.mark.django_db


def test_a_unit_published_late_counts_its_days_and_one_not_published_counts_to_today(
    personas, frozen, make_disclosure, filled, publish
):
    # approved 20 May 2018, due 9 June, published on the frozen day 20 June: 11 days late
    late = publish(
        filled(make_disclosure(kind=Kind.BUDGET, fiscal_year=2018, approved_on=dt.date(2018, 5, 20)))
    )
    make_disclosure(
        kind=Kind.THREE_PUBLIC_BUDGET, fiscal_year=2018, approved_on=dt.date(2018, 5, 25)
    )  # due 14 June
    board = stats.completeness(personas.district, 2018)
    row = next(r for r in board.rows if r.unit == personas.budget_unit)
    budget = row.statuses[Kind.BUDGET]
    assert (budget.due_on, budget.published_on, budget.days_late) == (
        dt.date(2018, 6, 9),
        dt.date(2018, 6, 20),
        11,
    )
    pending = row.statuses[Kind.THREE_PUBLIC_BUDGET]
    assert (
        pending.state == "draft" and pending.days_late == (dt.date(2018, 6, 20) - dt.date(2018, 6, 14)).days
    )
    assert row.statuses[Kind.FINAL].state == "missing" and row.statuses[Kind.FINAL].fiscal_year == 2017
    assert board.units == 2 and board.late == 1 and board.complete == 0
    assert board.published(Kind.BUDGET) == 1
    assert late.year == 2018


def test_a_longer_deadline_of_the_district_makes_it_on_time(
    personas, frozen, make_disclosure, filled, publish
):
    publish(filled(make_disclosure(kind=Kind.BUDGET, fiscal_year=2018, approved_on=dt.date(2018, 5, 20))))
    actions.set_deadline_days(
        personas.district, actor=personas.coordinator, department_days=31, government_days=20
    )
    row = next(r for r in stats.completeness(personas.district, 2018).rows if r.unit == personas.budget_unit)
    assert row.statuses[Kind.BUDGET].days_late == 0 and row.statuses[Kind.BUDGET].due_on == dt.date(
        2018, 6, 20
    )


def test_the_board_of_a_department_holds_its_units_only(personas, frozen, make_disclosure):
    make_disclosure()
    assert [r.unit for r in stats.completeness(personas.department, 2018).rows] == [personas.budget_unit]
    assert stats.completeness(personas.other_department, 2018).rows == []


def test_three_public_expenses_read_the_published_tables(personas, frozen, make_disclosure, filled, publish):
    from .conftest import sample_tables

    d = publish(filled(make_disclosure(kind=Kind.THREE_PUBLIC_FINAL, fiscal_year=2017)))
    table = sample_tables(Kind.THREE_PUBLIC_FINAL)["tpf-1"]
    figures = stats.three_public_expenses(personas.district, 2017)
    reception_actual = table.value("3", 1)
    assert figures["reception"]["actual"] == reception_actual
    assert (
        figures["vehicles"]["actual"] == table.value("2.1", 1) + table.value("2.2", 1) == table.value("2", 1)
    )
    assert figures["total"]["actual"] == table.value("1", 1) + table.value("2", 1) + table.value("3", 1)
    assert stats.three_public_expenses(personas.budget_unit, 2017) == figures
    assert stats.three_public_expenses(personas.other_department, 2017)["total"]["actual"] == 0
    assert d.kind == Kind.THREE_PUBLIC_FINAL


def test_an_unpublished_disclosure_is_not_counted(personas, frozen, make_disclosure, filled):
    filled(make_disclosure(kind=Kind.THREE_PUBLIC_FINAL, fiscal_year=2017))
    assert stats.three_public_expenses(personas.district, 2017)["total"]["actual"] == 0


def _fee(personas, name, since, until=None, org=None):
    item = actions.create_fee_item(
        actor=personas.coordinator,
        organisation=org or personas.department,
        name=name,
        basis="依据",
        standard="标准",
        from_year=since,
    )
    if until:
        actions.stop_fee_item(item, actor=personas.coordinator, until_year=until)
    return item


def test_fees_collected_are_summed_in_yuan_then_rounded_to_wan(personas):
    with time_machine.travel(dt.datetime(2019, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        a = _fee(personas, "甲", 2015)
        b = _fee(personas, "乙", 2016, org=personas.budget_unit)
        c = _fee(personas, "丙", 2010, org=personas.other_department)
        for item, amount in ((a, "12345.67"), (b, "4.99"), (c, "100000.00")):
            actions.record_collection(item, actor=personas.coordinator, year=2018, amount_yuan=amount)
        actions.record_collection(a, actor=personas.coordinator, year=2017, amount_yuan="99999.99")
    total = Decimal("12345.67") + Decimal("4.99") + Decimal("100000.00")  # 112350.66 元
    assert stats.fees_collected(personas.district, 2018) == Decimal("11.24")
    assert stats.fees_collected(personas.district, 2018) == (total / 10000).quantize(Decimal("0.01"))
    assert stats.fees_collected(personas.department, 2018) == Decimal("1.24")  # 12350.66 元 with its unit
    assert stats.fees_collected_wan(personas.district, 2017) == Decimal("10.00")
    assert stats.fees_collected(personas.district, 2016) == Decimal("0.00")


def test_fee_items_in_force_added_and_stopped(personas):
    _fee(personas, "甲", 2015)
    _fee(personas, "乙", 2018)
    _fee(personas, "丙", 2012, until=2018)
    counts = stats.fee_items(personas.district, 2018)
    assert (counts.previous, counts.added, counts.stopped, counts.current) == (2, 1, 1, 2)
    assert [i.name for i in counts.items] == ["乙", "甲"]
    assert stats.fee_item_count(personas.district, 2018) == {"previous_items": 2, "change": 0}


def test_a_collection_outside_the_items_years_or_in_the_future_is_refused(personas):
    from django.core.exceptions import ValidationError

    item = _fee(personas, "甲", 2015, until=2017)
    with pytest.raises(ValidationError, match="不在征收期内"):
        actions.record_collection(item, actor=personas.coordinator, year=2017, amount_yuan="1")
    with pytest.raises(ValidationError, match="最多两位小数"):
        actions.record_collection(item, actor=personas.coordinator, year=2016, amount_yuan="1.005")
