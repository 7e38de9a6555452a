"""Publicity's figures, for the annual report (公共资源配置 and 公共服务信息公开情况), the dashboards
and the public API: functions of what they count (a district, or some of its organisations) and a
year — no user, no request, no clock. The annual report reads only these.

The rules every figure follows:

- Only what the public has seen counts (``public.published``): released lists and notices whose
  information item is public in the catalog — those still in their period and those whose period
  is over alike. Drafts, items still in review and withdrawn items do not count.
- A list or notice counts in its year (所属年度), for the organisation that published it.
- Households, people and amounts are those of the masked projection (``PublicRow``), the rows
  the public saw. A monthly list's people and amounts count in every month's list: the year's
  累计保障人数 is the sum over the year's monthly lists (person-months), as the seed counts it.
- Amounts are Decimal yuan; ``wan`` gives 万元 without rounding away a cent.

The seed's sentences read ``report_figures``: 全年共分房1447户（廉租房77户，公租房1370户），危房改造
中省补助102户、区财政补助104户；17个建设用地项目的征地信息；5个探矿权项目；征收通告2个、征收决定通告6个；
城市低保累计保障43003人、1401.2133万元，农村低保28075人、651.574万元.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from gongkai.orgs.models import Organisation
from gongkai.publicity import public
from gongkai.publicity.kinds import LIST_KINDS, NOTICE_KINDS, Kind, spec
from gongkai.publicity.models import (
    Objection,
    ObjectionOutcome,
    PeriodSetting,
    Publicity,
    PublicRow,
    State,
)

TEN_THOUSAND = Decimal(10000)


@dataclass(frozen=True)
class Scope:
    """A district, or some of its organisations (``organisation_ids``; None: the whole district)."""

    district_id: int
    organisation_ids: frozenset[int] | None = None

    @classmethod
    def of(cls, organisation: Organisation) -> Scope:
        """A district: all of it; any other organisation: itself and everything below it."""
        if organisation.is_district:
            return cls(organisation.pk)
        return cls(organisation.district_id, frozenset(organisation.descendant_ids()))


def _scope(of: Organisation | Scope) -> Scope:
    return of if isinstance(of, Scope) else Scope.of(of)


def wan(yuan: Decimal | None) -> Decimal:
    """Yuan in 万元, exact to the cent (1401.2133 for 14,012,133.00 元)."""
    return ((yuan or Decimal(0)) / TEN_THOUSAND).quantize(Decimal("0.000001")).normalize()


def _published(of: Organisation | Scope, year: int) -> list[Publicity]:
    scope = _scope(of)
    district = Organisation.objects.get(pk=scope.district_id)
    found = [s.publicity for s in public.published(district) if s.publicity.year == year]
    if scope.organisation_ids is not None:
        found = [p for p in found if p.organisation_id in scope.organisation_ids]
    return found


def published(
    of: Organisation | Scope, year: int, *, kinds: tuple[str, ...] | None = None
) -> list[tuple[Publicity, Totals]]:
    """The lists and notices published in ``year`` (of ``kinds``; None: every kind), each with its
    households, people and amount — the records the figures below count (the annual report's
    trace lists them). A notice has no households."""
    found = [p for p in _published(of, year) if kinds is None or p.kind in kinds]
    found.sort(key=lambda p: (p.kind, p.pk))
    rows = {
        r["publicity_id"]: r
        for r in PublicRow.objects.filter(publicity_id__in=[p.pk for p in found])
        .order_by()
        .values("publicity_id")
        .annotate(households=Count("pk"), people=Sum("people"), amount=Sum("amount"))
    }
    out = []
    for p in found:
        r = rows.get(p.pk, {})
        out.append((p, Totals(1, r.get("households", 0), r.get("people") or 0, r.get("amount") or Decimal(0))))
    return out


def lists_published(of: Organisation | Scope, year: int) -> dict[str, int]:
    """Lists published in ``year`` per kind of list (every kind, zeros included)."""
    counts = dict.fromkeys(LIST_KINDS, 0)
    for p in _published(of, year):
        if p.kind in counts:
            counts[p.kind] += 1
    return counts


def notices_published(of: Organisation | Scope, year: int) -> dict[str, int]:
    """Notices published in ``year`` per kind of notice (every kind, zeros included)."""
    return _notices(_published(of, year))


def _notices(published: list[Publicity]) -> dict[str, int]:
    counts = dict.fromkeys(NOTICE_KINDS, 0)
    for p in published:
        if p.kind in counts:
            counts[p.kind] += 1
    return counts


@dataclass(frozen=True)
class Totals:
    lists: int
    households: int
    people: int
    amount: Decimal  # yuan

    @property
    def amount_wan(self) -> Decimal:
        return wan(self.amount)


def entries(of: Organisation | Scope, year: int) -> dict[str, Totals]:
    """Per kind of list: lists, households (rows), people and amount (yuan) of ``year``'s lists."""
    return _entries(_published(of, year))


def _entries(published: list[Publicity]) -> dict[str, Totals]:
    found = [p for p in published if p.kind in LIST_KINDS]
    kind_of = {p.pk: p.kind for p in found}
    rows = (
        PublicRow.objects.filter(publicity_id__in=list(kind_of))
        .order_by()
        .values("publicity_id")
        .annotate(households=Count("pk"), people=Sum("people"), amount=Sum("amount"))
    )
    sums: dict[str, list] = {k: [0, 0, 0, Decimal(0)] for k in LIST_KINDS}
    for p in found:
        sums[p.kind][0] += 1
    for row in rows:
        s = sums[kind_of[row["publicity_id"]]]
        s[1] += row["households"]
        s[2] += row["people"] or 0
        s[3] += Decimal(row["amount"] or 0).quantize(Decimal("0.01"))
    return {k: Totals(v[0], v[1], v[2], v[3]) for k, v in sums.items()}


def objections(of: Organisation | Scope, year: int) -> dict[str, int]:
    """Objections to ``year``'s published lists and notices: received, upheld, rejected, open."""
    ids = [p.pk for p in _published(of, year)]
    rows = dict(
        Objection.objects.filter(publicity_id__in=ids).order_by().values_list("outcome").annotate(n=Count("pk"))
    )
    return {
        "received": sum(rows.values()),
        "upheld": rows.get(ObjectionOutcome.UPHELD, 0),
        "rejected": rows.get(ObjectionOutcome.REJECTED, 0),
        "open": rows.get("", 0),
    }


def report_figures(of: Organisation | Scope, year: int) -> dict[str, int | Decimal]:
    """The figures the annual report quotes, by name (the year's published lists read once)."""
    published = _published(of, year)
    e = _entries(published)
    n = _notices(published)
    return {
        "housing_allocated": e[Kind.LOW_RENT].households + e[Kind.PUBLIC_RENTAL].households,
        "low_rent": e[Kind.LOW_RENT].households,
        "public_rental": e[Kind.PUBLIC_RENTAL].households,
        "renovation_central": e[Kind.RENOVATION_CENTRAL].households,
        "renovation_district": e[Kind.RENOVATION_DISTRICT].households,
        "land_acquisition_projects": n[Kind.LAND_ACQUISITION],
        "mining_rights": n[Kind.MINING_RIGHT],
        "expropriation_notices": n[Kind.EXPROPRIATION_NOTICE],
        "expropriation_decisions": n[Kind.EXPROPRIATION_DECISION],
        "compensation_plans": n[Kind.COMPENSATION_PLAN],
        "compensation_decisions": n[Kind.COMPENSATION_DECISION],
        "urban_dibao_people": e[Kind.URBAN_DIBAO].people,
        "urban_dibao_wan": e[Kind.URBAN_DIBAO].amount_wan,
        "rural_dibao_people": e[Kind.RURAL_DIBAO].people,
        "rural_dibao_wan": e[Kind.RURAL_DIBAO].amount_wan,
    }


# --- supervision (督查): lists past their period that the public may still reach ----------------


@dataclass(frozen=True)
class ExpiredList:
    publicity_id: int
    title: str
    organisation_id: int
    kind: str
    started_on: dt.date  # the first day of its period (the day its notice was published)
    ended_on: dt.date  # the last day of the period that applies (its own, else its kind's)
    taken_down: bool  # False: the period is over and the list still stands released
    open_ended: bool  # published without an end to its period (长期公开)


def expired_lists_online(of: Organisation | Scope, today: dt.date) -> list[ExpiredList]:
    """Beneficiary lists (names, household sizes, amounts) the public may still reach after their
    publicity period, as of ``today``:

    - a list whose own period is over and that still stands released (not taken down: the
      period's job has not recorded it, and its page may still be served from the page cache);
    - a list published without an end to its period (长期公开) whose kind's period (the district's
      setting, else the kind's default) is over: its names stay on the portal for good.

    Only lists whose notice item the public has seen count (``public.published``)."""
    scope = _scope(of)
    district = Organisation.objects.get(pk=scope.district_id)
    periods = {
        s.kind: s.period_days for s in PeriodSetting.objects.filter(district_id=scope.district_id)
    }
    found = []
    for shown in public.published(district):
        p = shown.publicity
        if p.kind not in LIST_KINDS or p.period_starts_on is None:
            continue
        if scope.organisation_ids is not None and p.organisation_id not in scope.organisation_ids:
            continue
        if p.period_days:
            end = p.period_ends_on
            if p.state != State.RELEASED or today <= end:
                continue
            found.append(ExpiredList(p.pk, p.title, p.organisation_id, p.kind, p.period_starts_on, end, False, False))
            continue
        days = periods.get(p.kind, spec(p.kind).period_days)
        if not days:
            continue  # the district publishes this kind for good, on purpose
        end = p.period_starts_on + dt.timedelta(days=days - 1)
        if p.state == State.RELEASED and today > end:
            found.append(ExpiredList(p.pk, p.title, p.organisation_id, p.kind, p.period_starts_on, end, False, True))
    found.sort(key=lambda e: (e.ended_on, e.publicity_id))
    return found
