"""Fixtures of procurement's tests: projects of the education department (教育局, where the
personas' editor, reviewer and leader work), taken step by step through the real actions, and
their notices published through the catalog's real workflow."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Version
from gongkai.procurement import actions
from gongkai.procurement.models import Method, NoticeKind, ProcurementType

# A day the tests stand on, whatever the machine's clock reads (a Wednesday).
TODAY = dt.datetime(2018, 12, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()


@pytest.fixture
def make_project(personas, today):
    counter = iter(range(1, 10_000))

    def make(
        *,
        code=None,
        budget="1000000.00",
        type=ProcurementType.GOODS,
        method=Method.OPEN_TENDER,
        year=2018,
        organisation=None,
        actor=None,
        planned_start_on=dt.date(2018, 6, 1),
        requirements="采购学生课桌椅 2000 套",
        name=None,
    ):
        n = next(counter)
        return actions.create_project(
            actor=actor or personas.editor,
            organisation=organisation or personas.department,
            code=code or f"JY-CG-{n:03d}",
            name=name or f"测试采购项目{n}",
            year=year,
            type=type,
            method=method,
            budget=Decimal(budget),
            requirements=requirements,
            planned_start_on=planned_start_on,
        )

    return make


@pytest.fixture
def publish(personas):
    """Take a notice through the catalog's review and approval, published at ``at``."""

    def run(notice, at=None):
        version = Version.objects.get(item_id=notice.item_id)
        with time_machine.travel(at or TODAY, tick=False):
            catalog_actions.submit(version, actor=personas.editor)
            catalog_actions.review(version, actor=personas.reviewer, passed=True)
            catalog_actions.approve(version, actor=personas.leader, approved=True)
        return notice

    return run


@pytest.fixture
def awarded(personas, make_project):
    """Take a project to 已确定供应商: started and awarded on the given days."""

    def run(
        project=None, *, contract="950000.00", started=dt.date(2018, 6, 1), chosen=dt.date(2018, 7, 2), **kw
    ):
        project = project or make_project(**kw)
        if project.state == "planned":
            project = actions.start_procurement(project, actor=personas.editor, started_on=started)
        return actions.award(
            project,
            actor=personas.editor,
            supplier_name="郴州市某某教学设备有限公司",
            supplier_code="",
            contract_amount=Decimal(contract),
            supplier_chosen_on=chosen,
        )

    return run


@pytest.fixture
def with_result(personas, awarded, publish):
    """An awarded project whose result notice was published on ``published`` (a datetime)."""

    def run(*, published=None, **kw):
        project = awarded(**kw)
        notice = actions.draft_notice(project, NoticeKind.RESULT, actor=personas.editor)
        publish(
            notice, published or dt.datetime(2018, 7, 3, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        )
        return project

    return run
