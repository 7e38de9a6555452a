"""Fixtures of the analytics tests: a district's records generated straight into the tables (items,
their views per day, searches, applications and mailbox letters), each generator returning what
it made so that a test counts its expected figures independently of the code under test."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import zoneinfo
from dataclasses import dataclass, field

import pytest

from gongkai.applications.models import ApplicantType, Application, Status
from gongkai.applications.outcomes import ApplicantCategory
from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Column, Item, SearchQuery, ViewDay
from gongkai.hotline.models import Channel, Ticket
from gongkai.hotline.models import Status as TicketStatus

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
_serial = itertools.count(1)


@dataclass
class Made:
    views: list[tuple[dt.date, Item, int]] = field(default_factory=list)
    searches: list[tuple[dt.datetime, str, int]] = field(default_factory=list)
    applications: list[tuple[dt.date, int]] = field(default_factory=list)  # (received, organisation id)
    letters: list[tuple[dt.datetime, int | None]] = field(default_factory=list)  # (received, lead id)


@pytest.fixture
def records(personas):
    """A year (2024) of a district's participation, random but seeded."""
    rng = random.Random(2024)
    district = personas.district
    columns = list(Column.objects.filter(district=district, slug__in=["gzdt", "tzgg", "zcjd", "rsrm"]))
    orgs = [personas.department, personas.other_department, personas.budget_unit]
    items = catalog_actions.import_items(
        [
            {
                "organisation": orgs[n % 3],
                "column": columns[n % len(columns)],
                "title": f"测试区2024年第{n}号通知",
                "body": "<p>正文。</p>",
                "doc_number": "",
                "doc_kind": "information",
                "written_date": dt.date(2023, 12, 1),
                "published_at": dt.datetime(2023, 12, 2, 9, tzinfo=TZ),
            }
            for n in range(12)
        ],
        district,
        actor=None,
        source="test",
    )
    items = list(Item.objects.filter(pk__in=[i.pk for i in items]).select_related("live__column"))
    made = Made()
    day = dt.date(2023, 12, 25)
    rows = []
    while day <= dt.date(2025, 1, 5):
        for item in rng.sample(items, rng.randrange(0, 5)):
            n = rng.randrange(1, 30)
            rows.append(ViewDay(item=item, day=day, views=n))
            made.views.append((day, item, n))
        day += dt.timedelta(days=1)
    ViewDay.objects.bulk_create(rows)

    queries = ["低保", "社保缴费", "公租房摇号", "电动车上牌", "查询 430102199001011234"]
    for _ in range(150):
        at = dt.datetime(2024, 1, 1, tzinfo=TZ) + dt.timedelta(minutes=rng.randrange(0, 366 * 24 * 60))
        query = rng.choice(queries)
        results = (
            0
            if query in ("电动车上牌", "查询 430102199001011234") or rng.random() < 0.1
            else rng.randrange(1, 40)
        )
        SearchQuery.objects.create(district=district, query=query, results=results, at=at)
        made.searches.append((at, query, results))

    for _ in range(40):
        received = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 366))
        org = rng.choice(orgs)
        n = next(_serial)
        Application.objects.create(
            district=district,
            organisation=org,
            number=f"A{n:06d}",
            query_code_hash=f"{n:064d}",
            status=Status.PROCESSING,
            channel="online",
            received_on=received,
            applicant_type=ApplicantType.NATURAL,
            category=ApplicantCategory.NATURAL,
            name="申请人",
            phone="13800138000",
            description="所需信息",
        )
        made.applications.append((received, org.pk))

    for _ in range(60):
        at = dt.datetime(2024, 1, 1, tzinfo=TZ) + dt.timedelta(minutes=rng.randrange(0, 366 * 24 * 60))
        lead = rng.choice([*orgs, None])
        channel = rng.choice([Channel.MAILBOX, Channel.MAILBOX, Channel.PHONE])
        n = next(_serial)
        Ticket.objects.create(
            district=district,
            office=personas.office,
            serial=n,
            number=f"H{n:06d}",
            channel=channel,
            received_at=at,
            matter="反映问题",
            status=TicketStatus.NEW,
            lead=lead,
        )
        if channel == Channel.MAILBOX:
            made.letters.append((at, lead.pk if lead else None))
    return made
