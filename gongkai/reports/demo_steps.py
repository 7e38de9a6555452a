"""The annual reports' part of ``load_demo`` (after every registry): the district's 2018 report
generated from the demo records — the seed's narrative format, its figures computed, never typed —
approved and published in 年报 as the old site published it (19 March 2019); two departments' 2018
reports, generated from their own records, one published by 31 January and one late (so the
office's standings page has both); and a report in the official 2021 format for the last
complete year, as a draft the office can work on."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.roles import Role
from gongkai.lib.registry import DemoStep
from gongkai.orgs.models import Organisation
from gongkai.reports import actions
from gongkai.reports.models import Report, ReportState

SEED_YEAR = 2018
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
SEED_PUBLISHED = dt.datetime(2019, 3, 19, 16, 7, tzinfo=TZ)
# Departments (short names) whose 2018 reports the demo publishes, and when: one on time, one late.
DEPARTMENT_REPORTS = [
    ("教育局", dt.datetime(2019, 1, 25, 10, 30, tzinfo=TZ)),
    ("财政局", dt.datetime(2019, 2, 15, 9, 0, tzinfo=TZ)),
]


def _coordinator(district: Organisation) -> User | None:
    return (
        User.objects.filter(
            memberships__role=Role.COORDINATOR, memberships__organisation__district=district, is_active=True
        )
        .order_by("pk")
        .first()
    )


def load_reports(district: Organisation, *, stdout) -> None:
    office = _coordinator(district)
    if office is None:
        stdout.write("    年度报告：本区没有公开办协调员账号，未生成")
        return
    seed = Report.objects.filter(organisation=district, year=SEED_YEAR).first()
    if seed is None:
        seed = actions.generate_report(district, SEED_YEAR, actor=office)
    if seed.state == ReportState.DRAFT:
        seed = actions.approve_report(seed, actor=office)
    if seed.state == ReportState.APPROVED:
        seed = actions.release_report(seed, actor=None, published_at=SEED_PUBLISHED)
    proactive = seed.figures["narrative"]["proactive"]
    stdout.write(
        f"    {seed.title}：主动公开 {proactive['total']} 条，"
        + "、".join(f"{c['name']} {c['count']}（{c['share']}%）" for c in proactive["categories"])
    )
    for short_name, published_at in DEPARTMENT_REPORTS:
        department = Organisation.objects.filter(district=district, short_name=short_name).first()
        if department is None:
            continue
        report = Report.objects.filter(organisation=department, year=SEED_YEAR).first()
        if report is None:
            report = actions.generate_report(department, SEED_YEAR, actor=office)
        if report.state == ReportState.DRAFT and report.figures["checks"]["balance"]["ok"]:
            report = actions.approve_report(report, actor=office)
        if report.state == ReportState.APPROVED:
            report = actions.release_report(report, actor=None, published_at=published_at)
            stdout.write(f"    {report.title}（{published_at:%Y-%m-%d} 公开）")
    later = max(2021, timezone.localdate().year - 1)
    if not Report.objects.filter(organisation=district, year=later).exists():
        report = actions.generate_report(district, later, actor=office)
        stdout.write(f"    {report.title}（{report.get_format_display()}，草稿）")


DEMO_STEPS = [DemoStep("reports", 90, load_reports)]
