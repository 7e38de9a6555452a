"""The daily look at application deadlines. It only counts and logs: the reminder itself is the
to-do list on the workbench (``todos.application_todos``), which follows from the data and today.
No e-mail is sent — the platform has no mail settings yet. Running it twice changes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from django.utils import timezone

from gongkai.applications.todos import district_counts
from gongkai.background.periodic import periodic

logger = logging.getLogger(__name__)


@periodic(
    "application_deadline_reminders",
    every=dt.timedelta(days=1),
    description="统计依申请公开的超期、即将到期和逾期未补正申请（待办事项即提醒）",
)
def application_deadline_reminders(now: dt.datetime) -> dict:
    counts = dataclasses.asdict(district_counts(timezone.localdate(now)))
    if counts["overdue"] or counts["provisional"]:
        logger.warning("disclosure applications: %s", counts)
    else:
        logger.info("disclosure applications: %s", counts)
    return counts
