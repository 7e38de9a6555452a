"""Each check finds the case it exists for, and its finding closes by itself when fixed (the day
kept). Time frozen on Monday 2 March 2026; expected days worked out by hand in the comments."""

import datetime as dt
import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from gongkai.applications.models import Status
from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import DocKind, Validity
from gongkai.hotline import actions as hotline_actions
from gongkai.supervision import actions, checks
from gongkai.supervision.models import Finding, SupervisionSettings
from gongkai.supervision.tests.conftest import TODAY, at

pytestmark = pytest.mark.django_db


def rules(found) -> set[str]:
    return {rule for rule, _label in found}


def test_a_stale_column_is_found_from_its_due_day_and_closes_when_updated(frozen, fill_columns, put, run):
    fill_columns(skip={"gzdt"})
    put("旧动态", "gzdt", at(2026, 2, 1, 9, 0))
    # gzdt's only item is of 1 February; 14-day cycle: due 15 February, stale since 16 February
    found = run()
    stale = found[("column_stale", "工作动态")]
    assert stale.since == dt.date(2026, 2, 16) and stale.unit_id == stale.district_id
    assert "29天未更新" in stale.detail and "工作动态" in stale.fix
    assert stale.url.endswith(f"?column={stale.object_id}")
    put("新动态", "gzdt", at(2026, 3, 2, 9, 0))
    assert ("column_stale", "工作动态") not in run()
    stale.refresh_from_db()
    assert stale.closed_on == TODAY


def test_blank_columns_are_found_and_five_of_them_are_a_single_veto(personas, frozen, columns, run):
    found = run()
    blank = {label for rule, label in found if rule == "column_blank"}
    with_cycle = {c.name for c in columns.values() if c.update_cycle and c.is_active}
    assert blank == with_cycle and len(blank) >= 5
    veto = next(f for (rule, _l), f in found.items() if rule == "veto_blank_columns")
    assert f"{len(blank)}个空白栏目" in veto.detail and veto.url.endswith("?rule=column_blank")
    # a higher threshold set by the office: no veto any more, the blank columns stay
    SupervisionSettings.objects.create(district=personas.district, veto_blank_columns=len(blank) + 1)
    again = run()
    assert "veto_blank_columns" not in rules(again) and "column_blank" in rules(again)
    assert Finding.objects.get(pk=veto.pk).closed_on == TODAY


def test_a_second_run_on_the_same_day_changes_nothing(frozen, run):
    first = run()
    summary = actions.run_checks(Finding.objects.first().district, today=TODAY)
    assert summary["opened"] == 0 and summary["closed"] == 0 and summary["kept"] == len(first)


def test_an_item_published_after_twenty_working_days_is_late(personas, frozen, fill_columns, put, run):
    fill_columns()
    # written Monday 5 January 2026: 20 working days (1 and 2 January are holidays, but after it)
    # reach Monday 2 February; published 27 February: late. The other, 25 days after: on time.
    put("迟发文件", "tzgg", at(2026, 2, 27, 9, 0), written_date=dt.date(2026, 1, 5))
    put("按时文件", "tzgg", at(2026, 2, 24, 9, 0), written_date=dt.date(2026, 2, 10))
    found = run()
    late = found[("late_publication", "迟发文件")]
    assert checks.publication_due(dt.date(2026, 1, 5), 20) == dt.date(2026, 2, 2)
    assert late.since == dt.date(2026, 2, 3) and late.unit_id == personas.department.pk
    assert ("late_publication", "按时文件") not in found
    # it leaves the checked window (90 days after its publication) and closes
    assert ("late_publication", "迟发文件") not in run(dt.date(2026, 5, 29))


def test_a_normative_document_without_validity_is_found_until_corrected(
    personas, frozen, fill_columns, put, run
):
    fill_columns()
    item = put(
        "关于规范停车收费的通知",
        "gfxwj",
        at(2026, 2, 27, 9, 0),
        doc_kind=DocKind.NORMATIVE,
        written_date=dt.date(2026, 2, 26),
        doc_number="测政发〔2026〕1号",
    )
    found = run()
    assert found[("no_validity", "关于规范停车收费的通知")].unit_id == personas.department.pk
    correction = catalog_actions.start_correction(item, actor=personas.editor)
    catalog_actions.update_draft(correction, actor=personas.editor, validity=Validity.VALID)
    catalog_actions.submit(correction, actor=personas.editor)
    catalog_actions.review(correction, actor=personas.reviewer, passed=True)
    catalog_actions.approve(correction, actor=personas.leader, approved=True)
    assert ("no_validity", "关于规范停车收费的通知") not in run()


def test_applications_overdue_and_due_soon_close_when_answered(personas, frozen, put_application, run):
    # received 5 January: 20 working days end 2 February — overdue since 3 February
    overdue = put_application(personas.department, dt.date(2026, 1, 5))
    # received 30 January: 20 working days (Spring Festival 15–23 February off, 14 and 28 worked)
    # end on a day within 3 working days of 2 March
    soon = put_application(personas.other_department, dt.date(2026, 1, 30))
    fresh = put_application(personas.other_department, dt.date(2026, 2, 27))
    found = run()
    late = found[("application_overdue", overdue.number)]
    assert late.unit_id == personas.department.pk and late.since > dt.date(2026, 2, 2)
    assert ("application_due_soon", soon.number) in found
    assert found[("application_due_soon", soon.number)].unit_id == personas.other_department.pk
    assert not any(label == fresh.number for _rule, label in found)
    overdue.status, overdue.replied_on, overdue.outcome = Status.CLOSED, TODAY, "disclose"
    overdue.save()
    assert ("application_overdue", overdue.number) not in run()
    assert Finding.objects.get(pk=late.pk).closed_on == TODAY


def test_an_overdue_ticket_is_found_at_its_lead_unit_and_closes_on_reply(personas, frozen, ticket, run):
    # dispatched Monday 9 February, 5 working days: due Monday 16 February… past on 2 March
    late = ticket(personas.department, at(2026, 2, 9, 9, 0))
    recent = ticket(personas.department, at(2026, 3, 2, 9, 0))
    found = run()
    finding = found[("ticket_overdue", late.number)]
    assert finding.unit_id == personas.department.pk
    assert ("ticket_overdue", recent.number) not in found
    hotline_actions.reply(late, actor=personas.editor, text="已答复市民")
    assert ("ticket_overdue", late.number) not in run()


def test_a_rule_whose_source_app_is_missing_is_not_run_and_keeps_its_findings(
    personas, frozen, run, monkeypatch
):
    found = run()
    blank = next(f for (rule, _l), f in found.items() if rule == "column_blank")
    rule = checks.RULES["column_blank"]
    monkeypatch.setitem(
        checks.RULES, "column_blank", checks.Rule(rule.code, rule.label, "nosuchapp", rule.func)
    )
    summary = actions.run_checks(personas.district, today=TODAY)
    assert "column_blank" in summary["skipped"]
    assert Finding.objects.get(pk=blank.pk).closed_on is None


def test_the_command_prints_the_open_findings_as_json(personas, frozen, put_application):
    app = put_application(personas.department, dt.date(2026, 1, 5))
    out = StringIO()
    call_command("supervision_checks", "--district", personas.district.code, "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    row = next(r for r in rows if r["rule"] == "application_overdue")
    assert row["unit"] == personas.department.name and row["object"] == app.number
    assert row["since"] == Finding.objects.get(rule="application_overdue").since.isoformat()
    assert row["fix"] and {"rule", "unit", "object", "since", "fix"} <= set(row)
    text = StringIO()
    call_command("supervision_checks", stdout=text, stderr=StringIO())
    assert app.number in text.getvalue() and "依申请公开超期未答复" in text.getvalue()


def test_the_command_refuses_an_unknown_district(personas):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到"):
        call_command("supervision_checks", "--district", "NOPE", stdout=StringIO())


def test_the_daily_job_runs_every_district(personas, frozen):
    from gongkai.background.periodic import run_job

    with time_machine.travel(at(2026, 3, 2, 11, 0), tick=False):
        run_job("supervision_checks")
    assert Finding.objects.filter(district=personas.district, closed_on__isnull=True).exists()


def test_a_service_guide_missing_elements_is_found_until_completed(personas, frozen, run):
    from gongkai.services import actions as service_actions
    from gongkai.services.models import ItemType
    from gongkai.services.tests.conftest import COMPLETE

    item = service_actions.create_item(
        actor=personas.editor,
        code="JY-XK-001",
        name="民办学校设立审批",
        type=ItemType.LICENSING,
        department=personas.department,
        organisation=personas.department,
        basis="《中华人民共和国民办教育促进法》第十二条",
    )
    label = "民办学校设立审批（JY-XK-001）"
    without_guide = run()[("guide_incomplete", label)]
    assert without_guide.unit_id == personas.department.pk and "办事指南缺少" in without_guide.detail
    guide = service_actions.create_guide(item, actor=personas.editor, **{**COMPLETE, "fees": "", "hours": ""})
    finding = run()[("guide_incomplete", label)]
    assert finding.pk == without_guide.pk and "收费标准" in finding.detail and "办理时间" in finding.fix
    service_actions.edit_guide(guide, actor=personas.editor, fees="不收费", hours="工作日 9:00-17:00")
    assert ("guide_incomplete", label) not in run()
    finding.refresh_from_db()
    assert finding.closed_on == TODAY


def test_a_decision_past_its_publication_deadline_is_found_until_public(personas, frozen, run):
    from gongkai.catalog.models import Version
    from gongkai.decisions import actions as decision_actions
    from gongkai.decisions.models import BatchGroup
    from gongkai.decisions.tests.conftest import licensing_values

    decision = decision_actions.record_decision(
        actor=personas.editor,
        organisation=personas.department,
        **licensing_values(
            decided_on=dt.date(2026, 2, 10), valid_from=dt.date(2026, 2, 10), valid_to=dt.date(2031, 2, 9)
        ),
    )
    label = f"{decision.number} {decision.title}"
    finding = run()[("decision_unpublished", label)]
    assert finding.unit_id == personas.department.pk and finding.since > dt.date(2026, 2, 10)
    batch = decision_actions.release_batch(
        actor=personas.editor,
        organisation=personas.department,
        group=BatchGroup.LICENSING,
        decisions=[decision],
    )
    assert ("decision_unpublished", label) in run()  # released, not yet public
    version = Version.objects.get(item_id=batch.notice_item_id)
    catalog_actions.submit(version, actor=personas.editor)
    catalog_actions.review(version, actor=personas.reviewer, passed=True)
    catalog_actions.approve(version, actor=personas.leader, approved=True)
    assert ("decision_unpublished", label) not in run()
    finding.refresh_from_db()
    assert finding.closed_on == TODAY
