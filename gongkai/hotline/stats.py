"""Rates and counts that bulletins and scorecards print, computed from tickets.

Two rules shared by every report:

- Timeliness: a ticket is on time when its reply came on or before its due date (the urgency's
  limit in working days from dispatch, plus any extension), overdue when the reply came later or
  when it is still unreplied after the due date. Due dates are computed here in Python from plain
  rows (the working-day calendar is held in memory); one date per (dispatch day, days) pair.
- Satisfaction: each ticket counts once, with its LAST callback that reached the citizen. A ticket
  first judged 不满意 and then re-handled to 满意 counts as 满意, not as both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from gongkai.hotline.models import Callback, HotlineSettings, Satisfaction, Status, Ticket
from gongkai.workcal.calendar import UnknownCalendarYear, add_working_days


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


class DueDates:
    """Due dates of one district's tickets, memoised per (dispatch day, working days)."""

    def __init__(self, limits: HotlineSettings):
        self.limits = {
            "normal": limits.limit_normal,
            "urgent": limits.limit_urgent,
            "very_urgent": limits.limit_very_urgent,
        }
        self._memo: dict[tuple[dt.date, int], dt.date | None] = {}

    def due(self, dispatched_at: dt.datetime, urgency: str, extension_days: int) -> dt.date | None:
        """None when the due date lies in a year the calendar does not know yet (so: in the future)."""
        key = (timezone.localtime(dispatched_at).date(), self.limits[urgency] + extension_days)
        if key not in self._memo:
            try:
                self._memo[key] = add_working_days(*key)
            except UnknownCalendarYear:
                self._memo[key] = None
        return self._memo[key]

    def judge(
        self,
        dispatched_at: dt.datetime | None,
        replied_at: dt.datetime | None,
        urgency: str,
        extension_days: int,
        as_of: dt.date,
    ) -> str | None:
        """ "on_time", "overdue", or None (not dispatched, or not yet due and not replied)."""
        if dispatched_at is None:
            return None
        due = self.due(dispatched_at, urgency, extension_days)
        if replied_at is not None:
            if due is None:  # due in an unknown, later year: the reply came before it
                return "on_time"
            return "overdue" if timezone.localtime(replied_at).date() > due else "on_time"
        if due is not None and as_of > due:
            return "overdue"
        return None


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
