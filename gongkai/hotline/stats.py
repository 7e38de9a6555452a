"""Rates and counts that bulletins and scorecards print, computed from tickets.

Two rules shared by every report:

- Timeliness: ``hotline.deadlines`` judges each ticket (on time when the reply came on or before
  its due date; overdue when it came later, or when the ticket is still unreplied past the earliest
  date its deadline can turn out to be). Due dates are computed in Python from plain rows (the
  working-day calendar is held in memory); one count per (dispatch day, working days).
- Satisfaction: each ticket counts once, with its LAST callback that reached the citizen. A ticket
  first judged 不满意 and then re-handled to 满意 counts as 满意, not as both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from gongkai.hotline.deadlines import DueDates
from gongkai.hotline.models import Callback, HotlineSettings, Satisfaction, Status, Ticket


@dataclass
class Rates:
    received: int
    closed: int
    replied: int
    on_time: int
    overdue: int
    satisfied: int
    basic: int
    unsatisfied: int

    @property
    def closure_rate(self) -> float | None:
        return self.closed / self.received if self.received else None

    @property
    def on_time_rate(self) -> float | None:
        done = self.on_time + self.overdue
        return self.on_time / done if done else None

    @property
    def callbacks(self) -> int:
        """Tickets whose (last) callback reached the citizen."""
        return self.satisfied + self.basic + self.unsatisfied

    @property
    def satisfaction_rate(self) -> float | None:
        """(满意 + 基本满意) / tickets whose last callback reached the citizen."""
        total = self.callbacks
        return (self.satisfied + self.basic) / total if total else None


def last_satisfaction() -> Subquery:
    """Annotation: the satisfaction of the ticket's last callback that reached the citizen."""
    return Subquery(
        Callback.objects.filter(ticket=OuterRef("pk"), reached=True)
        .order_by("-at", "-pk")
        .values("satisfaction")[:1]
    )


TIMING_FIELDS = ("dispatched_at", "replied_at", "urgency", "extension_days")


def timeliness(
    rows: Iterable[tuple[dt.datetime | None, dt.datetime | None, str, int]],
    limits: HotlineSettings,
    as_of: dt.date,
) -> tuple[int, int]:
    """(on time, overdue) over rows of ``TIMING_FIELDS``."""
    dues = DueDates(limits)
    on_time = overdue = 0
    for dispatched_at, replied_at, urgency, extension_days in rows:
        verdict = dues.judge(dispatched_at, replied_at, urgency, extension_days, as_of)
        if verdict == "on_time":
            on_time += 1
        elif verdict == "overdue":
            overdue += 1
    return on_time, overdue


def rates(tickets: QuerySet[Ticket], today: dt.date) -> Rates:
    """Counts for ``tickets`` (of one district); overdue as judged on ``today``."""
    from gongkai.hotline.actions import settings_for

    agg = tickets.aggregate(
        received=Count("pk"),
        closed=Count("pk", filter=Q(status=Status.CLOSED)),
        replied=Count("pk", filter=Q(dispatched_at__isnull=False, replied_at__isnull=False)),
    )
    rows = list(tickets.filter(dispatched_at__isnull=False).values_list(*TIMING_FIELDS, "district_id"))
    on_time = overdue = 0
    if rows:
        from gongkai.orgs.models import Organisation

        districts = {row[-1] for row in rows}
        for district_id in districts:
            limits = settings_for(Organisation.objects.get(pk=district_id))
            a, b = timeliness((r[:-1] for r in rows if r[-1] == district_id), limits, today)
            on_time, overdue = on_time + a, overdue + b
    sat = dict(
        tickets.order_by()
        .annotate(last_sat=last_satisfaction())
        .filter(last_sat__isnull=False)
        .values("last_sat")
        .annotate(n=Count("pk"))
        .values_list("last_sat", "n")
    )
    return Rates(
        received=agg["received"],
        closed=agg["closed"],
        replied=agg["replied"],
        on_time=on_time,
        overdue=overdue,
        satisfied=sat.get(Satisfaction.SATISFIED, 0),
        basic=sat.get(Satisfaction.BASIC, 0),
        unsatisfied=sat.get(Satisfaction.UNSATISFIED, 0),
    )
