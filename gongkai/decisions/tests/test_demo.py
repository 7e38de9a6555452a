"""The demo district's 双公示 registry: the seed's 2018 figures read back through stats.py, the
batches published in the catalog (a few late), the natural persons masked, and loading twice
changes nothing."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Count

from gongkai.decisions import stats
from gongkai.decisions.demo_steps import LATE_BATCHES, load_decisions
from gongkai.decisions.models import Batch, Decision, DecisionKind, DecisionState, PartyType
from gongkai.lib.validators import validate_id_number, validate_uscc
from gongkai.orgs.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, clock):
    from gongkai.demo.district import build_district

    # The day the seed's annual report was published.
    clock.move_to(dt.datetime(2019, 3, 19, 16, 7, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    district = build_district()
    load_decisions(district, stdout=io.StringIO())
    return district


def _org(district, short):
    return Organisation.objects.get(district=district, short_name=short)


def _seed_figures(demo):
    health = _org(demo, "卫健局")
    assert stats.licensing_decisions(health, 2018) == 327 + 105 + 39 + 195 + 240 + 836
    by_title = dict(
        Decision.objects.filter(organisation=health, kind=DecisionKind.LICENSING)
        .values_list("title")
        .annotate(n=Count("pk"))
    )
    assert by_title == {
        "公共场所卫生许可": 327,
        "医疗机构执业许可变更（地址、法定代表人）": 105,
        "医疗机构执业许可校验": 39,
        "母婴保健技术服务人员资格认定": 195,
        "医师执业注册": 240,
        "护士执业注册": 836,
    }
    environment = _org(demo, "生态环境分局")
    assert stats.licensing_decisions(environment, 2018) == 34 + 117
    market = _org(demo, "市监局")
    assert stats.penalty_decisions(market, 2018) == 34 + 70 + 2
    rows = stats.report_rows(demo, 2018)
    assert rows[DecisionKind.LICENSING] == 1742 + 151 + 220 + 48 + 36 + 62
    assert rows[DecisionKind.PENALTY] == 106 + 45 + 30 + 12 + 15
    assert rows[DecisionKind.ENFORCEMENT] == 8 + 10 + 3
    assert stats.licensing_decisions(demo, 2017) == 0


def _fines_and_timeliness(demo):
    amounts = Decision.objects.filter(kind=DecisionKind.PENALTY, decided_on__year=2018).values_list(
        "fine_wan", flat=True
    )
    assert stats.fines_wan(demo, 2018) == sum(a for a in amounts if a).quantize(Decimal("0.01"))
    timeliness = stats.on_time(demo, 2018)
    assert timeliness.unpublished == 0
    assert timeliness.released == Decision.objects.filter(district=demo, decided_on__year=2018).count()
    assert 0 < timeliness.late < timeliness.on_time
    assert timeliness.max_late_days >= 3
    late_batches = {
        d.batch_id: d.organisation.short_name
        for d in Decision.objects.filter(decided_on__year=2018).select_related("organisation")
        if stats.lateness([d])[d.pk][1] > 0
    }
    assert set(late_batches.values()) <= {short for short, _g, _w in LATE_BATCHES} | {
        "卫健局",
        "市监局",
        "生态环境分局",
    }
    assert len(set(late_batches)) <= 6  # a few, not most


def _parties_periods_and_idempotence(demo):
    people = Decision.objects.filter(party_type=PartyType.NATURAL)
    assert people.count() >= 1271
    for d in people[:50]:
        assert "*" in d.party_name and validate_id_number(d.id_number.plaintext())
    for d in Decision.objects.exclude(party_type=PartyType.NATURAL)[:50]:
        assert validate_uscc(d.credit_code) == d.credit_code
    warning_only = Decision.objects.filter(kind=DecisionKind.PENALTY, category="warning", category_2="")
    assert warning_only.exists()
    assert all(
        d.state == DecisionState.ENDED for d in warning_only if d.publicity_ends_on < dt.date(2019, 3, 19)
    )
    big = Decision.objects.filter(organisation__short_name="生态环境分局", kind=DecisionKind.PENALTY)
    assert {d.state for d in big} == {DecisionState.RELEASED}  # three years: still public in 2019
    live = Decision.objects.filter(organisation__short_name="教育局")
    assert {d.state for d in live} == {DecisionState.RELEASED, DecisionState.RECORDED}
    counts = (Decision.objects.count(), Batch.objects.count())
    load_decisions(demo, stdout=io.StringIO())
    assert (Decision.objects.count(), Batch.objects.count()) == counts


def test_the_demo_reads_back_the_seeds_figures_is_masked_timely_but_for_a_few_and_loads_once(demo):
    # One test: loading the demo district is the slow part, done once.
    _seed_figures(demo)
    _fines_and_timeliness(demo)
    _parties_periods_and_idempotence(demo)
