"""The demo district's sector figures: every figure of the seed's chapter 一（二） a department
reports, read back from stats.py as the annual report would cite it; the land transfer flagged and
explained; the portal showing them; last year's round in progress; loading again adds nothing."""

import datetime as dt
import io

import pytest
import time_machine

from gongkai.sectors import standard, stats
from gongkai.sectors.demo_steps import load_sectors
from gongkai.sectors.models import Figure, Indicator, Report, ReportState
from gongkai.sectors.public import public_figures

pytestmark = pytest.mark.django_db

# The seed's sentences, by hand: (code, the figure as the report prints it)
SEED = {
    "land.transfer.total": "8.04万亩",
    "land.transfer.farmer": "3.928万亩",
    "land.transfer.coop": "1.509万亩",
    "land.transfer.enterprise": "1.835万亩",
    "land.transfer.other": "0.678万亩",
    "health.public_place_licence": "327家",
    "health.nurse_registration": "836人",
    "dibao.urban.people": "43003人",
    "dibao.urban.funds": "1401.2133万元",
    "dibao.rural.funds": "651.5740万元",
    "edu.compulsory_fees_waived.funds": "5851.00万元",
    "edu.compulsory_fees_waived.students": "88210人",
    "edu.registered_poor_aid.funds": "220.7425万元",
    "env.discharge_permits": "117个",
    "food_drug.drug_cases": "70起",
    "employment.info.total": "772条",
}


@pytest.fixture
def demo(db):
    from gongkai.demo.district import build_district

    district = build_district()
    with time_machine.travel(dt.datetime(2020, 2, 10, 10, tzinfo=dt.UTC), tick=False):
        load_sectors(district, stdout=io.StringIO())
    return district


def test_every_seed_figure_reads_back_from_stats_with_its_department(demo):
    found = stats.figures(demo, 2018)
    assert set(found) == {s.code for s in standard.STANDARD}
    for code, text in SEED.items():
        assert found[code].text == text, code
    assert found["land.transfer.total"].organisation.endswith("农业农村局")
    assert found["edu.migrant_children_enrolled"].organisation.endswith("教育局")
    for spec in standard.STANDARD:
        assert found[spec.code].value == spec.seed_value


def test_the_land_transfer_is_flagged_and_explained_and_nothing_is_open(demo):
    figure = Figure.objects.get(indicator__code="land.transfer.total", version__report__year=2018)
    (check,) = figure.version.checks
    assert check["kind"] == "parts_sum" and "7.95" in check["message"] and "统计口径" in check["explanation"]
    assert stats.open_checks(demo, 2018) == []


def test_the_portal_shows_the_seed_year_and_last_years_round_is_in_progress(demo, client):
    assert public_figures(demo, 2018).count() == len(standard.STANDARD)
    page = client.get("/xxgk/hysj/").content.decode()
    assert "8.04" in page and "1401.2133" in page
    live = Report.objects.get(district=demo, year=2019)
    assert live.organisation.short_name == "教育局" and live.state == ReportState.SUBMITTED
    board = {row.organisation.short_name: row for row in stats.completeness(demo, 2019)}
    assert board["教育局"].state == ReportState.SUBMITTED and board["民政局"].report is None


def test_loading_again_adds_nothing(demo):
    counts = (Indicator.objects.count(), Report.objects.count(), Figure.objects.count())
    with time_machine.travel(dt.datetime(2020, 2, 10, 10, tzinfo=dt.UTC), tick=False):
        load_sectors(demo, stdout=io.StringIO())
    assert (Indicator.objects.count(), Report.objects.count(), Figure.objects.count()) == counts
