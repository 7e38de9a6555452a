"""Supervision's part of ``load_demo`` (after every registry): the day's checks over the demo
district, as the daily job runs them, so the dashboard, the findings and the scorecards start
from what the other apps' demo data leave — stale or blank columns, overdue applications and
tickets, this year's late budget units. Nothing of its own is invented: no finding is typed in.
Safe to run again (the checks are idempotent)."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from gongkai.lib.registry import DemoStep
from gongkai.orgs.models import Organisation
from gongkai.supervision import actions, checks
from gongkai.supervision.models import Finding


def load_supervision(district: Organisation, *, stdout) -> None:
    summary = actions.run_checks(district, today=timezone.localdate())
    by_rule = Counter(
        Finding.objects.filter(district=district, closed_on__isnull=True).values_list("rule", flat=True)
    )
    found = "，".join(f"{checks.label_of(rule)}{n}个" for rule, n in sorted(by_rule.items()))
    stdout.write(f"    督查检查：未整改问题{summary['open']}个（{found or '无'}）")


DEMO_STEPS = [DemoStep("supervision", 92, load_supervision)]
