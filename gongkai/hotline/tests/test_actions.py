"""The closed loop of a hotline ticket, and who may do what."""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.utils import timezone

from gongkai.hotline import actions, deadlines
from gongkai.hotline.models import Channel, DutyShift, Satisfaction, Status, Ticket

pytestmark = pytest.mark.django_db


def _walk_to_replied(ticket, personas):
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    return actions.reply(ticket, actor=personas.editor, text="已协调学校解决")


def test_intake_numbers_follow_one_sequence(call):
    a, b = call(), call()
    assert b.serial == a.serial + 1 and a.number != b.number


def test_closure_is_refused_without_reply_and_callback(call, personas):
    ticket = call()
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    with pytest.raises(ValidationError):
        actions.close(ticket, actor=personas.operator)
    actions.reply(ticket, actor=personas.editor, text="已协调学校解决")
    with pytest.raises(ValidationError, match="回访"):
        actions.close(ticket, actor=personas.operator)
    actions.callback(ticket, actor=personas.operator, reached=True, satisfaction=Satisfaction.SATISFIED)
    actions.close(ticket, actor=personas.operator)
    assert Ticket.objects.get(pk=ticket.pk).status == Status.CLOSED


def test_a_recorded_reason_allows_closure_without_reaching_the_citizen(call, personas):
    ticket = _walk_to_replied(call(), personas)
    with pytest.raises(ValidationError):
        actions.callback(ticket, actor=personas.operator, reached=False)
    actions.callback(ticket, actor=personas.operator, reached=False, no_callback_reason="三次拨打无人接听")
    actions.close(ticket, actor=personas.operator)


def test_an_unsatisfied_callback_reopens_the_ticket(call, personas):
    ticket = _walk_to_replied(call(), personas)
    actions.callback(ticket, actor=personas.operator, reached=True, satisfaction=Satisfaction.UNSATISFIED)
    ticket = Ticket.objects.get(pk=ticket.pk)
    assert ticket.status == Status.DISPATCHED and ticket.reopen_count == 1
    with pytest.raises(ValidationError):
        actions.close(ticket, actor=personas.operator)
    actions.reply(ticket, actor=personas.editor, text="重新核实后已解决")
    actions.callback(ticket, actor=personas.operator, reached=True, satisfaction=Satisfaction.BASIC)
    actions.close(ticket, actor=personas.operator)


def test_another_organisation_may_not_reply_or_return(call, personas):
    ticket = call()
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    with pytest.raises(PermissionDenied):
        actions.reply(ticket, actor=personas.outsider, text="不是我们的")
    with pytest.raises(PermissionDenied):
        actions.return_ticket(ticket, actor=personas.outsider, reason="x")
    with pytest.raises(PermissionDenied):
        actions.dispatch(call(), personas.department, actor=personas.editor)


def test_a_misassigned_ticket_is_returned_within_the_allowed_time(call, personas):
    ticket = call()
    with time_machine.travel(dt.datetime(2025, 6, 9, 10, tzinfo=dt.UTC)):
        actions.dispatch(ticket, personas.department, actor=personas.operator)
    with (
        time_machine.travel(dt.datetime(2025, 6, 16, 10, tzinfo=dt.UTC)),
        pytest.raises(ValidationError, match="退单时限"),
    ):
        actions.return_ticket(ticket, actor=personas.editor, reason="属财政局职责")
    with time_machine.travel(dt.datetime(2025, 6, 10, 10, tzinfo=dt.UTC)):
        actions.return_ticket(ticket, actor=personas.editor, reason="属财政局职责")
    ticket = Ticket.objects.get(pk=ticket.pk)
    assert ticket.status == Status.NEW and ticket.lead is None
    actions.dispatch(ticket, personas.other_department, actor=personas.operator)


def test_the_return_window_runs_into_a_year_not_yet_in_the_calendar(call, personas, calendar_without):
    calendar_without(2027)
    first, second = call(), call(matter="第二件")
    with time_machine.travel(dt.datetime(2026, 12, 31, 2, tzinfo=dt.UTC)):  # Thursday 10:00 in Shanghai
        actions.dispatch(first, personas.department, actor=personas.operator)
        actions.dispatch(second, personas.department, actor=personas.operator)
    # 1 January is 元旦 and 2–3 January a weekend (provisionally): Wednesday 6 January is the third
    # working day after dispatch, one more than the two allowed.
    with (
        time_machine.travel(dt.datetime(2027, 1, 6, 2, tzinfo=dt.UTC)),
        pytest.raises(ValidationError, match="退单时限"),
    ):
        actions.return_ticket(first, actor=personas.editor, reason="属财政局职责")
    with time_machine.travel(dt.datetime(2027, 1, 5, 2, tzinfo=dt.UTC)):
        actions.return_ticket(second, actor=personas.editor, reason="属财政局职责")
    assert Ticket.objects.get(pk=second.pk).status == Status.NEW


def test_due_dates_count_working_days_from_dispatch(call, personas):
    ticket = call()
    with time_machine.travel(dt.datetime(2025, 9, 30, 2, tzinfo=dt.UTC)):  # Tue 10:00 in Shanghai
        actions.dispatch(ticket, personas.department, actor=personas.operator)
    ticket = Ticket.objects.get(pk=ticket.pk)
    # 5 working days after 9/30 over National Day 2025: 10/9, 10/10, 10/11 (Sat, worked), 10/13, 10/14
    assert deadlines.due_of(ticket) == deadlines.TicketDue(dt.date(2025, 10, 14), dt.date(2025, 10, 14))
    assert not deadlines.deadline_of(ticket, dt.date(2025, 10, 14)).overdue
    assert deadlines.deadline_of(ticket, dt.date(2025, 10, 15)).overdue
    actions.extend(ticket, actor=personas.coordinator, days=3, reason="涉及多部门")
    assert deadlines.due_of(Ticket.objects.get(pk=ticket.pk)).due == dt.date(2025, 10, 17)


def test_calls_during_a_duty_are_attributed_to_it(personas, hotline):
    now = timezone.now()
    duty = DutyShift.objects.create(
        district=personas.district,
        date=timezone.localdate(now),
        shift="full_day",
        person_name="王区长",
        position="区长",
        is_district_leader=True,
    )
    ticket, _ = actions.intake(
        office=personas.office, channel=Channel.PHONE, actor=personas.operator, data={"matter": "路灯不亮"}
    )
    assert ticket.duty == duty


def test_repeat_callers_and_near_duplicate_matters_are_flagged(call):
    first = call(matter="燕泉街道某小区门口路灯不亮，晚上出行不便")
    second = call(matter="燕泉街道某小区门口路灯不亮，晚上出行很不便")
    assert second.is_repeat_caller and second.repeat_of == first
    third = call(matter="咨询社保卡补办流程", phone="13907350002", category="财政")
    assert not third.is_repeat_caller and third.repeat_of is None


def test_citizens_may_only_write_to_the_mailbox(personas, hotline):
    with pytest.raises(PermissionDenied):
        actions.intake(office=personas.office, channel=Channel.PHONE, data={"matter": "x"})
    ticket, code = actions.intake(
        office=personas.office, channel=Channel.MAILBOX, data={"matter": "建议增设公交线路"}
    )
    assert actions.find_by_query(ticket.number, code) == ticket
    assert actions.find_by_query(ticket.number, "BADCODE1") is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_intake_gives_distinct_gapless_numbers(personas, hotline):
    def take(i):
        try:
            ticket, _ = actions.intake(
                office=personas.office, channel=Channel.MAILBOX, data={"matter": f"第{i}封来信"}
            )
            return ticket.serial
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=12) as pool:
        serials = sorted(pool.map(take, range(60)))
    assert serials == list(range(1, 61))


def test_taking_and_handling_calls_leaves_the_portals_cached_pages_alone(
    personas, call, django_capture_on_commit_callbacks
):
    def bumps(callbacks) -> int:
        return sum(1 for callback in callbacks if callback.__qualname__ == "bump.<locals>.do")

    with django_capture_on_commit_callbacks() as callbacks:
        ticket = call()
        ticket.matter = "孩子入学划片问题（补充）"
        ticket.save()
    assert bumps(callbacks) == 0

    with django_capture_on_commit_callbacks() as callbacks:  # the control: a public change bumps
        personas.district.save()
    assert bumps(callbacks) == 1
