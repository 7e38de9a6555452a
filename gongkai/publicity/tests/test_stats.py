"""The figures, by hand: what is published counts (in or after its period), drafts and items still
in review do not; an organisation's figures beside its district's."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from gongkai.publicity import actions, stats
from gongkai.publicity.kinds import Kind

pytestmark = pytest.mark.django_db


def test_the_years_figures_count_only_what_the_public_has_seen(make_list, household, publish, personas, march_2018):
    def monthly(month, amounts, organisation=None, actor=None):
        publicity = make_list(month=month, title=f"{month}月", organisation=organisation, actor=actor)
        for people, amount in amounts:
            actions.add_entry(publicity, actor=actor or personas.editor, **household(people=people, amount=amount))
        return publicity

    publish(monthly(1, [(2, "650.00"), (1, "325.50")]))
    publish(monthly(2, [(2, "650.00"), (3, "975.25")]))
    actions.release_publicity(monthly(3, [(4, "1300.00")]), actor=personas.editor)  # still in review
    monthly(4, [(1, "300.00")])  # a draft
    figures = stats.entries(personas.district, 2018)[Kind.URBAN_DIBAO]
    assert (figures.lists, figures.households, figures.people) == (2, 4, 8)
    assert figures.amount == Decimal("2600.75") and figures.amount_wan == Decimal("0.260075")
    assert stats.lists_published(personas.district, 2018)[Kind.URBAN_DIBAO] == 2
    assert stats.entries(personas.district, 2017)[Kind.URBAN_DIBAO].households == 0
    # The department's own figures are the district's here; another department has none.
    assert stats.entries(personas.department, 2018)[Kind.URBAN_DIBAO].people == 8
    assert stats.entries(personas.other_department, 2018)[Kind.URBAN_DIBAO].people == 0
    # After the period the lists still count.
    with time_machine.travel(dt.datetime(2018, 6, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        actions.end_periods()
    assert stats.entries(personas.district, 2018)[Kind.URBAN_DIBAO].people == 8


def test_notices_per_kind_and_the_report_figures(make_list, publish, personas, march_2018):
    for n in range(3):
        publish(make_list(Kind.LAND_ACQUISITION, title=f"征地{n}", facts={"project": "批次", "location": "镇", "area": "1.5"}))
    publish(make_list(Kind.EXPROPRIATION_NOTICE, title="征收通告", facts={"project": "棚改", "scope": "东至人民路"}))
    counts = stats.notices_published(personas.district, 2018)
    assert counts[Kind.LAND_ACQUISITION] == 3 and counts[Kind.EXPROPRIATION_NOTICE] == 1
    assert counts[Kind.MINING_RIGHT] == 0
    report = stats.report_figures(personas.district, 2018)
    assert report["land_acquisition_projects"] == 3 and report["expropriation_notices"] == 1
    assert report["housing_allocated"] == 0


def test_objections_are_counted(filled, publish, personas, march_2018):
    publicity = publish(filled(1))
    actions.record_objection(publicity, actor=personas.editor, received_on=dt.date(2018, 3, 5), content="有异议")
    assert stats.objections(personas.district, 2018) == {"received": 1, "upheld": 0, "rejected": 0, "open": 1}
