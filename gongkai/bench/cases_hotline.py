"""Benchmark: the monthly bulletins of a city-scale year against the plain queries they rest on.

The data: ten districts with a year of tickets each (the demo step's ``bulk_year``, the seed's
15,417 calls and 183 letters: about 156,000 tickets), generated once into the benchmark's
throwaway database. ``--quick``: two districts with 2,000 calls each.

Subject: ``monthly_bulletin`` for every district and month (120 bulletins), everything included —
due dates in Python, the last-callback subquery, the duty table, keyword segmentation.
Baseline: for the same district-months, the plain queries whose numbers a bulletin prints,
executed and fetched: the COUNT … GROUP BYs by channel and status, by lead unit, by category and
by duty shift; the lead units' satisfaction at the last callback (GROUP BY over a subquery); the
dispatch and reply times of the dispatched tickets (due dates are counted in working days, which
SQL cannot); the tickets' kept keywords. The ratio (bulletins per second ÷ query sets per second)
says how much a bulletin costs beyond reading its rows (goal ≥ 0.5); details give the split
(without keywords, the SQL alone) and the ratio to the four COUNT/GROUP BYs alone, this
benchmark's first baseline.
"""

from __future__ import annotations

import random
import time

from gongkai.bench.registry import Ratio, benchmark
from gongkai.bench.runner import BenchRun

YEAR = 2018
CITY = ["北湖区", "苏仙区", "东江区", "南岭区", "西河区", "青山区", "白鹭区", "金桂县", "云台县", "石门县"]


def _specs(n: int):
    from gongkai.demo.district import BEIHU, DistrictSpec

    return [BEIHU] + [
        DistrictSpec(name=name, city="郴州市", region=f"4310{20 + i:02d}", host=f"d{i}.localhost")
        for i, name in enumerate(CITY[1:n], start=1)
    ]


def _fill(n_districts: int, calls: int, letters: int) -> None:
    from gongkai.demo.district import build_district
    from gongkai.hotline.demo_steps import bulk_year
    from gongkai.hotline.models import Ticket

    for spec in _specs(n_districts):
        district = build_district(spec, with_accounts=False)
        if not Ticket.objects.filter(district=district, received_at__year=YEAR).exists():
            bulk_year(district, YEAR, calls, letters, random.Random(f"bench-{spec.region}"))


def fill_city() -> None:
    _fill(10, 15_417, 183)


def fill_quick() -> None:
    _fill(2, 2_000, 50)


def _districts(n: int):
    from gongkai.orgs.models import Organisation

    codes = [s.region for s in _specs(n)]
    return [d for d in Organisation.objects.filter(kind="district").order_by("pk") if d.code[2:8] in codes]


def plain_queries(district, month: int, *, counts_only: bool = False) -> int:
    """The plain queries behind a bulletin's figures, fetched; returns rows read: the COUNT/GROUP
    BYs by channel and status, by lead unit, by category and by duty shift; and (unless
    ``counts_only``, the baseline this benchmark had first) the lead units' satisfaction at each
    ticket's last callback (a GROUP BY over a subquery), each dispatched ticket's dispatch and
    reply times (its due date is counted in working days, which SQL cannot) and the matters' kept
    keywords — the other figures a bulletin prints."""
    from django.db.models import Count, OuterRef, Q, Subquery

    from gongkai.hotline.bulletins import month_tickets
    from gongkai.hotline.models import Callback, Status, Ticket

    tickets = month_tickets(district, YEAR, month).order_by()
    closed = Count("pk", filter=Q(status=Status.CLOSED))
    rows = list(tickets.values("channel").annotate(n=Count("pk"), closed=closed))
    rows += list(tickets.values("lead_id").annotate(n=Count("pk"), closed=closed))
    rows += list(tickets.values("category_id").annotate(n=Count("pk")))
    rows += list(
        Ticket.objects.filter(duty__district=district, duty__date__year=YEAR, duty__date__month=month)
        .order_by()
        .values("duty_id")
        .annotate(n=Count("pk"), closed=closed)
    )
    if counts_only:
        return len(rows)
    last = (
        Callback.objects.filter(ticket=OuterRef("pk"), reached=True)
        .order_by("-at", "-pk")
        .values("satisfaction")[:1]
    )
    rows += list(
        tickets.filter(lead__isnull=False).annotate(last=Subquery(last)).filter(last__isnull=False)
        .values("lead_id", "last").annotate(n=Count("pk"))
    )  # fmt: skip
    rows += list(
        tickets.filter(lead__isnull=False, dispatched_at__isnull=False).values_list(
            "lead_id", "dispatched_at", "replied_at", "urgency", "extension_days"
        )
    )
    rows += list(tickets.values_list("keywords", flat=True))
    return len(rows)


def _timed(func, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t)
    return best


@benchmark(
    "hotline_bulletins", "12 monthly bulletins per district, city-scale year vs their plain GROUP BY queries"
)
def hotline_bulletins(run: BenchRun) -> Ratio:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.hotline.bulletins import monthly_bulletin
    from gongkai.hotline.models import Ticket

    quick = run.quick or run.minimal_data
    n = 2 if quick else 10
    run.site(fill=fill_quick if quick else fill_city)
    districts = _districts(n)
    months = range(1, 13)
    tickets = Ticket.objects.filter(district__in=districts, received_at__year=YEAR).count()
    jobs = [(d, m) for d in districts for m in months]
    for d, m in jobs[:2]:  # warm the calendar, the settings rows and the segmenter's dictionary
        monthly_bulletin(d, YEAR, m)
        plain_queries(d, m)

    repeats = 1 if quick else 3
    t_bulletins = _timed(lambda: [monthly_bulletin(d, YEAR, m) for d, m in jobs], repeats)
    t_plain = _timed(lambda: [plain_queries(d, m) for d, m in jobs], repeats)
    t_counts = _timed(lambda: [plain_queries(d, m, counts_only=True) for d, m in jobs], repeats)
    t_no_keywords = _timed(lambda: [monthly_bulletin(d, YEAR, m, keywords=False) for d, m in jobs], repeats)
    # The bulletin's own SQL, replayed and fetched without any Python on top.
    with CaptureQueriesContext(connection) as captured:
        for d, m in jobs:
            monthly_bulletin(d, YEAR, m)
    statements = [q["sql"] for q in captured.captured_queries]

    def replay() -> None:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

    t_sql = _timed(replay, repeats)
    return Ratio(
        subject="monthly bulletins (monthly_bulletin)",
        subject_rate=len(jobs) / t_bulletins,
        baseline="their plain queries for the same months",
        baseline_rate=len(jobs) / t_plain,
        unit="months/s",
        details={
            "subject_short": "bulletins",
            "baseline_short": "queries",
            "tickets": tickets,
            "districts": len(districts),
            "months": len(jobs),
            "seconds_bulletins": round(t_bulletins, 3),
            "seconds_plain_queries": round(t_plain, 3),
            "seconds_counts_only": round(t_counts, 3),
            "ratio_to_counts_only": round(t_counts / t_bulletins, 3),
            "seconds_bulletins_without_keywords": round(t_no_keywords, 3),
            "seconds_bulletin_sql_replayed": round(t_sql, 3),
            "queries_per_bulletin": round(len(statements) / len(jobs), 1),
        },
    )
