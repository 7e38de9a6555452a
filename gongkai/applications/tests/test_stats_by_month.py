"""Applications received per month (the participation analytics), against the dates they were made with."""

import datetime as dt
import random
from collections import Counter

import pytest

from gongkai.applications import stats

pytestmark = pytest.mark.django_db


def test_applications_per_month_count_each_by_its_receipt_date(make_app, personas):
    rng = random.Random(6)
    made = []
    for _ in range(14):
        received = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 150))
        organisation = rng.choice([personas.department, personas.other_department, personas.budget_unit])
        app = make_app(received=received, organisation=organisation)
        made.append((app.received_on, organisation.pk))

    start, end = dt.date(2025, 2, 1), dt.date(2025, 4, 30)
    in_period = [(d, o) for d, o in made if start <= d <= end]
    assert stats.received_by_month(start, end, district=personas.district) == Counter(
        d.replace(day=1) for d, _ in in_period
    )
    mine = frozenset({personas.department.pk, personas.budget_unit.pk})
    assert stats.received_by_month(start, end, district=personas.district, organisation_ids=mine) == Counter(
        d.replace(day=1) for d, o in in_period if o in mine
    )
    assert stats.received_by_month(start, end, district=personas.district.pk + 999) == {}
