"""Fixtures of the sector figures' tests: a small indicator catalog of 教育局 (the personas'
department, where the editor, reviewer and leader work) shaped like the seed's land transfer — a
total in 万亩 to two places and four parts to three — plus a share and a count; its 2018 report."""

import pytest

from gongkai.sectors import actions
from gongkai.sectors.models import PartsRule, Sector, Unit

LAND_2018 = {"total": "8.04", "farmer": "3.928", "coop": "1.509", "enterprise": "1.835", "other": "0.678"}


@pytest.fixture
def catalog(personas):
    """code → indicator: land.total (its parts sum to it), land.farmer … land.other, share, schools."""
    make = actions.create_indicator
    district, org, office = personas.district, personas.department, personas.coordinator
    total = make(
        district,
        actor=office,
        code="land.total",
        name="土地流转总面积",
        unit=Unit.WAN_MU,
        decimals=2,
        sector=Sector.LAND,
        organisation=org,
        parts_rule=PartsRule.EQUAL,
    )
    found = {"land.total": total}
    for key, name in (
        ("farmer", "流向农户"),
        ("coop", "流向合作社"),
        ("enterprise", "流向企业"),
        ("other", "流向其他"),
    ):
        found[f"land.{key}"] = make(
            district,
            actor=office,
            code=f"land.{key}",
            name=name,
            unit=Unit.WAN_MU,
            decimals=3,
            sector=Sector.LAND,
            organisation=org,
            parent=total,
        )
    found["share"] = make(
        district,
        actor=office,
        code="share",
        name="电子化注册完成率",
        unit=Unit.PERCENT,
        decimals=1,
        sector=Sector.HEALTH,
        organisation=org,
    )
    found["schools"] = make(
        district,
        actor=office,
        code="schools",
        name="随迁子女入学",
        unit=Unit.PEOPLE,
        decimals=0,
        sector=Sector.EDUCATION,
        organisation=org,
    )
    return found


@pytest.fixture
def report(personas, catalog):
    return actions.start_report(personas.department, 2018, actor=personas.editor)


@pytest.fixture
def fill(personas, catalog):
    """Type values by code (the seed's land figures, 100 %, 1268 pupils unless told)."""

    def run(report, actor=None, **overrides):
        values = {f"land.{k}": v for k, v in LAND_2018.items()} | {"share": "100", "schools": "1268"}
        values.update({k.replace("__", "."): v for k, v in overrides.items()})
        return actions.enter_values(
            report, actor=actor or personas.editor, values={catalog[c].pk: v for c, v in values.items()}
        )

    return run


LAND_REASON = "总面积为农经年报数，分项取自乡镇台账，统计口径不同。"


@pytest.fixture
def confirmed(personas, catalog, report, fill):
    """The 2018 report filled, its land check explained, submitted and confirmed."""
    from gongkai.sectors.models import CheckKind

    fill(report)
    actions.explain(
        report,
        actor=personas.editor,
        indicator=catalog["land.total"],
        kind=CheckKind.PARTS_SUM,
        text=LAND_REASON,
    )
    actions.submit_report(report, actor=personas.editor)
    actions.confirm_report(report, actor=personas.leader)
    report.refresh_from_db()
    return report


@pytest.fixture
def published(personas, confirmed):
    """The confirmed 2018 report put up for publication and taken through the catalog's review and
    approval: its figures are public."""
    from gongkai.catalog import actions as catalog_actions
    from gongkai.catalog.models import Version as ItemVersion

    version = actions.publish_version(confirmed, actor=personas.editor)
    item_version = ItemVersion.objects.get(item_id=version.notice_item_id)
    catalog_actions.submit(item_version, actor=personas.editor)
    catalog_actions.review(item_version, actor=personas.reviewer, passed=True)
    catalog_actions.approve(item_version, actor=personas.leader, approved=True)
    return version
