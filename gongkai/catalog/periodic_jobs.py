"""Scheduled publication: items approved for a later time go live when it comes."""

from __future__ import annotations

import datetime as dt

from gongkai.background.periodic import periodic
from gongkai.catalog.actions import publish_due


@periodic(
    "publish_scheduled_items", every=dt.timedelta(minutes=1), description="发布已到定时发布时间的政府信息"
)
def publish_scheduled_items(now: dt.datetime) -> str:
    return f"发布 {publish_due(now)} 条"
