"""When a disclosure is due, and how late it is: the one rule every page, export and figure uses.

Due: so many calendar days after approval (预算法 第十四条: 部门预决算 within 20 days of the finance
bureau's 批复; the government's own within 20 days of the people's congress approving it), the
number configurable per district (``DeadlineRule``). Late: published after the due day, or not
published and the due day has passed (counted to today). Without an approval date nothing is due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.finance.models import DeadlineRule, Level

DEFAULT_DAYS = 20


@dataclass(frozen=True)
class Timeliness:
    due_on: dt.date | None
    published_on: dt.date | None
    days_late: int  # 0 when on time or not due yet

    @property
    def late(self) -> bool:
        return self.days_late > 0


def days_allowed(district_id: int, level: str) -> int:
    """Days from approval to the due day for the district's disclosures of ``level``."""
    rule = DeadlineRule.objects.filter(district_id=district_id).first()
    if rule is None:
        return DEFAULT_DAYS
    return rule.government_days if level == Level.GOVERNMENT else rule.department_days


def due_on(approved_on: dt.date | None, days: int) -> dt.date | None:
    return approved_on + dt.timedelta(days=days) if approved_on else None


def timeliness(
    approved_on: dt.date | None, published_on: dt.date | None, days: int, today: dt.date
) -> Timeliness:
    due = due_on(approved_on, days)
    if due is None:
        return Timeliness(None, published_on, 0)
    reference = published_on or today
    return Timeliness(due, published_on, max(0, (reference - due).days))
