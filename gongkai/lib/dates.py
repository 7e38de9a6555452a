"""Dates as Chinese documents write them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def cn_date(value: dt.date | dt.datetime | None) -> str:
    """``2018年3月5日``; an aware datetime is read in the local time zone; "" for None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.year}年{value.month}月{value.day}日"
