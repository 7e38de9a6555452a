"""The figures: savings rates equal an independent computation over random projects (exact
fractions, rounded by hand); only what the public sees counts; an organisation's figures include
the units below it and no one else's; terminated projects are left out."""

import datetime as dt
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from gongkai.accounts.factories import make_staff
from gongkai.accounts.roles import Role
from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Version
from gongkai.procurement import actions, stats
from gongkai.procurement.models import Method, NoticeKind, ProcurementType

pytestmark = pytest.mark.django_db


def rate(saved: int, budget: int) -> Decimal:
    """saved ÷ budget as a percentage, two decimals rounded half up, from integers (fen)."""
    hundredths = Fraction(saved * 10000, budget)
    whole, rest = divmod(hundredths.numerator, hundredths.denominator)
    whole += 2 * rest >= hundredths.denominator
    return Decimal(whole) / 100


def test_the_year_figures_equal_an_independent_computation_over_random_projects(
    personas, with_result, awarded, make_project, publish
):
    rng = random.Random(20181231)
    expected: dict[str, list[tuple[int, int]]] = {t: [] for t in ProcurementType.values}
    for _n in range(14):
        budget = rng.randrange(20_000_000, 500_000_000)  # fen
        contract = budget - rng.randrange(0, budget // 10)
        kind = rng.choice(ProcurementType.values)
        with_result(budget=str(Decimal(budget) / 100), contract=str(Decimal(contract) / 100), type=kind)
        expected[kind].append((budget, contract))
    # Public by its tender notice, its result not yet: it counts, without a contract amount.
    pending = actions.start_procurement(
        make_project(budget="999999.00"), actor=personas.editor, started_on=dt.date(2018, 6, 1)
    )
    publish(actions.draft_notice(pending, NoticeKind.TENDER, actor=personas.editor))
    awarded(pending, contract="1.00")
    total = stats.summary(personas.district, 2018)
    rows = [r for group in expected.values() for r in group]
    assert (total.projects, total.contracted) == (15, 14)
    budget, contract = sum(b for b, _c in rows), sum(c for _b, c in rows)
    assert total.budget == Decimal(budget) / 100 and total.contract == Decimal(contract) / 100
    assert total.savings_rate == rate(budget - contract, budget)
    for kind, totals in stats.by_type(personas.district, 2018).items():
        group = expected[kind]
        if not group:
            assert totals.savings_rate is None
            continue
        b, c = sum(x for x, _y in group), sum(y for _x, y in group)
        assert totals.savings_rate == rate(b - c, b)


def test_only_public_projects_count_and_terminated_ones_are_left_out(personas, make_project, with_result):
    with_result(budget="100000.00", contract="95000.00")
    make_project(budget="5000000.00")  # no notice: not public
    ended = with_result(budget="300000.00", contract="280000.00")
    actions.terminate(ended, actor=personas.editor, reason="成交供应商拒绝签订合同，依法重新采购")
    total = stats.summary(personas.district, 2018)
    assert (total.projects, total.contract) == (1, Decimal("95000.00"))


def test_an_organisation_counts_its_units_and_no_one_elses(personas, with_result, make_project, publish):
    with_result(budget="100000.00", contract="90000.00")
    with_result(budget="200000.00", contract="190000.00", organisation=personas.budget_unit)
    other = make_project(
        budget="700000.00", organisation=personas.other_department, actor=personas.coordinator
    )
    # 财政局's own intention, through its own catalog workflow (the outsider is its editor and leader)
    reviewer = make_staff("fin-reviewer", personas.other_department, Role.REVIEWER)
    notice = actions.draft_notice(other, NoticeKind.INTENTION, actor=personas.outsider)
    version = Version.objects.get(item_id=notice.item_id)
    catalog_actions.submit(version, actor=personas.outsider)
    catalog_actions.review(version, actor=reviewer, passed=True)
    catalog_actions.approve(version, actor=personas.outsider, approved=True)

    department = stats.summary(personas.department, 2018)
    unit = stats.summary(personas.budget_unit, 2018)
    district = stats.summary(personas.district, 2018)
    assert (department.projects, department.savings) == (2, Decimal("20000.00"))
    assert (unit.projects, unit.savings) == (1, Decimal("10000.00"))
    assert (district.projects, district.contracted) == (3, 2)
    assert district.planned_budget == Decimal("1000000.00")
    assert stats.summary(personas.other_department, 2018).contracted == 0


def test_by_method_lists_the_methods_used(personas, with_result):
    with_result(method=Method.INQUIRY)
    with_result(method=Method.OPEN_TENDER)
    with_result(method=Method.OPEN_TENDER, started=dt.date(2018, 5, 2), chosen=dt.date(2018, 6, 1))
    found = stats.by_method(personas.district, 2018)
    assert list(found) == [Method.OPEN_TENDER, Method.INQUIRY]
    assert found[Method.OPEN_TENDER].projects == 2


def test_notice_timeliness_counts_late_and_missing_with_their_days(personas, with_result, awarded, today):
    cst = dt.timezone(dt.timedelta(hours=8))
    with_result(chosen=dt.date(2018, 7, 2), published=dt.datetime(2018, 7, 3, 10, tzinfo=cst))  # on time
    with_result(chosen=dt.date(2018, 7, 2), published=dt.datetime(2018, 7, 9, 10, tzinfo=cst))  # 3 late
    counts = stats.notice_timeliness(personas.district, 2018, today=dt.date(2018, 12, 12))[NoticeKind.RESULT]
    assert (counts.due, counts.on_time, counts.late, counts.missing, counts.late_days) == (2, 1, 1, 0, 3)
    assert counts.on_time_rate == Decimal("50.00")
