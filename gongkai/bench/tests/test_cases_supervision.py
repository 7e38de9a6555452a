"""The supervision benchmarks' pieces, quickly: registered; the city's generator writes items,
late publications, open tickets and applications that the checks and scorecards find; the raw
queries read them; the growth factor is time ratio over data ratio."""

import math
import random

import pytest

from gongkai.bench import cases_supervision, citydata
from gongkai.bench.registry import discover
from gongkai.catalog.models import Item, Version
from gongkai.hotline.demo_steps import bulk_year
from gongkai.supervision.models import Finding

pytestmark = pytest.mark.django_db


def test_the_supervision_benchmarks_are_registered():
    assert {"supervision_checks", "supervision_scorecards"} <= {bench.name for bench in discover()}


def test_growth_is_the_time_ratio_over_the_data_ratio():
    assert cases_supervision.growth((1.0, 1000), (10.0, 10000)) == pytest.approx(1.0)
    assert math.isnan(cases_supervision.growth((0.0, 1000), (1.0, 2000)))


def test_a_generated_district_year_is_what_the_checks_and_scorecards_judge():
    from gongkai.demo.district import build_district

    district = build_district(citydata.specs(1)[0], with_accounts=False)
    rng = random.Random(1)
    assert citydata.items(district, 200, 7, rng) > 150
    assert Item.objects.filter(district=district, live__isnull=False).count() == Version.objects.filter(
        item__district=district
    ).count()
    late = citydata._late_publications(district, rng, share=0.1)
    bulk_year(district, citydata.YEAR, 300, 5, rng)
    assert citydata._open_tickets(district, rng) > 0
    citydata.applications(district, 40, rng)
    cases_supervision.run_daily_checks(district)
    rules = set(Finding.objects.filter(district=district, closed_on__isnull=True).values_list("rule", flat=True))
    assert {"late_publication", "ticket_overdue"} <= rules
    assert Finding.objects.filter(district=district, rule="late_publication").count() <= late
    assert cases_supervision.check_queries(district) > late
    assert cases_supervision.scorecard_queries(district) > 150
    cases_supervision.year_scorecards(district)
    assert citydata.rows_of(district) >= 200 + 305 + 40 - 50
