"""Concurrent submissions: every one gets its own number and none is lost (SQLite and PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from gongkai.applications import actions
from gongkai.applications.models import Application


@pytest.mark.django_db(transaction=True)
def test_two_hundred_concurrent_submissions_get_distinct_numbers(personas, citizen_data):
    org = personas.department

    def submit(i):
        try:
            app, _code = actions.submit_application(
                organisation=org, data={**citizen_data, "description": f"申请{i}"}
            )
            return app.number
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=16) as pool:
        numbers = list(pool.map(submit, range(200)))
    assert len(set(numbers)) == 200
    assert Application.objects.count() == 200
    assert set(Application.objects.values_list("description", flat=True)) == {f"申请{i}" for i in range(200)}
    assert connection.vendor in ("sqlite", "postgresql")
