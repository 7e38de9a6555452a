"""To-dos and the daily count: what waits on applications follows from the deadlines and today."""

import datetime as dt

import pytest
import time_machine

from gongkai.applications import actions
from gongkai.applications.todos import application_todos
from gongkai.workbench.navigation import nav_for
from gongkai.workbench.todos import Urgency, collect_todos

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2025, 6, 16)


@pytest.fixture
def spread(make_app, personas):
    overdue = make_app(received=D(2025, 5, 6))  # due 4 June (端午节 2 June)
    actions.accept(overdue, actor=personas.editor)
    soon = make_app(received=D(2025, 5, 20))  # due 18 June
    actions.accept(soon, actor=personas.editor)
    lapsed = make_app(received=D(2025, 5, 19))
    actions.request_clarification(
        lapsed, actor=personas.editor, sent_on=D(2025, 5, 20), respond_by=D(2025, 6, 10)
    )
    make_app(received=D(2025, 6, 13))  # new, not accepted
    make_app(received=D(2025, 5, 6), organisation=personas.other_department)  # overdue elsewhere
    return personas


def by_title(todos):
    return {t.title: t for t in todos}


def test_a_handler_sees_overdue_soon_lapsed_and_new_applications(spread):
    todos = by_title(application_todos(spread.editor, today=TODAY))
    overdue = todos["已超过答复期限的申请"]
    assert (overdue.count, overdue.urgency, overdue.due) == (1, Urgency.OVERDUE, D(2025, 6, 4))
    assert overdue.url.endswith("?quick=overdue")
    assert (
        todos["3个工作日内到期的申请"].count == 1 and todos["3个工作日内到期的申请"].urgency == Urgency.SOON
    )
    assert todos["逾期未补正的申请，可按“其他处理”办结"].count == 1
    assert todos["新收到尚未受理的申请"].count == 2  # the lapsed one was never accepted either
    assert todos["新收到尚未受理的申请"].url.endswith("?status=received")


def test_the_coordinator_sees_the_whole_district_and_others_nothing(spread):
    assert by_title(application_todos(spread.coordinator, today=TODAY))["已超过答复期限的申请"].count == 2
    assert application_todos(spread.auditor, today=TODAY) == []
    assert application_todos(spread.operator, today=TODAY) == []
    outsider = by_title(application_todos(spread.outsider, today=TODAY))
    assert outsider["已超过答复期限的申请"].count == 1


def test_the_provider_is_registered_on_the_workbench(spread):
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, tzinfo=dt.UTC)):
        todos = collect_todos(spread.editor)
    assert any(t.category == "依申请公开" for t in todos.items) and not todos.failed


def test_the_navigation_shows_the_list_to_readers_and_templates_to_the_office(personas):
    def labels(user):
        return {item.label for group in nav_for(user) for item in group.items}

    assert "依申请公开" in labels(personas.auditor) and "告知书模板" not in labels(personas.auditor)
    assert "告知书模板" in labels(personas.coordinator)
    assert "依申请公开" not in labels(personas.operator)


def test_the_daily_job_only_counts_and_can_run_twice(spread):
    from gongkai.applications.models import Application
    from gongkai.audit.models import AuditEvent
    from gongkai.background.periodic import get_job, run_job

    assert get_job("application_deadline_reminders").every == dt.timedelta(days=1)
    before = (Application.objects.count(), AuditEvent.objects.count())
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, tzinfo=dt.UTC)):
        first = run_job("application_deadline_reminders")
        second = run_job("application_deadline_reminders")
    assert first.status == "ok" and first.summary == second.summary
    assert '"overdue": 2' in first.summary and '"lapsed": 1' in first.summary
    assert (Application.objects.count(), AuditEvent.objects.count()) == before


# --- while next year's calendar is not entered --------------------------------------------------

BADGE = "期限待定：2027年节假日未录入"


@pytest.fixture
def december(make_app, personas, calendar_without):
    calendar_without(2027)
    app = make_app(received=D(2026, 12, 15))  # provisional due 13 January 2027, earliest 9 January
    actions.accept(app, actor=personas.editor)
    return app


def test_a_provisional_deadline_is_reminded_on_its_earliest_date(december, personas):
    todos = by_title(application_todos(personas.editor, today=D(2027, 1, 6)))
    soon = todos["3个工作日内到期的申请"]
    assert (soon.count, soon.due) == (1, D(2027, 1, 9))
    todos = by_title(application_todos(personas.editor, today=D(2027, 1, 11)))
    assert todos["已超过答复期限的申请"].count == 1  # on the earliest date, whatever 2027 brings


def test_the_staff_list_and_detail_show_one_short_chinese_badge_until_the_case_is_answered(
    december, personas, client
):
    from django.urls import reverse

    from gongkai.applications.outcomes import Outcome

    with time_machine.travel(dt.datetime(2026, 12, 20, 10, tzinfo=dt.UTC)):
        client.force_login(personas.editor)
        listing = client.get(reverse("applications_staff:list")).content.decode()
        detail = client.get(reverse("applications_staff:detail", args=[december.pk])).content.decode()
    assert listing.count(BADGE) == 1
    assert "wb-badge--pending" in listing and "2027-01-13" in listing
    assert BADGE in detail and "2027年1月9日" in detail
    actions.close(december, actor=personas.editor, outcome=Outcome.DISCLOSE, replied_on=D(2026, 12, 28))
    with time_machine.travel(dt.datetime(2026, 12, 29, 10, tzinfo=dt.UTC)):
        client.force_login(personas.editor)
        listing = client.get(reverse("applications_staff:list") + "?status=closed").content.decode()
        detail = client.get(reverse("applications_staff:detail", args=[december.pk])).content.decode()
    assert BADGE not in listing and BADGE not in detail


def test_the_badge_is_gone_once_the_year_is_entered(december, personas, client):
    from django.urls import reverse

    from gongkai.workcal.calendar import clear_cache
    from gongkai.workcal.models import CalendarYear

    CalendarYear.objects.create(year=2027)
    clear_cache()
    with time_machine.travel(dt.datetime(2026, 12, 20, 10, tzinfo=dt.UTC)):
        client.force_login(personas.editor)
        listing = client.get(reverse("applications_staff:list")).content.decode()
    assert BADGE not in listing and "2027-01-12" in listing
