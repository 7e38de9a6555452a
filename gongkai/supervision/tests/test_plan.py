"""The work plan: the office enters tasks, units report progress with their own published items as
evidence, the office accepts or returns; overdue is working-day aware, is a finding of the daily
checks (in ``manage.py supervision_checks``) that closes by itself, and stands on the office's home
and the unit's to-do list. A unit sees and reports only its own part; a second district nothing.
Time is frozen (conftest: Monday 2 March 2026)."""

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gongkai.accounts.factories import build_personas
from gongkai.audit.models import AuditEvent
from gongkai.supervision import actions, plans
from gongkai.supervision.models import Finding, PlanTask, Progress, ProgressReport, ReportState
from gongkai.supervision.tests.conftest import at

pytestmark = pytest.mark.django_db

SATURDAY = dt.date(2026, 3, 7)  # a day off: the task's last day moves to Monday 9 March
# (28 February, also a Saturday, was a working day in 2026: 春节调休)


@pytest.fixture
def task(personas, frozen):
    return actions.create_task(
        personas.district,
        {
            "year": 2026,
            "number": "3",
            "text": "公开义务教育招生入学政策并做好解读",
            "category": "重点领域信息公开",
            "due_on": SATURDAY,
            "source": "2026年政务公开工作要点",
            "units": [personas.department, personas.other_department],
        },
        actor=personas.coordinator,
    )


@pytest.fixture
def evidence(personas, put):
    mine = put("2026年义务教育招生入学政策", "tzgg", at(2026, 2, 20, 9, 0))
    theirs = put("财政局预算通知", "tzgg", at(2026, 2, 20, 9, 0), organisation=personas.other_department)
    return mine, theirs


def _report(task, unit, actor, progress=Progress.COMPLETED, evidence=()):
    return actions.submit_report(
        task,
        unit,
        actor=actor,
        text="已在门户网站公开并发布解读。",
        progress=progress,
        evidence=list(evidence),
    )


def test_a_due_date_on_a_day_off_moves_to_the_next_working_day(task):
    assert plans.status_of(task, dt.date(2026, 3, 2)).key == "soon"  # 5 working days left
    status = plans.status_of(task, dt.date(2026, 3, 9))
    assert status.due == dt.date(2026, 3, 9) and not status.overdue
    assert plans.status_of(task, dt.date(2026, 3, 10)).overdue
    assert plans.effective_due(dt.date(2026, 2, 28)) == dt.date(2026, 2, 28)  # 春节调休: worked


def test_a_unit_reports_with_its_own_items_and_the_office_accepts(personas, task, evidence):
    mine, theirs = evidence
    with pytest.raises(ValidationError, match="只能选择本单位已公开的信息"):
        _report(task, personas.department, personas.editor, evidence=[mine.pk, theirs.pk])
    with pytest.raises(ValidationError, match="至少一条"):
        _report(task, personas.department, personas.editor, evidence=[])
    report = _report(task, personas.department, personas.editor, evidence=[mine.pk])
    assert report.state == ReportState.SUBMITTED and report.evidence == [mine.pk]
    with pytest.raises(ValidationError, match="尚待审核"):
        _report(task, personas.department, personas.editor, evidence=[mine.pk])
    with pytest.raises(PermissionDenied):
        actions.accept_report(report, actor=personas.editor)  # a unit does not review itself
    actions.accept_report(report, actor=personas.coordinator, note="佐证充分")
    status = plans.status_of(PlanTask.objects.get(pk=task.pk), dt.date(2026, 3, 2))  # accepted today
    by_unit = {p.unit.pk: p for p in status.parts}
    assert by_unit[personas.department.pk].done_on == dt.date(2026, 3, 2)
    assert by_unit[personas.other_department.pk].done_on is None and not status.done
    with pytest.raises(ValidationError, match="不能执行"):
        actions.accept_report(report, actor=personas.coordinator)
    with pytest.raises(ValidationError, match="已审核完成"):
        _report(task, personas.department, personas.editor, evidence=[mine.pk])
    codes = list(
        AuditEvent.objects.filter(action__startswith="supervision.").values_list("action", flat=True)
    )
    assert {"supervision.create_task", "supervision.submit_report", "supervision.accept_report"} <= set(codes)


def test_a_returned_report_needs_a_reason_and_the_unit_reports_again(personas, task, evidence):
    mine, _theirs = evidence
    report = _report(task, personas.department, personas.editor, progress=Progress.STARTED)
    with pytest.raises(ValidationError, match="说明理由"):
        actions.return_report(report, actor=personas.coordinator, note=" ")
    actions.return_report(report, actor=personas.coordinator, note="请补充解读材料")
    assert ProgressReport.objects.get(pk=report.pk).state == ReportState.RETURNED
    again = _report(task, personas.department, personas.leader, evidence=[mine.pk])
    assert again.state == ReportState.SUBMITTED


def test_only_a_responsible_unit_reports_and_only_for_itself(personas, task, evidence):
    mine, _theirs = evidence
    with pytest.raises(PermissionDenied):
        _report(task, personas.other_department, personas.editor, evidence=[])  # not the editor's unit
    with pytest.raises(PermissionDenied):
        _report(task, personas.department, personas.coordinator, evidence=[mine.pk])  # the office reviews
    third = actions.create_task(
        personas.district,
        {
            "year": 2026,
            "text": "另一项任务",
            "due_on": dt.date(2026, 6, 30),
            "units": [personas.other_department],
        },
        actor=personas.coordinator,
    )
    with pytest.raises(PermissionDenied):
        _report(third, personas.department, personas.editor, evidence=[mine.pk])
    with pytest.raises(PermissionDenied):
        actions.create_task(
            personas.district,
            {"year": 2026, "text": "x", "due_on": dt.date(2026, 6, 30), "units": [personas.department]},
            actor=personas.editor,
        )


def _open_overdue() -> list[Finding]:
    return list(Finding.objects.filter(rule="plan_task_overdue", closed_on__isnull=True))


def test_the_overdue_check_opens_names_the_unit_and_closes_when_done(personas, task, evidence, run):
    mine, _theirs = evidence
    assert not [k for k in run(dt.date(2026, 3, 9)) if k[0] == "plan_task_overdue"]  # its last day
    with time_machine.travel(at(2026, 3, 10, 10, 0), tick=False):
        run(dt.date(2026, 3, 10))
        found = {f.unit_id: f for f in _open_overdue()}
        assert set(found) == {personas.department.pk, personas.other_department.pk}
        assert found[personas.department.pk].since == dt.date(2026, 3, 10)
        out = io.StringIO()
        call_command("supervision_checks", "--format", "json", stdout=out)
        rows = [r for r in json.loads(out.getvalue()) if r["rule"] == "plan_task_overdue"]
        assert len(rows) == 2 and {r["unit"] for r in rows} >= {personas.department.name}
        report = _report(task, personas.department, personas.editor, evidence=[mine.pk])
        actions.accept_report(report, actor=personas.coordinator)
    with time_machine.travel(at(2026, 3, 11, 10, 0), tick=False):
        run(dt.date(2026, 3, 11))
        still = _open_overdue()
        assert [f.unit_id for f in still] == [personas.other_department.pk]
    closed = Finding.objects.get(rule="plan_task_overdue", unit=personas.department)
    assert closed.closed_on == dt.date(2026, 3, 11)


def test_a_unit_sees_its_own_tasks_and_part_only(client, personas, task, evidence):
    mine, theirs = evidence
    other_report = _report(task, personas.other_department, personas.outsider, evidence=[theirs.pk])
    own_only = actions.create_task(
        personas.district,
        {
            "year": 2026,
            "text": "财政预决算公开专项任务",
            "due_on": dt.date(2026, 6, 30),
            "units": [personas.other_department],
        },
        actor=personas.coordinator,
    )
    client.force_login(personas.editor)
    listing = client.get(reverse("supervision_staff:plan") + "?year=2026").content.decode()
    assert task.text in listing and own_only.text not in listing
    page = client.get(reverse("supervision_staff:plan_task", args=[task.pk])).content.decode()
    assert (
        personas.department.name in page and other_report.text not in page and theirs.live.title not in page
    )
    assert mine.live.title in page  # its own item offered as evidence
    assert client.get(reverse("supervision_staff:plan_task", args=[own_only.pk])).status_code == 404
    # the office sees both parts and reviews
    client.force_login(personas.coordinator)
    page = client.get(reverse("supervision_staff:plan_task", args=[task.pk])).content.decode()
    assert personas.other_department.name in page and theirs.live.title in page and "审核通过" in page


def test_a_second_district_sees_nothing_of_the_first(client, personas, task):
    second = build_personas(prefix="乙", region="431003")
    client.force_login(second.coordinator)
    assert task.text not in client.get(reverse("supervision_staff:plan") + "?year=2026").content.decode()
    assert client.get(reverse("supervision_staff:plan_task", args=[task.pk])).status_code == 404
    assert client.get(reverse("supervision_staff:plan_task_edit", args=[task.pk])).status_code == 404
    report_of_first = ProgressReport.objects.create(
        task=task, unit=personas.department, text="x", progress="started", submitted_at=at(2026, 3, 2, 9)
    )
    response = client.post(reverse("supervision_staff:plan_review", args=[report_of_first.pk, "accept"]))
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        actions.accept_report(report_of_first, actor=second.coordinator)
    with pytest.raises(ValidationError, match="本区的机构"):
        actions.create_task(
            second.district,
            {"year": 2026, "text": "x", "due_on": dt.date(2026, 6, 30), "units": [personas.department]},
            actor=second.coordinator,
        )


def test_the_unit_finds_the_overdue_task_in_its_todos_and_the_office_on_its_home(client, personas, task):
    with time_machine.travel(at(2026, 3, 10, 10, 0), tick=False):
        client.force_login(personas.editor)
        home = client.get(reverse("workbench:home")).content.decode()
        assert "工作要点" in home and task.text in home and "已超期" in home
        client.force_login(personas.coordinator)
        home = client.get(reverse("workbench:home")).content.decode()
        assert "2026年工作要点落实情况" in home and "已逾期1项" in home
        assert personas.other_department.name in home


def test_the_template_imports_back_and_the_export_reads_back(client, personas, frozen):
    client.force_login(personas.coordinator)
    response = client.get(reverse("supervision_staff:plan_template") + "?year=2026")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert [c.value for c in sheet[1]] == plans.COLUMNS
    sheet.append(
        [
            "1",
            "公开重大建设项目批准和实施信息",
            "重点领域",
            "测试区教育局、测试区财政局",
            dt.date(2026, 9, 30),
            "要点",
        ]
    )
    sheet.append(["2", "做好政策解读", "", "测试区教育局", "2026-10-31", ""])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "plan.xlsx"
    response = client.post(reverse("supervision_staff:plan_import") + "?year=2026", {"file": out})
    assert response.status_code == 302
    tasks = list(PlanTask.objects.filter(district=personas.district).order_by("number"))
    assert [t.text for t in tasks] == [
        "公开重大建设项目批准和实施信息",
        "做好政策解读",
    ]  # the example row skipped
    assert [tu.unit for tu in tasks[0].task_units.order_by("order")] == [
        personas.department,
        personas.other_department,
    ]
    assert tasks[1].due_on == dt.date(2026, 10, 31)

    exported = load_workbook(
        io.BytesIO(client.get(reverse("supervision_staff:plan_export") + "?year=2026").content)
    )
    rows = list(exported.active.iter_rows(values_only=True))
    assert rows[0][:6] == tuple(plans.COLUMNS) and rows[0][7] == "状态"
    assert rows[1][1] == "公开重大建设项目批准和实施信息" and rows[1][7] == "推进中"
    assert "测试区教育局：未报送" in rows[1][9]


def test_an_import_with_a_bad_row_imports_nothing_and_says_why(client, personas, frozen):
    book = Workbook()
    book.active.append(plans.COLUMNS)
    book.active.append(["1", "任务甲", "", "测试区教育局", "2026-06-30", ""])
    book.active.append(["2", "任务乙", "", "不存在的局", "明年", ""])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "plan.xlsx"
    client.force_login(personas.coordinator)
    page = client.post(
        reverse("supervision_staff:plan_import") + "?year=2026", {"file": out}
    ).content.decode()
    assert "第3行" in page and "本区没有“不存在的局”" in page and "完成时限不是日期" in page
    assert not PlanTask.objects.exists()
    client.force_login(personas.editor)
    assert client.get(reverse("supervision_staff:plan_import")).status_code == 403


def test_the_plan_page_costs_the_same_queries_for_one_task_or_ten(client, personas, frozen, evidence):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for i in range(n):
            t = actions.create_task(
                personas.district,
                {
                    "year": 2026,
                    "text": f"任务{i}",
                    "due_on": dt.date(2026, 6, 30),
                    "units": [personas.department],
                },
                actor=personas.coordinator,
            )
            _report(t, personas.department, personas.editor, progress=Progress.STARTED)

    client.force_login(personas.coordinator)
    url = reverse("supervision_staff:plan") + "?year=2026"
    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    add(9)
    with CaptureQueriesContext(connection) as ten:
        assert client.get(url).status_code == 200
    assert len(ten) == len(one)
