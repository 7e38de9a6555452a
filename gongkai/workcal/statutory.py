"""The statutory holidays that the law itself fixes, for any year: what is certain before the State
Council announces the year's arrangement (放假调休).

《全国年节及纪念日放假办法》 gives every citizen a day off on these days, whatever the announcement
later adds. What the announcement adds cannot be known in advance: a weekend near a holiday may
become a working day (调休上班), and a weekday may become a day off in exchange. So a count of
weekends and statutory holidays alone is *provisional*, and may differ from the true count by a day
or two either way (see ``calendar.Basis``).

The law as amended, by the year its version first applies:
- 1999 (in force for 2000–2007): 元旦 1; 春节 3 (正月初一至初三); 劳动节 3 (5月1日至3日); 国庆 3.
- 2007 (2008–2013): 元旦 1; 春节 3 (除夕至正月初二); 清明 1; 劳动节 1; 端午 1; 中秋 1; 国庆 3.
- 2013 (2014–2024): as 2007, but 春节 正月初一至初三.
- 2024 (2025 on): 元旦 1; 春节 4 (除夕至正月初三); 清明 1; 劳动节 2 (5月1日、2日); 端午 1; 中秋 1;
  国庆 3 (10月1日至3日).
Before 2000 the 1949 version applied (劳动节 1 day, 国庆 2 days).

Lunar dates (除夕, 正月初一, 端午 五月初五, 中秋 八月十五) and the solar term 清明 come from the
``lunar_python`` package (PyPI ``lunar-python``), which computes them astronomically for any year.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from lunar_python import Lunar, Solar

ONE_DAY = dt.timedelta(days=1)


def _solar(lunar: Lunar) -> dt.date:
    s = lunar.getSolar()
    return dt.date(s.getYear(), s.getMonth(), s.getDay())


def lunar_new_year(year: int) -> dt.date:
    """正月初一 of the lunar year that begins in ``year``."""
    return _solar(Lunar.fromYmd(year, 1, 1))


def qingming(year: int) -> dt.date:
    """The day of the solar term 清明 (4 or 5 April)."""
    term = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"]
    return dt.date(term.getYear(), term.getMonth(), term.getDay())


def _run(first: dt.date, days: int, name: str) -> dict[dt.date, str]:
    return {first + ONE_DAY * i: name for i in range(days)}


@lru_cache(maxsize=256)
def _holidays(year: int) -> tuple[tuple[dt.date, str], ...]:
    new_year = lunar_new_year(year)
    days: dict[dt.date, str] = {dt.date(year, 1, 1): "元旦"}
    if year >= 2025:
        days |= _run(new_year - ONE_DAY, 4, "春节")
    elif year >= 2014:
        days |= _run(new_year, 3, "春节")
    elif year >= 2008:
        days |= _run(new_year - ONE_DAY, 3, "春节")
    else:
        days |= _run(new_year, 3, "春节")
    if year >= 2008:
        days[qingming(year)] = "清明节"
    labour_days = 2 if year >= 2025 else 1 if year >= 2008 else 3 if year >= 2000 else 1
    days |= _run(dt.date(year, 5, 1), labour_days, "劳动节")
    if year >= 2008:
        days[_solar(Lunar.fromYmd(year, 5, 5))] = "端午节"
        # 中秋 can fall on 1 October (2020, 2001): the day keeps both names' reason to be off.
        mid_autumn = _solar(Lunar.fromYmd(year, 8, 15))
        days.setdefault(mid_autumn, "中秋节")
    days |= _run(dt.date(year, 10, 1), 3 if year >= 2000 else 2, "国庆节")
    return tuple(sorted(days.items()))


def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The days of ``year`` that are days off by law, as ``{date: holiday name}`` in date order."""
    return dict(_holidays(year))


@lru_cache(maxsize=256)
def _makeup_days(year: int) -> tuple[tuple[dt.date, str], ...]:
    holidays = statutory_holidays(year)
    makeup: dict[dt.date, str] = {}
    for day, name in holidays.items():
        if day.weekday() < 5:
            continue
        d = day + ONE_DAY
        while d.weekday() >= 5 or d in holidays or d in makeup:
            d += ONE_DAY
        makeup[d] = name
    return tuple(sorted(makeup.items()))


def makeup_days(year: int) -> dict[dt.date, str]:
    """The weekdays given off in place of statutory holidays that fall on a weekend (补假).

    The law fixes that such a day is given (第六条: 全体公民放假的假日适逢星期六、星期日，应当在工作日
    补假), not which one: the announcement usually takes the next weekday after the holiday, which is
    what this assumes. So these days belong to the provisional count, never to the earliest one.
    """
    return dict(_makeup_days(year))
