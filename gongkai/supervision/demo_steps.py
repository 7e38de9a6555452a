"""Supervision's part of ``load_demo`` (after every registry): the day's checks over the demo
district, as the daily job runs them, so the dashboard, the findings and the scorecards start
from what the other apps' demo data leave — stale or blank columns, overdue applications and
tickets, this year's late budget units. Nothing of its own is invented: no finding is typed in.
Safe to run again (the checks are idempotent).

Before the checks, a year's work plan in mixed states (``load_plan``: the office's tasks and the
units' reports through the actions, citing the units' own published items), so the checks find its
overdue tasks; after them, last month's bulletin, generated, approved and published on the notices
column, and this quarter's as a draft to edit (``load_bulletins``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from gongkai.lib.registry import DemoStep
from gongkai.orgs.models import Organisation
from gongkai.supervision import actions, checks, plans, publishing, scorecards
from gongkai.supervision.models import Bulletin, BulletinKind, Finding, PlanTask, Progress


def load_supervision(district: Organisation, *, stdout) -> None:
    summary = actions.run_checks(district, today=timezone.localdate())
    by_rule = Counter(
        Finding.objects.filter(district=district, closed_on__isnull=True).values_list("rule", flat=True)
    )
    found = "，".join(f"{checks.label_of(rule)}{n}个" for rule, n in sorted(by_rule.items()))
    stdout.write(f"    督查检查：未整改问题{summary['open']}个（{found or '无'}）")


DEMO_STEPS = [DemoStep("supervision", 92, load_supervision)]


# --- the work plan and the bulletins -------------------------------------------------------------

DEMO_SOURCE = "政务公开工作要点（演示）"
TASKS = [
    # (text, category, how many units, due in days from today, what happened)
    ("及时公开本单位年度预算、决算及“三公”经费，做到应公开尽公开", "预决算公开", 1, 60, "done"),
    ("围绕义务教育招生入学政策开展集中解读，解读材料与政策文件同步发布", "政策解读", 1, -20, "none"),
    ("推进重大建设项目批准和实施领域信息公开，逐项公开审批结果", "重点领域信息公开", 2, -45, "partial"),
    ("更新本单位政府信息公开指南和主动公开目录", "公开平台建设", 1, 4, "pending"),
    ("开展政务开放日活动，邀请群众代表走进机关", "公众参与", 1, 90, "started"),
    ("规范依申请公开办理，按时答复率达到100%", "依申请公开", 1, 75, "returned"),
    ("梳理本单位行政规范性文件并逐件标注有效性", "政策文件", 1, -10, "late"),
    ("做好年度政府信息公开工作年度报告编制发布准备", "年度报告", 2, 200, "none"),
]


def _coordinator(district: Organisation):
    from gongkai.accounts.models import User
    from gongkai.accounts.roles import Role

    return (
        User.objects.filter(
            memberships__role=Role.COORDINATOR, memberships__organisation__district=district, is_active=True
        )
        .order_by("pk")
        .first()
    )


def _reporter(unit: Organisation):
    from gongkai.accounts.models import User
    from gongkai.accounts.roles import Role

    return (
        User.objects.filter(
            memberships__role__in=[Role.EDITOR, Role.LEADER], memberships__organisation=unit, is_active=True
        )
        .order_by("pk")
        .first()
    )


def load_plan(district: Organisation, *, stdout) -> None:
    """A year's work plan with tasks in every state: done, done late, in progress, waiting for the
    office's review, returned, overdue (wholly or for one of two units), not yet due."""
    office = _coordinator(district)
    if office is None:
        return
    today = timezone.localdate()
    year = today.year
    if PlanTask.objects.filter(district=district, year=year, source=DEMO_SOURCE).exists():
        return
    # the units that can show evidence: those with published items and someone to report
    units = []
    for unit in scorecards.units_of(district):
        items = publishing.unit_items(unit, limit=3)
        reporter = _reporter(unit)
        if items and reporter is not None:
            units.append((unit, reporter, [i.id for i in items]))
    if not units:
        return
    first, last = dt.date(year, 1, 1), dt.date(year + 1, 12, 31)
    for n, (text, category, how_many, days, happened) in enumerate(TASKS, start=1):
        chosen = [units[(n + k) % len(units)] for k in range(min(how_many, len(units)))]
        due = min(max(today + dt.timedelta(days=days), first), last)
        task = actions.create_task(
            district,
            {
                "year": year,
                "number": str(n),
                "text": text,
                "category": category,
                "due_on": due,
                "source": DEMO_SOURCE,
                "units": [u for u, _r, _i in chosen],
            },
            actor=office,
        )
        unit, reporter, items = chosen[0]
        if happened == "none":
            continue
        completed = happened in ("done", "partial", "late", "pending")
        report = actions.submit_report(
            task,
            unit,
            actor=reporter,
            text="已按要求完成，相关信息已在门户网站公开。" if completed else "正在推进，已完成前期梳理。",
            progress=Progress.COMPLETED if completed else Progress.STARTED,
            evidence=items[:2] if completed else items[:1],
        )
        if happened == "pending":
            continue
        if happened == "returned":
            actions.return_report(report, actor=office, note="佐证材料与任务要求不符，请补充报送。")
        else:
            actions.accept_report(report, actor=office)
    rows = plans.statuses(PlanTask.objects.filter(district=district, year=year), today)
    counts = Counter(r.label for r in rows)
    stdout.write(
        f"    工作要点：{year}年{len(rows)}项任务（"
        + "，".join(f"{k}{v}项" for k, v in counts.items())
        + "）"
    )


def load_bulletins(district: Organisation, *, stdout) -> None:
    """Last month's bulletin published on the portal's notices column, this quarter's as a draft."""
    office = _coordinator(district)
    if office is None:
        return
    today = timezone.localdate()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    bulletin = Bulletin.objects.filter(district=district, kind=BulletinKind.MONTHLY).first()
    if bulletin is None:
        bulletin = actions.generate_bulletin(
            district, BulletinKind.MONTHLY, last_month.year, last_month.month, actor=office
        )
        bulletin = actions.edit_bulletin(
            bulletin,
            actor=office,
            prose={
                "overview": bulletin.prose["overview"],
                "findings": "督查发现的问题已通过系统反馈各责任单位。对长期未更新栏目、逾期未答复的申请和热线工单，"
                "请相关单位在5个工作日内整改到位。",
            },
        )
        bulletin = actions.submit_bulletin(bulletin, actor=office)
        bulletin = actions.approve_bulletin(bulletin, actor=None)
        published_at = timezone.now() - dt.timedelta(hours=2)
        bulletin = actions.release_bulletin(bulletin, actor=None, published_at=published_at)
    quarter = (today.month - 1) // 3 + 1
    if not Bulletin.objects.filter(district=district, kind=BulletinKind.QUARTERLY).exists():
        actions.generate_bulletin(district, BulletinKind.QUARTERLY, today.year, quarter, actor=office)
    stdout.write(f"    督查通报：{bulletin.title}（已发布到通知公告栏目）")


DEMO_STEPS.extend(
    [DemoStep("supervision plan", 91, load_plan), DemoStep("supervision bulletins", 93, load_bulletins)]
)
