"""The annual-report benchmark's pieces, quickly: registered, its raw queries and the report read
the same small district, and the growth factor is time ratio over data ratio."""

import datetime as dt
import math
import random

import pytest

from gongkai.bench import cases_reports
from gongkai.bench.registry import discover
from gongkai.reports import figures


def test_the_annual_report_benchmark_is_registered():
    assert {"annual_report", "annual_report_city"} <= {bench.name for bench in discover()}


def test_growth_is_the_time_ratio_over_the_data_ratio():
    assert cases_reports.growth((1.0, 1000), (2.0, 2000)) == pytest.approx(1.0)
    assert cases_reports.growth((1.0, 1000), (4.0, 2000)) == pytest.approx(2.0)  # faster than the data
    assert math.isnan(cases_reports.growth((0.0, 1000), (1.0, 2000)))


def test_the_raw_queries_and_the_report_read_the_generated_applications(personas):
    cases_reports._applications(personas.district, 60, random.Random(3))
    assert cases_reports.raw_queries(personas.district) > 0
    computed = figures.compute(personas.district, cases_reports.YEAR)
    rows = computed["table_three"]["rows"]
    from gongkai.applications.models import Application

    start, end = dt.date(2018, 1, 1), dt.date(2018, 12, 31)
    new = Application.objects.filter(district=personas.district, received_on__gte=start, received_on__lte=end).count()
    assert rows["new"]["total"] == new > 0
    assert cases_reports.data_rows(personas.district) >= 60
