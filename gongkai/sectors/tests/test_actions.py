"""A report from draft to confirmed: values entered all or nothing, the land check explained,
versions frozen with who entered each figure and when, returned and corrected, reopened by the
office with the confirmed figures standing; every step audited."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.sectors import actions, stats
from gongkai.sectors.models import CheckKind, Entry, Figure, ReportState, VersionState
from gongkai.sectors.tests.conftest import LAND_REASON

pytestmark = pytest.mark.django_db


def test_a_bad_value_refuses_the_whole_form_and_names_the_indicator(personas, catalog, report, fill):
    with pytest.raises(ValidationError) as exc:
        fill(report, schools="一千", land__farmer="3.9281")
    errors = exc.value.message_dict
    assert errors[f"value_{catalog['schools'].pk}"] == ["随迁子女入学：“一千”不是数字。"]
    assert "最多保留3位小数" in errors[f"value_{catalog['land.farmer'].pk}"][0]
    assert not Entry.objects.filter(report=report).exists()


def test_values_are_saved_with_who_entered_them_and_only_changes_are_audited(personas, catalog, report, fill):
    with time_machine.travel(dt.datetime(2019, 1, 10, 9, tzinfo=dt.UTC), tick=False):
        changes = fill(report)
    assert changes["land.total"] == [None, "8.04"]
    entry = Entry.objects.get(report=report, indicator=catalog["land.farmer"])
    assert entry.value == Decimal("3.928") and entry.entered_by == personas.editor
    assert entry.entered_at == dt.datetime(2019, 1, 10, 9, tzinfo=dt.UTC)
    assert fill(report) == {}  # the same values again: nothing changed, nothing audited
    assert AuditEvent.objects.filter(action="sector_report.enter").count() == 1


def test_the_land_check_blocks_submission_until_explained(personas, catalog, report, fill):
    fill(report)
    with pytest.raises(ValidationError) as exc:
        actions.submit_report(report, actor=personas.editor)
    assert "土地流转总面积" in exc.value.messages[0] and "7.95" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        actions.explain(
            report,
            actor=personas.editor,
            indicator=catalog["land.total"],
            kind=CheckKind.PARTS_SUM,
            text="对",
        )
    actions.explain(
        report,
        actor=personas.editor,
        indicator=catalog["land.total"],
        kind=CheckKind.PARTS_SUM,
        text=LAND_REASON,
    )
    version = actions.submit_report(report, actor=personas.editor)
    assert version.number == 1 and version.state == VersionState.SUBMITTED
    (frozen,) = version.checks
    assert frozen["indicator"] == "land.total" and frozen["explanation"] == LAND_REASON
    assert frozen["explained_by"] == personas.editor.display_name


def test_an_explanation_lapses_when_the_values_it_explained_change(personas, catalog, report, fill):
    fill(report)
    actions.explain(
        report,
        actor=personas.editor,
        indicator=catalog["land.total"],
        kind=CheckKind.PARTS_SUM,
        text=LAND_REASON,
    )
    fill(report, land__total="8.10")
    with pytest.raises(ValidationError):
        actions.submit_report(report, actor=personas.editor)
    fill(report, land__total="7.95")  # corrected: the parts add up, nothing to explain
    assert actions.submit_report(report, actor=personas.editor).checks == []


def test_errors_cannot_be_explained_away(personas, catalog, report, fill):
    fill(report, share="101")
    with pytest.raises(ValidationError):
        actions.explain(
            report,
            actor=personas.editor,
            indicator=catalog["share"],
            kind=CheckKind.SHARE_OVER_100,
            text="系统统计口径",
        )
    with pytest.raises(ValidationError) as exc:
        actions.submit_report(report, actor=personas.editor)
    assert any("比例不能超过100%" in m for m in exc.value.messages)


def test_a_confirmed_figure_is_traced_to_its_report_version_and_who_entered_it(personas, catalog, confirmed):
    found = stats.figure(personas.district, 2018, "land.total")
    assert found.value == Decimal("8.04") and found.text == "8.04万亩"
    assert found.organisation == personas.department.name and found.report_id == confirmed.pk
    figure = Figure.objects.get(pk=found.figure_id)
    assert figure.entered_by == personas.editor and figure.version.decided_by == personas.leader
    assert confirmed.state == ReportState.CONFIRMED


def test_returned_then_corrected_keeps_both_versions(personas, catalog, report, fill):
    fill(report, land__total="7.95")
    actions.submit_report(report, actor=personas.editor)
    with pytest.raises(ValidationError):
        actions.return_report(report, actor=personas.leader, reason="")
    returned = actions.return_report(report, actor=personas.leader, reason="随迁子女数与教育统计年报不符")
    assert returned.state == VersionState.RETURNED
    assert stats.figure(personas.district, 2018, "schools") is None  # a returned version never counts
    fill(report, land__total="7.95", schools="1270")
    actions.submit_report(report, actor=personas.editor)
    actions.confirm_report(report, actor=personas.leader)
    assert [v.number for v in report.versions.all()] == [2, 1]
    assert stats.figure(personas.district, 2018, "schools").value == 1270


def test_the_office_reopens_a_confirmed_report_and_its_figures_stand_until_a_new_one_is_confirmed(
    personas, catalog, confirmed, fill
):
    actions.reopen_report(confirmed, actor=personas.coordinator, reason="随迁子女数须按新口径更正")
    assert stats.figure(personas.district, 2018, "schools").value == 1268
    fill(confirmed, schools="1300")
    actions.explain(
        confirmed,
        actor=personas.editor,
        indicator=catalog["land.total"],
        kind=CheckKind.PARTS_SUM,
        text=LAND_REASON,
    )
    actions.submit_report(confirmed, actor=personas.editor)
    assert stats.figure(personas.district, 2018, "schools").value == 1268  # still waiting for the leader
    actions.confirm_report(confirmed, actor=personas.leader)
    assert stats.figure(personas.district, 2018, "schools").value == 1300
    actions_done = list(
        AuditEvent.objects.filter(action__startswith="sector_report.").values_list("action", flat=True)
    )
    assert actions_done.count("sector_report.confirm") == 2 and "sector_report.reopen" in actions_done


def test_last_years_confirmed_figure_warns_of_a_jump(personas, catalog, confirmed, fill):
    later = actions.start_report(personas.department, 2019, actor=personas.editor)
    fill(later, schools="3000", land__total="7.95")
    (warning,) = [f for f in actions.report_findings(later) if f.kind == CheckKind.YEAR_ON_YEAR]
    assert warning.indicator == catalog["schools"] and "1268" in warning.message
    assert actions.submit_report(later, actor=personas.editor)  # a warning does not block


def test_starting_twice_gives_the_same_report_and_a_year_out_of_range_is_refused(personas, catalog, report):
    assert actions.start_report(personas.department, 2018, actor=personas.editor) == report
    with pytest.raises(ValidationError):
        actions.start_report(personas.department, 18, actor=personas.editor)


def test_a_department_without_indicators_cannot_start_a_report(personas, catalog):
    with pytest.raises(ValidationError, match="没有需要填报的指标"):
        actions.start_report(personas.other_department, 2018, actor=personas.outsider)
