"""stats.py, where the hotline's figures come from: the period rule, figures that add up, and the
reports that read them there rather than from the tables."""

import ast
import datetime as dt
import zoneinfo
from pathlib import Path

import pytest
import time_machine

from gongkai.hotline import actions, stats
from gongkai.hotline.deadlines import limits_of
from gongkai.hotline.models import Channel, Satisfaction, Status, Ticket

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
HOTLINE = Path(__file__).resolve().parents[1]
# Models whose rows are the figures: only stats.py (and the pages that list tickets) read them.
TICKET_TABLES = {"Ticket", "Callback", "Assignment", "DutyShift"}


@pytest.mark.parametrize("module", ["bulletins.py", "hotissues.py", "docx_reports.py"])
def test_the_reports_read_their_figures_through_stats(module):
    tree = ast.parse((HOTLINE / module).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "gongkai.hotline.models"
        for alias in node.names
    }
    assert not imported & TICKET_TABLES, f"{module} reads {imported & TICKET_TABLES}: ask stats.py"


def test_a_period_is_local_dates_both_days_included(personas, hotline):
    def received(*moment):
        ticket, _code = actions.intake(
            office=personas.office,
            channel=Channel.PHONE,
            actor=personas.operator,
            data={"matter": "路灯不亮"},
            received_at=dt.datetime(*moment, tzinfo=SHANGHAI),
        )
        return ticket.pk

    first = received(2025, 6, 1, 0, 30)  # still 31 May in UTC
    last = received(2025, 6, 30, 23, 30)
    received(2025, 5, 31, 23, 59)
    received(2025, 7, 1, 0, 10)
    june = {first, last}
    assert (
        set(
            stats.received_between(personas.district, dt.date(2025, 6, 1), dt.date(2025, 6, 30)).values_list(
                "pk", flat=True
            )
        )
        == june
    )
    assert set(stats.month_tickets(personas.district, 2025, 6).values_list("pk", flat=True)) == june
    assert stats.months_received(personas.district) == [
        (dt.date(2025, 7, 1), 1, 0),
        (dt.date(2025, 6, 1), 2, 0),
        (dt.date(2025, 5, 1), 1, 0),
    ]


def test_each_lead_units_figures_are_its_own_tickets(personas, call):
    with time_machine.travel(dt.datetime(2025, 6, 9, 2, tzinfo=dt.UTC)):  # Monday 10:00 in Shanghai
        tickets = [call(), call(matter="财政补贴没有发放", category="财政"), call(matter="第三件")]
        actions.dispatch(tickets[0], personas.department, actor=personas.operator)
        actions.dispatch(tickets[1], personas.other_department, actor=personas.operator)
        actions.reply(tickets[0], actor=personas.editor, text="已办理")
        actions.callback(tickets[0], actor=personas.operator, reached=True, satisfaction=Satisfaction.BASIC)
        actions.close(tickets[0], actor=personas.operator)
    selection = Ticket.objects.filter(district=personas.district)
    as_of = dt.date(2025, 6, 30)  # the bureau of finance never replied: overdue by then
    units = stats.by_lead(selection, limits_of(personas.district.pk), as_of)
    assert {u.name: (u.received, u.closed, u.on_time, u.overdue, u.basic) for u in units.values()} == {
        personas.department.name: (1, 1, 1, 0, 1),
        personas.other_department.name: (1, 0, 0, 1, 0),
    }
    # the third ticket, never dispatched, is received but no unit's
    assert stats.month_tickets(personas.district, 2025, 6).count() == 3
    assert stats.by_channel(selection) == {Channel.PHONE: (3, 1)}
    assert stats.closed(selection) == 1 == Ticket.objects.filter(status=Status.CLOSED).count()


def test_waiting_and_overdue_tickets_and_a_periods_lead_figures(personas, call):
    # dispatched Monday 9 June 2025: 5 working days, due Monday 16 June
    with time_machine.travel(dt.datetime(2025, 6, 9, 2, tzinfo=dt.UTC)):
        late, answered, fresh = call(), call(matter="财政补贴没有发放", category="财政"), call(matter="第三件")
        actions.dispatch(late, personas.department, actor=personas.operator)
        actions.dispatch(answered, personas.other_department, actor=personas.operator)
        actions.reply(answered, actor=personas.outsider, text="已办理")
    with time_machine.travel(dt.datetime(2025, 6, 16, 2, tzinfo=dt.UTC)):
        actions.dispatch(fresh, personas.department, actor=personas.operator)
    waiting = {t.number: t for t in stats.waiting_tickets(personas.district, dt.date(2025, 6, 17))}
    assert set(waiting) == {late.number, fresh.number}  # the answered one waits no more
    assert (waiting[late.number].overdue, waiting[late.number].due) == (True, dt.date(2025, 6, 16))
    assert (waiting[fresh.number].overdue, waiting[fresh.number].due) == (False, dt.date(2025, 6, 23))
    overdue = stats.overdue_tickets(personas.district, dt.date(2025, 6, 17))
    assert [(t.number, t.lead_name, t.due) for t in overdue] == [
        (late.number, personas.department.name, dt.date(2025, 6, 16))
    ]
    assert stats.overdue_tickets(personas.district, dt.date(2025, 6, 16)) == []  # due today, not late
    june = stats.lead_figures(personas.district, dt.date(2025, 6, 1), dt.date(2025, 6, 30))
    assert (june[personas.department.pk].received, june[personas.department.pk].overdue) == (2, 2)
    assert (june[personas.other_department.pk].on_time, june[personas.other_department.pk].closed) == (1, 0)
