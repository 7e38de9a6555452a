"""The demo: the district's 2018 report generated from the demo records and published in 年报, with
the figures the seed states wherever the platform holds them; a 2021-format report for a later year."""

import io

import pytest

from gongkai.catalog.models import Item
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.reports.models import Report, ReportState

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_the_2018_report_with_the_seeds_figures(db):
    """The steps the 2018 report reads (the full loader runs in gongkai/demo's test)."""
    from gongkai.demo.district import build_district
    from gongkai.demo.steps import steps

    out = io.StringIO()
    built = build_district()
    for step in steps():
        if step.name in {"catalog", "hotline", "powers", "reports"}:
            step.func(built, stdout=out)
    district = Organisation.objects.get(kind=OrgKind.DISTRICT, short_name="北湖区")
    report = Report.objects.get(organisation=district, year=2018)
    assert report.state == ReportState.RELEASED and report.format == "narrative"
    assert Item.objects.get(pk=report.item_id).is_public
    narrative = report.figures["narrative"]
    proactive = narrative["proactive"]
    assert proactive["total"] == 11908
    shares = {c["name"]: (c["count"], c["share"]) for c in proactive["categories"]}
    assert shares["政务动态、应急管理"] == (6143, "51.59")
    assert shares["专题报道"] == (1728, "14.51")
    assert shares["政策法规"] == (291, "2.44")
    assert shares["人事任免"] == (16, "0.13")
    assert shares["规划计划"] == (229, "1.92")
    assert shares["机构设置"] == (35, "0.29")
    assert shares["其他"][0] == 4115
    assert proactive["categories_sum"] == 12557
    assert narrative["powers"] == {"cancelled_or_partly": 28, "added": 22, "taken_over": 4, "adjusted": 12}
    hotline = narrative["hotline"]
    assert (hotline["calls"], hotline["letters"], hotline["bulletins"]) == (15417, 183, 12)
    assert hotline["calls_closure_rate"] == hotline["letters_closure_rate"] == "100.00"
    assert "11908条" in report.overview and "51.59%" in report.overview
    later = Report.objects.filter(organisation=district, year__gte=2021).get()
    assert later.format == "2021" and later.state == ReportState.DRAFT
    print(out.getvalue()[-2000:])
