"""Benchmarks of the services app: importing a year of service cases (the seed's 406,000) from
the provincial platform's export, CSV and XLSX, in-process.

* ``services_import_csv`` / ``services_import_xlsx``: the real import (``actions.run_import``:
  streamed reading, the column mapping, every row checked, the promised date in working days,
  the idempotency lookup per batch where the source already has cases — here it starts empty,
  as at a source's first export — and batched writes) against a raw baseline measured in the same
  run on the same file: the same parser (``csv.reader`` / openpyxl read-only) plus one
  ``executemany`` per 2,000 rows into the same table, with no checks. The ratio is the import's
  time over the baseline's (goal ≤ 2×). Peak memory is the process's resident set at its highest
  during each phase (sampled every 20 ms), reported with the increase over the start of the
  phase (goal < 400 MB for the XLSX).

``--quick`` imports 20,000 rows; the bench's own tests call ``measure_import`` with a few hundred.
The export files are generated once per run in a temporary directory (not timed).
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
import threading
import time
from pathlib import Path

from gongkai.bench.registry import Ratio, benchmark
from gongkai.bench.runner import BenchRun

FULL = 406_000
QUICK = 20_000
BATCH = 2000
HEADER = [
    "办件编号",
    "事项编码",
    "事项名称",
    "申请时间",
    "受理时间",
    "办结时间",
    "承诺办结时间",
    "办理结果",
    "到现场次数",
    "评价结果",
    "评价时间",
    "申请人",
    "联系电话",
]
RATINGS = ["非常满意", "非常满意", "满意", "基本满意", "", "", "不满意"]


# ---- the site's data ----


def bench_setup():
    """A district with 20 service items (their guides promising 5 working days) and a source;
    idempotent, and it copes with data other benchmarks' fills left."""
    from gongkai.bench.cases import one_district
    from gongkai.orgs.models import Organisation, OrgKind
    from gongkai.services.models import CaseSource, GuideState, ItemType, ServiceGuide, ServiceItem

    one_district()
    district = Organisation.objects.filter(kind=OrgKind.DISTRICT).order_by("pk").first()
    items = []
    for n in range(20):
        item, _ = ServiceItem.objects.get_or_create(
            district=district,
            code=f"BENCH-XK-{n:03d}",
            defaults={
                "name": f"基准事项{n}",
                "type": ItemType.LICENSING if n % 2 else ItemType.PUBLIC_SERVICE,
                "department": district,
                "organisation": district,
                "basis": "基准测试",
            },
        )
        ServiceGuide.objects.get_or_create(
            item=item, version=1, defaults={"state": GuideState.RELEASED, "promised_limit_days": 5}
        )
        items.append(item)
    source, _ = CaseSource.objects.get_or_create(
        district=district, name="基准测试平台", defaults={"organisation": district}
    )
    return district, items, source


def export_rows(count: int, codes: list[str]):
    """Rows as the provincial platform exports them; every seventh rated 不满意 (with a name and phone)."""
    start = dt.date(2018, 1, 2)
    for n in range(count):
        received = start + dt.timedelta(days=n % 360)
        accepted = received + dt.timedelta(days=n % 2)
        completed = accepted + dt.timedelta(days=n % 6)
        rating = RATINGS[n % len(RATINGS)]
        bad = rating == "不满意"
        yield [
            f"BENCH{n:09d}",
            codes[n % len(codes)],
            "基准事项",
            f"{received.isoformat()} 09:{n % 60:02d}:00",
            accepted.isoformat(),
            completed.isoformat(),
            "",
            "准予" if n % 50 else "不予",
            str(n % 3),
            rating,
            completed.isoformat() if rating else "",
            "张三" if bad else "",
            f"1380013{n % 10000:04d}" if bad else "",
        ]


def write_file(path: Path, kind: str, count: int, codes: list[str]) -> None:
    if kind == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(export_rows(count, codes))
        return
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("办件")
    sheet.append(HEADER)
    for row in export_rows(count, codes):
        sheet.append(row)
    book.save(path)


# ---- measuring ----


def _rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class PeakMemory:
    """The resident set's highest value while the block runs (sampled every 20 ms)."""

    def __enter__(self) -> PeakMemory:
        self.start = self.peak = _rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss_mb())

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mb())


def _clear(source) -> None:
    """Empty the source between the phases: one DELETE (the ORM's delete() would load every row
    to check the follow-ups that protect it — minutes and 700 MB at 406,000 rows)."""
    from django.db import connection, transaction

    from gongkai.services.models import FollowUp, ImportRun, ServiceCase

    with transaction.atomic(), connection.cursor() as cursor:
        FollowUp.objects.filter(case__source=source).delete()
        table = connection.ops.quote_name(ServiceCase._meta.db_table)
        cursor.execute(f"DELETE FROM {table} WHERE source_id = %s", [source.pk])  # noqa: S608 - the model's table
    ImportRun.objects.filter(source=source).delete()


def raw_baseline(path: Path, kind: str, source, item, district) -> int:
    """Parse the file with the same parser and insert its rows, unchecked, with executemany."""
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.services import caseimport

    rows = caseimport.rows_of(path, kind)
    next(rows)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    sql = (
        "INSERT INTO services_servicecase (source_id, case_no, item_id, organisation_id, received_on, accepted_on, "
        "completed_on, due_on, result, visits, rating, rated_on, applicant_name, applicant_phone, fingerprint, "
        "imported_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )

    def day(value):
        if not value:
            return None
        return value.date().isoformat() if isinstance(value, dt.datetime) else str(value)[:10]

    count, batch = 0, []
    with transaction.atomic(), connection.cursor() as cursor:
        for row in rows:
            batch.append(
                (
                    source.pk,
                    row[0],
                    item.pk,
                    district.pk,
                    day(row[3]),
                    day(row[4]),
                    day(row[5]),
                    None,
                    row[7] or "",
                    int(row[8] or 0),
                    "",
                    day(row[10]),
                    "",
                    "",
                    "",
                    now,
                )
            )
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def measure_import(kind: str, count: int, workdir: Path) -> Ratio:
    """The import of ``count`` generated rows against the raw baseline, on the current database."""
    from gongkai.services import actions
    from gongkai.services.models import ImportState

    district, items, source = bench_setup()
    path = workdir / f"cases-{count}.{kind}"
    if not path.exists():
        write_file(path, kind, count, [i.code for i in items])
    _clear(source)
    with PeakMemory() as base_memory:
        started = time.perf_counter()
        inserted = raw_baseline(path, kind, source, items[0], district)
        baseline = time.perf_counter() - started
    _clear(source)
    run = actions.start_import_from_path(source, path)
    with PeakMemory() as memory:
        started = time.perf_counter()
        run = actions.run_import(run, path=path)
        subject = time.perf_counter() - started
    if run.state != ImportState.DONE or run.created + run.rejected != count or inserted != count:
        raise RuntimeError(
            f"import incomplete: {run.state} {run.error} created {run.created}, baseline {inserted}"
        )
    _clear(source)
    label = "CSV" if kind == "csv" else "XLSX"
    return Ratio(
        f"service case import ({label}, {count:,} rows)",
        subject,
        f"raw parse + executemany ({label})",
        baseline,
        unit="s",
        details={
            "subject_short": "import",
            "baseline_short": "raw",
            "rows": count,
            "import_rows_per_s": round(count / subject),
            "baseline_rows_per_s": round(count / baseline),
            "import_peak_rss_mb": round(memory.peak, 1),
            "import_rss_increase_mb": round(memory.peak - memory.start, 1),
            "baseline_peak_rss_mb": round(base_memory.peak, 1),
            "goal": "ratio ≤ 2×" + ("; peak memory < 400 MB" if kind == "xlsx" else ""),
        },
    )


def _bench(run: BenchRun, kind: str) -> Ratio:
    run.site()
    count = QUICK if run.quick else FULL
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-cases-") as tmp:
        return measure_import(kind, count, Path(tmp))


@benchmark(
    "services_import_csv",
    "service case import from CSV (406,000 rows; --quick 20,000) vs raw parse + executemany",
)
def services_import_csv(run: BenchRun) -> Ratio:
    return _bench(run, "csv")


@benchmark(
    "services_import_xlsx",
    "service case import from XLSX (406,000 rows; --quick 20,000) vs raw parse + executemany, peak memory",
)
def services_import_xlsx(run: BenchRun) -> Ratio:
    return _bench(run, "xlsx")
