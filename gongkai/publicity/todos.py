"""What waits in 公示公告, for the workbench's to-do list (found in ``PROVIDERS``): draft lists
with households entered, waiting to be released, and objections not yet settled."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import org_filter
from gongkai.lib.todos import Todo, Urgency
from gongkai.publicity.models import Objection, Publicity, State


def publicity_todos(user) -> list[Todo]:
    drafts = (
        Publicity.objects.filter(org_filter(user, "publicity.publish"), state=State.DRAFT)
        .annotate(n=Count("entries"))
        .order_by("created_at", "pk")
    )
    todos = [
        Todo(
            title=_("%(title)s 已登记 %(n)s 户，待提交发布") % {"title": p.title, "n": p.n}
            if p.is_list
            else _("%(title)s 待提交发布") % {"title": p.title},
            url=reverse("publicity_staff:detail", args=[p.pk]),
            count=p.n or 1,
            urgency=Urgency.NORMAL,
            category=_("公示公告"),
        )
        for p in drafts[:20]
        if p.n or not p.is_list
    ]
    open_objections = (
        Objection.objects.filter(org_filter(user, "publicity.edit", "publicity__organisation"), outcome="")
        .select_related("publicity")
        .order_by("received_on", "pk")
    )
    todos += [
        Todo(
            title=_("%(title)s 收到异议（%(day)s），待核实办结")
            % {"title": o.publicity.title, "day": o.received_on.isoformat()},
            url=reverse("publicity_staff:detail", args=[o.publicity_id]),
            count=1,
            urgency=Urgency.SOON,
            category=_("公示公告"),
        )
        for o in open_objections[:20]
    ]
    return todos


PROVIDERS = [publicity_todos]
