"""Fixtures of supervision's tests: a frozen day (Monday 2 March 2026, a working day), published
items put as the import makes them, applications and tickets straight from the apps' own actions
or tables, and the checks run as the daily job runs them."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.applications.models import ApplicantType, Application, Status
from gongkai.applications.outcomes import ApplicantCategory
from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Column
from gongkai.hotline import actions as hotline_actions
from gongkai.hotline.models import Category, Channel
from gongkai.orgs.models import Organisation
from gongkai.supervision import actions
from gongkai.supervision.models import Finding

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 3, 2)
_serial = itertools.count(1)


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def frozen():
    with time_machine.travel(at(2026, 3, 2, 10, 0), tick=False):
        yield TODAY


@pytest.fixture
def columns(personas):
    return {c.slug: c for c in Column.objects.filter(district=personas.district)}


@pytest.fixture
def put(personas, columns):
    """``put(title, slug, published_at, **fields)``: a published item, as the import makes it."""

    def make(title, slug, published_at, *, organisation=None, **fields):
        record = {
            "title": title,
            "organisation": organisation or personas.department,
            "column": columns[slug],
            "published_at": published_at,
            **fields,
        }
        (item,) = catalog_actions.import_items([record], personas.district, source="test")
        return item

    return make


YESTERDAY = at(2026, 3, 1, 9, 0)


@pytest.fixture
def fill_columns(personas, columns, put):
    """Every column with an update cycle published in yesterday: nothing stale, nothing blank."""

    def fill(day: dt.datetime = YESTERDAY, organisation: Organisation | None = None, skip=()):
        for slug, column in columns.items():
            if slug in skip:
                continue
            if column.update_cycle and column.is_active and not column.children.exists():
                put(f"{column.name}信息", slug, day, organisation=organisation)

    return fill


@pytest.fixture
def put_application():
    def put(organisation: Organisation, received_on: dt.date, *, replied_on: dt.date | None = None):
        n = next(_serial)
        return Application.objects.create(
            district_id=organisation.district_id,
            organisation=organisation,
            number=f"S{received_on.year}-{n:06d}",
            query_code_hash=f"{n:064d}",
            status=Status.CLOSED if replied_on else Status.PROCESSING,
            channel="online",
            received_on=received_on,
            applicant_type=ApplicantType.NATURAL,
            category=ApplicantCategory.NATURAL,
            name="申请人",
            phone="13800138000",
            description="所需信息",
            outcome="disclose" if replied_on else "",
            replied_on=replied_on,
        )

    return put


@pytest.fixture
def ticket(personas):
    """``ticket(lead, dispatched_at)``: a call taken and dispatched to ``lead`` at that moment."""
    category = Category.objects.create(district=personas.district, name="教育")

    def make(lead: Organisation, dispatched_at: dt.datetime):
        with time_machine.travel(dispatched_at, tick=False):
            t, _code = hotline_actions.intake(
                office=personas.office,
                channel=Channel.PHONE,
                actor=personas.operator,
                data={
                    "caller_name": "李女士",
                    "phone": "13907350001",
                    "matter": "入学问题",
                    "category": category,
                },
            )
            return hotline_actions.dispatch(t, lead, actor=personas.operator)

    return make


@pytest.fixture
def run(personas):
    """Run the checks of the personas' district on a day; the open findings by (rule, object)."""

    def go(day: dt.date = TODAY, district: Organisation | None = None) -> dict[tuple[str, str], Finding]:
        d = district or personas.district
        actions.run_checks(d, today=day)
        return {
            (f.rule, f.object_label): f for f in Finding.objects.filter(district=d, closed_on__isnull=True)
        }

    return go
