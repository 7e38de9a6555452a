"""The monthly bulletin (《区长公开电话通报》): one month's tickets, counted from the records.

The figures, for tickets received in the month (local time):

- totals by channel (电话 = the hotline, 信箱 = the mailbox, 其他 = letters, visits, other);
- per lead unit (the unit the ticket is dispatched to now): received, closed, replied on time,
  overdue, and the satisfaction rate over the tickets whose last callback reached the citizen
  (see ``stats``); units ranked by closure rate, then on-time rate, then satisfaction rate;
- each duty shift of the month: who answered, how many calls they took, how many are closed;
- top categories and hot keywords; the units named for overdue tickets (通报批评).

Every count comes from ``stats`` (a handful of GROUP BY queries; on-time/overdue judged by
``hotline.deadlines`` in Python over plain rows); this module ranks, words and lays them out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from gongkai.hotline import hotissues, stats
from gongkai.hotline.deadlines import limits_of
from gongkai.hotline.models import Channel
from gongkai.hotline.offices import hotline_office
from gongkai.hotline.stats import month_tickets
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


def monthly_bulletin(
    district: Organisation,
    year: int,
    month: int,
    *,
    as_of: dt.date | None = None,
    keywords: bool = True,
) -> Bulletin:
    """The bulletin of ``month``; tickets still unreplied are judged overdue as of ``as_of`` (today).
    Every figure comes from ``stats``."""
    as_of = as_of or timezone.localdate()
    tickets = month_tickets(district, year, month)

    # 1. channels
    by_channel = stats.by_channel(tickets)
    channels = [
        ChannelRow(
            label,
            sum(by_channel.get(c, (0, 0))[0] for c in members),
            sum(by_channel.get(c, (0, 0))[1] for c in members),
        )
        for label, members in CHANNEL_GROUPS
    ]

    # 2. units, ranked by closure rate, then on-time rate, then satisfaction rate
    units = [
        UnitRow(**vars(figures)) for figures in stats.by_lead(tickets, limits_of(district.pk), as_of).values()
    ]
    ranked = sorted(units, key=lambda u: (u.sort_key(), u.name))
    for i, unit in enumerate(ranked):
        same = i and ranked[i - 1].sort_key() == unit.sort_key()
        unit.rank = ranked[i - 1].rank if same else i + 1

    # 3. duty shifts of the month and the calls attributed to them
    start, end = stats.month_bounds(year, month)
    duty = [
        DutyRow(
            date=d.shift.date,
            shift=d.shift.get_shift_display(),
            person_name=d.shift.person_name,
            position=d.shift.position,
            unit=(d.shift.organisation.short_name or d.shift.organisation.name)
            if d.shift.organisation
            else "",
            is_district_leader=d.shift.is_district_leader,
            calls=d.calls,
            closed=d.closed,
        )
        for d in stats.duty_figures(district, start.date(), end.date())
    ]

    # 4. topics
    categories = stats.by_category(tickets)[:10]
    words = (
        hotissues.top_stored_keywords(stats.keywords(tickets), 10, hotissues.place_words(district))
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
