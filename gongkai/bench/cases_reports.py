"""Benchmark: the annual report of each district of a city-scale year against the raw aggregate
queries its figures rest on, at two sizes of data in one run.

The data: ten districts built like the demo's (``build_district``), each with published items (the
catalog's bench generator, spread over 2013–2019), a year of hotline tickets (the hotline demo's
``bulk_year``) and disclosure applications with their outcomes, carry-over and review cases. The
first half of the districts get the base size, the second half twice as much of everything, so
the time per district at the two sizes says whether the report grows faster than its data.
``--quick``: two districts (one at each size), small. ``GONGKAI_BENCH_REPORTS=full``: the issue's
full city (about 120,000 items of the year, 150,000 tickets, several thousand applications; it
takes long to generate). Service cases are not generated here: the service-case import has its
own benchmark, and the report reads them through one aggregate of ``services/stats.py``.

Subject: ``reports.figures.compute(district, 2018)`` — every figure of the district's report, the
checks and the carry-over included. Baseline: for the same district, the plain COUNT … GROUP BY
queries whose numbers the report prints (applications per outcome and category, received, carried
in and out; review cases per kind and result; items published per column; tickets per channel and
status; power changes per kind; and the registries' — procurement projects per type and method
with their notices, budget units' disclosures, publicity lists and rows per kind, service cases
received, accepted, completed and rated, sector figures, fees), executed and fetched. The ratio
is reports per second ÷ query sets per second (goal: the report costs at most twice its queries, i.e. ratio ≥ 0.5); details
give each size's seconds per district and rows, and the growth factor (time ratio ÷ data ratio,
goal ≤ 1.2).

``annual_report_city``: the same report and queries on ``citydata``'s city-scale year (each district
with all its units; the first district alone, then the ten), like the supervision benchmarks.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time

from gongkai.bench.registry import Ratio, benchmark
from gongkai.bench.runner import BenchRun

YEAR = 2018
CITY = ["北湖区", "苏仙区", "东江区", "南岭区", "西河区", "青山区", "白鹭区", "金桂县", "云台县", "石门县"]
# Per district at the base size: items generated (about a seventh are of the year), calls, letters,
# applications.
SIZES = {
    "quick": (3_000, 1_500, 40, 120),
    "default": (14_000, 5_000, 120, 300),
    "full": (84_000, 15_417, 183, 600),
}


def _size(run: BenchRun) -> tuple[str, int]:
    if run.quick or run.minimal_data:
        return "quick", 2
    return ("full" if os.environ.get("GONGKAI_BENCH_REPORTS") == "full" else "default"), 10


def _specs(n: int):
    from gongkai.demo.district import BEIHU, DistrictSpec

    return [BEIHU] + [
        DistrictSpec(name=name, city="郴州市", region=f"4310{20 + i:02d}", host=f"d{i}.localhost")
        for i, name in enumerate(CITY[1:n], start=1)
    ]


def _applications(district, count: int, rng: random.Random) -> None:
    """``count`` applications of the district's departments around 2018 (about a tenth still open
    at its end), with review cases for some, written straight into the tables."""
    from gongkai.applications.models import ApplicantType, Application, ReviewCase, Status
    from gongkai.applications.outcomes import ApplicantCategory, Outcome
    from gongkai.orgs.models import Organisation, OrgKind

    departments = list(Organisation.objects.filter(district=district, kind=OrgKind.DEPARTMENT)) or [district]
    apps = []
    for n in range(count):
        received = dt.date(2017, 10, 1) + dt.timedelta(days=rng.randrange(0, 520))
        replied = received + dt.timedelta(days=rng.randrange(1, 40)) if rng.random() < 0.9 else None
        category = rng.choice(ApplicantCategory.values)
        apps.append(
            Application(
                district=district,
                organisation=rng.choice(departments),
                number=f"B{district.code[2:8]}-{n:06d}",
                query_code_hash=f"{n:064d}",
                status=Status.CLOSED if replied else Status.PROCESSING,
                channel="online",
                received_on=received,
                applicant_type=ApplicantType.NATURAL if category == "natural" else ApplicantType.LEGAL,
                category=category,
                name="",
                phone="",
                description="所需政府信息",
                outcome=rng.choice(Outcome.values) if replied else "",
                replied_on=replied,
            )
        )
    Application.objects.bulk_create(apps, batch_size=1000)
    ReviewCase.objects.bulk_create(
        [
            ReviewCase(application=a, kind=rng.choice(["review", "direct_suit", "suit_after_review"]),
                       filed_on=a.replied_on + dt.timedelta(days=20), result=rng.choice(["maintained", "corrected", "pending"]))
            for a in apps[: count // 20]
            if a.replied_on
        ],
        batch_size=1000,
    )  # fmt: skip


def _fill(size: str, n: int) -> None:
    from gongkai.applications.models import Application
    from gongkai.catalog import benchdata
    from gongkai.demo.district import build_district
    from gongkai.hotline.demo_steps import bulk_year

    items, calls, letters, applications = SIZES[size]
    for index, spec in enumerate(_specs(n)):
        factor = 1 if index < n // 2 else 2
        district = build_district(spec, with_accounts=False)
        if Application.objects.filter(district=district, number__startswith="B").exists():
            continue  # filled by an earlier run of this fill
        rng = random.Random(f"bench-reports-{spec.region}")
        benchdata.generate(items * factor, district=district, seed=int(spec.region), rebuild_fts=False)
        bulk_year(district, YEAR, calls * factor, letters * factor, rng, roster=False)
        _applications(district, applications * factor, rng)


def _districts(n: int):
    from gongkai.orgs.models import Organisation

    codes = [s.region for s in _specs(n)]
    found = {d.code[2:8]: d for d in Organisation.objects.filter(kind="district")}
    return [found[c] for c in codes if c in found]


def raw_queries(district) -> int:
    """The COUNT/GROUP BY queries behind the report's figures, fetched; returns the rows read."""
    from django.db.models import Count, Q

    from gongkai.applications.models import Application, ReviewCase
    from gongkai.catalog.models import Version
    from gongkai.hotline.models import Ticket
    from gongkai.powers.models import PowerChange

    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    apps = Application.objects.filter(district=district).order_by()
    rows = list(
        apps.filter(replied_on__gte=start, replied_on__lte=end)
        .values("outcome", "category")
        .annotate(n=Count("pk"))
    )
    rows += list(
        apps.filter(received_on__gte=start, received_on__lte=end).values("category").annotate(n=Count("pk"))
    )
    rows += list(
        apps.filter(received_on__lt=start).filter(Q(replied_on__isnull=True) | Q(replied_on__gte=start))
        .values("category").annotate(n=Count("pk"))
    )  # fmt: skip
    rows += list(
        apps.filter(received_on__lte=end).filter(Q(replied_on__isnull=True) | Q(replied_on__gt=end))
        .values("category").annotate(n=Count("pk"))
    )  # fmt: skip
    rows += list(
        ReviewCase.objects.filter(application__district=district, filed_on__year=YEAR).order_by()
        .values("kind", "result").annotate(n=Count("pk"))
    )  # fmt: skip
    versions = Version.objects.filter(item__district=district, published_at__year=YEAR).order_by()
    rows += list(versions.values("column__report_group").annotate(n=Count("item_id", distinct=True)))
    rows.append(versions.aggregate(n=Count("item_id", distinct=True)))
    rows += list(
        Ticket.objects.filter(district=district, received_at__year=YEAR).order_by()
        .values("channel", "status").annotate(n=Count("pk"))
    )  # fmt: skip
    rows += list(
        PowerChange.objects.filter(power__district=district, effective_on__year=YEAR).order_by()
        .values("kind").annotate(n=Count("pk"))
    )  # fmt: skip
    return len(rows) + registry_queries(district)


def registry_queries(district) -> int:
    """The key-area registries' aggregates behind the report's narrative figures (procurement,
    budgets, publicity, services, sectors, fees), fetched; returns the rows read."""
    from django.db.models import Count, F, Q, Sum

    from gongkai.finance.models import Disclosure, FeeCollection
    from gongkai.orgs.models import Organisation, OrgKind
    from gongkai.procurement.models import Notice, Project
    from gongkai.publicity.models import Publicity, PublicRow
    from gongkai.sectors.models import Figure
    from gongkai.services.models import ServiceCase

    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    rows = list(
        Notice.objects.filter(project__district=district).values_list("project_id", "kind", "item_id")
    )
    money = {"n": Count("pk"), "budget": Sum("budget"), "contract": Sum("contract_amount")}
    rows += list(
        Project.objects.filter(district=district, year=YEAR)
        .order_by()
        .values("type", "method")
        .annotate(**money)
    )
    rows += list(
        Organisation.objects.filter(district=district, kind=OrgKind.BUDGET_UNIT).values_list(
            "pk", "parent_id"
        )
    )
    rows += list(
        Disclosure.objects.filter(district=district, fiscal_year__in=[YEAR, YEAR - 1])
        .values_list("unit_id", "level", "kind", "fiscal_year", "approved_on", "state")
    )  # fmt: skip
    publicity = Publicity.objects.filter(district=district, year=YEAR)
    rows += list(publicity.order_by().values("kind").annotate(n=Count("pk")))
    rows += list(
        PublicRow.objects.filter(publicity__in=publicity).order_by().values("publicity__kind")
        .annotate(households=Count("pk"), people=Sum("people"), amount=Sum("amount"))
    )  # fmt: skip
    cases = ServiceCase.objects.filter(source__district=district).order_by()
    rows.append(
        cases.filter(received_on__gte=start, received_on__lte=end).aggregate(n=Count("pk"), v=Sum("visits"))
    )
    rows.append(cases.filter(accepted_on__gte=start, accepted_on__lte=end).aggregate(n=Count("pk")))
    rows.append(
        cases.filter(completed_on__gte=start, completed_on__lte=end).aggregate(
            n=Count("pk"), on_time=Count("pk", filter=Q(completed_on__lte=F("due_on"))), one=Count("pk", filter=Q(visits__lte=1))
        )
    )  # fmt: skip
    rows += list(
        cases.exclude(rating="").filter(completed_on__gte=start, completed_on__lte=end)
        .values("rating").annotate(n=Count("pk"))
    )  # fmt: skip
    rows += list(
        Figure.objects.filter(version__report__district=district, version__report__year=YEAR)
        .values_list("indicator_id", "value")
    )  # fmt: skip
    rows.append(
        FeeCollection.objects.filter(item__district=district, year=YEAR).aggregate(s=Sum("amount_yuan"))
    )
    return len(rows)


def data_rows(district) -> int:
    """The district's rows the report reads: items, tickets and applications."""
    from gongkai.applications.models import Application
    from gongkai.catalog.models import Item
    from gongkai.hotline.models import Ticket

    return (
        Item.objects.filter(district=district).count()
        + Ticket.objects.filter(district=district).count()
        + Application.objects.filter(district=district).count()
    )


def _timed(func, repeats: int) -> float:
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


@benchmark(
    "annual_report",
    "each district's annual report (figures.compute), city-scale year, vs its raw GROUP BY queries",
)
def annual_report(run: BenchRun) -> Ratio:
    from gongkai.reports import figures

    size, n = _size(run)
    run.site(fill=lambda: _fill(size, n))
    districts = _districts(n)
    halves = (districts[: n // 2], districts[n // 2 :])
    for district in districts[:1]:  # warm the calendar, the column tree and the settings rows
        figures.compute(district, YEAR)
        raw_queries(district)
    repeats = 1 if size == "quick" else 3
    t_report = _timed(lambda: [figures.compute(d, YEAR) for d in districts], repeats)
    t_raw = _timed(lambda: [raw_queries(d) for d in districts], repeats)
    per_size = []
    for half in halves:
        seconds = _timed(lambda half=half: [figures.compute(d, YEAR) for d in half], repeats) / len(half)
        rows = sum(data_rows(d) for d in half) // len(half)
        per_size.append((seconds, rows))
    return Ratio(
        subject="district annual reports (figures.compute)",
        subject_rate=len(districts) / t_report,
        baseline="their raw COUNT/GROUP BY queries",
        baseline_rate=len(districts) / t_raw,
        unit="districts/s",
        details={
            "subject_short": "reports",
            "baseline_short": "queries",
            "size": size,
            "districts": len(districts),
            "seconds_reports": round(t_report, 3),
            "seconds_raw_queries": round(t_raw, 3),
            "cost_over_raw": round(t_report / t_raw, 2) if t_raw else None,
            "seconds_per_district_base": round(per_size[0][0], 4),
            "rows_per_district_base": per_size[0][1],
            "seconds_per_district_double": round(per_size[1][0], 4),
            "rows_per_district_double": per_size[1][1],
            "growth_over_data": round(growth(*per_size), 2),
        },
    )


def city_report(district) -> None:
    from gongkai.reports import figures

    figures.compute(district, YEAR)


@benchmark(
    "annual_report_city",
    "each district's annual report on the city-scale year (citydata: 1 and 10 districts) vs its raw queries",
)
def annual_report_city(run: BenchRun) -> Ratio:
    """``figures.compute`` of each district with all its units on ``citydata``'s city (the first
    district alone, then the ten), against ``raw_queries``; details give both sizes and the growth
    factor."""
    from gongkai.bench.cases_supervision import compare_at_two_sizes

    return compare_at_two_sizes(
        run,
        city_report,
        raw_queries,
        subject_name="district annual reports on the city-scale year (figures.compute)",
        baseline_name="their raw COUNT/GROUP BY queries",
    )
