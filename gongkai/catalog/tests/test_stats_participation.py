"""The catalog's participation figures (page views per day, column, organisation and item; searches
and those that found nothing) against counts kept independently while the records are made."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from collections import Counter

import pytest
import time_machine

from gongkai.catalog import actions, search, stats
from gongkai.catalog.models import Column, Item, SearchQuery, ViewDay
from gongkai.catalog.stats import Period, Scope

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
SLUGS = ["gzdt", "tzgg", "zcjd"]


@pytest.fixture
def items(personas):
    columns = {c.slug: c for c in Column.objects.filter(district=personas.district, slug__in=SLUGS)}
    rows = [
        {
            "organisation": org,
            "column": columns[SLUGS[n % 3]],
            "title": f"第{n}号通知",
            "body": "<p>正文。</p>",
            "doc_number": "",
            "doc_kind": "information",
            "written_date": dt.date(2024, 1, 2),
            "published_at": dt.datetime(2024, 1, 3, 9, tzinfo=TZ),
        }
        for n, org in enumerate([personas.department, personas.other_department, personas.budget_unit] * 3)
    ]
    return actions.import_items(rows, personas.district, actor=None, source="test")


def _view_at(moment: dt.datetime, district, item_id: int) -> bool:
    with time_machine.travel(moment, tick=False):
        return actions.count_view(district, item_id)


def test_views_are_kept_per_local_day_beside_the_running_total(personas, items):
    item = items[0]
    # 23:30 and 00:30 Beijing time are two days, whatever UTC says
    assert _view_at(dt.datetime(2024, 3, 1, 23, 30, tzinfo=TZ), personas.district, item.pk)
    assert _view_at(dt.datetime(2024, 3, 2, 0, 30, tzinfo=TZ), personas.district, item.pk)
    assert _view_at(dt.datetime(2024, 3, 2, 18, 0, tzinfo=TZ), personas.district, item.pk)
    days = dict(ViewDay.objects.filter(item=item).values_list("day", "views"))
    assert days == {dt.date(2024, 3, 1): 1, dt.date(2024, 3, 2): 2}
    item.refresh_from_db()
    assert item.view_count == 3


def test_a_view_of_an_item_not_public_in_the_district_counts_nowhere(personas, items):
    other = build_other_district()
    assert not _view_at(dt.datetime(2024, 3, 1, 10, tzinfo=TZ), other, items[0].pk)
    assert not ViewDay.objects.exists()


def build_other_district():
    from gongkai.accounts.factories import make_org
    from gongkai.orgs.models import OrgKind

    return make_org("另一区人民政府", OrgKind.DISTRICT, region="431003")


def test_view_figures_match_the_views_made(personas, items):
    rng = random.Random(14)
    made: list[tuple[dt.date, Item]] = []
    start = dt.date(2024, 2, 20)
    for _ in range(120):
        day = start + dt.timedelta(days=rng.randrange(0, 60))
        item = rng.choice(items)
        moment = dt.datetime(day.year, day.month, day.day, rng.randrange(0, 24), rng.randrange(60), tzinfo=TZ)
        assert _view_at(moment, personas.district, item.pk)
        made.append((day, item))

    period = Period(dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    in_period = [(d, i) for d, i in made if period.start <= d <= period.end]
    columns = {
        i.pk: i.live.column
        for i in Item.objects.select_related("live__column").filter(pk__in=[i.pk for i in items])
    }

    assert stats.views_by_day(personas.district, period) == Counter(d for d, _ in in_period)
    whole = Period(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    by_month = Counter(d.replace(day=1) for d, _ in made)
    assert stats.views_by_month(personas.district, whole) == {
        dt.date(2024, m, 1): by_month.get(dt.date(2024, m, 1), 0) for m in range(1, 7)
    }
    assert {v.key: v.views for v in stats.views_by_column(personas.district, period)} == Counter(
        columns[i.pk].pk for _, i in in_period
    )
    assert {v.key: v.views for v in stats.views_by_organisation(personas.district, period)} == Counter(
        i.organisation_id for _, i in in_period
    )
    per_item = Counter(i.pk for _, i in in_period)
    top = stats.most_viewed(personas.district, period, limit=3)
    assert [t.views for t in top] == sorted(per_item.values(), reverse=True)[:3]
    assert all(per_item[t.item_id] == t.views for t in top)

    # a department sees its own items and those of the units below it, nothing of the others
    department = Scope.of(personas.department)
    mine = [
        (d, i) for d, i in in_period if i.organisation_id in {personas.department.pk, personas.budget_unit.pk}
    ]
    assert sum(stats.views_by_day(department, period).values()) == len(mine)
    assert {v.key for v in stats.views_by_organisation(department, period)} <= {
        personas.department.pk,
        personas.budget_unit.pk,
    }


def test_search_figures_count_each_month_and_what_found_nothing(personas):
    other = build_other_district()
    logged = [
        (dt.datetime(2024, 1, 31, 23, 50, tzinfo=TZ), "低保", 3),
        (dt.datetime(2024, 2, 1, 0, 10, tzinfo=TZ), "低保", 3),
        (dt.datetime(2024, 2, 3, 10, tzinfo=TZ), "公租房摇号", 0),
        (dt.datetime(2024, 2, 4, 10, tzinfo=TZ), "公租房摇号", 0),
        (dt.datetime(2024, 2, 5, 10, tzinfo=TZ), "电动车上牌", 0),
        (dt.datetime(2024, 3, 5, 10, tzinfo=TZ), "查询 430102199001011234", 0),
        (dt.datetime(2024, 3, 6, 10, tzinfo=TZ), "查询 430102198805051234", 0),
    ]
    for at, query, results in logged:
        with time_machine.travel(at, tick=False):
            search.log_query(personas.district, query, results, filtered=False)
    with time_machine.travel(dt.datetime(2024, 2, 3, 10, tzinfo=TZ), tick=False):
        search.log_query(other, "公租房摇号", 0, filtered=False)

    period = Period(dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    months = stats.searches_by_month(personas.district, period)
    assert {m: (s.searches, s.found_nothing) for m, s in months.items()} == {
        dt.date(2024, 1, 1): (1, 0),
        dt.date(2024, 2, 1): (4, 3),
        dt.date(2024, 3, 1): (2, 2),
    }
    nothing = stats.top_searches(personas.district, period, found_nothing=True)
    # the two ID numbers differ only in what is masked: one query, counted twice
    assert nothing == [("公租房摇号", 2), ("查询 4301**********1234", 2), ("电动车上牌", 1)]
    # ties in the order of the queries' characters: 低 before 公 before 查
    assert stats.top_searches(personas.district, period, limit=2) == [("低保", 2), ("公租房摇号", 2)]
    assert "199001011234" not in "".join(SearchQuery.objects.values_list("query", flat=True))


def test_a_query_stored_unmasked_is_masked_when_shown(personas):
    SearchQuery.objects.create(
        district=personas.district, query="13812345678 投诉", results=0, at=dt.datetime(2024, 5, 1, tzinfo=TZ)
    )
    shown = stats.top_searches(personas.district, Period(dt.date(2024, 5, 1), dt.date(2024, 5, 31)))
    assert shown == [("138****5678 投诉", 1)]


def test_mask_numbers_uses_the_personal_de_identifier():
    assert search.mask_numbers("低保 430102199001011234") == "低保 4301**********1234"
    assert search.mask_numbers("43010219900101123x") == "4301**********123X"
    assert search.mask_numbers("电话13812345678") == "电话138****5678"
    assert search.mask_numbers("卡号6222021234567890") == "卡号6222********7890"
    assert search.mask_numbers("2018年 12345") == "2018年 12345"
    assert "3456" not in search.mask_numbers("编号 123456")
    assert search.mask_numbers("139 1234 5678 低保") == "139****5678 低保"  # however the phone is written
    assert search.mask_numbers("联系人：王芳") == "联系人：王*"
