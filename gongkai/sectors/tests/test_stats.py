"""The figures as the annual report reads them: a department's beside its district's, the open
checks of a year, and the completeness board — all from the records."""

from decimal import Decimal

import pytest

from gongkai.sectors import actions, stats
from gongkai.sectors.models import CheckKind, ReportState, Sector, Unit

pytestmark = pytest.mark.django_db


def test_figures_of_a_department_and_of_its_district(personas, confirmed):
    district = stats.figures(personas.district, 2018)
    department = stats.figures(personas.department, 2018)
    assert (
        district.keys()
        == department.keys()
        == {"land.total", "land.farmer", "land.coop", "land.enterprise", "land.other", "share", "schools"}
    )
    assert stats.figures(personas.other_department, 2018) == {}
    assert stats.figures(personas.district, 2017) == {}
    assert sum(
        f.value for code, f in district.items() if code.startswith("land.") and code != "land.total"
    ) == Decimal("7.950")


def test_open_checks_name_what_still_flags(personas, catalog, report, fill):
    fill(report, share="101")
    found = {(c.indicator, c.kind) for c in stats.open_checks(personas.district, 2018)}
    assert found == {("land.total", CheckKind.PARTS_SUM), ("share", CheckKind.SHARE_OVER_100)}
    actions.explain(
        report,
        actor=personas.editor,
        indicator=catalog["land.total"],
        kind=CheckKind.PARTS_SUM,
        text="统计口径不同的原因",
    )
    assert [c.indicator for c in stats.open_checks(personas.department, 2018)] == ["share"]
    assert stats.open_checks(personas.other_department, 2018) == []


def test_completeness_lists_every_department_the_catalog_asks(personas, catalog, confirmed):
    actions.create_indicator(
        personas.district,
        actor=personas.coordinator,
        code="fin.x",
        name="财政指标",
        unit=Unit.WAN_YUAN,
        decimals=2,
        sector=Sector.OTHER,
        organisation=personas.other_department,
    )
    rows = {r.organisation: r for r in stats.completeness(personas.district, 2018)}
    assert rows[personas.department].state == ReportState.CONFIRMED and rows[personas.department].filled == 7
    assert rows[personas.department].indicators == 7 and rows[personas.department].confirmed_at is not None
    assert rows[personas.other_department].report is None and rows[personas.other_department].indicators == 1
    assert stats.reporting_years(personas.district) == [2018]
