"""Rates and counts that bulletins and scorecards print, computed from tickets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gongkai.hotline import actions
from gongkai.hotline.models import Callback, Satisfaction, Status, Ticket


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
    def satisfaction_rate(self) -> float | None:
        """(满意 + 基本满意) / callbacks that reached the citizen."""
        total = self.satisfied + self.basic + self.unsatisfied
        return (self.satisfied + self.basic) / total if total else None


def rates(tickets: QuerySet[Ticket], today: dt.date) -> Rates:
    """Counts for ``tickets``; a ticket is overdue if replied late or still unreplied past its due date."""
    on_time = overdue = replied = 0
    for ticket in (
        tickets.filter(dispatched_at__isnull=False)
        .select_related("district")
        .only("dispatched_at", "replied_at", "urgency", "extension_days", "district")
    ):
        if ticket.replied_at:
            replied += 1
        if actions.is_overdue(ticket, today):
            overdue += 1
        elif ticket.replied_at:
            on_time += 1
    last = (
        Callback.objects.filter(ticket__in=tickets, reached=True)
        .values("satisfaction")
        .annotate(n=Count("pk"))
    )
    sat = {row["satisfaction"]: row["n"] for row in last}
    agg = tickets.aggregate(received=Count("pk"), closed=Count("pk", filter=Q(status=Status.CLOSED)))
    return Rates(
        received=agg["received"],
        closed=agg["closed"],
        replied=replied,
        on_time=on_time,
        overdue=overdue,
        satisfied=sat.get(Satisfaction.SATISFIED, 0),
        basic=sat.get(Satisfaction.BASIC, 0),
        unsatisfied=sat.get(Satisfaction.UNSATISFIED, 0),
    )
