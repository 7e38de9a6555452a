"""The 双公示 registry's figures, for the annual report (第二十条第（五）项 行政许可 and 第（六）项
行政处罚、行政强制: 本年处理决定数量), the dashboards and the public API: functions of what they count
(a district, or an organisation with the units below it) and a year — no user, no request, no clock.

The rules every figure follows:

- Only what the public was shown counts (``public.published``): decisions released in a batch
  whose item is public in the catalog, not withdrawn; those past their publicity period still
  count (they were decided and disclosed that year).
- A decision counts in the year of its decision day (决定日期), for the organisation that made it.
- Timeliness (``on_time``) compares each released decision's publication day (its batch's item)
  with its deadline (``rules.py``): on time, late (and by how many working days), or not yet public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from gongkai.decisions import notices, rules
from gongkai.decisions.models import CATEGORY_LABELS, Batch, Decision, DecisionKind, DecisionState
from gongkai.decisions.public import published
from gongkai.orgs.models import Organisation

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Scope:
    """A district, or some of its organisations (``organisation_ids``; None: the whole district)."""

    district_id: int
    organisation_ids: frozenset[int] | None = None

    @classmethod
    def of(cls, organisation: Organisation) -> Scope:
        if organisation.is_district:
            return cls(organisation.pk)
        return cls(organisation.district_id, frozenset(organisation.descendant_ids()))


def _scope(of: Organisation | Scope) -> Scope:
    return of if isinstance(of, Scope) else Scope.of(of)


def _narrow(decisions: QuerySet[Decision], scope: Scope) -> QuerySet[Decision]:
    if scope.organisation_ids is None:
        return decisions
    return decisions.filter(organisation_id__in=scope.organisation_ids)


def _published(of: Organisation | Scope, year: int) -> QuerySet[Decision]:
    scope = _scope(of)
    district = Organisation.objects.get(pk=scope.district_id)
    return _narrow(published(district), scope).filter(decided_on__year=year)


def counts_by_kind(of: Organisation | Scope, year: int) -> dict[str, int]:
    """Decisions per kind (every kind, zeros included) decided in ``year``."""
    counts = dict.fromkeys(DecisionKind.values, 0)
    rows = _published(of, year).order_by().values("kind").annotate(n=Count("pk"))
    counts.update({row["kind"]: row["n"] for row in rows})
    return counts


def licensing_decisions(of: Organisation | Scope, year: int) -> int:
    """第二十条第（五）项 行政许可 本年处理决定数量."""
    return counts_by_kind(of, year)[DecisionKind.LICENSING]


def penalty_decisions(of: Organisation | Scope, year: int) -> int:
    """第二十条第（六）项 行政处罚 本年处理决定数量."""
    return counts_by_kind(of, year)[DecisionKind.PENALTY]


def enforcement_decisions(of: Organisation | Scope, year: int) -> int:
    """第二十条第（六）项 行政强制 本年处理决定数量."""
    return counts_by_kind(of, year)[DecisionKind.ENFORCEMENT]


def report_rows(of: Organisation | Scope, year: int) -> dict[str, int]:
    """The annual report's three rows: 行政许可 (（五）项), 行政处罚 and 行政强制 (（六）项)."""
    return counts_by_kind(of, year)


def fines_wan(of: Organisation | Scope, year: int) -> Decimal:
    """Fines imposed by the year's penalty decisions, in 万元 to two decimals."""
    total = _published(of, year).filter(kind=DecisionKind.PENALTY).aggregate(total=Sum("fine_wan"))["total"]
    return (total or Decimal(0)).quantize(TWO_PLACES)


def confiscated_wan(of: Organisation | Scope, year: int) -> Decimal:
    """Illegal income and property confiscated by the year's penalty decisions, 万元 to two decimals."""
    total = (
        _published(of, year)
        .filter(kind=DecisionKind.PENALTY)
        .aggregate(total=Sum("confiscated_wan"))["total"]
    )
    return (total or Decimal(0)).quantize(TWO_PLACES)


def counts_by_category(of: Organisation | Scope, year: int, kind: str) -> list[tuple[str, int]]:
    """Decisions of ``kind`` per (first) category, most first: (label, count)."""
    rows = (
        _published(of, year)
        .filter(kind=kind)
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return [(str(CATEGORY_LABELS.get(row["category"], row["category"])), row["n"]) for row in rows]


def counts_by_organisation(of: Organisation | Scope, year: int) -> list[tuple[Organisation, dict[str, int]]]:
    """Decisions per kind for each organisation that made one in ``year``, in the tree's order."""
    rows = _published(of, year).order_by().values("organisation_id", "kind").annotate(n=Count("pk"))
    by_org: dict[int, dict[str, int]] = {}
    for row in rows:
        by_org.setdefault(row["organisation_id"], dict.fromkeys(DecisionKind.values, 0))[row["kind"]] = row[
            "n"
        ]
    orgs = Organisation.objects.filter(pk__in=by_org).order_by("sort_order", "id")
    return [(org, by_org[org.pk]) for org in orgs]


@dataclass(frozen=True)
class Timeliness:
    """How the year's released decisions were published against their deadline."""

    released: int  # released in a batch (withdrawn ones left out)
    on_time: int  # published by the deadline
    late: int  # published after it
    late_days: int  # working days late, summed over the late ones
    max_late_days: int
    unpublished: int  # released, the batch's item not public (in review, or withdrawn in the catalog)

    @property
    def on_time_rate(self) -> Decimal | None:
        """On time among the published, a percentage to two decimals (None: none published)."""
        done = self.on_time + self.late
        if not done:
            return None
        return (Decimal(self.on_time) * 100 / done).quantize(TWO_PLACES)


def lateness(decisions: list[Decision]) -> dict[int, tuple[object, int]]:
    """For each decision with a batch: (its publication day or None, working days late)."""
    if not decisions:
        return {}
    district = Organisation.objects.get(pk=decisions[0].district_id)
    batch_ids = {d.batch_id for d in decisions if d.batch_id}
    found = notices.publications(district, list(Batch.objects.filter(pk__in=batch_ids)))
    district_rules = rules.rules_for(district)
    out = {}
    for d in decisions:
        publication = found.get(d.batch_id)
        day = publication.published_on if publication is not None and publication.is_public else None
        out[d.pk] = (day, rules.days_late(d.decided_on, day, district_rules) if day else 0)
    return out


def on_time(of: Organisation | Scope, year: int, kind: str | None = None) -> Timeliness:
    """The year's released decisions (of one kind, or all): on time, late, days late, unpublished."""
    scope = _scope(of)
    decisions = _narrow(
        Decision.objects.filter(
            district_id=scope.district_id,
            decided_on__year=year,
            batch__isnull=False,
            state__in=[DecisionState.RELEASED, DecisionState.ENDED],
        ),
        scope,
    )
    if kind:
        decisions = decisions.filter(kind=kind)
    rows = list(decisions.only("pk", "district_id", "batch_id", "decided_on"))
    found = lateness(rows)
    published_days = [(day, late) for day, late in found.values() if day is not None]
    late = [n for _day, n in published_days if n > 0]
    return Timeliness(
        released=len(rows),
        on_time=len(published_days) - len(late),
        late=len(late),
        late_days=sum(late),
        max_late_days=max(late, default=0),
        unpublished=len(rows) - len(published_days),
    )


# --- supervision (督查): decisions past their publication deadline and still not public ---------


@dataclass(frozen=True)
class Unpublished:
    decision_id: int
    number: str
    title: str
    organisation_id: int
    decided_on: dt.date
    due_on: dt.date  # the last day publishing was on time


def unpublished_past_due(of: Organisation | Scope, today: dt.date, *, since: dt.date) -> list[Unpublished]:
    """Decisions made from ``since`` whose publication deadline (``rules.due_on``) has passed by
    ``today`` and that the public still cannot see: recorded and never released, or released in a
    batch whose item is not public. Withdrawn ones are left out."""
    scope = _scope(of)
    decisions = list(
        _narrow(
            Decision.objects.filter(
                district_id=scope.district_id,
                decided_on__gte=since,
                decided_on__lte=today,
                state__in=[DecisionState.RECORDED, DecisionState.RELEASED, DecisionState.ENDED],
            ),
            scope,
        ).order_by("decided_on", "pk")
    )
    if not decisions:
        return []
    district_rules = rules.rules_for(scope.district_id)
    published = lateness([d for d in decisions if d.batch_id])
    out = []
    for d in decisions:
        if published.get(d.pk, (None, 0))[0] is not None:
            continue
        due = rules.due_on(d.decided_on, district_rules).earliest
        if due < today:
            out.append(Unpublished(d.pk, d.number, d.title, d.organisation_id, d.decided_on, due))
    return out
