"""What waits on sector figures, for the workbench's to-do list (found in ``PROVIDERS``): reports
waiting for the leader's confirmation, reports returned to the department, confirmed versions
not yet put up for publication."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import org_filter
from gongkai.lib.todos import Todo, Urgency
from gongkai.sectors.models import Report, ReportState, Version, VersionState


def sector_todos(user) -> list[Todo]:
    todos = []
    waiting = Report.objects.filter(
        org_filter(user, "sector.confirm"), state=ReportState.SUBMITTED
    ).select_related("organisation")
    for report in waiting.order_by("year", "pk")[:20]:
        todos.append(
            Todo(
                title=_("%(org)s %(year)s年行业领域数据待确认")
                % {"org": report.organisation.short_name, "year": report.year},
                url=reverse("sectors_staff:report", args=[report.pk]),
                urgency=Urgency.SOON,
                category=_("行业领域数据"),
            )
        )
    returned = Report.objects.filter(
        org_filter(user, "sector.edit"), state=ReportState.RETURNED
    ).select_related("organisation")
    for report in returned.order_by("year", "pk")[:20]:
        todos.append(
            Todo(
                title=_("%(org)s %(year)s年行业领域数据已退回，待修改后重新报送")
                % {"org": report.organisation.short_name, "year": report.year},
                url=reverse("sectors_staff:report", args=[report.pk]),
                urgency=Urgency.SOON,
                category=_("行业领域数据"),
            )
        )
    unpublished = (
        Version.objects.filter(
            org_filter(user, "item.edit", "report__organisation"),
            state=VersionState.CONFIRMED,
            notice_item_id__isnull=True,
            report__state=ReportState.CONFIRMED,
        )
        .select_related("report", "report__organisation")
        .order_by("report__year", "pk")
    )
    seen = set()
    for version in unpublished[:40]:
        if version.report_id in seen:
            continue
        seen.add(version.report_id)
        todos.append(
            Todo(
                title=_("%(org)s %(year)s年行业领域数据已确认，待提交公开")
                % {"org": version.report.organisation.short_name, "year": version.report.year},
                url=reverse("sectors_staff:report", args=[version.report_id]),
                urgency=Urgency.NORMAL,
                category=_("行业领域数据"),
            )
        )
    return todos


PROVIDERS = [sector_todos]
