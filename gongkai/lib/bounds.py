"""The range of what a public parameter may ask for, so that no number or date out of range
reaches the database (SQLite refuses integers past 64 bits, Python dates end at 9999).

One place for the limits every public API and the Open311 endpoints check; each caller turns a
``False`` into its own 400 answer in Chinese.
"""

from __future__ import annotations

import datetime as dt

MAX_ID = 2**63 - 1  # a BigAutoField key, in SQLite and PostgreSQL alike
# Years a filter may name: the platform's records begin long after 1900, and 2100 leaves room.
MIN_YEAR, MAX_YEAR = 1900, 2100
YEAR_MESSAGE = f"年份应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的四位数字。"
# Pages beyond this are refused rather than computed: 10,000 pages of 100 is more than any list.
MAX_PAGE = 10_000
PAGE_MESSAGE = f"页码应为 1 至 {MAX_PAGE} 之间的整数。"
# Dates a filter may name (a day either side keeps a time zone shift inside Python's range).
MIN_DATE, MAX_DATE = dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31)
DATE_MESSAGE = f"日期应在 {MIN_DATE:%Y-%m-%d} 至 {MAX_DATE:%Y-%m-%d} 之间。"


def valid_id(value: int) -> bool:
    return 0 < value <= MAX_ID


def valid_year(value: int) -> bool:
    return MIN_YEAR <= value <= MAX_YEAR


def valid_page(value: int) -> bool:
    return 1 <= value <= MAX_PAGE


def valid_date(value: dt.date) -> bool:
    day = value.date() if isinstance(value, dt.datetime) else value
    return MIN_DATE <= day <= MAX_DATE
