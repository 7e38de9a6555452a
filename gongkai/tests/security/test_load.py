"""Many citizens at once through the real server (gunicorn, several processes) on SQLite or
PostgreSQL (whichever the suite runs on): applications and mailbox letters submitted concurrently
are every one stored exactly once, with unique numbers, none lost.

Each citizen is a browser of their own (cookies, address): it fetches the form first, fills it in,
and sends it at least the form's minimum filling time later, as a person would, with the production
captcha and timing checks switched on. CI runs GONGKAI_LOAD_SUBMISSIONS=40 (still concurrent: all
sent at once by 40 threads); ``make security`` runs 500.
"""

from __future__ import annotations

import os
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.applications.models import Application
from gongkai.hotline.models import Ticket
from gongkai.lib.validators import id_check_digit
from gongkai.tests.security.browserlike import fill, form
from gongkai.tests.security.server import Citizen, serve

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.security]

SUBMISSIONS = int(os.environ.get("GONGKAI_LOAD_SUBMISSIONS", "40"))
WORKERS = 4 if SUBMISSIONS > 100 else 2  # gunicorn processes: more than one, so they compete
MIN_FILL_SECONDS = 3  # ABUSE_MIN_FILL_SECONDS of the server


@pytest.fixture
def throttle_table(transactional_db):
    """The shared rate-limit counts' table (manage.py createcachetable in a deployment), for this
    test only: other tests run without it."""
    call_command("createcachetable", verbosity=0)
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS gongkai_throttle")


def _id_number(i: int) -> str:
    body = f"431002{1960 + i % 40}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
    return body + id_check_digit(body)


def _application(i: int, fields, options) -> list[tuple[str, str]]:
    organisation = next(v for v in options["organisation"] if v)
    return fill(
        fields,
        {
            "applicant_type": "natural",
            "name": f"市民{i}",
            "id_type": "mainland_id",
            "id_number": _id_number(i),
            "phone": f"139{i:08d}",
            "organisation": organisation,
            "description": f"负载测试申请{i}：请公开本区2025年老旧小区改造项目的资金安排",
            "delivery": "online",
            "form": "electronic",
        },
    )


def _letter(i: int, fields, _options) -> list[tuple[str, str]]:
    return fill(
        fields,
        {
            "title": f"来信{i}",
            "content": f"负载测试来信{i}：小区门口的路灯坏了，晚上出行不便，请派人维修",
            "name": f"市民{i}",
            "phone": f"138{i:08d}",
        },
    )


def _address(i: int) -> str:
    return f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}"


def test_concurrent_applications_and_letters_are_each_stored_once(personas, throttle_table, tmp_path, capsys):
    kinds = [("/apply/", "description", _application), ("/mailbox/", "content", _letter)]
    t0 = time.monotonic()
    with (
        serve(tmp_path, workers=WORKERS) as base,
        ThreadPoolExecutor(max_workers=min(SUBMISSIONS, 64)) as pool,
    ):
        up = time.monotonic() - t0
        citizens = [Citizen(base, _address(i)) for i in range(SUBMISSIONS)]

        def open_form(i):
            path, marker, make = kinds[i % 2]
            page = citizens[i].get(path)
            assert page.status == 200, page.body[:300]
            return make(i, *form(page.body, marker))

        filled = list(pool.map(open_form, range(SUBMISSIONS)))
        forms_seconds = time.monotonic() - t0 - up
        time.sleep(MIN_FILL_SECONDS + 0.5)  # a person takes longer than this to fill a form in

        def send(i):
            return citizens[i].post(kinds[i % 2][0], filled[i])

        started = time.monotonic()
        answers = list(pool.map(send, range(SUBMISSIONS)))
        seconds = time.monotonic() - started

    refused = [
        (i, a.status, re.sub(r"\s+", " ", a.body)[:300]) for i, a in enumerate(answers) if a.status != 302
    ]
    assert not refused, refused[:3]
    assert {a.location for a in answers} == {"/apply/receipt/", "/mailbox/receipt/"}

    apps = list(
        Application.objects.filter(description__startswith="负载测试申请").values_list(
            "number", "description"
        )
    )
    letters = list(Ticket.objects.filter(matter__startswith="负载测试来信").values_list("number", "matter"))
    expected_apps = {i for i in range(SUBMISSIONS) if i % 2 == 0}
    expected_letters = {i for i in range(SUBMISSIONS) if i % 2 == 1}
    assert sorted(int(re.search(r"申请(\d+)", d)[1]) for _n, d in apps) == sorted(expected_apps)  # each once
    assert sorted(int(re.search(r"来信(\d+)", m)[1]) for _n, m in letters) == sorted(expected_letters)
    assert len({n for n, _d in apps}) == len(apps) and len({n for n, _m in letters}) == len(letters)
    with capsys.disabled():
        print(
            f"\nload ({connection.vendor}): {SUBMISSIONS} concurrent submissions ({len(apps)} applications, "
            f"{len(letters)} letters) on {WORKERS} workers in {seconds:.1f} s, stored {len(apps) + len(letters)}, "
            f"lost 0 (server up in {up:.1f} s, forms fetched in {forms_seconds:.1f} s)"
        )
