"""Counts for the annual report's tables 三 and 四, computed from the applications themselves."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from gongkai.applications.models import (
    Application,
    ClockStop,
    PauseKind,
    ReviewCase,
    ReviewKind,
    ReviewResult,
)
from gongkai.applications.outcomes import GROUPS, INFO, ApplicantCategory, Outcome

CATEGORIES = [c for c, _ in ApplicantCategory.choices]


def _by_category(qs: QuerySet, extra: Q | None = None) -> dict[str, int]:
    rows = qs.filter(extra or Q()).values("category").annotate(n=Count("pk"))
    counts = dict.fromkeys(CATEGORIES, 0)
    for row in rows:
        counts[row["category"]] = row["n"]
    counts["total"] = sum(counts[c] for c in CATEGORIES)
    return counts


def table_three(applications: QuerySet[Application], year: int) -> dict:
    """Rows 一 to 四 of table 三 for the given applications (an organisation's, or a district's)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    closed_in_year = applications.filter(replied_on__gte=start, replied_on__lte=end)
    new = _by_category(applications.filter(received_on__gte=start, received_on__lte=end))
    carried_in = _by_category(
        applications.filter(received_on__lt=start).filter(
            Q(replied_on__isnull=True) | Q(replied_on__gte=start)
        )
    )
    carried_out = _by_category(
        applications.filter(received_on__lte=end).filter(Q(replied_on__isnull=True) | Q(replied_on__gt=end))
    )
    per_outcome: dict[str, dict[str, int]] = {}
    rows = closed_in_year.values("outcome", "category").annotate(n=Count("pk"))
    counter: Counter = Counter()
    for row in rows:
        counter[(row["outcome"], row["category"])] = row["n"]
    for outcome in Outcome.values:
        per = {c: counter[(outcome, c)] for c in CATEGORIES}
        per["total"] = sum(per.values())
        per_outcome[outcome] = per
    results_total = {c: sum(per_outcome[o][c] for o in Outcome.values) for c in [*CATEGORIES, "total"]}
    groups = []
    for key, label in GROUPS:
        members = [o for o in Outcome.values if INFO[o].group == key]
        groups.append(
            {
                "key": key,
                "label": label,
                "rows": [{"outcome": o, "label": INFO[o].row, "counts": per_outcome[o]} for o in members]
                if len(members) > 1
                else [],
                "counts": {c: sum(per_outcome[o][c] for o in members) for c in [*CATEGORIES, "total"]},
            }
        )
    return {
        "year": year,
        "columns": CATEGORIES,
        "new": new,
        "carried_in": carried_in,
        "results": groups,
        "results_total": results_total,
        "carried_out": carried_out,
        "balanced": all(
            new[c] + carried_in[c] == results_total[c] + carried_out[c] for c in [*CATEGORIES, "total"]
        ),
    }


def table_four(applications: QuerySet[Application], year: int) -> dict[str, dict[str, int]]:
    """Table 四: review and litigation cases filed in the year, by kind and result."""
    cases = ReviewCase.objects.filter(application__in=applications, filed_on__year=year)
    counts = {k: dict.fromkeys(ReviewResult.values, 0) for k in ReviewKind.values}
    for row in cases.values("kind", "result").annotate(n=Count("pk")):
        counts[row["kind"]][row["result"]] = row["n"]
    for kind in counts:
        counts[kind]["total"] = sum(counts[kind][r] for r in ReviewResult.values)
    return counts


def fees_collected(applications: QuerySet[Application], year: int) -> Decimal:
    """Processing fees actually paid in the year (section 六 of the report)."""
    paid = ClockStop.objects.filter(
        application__in=applications, kind=PauseKind.FEE, ended_on__year=year, fee_amount__isnull=False
    ).aggregate(total=Sum("fee_amount"))["total"]
    return paid or Decimal(0)
