"""Reply deadlines of hotline tickets: the one rule that every page, count, report and API uses.

A ticket is due the urgency's limit (``HotlineSettings.limit_for``) plus any extension, in working
days after the local date of dispatch; the day of dispatch is not counted.

While a year the deadline runs into is not yet in the working-day calendar (each December until
the State Council's notice is entered), the due date is provisional (``workcal.calendar.due_after``):

- ``due`` is the date shown everywhere: counted on weekends, statutory holidays and their makeup
  days. Staff pages mark it with a short badge until the ticket is answered; the citizen's page and
  Open311's ``expected_datetime`` show it too, the citizen's page with a note.
- ``earliest`` is the earliest date the deadline can turn out to be (a weekend near a holiday may be
  announced as a working day). An open ticket is overdue once today is past ``earliest``, and due
  soon when ``earliest`` is at most the next working day: reminders, escalations and overdue counts
  go by it, so that no ticket becomes late by surprise when the year is entered.
- A reply is late when its local date is after ``due``, the date the unit was shown. Judging it by
  ``earliest`` would call late a reply made on the date the unit was told to reply by. So, while
  provisional, a reply on a day between ``earliest`` and ``due`` is on time although the open ticket
  was already counted overdue that day. The verdict is computed, never stored: once the year is
  entered every page judges by the definitive date, and such a reply may then turn out late.

Every verdict here is computed without ``UnknownCalendarYear``: callers need not catch it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.hotline.models import HotlineSettings, Status, Ticket, Urgency
from gongkai.workcal.calendar import due_after, pending_badge

# Where a ticket stands (also the CSS modifier of its badge: wb-badge--overdue, …).
NOT_DISPATCHED = ""
OVERDUE = "overdue"  # open and past the earliest due date, or replied after the due date
SOON = "soon"  # open, due by the next working day
NORMAL = "normal"  # open, not yet pressing
ON_TIME = "ok"  # replied on or before the due date


@dataclass(frozen=True)
class TicketDue:
    """A ticket's due date: definitive, or provisional while ``pending_year`` is not entered."""

    due: dt.date  # the date shown
    earliest: dt.date  # the earliest it can turn out to be; == due when definitive
    pending_year: int | None = None

    @property
    def provisional(self) -> bool:
        return self.pending_year is not None

    @property
    def badge(self) -> str:
        """What staff read next to a provisional date (short: it stands in table cells)."""
        if not self.provisional:
            return ""
        return pending_badge(self.pending_year)

    @property
    def note(self) -> str:
        """What a citizen reads next to a provisional date."""
        if not self.provisional:
            return ""
        return _("暂按法定节假日和周末计算，%(year)s年节假日安排公布后确定") % {"year": self.pending_year}


def _count(start: dt.date, days: int) -> TicketDue:
    found = due_after(start, days)
    return TicketDue(found.value, found.earliest, found.pending_year)


def _key(dispatched_at: dt.datetime, urgency: str, extension_days: int, limits: HotlineSettings):
    return timezone.localtime(dispatched_at).date(), limits.limit_for(urgency) + extension_days


def ticket_due(
    dispatched_at: dt.datetime | None, urgency: str, extension_days: int, limits: HotlineSettings
) -> TicketDue | None:
    """The due date of a ticket dispatched at ``dispatched_at``; None while it is not dispatched."""
    if dispatched_at is None:
        return None
    return _count(*_key(dispatched_at, urgency, extension_days, limits))


def next_working_day(today: dt.date) -> dt.date:
    """The next working day after ``today``, on the earliest basis while its year is unknown."""
    return due_after(today, 1).earliest


def is_overdue(due: TicketDue, today: dt.date) -> bool:
    """An open ticket is overdue once ``today`` is past the earliest date it can be due."""
    return today > due.earliest


def is_due_soon(due: TicketDue, today: dt.date, next_day: dt.date | None = None) -> bool:
    """An open ticket, not overdue, due by the next working day (``next_day``, if already known)."""
    if is_overdue(due, today):
        return False
    return due.earliest <= (next_day or next_working_day(today))


def is_late_reply(due: TicketDue, replied_at: dt.datetime) -> bool:
    """A reply is late when its local date is after the date shown (see the module docstring)."""
    return timezone.localtime(replied_at).date() > due.due


@dataclass(frozen=True)
class Deadline:
    """Where a ticket stands against its due date, for a list row, the ticket page or a count."""

    dates: TicketDue | None  # None while not dispatched
    state: str  # NOT_DISPATCHED, OVERDUE, SOON, NORMAL or ON_TIME
    replied: bool = False

    @property
    def due(self) -> dt.date | None:
        """The date shown (provisional while a year it runs into is not entered)."""
        return self.dates.due if self.dates else None

    @property
    def earliest(self) -> dt.date | None:
        """The date reminders go by."""
        return self.dates.earliest if self.dates else None

    @property
    def provisional(self) -> bool:
        return bool(self.dates and self.dates.provisional)

    @property
    def badge(self) -> str:
        """The short badge ("期限待定：2027年节假日未录入") while provisional and not yet answered."""
        return self.dates.badge if self.dates and not self.replied else ""

    @property
    def overdue(self) -> bool:
        return self.state == OVERDUE

    @property
    def soon(self) -> bool:
        return self.state == SOON

    @property
    def on_time(self) -> bool:
        return self.state == ON_TIME

    @property
    def verdict(self) -> str | None:
        """For timeliness counts: "on_time", "overdue", or None (not dispatched, or open and not
        yet overdue)."""
        return {ON_TIME: "on_time", OVERDUE: "overdue"}.get(self.state)

    @property
    def label(self) -> str:
        if self.state == OVERDUE:
            return _("超期答复") if self.replied else _("已超期")
        return {ON_TIME: _("按时答复"), SOON: _("即将到期"), NORMAL: _("办理中")}.get(self.state, "")


def standing(
    dates: TicketDue | None,
    replied_at: dt.datetime | None,
    today: dt.date,
    *,
    next_day: dt.date | None = None,
) -> Deadline:
    """Where a ticket with due date ``dates`` and reply time ``replied_at`` stands on ``today``."""
    if dates is None:
        return Deadline(None, NOT_DISPATCHED)
    if replied_at is not None:
        return Deadline(dates, OVERDUE if is_late_reply(dates, replied_at) else ON_TIME, replied=True)
    if is_overdue(dates, today):
        return Deadline(dates, OVERDUE)
    return Deadline(dates, SOON if is_due_soon(dates, today, next_day) else NORMAL)


class DueDates:
    """The rule for many tickets of one district: its limits read once, one count per (dispatch
    day, working days) and one next working day per day. Lives as long as one page or report."""

    def __init__(self, limits: HotlineSettings):
        self.limits = limits
        self._due: dict[tuple[dt.date, int], TicketDue] = {}
        self._next: dict[dt.date, dt.date] = {}
        # looked up once, not per ticket (a bulletin judges every ticket of its month): the local
        # time zone, and the working days of each urgency
        self._tz = timezone.get_current_timezone()
        self._days = {urgency: limits.limit_for(urgency) for urgency in Urgency.values}

    def due(self, dispatched_at: dt.datetime | None, urgency: str, extension_days: int) -> TicketDue | None:
        if dispatched_at is None:
            return None
        key = (dispatched_at.astimezone(self._tz).date(), self._days[urgency] + extension_days)
        found = self._due.get(key)
        if found is None:
            found = self._due[key] = _count(*key)
        return found

    def next_working_day(self, today: dt.date) -> dt.date:
        if today not in self._next:
            self._next[today] = next_working_day(today)
        return self._next[today]

    def standing(
        self,
        dispatched_at: dt.datetime | None,
        replied_at: dt.datetime | None,
        urgency: str,
        extension_days: int,
        today: dt.date,
    ) -> Deadline:
        dates = self.due(dispatched_at, urgency, extension_days)
        if dates is None or replied_at is not None:
            return standing(dates, replied_at, today)
        return standing(dates, None, today, next_day=self.next_working_day(today))

    def judge(
        self,
        dispatched_at: dt.datetime | None,
        replied_at: dt.datetime | None,
        urgency: str,
        extension_days: int,
        as_of: dt.date,
    ) -> str | None:
        """ "on_time", "overdue", or None (not dispatched, or not yet overdue and not replied):
        the verdict of ``standing``, without building the Deadline (a bulletin judges every
        ticket of its month)."""
        dates = self.due(dispatched_at, urgency, extension_days)
        if dates is None:
            return None
        if replied_at is not None:
            return "overdue" if replied_at.astimezone(self._tz).date() > dates.due else "on_time"
        return "overdue" if is_overdue(dates, as_of) else None


# --- one ticket, many tickets ------------------------------------------------------------------


def limits_for(district_ids: Iterable[int]) -> dict[int, HotlineSettings]:
    """Each district's time limits; a district that never saved any gets the defaults (unsaved)."""
    ids = set(district_ids)
    found = {s.district_id: s for s in HotlineSettings.objects.filter(district_id__in=ids)}
    return {i: found.get(i) or HotlineSettings(district_id=i) for i in ids}


def limits_of(district_id: int) -> HotlineSettings:
    """One district's time limits (the defaults, unsaved, until it saves its own)."""
    return limits_for([district_id])[district_id]


def due_of(ticket: Ticket, limits: HotlineSettings | None = None) -> TicketDue | None:
    """``ticket_due`` of a ticket; pass the district's ``limits`` when they are at hand."""
    if ticket.dispatched_at is None:
        return None
    limits = limits or limits_of(ticket.district_id)
    return ticket_due(ticket.dispatched_at, ticket.urgency, ticket.extension_days, limits)


def deadline_of(
    ticket: Ticket, today: dt.date | None = None, limits: HotlineSettings | None = None
) -> Deadline:
    """Where ``ticket`` stands on ``today`` (the local date by default)."""
    return standing(due_of(ticket, limits), ticket.replied_at, today or timezone.localdate())


def deadlines_of(tickets: Iterable[Ticket], today: dt.date | None = None) -> dict[int, Deadline]:
    """``deadline_of`` for each ticket, keyed by pk; one query for the limits, whatever the number."""
    tickets = list(tickets)
    today = today or timezone.localdate()
    dues = {i: DueDates(limits) for i, limits in limits_for(t.district_id for t in tickets).items()}
    return {
        t.pk: dues[t.district_id].standing(t.dispatched_at, t.replied_at, t.urgency, t.extension_days, today)
        for t in tickets
    }


def open_ticket_ids(queryset, *, state: str, today: dt.date | None = None) -> list[int]:
    """IDs of the tickets in ``queryset`` waiting for a reply whose deadline is in ``state``
    (OVERDUE or SOON). Two queries, whatever the size: open tickets are few."""
    today = today or timezone.localdate()
    rows = list(
        queryset.filter(status=Status.DISPATCHED, dispatched_at__isnull=False)
        .order_by()
        .values_list("pk", "district_id", "dispatched_at", "urgency", "extension_days")
    )
    dues = {i: DueDates(limits) for i, limits in limits_for(row[1] for row in rows).items()}
    return [
        pk
        for pk, district_id, dispatched_at, urgency, extension in rows
        if dues[district_id].standing(dispatched_at, None, urgency, extension, today).state == state
    ]
