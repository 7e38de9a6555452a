"""The finance registry's figures, for the annual report, the completeness board, the dashboards
and the public API: functions of what they count (a district, or an organisation and the units
below it) and a year — no user, no request.

- ``completeness(district, year)``: which units have published what in ``year`` — the year's
  budget and 三公 budget, and the previous year's final accounts and 三公 final accounts (the seed's
  2018: 2017年决算 and 2018年预算) — with each one's due day, publication day and days late (a
  disclosure not yet published counts its days late to ``today``);
- ``three_public_expenses(of, fiscal_year)``: the three public expenses budgeted (三公 budget) and
  spent (三公 final accounts) in a fiscal year, per part;
- ``fees_collected(of, year)``: administrative fees collected in the year, 万元 to two decimals
  (第二十条第（八）项 本年收费金额);
- ``fee_items(of, year)``: the fee items in force at the end of the year before and of the year,
  with those added and stopped (the 2019 format's 上一年项目数量 / 本年增/减).

Only what the public sees counts for the disclosures (``public.py``): a disclosure whose item is
not (or no longer) public is unpublished.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from gongkai.finance import deadlines, notices, units
from gongkai.finance.figures import tables_of, three_public_amounts
from gongkai.finance.models import (
    Disclosure,
    FeeCollection,
    FeeItem,
    FinanceTable,
    Kind,
    Level,
    fiscal_year_for,
)
from gongkai.finance.public import public_disclosure_ids
from gongkai.orgs.models import Organisation

CENT = Decimal("0.01")
KINDS = [Kind.BUDGET, Kind.FINAL, Kind.THREE_PUBLIC_BUDGET, Kind.THREE_PUBLIC_FINAL]
THREE_PUBLIC_PARTS = ("outbound", "vehicle_purchase", "vehicle_operation", "reception")


def _district_of(of: Organisation) -> Organisation:
    return of if of.is_district else Organisation.objects.get(pk=of.district_id)


def _org_ids(of: Organisation) -> set[int] | None:
    """None for a whole district, else the organisation and everything below it."""
    return None if of.is_district else of.descendant_ids()


# --- completeness ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """One disclosure of one unit on the board."""

    kind: str
    fiscal_year: int
    disclosure: Disclosure | None
    state: str  # missing, draft, released, published
    approved_on: dt.date | None
    published_on: dt.date | None
    due_on: dt.date | None
    days_late: int

    @property
    def published(self) -> bool:
        return self.state == "published"

    @property
    def late(self) -> bool:
        return self.days_late > 0

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)


STATE_LABELS = {"missing": "未登记", "draft": "编制中", "released": "审核中", "published": "已公开"}


@dataclass(frozen=True)
class UnitRow:
    unit: Organisation
    level: str
    statuses: dict[str, Status]

    @property
    def complete(self) -> bool:
        return all(s.published for s in self.statuses.values())

    @property
    def late(self) -> bool:
        return any(s.late for s in self.statuses.values())

    @property
    def days_late(self) -> int:
        return max((s.days_late for s in self.statuses.values()), default=0)


@dataclass
class Completeness:
    year: int
    rows: list[UnitRow] = field(default_factory=list)

    @property
    def units(self) -> int:
        return len(self.rows)

    @property
    def complete(self) -> int:
        return sum(1 for r in self.rows if r.complete)

    @property
    def late(self) -> int:
        return sum(1 for r in self.rows if r.late)

    def published(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.statuses[kind].published)

    @property
    def published_per_kind(self) -> dict[str, int]:
        return {kind: self.published(kind) for kind in KINDS}

    def late_per_kind(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.statuses[kind].late)

    @property
    def late_disclosures(self) -> int:
        return sum(1 for r in self.rows for s in r.statuses.values() if s.late)

    @property
    def days_late(self) -> int:
        """Days late summed over every late disclosure."""
        return sum(s.days_late for r in self.rows for s in r.statuses.values())

    @property
    def on_time(self) -> int:
        """Units that published all four, none late."""
        return sum(1 for r in self.rows if r.complete and not r.late)


def completeness(of: Organisation, year: int, *, today: dt.date | None = None) -> Completeness:
    """The board of ``year`` for the district (区本级 and every budget unit), or for an
    organisation's budget units (itself included when it is one)."""
    today = today or timezone.localdate()
    district = _district_of(of)
    rows_units: list[Organisation] = []
    if of.is_district:
        rows_units.append(district)
        rows_units.extend(units.budget_units(district))
    else:
        ids = of.descendant_ids()
        rows_units.extend(u for u in units.budget_units(district) if u.pk in ids)
    wanted = Q()
    for kind in KINDS:
        wanted |= Q(kind=kind, fiscal_year=fiscal_year_for(kind, year))
    disclosures = list(
        Disclosure.objects.filter(
            wanted, district=district, unit__in=[u.pk for u in rows_units]
        ).select_related("unit")
    )
    found = notices.publications(district, disclosures)
    by_key = {(d.unit_id, d.kind): d for d in disclosures}
    days = {level: deadlines.days_allowed(district.pk, level) for level in Level.values}
    board = Completeness(year)
    for unit in rows_units:
        level = units.level_of(unit)
        statuses = {}
        for kind in KINDS:
            d = by_key.get((unit.pk, kind))
            fy = fiscal_year_for(kind, year)
            if d is None:
                statuses[kind] = Status(kind, fy, None, "missing", None, None, None, 0)
                continue
            publication = found[d.pk]
            published_on = publication.published_on
            state = "published" if publication.is_public else ("draft" if d.state == "draft" else "released")
            t = deadlines.timeliness(d.approved_on, published_on, days[level], today)
            statuses[kind] = Status(kind, fy, d, state, d.approved_on, published_on, t.due_on, t.days_late)
        board.rows.append(UnitRow(unit, level, statuses))
    return board


# --- three public expenses ------------------------------------------------------------------------


def _public_of(of: Organisation, kind: str, fiscal_year: int, level: str) -> list[Disclosure]:
    district = _district_of(of)
    ids = public_disclosure_ids(district)
    qs = Disclosure.objects.filter(pk__in=ids, kind=kind, fiscal_year=fiscal_year, level=level)
    org_ids = _org_ids(of)
    if org_ids is not None:
        qs = qs.filter(unit_id__in=org_ids)
    return list(qs.select_related("unit"))


def _amounts(disclosures: list[Disclosure]) -> dict[str, Decimal]:
    records = FinanceTable.objects.filter(disclosure__in=disclosures)
    by_disclosure: dict[int, list[FinanceTable]] = {}
    for r in records:
        by_disclosure.setdefault(r.disclosure_id, []).append(r)
    total = dict.fromkeys((*THREE_PUBLIC_PARTS, "total"), Decimal("0.00"))
    for d in disclosures:
        amounts = three_public_amounts(d, tables_of(d, by_disclosure.get(d.pk, [])))
        for key in total:
            total[key] += amounts.get(key) or Decimal("0.00")
    return total


def three_public_expenses(
    of: Organisation, fiscal_year: int, *, level: str = Level.DEPARTMENT
) -> dict[str, dict[str, Decimal]]:
    """Per part (因公出国（境）费 outbound, 公务用车购置费 vehicle_purchase, 公务用车运行费
    vehicle_operation, 公务用车购置及运行费 vehicles, 公务接待费 reception, total) the ``budget``
    (published 三公 budgets of ``fiscal_year``) and the ``actual`` (published 三公 final accounts),
    万元. ``of``: a budget unit; a department or town with the units below it; a district with all
    its budget units (``level="government"``: the district's own 区本级 figures)."""
    budget = _amounts(_public_of(of, Kind.THREE_PUBLIC_BUDGET, fiscal_year, level))
    actual = _amounts(_public_of(of, Kind.THREE_PUBLIC_FINAL, fiscal_year, level))
    out = {key: {"budget": budget[key], "actual": actual[key]} for key in (*THREE_PUBLIC_PARTS, "total")}
    out["vehicles"] = {
        "budget": budget["vehicle_purchase"] + budget["vehicle_operation"],
        "actual": actual["vehicle_purchase"] + actual["vehicle_operation"],
    }
    return out


# --- fees -----------------------------------------------------------------------------------------


def _fee_scope(of: Organisation):
    district = _district_of(of)
    items = FeeItem.objects.filter(district=district)
    org_ids = _org_ids(of)
    if org_ids is not None:
        items = items.filter(organisation_id__in=org_ids)
    return items


def to_wan(yuan: Decimal) -> Decimal:
    """元 to 万元, two decimals, half up (the annual report's unit)."""
    return (Decimal(yuan) / Decimal(10000)).quantize(CENT, rounding=ROUND_HALF_UP)


def fees_collected(of: Organisation, year: int) -> Decimal:
    """Administrative fees collected in ``year`` (万元, two decimals), summed in 元 first."""
    total = FeeCollection.objects.filter(item__in=_fee_scope(of), year=year).aggregate(s=Sum("amount_yuan"))[
        "s"
    ] or Decimal("0")
    return to_wan(total)


def fees_collected_by_organisation(of: Organisation, year: int) -> list[tuple[Organisation, Decimal]]:
    rows = (
        FeeCollection.objects.filter(item__in=_fee_scope(of), year=year)
        .values("item__organisation_id")
        .annotate(s=Sum("amount_yuan"))
        .order_by()
    )
    sums = {r["item__organisation_id"]: r["s"] for r in rows}
    orgs = Organisation.objects.filter(pk__in=sums).order_by("sort_order", "id")
    return [(o, to_wan(sums[o.pk])) for o in orgs]


@dataclass(frozen=True)
class FeeItemCounts:
    previous: int  # in force in the year before
    added: int  # first collected in the year
    stopped: int  # no longer collected from the year on
    current: int  # in force in the year
    items: list[FeeItem]  # those in force in the year

    @property
    def change(self) -> int:
        """本年增/减."""
        return self.current - self.previous


def _in_force(items, year: int):
    return items.filter(from_year__lte=year).filter(Q(until_year__isnull=True) | Q(until_year__gt=year))


def fee_items(of: Organisation, year: int) -> FeeItemCounts:
    items = _fee_scope(of)
    current = list(
        _in_force(items, year).select_related("organisation").order_by("organisation__sort_order", "name")
    )
    return FeeItemCounts(
        previous=_in_force(items, year - 1).count(),
        added=items.filter(from_year=year).count(),
        stopped=items.filter(until_year=year).count(),
        current=len(current),
        items=current,
    )


# --- the annual report's figures, under the names gongkai/reports/sources.py asks for ------------


def completeness_summary(of: Organisation, year: int) -> dict:
    """The annual report's sentence on budgets (财政资金信息公开情况), plain numbers: units that
    were to publish, complete, late, and published per kind (budget, final, 三公 budget, 三公 final)."""
    board = completeness(of, year)
    return {
        "year": year,
        "units": board.units,
        "budget_units": sum(1 for r in board.rows if r.level == Level.DEPARTMENT),
        "complete": board.complete,
        "on_time": board.on_time,
        "late": board.late,
        "published": {str(k): v for k, v in board.published_per_kind.items()},
    }


def fees_collected_wan(of: Organisation, year: int) -> Decimal:
    """第二十条第（八）项 本年收费金额（万元）: ``fees_collected``."""
    return fees_collected(of, year)


def fee_item_count(of: Organisation, year: int) -> dict[str, int]:
    """The 2019 format's （八）项: 上一年项目数量 and 本年增/减."""
    counts = fee_items(of, year)
    return {"previous_items": counts.previous, "change": counts.change}
