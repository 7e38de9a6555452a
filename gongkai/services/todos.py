"""What waits in the services app, for the workbench's to-do list (found in ``PROVIDERS``): each
差评 without a recorded 整改 or 回访 (a common local rule: within 15 working days), and complete
guide drafts waiting to be released."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import org_filter
from gongkai.lib.todos import Todo, urgency_for_due
from gongkai.services import guides
from gongkai.services.models import BAD_RATINGS, FollowUp, GuideState, ServiceCase, ServiceGuide
from gongkai.workcal.calendar import Basis, add_working_days

FOLLOW_UP_WORKING_DAYS = 15


def _due(day):
    return add_working_days(day, FOLLOW_UP_WORKING_DAYS, basis=Basis.EARLIEST)


def bad_rating_todos(user) -> list[Todo]:
    cases = (
        ServiceCase.objects.filter(org_filter(user, "service.edit"), rating__in=BAD_RATINGS)
        .exclude(Exists(FollowUp.objects.filter(case=OuterRef("pk"))))
        .select_related("item")
        .order_by("rated_on", "received_on", "pk")
    )
    todos = []
    for case in cases[:20]:
        rated = case.rated_on or case.completed_on or case.received_on
        due = _due(rated)
        todos.append(
            Todo(
                title=_("差评待整改回访：%(no)s %(item)s（%(rating)s）")
                % {"no": case.case_no, "item": case.item.name, "rating": case.get_rating_display()},
                url=reverse("services_staff:case", args=[case.pk]),
                due=due,
                urgency=urgency_for_due(due),
                category=_("好差评"),
            )
        )
    return todos


def guide_todos(user) -> list[Todo]:
    drafts = ServiceGuide.objects.filter(
        org_filter(user, "service.publish", "item__organisation"), state=GuideState.DRAFT
    ).select_related("item")
    return [
        Todo(
            title=_("办事指南要素齐全，待提交发布：%(name)s（第%(n)s版）")
            % {"name": g.item.name, "n": g.version},
            url=reverse("services_staff:item", args=[g.item_id]),
            category=_("办事指南"),
        )
        for g in drafts[:50]
        if not guides.missing_elements(g)
    ][:20]


PROVIDERS = [bad_rating_todos, guide_todos]
