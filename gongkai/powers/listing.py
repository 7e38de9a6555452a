"""The list as it stood on a day, computed from the changes — never stored.

The rule: for each power, its latest change effective on or before the day (latest by effective
date, then by the order recorded) is the power as it then stood. A power whose latest change is a
cancellation is not in the list; one without a change by then was not in it yet. Its status is
the kind of that change (``models.STATUS_BY_KIND``): 保留 for a power as the list first published
it, 新增, 承接, 调整, 部分取消 for the others.

Which changes count is the caller's: the public's (``public.public_changes``: released documents
whose notice is public) or staff's (every recorded change, drafts included). Narrow the result to
organisations *after* choosing the latest change — a power moved from one department to another
belongs to the second, however the first's earlier changes read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import OuterRef, Q, QuerySet, Subquery

from gongkai.powers.models import ChangeKind, PowerChange


def latest(changes: QuerySet[PowerChange], on: dt.date) -> QuerySet[PowerChange]:
    """Each power's latest change among ``changes`` effective on or before ``on``."""
    upto = changes.filter(effective_on__lte=on)
    newest = upto.filter(power=OuterRef("power")).order_by("-effective_on", "-pk").values("pk")[:1]
    return upto.filter(pk=Subquery(newest))


def in_force(changes: QuerySet[PowerChange], on: dt.date) -> QuerySet[PowerChange]:
    """The list on ``on``: each power in force then, as its latest change by then states it."""
    return latest(changes, on).exclude(kind=ChangeKind.CANCEL)


def narrowed(
    entries: QuerySet[PowerChange],
    *,
    organisation_ids: Iterable[int] | None = None,
    type: str = "",
    q: str = "",
) -> QuerySet[PowerChange]:
    """``entries`` (from ``in_force`` or ``latest``) narrowed by the list's filters."""
    if organisation_ids is not None:
        entries = entries.filter(organisation_id__in=list(organisation_ids))
    if type:
        entries = entries.filter(type=type)
    if q:
        entries = entries.filter(Q(name__icontains=q) | Q(power__code__icontains=q) | Q(basis__icontains=q))
    return entries


def for_display(entries: QuerySet[PowerChange]) -> QuerySet[PowerChange]:
    """What list pages show, in the list's order (organisation, then code)."""
    return entries.select_related("power", "organisation", "document").order_by(
        "organisation__sort_order", "organisation_id", "power__code"
    )


def state_on(changes: QuerySet[PowerChange], power_id: int, on: dt.date) -> PowerChange | None:
    """One power's latest change among ``changes`` effective on or before ``on`` (None: none yet)."""
    return (
        changes.filter(power_id=power_id, effective_on__lte=on)
        .select_related("organisation")
        .order_by("-effective_on", "-pk")
        .first()
    )
