"""What waits on the power list, for the workbench's to-do list (found in ``PROVIDERS``): draft
batches with changes recorded, waiting to be released by someone who may publish them."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import org_filter
from gongkai.lib.todos import Todo, Urgency
from gongkai.powers.models import DocumentState, SourceDocument


def power_todos(user) -> list[Todo]:
    drafts = (
        SourceDocument.objects.filter(org_filter(user, "power.publish"), state=DocumentState.DRAFT)
        .annotate(n=Count("changes"))
        .filter(n__gt=0)
        .order_by("issued_on", "pk")
    )
    return [
        Todo(
            title=_("%(number)s 已登记 %(n)s 项变更，待提交发布") % {"number": d.number, "n": d.n},
            url=reverse("powers_staff:document", args=[d.pk]),
            count=d.n,
            urgency=Urgency.NORMAL,
            category=_("权力清单"),
        )
        for d in drafts[:20]
    ]


PROVIDERS = [power_todos]
