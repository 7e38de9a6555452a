"""What waits on the annual reports, for the workbench's to-do list: drafts to approve (for those
who approve), approved reports to release (for those who draft), and for the disclosure office
the departments that have not published their last report by 31 January (a supervision finding)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm, org_filter, primary_district_id
from gongkai.lib.todos import Todo, Urgency
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.reports import deadlines
from gongkai.reports.models import Report, ReportState


def report_todos(user) -> list[Todo]:
    todos = []
    drafts = Report.objects.filter(org_filter(user, "report.approve"), state=ReportState.DRAFT).select_related(
        "organisation"
    )
    for report in drafts.order_by("year", "pk")[:20]:
        todos.append(
            Todo(
                title=_("%(title)s 待审定") % {"title": report.title},
                url=reverse("reports_staff:detail", args=[report.pk]),
                urgency=Urgency.NORMAL,
                category=_("年度报告"),
            )
        )
    approved = Report.objects.filter(org_filter(user, "report.edit"), state=ReportState.APPROVED).select_related(
        "organisation"
    )
    for report in approved.order_by("year", "pk")[:20]:
        todos.append(
            Todo(
                title=_("%(title)s 已审定，待提交发布") % {"title": report.title},
                url=reverse("reports_staff:detail", args=[report.pk]),
                urgency=Urgency.NORMAL,
                category=_("年度报告"),
            )
        )
    return todos


def late_department_reports(user) -> list[Todo]:
    """For whoever approves the district's report (the office): the departments late with theirs."""
    district = Organisation.objects.filter(pk=primary_district_id(user), kind=OrgKind.DISTRICT).first()
    if district is None or not has_perm(user, "report.approve", district):
        return []
    today = timezone.localdate()
    year = deadlines.last_due_year(today)
    flagged = deadlines.flagged(deadlines.department_reports(district, year, today=today))
    if not flagged:
        return []
    return [
        Todo(
            title=_("%(n)s个单位未按时公开%(year)s年度政府信息公开工作年度报告")
            % {"n": len(flagged), "year": year},
            url=reverse("reports_staff:deadlines") + f"?year={year}",
            count=len(flagged),
            due=deadlines.department_deadline(year),
            urgency=Urgency.OVERDUE,
            category=_("年度报告"),
        )
    ]


PROVIDERS = [report_todos, late_department_reports]
