"""Unit scorecards (考核评分): for each unit of a district and a period, a score out of 100 from
weighted indicators, each 0–100 with the figures it comes from, so a unit sees exactly where it
lost points. Nothing is stored: every score is recomputed from the records (the apps' stats.py and
the findings' open and close days), for any past period.

- 信息发布及时率: items first published in the period with a written date (成文日期), published
  within the district's working days of it (条例 第二十六条);
- 预决算公开完整率: of the unit's budget units, the budgets and final accounts of the period's year
  due by its end (20 days after approval; one not yet approved has no due day) that are published;
- 依申请按时答复率: applications replied in the period by their due date;
- 热线办结率, 热线按时答复率, 热线满意率: tickets received in the period and led by the unit —
  closed, replied by the due date (of those judged), and 满意 or 基本满意 at the last callback;
- 督查问题: 100 less the points of each finding open at some time of the period, and more for
  each full 30 days it stood by the period's end.

An indicator without anything to judge (no application replied, say) is 不适用: it neither gains
nor loses, and the others' weights share its part. The score is Σ weight × value ÷ Σ weight over
the indicators that apply; what each indicator cost is weight × (100 − value) ÷ that sum.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.orgs.models import Organisation, OrgKind
from gongkai.supervision.checks import link, publication_due
from gongkai.supervision.models import Finding, SupervisionSettings, settings_of

UNIT_KINDS = (OrgKind.DEPARTMENT, OrgKind.TOWN, OrgKind.STREET)
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    @classmethod
    def parse(cls, text: str, today: dt.date) -> Period:
        """``2026`` (a year), ``2026-Q1`` (a quarter) or ``2026-03`` (a month); a period not yet
        over ends today. Raises ValueError with a Chinese message."""
        text = (text or "").strip().upper()
        try:
            if not text:
                start = today.replace(day=1)
                return cls._ending(start, _month_end(start), f"{start.year}年{start.month}月", today)
            if len(text) == 4:
                year = int(text)
                return cls._ending(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年", today)
            year_text, rest = text.split("-", 1)
            year = int(year_text)
            if rest.startswith("Q"):
                q = int(rest[1:])
                if not 1 <= q <= 4:
                    raise ValueError
                start = dt.date(year, 3 * q - 2, 1)
                return cls._ending(start, _month_end(dt.date(year, 3 * q, 1)), f"{year}年第{q}季度", today)
            start = dt.date(year, int(rest), 1)
            return cls._ending(start, _month_end(start), f"{year}年{start.month}月", today)
        except ValueError:
            raise ValueError(_("考核期间格式不正确，请写成 2026、2026-Q1 或 2026-03。")) from None

    @classmethod
    def _ending(cls, start: dt.date, end: dt.date, label: str, today: dt.date) -> Period:
        if start > today:
            raise ValueError(_("考核期间尚未开始。"))
        if start.year < 2008:
            raise ValueError(_("考核期间不能早于2008年。"))
        return cls(start, min(end, today), label)

    @property
    def key(self) -> str:
        return self.label


def _month_end(first: dt.date) -> dt.date:
    return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    weight: int
    value: Decimal | None  # 0–100; None: 不适用
    basis: str  # the figures, in words
    url: str = ""  # the records behind it
    share: Decimal = Decimal(0)  # this indicator's part of 100 (weight ÷ Σ weight of those applying)

    @property
    def applies(self) -> bool:
        return self.value is not None

    @property
    def lost(self) -> Decimal:
        if self.value is None:
            return Decimal(0)
        return (self.share * (100 - self.value) / 100).quantize(TENTH, ROUND_HALF_UP)

    @property
    def gained(self) -> Decimal:
        if self.value is None:
            return Decimal(0)
        return (self.share * self.value / 100).quantize(TENTH, ROUND_HALF_UP)


@dataclass
class Scorecard:
    unit: Organisation
    period: Period
    indicators: list[Indicator] = field(default_factory=list)
    rank: int | None = None

    @property
    def score(self) -> Decimal | None:
        applying = [i for i in self.indicators if i.applies]
        total = sum(i.weight for i in applying)
        if not total:
            return None
        return (sum(i.weight * i.value for i in applying) / total).quantize(TENTH, ROUND_HALF_UP)

    @property
    def lost(self) -> Decimal:
        return sum((i.lost for i in self.indicators), Decimal(0))


def _rate(part: int, whole: int) -> Decimal | None:
    return None if whole == 0 else (Decimal(100) * part / whole).quantize(TENTH, ROUND_HALF_UP)


def units_of(district: Organisation) -> list[Organisation]:
    """The units assessed: the district's active departments, towns and streets."""
    return list(
        Organisation.objects.filter(district=district, kind__in=UNIT_KINDS, is_active=True)
        .filter(parent=district)
        .order_by("sort_order", "pk")
    )


class _Figures:
    """Everything the district's scorecards of one period need, read once and split by unit."""

    def __init__(self, district: Organisation, period: Period, settings: SupervisionSettings, units):
        self.district, self.period, self.settings = district, period, settings
        # every organisation of the district to the unit it counts for (one query, walked here)
        parents = dict(Organisation.objects.filter(district=district).values_list("pk", "parent_id"))
        wanted = {u.pk for u in units}
        self.owner: dict[int, int] = {}
        for org_id in parents:
            node = org_id
            while node is not None and node not in wanted:
                node = parents.get(node)
            if node is not None:
                self.owner[org_id] = node
        self._load()

    def _load(self) -> None:
        from django.apps import apps

        start, end = self.period.start, self.period.end
        self.timely: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # [on time, all]
        self.budgets: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # [published, due]
        self.apps: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        self.hotline: dict[int, list[int]] = defaultdict(lambda: [0] * 7)
        self.have = {
            name: apps.is_installed(f"gongkai.{name}")
            for name in ("catalog", "finance", "applications", "hotline")
        }
        if self.have["catalog"]:
            from gongkai.catalog import stats as catalog_stats

            days = self.settings.publish_within_working_days
            due_on: dict[dt.date, dt.date] = {}  # per written date: a year's items share few of them
            for row in catalog_stats.written_and_published(self.district, start):
                unit = self.owner.get(row.organisation_id)
                if unit is None or row.first_published_on > end:
                    continue
                self.timely[unit][1] += 1
                due = due_on.get(row.written_date)
                if due is None:
                    due = due_on[row.written_date] = publication_due(row.written_date, days)
                if row.first_published_on <= due:
                    self.timely[unit][0] += 1
        if self.have["finance"]:
            from gongkai.finance import stats as finance_stats

            for row in finance_stats.completeness(self.district, end.year, today=end).rows:
                unit = self.owner.get(row.unit.pk)
                if unit is None:
                    continue
                for status in row.statuses.values():
                    if status.due_on is None or status.due_on > end:
                        continue  # not approved yet (no due day), or not due by the period's end
                    self.budgets[unit][1] += 1
                    self.budgets[unit][0] += status.published
        if self.have["applications"]:
            from gongkai.applications import stats as application_stats

            for org_id, t in application_stats.reply_timeliness(start, end, district=self.district).items():
                unit = self.owner.get(org_id)
                if unit is not None:
                    self.apps[unit][0] += t.on_time
                    self.apps[unit][1] += t.replied
        if self.have["hotline"]:
            from gongkai.hotline import stats as hotline_stats

            for lead_id, f in hotline_stats.lead_figures(self.district, start, end).items():
                unit = self.owner.get(lead_id)
                if unit is not None:
                    h = self.hotline[unit]
                    for i, n in enumerate(
                        (f.received, f.closed, f.on_time, f.overdue, f.satisfied, f.basic, f.unsatisfied)
                    ):
                        h[i] += n
        self.findings: dict[int, list[Finding]] = defaultdict(list)
        for finding in Finding.objects.filter(district=self.district, since__lte=end).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gte=start)
        ):
            unit = self.owner.get(finding.unit_id)
            if unit is not None:
                self.findings[unit].append(finding)


def _indicators(unit: Organisation, f: _Figures) -> list[Indicator]:
    s = f.settings

    def url(name: str, **query) -> str:
        return link(name, query=query or None)

    rows = []
    on_time, total = f.timely[unit.pk]
    if f.have["catalog"]:
        rows.append(
            Indicator(
                "timeliness",
                _("信息发布及时率"),
                s.weight_timeliness,
                _rate(on_time, total),
                _("期内首次公开且有成文日期的%(total)s条信息中，%(ok)s条在%(days)s个工作日内公开")
                % {"total": total, "ok": on_time, "days": s.publish_within_working_days},
                url("catalog_staff:items", organisation=unit.pk),
            )
        )
    published, due = f.budgets[unit.pk]
    if f.have["finance"]:
        rows.append(
            Indicator(
                "completeness",
                _("预决算公开完整率"),
                s.weight_completeness,
                _rate(published, due),
                _("所属预算单位应公开的%(due)s项预决算中，已公开%(ok)s项") % {"due": due, "ok": published},
                url("finance_staff:board"),
            )
        )
    ok, replied = f.apps[unit.pk]
    if f.have["applications"]:
        rows.append(
            Indicator(
                "applications",
                _("依申请按时答复率"),
                s.weight_applications,
                _rate(ok, replied),
                _("期内答复的%(n)s件申请中，%(ok)s件在期限内答复") % {"n": replied, "ok": ok},
                url("applications_staff:list"),
            )
        )
    received, closed, in_time, late, satisfied, basic, unsatisfied = f.hotline[unit.pk]
    if f.have["hotline"]:
        rated = satisfied + basic + unsatisfied
        rows += [
            Indicator(
                "hotline_closure",
                _("热线办结率"),
                s.weight_hotline_closure,
                _rate(closed, received),
                _("期内受理、由本单位承办的%(n)s件工单中，已办结%(ok)s件") % {"n": received, "ok": closed},
                url("hotline_staff:list", lead=unit.pk),
            ),
            Indicator(
                "hotline_on_time",
                _("热线按时答复率"),
                s.weight_hotline_on_time,
                _rate(in_time, in_time + late),
                _("已判定时效的%(n)s件工单中，按时答复%(ok)s件，超期%(late)s件")
                % {"n": in_time + late, "ok": in_time, "late": late},
                url("hotline_staff:list", lead=unit.pk, quick="overdue"),
            ),
            Indicator(
                "hotline_satisfaction",
                _("热线满意率"),
                s.weight_hotline_satisfaction,
                _rate(satisfied + basic, rated),
                _("回访评价的%(n)s件中，满意%(a)s件、基本满意%(b)s件、不满意%(c)s件")
                % {"n": rated, "a": satisfied, "b": basic, "c": unsatisfied},
                url("hotline_staff:list", lead=unit.pk),
            ),
        ]
    findings = f.findings[unit.pk]
    months = sum(x.open_days(f.period.end) // 30 for x in findings)
    deducted = s.finding_points * len(findings) + s.finding_points_per_month * months
    rows.append(
        Indicator(
            "findings",
            _("督查问题"),
            s.weight_findings,
            Decimal(max(0, 100 - deducted)),
            _("期内存在督查问题%(n)s个（每个扣%(p)s分），累计超过30天%(m)s次（每次扣%(q)s分）")
            % {"n": len(findings), "p": s.finding_points, "m": months, "q": s.finding_points_per_month},
            url("supervision_staff:findings", unit=unit.pk, state="all"),
        )
    )
    total_weight = sum(i.weight for i in rows if i.applies)
    return [
        Indicator(
            i.key,
            i.label,
            i.weight,
            i.value,
            i.basis,
            i.url,
            Decimal(100) * i.weight / total_weight if total_weight and i.applies else Decimal(0),
        )
        for i in rows
    ]


def scorecards(
    district: Organisation, period: Period, units: list[Organisation] | None = None
) -> list[Scorecard]:
    """The scorecards of ``units`` (all the district's units by default), ranked: best first,
    ties sharing a rank; a unit with nothing that applies has no score and no rank."""
    all_units = units_of(district)
    wanted = all_units if units is None else [u for u in all_units if u.pk in {x.pk for x in units}]
    figures = _Figures(district, period, settings_of(district), wanted)
    cards = [Scorecard(u, period, _indicators(u, figures)) for u in wanted]
    scored = sorted(
        (c for c in cards if c.score is not None), key=lambda c: (-c.score, c.unit.sort_order, c.unit.pk)
    )
    rank, previous = 0, None
    for position, card in enumerate(scored, start=1):
        if card.score != previous:
            rank, previous = position, card.score
        card.rank = rank
    return scored + [c for c in cards if c.score is None]


def unit_over(organisation: Organisation) -> Organisation | None:
    """The assessed unit an organisation belongs to: itself, or its ancestor right below the
    district (a budget unit counts for its department). None for the district itself."""
    if organisation.is_district:
        return None
    chain = [organisation, *organisation.ancestors()]
    for org in chain:
        if org.parent_id == organisation.district_id and org.kind in UNIT_KINDS:
            return org
    return None


def own_scorecards(district: Organisation, period: Period, units: list[Organisation]) -> list[Scorecard]:
    """The scorecards of a few units without their ranks (what a unit's staff see)."""
    cards = scorecards(district, period, units)
    for card in cards:
        card.rank = None
    return cards


def scorecard(unit: Organisation, period: Period) -> Scorecard:
    """One unit's scorecard (its rank among the district's units not computed)."""
    district = unit if unit.is_district else Organisation.objects.get(pk=unit.district_id)
    figures = _Figures(district, period, settings_of(district), [unit])
    return Scorecard(unit, period, _indicators(unit, figures))
