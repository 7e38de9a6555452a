"""The demo's year of readers (views per item and day, searches), on a small district: plausible,
consistent with the items' running totals, masked, and made once."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from collections import defaultdict

import pytest
import time_machine
from django.db.models import Sum

from gongkai.catalog import actions
from gongkai.catalog.demo_steps import load_participation
from gongkai.catalog.models import Column, Item, SearchQuery, ViewDay

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


@pytest.fixture
def district_with_items(personas):
    columns = list(Column.objects.filter(district=personas.district, slug__in=["gzdt", "tzgg", "zcjd"]))
    actions.import_items(
        [
            {
                "organisation": personas.department,
                "column": columns[n % 3],
                "title": f"第{n}号通知",
                "body": "<p>正文。</p>",
                "doc_number": "",
                "doc_kind": "information",
                "written_date": dt.date(2025, 1, 1),
                # most published long before the year; the last ones during it
                "published_at": dt.datetime(2025, 1, 2, 9, tzinfo=TZ) + dt.timedelta(days=40 * max(0, n - 30)),
            }
            for n in range(40)
        ],
        personas.district,
        actor=None,
        source="test",
    )
    return personas.district


def test_a_year_of_views_and_searches_ending_yesterday(district_with_items):
    district = district_with_items
    with time_machine.travel(dt.datetime(2026, 6, 15, 10, tzinfo=TZ), tick=False):
        load_participation(district, stdout=io.StringIO())
        load_participation(district, stdout=io.StringIO())  # a second run adds nothing

    days = ViewDay.objects.filter(item__district=district)
    first, last = dt.date(2025, 6, 15), dt.date(2026, 6, 14)
    assert days.order_by("day").first().day >= first and days.order_by("day").last().day == last
    published = {
        i.pk: i.first_published_at.astimezone(TZ).date() for i in Item.objects.filter(district=district)
    }
    per_item: dict[int, int] = defaultdict(int)
    weekday, weekend = defaultdict(int), defaultdict(int)
    for item_id, day, views in days.values_list("item_id", "day", "views"):
        assert day >= published[item_id]  # never read before it was published
        per_item[item_id] += views
        (weekend if day.weekday() >= 5 else weekday)[day] += views
    assert sum(weekday.values()) / len(weekday) > 1.5 * sum(weekend.values()) / len(weekend)
    # the running totals the item pages show are the days' sums
    assert {i.pk: i.view_count for i in Item.objects.filter(district=district) if i.view_count} == per_item
    # heavy-tailed: the most read tenth of the items has far more than a tenth of the views
    ranked = sorted(per_item.values(), reverse=True)
    assert sum(ranked[: len(ranked) // 10]) > 0.25 * sum(ranked)

    searches = SearchQuery.objects.filter(district=district)
    assert searches.count() > 5000
    assert 0.1 < searches.filter(results=0).count() / searches.count() < 0.4
    assert not searches.filter(query__contains="199001011234").exists()
    assert not searches.filter(query__contains="13907351234").exists()
    assert days.aggregate(n=Sum("views"))["n"] > 200_000
