"""The office's dashboard (the workbench home, above the to-do list): the district at a glance, or
for a department's staff the same of their own organisation. Every figure comes from an app's
stats.py (or the findings) and links to the records behind it. A panel whose app is not
installed is left out."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Min

from gongkai.orgs.models import Organisation, with_descendants
from gongkai.supervision import scorecards
from gongkai.supervision.checks import link
from gongkai.supervision.models import Finding


@dataclass
class Dashboard:
    organisation: Organisation
    office: bool  # the district as a whole (the ranking shown)
    today: dt.date
    week_end: dt.date
    findings_total: int = 0
    findings_by_unit: list[dict] = field(default_factory=list)
    applications: dict | None = None
    tickets: dict | None = None
    ranking: list[scorecards.Scorecard] = field(default_factory=list)
    own_cards: list[scorecards.Scorecard] = field(default_factory=list)
    period: scorecards.Period | None = None
    columns: list[dict] | None = None
    budgets: dict | None = None
    city: list | None = None  # the districts side by side, for the city's office (``city.rows``)


def _installed(name: str) -> bool:
    return apps.is_installed(f"gongkai.{name}")


def build(organisation: Organisation, today: dt.date, *, office: bool) -> Dashboard:
    district = (
        organisation if organisation.is_district else Organisation.objects.get(pk=organisation.district_id)
    )
    ids = None if office else with_descendants({organisation.pk})
    week_end = today + dt.timedelta(days=6 - today.weekday())
    board = Dashboard(organisation, office, today, week_end)

    findings = Finding.objects.filter(district=district, closed_on__isnull=True)
    if ids is not None:
        findings = findings.filter(unit_id__in=ids)
    rows = (
        findings.order_by()
        .values("unit_id", "unit__name")
        .annotate(n=Count("pk"), oldest=Min("since"))
        .order_by("-n", "unit__name")
    )
    board.findings_by_unit = [
        {
            "name": r["unit__name"],
            "count": r["n"],
            "oldest": r["oldest"],
            "url": link("supervision_staff:findings", query={"unit": r["unit_id"]}),
        }
        for r in rows
    ]
    board.findings_total = sum(r["count"] for r in board.findings_by_unit)

    if _installed("applications"):
        from gongkai.applications import stats as application_stats

        states = application_stats.open_deadlines(today, district=district)
        if ids is not None:
            states = [s for s in states if s.organisation_id in ids]
        board.applications = {
            "open": len(states),
            "overdue": sum(s.overdue for s in states),
            "this_week": sum(1 for s in states if not s.overdue and s.due and s.due <= week_end),
            "list_url": link("applications_staff:list"),
            "overdue_url": link("applications_staff:list", query={"quick": "overdue"}),
            "soon_url": link("applications_staff:list", query={"quick": "soon"}),
        }
    if _installed("hotline"):
        from gongkai.hotline import stats as hotline_stats

        waiting = hotline_stats.waiting_tickets(district, today)
        if ids is not None:
            waiting = [t for t in waiting if t.lead_id in ids]
        board.tickets = {
            "open": len(waiting),
            "overdue": sum(t.overdue for t in waiting),
            "this_week": sum(1 for t in waiting if not t.overdue and t.due and t.due <= week_end),
            "list_url": link("hotline_staff:list", query={"status": "dispatched"}),
            "overdue_url": link("hotline_staff:list", query={"quick": "overdue"}),
        }

    board.period = scorecards.Period(dt.date(today.year, 1, 1), today, f"{today.year}年")
    if office:
        board.ranking = scorecards.scorecards(district, board.period)
    else:
        units = [
            u
            for u in scorecards.units_of(district)
            if u.pk in ids or organisation.pk in with_descendants({u.pk})
        ]
        board.own_cards = [scorecards.scorecard(u, board.period) for u in units]

    if _installed("catalog"):
        from gongkai.catalog import stats as catalog_stats

        scope = catalog_stats.Scope.of(organisation)
        month = catalog_stats.Period(today.replace(day=1), today)
        published = catalog_stats.published(scope, month).by_column
        board.columns = [
            {
                "name": r.column.name,
                "cycle": r.column.update_cycle,
                "this_month": published.get(r.column.pk, 0),
                "last": r.last,
                "due": r.due,
                "status": r.status,
                "label": r.label,
                "url": link("catalog_staff:items", query={"column": r.column.pk}),
            }
            for r in catalog_stats.column_freshness(scope, today)
        ]
        order = {"overdue": 0, "soon": 1, "normal": 2, "ok": 3}
        board.columns.sort(key=lambda c: order.get(c["status"], 9))
    if _installed("finance"):
        from gongkai.finance import stats as finance_stats

        completeness = finance_stats.completeness(organisation, today.year, today=today)
        late = Counter(r.unit.name for r in completeness.rows if r.late)
        board.budgets = {
            "year": today.year,
            "units": completeness.units,
            "complete": completeness.complete,
            "late": completeness.late,
            "late_units": sorted(late),
            "url": link("finance_staff:board", query={"year": today.year}),
            "late_url": link("finance_staff:board", query={"year": today.year, "only": "late"}),
        }
    return board
