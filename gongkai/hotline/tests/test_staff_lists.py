"""Who sees which tickets, the list with its filters and export, a unit's own list, and the to-dos."""

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.hotline import actions
from gongkai.hotline.deadlines import deadlines_of, due_of
from gongkai.hotline.models import Status, Ticket, Urgency
from gongkai.hotline.permissions import visible_tickets
from gongkai.hotline.todos import hotline_todos
from gongkai.workbench.todos import Urgency as TodoUrgency

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2025, 6, 9, 2, tzinfo=dt.UTC)  # 10:00 in Shanghai


def test_each_persona_sees_the_tickets_of_their_reach(personas, call):
    education = call()
    finance = call(matter="补贴没有发放", category="财政")
    waiting = call(matter="路灯不亮", category="城市管理")
    actions.dispatch(education, personas.department, actor=personas.operator)
    actions.dispatch(finance, personas.other_department, actor=personas.operator, co=[personas.department])
    everything = {education.pk, finance.pk, waiting.pk}
    for user in (personas.operator, personas.coordinator, personas.auditor):
        assert set(visible_tickets(user).values_list("pk", flat=True)) == everything
    assert set(visible_tickets(personas.editor).values_list("pk", flat=True)) == {education.pk, finance.pk}
    assert set(visible_tickets(personas.outsider).values_list("pk", flat=True)) == {finance.pk}
    assert visible_tickets(personas.reviewer).count() == 0
    # one row per ticket, however many assignments match
    assert visible_tickets(personas.editor).count() == 2


def test_list_query_count_does_not_grow_with_rows(client, personas, call):
    client.force_login(personas.operator)
    url = reverse("hotline_staff:list")

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(2):
        actions.dispatch(call(), personas.department, actor=personas.operator)
    queries()  # warms the session and the calendar cache
    few = queries()
    for i in range(12):
        ticket = call(matter=f"第{i}件", category="财政" if i % 2 else "教育")
        if i % 3:
            actions.dispatch(ticket, personas.other_department, actor=personas.operator)
    # The working-day calendar checks its table's revision at most once a second: one query may come or go.
    assert queries() <= few + 1
    assert queries() <= 20


def test_list_masks_callers_and_filters(client, personas, call):
    a = call(phone="13812345678")
    b = call(matter="补贴没有发放", category="财政", urgency=Urgency.URGENT)
    actions.dispatch(a, personas.department, actor=personas.operator)
    client.force_login(personas.operator)
    body = client.get(reverse("hotline_staff:list")).content.decode()
    assert "13812345678" not in body and "138****5678" in body
    rows = client.get(reverse("hotline_staff:list"), {"status": "new"}).context["rows"]
    assert [t.pk for t, _d in rows] == [b.pk]
    rows = client.get(reverse("hotline_staff:list"), {"urgency": "urgent"}).context["rows"]
    assert [t.pk for t, _d in rows] == [b.pk]
    rows = client.get(reverse("hotline_staff:list"), {"lead": personas.department.pk}).context["rows"]
    assert [t.pk for t, _d in rows] == [a.pk]
    rows = client.get(reverse("hotline_staff:list"), {"number": a.number}).context["rows"]
    assert [t.pk for t, _d in rows] == [a.pk]
    rows = client.get(reverse("hotline_staff:list"), {"quick": "waiting"}).context["rows"]
    assert [t.pk for t, _d in rows] == [b.pk]


def test_overdue_and_soon_quick_filters_follow_the_working_day_calendar(client, personas, call):
    with time_machine.travel(MONDAY):
        late = call()
        actions.dispatch(late, personas.department, actor=personas.operator)  # due Mon 16 June
    with time_machine.travel(MONDAY + dt.timedelta(days=6)):  # Sunday 15 June
        soon = call(matter="校车", urgency=Urgency.URGENT)
        actions.dispatch(soon, personas.department, actor=personas.operator)  # due Tue 17 June
        escalated = call(matter="噪音")
        actions.dispatch(escalated, personas.department, actor=personas.operator)
        actions.escalate(escalated, actor=personas.coordinator, note="请加快")
    client.force_login(personas.operator)
    with time_machine.travel(dt.datetime(2025, 6, 17, 2, tzinfo=dt.UTC)):  # Tuesday
        rows = client.get(reverse("hotline_staff:list"), {"quick": "overdue"}).context["rows"]
        assert [t.pk for t, _d in rows] == [late.pk]
        assert rows[0][1].overdue and rows[0][1].due == dt.date(2025, 6, 16)
        rows = client.get(reverse("hotline_staff:list"), {"quick": "soon"}).context["rows"]
        assert soon.pk in [t.pk for t, _d in rows] and late.pk not in [t.pk for t, _d in rows]
        rows = client.get(reverse("hotline_staff:list"), {"quick": "escalated"}).context["rows"]
        assert [t.pk for t, _d in rows] == [escalated.pk]


def test_bulk_due_dates_agree_with_the_action(personas, call):
    with time_machine.travel(MONDAY):
        tickets = [call(urgency=u) for u in Urgency.values]
        for t in tickets:
            actions.dispatch(t, personas.department, actor=personas.operator)
        actions.extend(tickets[0], actor=personas.coordinator, days=3, reason="复杂")
        tickets = list(Ticket.objects.filter(pk__in=[t.pk for t in tickets]))
        found = deadlines_of(tickets)
        for t in tickets:
            assert found[t.pk].dates == due_of(t)


def test_export_is_the_filtered_list_with_masked_personal_data(client, personas, call):
    a = call(phone="13812345678", caller_name="王小明")
    call(matter="补贴没有发放", category="财政")
    actions.dispatch(a, personas.department, actor=personas.operator)
    client.force_login(personas.operator)
    response = client.get(reverse("hotline_staff:export"), {"status": "dispatched"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("工单编号", "受理时间", "渠道", "来电人", "联系电话")
    assert len(rows) == 2 and rows[1][0] == a.number
    assert rows[1][3] == "王**" or "王小明" not in rows[1][3]
    assert rows[1][4] == "138****5678"
    assert "13812345678" not in str(rows) and "王小明" not in str(rows)


def test_a_unit_sees_its_waiting_tickets_overdue_first(client, personas, call):
    with time_machine.travel(MONDAY):
        early = call(matter="早")
        actions.dispatch(early, personas.department, actor=personas.operator)
    with time_machine.travel(MONDAY + dt.timedelta(days=7)):
        later = call(matter="晚")
        actions.dispatch(later, personas.department, actor=personas.operator)
        other = call(matter="别人的", category="财政")
        actions.dispatch(other, personas.other_department, actor=personas.operator)
        replied = call(matter="已答复")
        actions.dispatch(replied, personas.department, actor=personas.operator)
        actions.reply(replied, actor=personas.editor, text="已办")
    client.force_login(personas.editor)
    with time_machine.travel(dt.datetime(2025, 6, 18, 2, tzinfo=dt.UTC)):
        page = client.get(reverse("hotline_staff:mine")).context["page_obj"]
        assert [t.pk for t, _d, _lead in page] == [early.pk, later.pk]
        assert page[0][1].overdue and not page[1][1].overdue
    client.force_login(personas.operator)
    assert client.get(reverse("hotline_staff:mine")).status_code == 403


def test_todos_for_operator_unit_and_coordinator(personas, call):
    with time_machine.travel(MONDAY):
        waiting = call(matter="待派", urgency=Urgency.URGENT)
        returned = call(matter="被退")
        actions.dispatch(returned, personas.department, actor=personas.operator)
        actions.return_ticket(returned, actor=personas.editor, reason="非本单位职责")
        late = call(matter="超期未答")
        actions.dispatch(late, personas.department, actor=personas.operator)
        answered = call(matter="已答复待回访")
        actions.dispatch(answered, personas.department, actor=personas.operator)
        actions.reply(answered, actor=personas.editor, text="已办")
    assert waiting.status == Status.NEW
    with time_machine.travel(dt.datetime(2025, 6, 20, 2, tzinfo=dt.UTC)):
        operator = {t.title: t for t in hotline_todos(personas.operator)}
        assert operator["待派单的工单"].count == 1
        assert operator["待派单的工单"].urgency == TodoUrgency.SOON  # an urgent call waits
        assert operator["被退回待重新派单的工单"].count == 1
        assert operator["已答复待回访的工单"].count == 1
        assert "quick=returned" in operator["被退回待重新派单的工单"].url

        unit = hotline_todos(personas.editor)
        assert len(unit) == 1
        assert unit[0].urgency == TodoUrgency.OVERDUE and late.number in unit[0].title
        assert unit[0].due == dt.date(2025, 6, 16)
        assert hotline_todos(personas.outsider) == []

        coordinator = {t.title: t for t in hotline_todos(personas.coordinator)}
        assert coordinator["超期未答复、待督办的工单"].count == 1
        assert coordinator["超期未答复、待督办的工单"].urgency == TodoUrgency.OVERDUE
        actions.escalate(late, actor=personas.coordinator, note="请加快")
        assert "超期未答复、待督办的工单" not in {t.title for t in hotline_todos(personas.coordinator)}


def test_a_unit_todo_is_soon_when_due_within_one_working_day(personas, call):
    with time_machine.travel(MONDAY):
        ticket = call()
        actions.dispatch(ticket, personas.department, actor=personas.operator)  # due Mon 16 June
    with time_machine.travel(dt.datetime(2025, 6, 13, 2, tzinfo=dt.UTC)):  # Friday
        [todo] = hotline_todos(personas.editor)
        assert todo.urgency == TodoUrgency.SOON
    with time_machine.travel(dt.datetime(2025, 6, 11, 2, tzinfo=dt.UTC)):  # Wednesday
        [todo] = hotline_todos(personas.editor)
        assert todo.urgency == TodoUrgency.NORMAL and todo.count == 1


def test_navigation_entries_by_role(client, personas):
    client.force_login(personas.operator)
    body = client.get(reverse("workbench:home")).content.decode()
    for label in ("接听登记", "区长公开电话", "接听安排", "热线设置"):
        assert label in body
    assert "本单位工单" not in body
    client.force_login(personas.editor)
    body = client.get(reverse("workbench:home")).content.decode()
    assert "本单位工单" in body and "接听登记" not in body and "热线设置" not in body
