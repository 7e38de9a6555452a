"""What waits on the annual reports, for the workbench's to-do list: drafts to approve (for those
who approve), approved reports to release (for those who draft)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import org_filter
from gongkai.lib.todos import Todo, Urgency
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


PROVIDERS = [report_todos]
