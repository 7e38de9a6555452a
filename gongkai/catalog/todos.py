"""What waits on proactive disclosure, for the workbench's to-do list (found in ``PROVIDERS``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.catalog.models import Version
from gongkai.catalog.permissions import QUEUES, can_open_catalog
from gongkai.catalog.workflow import PENDING_STATES
from gongkai.lib.todos import Todo, Urgency

WAITING_DAYS = 3  # a to-do becomes urgent when an item has waited longer than this

TODO_QUEUES = (
    ("review", gettext_lazy("待保密审查的政府信息")),
    ("approve", gettext_lazy("待审批发布的政府信息")),
    ("rejected", gettext_lazy("被退回待修改的草稿")),
)


def queue_url(name: str) -> str:
    """The item list showing one work queue (a key of ``permissions.QUEUES``)."""
    return reverse("catalog_staff:items") + "?" + urlencode({"queue": name})


def catalog_todos(user) -> list[Todo]:
    """What waits for this user in the publication workflow, in one query."""
    if not can_open_catalog(user):
        return []
    aggregates = {}
    for key, _title in TODO_QUEUES:
        condition = QUEUES[key](user)
        aggregates[key] = Count("pk", filter=condition)
        aggregates[f"{key}_since"] = Min("updated_at", filter=condition)
    found = Version.objects.filter(state__in=PENDING_STATES).aggregate(**aggregates)
    threshold = timezone.now() - dt.timedelta(days=WAITING_DAYS)
    todos = []
    for key, title in TODO_QUEUES:
        if not found[key]:
            continue
        since = found[f"{key}_since"]
        todos.append(
            Todo(
                title=str(title),
                url=queue_url(key),
                count=found[key],
                urgency=Urgency.SOON if since is not None and since < threshold else Urgency.NORMAL,
                category=_("主动公开"),
            )
        )
    return todos


PROVIDERS = [catalog_todos]
