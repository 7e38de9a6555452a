"""The publicity period's job: a list leaves the portal by itself when its period is over.

The portal already hides a list the day after its period (``public.py`` reads the period every
time); the job records it — the day the period started, the state ``ENDED`` and the day the list
came down — so that staff see it and the page cache is dropped. Safe to run twice; a missed run is
caught up by the next. Also ``manage.py run_periodic end_publicity_periods``.
"""

from __future__ import annotations

import datetime as dt

from gongkai.background.periodic import periodic
from gongkai.publicity.actions import end_periods


@periodic(
    "end_publicity_periods",
    every=dt.timedelta(minutes=10),
    description="公示期开始与期满：记录公示开始日期，期满的公示名单自动撤下门户网站",
)
def end_publicity_periods(now: dt.datetime) -> dict:
    return end_periods(now)
