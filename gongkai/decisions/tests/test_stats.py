"""The figures, against hand-worked values: counts per kind for the district and for one
department, fines in 万元 to two decimals, and days late counted in working days."""

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.decisions import stats
from gongkai.decisions.models import DecisionKind
from gongkai.decisions.tests.conftest import licensing_values, penalty_values, person_values

pytestmark = pytest.mark.django_db


def test_counts_fines_and_timeliness_of_a_year(personas, record, publish):
    # Decided Monday 21 May 2018: due the 7th working day after, Wednesday 30 May; published
    # Friday 1 June (the clock): late by 31 May and 1 June, 2 working days.
    late = record(licensing_values())
    # Decided 31 May: due 11 June (Dragon Boat is 18 June); published 1 June: on time.
    on_time = record(person_values(decided_on=dt.date(2018, 5, 31)))
    publish(late, on_time)
    fined = record(penalty_values(fine_wan=Decimal("0.8"), decided_on=dt.date(2018, 5, 30)))
    fined_more = record(
        penalty_values(number="北教罚〔2018〕5号", fine_wan=Decimal("1.234"), decided_on=dt.date(2018, 5, 30))
    )
    publish(fined, fined_more)
    record(penalty_values(number="北教罚〔2018〕6号"))  # recorded, not released: not counted
    other = record(
        penalty_values(number="北财罚〔2018〕1号"),
        actor=personas.outsider,
        organisation=personas.other_department,
    )
    assert stats.report_rows(personas.district, 2018) == {
        DecisionKind.LICENSING: 2,
        DecisionKind.PENALTY: 2,
        DecisionKind.ENFORCEMENT: 0,
    }
    assert stats.licensing_decisions(personas.department, 2018) == 2
    assert stats.penalty_decisions(personas.other_department, 2018) == 0  # recorded only
    assert stats.enforcement_decisions(personas.district, 2018) == 0
    assert stats.fines_wan(personas.district, 2018) == Decimal("2.03")  # 0.8 + 1.234
    timeliness = stats.on_time(personas.district, 2018)
    assert (timeliness.released, timeliness.on_time, timeliness.late) == (4, 3, 1)
    assert (timeliness.late_days, timeliness.max_late_days, timeliness.unpublished) == (2, 2, 0)
    assert timeliness.on_time_rate == Decimal("75.00")
    assert stats.on_time(personas.district, 2018, DecisionKind.PENALTY).late == 0
    assert stats.licensing_decisions(personas.district, 2017) == 0
    assert other.pk  # the other department's decision is in no figure above


def test_decisions_past_their_deadline_and_not_public(personas, record, publish):
    # today Friday 1 June 2018; 7 working days: decided 21 May → due 30 May (late), 31 May → 11 June
    late = record()
    soon = record(number="北教许〔2018〕2号", decided_on=dt.date(2018, 5, 31), valid_from=dt.date(2018, 5, 31))
    found = stats.unpublished_past_due(personas.district, dt.date(2018, 6, 1), since=dt.date(2018, 1, 1))
    assert [(d.decision_id, d.due_on) for d in found] == [(late.pk, dt.date(2018, 5, 30))]
    assert soon.pk not in {d.decision_id for d in found}
    assert stats.unpublished_past_due(personas.other_department, dt.date(2018, 6, 1), since=dt.date(2018, 1, 1)) == []
    publish(late)
    assert stats.unpublished_past_due(personas.district, dt.date(2018, 6, 1), since=dt.date(2018, 1, 1)) == []
