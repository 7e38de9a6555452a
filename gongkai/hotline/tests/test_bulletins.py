"""The monthly bulletin's figures against a small, hand-built month whose answers are stated here.

June 2025 in the personas' district (limits: 一般 5, 紧急 2 working days). 端午节 2025 is
31 May – 2 June, so a ticket dispatched on Sunday 1 June is due on Monday 9 June, not Friday 6 June.
Overdue is judged as of 10 July 2025.

 #  channel  received   lead    dispatched        replied     last reached callback   status
 1  phone    06-03      教育局  06-03 (due 06-10) 06-10 on    满意                    closed   duty A
 2  phone    06-03      教育局  06-03 (due 06-10) 06-11 LATE  基本满意                closed   duty A
 3  mailbox  06-01 Sun  教育局  06-01 (due 06-09) 06-09 on    不满意 → 满意 (last)     closed
 4  phone    06-16      教育局  urgent (due 06-18) 06-18 on   only "not reached"      closed   duty B
 5  letter   06-20      教育局  06-20 (due 06-27) —  OVERDUE  —                       dispatched
 6  phone    06-25      教育局  06-25 +3 ext (due 07-07) reopened, unreplied → OVERDUE on 07-10;
                                                               不满意 (last)          dispatched
 7  phone    06-04      财政局  06-04 (due 06-11) 06-12 LATE  满意                    closed
 8  phone    06-05      财政局  06-05 (due 06-12) 06-12 on    满意                    closed
 9  mailbox  06-06      财政局  06-06 (due 06-13) 06-13 on    基本满意, then a failed call  closed
10  phone    06-09      —       —                                                     new
11  visit    06-30 23:30 —      —                                                     new
12  phone    07-01 00:10  (July: not in the bulletin)
13  phone    05-31 23:59  (May: not in the bulletin)

Duty: A = 06-03 全天 张某某 区长 (tickets 1, 2); B = 06-16 上午 李某某 局长 (ticket 4);
C = 06-20 下午 王某某 镇长 (no calls).
"""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
from docx import Document

from gongkai.hotline import actions, bulletins, docx_reports, hotissues
from gongkai.hotline.models import (
    Assignment,
    Callback,
    Channel,
    DutyShift,
    DutyShiftKind,
    Satisfaction,
    Status,
    Ticket,
    Urgency,
)

pytestmark = pytest.mark.django_db
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
AS_OF = dt.date(2025, 7, 10)


def at(month: int, day: int, hour: int = 10, minute: int = 0, year: int = 2025) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


@pytest.fixture
def june(personas, hotline):
    p = personas
    duty_a = DutyShift.objects.create(
        district=p.district,
        date=dt.date(2025, 6, 3),
        shift=DutyShiftKind.FULL_DAY,
        person_name="张某某",
        position="区长",
        is_district_leader=True,
    )
    duty_b = DutyShift.objects.create(
        district=p.district,
        date=dt.date(2025, 6, 16),
        shift=DutyShiftKind.MORNING,
        person_name="李某某",
        position="局长",
        organisation=p.department,
    )
    DutyShift.objects.create(
        district=p.district,
        date=dt.date(2025, 6, 20),
        shift=DutyShiftKind.AFTERNOON,
        person_name="王某某",
        position="镇长",
    )
    serial = iter(range(1, 100))

    def make(channel, received, *, lead=None, dispatched=None, replied=None, status=Status.CLOSED, **extra):
        n = next(serial)
        ticket = Ticket.objects.create(
            district=p.district,
            office=p.office,
            serial=n,
            number=f"T2025{n:04d}",
            channel=channel,
            received_at=received,
            lead=lead,
            dispatched_at=dispatched,
            replied_at=replied,
            reply="已办理" if replied else "",
            status=status,
            closed_at=replied + dt.timedelta(days=3) if status == Status.CLOSED else None,
            **extra,
        )
        if lead is not None:
            Assignment.objects.create(
                ticket=ticket, organisation=lead, role=Assignment.Role.LEAD, dispatched_at=dispatched
            )
        return ticket

    def callbacks(ticket, *results):
        for when, sat in results:
            Callback.objects.create(
                ticket=ticket,
                at=when,
                reached=sat is not None,
                satisfaction=sat or "",
                no_callback_reason="" if sat else "无人接听",
            )

    edu, fin = p.department, p.other_department
    S, B, U = Satisfaction.SATISFIED, Satisfaction.BASIC, Satisfaction.UNSATISFIED
    c_edu, c_fin, c_city = hotline["教育"], hotline["财政"], hotline["城市管理"]
    t = {}
    t[1] = make(
        Channel.PHONE,
        at(6, 3, 9),
        lead=edu,
        dispatched=at(6, 3, 10),
        replied=at(6, 10, 16),
        duty=duty_a,
        category=c_edu,
        matter="孩子入学学位紧张，希望增加学位",
    )
    t[2] = make(
        Channel.PHONE,
        at(6, 3, 11),
        lead=edu,
        dispatched=at(6, 3, 12),
        replied=at(6, 11, 9),
        duty=duty_a,
        category=c_edu,
        matter="学位申请未获批准，家长着急",
    )
    t[3] = make(
        Channel.MAILBOX,
        at(6, 1, 20),
        lead=edu,
        dispatched=at(6, 1, 20, 30),
        replied=at(6, 9, 17),
        category=c_edu,
        reopen_count=1,
        matter="学位分配不公平",
    )
    t[4] = make(
        Channel.PHONE,
        at(6, 16, 9),
        lead=edu,
        dispatched=at(6, 16, 10),
        replied=at(6, 18, 15),
        duty=duty_b,
        urgency=Urgency.URGENT,
        category=c_edu,
        matter="学校学位与划片范围咨询",
    )
    t[5] = make(
        Channel.LETTER,
        at(6, 20, 15),
        lead=edu,
        dispatched=at(6, 20, 16),
        status=Status.DISPATCHED,
        category=c_edu,
        matter="来信反映学位不足",
    )
    t[6] = make(
        Channel.PHONE,
        at(6, 25, 9),
        lead=edu,
        dispatched=at(6, 25, 10),
        status=Status.DISPATCHED,
        extension_days=3,
        reopen_count=1,
        category=c_edu,
        matter="学位调剂结果不满意",
    )
    t[7] = make(
        Channel.PHONE,
        at(6, 4, 9),
        lead=fin,
        dispatched=at(6, 4, 10),
        replied=at(6, 12, 9),
        category=c_fin,
        matter="种粮补贴至今未发放",
    )
    t[8] = make(
        Channel.PHONE,
        at(6, 5, 9),
        lead=fin,
        dispatched=at(6, 5, 10),
        replied=at(6, 12, 18),
        category=c_fin,
        matter="低保补贴停发",
    )
    t[9] = make(
        Channel.MAILBOX,
        at(6, 6, 9),
        lead=fin,
        dispatched=at(6, 6, 10),
        replied=at(6, 13, 11),
        category=c_fin,
        matter="耕地补贴标准咨询",
    )
    t[10] = make(Channel.PHONE, at(6, 9, 9), status=Status.NEW, category=c_fin, matter="补贴发放时间")
    t[11] = make(
        Channel.VISIT, at(6, 30, 23, 30), status=Status.NEW, category=c_city, matter="小区夜间噪音扰民"
    )
    t[12] = make(Channel.PHONE, at(7, 1, 0, 10), status=Status.NEW, category=c_city, matter="七月的来电")
    t[13] = make(Channel.PHONE, at(5, 31, 23, 59), status=Status.NEW, category=c_city, matter="五月的来电")
    callbacks(t[1], (at(6, 11), S))
    callbacks(t[2], (at(6, 12), B))
    callbacks(t[3], (at(6, 5), U), (at(6, 10), S))
    callbacks(t[4], (at(6, 19), None))
    callbacks(t[6], (at(7, 3), U))
    callbacks(t[7], (at(6, 13), S))
    callbacks(t[8], (at(6, 13), S))
    callbacks(t[9], (at(6, 16), B), (at(6, 17), None))
    return t


def test_totals_and_channels_are_counted_from_the_month_only(june, personas):
    b = bulletins.monthly_bulletin(personas.district, 2025, 6, as_of=AS_OF)
    assert (b.received, b.closed) == (11, 7)
    assert [(c.label, c.received, c.closed) for c in b.channels] == [
        ("电话", 7, 5),
        ("信箱", 2, 2),
        ("其他", 2, 0),
    ]
    assert b.number == 6 and b.number_label == "第6期"


def test_units_are_counted_with_working_day_due_dates_and_last_callbacks(june, personas):
    b = bulletins.monthly_bulletin(personas.district, 2025, 6, as_of=AS_OF)
    rows = {u.name: u for u in b.units}
    edu, fin = rows[personas.department.name], rows[personas.other_department.name]
    assert (edu.received, edu.closed, edu.on_time, edu.overdue) == (6, 4, 3, 3)
    assert (edu.satisfied, edu.basic, edu.unsatisfied) == (2, 1, 1)
    assert edu.satisfaction_rate == pytest.approx(0.75)
    assert (fin.received, fin.closed, fin.on_time, fin.overdue) == (3, 3, 2, 1)
    assert (fin.satisfied, fin.basic, fin.unsatisfied) == (2, 1, 0)
    assert (fin.rank, edu.rank) == (1, 2)  # closure rate 100% before 66.7%
    assert (b.on_time, b.overdue, b.satisfied, b.basic, b.unsatisfied) == (5, 4, 4, 2, 1)
    assert [(u.name, u.overdue) for u in b.named] == [
        (personas.department.name, 3),
        (personas.other_department.name, 1),
    ]


def test_duty_shifts_show_the_calls_taken_and_closed(june, personas):
    b = bulletins.monthly_bulletin(personas.district, 2025, 6, as_of=AS_OF)
    assert [(d.date.day, d.person_name, d.position, d.calls, d.closed) for d in b.duty] == [
        (3, "张某某", "区长", 2, 2),
        (16, "李某某", "局长", 1, 1),
        (20, "王某某", "镇长", 0, 0),
    ]
    assert b.duty[0].is_district_leader and not b.duty[1].is_district_leader


def test_top_issues_are_categories_and_keywords(june, personas):
    b = bulletins.monthly_bulletin(personas.district, 2025, 6, as_of=AS_OF)
    assert b.categories == [("教育", 6), ("财政", 4), ("城市管理", 1)]
    assert b.keywords[:2] == [("学位", 6), ("补贴", 4)]


def test_the_bulletin_is_built_from_a_handful_of_queries(june, personas, django_assert_max_num_queries):
    bulletins.monthly_bulletin(personas.district, 2025, 6, as_of=AS_OF)  # settings row, calendar
    with django_assert_max_num_queries(12):
        bulletins.monthly_bulletin(personas.district, 2025, 6, as_of=AS_OF)


def _docx_text(data: bytes) -> tuple[str, list[list[list[str]]]]:
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return text, tables


def test_the_docx_bulletin_reads_back(june, personas):
    b = bulletins.monthly_bulletin(personas.district, 2025, 6, as_of=AS_OF)
    text, tables = _docx_text(docx_reports.bulletin_docx(b))
    assert text.splitlines()[0] == "区长公开电话通报"
    assert "2025年第6期" in text
    for heading in ("一、总体情况", "二、各单位办理情况", "三、领导接听情况", "四、热点问题", "五、通报"):
        assert heading in text
    assert "共受理群众诉求11件" in text and "已办结7件" in text
    units, duty = tables
    assert units[2][1:] == [personas.department.name, "6", "4", "3", "3", "75.0%"]
    assert duty[1] == ["06月03日", "全天", "张某某", "区长", "", "2", "2"]
    assert f"予以通报批评，请限期整改：{personas.department.name}（3件）" in text


def test_the_special_report_reads_back_with_personal_data_masked(june, personas, hotline):
    Ticket.objects.filter(pk=june[7].pk).update(matter="种粮补贴至今未发放，联系电话13907351234")
    report = hotissues.topic_report(
        personas.district, dt.date(2025, 6, 1), dt.date(2025, 6, 30), keyword="补贴"
    )
    assert (report.total, report.closed) == (4, 3)
    text, tables = _docx_text(docx_reports.special_report_docx(report))
    assert text.splitlines()[0] == "专题材料" and "关于“补贴”问题的情况报告" in text
    assert "13907351234" not in text and "种粮补贴至今未发放" in text
    weekly, _places, units = tables
    assert weekly[1:] == [
        ["2025-05-26", "0"],
        ["2025-06-02", "3"],
        ["2025-06-09", "1"],
        ["2025-06-16", "0"],
        ["2025-06-23", "0"],
        ["2025-06-30", "0"],
    ]
    assert units[1] == [personas.other_department.name, "3"]


def test_publishing_makes_a_draft_for_the_office_editor_only(june, personas):
    from django.core.exceptions import PermissionDenied

    from gongkai.accounts.models import Membership
    from gongkai.accounts.roles import Role
    from gongkai.catalog.models import State

    b = bulletins.monthly_bulletin(personas.district, 2025, 6, as_of=AS_OF)
    with pytest.raises(PermissionDenied):
        actions.publish_bulletin(b, actor=personas.operator)
    with pytest.raises(PermissionDenied, match="信息编辑"):
        actions.publish_bulletin(b, actor=personas.coordinator)
    Membership.objects.create(user=personas.coordinator, organisation=personas.office, role=Role.EDITOR)
    from gongkai.accounts.permissions import clear_cache

    clear_cache(personas.coordinator)
    version = actions.publish_bulletin(b, actor=personas.coordinator)
    assert version.state == State.DRAFT and "2025年第6期" in version.title
    assert version.column.slug == "tzgg" and "张某某" in version.body
