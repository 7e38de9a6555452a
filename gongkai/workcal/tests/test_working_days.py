"""Counting working days on real holiday arrangements.

Every expected value below was checked against chinese_calendar 1.11.0 (``is_workday`` /
``get_holiday_detail``) and by counting on the State Council's published arrangements.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.workcal.calendar import (
    SkippedDay,
    UnknownCalendarYear,
    add_working_days,
    adjusted_workdays,
    holiday_runs,
    is_working_day,
    skipped_days,
    working_days_between,
)

pytestmark = pytest.mark.django_db

D = dt.date


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


# --- 春节 2026: 2月15日（日）至23日（一）放假，共9天；2月14日（六）、2月28日（六）上班 ---


def test_spring_festival_2026_days_are_not_working_days():
    assert not any(is_working_day(d) for d in days(D(2026, 2, 15), D(2026, 2, 23)))
    assert is_working_day(D(2026, 2, 24))  # Tuesday after the holiday


def test_the_adjusted_saturdays_of_spring_festival_2026_are_working_days():
    assert D(2026, 2, 14).weekday() == 5 and D(2026, 2, 28).weekday() == 5
    assert is_working_day(D(2026, 2, 14))
    assert is_working_day(D(2026, 2, 28))
    assert not is_working_day(D(2026, 3, 7))  # an ordinary Saturday


def test_one_working_day_after_friday_13_february_2026_is_the_adjusted_saturday():
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)


def test_one_working_day_after_the_adjusted_saturday_skips_the_whole_festival():
    assert add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 24)


def test_twenty_working_days_across_spring_festival_2026():
    # Feb 11–13 (3), Sat 14 (4), Feb 24–27 (8), Sat 28 (9), Mar 2–6 (14), Mar 9–13 (19), Mon 16 (20).
    assert add_working_days(D(2026, 2, 10), 20) == D(2026, 3, 16)
    assert working_days_between(D(2026, 2, 10), D(2026, 3, 16)) == 20


def test_the_days_skipped_over_spring_festival_carry_the_festival_name():
    skipped = skipped_days(D(2026, 2, 13), D(2026, 2, 24))
    assert skipped == [SkippedDay(d, "春节") for d in days(D(2026, 2, 15), D(2026, 2, 23))]
    assert adjusted_workdays(D(2026, 2, 13), D(2026, 2, 24)) == [SkippedDay(D(2026, 2, 14), "春节")]


# --- 国庆节、中秋节 2025: 10月1日至8日放假，共8天；9月28日（日）、10月11日（六）上班 ---


def test_national_day_2025_runs_from_1_to_8_october():
    assert not any(is_working_day(d) for d in days(D(2025, 10, 1), D(2025, 10, 8)))
    assert is_working_day(D(2025, 10, 9))
    assert add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)


def test_an_adjusted_sunday_counts_as_a_working_day():
    assert D(2025, 9, 28).weekday() == 6
    assert is_working_day(D(2025, 9, 28))
    # Received on Friday 26 September: Saturday is skipped, the adjusted Sunday is day one.
    assert add_working_days(D(2025, 9, 26), 1) == D(2025, 9, 28)
    assert is_working_day(D(2025, 10, 11))  # the adjusted Saturday after the holiday


def test_national_day_2025_is_shown_as_one_run_with_both_names():
    run = next(r for r in holiday_runs(2025) if r.first == D(2025, 10, 1))
    assert (run.name, run.last, run.days, run.weekdays) == ("国庆节、中秋节", D(2025, 10, 8), 8, 6)


# --- 2026: 中秋节 9月25日至27日；国庆节 10月1日至7日；9月20日（日）、10月10日（六）上班 ---


def test_national_day_2026_per_the_package():
    assert not any(is_working_day(d) for d in days(D(2026, 10, 1), D(2026, 10, 7)))
    assert is_working_day(D(2026, 9, 20)) and D(2026, 9, 20).weekday() == 6
    assert is_working_day(D(2026, 10, 10)) and D(2026, 10, 10).weekday() == 5
    assert add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)


def test_twenty_working_days_across_mid_autumn_and_national_day_2026():
    assert add_working_days(D(2026, 9, 18), 20) == D(2026, 10, 22)
    reasons = {r.reason for r in skipped_days(D(2026, 9, 18), D(2026, 10, 22))}
    assert reasons == {"周末", "中秋节", "国庆节"}


# --- across New Year ---


def test_a_deadline_received_mid_december_2025_skips_new_year_2026():
    # Dec 16–19 (4), 22–26 (9), 29–31 (12); 1–3 Jan 元旦; Sun 4 Jan adjusted (13); 5–9 (18); 12, 13.
    assert add_working_days(D(2025, 12, 15), 20) == D(2026, 1, 13)
    skipped = skipped_days(D(2025, 12, 15), D(2026, 1, 13))
    assert [s for s in skipped if s.reason == "元旦"] == [
        SkippedDay(D(2026, 1, 1), "元旦"),
        SkippedDay(D(2026, 1, 2), "元旦"),
        SkippedDay(D(2026, 1, 3), "元旦"),
    ]
    assert SkippedDay(D(2025, 12, 20), "周末") in skipped


def test_one_working_day_after_new_years_eve_2025_is_the_adjusted_sunday():
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 4)


def test_a_deadline_inside_december_2026_does_not_need_2027():
    assert add_working_days(D(2026, 12, 1), 20) == D(2026, 12, 29)


def test_a_deadline_running_into_2027_refuses_and_names_the_year(calendar_without):
    calendar_without(2027)
    # Only 15 working days are left in December 2026 after the 10th.
    with pytest.raises(UnknownCalendarYear) as caught:
        add_working_days(D(2026, 12, 10), 20)
    assert caught.value.year == 2027
    assert "2027年" in str(caught.value)
    assert "2027" in str(caught.value).split("/")[1]


def test_every_function_refuses_a_day_in_an_unknown_year(calendar_without):
    calendar_without(2027)
    for call in (
        lambda: is_working_day(D(2027, 1, 4)),
        lambda: working_days_between(D(2026, 12, 30), D(2027, 1, 2)),
        lambda: skipped_days(D(2026, 12, 30), D(2027, 1, 2)),
        lambda: is_working_day(D(2003, 6, 2)),
    ):
        with pytest.raises(UnknownCalendarYear):
            call()


# --- the rules of counting ---


def test_zero_working_days_is_the_start_itself_even_on_a_holiday():
    assert add_working_days(D(2026, 2, 17), 0) == D(2026, 2, 17)


def test_the_start_day_is_not_counted():
    # Received on Friday 6 March 2026: one working day later is Monday the 9th.
    assert add_working_days(D(2026, 3, 6), 1) == D(2026, 3, 9)
    assert working_days_between(D(2026, 3, 6), D(2026, 3, 9)) == 1
    assert working_days_between(D(2026, 3, 6), D(2026, 3, 6)) == 0


def test_working_days_between_is_negative_when_the_end_is_earlier():
    assert working_days_between(D(2026, 3, 16), D(2026, 2, 10)) == -20
    assert working_days_between(D(2026, 3, 9), D(2026, 3, 6)) == -1


def test_a_negative_number_of_days_is_refused():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2026, 3, 6), -1)


def test_no_days_are_skipped_in_an_empty_interval():
    assert skipped_days(D(2026, 2, 20), D(2026, 2, 20)) == []
    assert skipped_days(D(2026, 2, 20), D(2026, 2, 10)) == []
