"""The publicity period's end: released decisions past it leave the portal (history kept for staff)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.background.periodic import periodic
from gongkai.decisions.actions import end_publicity


@periodic(
    "end_decision_publicity",
    every=dt.timedelta(hours=6),
    description="双公示：公示期满的行政处罚和行政强制决定从门户撤下",
)
def end_decision_publicity(now: dt.datetime) -> str:
    return f"撤下 {end_publicity(timezone.localtime(now).date())} 件"
