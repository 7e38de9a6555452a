"""The participation figures against counts made independently from the generated records: the
district's, a department's (with the unit below it), and the tables the charts are drawn from."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from gongkai.analytics import figures
from gongkai.analytics.tests.conftest import TZ
from gongkai.catalog.stats import Period

pytestmark = pytest.mark.django_db
YEAR = Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
MONTHS = [dt.date(2024, m, 1) for m in range(1, 13)]


def _local_month(at: dt.datetime) -> dt.date:
    return at.astimezone(TZ).date().replace(day=1)


def _charts(participation) -> dict:
    return {c.key: c for c in participation.charts}


def _views_in(records, orgs=None):
    return [
        (d, i, n)
        for d, i, n in records.views
        if YEAR.start <= d <= YEAR.end and (orgs is None or i.organisation_id in orgs)
    ]


def test_the_districts_figures_are_the_records_counted(personas, records):
    charts = _charts(figures.participation(personas.district, YEAR, searches=True))
    views = _views_in(records)

    per_month = Counter()
    for d, _i, n in views:
        per_month[d.replace(day=1)] += n
    assert charts["views_month"].rows == [[f"2024年{m.month}月", per_month[m]] for m in MONTHS]
    assert charts["views_month"].categories == [f"2024年{m}月" for m in range(1, 13)]

    per_column, per_org, per_item = Counter(), Counter(), Counter()
    for _d, item, n in views:
        per_column[str(item.live.column)] += n
        per_org[item.organisation.name] += n
        per_item[item.index_no] += n
    assert dict(charts["views_column"].rows) == per_column
    assert [n for _c, n in charts["views_column"].rows] == sorted(per_column.values(), reverse=True)
    assert dict(charts["views_organisation"].rows) == per_org
    top = charts["views_item"].rows
    assert len(top) == min(figures.TOP, len(per_item))
    assert all(per_item[index_no] == n for index_no, _title, _org, n in top)
    assert [r[-1] for r in top] == sorted(per_item.values(), reverse=True)[: len(top)]

    searches = [(s, q, r) for s, q, r in records.searches]
    rows = {r[0]: r[1:] for r in charts["searches_month"].rows}
    for m in MONTHS:
        in_month = [r for at, _q, r in searches if _local_month(at) == m]
        nothing = sum(1 for r in in_month if r == 0)
        share = f"{nothing / len(in_month):.1%}" if in_month else "—"
        assert rows[f"2024年{m.month}月"] == [len(in_month), nothing, share]
    nothing = Counter(q for _at, q, r in searches if r == 0)
    shown = dict(charts["searches_nothing"].rows)
    assert shown.pop("查询 4301**********1234") == nothing.pop("查询 430102199001011234")
    assert shown == nothing
    assert all("199001011234" not in q for q, _n in charts["searches_top"].rows)

    apps = Counter(d.replace(day=1) for d, _o in records.applications)
    letters = Counter(_local_month(at) for at, _lead in records.letters)
    assert charts["participation_month"].rows == [[f"2024年{m.month}月", apps[m], letters[m]] for m in MONTHS]


def test_a_departments_figures_count_its_own_and_its_units_records_only(personas, records):
    mine = {personas.department.pk, personas.budget_unit.pk}
    shown = figures.participation(personas.department, YEAR, searches=False)
    charts = _charts(shown)
    assert "searches_month" not in charts and "searches_nothing" not in charts and not shown.searches_shown

    views = _views_in(records, mine)
    assert shown.totals["views"] == sum(n for _d, _i, n in views)
    assert {name for name, _n in charts["views_organisation"].rows} <= {
        personas.department.name,
        personas.budget_unit.name,
    }
    apps = Counter(d.replace(day=1) for d, o in records.applications if o in mine)
    letters = Counter(_local_month(at) for at, lead in records.letters if lead in mine)
    assert charts["participation_month"].rows == [[f"2024年{m.month}月", apps[m], letters[m]] for m in MONTHS]


def test_a_period_without_records_shows_empty_charts(personas, records):
    shown = figures.participation(
        personas.district, Period(dt.date(2030, 1, 1), dt.date(2030, 3, 31)), searches=True
    )
    charts = _charts(shown)
    assert charts["views_month"].rows == [["2030年1月", 0], ["2030年2月", 0], ["2030年3月", 0]]
    assert charts["views_month"].empty and charts["views_item"].rows == []
    assert all(c.empty for c in shown.charts)


def test_a_rankings_chart_draws_its_first_bars_and_its_table_lists_all(personas, records):
    chart = figures._ranking("x", "标题", "名称", [(f"词{n}", 100 - n) for n in range(30)], "次数")
    drawn = chart.as_json()
    assert len(drawn["categories"]) == figures.CHART_BARS and len(chart.rows) == 30
    assert drawn["series"][0]["data"] == list(range(100, 100 - figures.CHART_BARS, -1))
