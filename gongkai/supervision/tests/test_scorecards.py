"""Scorecards recomputed in the test from the scenario's own numbers: February 2026 for 教育局,
seen on Monday 2 March 2026."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from gongkai.finance import actions as finance_actions
from gongkai.finance.models import Kind
from gongkai.hotline import actions as hotline_actions
from gongkai.supervision import actions
from gongkai.supervision.models import SupervisionSettings
from gongkai.supervision.scorecards import Period, scorecard, scorecards
from gongkai.supervision.tests.conftest import TODAY, at

pytestmark = pytest.mark.django_db

FEBRUARY = Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28), "2026年2月")


@pytest.fixture
def february(personas, frozen, fill_columns, put, put_application, ticket):
    """教育局 in February 2026:
    - two items with a written date: one published in 3 days, one after 20 working days → 1 of 2;
    - two applications replied: one on time, one long after its due date → 1 of 2;
    - its budget unit's 2026 budget approved 20 January, due 9 February, not published → 0 of 1;
    - two tickets received and dispatched to it: one replied the next day, one never → closed 0
      of 2, on time 1 of 2 (the other overdue), no callback (satisfaction 不适用);
    - the checks on 2 March find the late item, the overdue ticket and the unpublished budget (its
      budget unit is 教育局's): 3 findings, each under 30 days old at the end of February →
      100 − 3 × 10 = 70."""
    fill_columns(organisation=personas.other_department)
    put("按时信息", "tzgg", at(2026, 2, 12, 9, 0), written_date=dt.date(2026, 2, 9))
    put("迟发信息", "tzgg", at(2026, 2, 26, 9, 0), written_date=dt.date(2026, 1, 5))
    put_application(personas.department, dt.date(2026, 1, 20), replied_on=dt.date(2026, 2, 2))
    put_application(personas.department, dt.date(2025, 12, 1), replied_on=dt.date(2026, 2, 3))
    with time_machine.travel(at(2026, 1, 20, 9, 0), tick=False):
        finance_actions.create_disclosure(
            actor=personas.editor,
            unit=personas.budget_unit,
            kind=Kind.BUDGET,
            fiscal_year=2026,
            approved_on=dt.date(2026, 1, 20),
        )
    answered = ticket(personas.department, at(2026, 2, 3, 9, 0))
    with time_machine.travel(at(2026, 2, 4, 9, 0), tick=False):
        hotline_actions.reply(answered, actor=personas.editor, text="已办理")
    ticket(personas.department, at(2026, 2, 9, 9, 0))
    actions.run_checks(personas.district, today=TODAY)


def test_the_score_is_the_weighted_mean_of_what_applies(personas, february):
    card = scorecard(personas.department, FEBRUARY)
    values = {i.key: i.value for i in card.indicators}
    assert values == {
        "timeliness": Decimal(50),
        "completeness": Decimal(0),
        "applications": Decimal(50),
        "hotline_closure": Decimal(0),
        "hotline_on_time": Decimal(50),
        "hotline_satisfaction": None,
        "findings": Decimal(70),
    }
    # default weights 20, 15, 20, 10, 10, (10 not applying), 15: Σ 90
    expected = (20 * 50 + 15 * 0 + 20 * 50 + 10 * 0 + 10 * 50 + 15 * 70) / Decimal(90)
    assert card.score == expected.quantize(Decimal("0.1"))  # 39.4
    lost = {i.key: i.lost for i in card.indicators}
    assert lost["completeness"] == (Decimal(15) * 100 / 90).quantize(Decimal("0.1"))  # 16.7 points
    assert lost["hotline_satisfaction"] == 0
    assert "2条信息中，1条" in next(i.basis for i in card.indicators if i.key == "timeliness")


def test_the_office_changes_the_weights_and_the_score_follows(personas, february):
    SupervisionSettings.objects.create(
        district=personas.district,
        weight_timeliness=1,
        weight_completeness=0,
        weight_applications=0,
        weight_hotline_closure=0,
        weight_hotline_on_time=0,
        weight_hotline_satisfaction=0,
        weight_findings=1,
    )
    assert scorecard(personas.department, FEBRUARY).score == Decimal("60.0")  # (50 + 70) / 2


def test_the_ranking_puts_the_best_first_and_shares_ties(personas, february):
    cards = scorecards(personas.district, FEBRUARY)
    by_unit = {c.unit: c for c in cards}
    assert by_unit[personas.department].rank == len(cards)  # the only unit that lost points
    assert by_unit[personas.other_department].score == Decimal(100)
    assert by_unit[personas.other_department].rank == 1
    assert [c.score for c in cards] == sorted((c.score for c in cards), reverse=True)


def test_a_past_period_is_recomputed_from_the_records(personas, february):
    # January: nothing of the scenario was published or replied yet, no finding existed
    january = scorecard(personas.department, Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31), "2026年1月"))
    values = {i.key: i.value for i in january.indicators}
    assert values["timeliness"] is None and values["applications"] is None
    assert values["findings"] == Decimal(100)


def test_periods_are_parsed_with_chinese_errors():
    assert Period.parse("2026-Q1", TODAY) == Period(dt.date(2026, 1, 1), TODAY, "2026年第1季度")
    assert Period.parse("2025", TODAY).end == dt.date(2025, 12, 31)
    assert Period.parse("", TODAY).start == dt.date(2026, 3, 1)
    for bad in ("2026-13", "2026-Q5", "abc", "2027"):
        with pytest.raises(ValueError, match="考核期间"):
            Period.parse(bad, TODAY)
