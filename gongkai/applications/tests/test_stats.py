"""The annual report's figures (stats.py): 一 + 二 = 三 + 四 per applicant column, table 四, fees; for
an organisation or a whole district."""

import datetime as dt

import pytest

from gongkai.applications import actions, stats
from gongkai.applications.models import ApplicantType, ReviewKind, ReviewResult
from gongkai.applications.outcomes import ApplicantCategory, Outcome

pytestmark = pytest.mark.django_db
D = dt.date


def test_carry_over_and_results_balance(make_app, personas):
    # carried in from 2024: received Dec 2024, replied Jan 2025
    old = make_app(received=D(2024, 12, 20))
    actions.close(old, actor=personas.editor, outcome=Outcome.DISCLOSE, replied_on=D(2025, 1, 10))
    # closed within 2024: not part of 2025 at all
    done = make_app(received=D(2024, 11, 1))
    actions.close(done, actor=personas.editor, outcome=Outcome.DISCLOSE, replied_on=D(2024, 11, 20))
    # new in 2025 by a business, partially disclosed
    business = make_app(
        received=D(2025, 3, 3),
        applicant_type=ApplicantType.LEGAL,
        category=ApplicantCategory.BUSINESS,
        org_name="北湖某某有限公司",
        uscc="91431002MA4L000000",
    )
    actions.close(business, actor=personas.editor, outcome=Outcome.PARTIAL, replied_on=D(2025, 3, 20))
    # new in 2025, still open at year end: carried out
    make_app(received=D(2025, 12, 22))
    table = stats.table_three(2025, district=personas.district)
    assert table["new"]["natural"] == 1 and table["new"]["business"] == 1 and table["new"]["total"] == 2
    assert table["carried_in"]["total"] == 1
    assert table["results_total"]["total"] == 2
    assert table["carried_out"]["total"] == 1
    assert table["balanced"]
    partial = next(g for g in table["results"] if g["key"] == "partial")
    assert partial["counts"]["business"] == 1


def test_review_and_litigation_counts(make_app, personas):
    app = make_app()
    actions.close(app, actor=personas.editor, outcome=Outcome.WITHHOLD_PROCESS, replied_on=D(2025, 6, 20))
    case = actions.add_review_case(app, actor=personas.editor, kind=ReviewKind.REVIEW, filed_on=D(2025, 7, 1))
    actions.add_review_case(app, actor=personas.editor, kind=ReviewKind.DIRECT_SUIT, filed_on=D(2025, 8, 1))
    actions.decide_review_case(
        case, actor=personas.editor, result=ReviewResult.CORRECTED, decided_on=D(2025, 9, 1)
    )
    table = stats.table_four(2025, district=personas.district)
    assert table["review"]["corrected"] == 1 and table["review"]["total"] == 1
    assert table["direct_suit"]["pending"] == 1


def test_fees_collected_count_only_paid_notices(make_app, personas):
    paid = make_app(received=D(2025, 6, 9))
    stop = actions.issue_fee_notice(
        paid, actor=personas.editor, method="per_page", quantity=40, notice_on=D(2025, 6, 10)
    )
    actions.end_stop(stop, actor=personas.editor, ended_on=D(2025, 6, 12))
    unpaid = make_app(received=D(2025, 6, 9))
    actions.issue_fee_notice(
        unpaid, actor=personas.editor, method="per_page", quantity=40, notice_on=D(2025, 6, 10)
    )
    assert stats.fees_collected(2025, district=personas.district) == 100


def test_an_organisations_figures_count_only_the_applications_it_handles(make_app, personas):
    mine = make_app(received=D(2025, 3, 3))
    actions.close(mine, actor=personas.editor, outcome=Outcome.DISCLOSE, replied_on=D(2025, 3, 20))
    actions.add_review_case(mine, actor=personas.editor, kind=ReviewKind.REVIEW, filed_on=D(2025, 4, 1))
    make_app(received=D(2025, 5, 5), organisation=personas.other_department)
    make_app(received=D(2025, 5, 6), organisation=personas.other_department)
    ours = stats.table_three(2025, organisation=personas.department)
    theirs = stats.table_three(2025, organisation=personas.other_department)
    whole = stats.table_three(2025, district=personas.district)
    assert (ours["new"]["total"], ours["results_total"]["total"], ours["carried_out"]["total"]) == (1, 1, 0)
    assert (theirs["new"]["total"], theirs["results_total"]["total"], theirs["carried_out"]["total"]) == (2, 0, 2)
    assert whole["new"]["total"] == 3 and whole["carried_out"]["total"] == 2
    assert ours["balanced"] and theirs["balanced"] and whole["balanced"]
    assert stats.table_four(2025, organisation=personas.department)["review"]["total"] == 1
    assert stats.table_four(2025, organisation=personas.other_department)["review"]["total"] == 0


def test_the_scope_is_an_organisation_or_a_district_never_both_nor_neither(personas):
    with pytest.raises(TypeError):
        stats.table_three(2025)
    with pytest.raises(TypeError):
        stats.table_three(2025, organisation=personas.department, district=personas.district)


def test_open_deadlines_and_replies_on_time(make_app, personas):
    # received Monday 9 June 2025: 20 working days (Dragon Boat 31 May–2 June is before) end 7 July
    late = make_app(received=dt.date(2025, 6, 9))
    on_time = make_app(received=dt.date(2025, 6, 9), organisation=personas.other_department)
    stats_open = {d.application_id: d for d in stats.open_deadlines(dt.date(2025, 7, 8), district=personas.district)}
    assert stats_open[late.pk].due == dt.date(2025, 7, 7) and stats_open[late.pk].overdue
    assert stats_open[late.pk].organisation_name == personas.department.name
    own = stats.open_deadlines(dt.date(2025, 7, 1), organisation=personas.department)
    assert [(d.application_id, d.overdue, d.days_left) for d in own] == [(late.pk, False, 4)]
    for app, replied in ((late, dt.date(2025, 7, 9)), (on_time, dt.date(2025, 7, 7))):
        app.status, app.replied_on, app.outcome = "closed", replied, Outcome.DISCLOSE
        app.save()
    july = stats.reply_timeliness(dt.date(2025, 7, 1), dt.date(2025, 7, 31), district=personas.district)
    assert {org: (t.replied, t.on_time) for org, t in july.items()} == {
        personas.department.pk: (1, 0),
        personas.other_department.pk: (1, 1),
    }
    assert stats.open_deadlines(dt.date(2025, 7, 9), district=personas.district) == []
