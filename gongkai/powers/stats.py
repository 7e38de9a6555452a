"""The power list's figures, for the annual report (行政权力清单公开情况), the dashboards and the
public API: functions of what they count (a district, or some of its organisations) and a period
or a day — no user, no request, no clock.

The rules every figure follows:

- Only what the public sees counts (``public.public_changes``): changes of released documents
  whose notice is public in the catalog.
- A change counts in the period its effective date (生效日期) falls in, for the organisation that
  implements the power after it (a cancelled power: the one that implemented it).
- In force on a day is the list as it then stood (``listing.in_force``).

The annual report's sentence "取消或部分取消28项、新增22项、承接4项、调整12项" reads
``change_counts``: 取消 + 部分取消, 新增, 承接, 调整 (``report_counts``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from gongkai.orgs.models import Organisation
from gongkai.powers import listing
from gongkai.powers.models import ChangeKind, PowerChange, PowerType
from gongkai.powers.public import public_changes


@dataclass(frozen=True)
class Period:
    """Days from ``start`` to ``end``, both included."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))


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


def _changes(scope: Scope) -> QuerySet[PowerChange]:
    district = Organisation.objects.get(pk=scope.district_id)
    return public_changes(district)


def _narrow(changes: QuerySet[PowerChange], scope: Scope) -> QuerySet[PowerChange]:
    if scope.organisation_ids is None:
        return changes
    return changes.filter(organisation_id__in=scope.organisation_ids)


def _zeros() -> dict[str, int]:
    return dict.fromkeys(ChangeKind.values, 0)


def _in(period: Period | int) -> Period:
    return Period.year(period) if isinstance(period, int) else period


def change_counts(of: Organisation | Scope, period: Period | int) -> dict[str, int]:
    """Changes per kind (every kind, zeros included) that took effect in ``period`` (a year, or days)."""
    scope, period = _scope(of), _in(period)
    rows = (
        _narrow(_changes(scope), scope)
        .filter(effective_on__gte=period.start, effective_on__lte=period.end)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
    )
    counts = _zeros()
    counts.update({row["kind"]: row["n"] for row in rows})
    return counts


def report_counts(of: Organisation | Scope, period: Period | int) -> dict[str, int]:
    """The annual report's four figures: 取消或部分取消, 新增, 承接, 调整."""
    counts = change_counts(of, period)
    return {
        "cancelled_or_partly": counts[ChangeKind.CANCEL] + counts[ChangeKind.PARTIAL_CANCEL],
        "added": counts[ChangeKind.ADD],
        "taken_over": counts[ChangeKind.TAKE_OVER],
        "adjusted": counts[ChangeKind.ADJUST],
    }


def change_counts_by_organisation(
    of: Organisation | Scope, period: Period | int
) -> list[tuple[Organisation, dict[str, int]]]:
    """Changes per kind for each organisation that had one in ``period``, in the tree's order."""
    scope, period = _scope(of), _in(period)
    rows = (
        _narrow(_changes(scope), scope)
        .filter(effective_on__gte=period.start, effective_on__lte=period.end)
        .order_by()
        .values("organisation_id", "kind")
        .annotate(n=Count("pk"))
    )
    by_org: dict[int, dict[str, int]] = {}
    for row in rows:
        by_org.setdefault(row["organisation_id"], _zeros())[row["kind"]] = row["n"]
    orgs = Organisation.objects.filter(pk__in=by_org).order_by("sort_order", "id")
    return [(org, by_org[org.pk]) for org in orgs]


def change_counts_by_year(of: Organisation | Scope) -> dict[int, dict[str, int]]:
    """Changes per kind for each year that had one, latest first."""
    scope = _scope(of)
    rows = (
        _narrow(_changes(scope), scope)
        .order_by()
        .annotate(year=ExtractYear("effective_on"))
        .values("year", "kind")
        .annotate(n=Count("pk"))
    )
    by_year: dict[int, dict[str, int]] = {}
    for row in rows:
        by_year.setdefault(row["year"], _zeros())[row["kind"]] = row["n"]
    return dict(sorted(by_year.items(), reverse=True))


def in_force_by_type(of: Organisation | Scope, on: dt.date) -> dict[str, int]:
    """Powers in force on ``on`` per type (every type, zeros included)."""
    scope = _scope(of)
    entries = listing.in_force(_changes(scope), on)
    rows = _narrow(entries, scope).order_by().values("type").annotate(n=Count("pk"))
    counts = dict.fromkeys(PowerType.values, 0)
    counts.update({row["type"]: row["n"] for row in rows})
    return counts


def in_force_count(of: Organisation | Scope, on: dt.date) -> int:
    """Powers in force on ``on``."""
    return sum(in_force_by_type(of, on).values())
