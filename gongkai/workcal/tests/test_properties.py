"""Counting forward and counting between agree, on any date and period."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.workcal.calendar import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db

dates = st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2025, 12, 31))
counts = st.integers(min_value=0, max_value=60)
# database=None: keep no example database in the working tree.
_settings = settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@_settings
@given(start=dates, n=counts)
def test_counting_between_undoes_counting_forward(start, n):
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert working_days_between(end, start) == -n


@_settings
@given(start=dates, n=st.integers(min_value=1, max_value=60))
def test_the_nth_working_day_is_a_working_day_and_the_day_before_it_counts_one_less(start, n):
    end = add_working_days(start, n)
    assert end > start
    assert is_working_day(end)
    assert working_days_between(start, end - dt.timedelta(days=1)) == n - 1
