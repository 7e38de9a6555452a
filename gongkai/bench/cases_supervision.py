"""Benchmarks of supervision (督查考核) at the scale of a city's year (``citydata``: ten districts,
about 120,000 items, 156,000 tickets and 6,000 applications of 2018), each at two sizes of data in
one run: the city's first district alone (its own cached database) and the ten districts.

* ``supervision_checks``: the daily run of the timeliness checks (``actions.run_checks`` of every
  district on ``citydata.TODAY``, in its steady state: the findings of the day before are there
  and kept), against the raw queries the rules need — for each rule, the one query that fetches
  the rows it judges (the columns' last publication, the items first published within the
  window with their written dates, the open applications and tickets with their dates, the
  rules and normative documents without validity, the budget disclosures, the decisions and
  service guides) and the district's open findings — executed and fetched.
* ``supervision_scorecards``: the year's scorecards of every district (``scorecards.scorecards``,
  ranked, all indicators), against the raw queries behind them: items first published in the
  year with their written dates, applications replied in the year with their dates, tickets of
  the year per lead unit and state and satisfaction (GROUP BY), the budget disclosures, and the
  findings that stood in the year.

The ratio is runs per second ÷ query sets per second at ten districts (goal ≥ 0.5: at most twice
the cost of the queries); details give both sizes' seconds per district and rows, and the growth
factor (time ratio ÷ data ratio between the sizes; goal ≤ 1.2, 1 is linear). Everything a run
writes (the checks' findings, their audit events) is rolled back, so the cached file stays as
built. ``--quick``: a twentieth of the data (1 and 2 districts).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from gongkai.bench import citydata
from gongkai.bench.registry import Ratio, benchmark
from gongkai.bench.runner import BenchRun

SMALL, LARGE = 1, 10
QUICK_LARGE = 2


def _timed(func: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t)
    return best


def growth(small: tuple[float, int], large: tuple[float, int]) -> float:
    """How much faster than the data the time grew: (time ratio) ÷ (data ratio); 1 is linear."""
    (t_small, rows_small), (t_large, rows_large) = small, large
    if not t_small or not rows_small or not rows_large:
        return float("nan")
    return (t_large / t_small) / (rows_large / rows_small)


# ---- the raw queries ----


def check_queries(district, today: dt.date = citydata.TODAY) -> int:
    """For each rule, the one query fetching the rows it judges; returns the rows read."""
    from django.db.models import Max

    from gongkai.applications.models import Application
    from gongkai.applications.models import Status as ApplicationStatus
    from gongkai.catalog.models import Column, DocKind, Item, Validity, Version
    from gongkai.finance.models import Disclosure
    from gongkai.hotline.models import Status as TicketStatus
    from gongkai.hotline.models import Ticket
    from gongkai.supervision.models import Finding, settings_of

    settings = settings_of(district)
    rows = list(
        Finding.objects.filter(district=district, closed_on__isnull=True).values_list(
            "pk", "rule", "object_type", "object_id", "unit_id", "since"
        )
    )
    rows += list(
        Column.objects.filter(district=district, is_active=True).values_list(
            "pk", "parent_id", "update_cycle"
        )
    )
    rows += list(
        Version.objects.filter(item__district=district, published_at__isnull=False).order_by()
        .values("column_id").annotate(last=Max("published_at")).values_list("column_id", "last")
    )  # fmt: skip
    since = today - dt.timedelta(days=settings.late_publication_window_days)
    rows += list(
        Item.objects.filter(district=district, live__isnull=False, live__written_date__isnull=False,
                            first_published_at__date__gte=since)
        .values_list("pk", "live__title", "organisation_id", "live__written_date", "first_published_at")
    )  # fmt: skip
    rows += list(
        Item.objects.filter(district=district, live__doc_kind__in=[DocKind.RULE, DocKind.NORMATIVE],
                            live__validity=Validity.NOT_APPLICABLE).values_list("pk", "live__title")
    )  # fmt: skip
    rows += list(
        Application.objects.filter(district=district).exclude(status=ApplicationStatus.CLOSED)
        .values_list("pk", "number", "organisation_id", "received_on")
    )  # fmt: skip
    rows += list(
        Ticket.objects.filter(district=district, status=TicketStatus.DISPATCHED, dispatched_at__isnull=False)
        .values_list("pk", "number", "lead_id", "dispatched_at", "urgency", "extension_days")
    )  # fmt: skip
    rows += list(
        Disclosure.objects.filter(district=district).values_list("unit_id", "kind", "fiscal_year", "approved_on", "state")
    )  # fmt: skip
    rows += _optional_rows(district, today)
    return len(rows)


def _optional_rows(district, today: dt.date) -> list:
    """The decisions and service guides the rules of those apps judge, where they are installed."""
    from django.apps import apps

    rows: list = []
    if apps.is_installed("gongkai.decisions"):
        from gongkai.decisions.models import Decision

        rows += list(
            Decision.objects.filter(organisation__district=district, decided_on__gte=today - dt.timedelta(days=366))
            .values_list("pk", "decided_on")
        )  # fmt: skip
    if apps.is_installed("gongkai.services"):
        from gongkai.services.models import ServiceItem

        rows += list(ServiceItem.objects.filter(organisation__district=district).values_list("pk", "name"))
    return rows


def scorecard_queries(district, year: int = citydata.YEAR) -> int:
    """The queries behind a year's scorecards, fetched; returns the rows read."""
    from django.db.models import Count, Q

    from gongkai.applications.models import Application
    from gongkai.applications.models import Status as ApplicationStatus
    from gongkai.catalog.models import Item
    from gongkai.finance.models import Disclosure
    from gongkai.hotline.models import Ticket
    from gongkai.orgs.models import Organisation
    from gongkai.supervision.models import Finding

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = list(Organisation.objects.filter(district=district).values_list("pk", "parent_id", "kind"))
    rows += list(
        Item.objects.filter(district=district, live__isnull=False, live__written_date__isnull=False,
                            first_published_at__year=year)
        .values_list("organisation_id", "live__written_date", "first_published_at")
    )  # fmt: skip
    rows += list(
        Application.objects.filter(district=district, status=ApplicationStatus.CLOSED,
                                   replied_on__gte=start, replied_on__lte=end)
        .values_list("organisation_id", "received_on", "replied_on")
    )  # fmt: skip
    rows += list(
        Ticket.objects.filter(district=district, received_at__year=year).order_by()
        .values("lead_id", "status").annotate(n=Count("pk"))
    )  # fmt: skip
    rows += list(
        Disclosure.objects.filter(district=district).values_list("unit_id", "kind", "fiscal_year", "approved_on", "state")
    )  # fmt: skip
    rows += list(
        Finding.objects.filter(district=district, since__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .values_list("unit_id", "since", "closed_on")
    )  # fmt: skip
    return len(rows)


# ---- the subjects ----


def run_daily_checks(district) -> None:
    from gongkai.supervision.actions import run_checks

    run_checks(district, today=citydata.TODAY)


def year_scorecards(district) -> None:
    from gongkai.supervision.scorecards import Period, scorecards

    scorecards(district, Period.parse(str(citydata.YEAR), citydata.TODAY))


# ---- the measurement ----


def _measure(districts, subject, baseline, repeats: int) -> dict:
    """Subject and baseline over ``districts`` (after a first pass of each: the day's findings
    in place, the calendar and settings cached), inside a transaction rolled back."""
    from django.db import transaction

    with transaction.atomic():
        for district in districts:
            subject(district)
            baseline(district)
        t_subject = _timed(lambda: [subject(d) for d in districts], repeats)
        t_baseline = _timed(lambda: [baseline(d) for d in districts], repeats)
        rows = sum(citydata.rows_of(d) for d in districts)
        transaction.set_rollback(True)
    return {"subject": t_subject, "baseline": t_baseline, "rows": rows, "districts": len(districts)}


def compare_at_two_sizes(run: BenchRun, subject, baseline, *, subject_name: str, baseline_name: str) -> Ratio:
    quick = run.quick or run.minimal_data
    run.site()  # the throwaway site is set up (and Django's connection configured) first
    sizes = (SMALL, QUICK_LARGE if quick else LARGE)
    repeats = 1 if quick else 3
    measured, built = {}, {}
    for n in sizes:
        path, info = citydata.city_database(n, quick)
        built[n] = {"file": info["file"], "cached": info["cached"], "build_seconds": info["build_seconds"]}
        with citydata.use_city(path):
            measured[n] = _measure(citydata.districts(n), subject, baseline, repeats)
    small, large = measured[sizes[0]], measured[sizes[1]]
    return Ratio(
        subject=subject_name,
        subject_rate=large["districts"] / large["subject"],
        baseline=baseline_name,
        baseline_rate=large["districts"] / large["baseline"],
        unit="districts/s",
        details={
            "subject_short": "runs",
            "baseline_short": "queries",
            "size": "quick" if quick else "full",
            **{
                f"{m['districts']}_districts": {
                    "rows": m["rows"],
                    "seconds_subject": round(m["subject"], 3),
                    "seconds_raw_queries": round(m["baseline"], 3),
                    "cost_over_raw": round(m["subject"] / m["baseline"], 2) if m["baseline"] else None,
                }
                for m in (small, large)
            },
            "growth_over_data": round(
                growth((small["subject"], small["rows"]), (large["subject"], large["rows"])), 2
            ),
            "databases": built,
        },
    )


@benchmark(
    "supervision_checks", "the daily checks of a city-scale year (1 and 10 districts) vs their raw queries"
)
def supervision_checks(run: BenchRun) -> Ratio:
    return compare_at_two_sizes(
        run,
        run_daily_checks,
        check_queries,
        subject_name="daily supervision checks (run_checks)",
        baseline_name="the rows each rule judges, raw queries",
    )


@benchmark(
    "supervision_scorecards", "a city-scale year's unit scorecards (1 and 10 districts) vs their raw queries"
)
def supervision_scorecards(run: BenchRun) -> Ratio:
    return compare_at_two_sizes(
        run,
        year_scorecards,
        scorecard_queries,
        subject_name="year scorecards (scorecards.scorecards)",
        baseline_name="their raw queries",
    )
