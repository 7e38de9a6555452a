"""The figures: changes per kind, organisation and year; powers in force per type on a day. Worked
by hand: three powers listed in 2016; in 2018 one cancelled, one partly cancelled, two added (one
of them by the budget unit), one taken over; a draft of 2019 counts nowhere."""

import datetime as dt

import pytest

from gongkai.powers import actions, stats
from gongkai.powers.models import ChangeKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2018(personas, listed, make_document, add_power, publish):
    document = make_document("教发〔2018〕10号", issued_on=dt.date(2018, 4, 20))
    actions.record_change(document, actor=personas.editor, code="JY-001", kind=ChangeKind.CANCEL)
    actions.record_change(
        document, actor=personas.editor, code="JY-002", kind=ChangeKind.PARTIAL_CANCEL, note="部分"
    )
    add_power(document, "JY-004", kind=ChangeKind.ADD, type="reward")
    add_power(document, "JY-005", kind=ChangeKind.ADD, organisation=personas.budget_unit)
    add_power(document, "JY-006", kind=ChangeKind.TAKE_OVER, type="penalty")
    publish(document)
    draft = make_document("教发〔2019〕1号", issued_on=dt.date(2019, 1, 1))
    add_power(draft, "JY-007", kind=ChangeKind.ADD)
    return document


def test_changes_per_kind_in_a_year(personas, year_2018):
    assert stats.change_counts(personas.district, 2018) == {
        "baseline": 0,
        "add": 2,
        "take_over": 1,
        "adjust": 0,
        "partial_cancel": 1,
        "cancel": 1,
    }
    assert stats.report_counts(personas.district, 2018) == {
        "cancelled_or_partly": 2,
        "added": 2,
        "taken_over": 1,
        "adjusted": 0,
    }
    assert sum(stats.change_counts(personas.district, 2019).values()) == 0  # a draft counts nowhere


def test_a_period_of_days(personas, year_2018):
    assert (
        stats.change_counts(personas.district, stats.Period(dt.date(2018, 4, 21), dt.date(2018, 12, 31)))[
            "add"
        ]
        == 0
    )


def test_an_organisation_counts_itself_and_the_units_below_it(personas, year_2018):
    assert stats.change_counts(personas.budget_unit, 2018)["add"] == 1
    assert stats.change_counts(personas.department, 2018)["add"] == 2
    assert sum(stats.change_counts(personas.other_department, 2018).values()) == 0


def test_changes_per_organisation_and_per_year(personas, year_2018):
    by_org = {org.pk: counts for org, counts in stats.change_counts_by_organisation(personas.district, 2018)}
    assert by_org[personas.department.pk]["add"] == 1 and by_org[personas.budget_unit.pk]["add"] == 1
    by_year = stats.change_counts_by_year(personas.district)
    assert list(by_year) == [2018, 2016] and by_year[2016]["baseline"] == 3


def test_powers_in_force_per_type_on_a_day(personas, year_2018):
    before = stats.in_force_by_type(personas.district, dt.date(2018, 4, 19))
    assert (before["licensing"], before["penalty"], before["inspection"]) == (1, 1, 1)
    after = stats.in_force_by_type(personas.district, dt.date(2018, 12, 31))
    assert {k: v for k, v in after.items() if v} == {
        "licensing": 1,
        "penalty": 2,
        "inspection": 1,
        "reward": 1,
    }
    assert stats.in_force_count(personas.district, dt.date(2018, 12, 31)) == 5
    assert stats.in_force_count(personas.budget_unit, dt.date(2018, 12, 31)) == 1
