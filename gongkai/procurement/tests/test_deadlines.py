"""The two deadlines: the intention at least 30 days before procurement starts (calendar days), the
result within 2 working days of choosing the supplier (the working-day calendar, holidays and 调休
included; provisional through a year not yet entered). A late notice is flagged with its days."""

import datetime as dt

import pytest

from gongkai.procurement import deadlines
from gongkai.procurement.models import NoticeKind, Project

pytestmark = pytest.mark.django_db
R, INTENTION = NoticeKind.RESULT, NoticeKind.INTENTION


def project(**dates) -> Project:
    return Project(**dates)


def test_the_result_notice_is_due_two_working_days_after_the_supplier_is_chosen():
    # Friday 28 September 2018: Saturday 29 and Sunday 30 were worked (国庆 调休), 1–7 October off.
    p = project(supplier_chosen_on=dt.date(2018, 9, 28))
    on_time = deadlines.timeliness(p, R, dt.date(2018, 9, 30), today=dt.date(2018, 12, 1))
    assert on_time.due == dt.date(2018, 9, 30) and on_time.status == deadlines.Status.ON_TIME
    late = deadlines.timeliness(p, R, dt.date(2018, 10, 8), today=dt.date(2018, 12, 1))
    assert late.status == deadlines.Status.LATE and late.late_days == 1
    assert late.flag == "逾期公开 1 个工作日"


def test_an_unpublished_result_is_pending_then_missing_by_working_days():
    p = project(supplier_chosen_on=dt.date(2018, 7, 2))  # Monday: due Wednesday 4 July
    assert deadlines.timeliness(p, R, None, today=dt.date(2018, 7, 4)).status == deadlines.Status.PENDING
    missing = deadlines.timeliness(p, R, None, today=dt.date(2018, 7, 9))
    assert missing.status == deadlines.Status.MISSING and missing.late_days == 3


def test_a_result_published_on_the_weekend_after_its_due_day_is_one_day_late():
    p = project(supplier_chosen_on=dt.date(2018, 7, 4))  # Wednesday: due Friday 6 July
    t = deadlines.timeliness(p, R, dt.date(2018, 7, 7), today=dt.date(2018, 8, 1))
    assert t.status == deadlines.Status.LATE and t.late_days == 1


def test_through_a_year_the_calendar_does_not_know_the_due_day_is_provisional(calendar_without):
    calendar_without(2027)
    p = project(supplier_chosen_on=dt.date(2026, 12, 31))  # Thursday
    t = deadlines.timeliness(p, R, None, today=dt.date(2026, 12, 31))
    assert t.pending_year == 2027 and "2027" in t.badge
    assert t.status == deadlines.Status.PENDING and t.due >= dt.date(2027, 1, 2)


def test_the_intention_is_due_thirty_days_before_procurement_starts(settings):
    settings.PROCUREMENT_INTENTION_REQUIRED_FROM = "2018-01-01"
    p = project(planned_start_on=dt.date(2018, 6, 1))
    assert deadlines.intention_due(p) == dt.date(2018, 5, 2)
    assert (
        deadlines.timeliness(p, INTENTION, dt.date(2018, 5, 2), today=dt.date(2018, 7, 1)).status
        == deadlines.Status.ON_TIME
    )
    late = deadlines.timeliness(p, INTENTION, dt.date(2018, 5, 12), today=dt.date(2018, 7, 1))
    assert late.status == deadlines.Status.LATE and late.flag == "逾期公开 10 天"
    # The actual start counts once there is one.
    p.started_on = dt.date(2018, 5, 20)
    assert deadlines.timeliness(p, INTENTION, dt.date(2018, 4, 25), today=dt.date(2018, 7, 1)).late_days == 5
    missing = deadlines.timeliness(
        project(planned_start_on=dt.date(2018, 6, 1)), INTENTION, None, today=dt.date(2018, 5, 5)
    )
    assert missing.status == deadlines.Status.MISSING and missing.late_days == 3


def test_no_intention_is_required_before_the_circular_applies(settings):
    settings.PROCUREMENT_INTENTION_REQUIRED_FROM = "2022-01-01"
    p = project(planned_start_on=dt.date(2018, 6, 1))
    assert (
        deadlines.timeliness(p, INTENTION, None, today=dt.date(2018, 7, 1)).status
        == deadlines.Status.NOT_REQUIRED
    )
    p = project(planned_start_on=dt.date(2022, 3, 1))
    assert (
        deadlines.timeliness(p, INTENTION, None, today=dt.date(2022, 1, 15)).status
        == deadlines.Status.PENDING
    )


def test_the_limits_are_settings(settings):
    settings.PROCUREMENT_RESULT_WORKING_DAYS = 5
    p = project(supplier_chosen_on=dt.date(2018, 7, 2))
    assert deadlines.timeliness(p, R, None, today=dt.date(2018, 7, 2)).due == dt.date(2018, 7, 9)
