"""The figures of disclosure applications for the annual report (政府信息公开工作年度报告): table 三
(applications received and handled), table 四 (reviews and lawsuits) and the fees of section 六.

Each is a function of one scope and one year: an organisation (the applications it handles) or a
whole district. Reports, dashboards and bulletins ask here, never the app's tables.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from gongkai.applications.models import (
    Application,
    ClockStop,
    PauseKind,
    ReviewCase,
    ReviewKind,
    ReviewResult,
    Status,
)
from gongkai.applications.outcomes import GROUPS, INFO, ApplicantCategory, Outcome
from gongkai.orgs.models import Organisation

CATEGORIES = [c for c, _ in ApplicantCategory.choices]


def applications_of(
    *, organisation: Organisation | None = None, district: Organisation | None = None
) -> QuerySet[Application]:
    """The applications an organisation handles, or all of a district's: name exactly one."""
    if (organisation is None) == (district is None):
        raise TypeError("name an organisation or a district")
    if organisation is not None:
        return Application.objects.filter(organisation=organisation)
    return Application.objects.filter(district=district)


def _by_category(qs: QuerySet, extra: Q | None = None) -> dict[str, int]:
    rows = qs.filter(extra or Q()).values("category").annotate(n=Count("pk"))
    counts = dict.fromkeys(CATEGORIES, 0)
    for row in rows:
        counts[row["category"]] = row["n"]
    counts["total"] = sum(counts[c] for c in CATEGORIES)
    return counts


def table_three(
    year: int, *, organisation: Organisation | None = None, district: Organisation | None = None
) -> dict:
    """Rows 一 to 四 of table 三 for ``year``: an organisation's applications, or a district's."""
    applications = applications_of(organisation=organisation, district=district)
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


def table_four(
    year: int, *, organisation: Organisation | None = None, district: Organisation | None = None
) -> dict[str, dict[str, int]]:
    """Table 四: review and litigation cases filed in ``year``, by kind and result."""
    applications = applications_of(organisation=organisation, district=district)
    cases = ReviewCase.objects.filter(application__in=applications, filed_on__year=year)
    counts = {k: dict.fromkeys(ReviewResult.values, 0) for k in ReviewKind.values}
    for row in cases.values("kind", "result").annotate(n=Count("pk")):
        counts[row["kind"]][row["result"]] = row["n"]
    for kind in counts:
        counts[kind]["total"] = sum(counts[kind][r] for r in ReviewResult.values)
    return counts


def fees_collected(
    year: int, *, organisation: Organisation | None = None, district: Organisation | None = None
) -> Decimal:
    """Processing fees actually paid in ``year`` (section 六 of the report)."""
    applications = applications_of(organisation=organisation, district=district)
    paid = ClockStop.objects.filter(
        application__in=applications, kind=PauseKind.FEE, ended_on__year=year, fee_amount__isnull=False
    ).aggregate(total=Sum("fee_amount"))["total"]
    return paid or Decimal(0)


# --- what each cell of tables 三 and 四 counts, and what breaks the balance ----------------------

# Row keys of table 三 beyond the outcomes themselves: the row groups (（一）…（六）) and the totals.
ROW_KEYS = ("new", "carried_in", "results_total", "carried_out")


def cell_applications(
    year: int,
    row: str,
    column: str,
    *,
    organisation: Organisation | None = None,
    district: Organisation | None = None,
) -> QuerySet[Application]:
    """The applications counted in one cell of table 三: ``row`` is ``new``, ``carried_in``,
    ``carried_out``, ``results_total``, an outcome (``withhold_6`` …) or a row group
    (``withhold``, ``other`` …); ``column`` an applicant category or ``total``. The same filters
    as ``table_three``, so the list has exactly as many entries as the cell says."""
    applications = applications_of(organisation=organisation, district=district)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if row == "new":
        qs = applications.filter(received_on__gte=start, received_on__lte=end)
    elif row == "carried_in":
        qs = applications.filter(received_on__lt=start).filter(
            Q(replied_on__isnull=True) | Q(replied_on__gte=start)
        )
    elif row == "carried_out":
        qs = applications.filter(received_on__lte=end).filter(
            Q(replied_on__isnull=True) | Q(replied_on__gt=end)
        )
    else:
        closed_in_year = applications.filter(replied_on__gte=start, replied_on__lte=end)
        groups = {key for key, _label in GROUPS}
        if row == "results_total":
            outcomes = list(Outcome.values)
        elif row in groups:
            outcomes = [o for o in Outcome.values if INFO[o].group == row]
        elif row in Outcome.values:
            outcomes = [row]
        else:
            raise ValueError(f"unknown row {row!r}")
        qs = closed_in_year.filter(outcome__in=outcomes)
    if column != "total":
        if column not in CATEGORIES:
            raise ValueError(f"unknown column {column!r}")
        qs = qs.filter(category=column)
    return qs.order_by("received_on", "pk")


def unbalanced(
    year: int, *, organisation: Organisation | None = None, district: Organisation | None = None
) -> list[tuple[Application, str]]:
    """The applications that break 一 + 二 = 三 + 四 in ``year``, each with the reason in words:

    - replied in the year without an official outcome (counted on the left, in no result row);
    - replied in the year but received after it (a result of an application never received);
    - received in the year but replied before it (received, yet neither a result nor carried over).
    """
    applications = applications_of(organisation=organisation, district=district)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    found: list[tuple[Application, str]] = []
    no_outcome = applications.filter(replied_on__gte=start, replied_on__lte=end, received_on__lte=end).exclude(
        outcome__in=Outcome.values
    )
    found += [(a, "已答复但没有办理结果（不计入任何结果行）") for a in no_outcome]
    late = applications.filter(replied_on__gte=start, replied_on__lte=end, received_on__gt=end)
    found += [(a, "答复日期早于收到申请之日（本年答复、次年收到）") for a in late]
    early = applications.filter(received_on__gte=start, received_on__lte=end, replied_on__lt=start)
    found += [(a, "答复日期早于收到申请之日（本年收到、上年答复）") for a in early]
    return sorted(found, key=lambda pair: (pair[0].received_on, pair[0].pk))


def review_cases(
    year: int,
    kind: str,
    result: str,
    *,
    organisation: Organisation | None = None,
    district: Organisation | None = None,
) -> QuerySet[ReviewCase]:
    """The cases counted in one cell of table 四 (``result`` may be ``total``)."""
    applications = applications_of(organisation=organisation, district=district)
    cases = ReviewCase.objects.filter(application__in=applications, filed_on__year=year, kind=kind)
    if result != "total":
        cases = cases.filter(result=result)
    return cases.select_related("application").order_by("filed_on", "pk")


def received_by_month(
    start: dt.date,
    end: dt.date,
    *,
    district: Organisation | int,
    organisation_ids: frozenset[int] | None = None,
) -> dict[dt.date, int]:
    """Applications received (收到申请之日) from ``start`` to ``end`` inclusive per month (by its
    first day; months without one left out): a district's, or those the organisations
    ``organisation_ids`` handle."""
    district_id = district if isinstance(district, int) else district.pk
    applications = Application.objects.filter(
        district_id=district_id, received_on__gte=start, received_on__lte=end
    )
    if organisation_ids is not None:
        applications = applications.filter(organisation_id__in=organisation_ids)
    counts: Counter[dt.date] = Counter()
    for received_on, n in (
        applications.order_by().values("received_on").annotate(n=Count("pk")).values_list("received_on", "n")
    ):
        counts[received_on.replace(day=1)] += n
    return dict(counts)


# --- deadlines, for supervision (督查): what is open and how it stands, and replies on time ------


@dataclass(frozen=True)
class OpenDeadline:
    """An open application as it stands on a day (``todos.deadline_state``, the one rule)."""

    application_id: int
    number: str
    organisation_id: int
    organisation_name: str
    received_on: dt.date
    due: dt.date | None
    overdue: bool
    days_left: int | None  # working days to the due date (negative once past); None while paused


def open_deadlines(
    today: dt.date, *, organisation: Organisation | None = None, district: Organisation | None = None
) -> list[OpenDeadline]:
    """The open applications of an organisation or a district and their deadlines on ``today``."""
    from gongkai.applications.todos import open_states

    return [
        OpenDeadline(
            s.app.pk,
            s.app.number,
            s.app.organisation_id,
            s.app.organisation.name,
            s.app.received_on,
            s.due,
            s.overdue,
            s.days_left,
        )
        for s in open_states(applications_of(organisation=organisation, district=district), today)
    ]


@dataclass(frozen=True)
class ReplyTimeliness:
    replied: int
    on_time: int


def reply_timeliness(
    start: dt.date, end: dt.date, *, district: Organisation
) -> dict[int, ReplyTimeliness]:
    """Per handling organisation: applications replied from ``start`` to ``end`` (both included)
    and how many of them by their due date (a reply after it is late, ``todos.deadline_state``)."""
    from gongkai.applications.todos import deadline_state

    replied: Counter[int] = Counter()
    on_time: Counter[int] = Counter()
    for app in (
        applications_of(district=district)
        .filter(status=Status.CLOSED, replied_on__gte=start, replied_on__lte=end)
        .prefetch_related("clock_stops")
    ):
        replied[app.organisation_id] += 1
        if not deadline_state(app, end).late_reply:
            on_time[app.organisation_id] += 1
    return {org_id: ReplyTimeliness(n, on_time[org_id]) for org_id, n in replied.items()}
