"""The departments' 31 January (条例 第四十九条): which have published their report on time, late (by
how many days) or not at all, the office's standings page and its to-do flag; and a department's
report generated from its own records only."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.reports import actions, deadlines, figures, todos

pytestmark = pytest.mark.django_db
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


def _published(organisation, on: dt.date, personas):
    report = actions.generate_report(organisation, 2021, actor=personas.coordinator)
    actions.approve_report(report, actor=personas.coordinator)
    return actions.release_report(report, actor=None, published_at=dt.datetime.combine(on, dt.time(10), tzinfo=TZ))


@pytest.fixture
def standings(personas):
    """教育局 published on 31 January 2022, 财政局 on 5 February; 区政府办 only approved its report."""
    with time_machine.travel(dt.datetime(2022, 1, 10, 9, tzinfo=TZ), tick=False):
        on_time = _published(personas.department, dt.date(2022, 1, 31), personas)
        late = _published(personas.other_department, dt.date(2022, 2, 5), personas)
        gov_office = personas.office.parent
        approved = actions.generate_report(gov_office, 2021, actor=personas.coordinator)
        actions.approve_report(approved, actor=personas.coordinator)
    return {"on_time": on_time, "late": late, "approved": approved, "gov_office": gov_office}


def _by_org(rows):
    return {row.organisation.pk: row for row in rows}


def test_each_department_stands_on_time_late_or_missing_against_31_january(standings, personas):
    rows = _by_org(deadlines.department_reports(personas.district, 2021, today=dt.date(2022, 3, 1)))
    assert set(rows) == {personas.department.pk, personas.other_department.pk, standings["gov_office"].pk}
    assert (rows[personas.department.pk].status, rows[personas.department.pk].days_late) == ("on_time", 0)
    late = rows[personas.other_department.pk]
    assert (late.status, late.days_late, late.label, late.published_on) == ("late", 5, "逾期5天公开", dt.date(2022, 2, 5))
    missing = rows[standings["gov_office"].pk]
    assert (missing.status, missing.days_late, missing.label) == ("missing", 29, "未公开（已逾期29天）")
    assert missing.report == standings["approved"]  # approved is not published
    assert personas.district.pk not in rows  # the district's own is due by 31 March
    assert deadlines.district_deadline(2021) == dt.date(2022, 3, 31)
    standing = deadlines.department_reports(personas.district, 2021, today=dt.date(2022, 3, 1))
    assert deadlines.counts(standing) == {"on_time": 1, "late": 1, "missing": 1, "pending": 0}
    assert [r.organisation for r in deadlines.flagged(standing)] == [standings["gov_office"], personas.other_department]


def test_before_the_day_an_unpublished_report_is_not_yet_late(standings, personas):
    rows = _by_org(deadlines.department_reports(personas.district, 2021, today=dt.date(2022, 1, 31)))
    assert rows[standings["gov_office"].pk].status == "pending"
    assert rows[personas.other_department.pk].status == "pending"  # published after that day
    assert deadlines.last_due_year(dt.date(2022, 1, 31)) == 2020
    assert deadlines.last_due_year(dt.date(2022, 2, 1)) == 2021


def test_the_office_sees_the_standings_and_the_late_are_flagged_on_its_to_do_list(standings, personas, client):
    with time_machine.travel(dt.datetime(2022, 3, 1, 9, tzinfo=TZ), tick=False):
        client.force_login(personas.coordinator)
        page = client.get(reverse("reports_staff:deadlines"), {"year": 2021}).content.decode()
        assert "逾期5天公开" in page and "未公开（已逾期29天）" in page and "按时公开" in page
        assert "2 个单位未按时公开年度报告，已列为督查事项" in page
        bad = client.get(reverse("reports_staff:deadlines"), {"year": "3000"}, follow=True).content.decode()
        assert "年度须在" in bad and "2021年度各部门年报公开情况" in bad
        flags = todos.late_department_reports(personas.coordinator)
        assert [(t.count, t.urgency) for t in flags] == [(2, "overdue")]
        assert "2021年度" in flags[0].title and flags[0].url.endswith("?year=2021")
        assert todos.late_department_reports(personas.editor) == []  # a department's editor is not the office
        client.force_login(personas.editor)
        assert client.get(reverse("reports_staff:deadlines")).status_code == 403
    with time_machine.travel(dt.datetime(2022, 1, 20, 9, tzinfo=TZ), tick=False):
        # Before 1 February the flag is about the year before last: 2020's reports, none published.
        flags = todos.late_department_reports(personas.coordinator)
        assert [(t.count, "2020年度" in t.title) for t in flags] == [(3, True)]


def test_a_departments_report_counts_only_its_own_records(ledger, personas, put_application):
    put_application(personas.other_department, dt.date(2021, 3, 3), category="legal", outcome="disclose", replied_on=dt.date(2021, 3, 20))
    mine = figures.compute(personas.department, 2021)
    theirs = figures.compute(personas.other_department, 2021)
    district = figures.compute(personas.district, 2021)
    for row in mine["table_three"]["rows"]:
        for column in mine["table_three"]["columns"]:
            assert (
                mine["table_three"]["rows"][row][column] + theirs["table_three"]["rows"][row][column]
                == district["table_three"]["rows"][row][column]
            ), (row, column)
    assert mine["narrative"]["hotline"] is None and district["narrative"]["hotline"] is not None
    assert mine["organisation"]["code"] == personas.department.code and not mine["organisation"]["is_district"]
    report = actions.generate_report(personas.department, 2021, actor=personas.editor)
    assert report.organisation == personas.department and report.district == personas.district
    assert personas.department.name in report.overview
