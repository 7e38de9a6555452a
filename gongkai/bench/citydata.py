"""A city-scale year for the benchmarks: ten districts built like the demo's, each with a year of
published items, hotline tickets and disclosure applications — written in bulk, cached as a
SQLite file under var/bench/cache/ and reused by later runs.

Per district at the full size (the seed district's year, 2018): 12,000 items published in the
year (the seed's 11,908), 15,417 calls and 183 mailbox letters, 600 applications; so the city
(ten districts) holds about 120,000 items, 156,000 tickets and 6,000 applications. What the daily
checks have to find is there too: items published late after their written date (3 %), tickets
and applications still open at the year's end (some overdue), findings already open (the checks
ran once on ``TODAY``, so a benchmark measures the steady state of a daily run). ``quick``: a
twentieth of each.

``city_database(districts, quick)`` gives the cached file for that many districts (the first
``districts`` of ``CITY``; each district's rows depend only on its own seed, so the one-district
file is the ten-district one's first district). The file name carries ``VERSION``, the size and a
hash of the latest migrations of the apps it fills; other apps' migrations are applied to the
cached file when it is used; delete old files by hand. Built with ``nice`` by the caller where the
machine is shared: ten districts take about 15 minutes on a busy 2-core machine.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import random
import secrets
import sys
import time
import zoneinfo
from collections.abc import Callable, Iterator
from pathlib import Path

# Bump when the generated rows change: cached databases are keyed by it.
VERSION = "2"
YEAR = 2018
TODAY = dt.date(YEAR, 12, 28)  # the day the daily checks run (a Friday, the year's last week)
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
CITY = ["北湖区", "苏仙区", "东江区", "南岭区", "西河区", "青山区", "白鹭区", "金桂县", "云台县", "石门县"]
FULL = {"items": 12_000, "calls": 15_417, "letters": 183, "applications": 600}
QUICK = {key: max(value // 20, 10) for key, value in FULL.items()}
# A change of these apps' migrations builds the file anew (the items are written by field, the
# organisations by build_district); the other apps' new migrations are applied to the cached file.
FILLED_APPS = ("orgs", "catalog")
BASE_DIR = Path(__file__).resolve().parent.parent.parent
CACHE_DIR = BASE_DIR / "var" / "bench" / "cache"


def _echo(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def specs(n: int):
    from gongkai.demo.district import BEIHU, DistrictSpec

    return [BEIHU] + [
        DistrictSpec(name=name, city="郴州市", region=f"4310{20 + i:02d}", host=f"d{i}.localhost")
        for i, name in enumerate(CITY[1:n], start=1)
    ]


def districts(n: int) -> list:
    """The city's first ``n`` districts in the current database, in ``CITY`` order."""
    from gongkai.orgs.models import Organisation, OrgKind

    found = {d.code[2:8]: d for d in Organisation.objects.filter(kind=OrgKind.DISTRICT)}
    return [found[s.region] for s in specs(n) if s.region in found]


def items(district, count: int, seed: int, rng: random.Random, *, year: int = YEAR) -> int:
    """``count`` items of the district published in ``year``: the search corpus's texts
    (``catalog.corpus.items``: title, body, 文号, keywords, column, department, date), written with
    bulk_create as the publishing action leaves them (one published version, live, its written
    date the day it was published). The rules and normative documents (规章, 规范性文件 columns)
    are such documents, a twentieth of them without a validity; no search entries (nothing here
    searches)."""
    from gongkai.catalog import corpus
    from gongkai.catalog.demo_steps import TOPIC_BY_COLUMN
    from gongkai.catalog.models import Column, DocKind, IndexCounter, Item, State, Topic, Validity, Version
    from gongkai.orgs.models import Organisation, OrgKind

    columns = {c.slug: c for c in Column.objects.filter(district=district)}
    topics = {t.name: t.pk for t in Topic.objects.all()}
    by_short = {}
    for org in Organisation.objects.filter(
        district=district, kind__in=[OrgKind.DEPARTMENT, OrgKind.TOWN, OrgKind.STREET]
    ).order_by("pk"):
        by_short.setdefault(org.short_name, org)
    departments = list(by_short.values()) or [district]
    serials: dict[tuple[int, int], int] = {}
    next_item = (Item.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    next_version = (Version.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    kinds = {"gz": DocKind.RULE, "gfxwj": DocKind.NORMATIVE, "qtwj": DocKind.OTHER_DOCUMENT}
    rows: list[Item] = []
    versions: list[Version] = []
    for i, doc in enumerate(corpus.items(count, seed=seed, first_year=year, last_year=year)):
        column = columns.get(doc.column)
        if column is None:
            continue
        org = by_short.get(doc.organisation) or departments[i % len(departments)]
        moment = dt.datetime.combine(doc.published, dt.time(8 + (i * 7) % 10, i % 60), tzinfo=TZ)
        serial = serials[(org.pk, year)] = serials.get((org.pk, year), 0) + 1
        kind = kinds.get(doc.column, DocKind.INFORMATION)
        item_id, version_id = next_item + len(rows), next_version + len(rows)
        rows.append(
            Item(
                id=item_id, district=district, organisation=org, index_no=f"{org.code}/{year}-{serial:05d}",
                live_id=version_id, first_published_at=moment, created_at=moment, view_count=3 + i % 397,
            )
        )  # fmt: skip
        versions.append(
            Version(
                id=version_id, item_id=item_id, number=1, state=State.PUBLISHED, column=column,
                topic_id=topics.get(TOPIC_BY_COLUMN.get(doc.column, "")), title=doc.title,
                doc_number=doc.doc_number, doc_kind=kind, written_date=doc.published,
                validity=Validity.VALID if kind in (DocKind.RULE, DocKind.NORMATIVE) and rng.random() > 0.05
                else Validity.NOT_APPLICABLE,
                keywords=doc.keywords, summary=doc.summary, body=doc.body_html,
                published_at=moment, created_at=moment, updated_at=moment,
            )
        )  # fmt: skip
    Item.objects.bulk_create(rows, batch_size=2000)  # live_id: the version below (FKs checked at commit)
    Version.objects.bulk_create(versions, batch_size=2000)
    for (org_id, counter_year), last in serials.items():
        IndexCounter.objects.update_or_create(
            organisation_id=org_id, year=counter_year, defaults={"last": last}
        )
    return len(rows)


def _late_publications(district, rng: random.Random, share: float = 0.03) -> int:
    """Move the written date (成文日期) of ``share`` of the district's items to 30–60 days before
    they were published: past the 20 working days of 条例 第二十六条."""
    from gongkai.catalog.models import Version

    versions = list(Version.objects.filter(item__district=district).only("pk", "published_at").order_by("pk"))
    late = rng.sample(versions, k=int(len(versions) * share))
    for version in late:
        version.written_date = version.published_at.astimezone(TZ).date() - dt.timedelta(
            days=rng.randrange(30, 61)
        )
    Version.objects.bulk_update(late, ["written_date"], batch_size=2000)
    return len(late)


def _open_tickets(district, rng: random.Random) -> int:
    """Tickets of the year's last six weeks that are still waiting for their unit's reply on
    ``TODAY`` (a tenth of them): overdue or due soon."""
    from gongkai.hotline.models import Status, Ticket

    since = dt.datetime(YEAR, 11, 15, tzinfo=TZ)
    waiting = [
        pk
        for pk in Ticket.objects.filter(
            district=district, received_at__gte=since, dispatched_at__isnull=False
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        if rng.random() < 0.1
    ]
    for start in range(0, len(waiting), 900):
        Ticket.objects.filter(pk__in=waiting[start : start + 900]).update(
            status=Status.DISPATCHED, replied_at=None, closed_at=None, reply=""
        )
    return len(waiting)


def applications(
    district, count: int, rng: random.Random, *, year: int = YEAR, today: dt.date = TODAY
) -> list:
    """``count`` applications of the district's departments received in ``year`` and the quarter
    before it (the last weeks' still open on ``today``, some of them overdue; a few of the
    year's replies late), with review cases for some, written in bulk."""
    from gongkai.applications.models import ApplicantType, Application, ReviewCase, Status
    from gongkai.applications.outcomes import ApplicantCategory, Outcome
    from gongkai.orgs.models import Organisation, OrgKind

    departments = list(Organisation.objects.filter(district=district, kind=OrgKind.DEPARTMENT)) or [district]
    first = dt.date(year - 1, 10, 1)
    span = (today - first).days
    apps = []
    for n in range(count):
        received = first + dt.timedelta(days=rng.randrange(0, span))
        replied = received + dt.timedelta(days=rng.randrange(1, 40))
        if replied > today or rng.random() < 0.02:
            replied = None  # still open on ``today``
        category = rng.choice(ApplicantCategory.values)
        apps.append(
            Application(
                district=district,
                organisation=rng.choice(departments),
                number=f"B{district.code[2:8]}-{n:06d}",
                query_code_hash=f"{district.pk:08d}{n:056d}",
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
    return apps


def fill(n: int, quick: bool, echo: Callable[[str], None] = _echo) -> None:
    """Build the city's first ``n`` districts with their year (skipping those already built)."""
    from django.db import transaction

    from gongkai.applications.models import Application
    from gongkai.demo.district import build_district
    from gongkai.hotline.demo_steps import bulk_year
    from gongkai.supervision.actions import run_checks

    size = QUICK if quick else FULL
    for spec in specs(n):
        started = time.perf_counter()
        district = build_district(spec, with_accounts=False)
        if Application.objects.filter(district=district, number__startswith="B").exists():
            continue
        rng = random.Random(f"city-{spec.region}")
        with transaction.atomic():
            items(district, size["items"], int(spec.region), rng)
            _late_publications(district, rng)
            bulk_year(district, YEAR, size["calls"], size["letters"], rng)
            _open_tickets(district, rng)
            applications(district, size["applications"], rng)
        run_checks(district, today=TODAY)  # the findings a daily run keeps from then on
        echo(f"    {spec.name}: {time.perf_counter() - started:.0f} s")


# ---- the cached file ----


def migrations_fingerprint() -> str:
    from django.db.migrations.loader import MigrationLoader

    leaves = sorted(
        node
        for node in MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()
        if node[0] in FILLED_APPS
    )
    return hashlib.sha256(repr(leaves).encode()).hexdigest()[:10]


def cache_path(n: int, quick: bool) -> Path:
    size = "quick" if quick else "full"
    return CACHE_DIR / f"city-{n}-{size}-v{VERSION}-{migrations_fingerprint()}.sqlite3"


@contextlib.contextmanager
def use_city(path: Path) -> Iterator[None]:
    """Django's default connection on the cached file ``path``, with the personal-data keys its
    synthetic callers and applicants were encrypted under (throwaway keys made for the file and
    kept beside it, ``<file>.keys.json``)."""
    from django.test.utils import override_settings

    from gongkai.bench.cases_catalog import use_database

    with use_database(path), override_settings(**_keys_for(path)):
        yield


def _keys_for(path: Path) -> dict:
    from cryptography.fernet import Fernet

    keys_path = path.with_name(path.name.split(".sqlite3")[0] + ".keys.json")
    if not keys_path.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        keys_path.write_text(
            json.dumps({"fernet": Fernet.generate_key().decode(), "index": secrets.token_urlsafe(32)})
        )
    keys = json.loads(keys_path.read_text())
    return {"PERSONAL_DATA_KEYS": [keys["fernet"]], "PERSONAL_DATA_INDEX_KEY": keys["index"]}


def city_database(n: int, quick: bool, echo: Callable[[str], None] = _echo) -> tuple[Path, dict]:
    """The cached SQLite file holding the city's first ``n`` districts; built when missing. Use it
    with ``use_city(path)``."""
    from django.core.management import call_command

    path = cache_path(n, quick)
    info_path = path.with_suffix(".json")
    if path.exists() and info_path.exists():
        with use_city(path):
            call_command("migrate", interactive=False, verbosity=0)  # other apps' new migrations
        info = json.loads(info_path.read_text())
        echo(
            f"  city: {path.name}, {info['size_mb']:,.0f} MB, built in {info['build_seconds']:,.0f} s (cached)"
        )
        return path, {**info, "cached": True}
    echo(f"  building {n} district(s) of the city in {path} (once; later runs reuse it) …")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + f".building-{os.getpid()}")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(building) + suffix).unlink(missing_ok=True)
    path.with_name(path.name.split(".sqlite3")[0] + ".keys.json").unlink(missing_ok=True)
    keys = _keys_for(path)
    started = time.perf_counter()
    try:
        from django.test.utils import override_settings

        from gongkai.bench.cases_catalog import use_database

        with use_database(building), override_settings(**keys):
            from django.db import connection

            call_command("migrate", interactive=False, verbosity=0)
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=OFF")
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA cache_size=-500000")
            fill(n, quick, echo)
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=WAL")
    except BaseException:
        building.unlink(missing_ok=True)
        raise
    os.replace(building, path)
    info = {
        "districts": n,
        "size": "quick" if quick else "full",
        "version": VERSION,
        "build_seconds": round(time.perf_counter() - started, 1),
        "size_mb": round(path.stat().st_size / 1e6, 1),
        "file": path.name,
    }
    info_path.write_text(json.dumps(info, indent=2))
    echo(f"  built in {info['build_seconds']:,.0f} s, {info['size_mb']:,.0f} MB on disk")
    return path, {**info, "cached": False}


def rows_of(district) -> int:
    """The district's rows the checks, scorecards and reports read: items, tickets, applications."""
    from gongkai.applications.models import Application
    from gongkai.catalog.models import Item
    from gongkai.hotline.models import Ticket

    return (
        Item.objects.filter(district=district).count()
        + Ticket.objects.filter(district=district).count()
        + Application.objects.filter(district=district).count()
    )
