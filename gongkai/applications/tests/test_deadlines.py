"""Deadline cases over holidays and adjusted workdays, with suspensions and an extension.

Expected dates are worked out by hand from the State Council's holiday notices (and checked
against chinese_calendar, which seeds the calendar table).
"""

import datetime as dt

import pytest

from gongkai.applications.deadlines import Stop, calculator, clarification_latest, compute

pytestmark = pytest.mark.django_db
D = dt.date


def test_an_ordinary_month_gives_twenty_working_days_after_receipt():
    # Received Mon 2025-06-09 (端午节 was 5/31–6/2, already past): 20 working days → Mon 2025-07-07.
    assert compute(D(2025, 6, 9)).due == D(2025, 7, 7)


def test_the_day_of_receipt_is_not_counted():
    # Received Fri 2025-06-13: day 1 is Mon 6/16, day 20 is Fri 7/11.
    assert compute(D(2025, 6, 13)).due == D(2025, 7, 11)


def test_spring_festival_2026_is_skipped_and_adjusted_saturdays_count():
    # Received Mon 2026-02-09. Holiday 2/15–2/23 (Sun–Mon); Sat 2/14 and Sat 2/28 are worked.
    # Working days: 2/10,11,12,13,14(Sat) = 5; 2/24,25,26,27,28(Sat) = 10; 3/2–3/6 = 15; 3/9–3/13 = 20.
    deadline = compute(D(2026, 2, 9))
    assert deadline.due == D(2026, 3, 13)
    assert "春节" in deadline.steps[-1].detail
    assert any(s.reason == "春节" for s in deadline.skipped)


def test_national_day_2025_is_skipped():
    # Received Thu 2025-09-25. Sun 9/28 worked; 10/1–10/8 off; Sat 10/11 worked.
    # 9/26(1) 9/28(2) 9/29(3) 9/30(4) 10/9(5) 10/10(6) 10/11(7) 10/13–17(12) 10/20–24(17) 10/27,28,29(20)
    assert compute(D(2025, 9, 25)).due == D(2025, 10, 29)


def test_national_day_2026_is_skipped():
    # 2026: 10/1–10/7 off, Sun 9/20 and Sat 10/10 worked (国办发明电〔2025〕7号).
    # Received Wed 2026-09-30: 10/8(1) 10/9(2) 10/10(3) 10/12–16(8) 10/19–23(13) 10/26–30(18) 11/2(19) 11/3(20)
    assert compute(D(2026, 9, 30)).due == D(2026, 11, 3)


def test_a_deadline_crossing_new_year():
    # Received Mon 2025-12-15; 2026-01-01..03 off, Sun 1/4 worked.
    # 12/16–19(4) 12/22–26(9) 12/29,30,31(12) 1/4(13) 1/5–9(18) 1/12(19) 1/13(20)
    assert compute(D(2025, 12, 15)).due == D(2026, 1, 13)


def test_a_deadline_needing_an_unknown_year_is_provisional_naming_it(calendar_without):
    calendar_without(2027)
    deadline = compute(D(2026, 12, 15))
    assert deadline.provisional and deadline.pending_year == 2027
    assert deadline.due == D(2027, 1, 13)  # weekends and 元旦 (Fri 1/1) skipped
    # 12/16–31(12), then the weekends 1/2–3 and 1/9 near 元旦 may be worked: Saturday 1/9 at the earliest.
    assert deadline.earliest.due == D(2027, 1, 9)
    assert deadline.pending_badge == "期限待定：2027年节假日未录入"


def test_a_provisional_deadline_is_overdue_from_its_earliest_date(calendar_without):
    calendar_without(2027)
    deadline = compute(D(2026, 12, 15), today=D(2027, 1, 8))
    assert deadline.is_overdue(D(2027, 1, 10))
    assert not deadline.is_overdue(D(2027, 1, 9))
    assert deadline.days_left(D(2027, 1, 9)) == 0
    assert deadline.days_left(D(2027, 1, 8)) == 1


def test_a_clarification_restarts_the_count_when_it_arrives():
    stops = [Stop("clarification", "补正", D(2025, 6, 10), D(2025, 6, 20), D(2025, 7, 1))]
    # 20 working days from Fri 6/20: 6/23 … → Fri 7/18
    deadline = compute(D(2025, 6, 9), stops)
    assert deadline.due == D(2025, 7, 18)
    assert [s.label for s in deadline.steps][:3] == ["收到申请", "收到补正材料", "第20个工作日"]


def test_an_open_clarification_stops_the_clock():
    stops = [Stop("clarification", "补正", D(2025, 6, 10), None, D(2025, 7, 1))]
    deadline = compute(D(2025, 6, 9), stops, today=D(2025, 6, 30))
    assert deadline.due is None and not deadline.running and deadline.waiting_for == "补正"
    assert not deadline.is_overdue(D(2025, 12, 31))


def test_a_third_party_consultation_does_not_count():
    # Base due Mon 7/7. Consultation sent Mon 6/16, answer Fri 6/27: 9 working days (6/17–6/27) not counted.
    stops = [Stop("third_party", "征求第三方意见", D(2025, 6, 16), D(2025, 6, 27))]
    assert compute(D(2025, 6, 9), stops).due == D(2025, 7, 18)


def test_consultation_clarification_and_extension_together_over_a_holiday():
    # Received Mon 2025-09-15. Clarification asked 9/17, arrives Mon 9/22 → 20 WD from 9/22:
    # 9/23–26(4) 9/28(5) 9/29,30(7) 10/9,10,11(10) 10/13–17(15) 10/20–24(20) → Fri 10/24.
    # Co-agency consultation 10/13–10/20 (10/14–10/20 = 5 WD) → +5 → Fri 10/31.
    # Extension 20 WD → 11/3–7(5) 11/10–14(10) 11/17–21(15) 11/24–28(20) → Fri 11/28.
    stops = [
        Stop("clarification", "补正", D(2025, 9, 17), D(2025, 9, 22), D(2025, 10, 15)),
        Stop("co_agency", "征求其他机关意见", D(2025, 10, 13), D(2025, 10, 20)),
    ]
    deadline = compute(D(2025, 9, 15), stops, extension_days=20)
    assert deadline.due == D(2025, 11, 28)
    assert [s.date for s in deadline.steps] == [
        D(2025, 9, 15),
        D(2025, 9, 22),
        D(2025, 10, 24),
        D(2025, 10, 31),
        D(2025, 11, 28),
    ]
    assert "国庆节" in deadline.steps[2].detail


def test_an_open_consultation_shows_a_provisional_due_date():
    stops = [Stop("third_party", "征求第三方意见", D(2025, 6, 16), None)]
    deadline = compute(D(2025, 6, 9), stops, today=D(2025, 6, 20))
    assert not deadline.running and deadline.provisional_due == D(2025, 7, 11)


def test_overdue_and_due_soon_follow_from_the_dates():
    deadline = compute(D(2025, 6, 9))  # due 7/7
    assert not deadline.is_overdue(D(2025, 7, 7)) and deadline.is_overdue(D(2025, 7, 8))
    assert deadline.is_due_soon(D(2025, 7, 2)) and not deadline.is_due_soon(D(2025, 6, 20))
    assert deadline.days_left(D(2025, 7, 8)) == -1


def test_the_calculator_gives_due_and_extended_due_with_the_skipped_holidays():
    result = calculator(D(2025, 9, 25))
    assert result.due == D(2025, 10, 29)
    # +20 WD from 10/29: 10/30,31(2) 11/3–7(7) 11/10–14(12) 11/17–21(17) 11/24,25,26(20)
    assert result.extended_due == D(2025, 11, 26)
    assert not result.provisional
    assert {s.reason for s in result.skipped} >= {"国庆节", "中秋节", "周末"}


def test_a_clarification_must_be_asked_within_seven_working_days():
    # Received Thu 2025-09-25: 9/26(1) 9/28(2) 9/29(3) 9/30(4) 10/9(5) 10/10(6) 10/11(7)
    assert clarification_latest(D(2025, 9, 25)) == D(2025, 10, 11)


def test_a_consultation_period_counted_provisionally_is_recounted_when_the_year_is_entered(
    make_app, personas, calendar_without
):
    from gongkai.applications import actions
    from gongkai.applications.models import PauseKind
    from gongkai.audit.models import AuditEvent
    from gongkai.workcal.actions import HolidayPeriod, create_year

    calendar_without(2027)
    app = make_app(received=D(2026, 12, 14))
    stop = actions.start_consultation(
        app, actor=personas.editor, kind=PauseKind.THIRD_PARTY, party="某公司", sent_on=D(2026, 12, 21)
    )
    # 12/22–31(8), 元旦 Fri 1/1, 1/4–8(13) 1/11–12(15): provisional
    assert stop.respond_by == D(2027, 1, 12)
    create_year(
        2027,
        [HolidayPeriod("元旦", D(2027, 1, 1), D(2027, 1, 3)), HolidayPeriod("元旦", D(2027, 1, 4), D(2027, 1, 4))],
        [],
        actor=personas.coordinator,
    )
    stop.refresh_from_db()
    assert stop.respond_by == D(2027, 1, 13)  # Monday 4 January was given off as well
    event = AuditEvent.objects.get(action="application.third_party_recount")
    assert event.changes == {"respond_by": ["2027-01-12", "2027-01-13"]}


def test_an_overdue_deadline_seen_in_a_year_not_yet_entered_counts_on_the_earliest_basis(calendar_without):
    calendar_without(2027)
    deadline = compute(D(2026, 11, 2))  # due 30 November 2026, definitive
    assert not deadline.provisional and deadline.due == D(2026, 11, 30)
    # 12/1–31 are 23 working days; then 1/4 and 1/5 2027 on the earliest basis (元旦 Friday 1/1 off,
    # the weekend 1/2–3 near it may be worked): 23 + 2 + 2.
    assert deadline.days_left(D(2027, 1, 5)) == -27
    assert deadline.is_overdue(D(2027, 1, 5))
