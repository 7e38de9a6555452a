"""Fixtures of 公示公告's tests: lists of the education department (教育局, where the personas'
editor, reviewer and leader work), households with synthetic names and ID numbers that pass
their check digit, and publication through the catalog's real workflow."""

import datetime as dt
import random
from decimal import Decimal
from io import BytesIO

import pytest

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Version
from gongkai.lib.synthetic import person_name
from gongkai.publicity import actions
from gongkai.publicity.demo_steps import id_number
from gongkai.publicity.kinds import Kind
from gongkai.publicity.models import Publicity


@pytest.fixture
def rng():
    return random.Random("publicity-tests")


@pytest.fixture
def household(rng):
    """Values of one household of a 低保 list (full personal data, as staff enter it)."""

    def make(**extra):
        values = {
            "town": "华塘镇",
            "village": "吴山村",
            "name": person_name(rng),
            "id_number": id_number(rng),
            "phone": f"13{rng.randrange(100000000, 999999999)}",
            "bank_account": f"621799{rng.randrange(10**12, 10**13)}",
            "address": f"郴州市北湖区华塘镇吴山村{rng.randrange(1, 9)}组{rng.randrange(1, 99)}号",
            "people": rng.randrange(1, 5),
            "amount": Decimal(rng.randrange(300, 900)),
            "category": "A类",
        }
        values.update(extra)
        return values

    return make


@pytest.fixture
def make_list(personas):
    def make(kind=Kind.URBAN_DIBAO, *, actor=None, organisation=None, year=2018, month=3, **extra):
        return actions.create_publicity(
            actor=actor or personas.editor,
            organisation=organisation or personas.department,
            kind=kind,
            title=extra.pop("title", f"{year}年{month}月城市低保公示"),
            year=year,
            month=month,
            **extra,
        )

    return make


@pytest.fixture
def filled(make_list, household, personas):
    """A draft 低保 list of five households."""

    def make(n=5, **kwargs):
        publicity = make_list(**kwargs)
        for _ in range(n):
            actions.add_entry(publicity, actor=personas.editor, **household())
        return publicity

    return make


@pytest.fixture
def publish(personas):
    """Release a publicity and take its notice through the catalog's review and approval."""

    def run(publicity: Publicity) -> Publicity:
        publicity = actions.release_publicity(publicity, actor=personas.editor)
        version = Version.objects.get(item_id=publicity.notice_item_id)
        catalog_actions.submit(version, actor=personas.editor)
        catalog_actions.review(version, actor=personas.reviewer, passed=True)
        catalog_actions.approve(version, actor=personas.leader, approved=True)
        publicity.refresh_from_db()
        return publicity

    return run


@pytest.fixture
def sheet():
    """An XLSX file of ``rows`` (dicts keyed by header) under ``headers``."""

    def make(headers, rows):
        from openpyxl import Workbook

        book = Workbook()
        ws = book.active
        ws.append(headers)
        for row in rows:
            ws.append([row.get(h, "") for h in headers])
        buffer = BytesIO()
        book.save(buffer)
        buffer.seek(0)
        buffer.name = "名单.xlsx"
        return buffer

    return make


@pytest.fixture
def march_2018():
    """The clock on 2018-03-05 10:00 Beijing time (a Monday)."""
    import time_machine

    with time_machine.travel(dt.datetime(2018, 3, 5, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False) as t:
        yield t
