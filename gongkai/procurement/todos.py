"""What waits on procurement, for the workbench's to-do list (found in ``PROVIDERS``): notices due.

- an intention (采购意向) not yet public for a planned project that must publish one: due 30 days
  before procurement starts;
- a result notice not yet public once the supplier is chosen: due within 2 working days (on the
  earliest basis through a year the calendar does not know, so none becomes late by surprise).

Shown to whoever may enter the project's notices (``procurement.publish``) in its organisation.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import org_filter
from gongkai.lib.todos import Todo, urgency_for_due
from gongkai.procurement import deadlines, notices
from gongkai.procurement.models import Notice, NoticeKind, Project, ProjectState

LIMIT = 20


def _due_projects(user):
    scoped = Project.objects.filter(org_filter(user, "procurement.publish"))
    intention = scoped.filter(
        state=ProjectState.PLANNED, planned_start_on__gte=deadlines.intention_required_from()
    )
    result = scoped.filter(
        state__in=(ProjectState.AWARDED, ProjectState.CONTRACTED), supplier_chosen_on__isnull=False
    )
    return list(intention.select_related("district")), list(result.select_related("district"))


def _public_kinds(projects: list[Project]) -> dict[int, set[str]]:
    """For each project, the kinds of its notices that are public now."""
    rows = list(Notice.objects.filter(project__in=projects))
    by_district: dict[int, list[Notice]] = {}
    districts = {p.district_id: p.district for p in projects}
    project_district = {p.pk: p.district_id for p in projects}
    for notice in rows:
        by_district.setdefault(project_district[notice.project_id], []).append(notice)
    public: dict[int, set[str]] = {}
    for district_id, found in by_district.items():
        refs = notices.refs(districts[district_id], found)
        for notice in found:
            ref = refs.get(notice.item_id)
            if ref is not None and ref.is_public:
                public.setdefault(notice.project_id, set()).add(notice.kind)
    return public


def procurement_todos(user) -> list[Todo]:
    intention, result = _due_projects(user)
    if not intention and not result:
        return []
    public = _public_kinds(intention + result)
    today = timezone.localdate()
    todos = []
    for project in intention:
        if NoticeKind.INTENTION in public.get(project.pk, ()):
            continue
        timing = deadlines.timeliness(project, NoticeKind.INTENTION, None, today=today)
        todos.append(
            Todo(
                title=_("%(name)s：采购意向须在%(day)s前公开（采购活动开始前30日）")
                % {"name": project.name, "day": timing.due.isoformat()},
                url=reverse("procurement_staff:project", args=[project.pk]),
                due=timing.due,
                urgency=urgency_for_due(timing.due, today=today),
                category=_("政府采购"),
            )
        )
    for project in result:
        if NoticeKind.RESULT in public.get(project.pk, ()):
            continue
        timing = deadlines.timeliness(project, NoticeKind.RESULT, None, today=today)
        title = _("%(name)s：中标（成交）结果公告须在%(day)s前公开（确定供应商后2个工作日内）") % {
            "name": project.name,
            "day": timing.due.isoformat(),
        }
        if timing.badge:
            title += f"（{timing.badge}）"
        todos.append(
            Todo(
                title=title,
                url=reverse("procurement_staff:project", args=[project.pk]),
                due=timing.due,
                urgency=urgency_for_due(timing.due, today=today, soon_days=1),
                category=_("政府采购"),
            )
        )
    todos.sort(key=lambda t: t.sort_key())
    return todos[:LIMIT]


PROVIDERS = [procurement_todos]
