"""Supervision's items on the workbench to-do list: for a unit's editors and leaders, their own
parts of this year's work-plan tasks that are overdue or due soon, or whose report was returned;
for the office, the progress reports waiting for its review and the bulletins another of the office
submitted for approval."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import has_perm, reach
from gongkai.lib.todos import Todo, Urgency
from gongkai.supervision import plans
from gongkai.supervision.models import BulletinState, PlanTask, PlanTaskUnit, ReportState

CATEGORY = gettext_lazy("工作要点")
MAX_TASK_TODOS = 10


def unit_todos(user) -> list[Todo]:
    r = reach(user, "supervision.report")
    if not r.orgs and not r.districts:
        return []
    today = timezone.localdate()
    task_ids = PlanTaskUnit.objects.filter(unit_id__in=r.orgs).values("task_id")
    tasks = PlanTask.objects.filter(pk__in=task_ids, year__in=(today.year - 1, today.year))
    todos = []
    for status in plans.statuses(tasks, today):
        if status.done:
            continue
        for part in status.parts:
            if part.done_on or part.pending or not has_perm(user, "supervision.report", part.unit):
                continue
            returned = part.latest is not None and part.latest.state == ReportState.RETURNED
            if not (status.overdue or status.soon or returned):
                continue
            title = status.task.text if len(status.task.text) <= 40 else status.task.text[:39] + "…"
            if returned:
                title = _("进展被退回：%(task)s") % {"task": title}
            todos.append(
                Todo(
                    title=title,
                    url=reverse("supervision_staff:plan_task", args=[status.task.pk])
                    + f"?unit={part.unit.pk}",
                    due=status.due,
                    urgency=Urgency.OVERDUE
                    if status.overdue
                    else Urgency.SOON
                    if status.soon
                    else Urgency.NORMAL,
                    category=str(CATEGORY),
                )
            )
    todos.sort(key=Todo.sort_key)
    return todos[:MAX_TASK_TODOS]


def office_todos(user) -> list[Todo]:
    from gongkai.supervision.models import Bulletin, ProgressReport

    districts = reach(user, "supervision.manage").districts
    if not districts:
        return []
    todos = []
    waiting = ProgressReport.objects.filter(
        task__district_id__in=districts, state=ReportState.SUBMITTED
    ).count()
    if waiting:
        todos.append(
            Todo(
                title=_("待审核的工作要点进展报送"),
                url=reverse("supervision_staff:plan"),
                count=waiting,
                category=str(CATEGORY),
            )
        )
    submitted = Bulletin.objects.filter(district_id__in=districts, state=BulletinState.SUBMITTED).exclude(
        submitted_by=user
    )
    count = submitted.count()
    if count:
        todos.append(
            Todo(
                title=_("待审定的督查通报"),
                url=reverse("supervision_staff:bulletins"),
                count=count,
                category=str(gettext_lazy("督查考核")),
            )
        )
    return todos


PROVIDERS = [unit_todos, office_todos]
