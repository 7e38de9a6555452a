"""The daily timeliness checks: every district's findings opened, kept or closed as of today.
Safe to run twice (``actions.run_checks`` is idempotent); a missed day is caught up by the next
run. Also ``manage.py run_periodic supervision_checks`` or ``manage.py supervision_checks``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.background.periodic import periodic
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.supervision.actions import run_checks


@periodic(
    "supervision_checks",
    every=dt.timedelta(days=1),
    description=(
        "督查检查：首页与栏目更新、空白栏目、单项否决、信息公开时限、政策解读、链接与附件、"
        "依申请与热线超期、公开留言、公示期满、预决算逾期"
    ),
)
def supervision_checks(now: dt.datetime) -> dict:
    today = timezone.localdate(now)
    totals = {"districts": 0, "opened": 0, "kept": 0, "closed": 0}
    for district in Organisation.objects.filter(kind=OrgKind.DISTRICT, is_active=True).order_by("pk"):
        summary = run_checks(district, today=today)
        totals["districts"] += 1
        for key in ("opened", "kept", "closed"):
            totals[key] += summary[key]
    return totals
