"""The staff pages: the office sees the whole district (and the ranking), a department only its
own findings and scorecard, a second district nothing of the first; the settings form refuses bad
input in Chinese and keeps what was typed."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.accounts.factories import build_personas
from gongkai.audit.models import AuditEvent
from gongkai.supervision.models import Finding, SupervisionSettings
from gongkai.supervision.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def standing(personas, frozen, put_application, run):
    """An overdue application at 教育局 and one at 财政局, and the district's blank columns."""
    mine = put_application(personas.department, dt.date(2026, 1, 5))
    theirs = put_application(personas.other_department, dt.date(2026, 1, 6))
    run()
    return mine, theirs


def test_the_office_home_shows_the_district_above_the_todo_list(client, personas, standing):
    mine, theirs = standing
    client.force_login(personas.coordinator)
    page = client.get(reverse("workbench:home")).content.decode()
    assert "全区政务公开督查概览" in page and page.index("全区政务公开督查概览") < page.index("待办事项")
    assert personas.department.name in page and personas.other_department.name in page
    assert "考核排名" in page and "本月各栏目发布与更新要求" in page and "预决算公开完成情况" in page
    findings = client.get(reverse("supervision_staff:findings")).content.decode()
    assert mine.number in findings and theirs.number in findings and "空白栏目" in findings


def test_a_department_sees_its_own_findings_and_score_only(client, personas, standing):
    mine, theirs = standing
    client.force_login(personas.editor)
    home = client.get(reverse("workbench:home")).content.decode()
    assert f"{personas.department.name}督查概览" in home and "考核排名" not in home
    findings = client.get(reverse("supervision_staff:findings")).content.decode()
    assert mine.number in findings and theirs.number not in findings and "从未发布信息" not in findings
    other = Finding.objects.get(object_label=theirs.number)
    assert (
        client.get(reverse("supervision_staff:findings") + f"?unit={other.unit_id}&state=all").status_code
        == 200
    )
    assert (
        theirs.number
        not in client.get(reverse("supervision_staff:findings") + f"?unit={other.unit_id}").content.decode()
    )
    cards = client.get(reverse("supervision_staff:scorecards")).content.decode()
    assert (
        personas.department.name in cards
        and personas.other_department.name not in cards
        and "名次" not in cards
    )
    assert (
        client.get(reverse("supervision_staff:scorecard", args=[personas.department.pk])).status_code == 200
    )
    assert (
        client.get(reverse("supervision_staff:scorecard", args=[personas.other_department.pk])).status_code
        == 403
    )


def test_the_office_sees_every_units_breakdown_and_the_ranking(client, personas, standing):
    client.force_login(personas.auditor)
    cards = client.get(reverse("supervision_staff:scorecards") + "?period=2026").content.decode()
    assert "名次" in cards and personas.department.name in cards and personas.other_department.name in cards
    page = client.get(
        reverse("supervision_staff:scorecard", args=[personas.other_department.pk]) + "?period=2026"
    )
    assert page.status_code == 200 and "督查问题" in page.content.decode()


def test_a_second_district_sees_nothing_of_the_first(client, personas, standing):
    second = build_personas(prefix="乙", region="431003")
    client.force_login(second.coordinator)
    mine, theirs = standing
    for name in ("findings", "scorecards", "overview"):
        page = client.get(reverse(f"supervision_staff:{name}")).content.decode()
        assert mine.number not in page and theirs.number not in page
        assert f"scorecards/{personas.department.pk}/" not in page and ">测试区教育局<" not in page
    assert (
        client.get(reverse("supervision_staff:scorecard", args=[personas.department.pk])).status_code == 403
    )
    home = client.get(reverse("workbench:home")).content.decode()
    assert "乙测试区" in home and f"unit={personas.department.pk}" not in home


def test_a_bad_period_gets_a_chinese_message(client, personas, standing):
    client.force_login(personas.coordinator)
    page = client.get(
        reverse("supervision_staff:scorecards") + "?period=2026-13", follow=True
    ).content.decode()
    assert "考核期间格式不正确" in page


def test_the_office_saves_thresholds_and_bad_input_loses_nothing(client, personas, frozen):
    client.force_login(personas.coordinator)
    url = reverse("supervision_staff:settings")
    data = _defaults()
    data.update(veto_blank_columns="0", long_stale_days="120")
    page = client.post(url, data).content.decode()
    assert "确保该值大于或等于1" in page and 'value="120"' in page
    assert not SupervisionSettings.objects.exists()
    zero = {**_defaults(), **{k: "0" for k in _defaults() if k.startswith("weight_")}}
    assert "各项指标权重之和须大于0" in client.post(url, zero).content.decode()
    data["veto_blank_columns"] = "8"
    assert client.post(url, data).status_code == 302
    saved = SupervisionSettings.objects.get(district=personas.district)
    assert (saved.veto_blank_columns, saved.long_stale_days) == (8, 120)
    event = AuditEvent.objects.get(action="supervision.save_settings")
    assert event.changes["veto_blank_columns"] == [5, 8]


def test_only_the_office_changes_settings_or_runs_the_checks(client, personas, frozen):
    client.force_login(personas.leader)
    assert client.get(reverse("supervision_staff:settings")).status_code == 403
    assert client.post(reverse("supervision_staff:run")).status_code == 403
    assert not AuditEvent.objects.filter(action="supervision.run_checks").exists()
    client.force_login(personas.coordinator)
    page = client.post(reverse("supervision_staff:run"), follow=True).content.decode()
    assert "检查完成" in page and Finding.objects.filter(found_on=TODAY).exists()
    assert AuditEvent.objects.get(action="supervision.run_checks").actor == personas.coordinator


def test_a_user_without_supervision_sees_only_the_todo_list(client, personas, standing):
    client.force_login(personas.operator)
    page = client.get(reverse("workbench:home")).content.decode()
    assert "督查概览" not in page and "待办事项" in page
    assert client.get(reverse("supervision_staff:findings")).status_code == 403


def _defaults() -> dict[str, str]:
    from gongkai.supervision.models import THRESHOLD_FIELDS, WEIGHT_FIELDS

    blank = SupervisionSettings()
    return {name: str(getattr(blank, name)) for name in THRESHOLD_FIELDS + WEIGHT_FIELDS}


def test_the_dashboard_counts_what_is_due_this_week_and_overdue(personas, frozen, put_application, ticket):
    from gongkai.supervision import dashboard

    put_application(personas.department, dt.date(2026, 1, 5))  # overdue since 3 February
    put_application(personas.department, dt.date(2026, 1, 30))  # due within this week
    put_application(personas.other_department, dt.date(2026, 2, 27))  # due in late March
    ticket(personas.department, dt.datetime(2026, 2, 9, 9, 0, tzinfo=dt.UTC))  # overdue
    ticket(personas.other_department, dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC))  # due 9 March
    office = dashboard.build(personas.district, TODAY, office=True)
    assert office.week_end == dt.date(2026, 3, 8)
    assert (
        office.applications["open"],
        office.applications["overdue"],
        office.applications["this_week"],
    ) == (3, 1, 1)
    assert (office.tickets["open"], office.tickets["overdue"], office.tickets["this_week"]) == (2, 1, 0)
    assert "quick=overdue" in office.applications["overdue_url"]
    unit = dashboard.build(personas.other_department, TODAY, office=False)
    assert (unit.applications["open"], unit.applications["overdue"]) == (1, 0)
    assert (unit.tickets["open"], unit.tickets["overdue"]) == (1, 0)
    assert [c.unit for c in unit.own_cards] == [personas.other_department] and not unit.ranking
