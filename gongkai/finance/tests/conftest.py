"""Fixtures of the finance registry's tests: the personas' budget unit (测试区第一中学, under 教育局,
where the editor, reviewer and leader work), its disclosures filled from consistent synthetic
workbooks, and publication through the catalog's real workflow. Dates are frozen where they matter."""

import datetime as dt
import io
import random
from decimal import Decimal

import pytest
import time_machine

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Version
from gongkai.finance import actions, importer, samples
from gongkai.finance.models import Disclosure, Kind
from gongkai.finance.tables import specs_for

TODAY = dt.datetime(2018, 6, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()


def sample_tables(kind: str, level: str = "department", seed: int = 1) -> dict:
    rng = random.Random(seed)
    tp = samples.ThreePublic.draw(rng, Decimal(900))
    if level == "government":
        if kind in (Kind.THREE_PUBLIC_BUDGET, Kind.THREE_PUBLIC_FINAL):
            return samples.three_public_tables(kind, tp, level="government")
        return samples.government_tables(rng, kind, revenue=Decimal(150000), fund=Decimal(60000))
    if kind in (Kind.THREE_PUBLIC_BUDGET, Kind.THREE_PUBLIC_FINAL):
        return samples.three_public_tables(kind, tp)
    spending = samples.draw_spending(rng, "school", Decimal(900))
    return samples.department_tables(kind, spending, tp, final=kind == Kind.FINAL)


def workbook(kind: str, level: str = "department", seed: int = 1, tables: dict | None = None) -> io.BytesIO:
    """The finance system's export of every table of ``kind``: a sheet per table."""
    tables = tables if tables is not None else sample_tables(kind, level, seed)
    specs = specs_for(level, kind)
    return io.BytesIO(importer.workbook([(s, tables[s.code]) for s in specs]))


SECTIONS = {
    "functions": "负责全区初中和小学教育教学工作。",
    "changes": "人员经费按政策调整。",
    "three_public_changes": "压减公务接待费。",
    "operating_costs": "机关运行经费12.30万元。",
    "procurement": "政府采购35.00万元。",
    "assets": "公务用车1辆。",
    "performance": "开展项目绩效自评。",
    "glossary": "财政拨款收入：本级财政当年拨付的资金。",
}


@pytest.fixture
def make_disclosure(personas):
    def make(kind=Kind.FINAL, fiscal_year=2017, approved_on=dt.date(2018, 6, 1), unit=None, actor=None):
        return actions.create_disclosure(
            actor=actor or personas.editor,
            unit=unit or personas.budget_unit,
            kind=kind,
            fiscal_year=fiscal_year,
            approved_on=approved_on,
        )

    return make


@pytest.fixture
def filled(personas):
    """Import a full, consistent workbook into a draft and write its required sections."""

    def fill(disclosure: Disclosure, actor=None, seed: int = 1) -> Disclosure:
        actor = actor or personas.editor
        report = actions.import_tables(
            disclosure, workbook(disclosure.kind, disclosure.level, seed), actor=actor, name="x.xlsx"
        )
        assert report.ok and not report.bad_sheets, (
            report.problems,
            [(s.sheet, s.errors) for s in report.bad_sheets],
        )
        for spec in specs_for(disclosure.level, disclosure.kind):
            if not disclosure.tables.filter(code=spec.code).exists():
                actions.mark_empty(disclosure, spec.code, actor=actor)
        actions.update_disclosure(disclosure, actor=actor, **SECTIONS)
        disclosure.refresh_from_db()
        return disclosure

    return fill


@pytest.fixture
def publish(personas):
    """Release a disclosure and take its item through the catalog's review and approval."""

    def run(disclosure: Disclosure, editor=None, reviewer=None, leader=None) -> Disclosure:
        disclosure = actions.release_disclosure(disclosure, actor=editor or personas.editor)
        version = Version.objects.get(item_id=disclosure.item_id)
        catalog_actions.submit(version, actor=editor or personas.editor)
        catalog_actions.review(version, actor=reviewer or personas.reviewer, passed=True)
        catalog_actions.approve(version, actor=leader or personas.leader, approved=True)
        return disclosure

    return run
