"""The monthly bulletin (《区长公开电话通报》): one month's tickets, counted from the records.

The figures, for tickets received in the month (local time):

- totals by channel (电话 = the hotline, 信箱 = the mailbox, 其他 = letters, visits, other);
- per lead unit (the unit the ticket is dispatched to now): received, closed, replied on time,
  overdue, and the satisfaction rate over the tickets whose last callback reached the citizen
  (see ``stats``); units ranked by closure rate, then on-time rate, then satisfaction rate;
- each duty shift of the month: who answered, how many calls they took, how many are closed;
- top categories and hot keywords; the units named for overdue tickets (通报批评).

Counts come from a handful of GROUP BY queries; on-time/overdue is judged by ``hotline.deadlines``
in Python over plain rows (the calendar is in memory, one count per dispatch day).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gongkai.hotline import hotissues, stats
from gongkai.hotline.deadlines import DueDates
from gongkai.hotline.models import Channel, DutyShift, Satisfaction, Status, Ticket
from gongkai.hotline.offices import hotline_office
from gongkai.orgs.models import Organisation

CHANNEL_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("电话", (Channel.PHONE,)),
    ("信箱", (Channel.MAILBOX,)),
    ("其他", (Channel.LETTER, Channel.VISIT, Channel.OTHER)),
]
CN_DIGITS = "〇一二三四五六七八九"


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def percent(value: float | None) -> str:
    """96.5% — or a dash when there is nothing to divide by."""
    return "—" if value is None else f"{value * 100:.1f}%"


class _Percentages:
    """``closure_pct``, ``on_time_pct``, ``satisfaction_pct`` for templates."""

    @property
    def closure_pct(self) -> str:
        return percent(self.closure_rate)

    @property
    def on_time_pct(self) -> str:
        return percent(self.on_time_rate)

    @property
    def satisfaction_pct(self) -> str:
        return percent(self.satisfaction_rate)


@dataclass
class ChannelRow(_Percentages):
    label: str
    received: int
    closed: int

    @property
    def closure_rate(self) -> float | None:
        return _ratio(self.closed, self.received)


@dataclass
class UnitRow(_Percentages):
    organisation_id: int
    name: str
    received: int = 0
    closed: int = 0
    on_time: int = 0
    overdue: int = 0
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0
    rank: int = 0

    @property
    def callbacks(self) -> int:
        return self.satisfied + self.basic + self.unsatisfied

    @property
    def closure_rate(self) -> float | None:
        return _ratio(self.closed, self.received)

    @property
    def on_time_rate(self) -> float | None:
        return _ratio(self.on_time, self.on_time + self.overdue)

    @property
    def satisfaction_rate(self) -> float | None:
        return _ratio(self.satisfied + self.basic, self.callbacks)

    def sort_key(self) -> tuple:
        def v(x: float | None) -> float:
            return -1.0 if x is None else x

        return (-v(self.closure_rate), -v(self.on_time_rate), -v(self.satisfaction_rate))


@dataclass
class DutyRow:
    date: dt.date
    shift: str
    person_name: str
    position: str
    unit: str
    is_district_leader: bool
    calls: int
    closed: int


@dataclass
class Bulletin(_Percentages):
    district_id: int
    district_name: str
    office_name: str
    year: int
    month: int
    issued_on: dt.date
    received: int
    closed: int
    channels: list[ChannelRow]
    units: list[UnitRow]
    duty: list[DutyRow]
    categories: list[tuple[str, int]]
    keywords: list[tuple[str, int]]
    on_time: int = 0
    overdue: int = 0
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0
    named: list[UnitRow] = field(default_factory=list)

    @property
    def number(self) -> int:
        """第N期: the bulletins are numbered by month within the year."""
        return self.month

    @property
    def number_label(self) -> str:
        return f"第{self.number}期"

    @property
    def year_label(self) -> str:
        return "".join(CN_DIGITS[int(d)] for d in str(self.year))

    @property
    def title(self) -> str:
        return "区长公开电话通报"

    @property
    def period_label(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def closure_rate(self) -> float | None:
        return _ratio(self.closed, self.received)

    @property
    def on_time_rate(self) -> float | None:
        return _ratio(self.on_time, self.on_time + self.overdue)

    @property
    def callbacks(self) -> int:
        return self.satisfied + self.basic + self.unsatisfied

    @property
    def satisfaction_rate(self) -> float | None:
        return _ratio(self.satisfied + self.basic, self.callbacks)

    @property
    def leader_calls(self) -> int:
        return sum(row.calls for row in self.duty)

    @property
    def overview(self) -> str:
        return overview_text(self)

    @property
    def named_text(self) -> str:
        return named_text(self)


def overview_text(b: Bulletin) -> str:
    phone, mailbox, other = b.channels
    text = (
        f"{b.period_label}，区长公开电话办公室共受理群众诉求{b.received}件，其中区长公开电话{phone.received}件、"
        f"区长信箱{mailbox.received}件、其他渠道{other.received}件；已办结{b.closed}件，办结率{percent(b.closure_rate)}。"
        f"承办单位按时答复{b.on_time}件，超期答复或逾期未答复{b.overdue}件，按时答复率{percent(b.on_time_rate)}。"
        f"回访联系上群众{b.callbacks}件，其中满意{b.satisfied}件、基本满意{b.basic}件、不满意{b.unsatisfied}件，"
        f"满意率{percent(b.satisfaction_rate)}。"
    )
    if b.duty:
        leaders = sum(1 for d in b.duty if d.is_district_leader)
        text += (
            f"本月安排领导接听{len(b.duty)}人次（其中区级领导{leaders}人次），接听来电{b.leader_calls}个。"
        )
    return text


def named_text(b: Bulletin) -> str:
    if not b.named:
        return "本月各承办单位均按时答复，无超期工单。"
    names = "、".join(f"{u.name}（{u.overdue}件）" for u in b.named)
    return f"下列单位存在超期答复或逾期未答复的工单，予以通报批评，请限期整改：{names}。"


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def month_tickets(district: Organisation | int, year: int, month: int) -> QuerySet[Ticket]:
    start, end = month_bounds(year, month)
    district_id = district if isinstance(district, int) else district.pk
    return Ticket.objects.filter(district_id=district_id, received_at__gte=start, received_at__lt=end)


def monthly_bulletin(
    district: Organisation,
    year: int,
    month: int,
    *,
    as_of: dt.date | None = None,
    keywords: bool = True,
) -> Bulletin:
    """The bulletin of ``month``; tickets still unreplied are judged overdue as of ``as_of`` (today)."""
    from gongkai.hotline.actions import settings_for

    as_of = as_of or timezone.localdate()
    tickets = month_tickets(district, year, month).order_by()

    # 1. channels: one GROUP BY channel
    by_channel = {
        row["channel"]: row
        for row in tickets.values("channel").annotate(
            n=Count("pk"), closed=Count("pk", filter=Q(status=Status.CLOSED))
        )
    }
    channels = [
        ChannelRow(
            label,
            sum(by_channel.get(c, {}).get("n", 0) for c in members),
            sum(by_channel.get(c, {}).get("closed", 0) for c in members),
        )
        for label, members in CHANNEL_GROUPS
    ]

    # 2. units: received/closed by lead, then last-callback satisfaction by lead
    units: dict[int, UnitRow] = {}
    for row in (
        tickets.filter(lead__isnull=False)
        .values("lead_id", "lead__name")
        .annotate(n=Count("pk"), closed=Count("pk", filter=Q(status=Status.CLOSED)))
    ):
        units[row["lead_id"]] = UnitRow(row["lead_id"], row["lead__name"], row["n"], row["closed"])
    for lead_id, sat, n in (
        tickets.filter(lead__isnull=False)
        .annotate(last_sat=stats.last_satisfaction())
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

    # 3. timeliness: due dates in Python over plain rows
    dues = DueDates(settings_for(district))
    for lead_id, *timing in tickets.filter(lead__isnull=False, dispatched_at__isnull=False).values_list(
        "lead_id", *stats.TIMING_FIELDS
    ):
        verdict = dues.judge(*timing, as_of)
        if verdict == "on_time":
            units[lead_id].on_time += 1
        elif verdict == "overdue":
            units[lead_id].overdue += 1

    ranked = sorted(units.values(), key=lambda u: (u.sort_key(), u.name))
    for i, unit in enumerate(ranked):
        same = i and ranked[i - 1].sort_key() == unit.sort_key()
        unit.rank = ranked[i - 1].rank if same else i + 1

    # 4. duty shifts of the month and the calls attributed to them
    start, end = month_bounds(year, month)
    shifts = list(
        DutyShift.objects.filter(district=district, date__gte=start.date(), date__lt=end.date())
        .select_related("organisation")
        .order_by("date", "shift", "pk")
    )
    duty_counts = (
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
    duty = [
        DutyRow(
            date=s.date,
            shift=s.get_shift_display(),
            person_name=s.person_name,
            position=s.position,
            unit=(s.organisation.short_name or s.organisation.name) if s.organisation else "",
            is_district_leader=s.is_district_leader,
            calls=duty_counts.get(s.pk, {}).get("n", 0),
            closed=duty_counts.get(s.pk, {}).get("closed", 0),
        )
        for s in shifts
    ]

    # 5. topics
    categories = hotissues.by_category(tickets)[:10]
    words = (
        hotissues.top_keywords(
            tickets.values_list("matter", flat=True).iterator(chunk_size=2000),
            10,
            hotissues.place_words(district),
        )
        if keywords
        else []
    )

    office = hotline_office(district)
    bulletin = Bulletin(
        district_id=district.pk,
        district_name=district.name,
        office_name=office.name if office else f"{district.short_name}区长公开电话办公室",
        year=year,
        month=month,
        issued_on=as_of,
        received=sum(c.received for c in channels),
        closed=sum(c.closed for c in channels),
        channels=channels,
        units=ranked,
        duty=duty,
        categories=categories,
        keywords=words,
        on_time=sum(u.on_time for u in ranked),
        overdue=sum(u.overdue for u in ranked),
        satisfied=sum(u.satisfied for u in ranked),
        basic=sum(u.basic for u in ranked),
        unsatisfied=sum(u.unsatisfied for u in ranked),
    )
    bulletin.named = sorted((u for u in ranked if u.overdue > 0), key=lambda u: (-u.overdue, u.name))
    return bulletin


def months_of(district: Organisation) -> list[tuple[dt.date, int, int]]:
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


def publish_bulletin(
    bulletin: Bulletin, *, actor, organisation: Organisation | None = None, slug: str = "tzgg"
):
    """Put the bulletin on the portal's workflow: a DRAFT information item in 通知公告 (``tzgg``;
    ``gzdt`` if the district has no such column), created by ``actor`` for ``organisation`` (the
    hotline office by default). Review, approval and publication then follow the normal catalog
    workflow — nothing is published here.

    ``actor`` needs ``hotline.publish`` for the district and ``item.edit`` for ``organisation``
    (an editor of the office): the catalog's own rule for who may write a draft.
    """
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.template.loader import render_to_string

    from gongkai.accounts.permissions import has_perm
    from gongkai.catalog.interface import draft_item

    district = Organisation.objects.get(pk=bulletin.district_id)
    organisation = organisation or hotline_office(district) or district
    if not has_perm(actor, "hotline.publish", organisation):
        raise PermissionDenied("hotline.publish refused")
    if not has_perm(actor, "item.edit", organisation):
        raise PermissionDenied(f"发布通报须由{organisation.name}的信息编辑起草（item.edit）。")
    body = render_to_string("hotline/bulletins/_body.html", {"b": bulletin, "public": True})
    try:
        return draft_item(
            actor=actor,
            organisation=organisation,
            column_slugs=[slug, "gzdt"],
            title=f"区长公开电话通报（{bulletin.year}年{bulletin.number_label}）",
            body=body,
            written_date=bulletin.issued_on,
        )
    except ValidationError:
        raise ValidationError("本区没有“通知公告”或“工作动态”栏目。") from None
