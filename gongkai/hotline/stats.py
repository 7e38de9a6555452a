"""The hotline's figures: what bulletins, hot-issue reports and dashboards count, computed from
tickets here and nowhere else.

Every figure is of a selection of one district's tickets received in a period:
``received_between(district, start, end)`` (local dates, both included), ``month_tickets`` for a
calendar month, narrowed to a topic by ``on_topic``. The functions below read such a selection;
none writes.

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
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gongkai.hotline.deadlines import OVERDUE, DueDates, deadlines_of, limits_of, open_ticket_ids
from gongkai.hotline.models import (
    Callback,
    Category,
    Channel,
    DutyShift,
    HotlineSettings,
    Satisfaction,
    Status,
    Ticket,
)
from gongkai.orgs.models import Organisation

# --- which tickets ----------------------------------------------------------------------------


def received_between(district: Organisation, start: dt.date, end: dt.date) -> QuerySet[Ticket]:
    """The district's tickets received from ``start`` to ``end`` inclusive (local dates)."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return Ticket.objects.filter(district=district, received_at__gte=since, received_at__lt=until)


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def month_tickets(district: Organisation | int, year: int, month: int) -> QuerySet[Ticket]:
    """The district's tickets received in ``month`` (local time)."""
    start, end = month_bounds(year, month)
    district_id = district if isinstance(district, int) else district.pk
    return Ticket.objects.filter(district_id=district_id, received_at__gte=start, received_at__lt=end)


def on_topic(
    tickets: QuerySet[Ticket], *, keyword: str = "", category: Category | None = None
) -> QuerySet[Ticket]:
    """Tickets on a topic: a keyword in the matter or title, and/or a category."""
    if keyword.strip():
        keyword = keyword.strip()
        tickets = tickets.filter(Q(matter__contains=keyword) | Q(title__contains=keyword))
    if category is not None:
        tickets = tickets.filter(category=category)
    return tickets


def latest_received(district: Organisation) -> dt.date | None:
    """The local date of the district's latest ticket (None before the first)."""
    latest = (
        Ticket.objects.filter(district=district)
        .order_by("-received_at")
        .values_list("received_at", flat=True)
        .first()
    )
    return timezone.localtime(latest).date() if latest else None


def week_of(moment: dt.datetime | dt.date) -> dt.date:
    """The Monday of the (local) week of ``moment``."""
    day = timezone.localtime(moment).date() if isinstance(moment, dt.datetime) else moment
    return day - dt.timedelta(days=day.weekday())


# --- counts by channel, unit, category, place, week, duty shift, month ----------------------------


def last_satisfaction() -> Subquery:
    """Annotation: the satisfaction of the ticket's last callback that reached the citizen."""
    return Subquery(
        Callback.objects.filter(ticket=OuterRef("pk"), reached=True)
        .order_by("-at", "-pk")
        .values("satisfaction")[:1]
    )


TIMING_FIELDS = ("dispatched_at", "replied_at", "urgency", "extension_days")


def by_channel(tickets: QuerySet[Ticket]) -> dict[str, tuple[int, int]]:
    """(received, closed) per channel, one GROUP BY."""
    rows = (
        tickets.order_by()
        .values("channel")
        .annotate(n=Count("pk"), closed=Count("pk", filter=Q(status=Status.CLOSED)))
    )
    return {row["channel"]: (row["n"], row["closed"]) for row in rows}


@dataclass
class LeadFigures:
    """One lead unit's tickets of a selection (the unit a ticket is dispatched to now)."""

    organisation_id: int
    name: str
    received: int = 0
    closed: int = 0
    on_time: int = 0
    overdue: int = 0
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0


def by_lead(tickets: QuerySet[Ticket], limits: HotlineSettings, as_of: dt.date) -> dict[int, LeadFigures]:
    """Per lead unit: received and closed, last-callback satisfaction, and timeliness judged on
    ``as_of`` with the district's ``limits`` (three queries, due dates in Python)."""
    tickets = tickets.order_by().filter(lead__isnull=False)
    units: dict[int, LeadFigures] = {}
    for row in tickets.values("lead_id", "lead__name").annotate(
        n=Count("pk"), closed=Count("pk", filter=Q(status=Status.CLOSED))
    ):
        units[row["lead_id"]] = LeadFigures(row["lead_id"], row["lead__name"], row["n"], row["closed"])
    for lead_id, sat, n in (
        tickets.annotate(last_sat=last_satisfaction())
        .filter(last_sat__isnull=False)
        .values("lead_id", "last_sat")
        .annotate(n=Count("pk"))
        .values_list("lead_id", "last_sat", "n")
    ):
        unit = units[lead_id]
        if sat == Satisfaction.SATISFIED:
            unit.satisfied += n
        elif sat == Satisfaction.BASIC:
            unit.basic += n
        elif sat == Satisfaction.UNSATISFIED:
            unit.unsatisfied += n
    dues = DueDates(limits)
    for lead_id, *timing in tickets.filter(dispatched_at__isnull=False).values_list(
        "lead_id", *TIMING_FIELDS
    ):
        verdict = dues.judge(*timing, as_of)
        if verdict == "on_time":
            units[lead_id].on_time += 1
        elif verdict == "overdue":
            units[lead_id].overdue += 1
    return units


def _ranked(rows, missing: str) -> list[tuple[str, int]]:
    return sorted(((name or missing, n) for name, n in rows), key=lambda kv: (-kv[1], kv[0]))


def by_category(tickets: QuerySet[Ticket]) -> list[tuple[str, int]]:
    """Tickets per category, most first (ties by name); tickets without one as 未分类."""
    rows = tickets.order_by().values("category__name").annotate(n=Count("pk"))
    return _ranked(((row["category__name"], row["n"]) for row in rows), "未分类")


def by_place(tickets: QuerySet[Ticket]) -> list[tuple[str, int]]:
    """Tickets per town or street, most first; tickets without a place as 未注明."""
    rows = tickets.order_by().values("place__short_name").annotate(n=Count("pk"))
    return _ranked(((row["place__short_name"], row["n"]) for row in rows), "未注明")


def by_unit(tickets: QuerySet[Ticket]) -> list[tuple[str, int]]:
    """Dispatched tickets per lead unit, most first."""
    rows = tickets.filter(lead__isnull=False).order_by().values("lead__name").annotate(n=Count("pk"))
    return _ranked(((row["lead__name"], row["n"]) for row in rows), "")


def closed(tickets: QuerySet[Ticket]) -> int:
    return tickets.filter(status=Status.CLOSED).count()


def keywords(tickets: QuerySet[Ticket]) -> Iterator[str]:
    """The kept topic words of the selection's matters (``Ticket.keywords``), streamed."""
    return tickets.values_list("keywords", flat=True).iterator(chunk_size=2000)


def weekly_keywords(tickets: QuerySet[Ticket]) -> Iterator[tuple[dt.date, dt.date, str, str]]:
    """(Monday of its week, local date, category name, kept topic words) of each ticket, streamed:
    the rows hot issues count week by week."""
    rows = tickets.values_list("received_at", "category__name", "keywords").iterator(chunk_size=2000)
    for received_at, category, kept in rows:
        yield week_of(received_at), timezone.localtime(received_at).date(), category or "未分类", kept


def spread_sample(tickets: QuerySet[Ticket], n: int) -> list[Ticket]:
    """About ``n`` tickets spread over the selection (every k-th in order of receipt), with their
    place and lead unit: the samples of a report."""
    pks = list(tickets.order_by("received_at", "pk").values_list("pk", flat=True))
    if not pks:
        return []
    picked = pks[:: max(len(pks) // n, 1)][:n]
    return list(
        Ticket.objects.filter(pk__in=picked)
        .select_related("place", "lead")
        .only("number", "received_at", "matter", "caller_name", "address", "place__short_name", "lead__name")
        .order_by("received_at", "pk")
    )


@dataclass
class DutyFigures:
    shift: DutyShift
    calls: int
    closed: int


def duty_figures(district: Organisation, start: dt.date, end: dt.date) -> list[DutyFigures]:
    """The district's duty shifts from ``start`` up to (not including) ``end``, each with the calls
    attributed to it and how many of those are closed."""
    shifts = list(
        DutyShift.objects.filter(district=district, date__gte=start, date__lt=end)
        .select_related("organisation")
        .order_by("date", "shift", "pk")
    )
    counts = (
        {
            row["duty_id"]: row
            for row in Ticket.objects.filter(duty__in=[s.pk for s in shifts])
            .order_by()
            .values("duty_id")
            .annotate(n=Count("pk"), closed=Count("pk", filter=Q(status=Status.CLOSED)))
        }
        if shifts
        else {}
    )
    return [
        DutyFigures(s, counts.get(s.pk, {}).get("n", 0), counts.get(s.pk, {}).get("closed", 0))
        for s in shifts
    ]


def months_received(district: Organisation) -> list[tuple[dt.date, int, int]]:
    """The months in which the district received tickets: (first day, received, closed), latest first."""
    rows = (
        Ticket.objects.filter(district=district)
        .order_by()
        .annotate(m=TruncMonth("received_at"))
        .values("m")
        .annotate(n=Count("pk"), closed=Count("pk", filter=Q(status=Status.CLOSED)))
    )
    out = []
    for row in rows:
        m = row["m"]
        m = timezone.localtime(m).date() if isinstance(m, dt.datetime) else m
        out.append((m.replace(day=1), row["n"], row["closed"]))
    return sorted(out, reverse=True)


def weekly_counts(tickets: QuerySet[Ticket]) -> Counter[dt.date]:
    """Tickets per week (by Monday)."""
    return Counter(
        week_of(at) for at in tickets.values_list("received_at", flat=True).iterator(chunk_size=2000)
    )


# --- the annual report ------------------------------------------------------------------------


@dataclass(frozen=True)
class YearFigures:
    """A district's year on the hotline, as the annual report states it."""

    calls: int  # 区长公开电话 received
    calls_closed: int
    letters: int  # 区长信箱 received
    letters_closed: int
    bulletin_months: int  # months with tickets: each has its monthly bulletin (区长公开电话通报)


def year_figures(district: Organisation, year: int) -> YearFigures:
    """Calls and mailbox letters received in ``year`` and how many of them are closed, and the
    number of monthly bulletins the year's tickets make (one per month that had any); two queries.
    The months are counted by each month's bounds (one count per month in the query), not by
    truncating every ticket's time to its local month (on SQLite a Python function per row)."""
    tickets = received_between(district, dt.date(year, 1, 1), dt.date(year, 12, 31))
    channels = by_channel(tickets)
    calls, calls_closed = channels.get("phone", (0, 0))
    letters, letters_closed = channels.get("mailbox", (0, 0))
    per_month = {}
    for month in range(1, 13):
        start, end = month_bounds(year, month)
        per_month[f"m{month}"] = Count("pk", filter=Q(received_at__gte=start, received_at__lt=end))
    months = sum(1 for n in tickets.order_by().aggregate(**per_month).values() if n)
    return YearFigures(calls, calls_closed, letters, letters_closed, months)


def mailbox_letters_by_month(
    district: Organisation | int,
    start: dt.date,
    end: dt.date,
    *,
    lead_ids: frozenset[int] | None = None,
) -> dict[dt.date, int]:
    """Letters to the district head's mailbox (区长信箱) received from ``start`` to ``end`` inclusive
    per month (by its first day, local time; months without one left out): all the district's,
    or those dispatched to one of ``lead_ids`` to handle."""
    district_id = district if isinstance(district, int) else district.pk
    tz = timezone.get_current_timezone()
    letters = Ticket.objects.filter(
        district_id=district_id,
        channel=Channel.MAILBOX,
        received_at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        received_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )
    if lead_ids is not None:
        letters = letters.filter(lead_id__in=lead_ids)
    counts: Counter[dt.date] = Counter()
    for row in letters.order_by().annotate(m=TruncMonth("received_at")).values("m").annotate(n=Count("pk")):
        m = row["m"]
        m = timezone.localtime(m).date() if isinstance(m, dt.datetime) else m
        counts[m.replace(day=1)] += row["n"]
    return dict(counts)


# --- supervision (督查): tickets overdue now, and each lead unit's figures of a period ----------


@dataclass(frozen=True)
class OverdueTicket:
    ticket_id: int
    number: str
    lead_id: int | None
    lead_name: str
    due: dt.date | None  # the due date the reply is late against (the earliest it could be)


def overdue_tickets(district: Organisation, today: dt.date) -> list[OverdueTicket]:
    """The district's dispatched tickets waiting for a reply past their deadline on ``today``
    (``deadlines.open_ticket_ids``, the one rule)."""
    ids = open_ticket_ids(Ticket.objects.filter(district=district), state=OVERDUE, today=today)
    tickets = list(Ticket.objects.filter(pk__in=ids).select_related("lead").order_by("dispatched_at", "pk"))
    standing = deadlines_of(tickets, today)
    return [
        OverdueTicket(
            t.pk, t.number, t.lead_id, t.lead.name if t.lead else "", standing[t.pk].earliest
        )
        for t in tickets
    ]


@dataclass(frozen=True)
class WaitingTicket:
    ticket_id: int
    number: str
    lead_id: int | None
    due: dt.date | None  # the earliest the due date can turn out to be
    overdue: bool


def waiting_tickets(district: Organisation, today: dt.date) -> list[WaitingTicket]:
    """The district's dispatched tickets waiting for a reply on ``today``, with their due dates
    (two queries, due dates in Python)."""
    rows = list(
        Ticket.objects.filter(district=district, status=Status.DISPATCHED, dispatched_at__isnull=False)
        .order_by("dispatched_at", "pk")
        .values_list("pk", "number", "lead_id", *TIMING_FIELDS)
    )
    dues = DueDates(limits_of(district.pk))
    out = []
    for pk, number, lead_id, dispatched_at, replied_at, urgency, extension in rows:
        standing = dues.standing(dispatched_at, replied_at, urgency, extension, today)
        out.append(WaitingTicket(pk, number, lead_id, standing.earliest, standing.state == OVERDUE))
    return out


def lead_figures(district: Organisation, start: dt.date, end: dt.date) -> dict[int, LeadFigures]:
    """``by_lead`` of the tickets received from ``start`` to ``end``, judged on ``end`` with the
    district's own time limits."""
    return by_lead(received_between(district, start, end), limits_of(district.pk), end)


@dataclass(frozen=True)
class UnansweredMessage:
    ticket_id: int
    number: str
    title: str  # the letter's own title (staff see it; never shown to the public from here)
    unit_id: int  # who answers for it now: the lead unit once dispatched, the hotline office before
    received_on: dt.date  # local date


def unanswered_messages(district: Organisation, received_before: dt.date) -> list[UnansweredMessage]:
    """Messages citizens left on the portal (区长信箱 letters) received before ``received_before``
    (a local date) that still wait for a reply: not dispatched yet, or dispatched (reopened
    included) without a reply standing. 国办秘函〔2019〕19号 faults a valid public message left
    unanswered for more than 3 months. One query."""
    tz = timezone.get_current_timezone()
    rows = (
        Ticket.objects.filter(
            district=district,
            channel=Channel.MAILBOX,
            status__in=[Status.NEW, Status.DISPATCHED],
            received_at__lt=dt.datetime.combine(received_before, dt.time.min, tzinfo=tz),
        )
        .order_by("received_at", "pk")
        .values_list("pk", "number", "title", "lead_id", "office_id", "status", "received_at")
    )
    return [
        UnansweredMessage(
            pk,
            number,
            title,
            lead_id if status == Status.DISPATCHED and lead_id else office_id,
            timezone.localdate(received_at),
        )
        for pk, number, title, lead_id, office_id, status, received_at in rows
    ]
